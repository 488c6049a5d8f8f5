/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device trees as QEMU and kvmtool generate them for a realm
 * (realm/dtgen.h).  The node and property order, phandles and values are
 * those veraison cca-realm-measurements (src/qemu.rs gen_dtb and its
 * DTBSurgeon, src/kvmtool.rs, src/fdt.rs, src/dtb_surgeon.rs) writes; the
 * blob layout is that of its vm-fdt writer (header of 40 bytes, the
 * memory reservation map 8-byte aligned, the structure block, then the
 * strings in first-use order, each name once, nothing shared between
 * suffixes).  The flattened format is the Devicetree Specification's
 * (v0.4, chapter 5).
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <realm/dtgen.h>
#include <realm/error.h>

#define KIB_ UINT64_C(1024)
#define MIB_ (KIB_ * 1024)
#define GIB_ (MIB_ * 1024)

#define FDT_MAGIC_ 0xd00dfeedu
#define FDT_BEGIN_NODE_ 1u
#define FDT_END_NODE_ 2u
#define FDT_PROP_ 3u
#define FDT_NOP_ 4u
#define FDT_END_ 9u
#define FDT_HDR_ 40u

#define IRQ_SPI_ 0u
#define IRQ_PPI_ 1u
#define IRQ_EDGE_LO_HI_ 1u
#define IRQ_LEVEL_HI_ 4u
#define IRQ_LEVEL_LO_ 8u
#define PCI_RANGE_IOPORT_ 0x01000000u
#define PCI_RANGE_MMIO_ 0x02000000u
#define PCI_RANGE_MMIO_64BIT_ 0x03000000u

/* QEMU virt (hw/arm/virt.c base_memmap, extended_memmap, irqmap). */
#define Q_GIC_DIST_ UINT64_C(0x08000000)
#define Q_GIC_DIST_SIZE_ UINT64_C(0x00010000)
#define Q_GIC_ITS_ UINT64_C(0x08080000)
#define Q_GIC_ITS_SIZE_ UINT64_C(0x00020000)
#define Q_GIC_REDIST_ UINT64_C(0x080a0000)
#define Q_GIC_REDIST_SIZE_ UINT64_C(0x00f60000)
#define Q_UART_ UINT64_C(0x09000000)
#define Q_RTC_ UINT64_C(0x09010000)
#define Q_FW_CFG_ UINT64_C(0x09020000)
#define Q_FW_CFG_SIZE_ UINT64_C(0x18)
#define Q_VIRTIO_MMIO_ UINT64_C(0x0a000000)
#define Q_VIRTIO_MMIO_SIZE_ UINT64_C(0x200)
#define Q_PLATFORM_BUS_ UINT64_C(0x0c000000)
#define Q_PLATFORM_BUS_SIZE_ UINT64_C(0x02000000)
#define Q_PCI_MMIO_ UINT64_C(0x10000000)
#define Q_PCI_MMIO_SIZE_ UINT64_C(0x2eff0000)
#define Q_PCI_IOPORT_ UINT64_C(0x3eff0000)
#define Q_PCI_IOPORT_SIZE_ UINT64_C(0x00010000)
#define Q_HIGH_REDIST_ (UINT64_C(256) * GIB_)
#define Q_HIGH_REDIST_SIZE_ (64 * MIB_)
#define Q_HIGH_PCI_CFG_SIZE_ (256 * MIB_)
#define Q_HIGH_PCI_MMIO_SIZE_ (512 * GIB_)
#define Q_BASE_PHANDLE_ 0x8000u
#define Q_SPI_UART_ 1u
#define Q_SPI_RTC_ 2u
#define Q_SPI_PCIE_ 3u
#define Q_SPI_MMIO_ 16u
#define Q_PPI_PMU_ 7u

/* kvmtool arm64 (arm/include/arm-common/kvm-arch.h, gic.h). */
#define K_IOPORT_SIZE_ UINT64_C(0x10000)
#define K_UART_ UINT64_C(0x01000000)
#define K_UART_SIZE_ UINT64_C(8)
#define K_UART_STRIDE_ UINT64_C(0x1000)
#define K_RTC_ UINT64_C(0x01010000)
#define K_RTC_SIZE_ UINT64_C(2)
#define K_VIRTIO_MMIO_ UINT64_C(0x03000000)
#define K_VIRTIO_MMIO_SIZE_ UINT64_C(0x200)
#define K_PCI_CFG_ UINT64_C(0x40000000)
#define K_PCI_CFG_SIZE_ (UINT64_C(1) << 28)
#define K_PCI_MMIO_ (K_PCI_CFG_ + K_PCI_CFG_SIZE_)
#define K_PCI_MMIO_SIZE_ (RLM_DTGEN_KVMTOOL_RAM_BASE - K_PCI_MMIO_)
#define K_GIC_DIST_ UINT64_C(0x3fff0000)
#define K_GIC_DIST_SIZE_ UINT64_C(0x10000)
#define K_GIC_REDIST_SIZE_ UINT64_C(0x20000)
#define K_GIC_ITS_SIZE_ (128 * KIB_)
#define K_SPI_VIRTIO_MMIO_ 4u
#define K_SPI_PCI_ 64u
#define K_GIC_PHANDLE_ 1u
#define K_ITS_PHANDLE_ 2u

/* ---- the writer (vm-fdt's layout) ------------------------------------ */

struct str_off_ {
	char *name;
	uint32_t off;
};

struct w_ {
	uint8_t *d;            /* header, reservation map, structure */
	size_t len, cap;
	uint8_t *s;            /* strings */
	size_t slen, scap;
	struct str_off_ *map;  /* name -> offset in s */
	size_t nmap, mapcap;
	uint32_t *ph;          /* phandles written (each once) */
	size_t nph, phcap;
	uint32_t off_rsv, off_struct;
	uint32_t version, last_comp, boot_cpuid, total;
	int depth;
	bool ended;
	int err;
};

static void grow_(struct w_ *w, uint8_t **p, size_t *cap, size_t need)
{
	size_t c = *cap ? *cap : 4096;
	uint8_t *n;

	if (need <= *cap)
		return;
	while (c < need)
		c *= 2;
	n = realloc(*p, c);
	if (!n) {
		w->err = RLM_ENOMEM;
		return;
	}
	*p = n;
	*cap = c;
}

static void put_(struct w_ *w, const void *p, size_t n)
{
	if (w->err)
		return;
	grow_(w, &w->d, &w->cap, w->len + n);
	if (w->err)
		return;
	if (n)
		memcpy(w->d + w->len, p, n);
	w->len += n;
}

static void pad_(struct w_ *w, size_t align)
{
	static const uint8_t z[8];

	if (w->len % align)
		put_(w, z, align - w->len % align);
}

static void be32_(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t rd32_(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t rd64_(const uint8_t *p)
{
	return (uint64_t)rd32_(p) << 32 | rd32_(p + 4);
}

static void u32_(struct w_ *w, uint32_t v)
{
	uint8_t b[4];

	be32_(b, v);
	put_(w, b, 4);
}

static void u64_(struct w_ *w, uint64_t v)
{
	u32_(w, (uint32_t)(v >> 32));
	u32_(w, (uint32_t)v);
}

static void w_init_(struct w_ *w, size_t rsv_pad, const uint8_t *rsv, size_t nrsv)
{
	size_t i;

	memset(w, 0, sizeof(*w));
	w->version = 17;
	w->last_comp = 16;
	grow_(w, &w->d, &w->cap, FDT_HDR_);
	if (w->err)
		return;
	memset(w->d, 0, FDT_HDR_);
	w->len = FDT_HDR_;
	for (i = 0; i < rsv_pad; i++)
		put_(w, "", 1);
	pad_(w, 8);
	w->off_rsv = (uint32_t)w->len;
	for (i = 0; i < nrsv; i++) {
		u64_(w, rd64_(rsv + 16 * i));
		u64_(w, rd64_(rsv + 16 * i + 8));
	}
	u64_(w, 0);
	u64_(w, 0);
	pad_(w, 4);
	w->off_struct = (uint32_t)w->len;
}

static void w_free_(struct w_ *w)
{
	size_t i;

	for (i = 0; i < w->nmap; i++)
		free(w->map[i].name);
	free(w->map);
	free(w->ph);
	free(w->d);
	free(w->s);
}

static void map_set_(struct w_ *w, const char *name, size_t n, uint32_t off)
{
	size_t i;
	char *c;

	if (w->err)
		return;
	for (i = 0; i < w->nmap; i++)
		if (strlen(w->map[i].name) == n && !memcmp(w->map[i].name, name, n)) {
			w->map[i].off = off;
			return;
		}
	if (w->nmap == w->mapcap) {
		size_t nc = w->mapcap ? 2 * w->mapcap : 64;
		struct str_off_ *m = realloc(w->map, nc * sizeof(*m));

		if (!m) {
			w->err = RLM_ENOMEM;
			return;
		}
		w->map = m;
		w->mapcap = nc;
	}
	c = malloc(n + 1);
	if (!c) {
		w->err = RLM_ENOMEM;
		return;
	}
	memcpy(c, name, n);
	c[n] = 0;
	w->map[w->nmap].name = c;
	w->map[w->nmap++].off = off;
}

static uint32_t intern_(struct w_ *w, const char *name)
{
	size_t i, n = strlen(name);
	uint32_t off;

	for (i = 0; i < w->nmap; i++)
		if (!strcmp(w->map[i].name, name))
			return w->map[i].off;
	off = (uint32_t)w->slen;
	grow_(w, &w->s, &w->scap, w->slen + n + 1);
	if (w->err)
		return 0;
	memcpy(w->s + w->slen, name, n + 1);
	w->slen += n + 1;
	map_set_(w, name, n, off);
	return off;
}

static void begin_(struct w_ *w, const char *name)
{
	u32_(w, FDT_BEGIN_NODE_);
	put_(w, name, strlen(name) + 1);
	pad_(w, 4);
	w->depth++;
	w->ended = false;
}

static void begin_addr_(struct w_ *w, const char *name, uint64_t addr)
{
	char n[96];

	snprintf(n, sizeof(n), "%s@%llx", name, (unsigned long long)addr);
	begin_(w, n);
}

static void end_(struct w_ *w)
{
	u32_(w, FDT_END_NODE_);
	w->depth--;
	w->ended = true;
}

static void prop_(struct w_ *w, const char *name, const void *val, size_t len)
{
	uint32_t off;

	if (w->ended || w->depth <= 0) {
		/* vm-fdt refuses a property after a child node */
		if (!w->err)
			w->err = RLM_EMALFORMED;
		return;
	}
	if (len == 4 && val && !strcmp(name, "phandle")) {
		/* vm-fdt's property_phandle refuses a duplicate; a patched
		 * template can bring one (a phandle the layout now assigns). */
		uint32_t v = rd32_(val);
		size_t i;

		for (i = 0; i < w->nph; i++)
			if (w->ph[i] == v) {
				if (!w->err)
					w->err = RLM_EEXIST;
				return;
			}
		if (w->nph == w->phcap) {
			size_t nc = w->phcap ? 2 * w->phcap : 64;
			uint32_t *n = realloc(w->ph, nc * sizeof(*n));

			if (!n) {
				w->err = RLM_ENOMEM;
				return;
			}
			w->ph = n;
			w->phcap = nc;
		}
		w->ph[w->nph++] = v;
	}
	off = intern_(w, name);
	u32_(w, FDT_PROP_);
	u32_(w, (uint32_t)len);
	u32_(w, off);
	put_(w, val, len);
	pad_(w, 4);
}

static void pnull_(struct w_ *w, const char *name)
{
	prop_(w, name, NULL, 0);
}

static void pstr_(struct w_ *w, const char *name, const char *v)
{
	prop_(w, name, v, strlen(v) + 1);
}

/* A string list given as "a\0b\0" with its total length. */
static void pstrs_(struct w_ *w, const char *name, const char *v, size_t len)
{
	prop_(w, name, v, len);
}

static void pu32s_(struct w_ *w, const char *name, const uint32_t *v, size_t n)
{
	uint8_t b[4 * 320];
	size_t i;

	if (n > sizeof(b) / 4) {
		w->err = RLM_E2BIG;
		return;
	}
	for (i = 0; i < n; i++)
		be32_(b + 4 * i, v[i]);
	prop_(w, name, b, 4 * n);
}

static void pu32_(struct w_ *w, const char *name, uint32_t v)
{
	pu32s_(w, name, &v, 1);
}

static void pu64s_(struct w_ *w, const char *name, const uint64_t *v, size_t n)
{
	uint8_t b[8 * 8];
	size_t i;

	if (n > 8) {
		w->err = RLM_E2BIG;
		return;
	}
	for (i = 0; i < n; i++) {
		be32_(b + 8 * i, (uint32_t)(v[i] >> 32));
		be32_(b + 8 * i + 4, (uint32_t)v[i]);
	}
	prop_(w, name, b, 8 * n);
}

static void pu64_(struct w_ *w, const char *name, uint64_t v)
{
	pu64s_(w, name, &v, 1);
}

/* Finish into buf; pad_to (kvmtool) zero-fills the blob to that size. */
static int finish_(struct w_ *w, size_t pad_to, uint8_t *buf, size_t cap, size_t *len)
{
	size_t total;
	uint32_t size_struct;

	if (!w->err && w->depth)
		w->err = RLM_EMALFORMED;
	u32_(w, FDT_END_);
	if (w->err)
		return w->err;
	size_struct = (uint32_t)(w->len - w->off_struct);
	total = w->len + w->slen;
	if (w->total) {
		if (w->total < total)
			return RLM_E2BIG;
		total = w->total;
	}
	if (total > UINT32_MAX)
		return RLM_E2BIG;
	be32_(w->d, FDT_MAGIC_);
	be32_(w->d + 4, (uint32_t)total);
	be32_(w->d + 8, w->off_struct);
	be32_(w->d + 12, (uint32_t)w->len);
	be32_(w->d + 16, w->off_rsv);
	be32_(w->d + 20, w->version);
	be32_(w->d + 24, w->last_comp);
	be32_(w->d + 28, w->boot_cpuid);
	be32_(w->d + 32, (uint32_t)w->slen);
	be32_(w->d + 36, size_struct);
	if (pad_to) {
		if (total > pad_to)
			return RLM_E2BIG;
	} else {
		pad_to = total;
	}
	*len = pad_to;
	if (!buf || cap < pad_to)
		return RLM_ENOSPC;
	memset(buf, 0, pad_to);
	memcpy(buf, w->d, w->len);
	if (w->slen)
		memcpy(buf + w->len, w->s, w->slen);
	return 0;
}

/* ---- layouts ----------------------------------------------------------- */

static uint64_t align_up_(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static unsigned int ncpus_(const struct rlm_dtgen_layout *l)
{
	return l->sockets * l->clusters * l->cores * l->threads;
}

static int check_(const struct rlm_dtgen_layout *l)
{
	uint64_t n;

	if (!l || (l->vmm != RLM_DTGEN_QEMU && l->vmm != RLM_DTGEN_KVMTOOL))
		return RLM_EINVAL;
	if (!l->ram_size || l->ram_base + l->ram_size < l->ram_base)
		return RLM_EINVAL;
	if (!l->sockets || !l->clusters || !l->cores || !l->threads)
		return RLM_EINVAL;
	n = (uint64_t)l->sockets * l->clusters * l->cores * l->threads;
	if (n > 4096)
		return RLM_EINVAL;
	if (l->vmm == RLM_DTGEN_KVMTOOL && l->virtio_mmio > 64)
		return RLM_EINVAL;
	return 0;
}

struct qmap_ {
	uint64_t high_redist, high_pci_cfg, high_pci_mmio, top;
};

/* cca-realm-measurements QemuParams::update_memmap. */
static void qemu_map_(const struct rlm_dtgen_layout *l, struct qmap_ *m)
{
	uint64_t addr = align_up_(RLM_DTGEN_QEMU_RAM_BASE + l->ram_size, GIB_) +
			align_up_(l->hotplug_size, GIB_);

	if (addr < Q_HIGH_REDIST_)
		addr = Q_HIGH_REDIST_;
	m->high_redist = align_up_(addr, Q_HIGH_REDIST_SIZE_);
	addr += Q_HIGH_REDIST_SIZE_;
	m->high_pci_cfg = align_up_(addr, Q_HIGH_PCI_CFG_SIZE_);
	addr += Q_HIGH_PCI_CFG_SIZE_;
	m->high_pci_mmio = align_up_(addr, Q_HIGH_PCI_MMIO_SIZE_);
	addr += Q_HIGH_PCI_MMIO_SIZE_;
	m->top = addr;
}

static unsigned int ilog2_(uint64_t v)
{
	unsigned int b = 0;

	while (v >> 1) {
		v >>= 1;
		b++;
	}
	return b;
}

int rlm_dtgen_ipa_bits(const struct rlm_dtgen_layout *l, unsigned int *bits)
{
	int rc = check_(l);

	if (rc)
		return rc;
	if (!bits)
		return RLM_EINVAL;
	if (l->vmm == RLM_DTGEN_QEMU) {
		struct qmap_ m;

		qemu_map_(l, &m);
		*bits = ilog2_(m.top) + 2;
	} else {
		unsigned int b = ilog2_(l->ram_base + l->ram_size - 1);

		*bits = (b < 32 ? 32 : b) + 1;
	}
	return 0;
}

static uint32_t hi_(uint64_t v)
{
	return (uint32_t)(v >> 32);
}

static uint32_t lo_(uint64_t v)
{
	return (uint32_t)v;
}

static uint32_t q_gic_ph_(const struct rlm_dtgen_layout *l)
{
	return Q_BASE_PHANDLE_ + ncpus_(l) + 1;
}

static uint32_t q_its_ph_(const struct rlm_dtgen_layout *l)
{
	return q_gic_ph_(l) + 1;
}

static uint32_t q_gpio_ph_(const struct rlm_dtgen_layout *l)
{
	return l->its ? q_its_ph_(l) + 1 : q_gic_ph_(l) + 1;
}

/* GICv3 redistributors: 123 fit below 4 GiB, more need the high region. */
static size_t q_gic_regs_(const struct rlm_dtgen_layout *l, const struct qmap_ *m,
			  uint64_t r[6])
{
	r[0] = Q_GIC_DIST_;
	r[1] = Q_GIC_DIST_SIZE_;
	r[2] = Q_GIC_REDIST_;
	r[3] = Q_GIC_REDIST_SIZE_;
	if (ncpus_(l) > Q_GIC_REDIST_SIZE_ / 0x20000) {
		r[4] = m->high_redist;
		r[5] = Q_HIGH_REDIST_SIZE_;
		return 6;
	}
	return 4;
}

static void q_irq_map_(struct w_ *w, const struct rlm_dtgen_layout *l)
{
	uint32_t m[160];
	uint32_t dev, pin;
	size_t n = 0;

	for (dev = 0; dev < 4; dev++)
		for (pin = 0; pin < 4; pin++) {
			uint32_t e[10] = { (dev << 3) << 8, 0, 0, pin + 1, q_gic_ph_(l), 0, 0,
					   IRQ_SPI_, Q_SPI_PCIE_ + (pin + dev) % 4,
					   IRQ_LEVEL_HI_ };

			memcpy(m + n, e, sizeof(e));
			n += 10;
		}
	pu32s_(w, "interrupt-map", m, n);
}

static void q_pci_ranges_(struct w_ *w, const struct qmap_ *m)
{
	const uint32_t r[] = {
		PCI_RANGE_IOPORT_, 0, 0, 0, lo_(Q_PCI_IOPORT_), 0, lo_(Q_PCI_IOPORT_SIZE_),
		PCI_RANGE_MMIO_, 0, lo_(Q_PCI_MMIO_), 0, lo_(Q_PCI_MMIO_), 0,
		lo_(Q_PCI_MMIO_SIZE_),
		PCI_RANGE_MMIO_64BIT_, hi_(m->high_pci_mmio), lo_(m->high_pci_mmio),
		hi_(m->high_pci_mmio), lo_(m->high_pci_mmio), hi_(Q_HIGH_PCI_MMIO_SIZE_),
		lo_(Q_HIGH_PCI_MMIO_SIZE_),
	};

	pu32s_(w, "ranges", r, sizeof(r) / sizeof(r[0]));
}

static void q_pci_reg_(struct w_ *w, const struct qmap_ *m)
{
	const uint64_t r[2] = { m->high_pci_cfg, Q_HIGH_PCI_CFG_SIZE_ };

	pu64s_(w, "reg", r, 2);
}

static void q_msi_map_(struct w_ *w, const struct rlm_dtgen_layout *l)
{
	const uint32_t r[4] = { 0, q_its_ph_(l), 0, 0x10000 };

	if (l->its)
		pu32s_(w, "msi-map", r, 4);
}

/* The reserved-memory node of the measurement log (both VMMs). */
static void resv_log_(struct w_ *w, const struct rlm_dtgen_layout *l)
{
	const uint64_t reg[2] = { l->log_base, l->log_size };

	if (!l->log)
		return;
	begin_(w, "reserved-memory");
	if (l->vmm == RLM_DTGEN_QEMU) {
		pnull_(w, "ranges");
		pu32_(w, "#size-cells", 2);
		pu32_(w, "#address-cells", 2);
		begin_addr_(w, "event-log", l->log_base);
		pu64s_(w, "reg", reg, 2);
		pstr_(w, "compatible", "cc-event-log");
	} else {
		pu32_(w, "#address-cells", 2);
		pu32_(w, "#size-cells", 2);
		pnull_(w, "ranges");
		begin_addr_(w, "event-log", l->log_base);
		pstr_(w, "compatible", "cc-event-log");
		pu64s_(w, "reg", reg, 2);
	}
	end_(w);
	end_(w);
}

static bool initrd_(const struct rlm_dtgen_layout *l)
{
	return l->initrd && (l->vmm == RLM_DTGEN_QEMU || l->initrd_size);
}

static void pmu_(struct w_ *w)
{
	const uint32_t irq[3] = { IRQ_PPI_, Q_PPI_PMU_, IRQ_LEVEL_HI_ };

	begin_(w, "pmu");
	pu32s_(w, "interrupts", irq, 3);
	pstr_(w, "compatible", "arm,armv8-pmuv3");
	end_(w);
}

static void timer_(struct w_ *w, uint32_t trigger)
{
	const uint32_t irq[9] = { IRQ_PPI_, 13, trigger, IRQ_PPI_, 14, trigger,
				  IRQ_PPI_, 11, trigger };
	static const char compat[] = "arm,armv8-timer\0arm,armv7-timer";

	begin_(w, "timer");
	pu32s_(w, "interrupts", irq, 9);
	pnull_(w, "always-on");
	pstrs_(w, "compatible", compat, sizeof(compat));
	end_(w);
}

/* cca-realm-measurements fdt_new: root, chosen, memory, cpus, psci. */
static void common_head_(struct w_ *w, const struct rlm_dtgen_layout *l, uint32_t intc)
{
	static const char psci[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
	const uint64_t mem[2] = { l->ram_base, l->ram_size };
	unsigned int i, n = ncpus_(l);
	char name[32];

	begin_(w, "");
	pstr_(w, "compatible", "linux,dummy-virt");
	pstr_(w, "model", "linux,dummy-virt-realm");
	pu32_(w, "#address-cells", 2);
	pu32_(w, "#size-cells", 2);
	pu32_(w, "interrupt-parent", intc);
	begin_(w, "chosen");
	if (l->bootargs)
		pstr_(w, "bootargs", l->bootargs);
	if (initrd_(l)) {
		pu64_(w, "linux,initrd-start", l->initrd_base);
		pu64_(w, "linux,initrd-end", l->initrd_base + l->initrd_size);
	}
	end_(w);
	begin_addr_(w, "memory", l->ram_base);
	pstr_(w, "device_type", "memory");
	pu64s_(w, "reg", mem, 2);
	end_(w);
	begin_(w, "cpus");
	pu32_(w, "#size-cells", 0);
	pu32_(w, "#address-cells", 1);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "cpu@%u", i);
		begin_(w, name);
		pu32_(w, "reg", i);
		pstr_(w, "enable-method", "psci");
		pstr_(w, "compatible", "arm,armv8");
		pstr_(w, "device_type", "cpu");
		end_(w);
	}
	end_(w);
	begin_(w, "psci");
	pu32_(w, "cpu_on", 0xc4000003u);
	pu32_(w, "cpu_off", 0x84000002u);
	pstr_(w, "method", "smc");
	pstrs_(w, "compatible", psci, sizeof(psci));
	end_(w);
}

static void q_gic_(struct w_ *w, const struct rlm_dtgen_layout *l, const struct qmap_ *m)
{
	uint64_t r[6];
	size_t n = q_gic_regs_(l, m, r);

	begin_addr_(w, "intc", r[0]);
	pu32_(w, "phandle", q_gic_ph_(l));
	pu64s_(w, "reg", r, n);
	pu32_(w, "#redistributor-regions", (uint32_t)((n - 2) / 2));
	pstr_(w, "compatible", "arm,gic-v3");
	pnull_(w, "ranges");
	pu32_(w, "#size-cells", 2);
	pu32_(w, "#address-cells", 2);
	pnull_(w, "interrupt-controller");
	pu32_(w, "#interrupt-cells", 3);
	if (l->its) {
		const uint64_t its[2] = { Q_GIC_ITS_, Q_GIC_ITS_SIZE_ };

		begin_addr_(w, "its", Q_GIC_ITS_);
		pu32_(w, "phandle", q_its_ph_(l));
		pu64s_(w, "reg", its, 2);
		pu32_(w, "#msi-cells", 1);
		pnull_(w, "msi-controller");
		pstr_(w, "compatible", "arm,gic-v3-its");
		end_(w);
	}
	end_(w);
}

static void qemu_gen_(struct w_ *w, const struct rlm_dtgen_layout *l)
{
	static const char bus[] = "qemu,platform\0simple-bus";
	static const char rtc[] = "arm,pl031\0arm,primecell";
	static const char uart[] = "arm,pl011\0arm,primecell";
	static const char uclk[] = "uartclk\0apb_pclk";
	const uint32_t clk = Q_BASE_PHANDLE_;
	struct qmap_ m;
	uint64_t i;

	qemu_map_(l, &m);
	common_head_(w, l, q_gic_ph_(l));

	begin_addr_(w, "platform-bus", Q_PLATFORM_BUS_);
	pu32_(w, "interrupt-parent", q_gic_ph_(l));
	{
		const uint32_t r[4] = { 0, 0, lo_(Q_PLATFORM_BUS_), lo_(Q_PLATFORM_BUS_SIZE_) };

		pu32s_(w, "ranges", r, 4);
	}
	pu32_(w, "#address-cells", 1);
	pu32_(w, "#size-cells", 1);
	pstrs_(w, "compatible", bus, sizeof(bus));
	end_(w);

	resv_log_(w, l);

	begin_addr_(w, "fw-cfg", Q_FW_CFG_);
	pnull_(w, "dma-coherent");
	{
		const uint64_t r[2] = { Q_FW_CFG_, Q_FW_CFG_SIZE_ };

		pu64s_(w, "reg", r, 2);
	}
	pstr_(w, "compatible", "qemu,fw-cfg-mmio");
	end_(w);

	for (i = 0; i < 32; i++) {
		uint64_t a = Q_VIRTIO_MMIO_ + i * Q_VIRTIO_MMIO_SIZE_;
		const uint32_t irq[3] = { IRQ_SPI_, Q_SPI_MMIO_ + (uint32_t)i, IRQ_EDGE_LO_HI_ };
		const uint64_t r[2] = { a, Q_VIRTIO_MMIO_SIZE_ };

		begin_addr_(w, "virtio_mmio", a);
		pnull_(w, "dma-coherent");
		pu32s_(w, "interrupts", irq, 3);
		pu64s_(w, "reg", r, 2);
		pstr_(w, "compatible", "virtio,mmio");
		end_(w);
	}

	begin_addr_(w, "pcie", Q_PCI_MMIO_);
	q_irq_map_(w, l);
	{
		const uint32_t mask[4] = { (3u << 3) << 8, 0, 0, 7 };

		pu32s_(w, "interrupt-map-mask", mask, 4);
	}
	pu32_(w, "#interrupt-cells", 1);
	q_pci_ranges_(w, &m);
	q_pci_reg_(w, &m);
	q_msi_map_(w, l);
	pnull_(w, "dma-coherent");
	{
		const uint32_t br[2] = { 0, 0xff };

		pu32s_(w, "bus-range", br, 2);
	}
	pu32_(w, "linux,pci-domain", 0);
	pu32_(w, "#size-cells", 2);
	pu32_(w, "#address-cells", 3);
	pstr_(w, "device_type", "pci");
	pstr_(w, "compatible", "pci-host-ecam-generic");
	end_(w);

	begin_addr_(w, "pl031", Q_RTC_);
	pstr_(w, "clock-names", "apb_pclk");
	{
		const uint64_t r[2] = { Q_RTC_, 0x1000 };
		const uint32_t irq[3] = { IRQ_SPI_, Q_SPI_RTC_, IRQ_LEVEL_HI_ };

		pu64s_(w, "reg", r, 2);
		pu32_(w, "clocks", clk);
		pu32s_(w, "interrupts", irq, 3);
	}
	pstrs_(w, "compatible", rtc, sizeof(rtc));
	end_(w);

	begin_addr_(w, "pl011", Q_UART_);
	pstrs_(w, "clock-names", uclk, sizeof(uclk));
	{
		const uint64_t r[2] = { Q_UART_, 0x1000 };
		const uint32_t clks[2] = { clk, clk };
		const uint32_t irq[3] = { IRQ_SPI_, Q_SPI_UART_, IRQ_LEVEL_HI_ };

		pu64s_(w, "reg", r, 2);
		pu32s_(w, "clocks", clks, 2);
		pu32s_(w, "interrupts", irq, 3);
	}
	pstrs_(w, "compatible", uart, sizeof(uart));
	end_(w);

	if (l->pmu)
		pmu_(w);
	q_gic_(w, l, &m);
	timer_(w, IRQ_LEVEL_HI_);

	begin_(w, "apb-pclk");
	pu32_(w, "phandle", clk);
	pstr_(w, "clock-output-names", "clk24mhz");
	pu32_(w, "clock-frequency", 24000000);
	pu32_(w, "#clock-cells", 0);
	pstr_(w, "compatible", "fixed-clock");
	end_(w);

	end_(w);
}

static void k_cpus_(struct w_ *w, const struct rlm_dtgen_layout *l)
{
	unsigned int i, n = ncpus_(l);
	char name[32];

	begin_(w, "cpus");
	pu32_(w, "#address-cells", 1);
	pu32_(w, "#size-cells", 0);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "cpu@%u", i);
		begin_(w, name);
		pstr_(w, "device_type", "cpu");
		pstr_(w, "compatible", "arm,arm-v8");
		pstr_(w, "enable-method", "psci");
		pu32_(w, "reg", i);
		end_(w);
	}
	end_(w);
}

static void k_gic_(struct w_ *w, const struct rlm_dtgen_layout *l)
{
	uint64_t rsize = (uint64_t)ncpus_(l) * K_GIC_REDIST_SIZE_;
	uint64_t rbase = K_GIC_DIST_ - rsize;
	const uint64_t reg[4] = { K_GIC_DIST_, K_GIC_DIST_SIZE_, rbase, rsize };

	begin_(w, "intc");
	pstr_(w, "compatible", "arm,gic-v3");
	pu32_(w, "#interrupt-cells", 3);
	pnull_(w, "interrupt-controller");
	pu64s_(w, "reg", reg, 4);
	pu32_(w, "phandle", K_GIC_PHANDLE_);
	pu32_(w, "#address-cells", 2);
	pu32_(w, "#size-cells", 2);
	pnull_(w, "ranges");
	if (l->its) {
		const uint64_t its[2] = { rbase - K_GIC_ITS_SIZE_, K_GIC_ITS_SIZE_ };

		begin_(w, "msic");
		pstr_(w, "compatible", "arm,gic-v3-its");
		pnull_(w, "msi-controller");
		pu32_(w, "phandle", K_ITS_PHANDLE_);
		pu64s_(w, "reg", its, 2);
		end_(w);
	}
	end_(w);
}

static void kvmtool_gen_(struct w_ *w, const struct rlm_dtgen_layout *l)
{
	const uint32_t ranges[] = {
		PCI_RANGE_IOPORT_, 0, 0, 0, 0, 0, lo_(K_IOPORT_SIZE_),
		PCI_RANGE_MMIO_, 0, lo_(K_PCI_MMIO_), 0, lo_(K_PCI_MMIO_), 0,
		lo_(K_PCI_MMIO_SIZE_),
	};
	uint32_t map[320];
	unsigned int i;

	common_head_(w, l, K_GIC_PHANDLE_);
	k_gic_(w, l);
	resv_log_(w, l);
	timer_(w, IRQ_LEVEL_LO_);
	if (l->pmu)
		pmu_(w);
	for (i = 0; i < 4; i++) {
		uint64_t a = K_UART_ + i * K_UART_STRIDE_;
		const uint64_t r[2] = { a, K_UART_SIZE_ };
		const uint32_t irq[3] = { IRQ_SPI_, i, IRQ_LEVEL_HI_ };

		begin_addr_(w, "U6_16550A", a);
		pstr_(w, "compatible", "ns16550a");
		pu64s_(w, "reg", r, 2);
		pu32s_(w, "interrupts", irq, 3);
		pu32_(w, "clock-frequency", 1843200);
		end_(w);
	}
	for (i = 0; i < l->virtio_mmio; i++) {
		uint64_t a = K_VIRTIO_MMIO_ + i * K_VIRTIO_MMIO_SIZE_;
		const uint64_t r[2] = { a, K_VIRTIO_MMIO_SIZE_ };
		const uint32_t irq[3] = { IRQ_SPI_, K_SPI_VIRTIO_MMIO_ + i, IRQ_EDGE_LO_HI_ };

		begin_addr_(w, "virtio", a);
		pstr_(w, "compatible", "virtio,mmio");
		pu64s_(w, "reg", r, 2);
		pnull_(w, "dma-coherent");
		pu32s_(w, "interrupts", irq, 3);
		end_(w);
	}
	begin_addr_(w, "rtc", K_RTC_);
	pstr_(w, "compatible", "motorola,mc146818");
	{
		const uint64_t r[2] = { K_RTC_, K_RTC_SIZE_ };

		pu64s_(w, "reg", r, 2);
	}
	end_(w);

	begin_addr_(w, "pci", K_PCI_CFG_);
	pstr_(w, "device_type", "pci");
	pu32_(w, "#address-cells", 3);
	pu32_(w, "#size-cells", 2);
	pnull_(w, "dma-coherent");
	{
		const uint32_t br[2] = { 0, 0 };
		const uint64_t r[2] = { K_PCI_CFG_, K_PCI_CFG_SIZE_ };

		pu32s_(w, "bus-range", br, 2);
		pstr_(w, "compatible", "pci-host-ecam-generic");
		pu64s_(w, "reg", r, 2);
	}
	pu32s_(w, "ranges", ranges, sizeof(ranges) / sizeof(ranges[0]));
	for (i = 0; i < 32; i++) {
		const uint32_t e[10] = { (i << 3) << 8, 0, 0, 1, K_GIC_PHANDLE_, 0, 0,
					 IRQ_SPI_, K_SPI_PCI_ + i, IRQ_LEVEL_HI_ };

		memcpy(map + 10 * i, e, sizeof(e));
	}
	pu32s_(w, "interrupt-map", map, 320);
	{
		const uint32_t mask[4] = { (0x1fu << 3) << 8, 0, 0, 7 };

		pu32s_(w, "interrupt-map-mask", mask, 4);
	}
	pu32_(w, "#interrupt-cells", 1);
	if (l->its) {
		const uint32_t mm[4] = { 0, K_ITS_PHANDLE_, 0, 0x10000 };

		pu32s_(w, "msi-map", mm, 4);
	}
	end_(w);
	end_(w);
}

/* ---- the template surgeon (cca-realm-measurements src/dtb_surgeon.rs) -- */

static void q_cpus_patch_(struct w_ *w, const struct rlm_dtgen_layout *l)
{
	unsigned int n = ncpus_(l), s, c, k, t, i;
	uint32_t ph = Q_BASE_PHANDLE_ + n;
	char name[32];

	begin_(w, "cpus");
	pu32_(w, "#size-cells", 0);
	pu32_(w, "#address-cells", 1);
	begin_(w, "cpu-map");
	for (s = 0; s < l->sockets; s++) {
		snprintf(name, sizeof(name), "socket%u", s);
		begin_(w, name);
		for (c = 0; c < l->clusters; c++) {
			snprintf(name, sizeof(name), "cluster%u", c);
			begin_(w, name);
			for (k = 0; k < l->cores; k++) {
				snprintf(name, sizeof(name), "core%u", k);
				begin_(w, name);
				if (l->threads > 1) {
					for (t = 0; t < l->threads; t++) {
						snprintf(name, sizeof(name), "thread%u", t);
						begin_(w, name);
						pu32_(w, "cpu", ph--);
						end_(w);
					}
				} else {
					pu32_(w, "cpu", ph--);
				}
				end_(w);
			}
			end_(w);
		}
		end_(w);
	}
	end_(w);
	ph = Q_BASE_PHANDLE_ + n;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "cpu@%u", i);
		begin_(w, name);
		pu32_(w, "phandle", ph--);
		pu32_(w, "reg", i);
		pstr_(w, "enable-method", "psci");
		pstr_(w, "compatible", "arm,arm-v8");
		pstr_(w, "device_type", "cpu");
		end_(w);
	}
	end_(w);
}

/* true: the template's node (and its subtree) is replaced or dropped. */
static bool handle_node_(struct w_ *w, const struct rlm_dtgen_layout *l, const char *node)
{
	if (!strcmp(node, "reserved-memory")) {
		resv_log_(w, l);
		return true;
	}
	if (!strcmp(node, "pmu"))
		return !l->pmu;
	if (l->vmm == RLM_DTGEN_QEMU) {
		if (!strcmp(node, "cpus")) {
			q_cpus_patch_(w, l);
			return true;
		}
		if (!strcmp(node, "its@8080000"))
			return !l->its;
		return false;
	}
	if (!strcmp(node, "cpus")) {
		k_cpus_(w, l);
		return true;
	}
	if (!strcmp(node, "intc")) {
		k_gic_(w, l);
		return true;
	}
	return false;
}

static bool handle_prop_(struct w_ *w, const struct rlm_dtgen_layout *l, const char *node,
			 const char *prop)
{
	size_t nl = strcspn(node, "@");

	if (l->vmm == RLM_DTGEN_QEMU) {
		struct qmap_ m;

		qemu_map_(l, &m);
		if (!strcmp(prop, "interrupt-parent")) {
			pu32_(w, "interrupt-parent", q_gic_ph_(l));
			return true;
		}
		if (!strcmp(node, "intc@8000000")) {
			uint64_t r[6];
			size_t n = q_gic_regs_(l, &m, r);

			if (!strcmp(prop, "reg")) {
				pu64s_(w, "reg", r, n);
				return true;
			}
			if (!strcmp(prop, "phandle")) {
				pu32_(w, "phandle", q_gic_ph_(l));
				return true;
			}
			if (!strcmp(prop, "#redistributor-regions")) {
				pu32_(w, "#redistributor-regions", (uint32_t)((n - 2) / 2));
				return true;
			}
		} else if (!strcmp(node, "its@8080000")) {
			if (!strcmp(prop, "phandle")) {
				pu32_(w, "phandle", q_its_ph_(l));
				return true;
			}
		} else if (!strcmp(node, "pcie@10000000")) {
			if (!strcmp(prop, "interrupt-map")) {
				q_irq_map_(w, l);
				return true;
			}
			if (!strcmp(prop, "msi-map")) {
				q_msi_map_(w, l);
				return true;
			}
			if (!strcmp(prop, "ranges")) {
				q_pci_ranges_(w, &m);
				return true;
			}
			if (!strcmp(prop, "reg")) {
				q_pci_reg_(w, &m);
				return true;
			}
		} else if (!strcmp(node, "pl061@9030000")) {
			if (!strcmp(prop, "phandle")) {
				pu32_(w, "phandle", q_gpio_ph_(l));
				return true;
			}
		} else if (!strcmp(node, "poweroff")) {
			if (!strcmp(prop, "gpios")) {
				const uint32_t g[3] = { q_gpio_ph_(l), 3, 0 };

				pu32s_(w, "gpios", g, 3);
				return true;
			}
		}
	}
	if (nl == 6 && !strncmp(node, "memory", 6)) {
		if (!strcmp(prop, "reg")) {
			const uint64_t r[2] = { l->ram_base, l->ram_size };

			pu64s_(w, "reg", r, 2);
			return true;
		}
	} else if (nl == 6 && !strncmp(node, "chosen", 6)) {
		/* kvmtool's surgeon always has an initrd (size 0 without one) */
		bool rd = l->initrd || l->vmm == RLM_DTGEN_KVMTOOL;

		if (!strcmp(prop, "linux,initrd-start")) {
			if (rd)
				pu64_(w, prop, l->initrd_base);
			return true;
		}
		if (!strcmp(prop, "linux,initrd-end")) {
			if (rd)
				pu64_(w, prop, l->initrd_base + l->initrd_size);
			return true;
		}
		if (!strcmp(prop, "bootargs")) {
			if (l->bootargs)
				pstr_(w, prop, l->bootargs);
			return true;
		}
	}
	return false;
}

/* A C string inside [p, end): its length, or -1 without a NUL. */
static long cstr_(const uint8_t *p, const uint8_t *end)
{
	const uint8_t *z = p < end ? memchr(p, 0, (size_t)(end - p)) : NULL;

	return z ? (long)(z - p) : -1;
}

struct tmpl_ {
	const uint8_t *t;
	size_t len;
	uint32_t total, off_struct, off_strings, off_rsv, version, last_comp, boot_cpuid;
	uint32_t size_strings, size_struct;
	size_t nrsv;
};

/* Header, reservation map and block placement (vm-fdt can only re-emit
 * blocks laid end to end). */
static int tmpl_header_(struct tmpl_ *h, const uint8_t *t, size_t len)
{
	uint64_t rsv_end, content;

	memset(h, 0, sizeof(*h));
	h->t = t;
	h->len = len;
	if (len < FDT_HDR_)
		return RLM_ETRUNC;
	if (rd32_(t) != FDT_MAGIC_)
		return RLM_EMALFORMED;
	h->total = rd32_(t + 4);
	h->off_struct = rd32_(t + 8);
	h->off_strings = rd32_(t + 12);
	h->off_rsv = rd32_(t + 16);
	h->version = rd32_(t + 20);
	h->last_comp = rd32_(t + 24);
	h->boot_cpuid = rd32_(t + 28);
	h->size_strings = rd32_(t + 32);
	h->size_struct = rd32_(t + 36);
	if (h->total > len)
		return RLM_ETRUNC;
	if (h->total < FDT_HDR_ || h->off_rsv < FDT_HDR_ || h->off_rsv > h->total ||
	    (uint64_t)h->off_struct + h->size_struct > h->total ||
	    (uint64_t)h->off_strings + h->size_strings > h->total)
		return RLM_EMALFORMED;
	if (h->off_rsv % 8)
		return RLM_ENOTSUP;
	for (;;) {
		uint64_t o = h->off_rsv + 16 * (uint64_t)h->nrsv;

		if (o + 16 > h->total)
			return RLM_EMALFORMED;
		if (!rd64_(t + o) && !rd64_(t + o + 8))
			break;
		if (!rd64_(t + o + 8) || rd64_(t + o) + rd64_(t + o + 8) < rd64_(t + o))
			return RLM_EMALFORMED;
		h->nrsv++;
	}
	rsv_end = h->off_rsv + 16 * (uint64_t)(h->nrsv + 1);
	if (h->off_struct < rsv_end ||
	    h->off_strings < (uint64_t)h->off_struct + h->size_struct)
		return RLM_EMALFORMED;
	if (h->off_struct != rsv_end ||
	    h->off_strings != (uint64_t)h->off_struct + h->size_struct)
		return RLM_ENOTSUP; /* gaps between blocks */
	if (h->size_strings && t[h->off_strings + h->size_strings - 1])
		return RLM_EMALFORMED;
	content = (uint64_t)h->off_strings + h->size_strings;
	if (content > h->total)
		return RLM_EMALFORMED;
	return 0;
}

/*
 * Walk the structure block.  Pass 1 (w NULL... map only): record every
 * property name's offset, as the surgeon does before writing; pass 2:
 * re-emit with the handlers.
 */
static int tmpl_walk_(const struct tmpl_ *h, struct w_ *w, const struct rlm_dtgen_layout *l,
		      bool emit)
{
	const uint8_t *p = h->t + h->off_struct, *end = p + h->size_struct;
	const uint8_t *sb = h->t + h->off_strings, *se = sb + h->size_strings;
	unsigned int ignore = 0, open = 0;
	char cur[256] = "";
	bool have_cur = false;

	for (;;) {
		uint32_t tok;

		if (end - p < 4)
			return RLM_ETRUNC;
		tok = rd32_(p);
		p += 4;
		if (tok == FDT_BEGIN_NODE_) {
			long n = cstr_(p, end);
			const char *name = (const char *)p;

			if (n < 0)
				return RLM_ETRUNC;
			if ((size_t)n >= sizeof(cur))
				return RLM_EMALFORMED;
			p += ((size_t)n + 1 + 3) & ~(size_t)3;
			if (p > end)
				return RLM_ETRUNC;
			if (!emit)
				continue;
			if (ignore) {
				ignore++;
				continue;
			}
			if (handle_node_(w, l, name)) {
				ignore = 1;
				continue;
			}
			begin_(w, name);
			open++;
			memcpy(cur, name, (size_t)n + 1);
			have_cur = true;
		} else if (tok == FDT_END_NODE_) {
			if (!emit)
				continue;
			if (ignore) {
				ignore--;
				continue;
			}
			if (!open)
				return RLM_EMALFORMED;
			end_(w);
			open--;
		} else if (tok == FDT_PROP_) {
			uint32_t vlen, noff;
			long n;

			if (end - p < 8)
				return RLM_ETRUNC;
			vlen = rd32_(p);
			noff = rd32_(p + 4);
			p += 8;
			if ((size_t)(end - p) < vlen)
				return RLM_ETRUNC;
			if (noff >= h->size_strings)
				return RLM_EMALFORMED;
			n = cstr_(sb + noff, se);
			if (n <= 0)
				return RLM_EMALFORMED;
			if (!emit) {
				map_set_(w, (const char *)sb + noff, (size_t)n, noff);
				if (w->err)
					return w->err;
			} else if (!ignore) {
				if (!have_cur)
					return RLM_EMALFORMED;
				if (!handle_prop_(w, l, cur, (const char *)sb + noff))
					prop_(w, (const char *)sb + noff, p, vlen);
			}
			p += ((size_t)vlen + 3) & ~(size_t)3;
			if (p > end)
				return RLM_ETRUNC;
		} else if (tok == FDT_NOP_) {
			if (emit && !ignore)
				return RLM_ENOTSUP;
		} else if (tok == FDT_END_) {
			break;
		} else {
			return RLM_EMALFORMED;
		}
		if (w->err)
			return w->err;
	}
	if (emit && (open || ignore))
		return RLM_EMALFORMED;
	return 0;
}

int rlm_dtgen_generate(const struct rlm_dtgen_layout *l, uint8_t *buf, size_t cap,
		       size_t *len)
{
	struct w_ w;
	int rc = check_(l);

	if (rc)
		return rc;
	if (!len)
		return RLM_EINVAL;
	w_init_(&w, 0, NULL, 0);
	if (l->vmm == RLM_DTGEN_QEMU)
		qemu_gen_(&w, l);
	else
		kvmtool_gen_(&w, l);
	rc = finish_(&w, l->vmm == RLM_DTGEN_KVMTOOL ? RLM_DTGEN_KVMTOOL_DTB_SIZE : 0,
		     buf, cap, len);
	w_free_(&w);
	return rc;
}

int rlm_dtgen_patch(const struct rlm_dtgen_layout *l, const void *tmpl, size_t tlen,
		    uint8_t *buf, size_t cap, size_t *len)
{
	struct tmpl_ h;
	struct w_ w;
	uint64_t content;
	int rc = check_(l);

	if (rc)
		return rc;
	if (!tmpl || !len)
		return RLM_EINVAL;
	rc = tmpl_header_(&h, tmpl, tlen);
	if (rc)
		return rc;
	w_init_(&w, h.off_rsv - FDT_HDR_, h.t + h.off_rsv, h.nrsv);
	w.version = h.version;
	w.last_comp = h.last_comp;
	w.boot_cpuid = h.boot_cpuid;
	/* A template larger than its blocks (QEMU dumps its whole buffer)
	 * keeps its total size. */
	content = (uint64_t)h.off_strings + h.size_strings;
	if (content < h.total)
		w.total = h.total;
	/* The template's strings, verbatim, and the offsets its properties use. */
	if (h.size_strings) {
		grow_(&w, &w.s, &w.scap, h.size_strings);
		if (!w.err) {
			memcpy(w.s, h.t + h.off_strings, h.size_strings);
			w.slen = h.size_strings;
		}
	}
	rc = w.err ? w.err : tmpl_walk_(&h, &w, l, false);
	if (!rc)
		rc = tmpl_walk_(&h, &w, l, true);
	if (!rc)
		rc = finish_(&w, l->vmm == RLM_DTGEN_KVMTOOL ? RLM_DTGEN_KVMTOOL_DTB_SIZE : 0,
			     buf, cap, len);
	w_free_(&w);
	return rc;
}
