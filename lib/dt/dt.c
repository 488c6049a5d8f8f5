/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device-tree checks and fix-ups for realms (see realm/dt.h).
 *
 * Address translation follows the Devicetree Specification (v0.4, 2.3.5
 * #address-cells/#size-cells, 2.3.8 ranges): a reg address is in the
 * parent bus's space; each bus up to the root maps it through its ranges
 * (an empty ranges is the identity; no ranges means not translatable).
 * Missing cell properties default to 2 address and 1 size cells.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <realm/dt.h>
#include <realm/error.h>

#include "rlm_config.h"

uint64_t rlm_dt_shared_alias(uint64_t ipa, unsigned int ipa_bits)
{
	if (ipa_bits < 1 || ipa_bits > 64)
		return ipa;
	return ipa | ((uint64_t)1 << (ipa_bits - 1));
}

#if RLM_HAVE_LIBFDT
#include <libfdt.h>

/* Largest cell counts the checks accept (PCI buses use 3 address cells). */
#define DT_MAX_ADDR_CELLS 3
#define DT_MAX_SIZE_CELLS 2

static void finding(struct rlm_dt_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void finding(struct rlm_dt_report *r, const char *fmt, ...)
{
	va_list ap;

	if (r->nfindings < RLM_DT_MAX_FINDINGS) {
		va_start(ap, fmt);
		vsnprintf(r->findings[r->nfindings], RLM_DT_FINDING_LEN, fmt, ap);
		va_end(ap);
	}
	r->nfindings++;
}

/* A cell-count property: 0 and the value, default when absent, <0 when bad. */
static int cells_prop(const void *fdt, int node, const char *name, int dflt,
		      uint32_t *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p) {
		if (len != -FDT_ERR_NOTFOUND)
			return -1;
		*v = (uint32_t)dflt;
		return 0;
	}
	if (len != 4)
		return -1;
	*v = fdt32_to_cpu(*p);
	return 0;
}

/* Cells of node's children; <0 when malformed or over the sane limit. */
static int node_cells(const void *fdt, int node, uint32_t *ac, uint32_t *sc)
{
	if (cells_prop(fdt, node, "#address-cells", 2, ac) ||
	    cells_prop(fdt, node, "#size-cells", 1, sc))
		return -1;
	if (*ac > DT_MAX_ADDR_CELLS || *sc > DT_MAX_SIZE_CELLS)
		return -1;
	return 0;
}

/* n (<= 3) cells as a u64; <0 if the value does not fit in 64 bits. */
static int read_num(const fdt32_t *p, uint32_t n, uint64_t *v)
{
	uint64_t x = 0;
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (x >> 32)
			return -1;
		x = (x << 32) | fdt32_to_cpu(p[i]);
	}
	*v = x;
	return 0;
}

static void write_num(fdt32_t *p, uint32_t n, uint64_t v)
{
	uint32_t i;

	for (i = n; i-- > 0;) {
		p[i] = cpu_to_fdt32((uint32_t)v);
		v = n > 1 ? v >> 32 : 0;
	}
}

static int root_cells(const void *fdt, uint32_t *ac, uint32_t *sc);

/*
 * Validate the structure block ourselves rather than with libfdt's
 * fdt_check_full(): Debian's libfdt 1.6.1 loops forever on some blobs (a
 * 7.5 KB one found by fuzz_dt; tests/dt known-hang regression).  Every tag
 * must move forward, the number of tags is bounded by the block size,
 * nodes nest at most RLM_DT_MAX_DEPTH deep and balance, every node name is
 * terminated inside the block and every property name lies in the strings
 * block.  Once this holds, libfdt's own walks over the blob terminate.
 */
#define RLM_DT_MAX_DEPTH 64

static int check_structure(const void *fdt)
{
	uint32_t strings_size = fdt_size_dt_strings(fdt);
	const char *strings = (const char *)fdt + fdt_off_dt_strings(fdt);
	unsigned long steps = 0, max_steps = fdt_size_dt_struct(fdt) / 4 + 2;
	int offset = 0, next = 0, depth = 0;
	bool seen_root = false;

	for (;;) {
		uint32_t tag = fdt_next_tag(fdt, offset, &next);

		if (++steps > max_steps)
			return RLM_EMALFORMED;
		if (next < 0)
			return next == -FDT_ERR_TRUNCATED ? RLM_ETRUNC : RLM_EMALFORMED;
		if (next <= offset)
			return RLM_EMALFORMED;	/* a length that wrapped around */
		switch (tag) {
		case FDT_BEGIN_NODE: {
			int namelen = 0;

			if (seen_root && depth == 0)
				return RLM_EMALFORMED;	/* a second root */
			seen_root = true;
			if (++depth > RLM_DT_MAX_DEPTH ||
			    !fdt_get_name(fdt, offset, &namelen))
				return RLM_EMALFORMED;
			break;
		}
		case FDT_END_NODE:
			if (--depth < 0)
				return RLM_EMALFORMED;
			break;
		case FDT_PROP: {
			const struct fdt_property *p =
				fdt_offset_ptr(fdt, offset, sizeof(*p));
			uint32_t nameoff;

			if (!p || depth == 0)
				return RLM_EMALFORMED;
			nameoff = fdt32_to_cpu(p->nameoff);
			if (nameoff >= strings_size ||
			    !memchr(strings + nameoff, 0, strings_size - nameoff))
				return RLM_EMALFORMED;
			break;
		}
		case FDT_NOP:
			break;
		case FDT_END:
			return seen_root && depth == 0 ? 0 : RLM_EMALFORMED;
		default:
			return RLM_EMALFORMED;
		}
		offset = next;
	}
}

static int check_blob(const void *fdt, size_t len)
{
	uint32_t ac, sc;
	int err;

	if (!fdt || len < sizeof(struct fdt_header))
		return fdt ? RLM_ETRUNC : RLM_EINVAL;
	if (fdt_magic(fdt) != FDT_MAGIC)
		return RLM_EMALFORMED;
	if (fdt_totalsize(fdt) > len)
		return RLM_ETRUNC;
	err = fdt_check_header(fdt);
	if (err == -FDT_ERR_TRUNCATED)
		return RLM_ETRUNC;
	if (err)
		return RLM_EMALFORMED;
	err = check_structure(fdt);
	if (err)
		return err;
	return root_cells(fdt, &ac, &sc);
}

/* A blob to edit in place in a buffer of bufsize bytes. */
static int check_edit_blob(const void *fdt, size_t bufsize)
{
	if (!fdt)
		return RLM_EINVAL;
	if (bufsize < sizeof(struct fdt_header))
		return RLM_ETRUNC;
	if (bufsize > INT32_MAX)
		return RLM_E2BIG;
	return check_blob(fdt, fdt_totalsize(fdt) < bufsize ? fdt_totalsize(fdt)
							 : bufsize);
}

/* The root's cells: what every /memory reg is read with.  A DTB whose
 * root cells are unreadable or over FDT_MAX_NCELLS is invalid. */
static int root_cells(const void *fdt, uint32_t *ac, uint32_t *sc)
{
	if (cells_prop(fdt, 0, "#address-cells", 2, ac) ||
	    cells_prop(fdt, 0, "#size-cells", 1, sc) ||
	    *ac > FDT_MAX_NCELLS || *sc > FDT_MAX_NCELLS)
		return RLM_EMALFORMED;
	return 0;
}

static bool node_enabled(const void *fdt, int node)
{
	int len;
	const char *s = fdt_getprop(fdt, node, "status", &len);

	if (!s || len <= 0)
		return true;
	return !strcmp(s, "okay") || !strcmp(s, "ok");
}

static bool is_memory_node(const void *fdt, int node)
{
	int len;
	const char *t = fdt_getprop(fdt, node, "device_type", &len);

	return t && len > 0 && !strncmp(t, "memory", (size_t)len) &&
	       t[len - 1] == 0 && fdt_parent_offset(fdt, node) == 0;
}

static void node_path(const void *fdt, int node, char *buf, size_t len)
{
	if (fdt_get_path(fdt, node, buf, (int)len))
		snprintf(buf, len, "<node@%d>", node);
}

/*
 * Collect RAM ranges.  With r == NULL findings are not reported and
 * malformed reg properties make the call fail.
 */
static int collect_ram(const void *fdt, struct rlm_dt_range *out, size_t cap,
		       size_t *n, struct rlm_dt_report *r)
{
	uint32_t ac, sc;
	int node, len, bad = 0;
	char path[RLM_DT_PATH_LEN];

	*n = 0;
	if (node_cells(fdt, 0, &ac, &sc) || ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return RLM_EMALFORMED; /* reported by the cell checks */
	fdt_for_each_subnode(node, fdt, 0) {
		const fdt32_t *reg;
		uint32_t entry = ac + sc;
		int i, count;

		if (!is_memory_node(fdt, node) || !node_enabled(fdt, node))
			continue;
		node_path(fdt, node, path, sizeof(path));
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len <= 0 || len % (int)(4 * entry)) {
			if (r)
				finding(r, "%s: reg is missing or not a whole number of (%u+%u)-cell entries",
					path, ac, sc);
			bad = 1;
			continue;
		}
		count = len / (int)(4 * entry);
		for (i = 0; i < count; i++) {
			uint64_t base = 0, size = 0;

			read_num(reg + i * entry, ac, &base);
			read_num(reg + i * entry + ac, sc, &size);
			if (!size)
				continue;
			if (base + size < base) {
				if (r)
					finding(r, "%s: range 0x%llx+0x%llx wraps around",
						path, (unsigned long long)base,
						(unsigned long long)size);
				bad = 1;
				continue;
			}
			if (*n < cap) {
				size_t k = *n;

				/* insertion sort by base */
				while (k > 0 && out[k - 1].base > base) {
					out[k] = out[k - 1];
					k--;
				}
				out[k].base = base;
				out[k].size = size;
			}
			(*n)++;
		}
	}
	if (bad && !r)
		return RLM_EMALFORMED;
	return *n > cap ? RLM_ENOSPC : 0;
}

int rlm_dt_ram_ranges(const void *fdt, size_t len, struct rlm_dt_range *out,
		      size_t cap, size_t *n)
{
	int err;

	if (!n || (!out && cap))
		return RLM_EINVAL;
	err = check_blob(fdt, len);
	if (err)
		return err;
	return collect_ram(fdt, out, cap, n, NULL);
}

/*
 * Translate addr (in node's parent bus space, size bytes) to the root's
 * (CPU) space.  On failure writes the reason into why.
 */
static int translate(const void *fdt, int node, uint64_t *addr, uint64_t size,
		     char *why, size_t whylen)
{
	int bus = fdt_parent_offset(fdt, node);
	char path[RLM_DT_PATH_LEN];

	while (bus > 0) {
		int up = fdt_parent_offset(fdt, bus), len, i, count;
		uint32_t cac, csc, pac, psc, entry;
		const fdt32_t *rg;
		bool found = false;

		node_path(fdt, bus, path, sizeof(path));
		if (up < 0 || node_cells(fdt, bus, &cac, &csc) ||
		    node_cells(fdt, up, &pac, &psc)) {
			snprintf(why, whylen, "%.96s: bad cell counts on the bus", path);
			return -1;
		}
		rg = fdt_getprop(fdt, bus, "ranges", &len);
		if (!rg) {
			snprintf(why, whylen, "%.96s has no ranges: address not translatable", path);
			return -1;
		}
		entry = cac + pac + csc;
		if (len == 0) {
			bus = up;
			continue;
		}
		if (!entry || len % (int)(4 * entry)) {
			snprintf(why, whylen, "%.96s: malformed ranges", path);
			return -1;
		}
		count = len / (int)(4 * entry);
		for (i = 0; i < count && !found; i++) {
			uint64_t cb, pb, sz;

			if (read_num(rg + i * entry, cac, &cb) ||
			    read_num(rg + i * entry + cac, pac, &pb) ||
			    read_num(rg + i * entry + cac + pac, csc, &sz))
				continue;
			if (*addr >= cb && *addr - cb < sz && size <= sz - (*addr - cb)) {
				*addr = *addr - cb + pb;
				found = true;
			}
		}
		if (!found) {
			snprintf(why, whylen, "%.96s: ranges do not cover 0x%llx", path,
				 (unsigned long long)*addr);
			return -1;
		}
		bus = up;
	}
	return 0;
}

/* The node stdout-path names ("path-or-alias[:options]"), or <0. */
static int console_node(const void *fdt, const char **spath, int *spath_len)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len, n;
	const char *s, *colon;

	if (chosen < 0)
		return -FDT_ERR_NOTFOUND;
	s = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!s)
		s = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!s || len <= 1 || s[len - 1])
		return -FDT_ERR_NOTFOUND;
	colon = memchr(s, ':', (size_t)len - 1);
	n = colon ? (int)(colon - s) : len - 1;
	*spath = s;
	*spath_len = n;
	return fdt_path_offset_namelen(fdt, s, n);
}

/* The console's reg (first entry) in its parent's space, and its cells. */
static int console_reg(const void *fdt, int node, uint64_t *base,
		       uint64_t *size, uint32_t *ac, uint32_t *sc)
{
	int len, parent = fdt_parent_offset(fdt, node);
	const fdt32_t *reg;

	if (parent < 0 || node_cells(fdt, parent, ac, sc) || *ac < 1 || *ac > 2)
		return -1;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < (int)(4 * (*ac + *sc)))
		return -1;
	if (read_num(reg, *ac, base) || read_num(reg + *ac, *sc, size))
		return -1;
	return 0;
}

static void check_cells(const void *fdt, struct rlm_dt_report *r)
{
	uint32_t ac, sc;
	int node, depth = 0;
	char path[RLM_DT_PATH_LEN];

	if (node_cells(fdt, 0, &ac, &sc) || ac < 1 || ac > 2 || sc < 1 || sc > 2)
		finding(r, "/: #address-cells and #size-cells must each be 1 or 2");
	for (node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (node_cells(fdt, node, &ac, &sc)) {
			node_path(fdt, node, path, sizeof(path));
			finding(r, "%s: #address-cells/#size-cells malformed or over %d/%d",
				path, DT_MAX_ADDR_CELLS, DT_MAX_SIZE_CELLS);
		}
	}
}

static void check_console(const void *fdt, struct rlm_dt_report *r)
{
	const char *spath = NULL;
	int spath_len = 0, node = console_node(fdt, &spath, &spath_len);
	uint64_t base = 0, size = 0, half = (uint64_t)1 << (r->ipa_bits - 1);
	uint64_t space = half << 1;
	uint32_t ac, sc;
	char why[RLM_DT_FINDING_LEN];

	if (node == -FDT_ERR_NOTFOUND && !spath)
		return; /* no early console: nothing to check */
	if (node < 0) {
		finding(r, "/chosen/stdout-path '%.*s' names no node", spath_len, spath);
		return;
	}
	node_path(fdt, node, r->console_path, sizeof(r->console_path));
	if (console_reg(fdt, node, &base, &size, &ac, &sc)) {
		finding(r, "%s (stdout-path): no usable reg", r->console_path);
		return;
	}
	if (translate(fdt, node, &base, size ? size : 1, why, sizeof(why))) {
		finding(r, "%s (stdout-path): %s", r->console_path, why);
		return;
	}
	r->have_console = true;
	r->console.base = base;
	r->console.size = size;
	if (base < half || base - half >= half || size > half - (base - half))
		finding(r, "%s (stdout-path) at 0x%llx+0x%llx is not in the shared half [0x%llx, 0x%llx)",
			r->console_path, (unsigned long long)base,
			(unsigned long long)size, (unsigned long long)half,
			(unsigned long long)space);
}

/*
 * earlycon= in /chosen/bootargs (Linux Documentation/admin-guide/
 * kernel-parameters.txt: "earlycon=<name>,[mmio|mmio16|mmio32|mmio32be|
 * mmio32native|io,]<addr>[,options]"): the address is the device's CPU
 * address, so on a realm it must be the shared alias, as the console's
 * (DEN0137 1.0-rel0 A5.2.2: a protected IPA is never emulated by the
 * host).  "earlycon" alone uses stdout-path, checked above; a value
 * without an address (earlycon=efifb) has nothing to check; port I/O
 * ("io") is not memory.
 */
static void check_earlycon(const void *fdt, struct rlm_dt_report *r)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	uint64_t half = (uint64_t)1 << (r->ipa_bits - 1);
	const char *args, *p;

	if (chosen < 0)
		return;
	args = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (!args || len <= 0 || args[len - 1])
		return;
	for (p = args; (p = strstr(p, "earlycon=")) != NULL; p += 9) {
		char val[96], orig[96], *tok, *save = NULL, *end;
		const char *v = p + 9;
		size_t n = strcspn(v, " \t\n");
		uint64_t addr;
		int i;

		if (p != args && p[-1] != ' ' && p[-1] != '\t')
			continue; /* part of another parameter's value */
		if (n >= sizeof(val))
			n = sizeof(val) - 1;
		memcpy(val, v, n);
		val[n] = 0;
		memcpy(orig, val, n + 1);
		tok = strtok_r(val, ",", &save); /* the driver's name */
		for (i = 0; tok && i < 2; i++) {
			tok = strtok_r(NULL, ",", &save);
			if (tok && !strcmp(tok, "io"))
				tok = NULL; /* port I/O: no memory address */
			else if (tok && !strncmp(tok, "mmio", 4))
				continue;
			break;
		}
		if (!tok || !*tok)
			continue;
		addr = strtoull(tok, &end, 0);
		if (*end)
			continue; /* not an address: an option */
		if (addr < half || addr - half >= half)
			finding(r, "/chosen/bootargs: earlycon=%.40s at 0x%llx is not in the shared half [0x%llx, 0x%llx)",
				orig, (unsigned long long)addr, (unsigned long long)half,
				(unsigned long long)half * 2);
	}
}

/* A node whose reg is not a device's MMIO (memory, reservations, CPUs). */
static bool not_mmio(const void *fdt, int node)
{
	int parent = fdt_parent_offset(fdt, node), len;
	const char *name;

	if (parent < 0 || is_memory_node(fdt, node) || !node_enabled(fdt, node))
		return true;
	if (parent == 0) {
		name = fdt_get_name(fdt, node, &len);
		return name && (!strncmp(name, "memory", 6) || !strcmp(name, "cpus") ||
				!strcmp(name, "reserved-memory") || !strcmp(name, "chosen"));
	}
	name = fdt_get_name(fdt, parent, &len);
	return name && (!strcmp(name, "reserved-memory") || !strcmp(name, "cpus"));
}

/*
 * Device MMIO must not overlap protected RAM (RAM the host made RIPAS RAM
 * is realm memory, DEN0137 1.0-rel0 A5.2; an emulated device there would be realm data,
 * and Linux maps MMIO as device memory): every enabled node's reg entries,
 * translated to CPU addresses, against the RAM ranges.  Nodes on buses
 * without a CPU mapping (no ranges, #size-cells 0) have no MMIO.
 */
static void check_mmio(const void *fdt, struct rlm_dt_report *r)
{
	char path[RLM_DT_PATH_LEN], why[RLM_DT_FINDING_LEN];
	int node, depth = 0;

	for (node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		int parent = fdt_parent_offset(fdt, node), len, i, count;
		const fdt32_t *reg;
		uint32_t ac, sc;

		if (not_mmio(fdt, node) || node_cells(fdt, parent, &ac, &sc) ||
		    ac < 1 || ac > 2 || sc < 1)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < (int)(4 * (ac + sc)))
			continue;
		count = len / (int)(4 * (ac + sc));
		for (i = 0; i < count; i++) {
			uint64_t base, size;
			size_t k;

			if (read_num(reg + i * (ac + sc), ac, &base) ||
			    read_num(reg + i * (ac + sc) + ac, sc, &size) || !size ||
			    translate(fdt, node, &base, size, why, sizeof(why)))
				continue;
			for (k = 0; k < r->nram; k++) {
				const struct rlm_dt_range *m = &r->ram[k];

				if (base < m->base + m->size && m->base < base + size) {
					node_path(fdt, node, path, sizeof(path));
					finding(r, "%.80s: MMIO 0x%llx+0x%llx overlaps protected RAM 0x%llx+0x%llx",
						path, (unsigned long long)base,
						(unsigned long long)size,
						(unsigned long long)m->base,
						(unsigned long long)m->size);
					break;
				}
			}
		}
	}
}

int rlm_dt_check(const void *fdt, size_t len, unsigned int ipa_bits,
		 struct rlm_dt_report *r)
{
	uint64_t half;
	size_t i, n;
	int err;

	if (!r)
		return RLM_EINVAL;
	memset(r, 0, sizeof(*r));
	r->ipa_bits = ipa_bits;
	if (ipa_bits < RLM_DT_IPA_BITS_MIN || ipa_bits > RLM_DT_IPA_BITS_MAX)
		return RLM_ERANGE;
	err = check_blob(fdt, len);
	if (err)
		return err;
	half = (uint64_t)1 << (ipa_bits - 1);

	check_cells(fdt, r);
	err = collect_ram(fdt, r->ram, RLM_DT_MAX_RAM, &n, r);
	if (err == RLM_ENOSPC)
		finding(r, "more than %d memory ranges", RLM_DT_MAX_RAM);
	r->nram = n < RLM_DT_MAX_RAM ? n : RLM_DT_MAX_RAM;
	if (!err && n == 0)
		finding(r, "no memory node (device_type \"memory\") with a non-empty range");
	for (i = 0; i < r->nram; i++) {
		const struct rlm_dt_range *m = &r->ram[i];

		if (m->base >= half || m->size > half - m->base)
			finding(r, "memory 0x%llx+0x%llx is not in the protected half [0, 0x%llx)",
				(unsigned long long)m->base,
				(unsigned long long)m->size,
				(unsigned long long)half);
		if (i + 1 < r->nram && r->ram[i + 1].base - m->base < m->size)
			finding(r, "memory 0x%llx+0x%llx overlaps 0x%llx+0x%llx",
				(unsigned long long)m->base,
				(unsigned long long)m->size,
				(unsigned long long)r->ram[i + 1].base,
				(unsigned long long)r->ram[i + 1].size);
	}
	check_console(fdt, r);
	check_earlycon(fdt, r);
	check_mmio(fdt, r);
	r->ok = r->nfindings == 0;
	return 0;
}

/* Whether [base, base + size) is inside one reserved region: a
 * /reserved-memory child (root cells) or a /memreserve/ entry. */
static bool is_reserved(const void *fdt, uint64_t base, uint64_t size)
{
	int rm = fdt_path_offset(fdt, "/reserved-memory"), node, i, n;
	uint64_t end = base + size;

	n = fdt_num_mem_rsv(fdt);
	for (i = 0; i < n; i++) {
		uint64_t a, l;

		if (!fdt_get_mem_rsv(fdt, i, &a, &l) && base >= a && end <= a + l &&
		    a + l >= a)
			return true;
	}
	if (rm < 0)
		return false;
	fdt_for_each_subnode(node, fdt, rm) {
		uint32_t ac, sc;
		const fdt32_t *reg;
		int len, k, count;

		if (!node_enabled(fdt, node) || node_cells(fdt, rm, &ac, &sc) ||
		    ac < 1 || ac > 2 || sc < 1)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len < (int)(4 * (ac + sc)))
			continue;
		count = len / (int)(4 * (ac + sc));
		for (k = 0; k < count; k++) {
			uint64_t a, l;

			if (read_num(reg + k * (ac + sc), ac, &a) ||
			    read_num(reg + k * (ac + sc) + ac, sc, &l) || a + l < a)
				continue;
			if (base >= a && end <= a + l)
				return true;
		}
	}
	return false;
}

int rlm_dt_check_secret_area(const void *fdt, size_t len, uint64_t base,
			     uint64_t size, struct rlm_dt_report *r)
{
	uint64_t half;
	size_t i;
	bool in_ram = false;
	int err;

	if (!r || r->ipa_bits < RLM_DT_IPA_BITS_MIN || r->ipa_bits > RLM_DT_IPA_BITS_MAX ||
	    !size || base + size < base)
		return RLM_EINVAL;
	err = check_blob(fdt, len);
	if (err)
		return err;
	half = (uint64_t)1 << (r->ipa_bits - 1);
	for (i = 0; i < r->nram; i++)
		if (base >= r->ram[i].base && base + size <= r->ram[i].base + r->ram[i].size)
			in_ram = true;
	if (!in_ram || base + size > half)
		finding(r, "EFI secret area 0x%llx+0x%llx is not inside protected RAM (it must be RIPAS RAM so the guest maps it encrypted)",
			(unsigned long long)base, (unsigned long long)size);
	if (!is_reserved(fdt, base, size))
		finding(r, "EFI secret area 0x%llx+0x%llx is not reserved (/reserved-memory or /memreserve/): the guest kernel may allocate it",
			(unsigned long long)base, (unsigned long long)size);
	r->ok = r->nfindings == 0;
	return 0;
}

static int fdt_err(int e)
{
	switch (e) {
	case -FDT_ERR_NOSPACE: return RLM_ENOSPC;
	case -FDT_ERR_NOTFOUND: return RLM_ENOENT;
	case -FDT_ERR_EXISTS: return RLM_EEXIST;
	case -FDT_ERR_TRUNCATED: return RLM_ETRUNC;
	default: return RLM_EMALFORMED;
	}
}

/* Rewrite every string property of node equal to (old, oldlen) + suffix. */
static int repoint(void *fdt, int node, const char *prop, const char *old,
		   int oldlen, const char *newp)
{
	char buf[256];
	const char *s;
	int len, n;

	s = fdt_getprop(fdt, node, prop, &len);
	if (!s || len <= oldlen || memcmp(s, old, (size_t)oldlen) != 0 ||
	    (s[oldlen] && s[oldlen] != ':'))
		return 0;
	n = snprintf(buf, sizeof(buf), "%s%s", newp, s + oldlen);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return RLM_E2BIG;
	n = fdt_setprop_string(fdt, node, prop, buf);
	return n ? fdt_err(n) : 0;
}

static int fixup_console(void *fdt, unsigned int ipa_bits)
{
	const char *spath;
	char oldpath[RLM_DT_PATH_LEN], newpath[RLM_DT_PATH_LEN];
	char name[RLM_DT_PATH_LEN], why[RLM_DT_FINDING_LEN];
	uint64_t base = 0, size = 0, cpu, half;
	uint32_t ac, sc;
	int spath_len, node, err, len, aliases, prop;
	fdt32_t *reg;
	const char *at;

	half = (uint64_t)1 << (ipa_bits - 1);
	node = console_node(fdt, &spath, &spath_len);
	if (node < 0)
		return RLM_ENOENT;
	if (console_reg(fdt, node, &base, &size, &ac, &sc))
		return RLM_EMALFORMED;
	cpu = base;
	if (translate(fdt, node, &cpu, size ? size : 1, why, sizeof(why)))
		return RLM_EMALFORMED;
	if (cpu >= half)
		return cpu - half < half ? 0 : RLM_ERANGE;
	if (size > half - cpu)
		return RLM_ERANGE;
	/* Same offset in the bus space; the buses must map it as well. */
	base += half;
	cpu = base;
	if ((ac == 1 && base >> 32) ||
	    translate(fdt, node, &cpu, size ? size : 1, why, sizeof(why)) ||
	    cpu - half >= half)
		return RLM_ERANGE;
	reg = fdt_getprop_w(fdt, node, "reg", &len);
	if (!reg)
		return RLM_EMALFORMED;
	write_num(reg, ac, base);

	/* Unit address = first reg address, as the spec asks. */
	node_path(fdt, node, oldpath, sizeof(oldpath));
	at = strchr(fdt_get_name(fdt, node, NULL), '@');
	len = at ? (int)(at - fdt_get_name(fdt, node, NULL))
		 : (int)strlen(fdt_get_name(fdt, node, NULL));
	snprintf(name, sizeof(name), "%.*s@%llx", len,
		 fdt_get_name(fdt, node, NULL), (unsigned long long)base);
	err = fdt_set_name(fdt, node, name);
	if (err)
		return fdt_err(err);
	node_path(fdt, node, newpath, sizeof(newpath));

	/* Point stdout-path and aliases at the new path. */
	err = repoint(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path",
		      oldpath, (int)strlen(oldpath), newpath);
	if (!err)
		err = repoint(fdt, fdt_path_offset(fdt, "/chosen"),
			      "linux,stdout-path", oldpath,
			      (int)strlen(oldpath), newpath);
	/* Aliases: collect the names first, edits move property offsets. */
	aliases = fdt_path_offset(fdt, "/aliases");
	if (aliases >= 0 && !err) {
		char names[16][64];
		int nn = 0, k;

		fdt_for_each_property_offset(prop, fdt, aliases) {
			const char *pname;

			if (!fdt_getprop_by_offset(fdt, prop, &pname, &len) ||
			    nn == 16)
				continue;
			snprintf(names[nn++], sizeof(names[0]), "%s", pname);
		}
		for (k = 0; k < nn && !err; k++)
			err = repoint(fdt, fdt_path_offset(fdt, "/aliases"),
				      names[k], oldpath, (int)strlen(oldpath),
				      newpath);
	}
	return err;
}

/* Open the blob into the whole buffer, edit, pack again (on errors too,
 * so a failed edit leaves the blob as compact as it came). */
static int edit(void *fdt, size_t bufsize, int (*fn)(void *fdt, const void *arg),
		const void *arg)
{
	int err = check_edit_blob(fdt, bufsize), perr;

	if (err)
		return err;
	err = fdt_open_into(fdt, fdt, (int)bufsize);
	if (err)
		return fdt_err(err);
	err = fn(fdt, arg);
	perr = fdt_pack(fdt);
	return err ? err : perr ? fdt_err(perr) : 0;
}

static int fixup_console_fn(void *fdt, const void *arg)
{
	return fixup_console(fdt, *(const unsigned int *)arg);
}

int rlm_dt_fixup_console(void *fdt, size_t bufsize, unsigned int ipa_bits)
{
	if (ipa_bits < RLM_DT_IPA_BITS_MIN || ipa_bits > RLM_DT_IPA_BITS_MAX)
		return RLM_ERANGE;
	return edit(fdt, bufsize, fixup_console_fn, &ipa_bits);
}

struct reserved_args {
	const char *name;
	uint64_t base, size;
};

static int add_reserved_fn(void *fdt, const void *arg)
{
	const struct reserved_args *a = arg;
	const char *name = a->name;
	uint64_t base = a->base, size = a->size;
	uint32_t ac, sc;
	fdt32_t reg[4];
	char nodename[RLM_DT_PATH_LEN];
	int err, rm, node;

	if (node_cells(fdt, 0, &ac, &sc) || ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return RLM_EMALFORMED;
	if ((ac == 1 && base >> 32) || (sc == 1 && size >> 32))
		return RLM_ERANGE;
	rm = fdt_path_offset(fdt, "/reserved-memory");
	if (rm == -FDT_ERR_NOTFOUND) {
		rm = fdt_add_subnode(fdt, 0, "reserved-memory");
		if (rm < 0)
			return fdt_err(rm);
		if ((err = fdt_setprop_u32(fdt, rm, "#address-cells", ac)) ||
		    (err = fdt_setprop_u32(fdt, rm, "#size-cells", sc)) ||
		    (err = fdt_setprop_empty(fdt, rm, "ranges")))
			return fdt_err(err);
	} else if (rm < 0) {
		return fdt_err(rm);
	} else {
		uint32_t rac, rsc;

		/* The node maps 1:1 onto the root: require the same cells. */
		if (node_cells(fdt, rm, &rac, &rsc) || rac != ac || rsc != sc)
			return RLM_EMALFORMED;
	}
	snprintf(nodename, sizeof(nodename), "%s@%llx", name,
		 (unsigned long long)base);
	node = fdt_add_subnode(fdt, rm, nodename);
	if (node < 0)
		return fdt_err(node);
	write_num(reg, ac, base);
	write_num(reg + ac, sc, size);
	if ((err = fdt_setprop(fdt, node, "reg", reg, (int)(4 * (ac + sc)))) ||
	    (err = fdt_setprop_empty(fdt, node, "no-map")))
		return fdt_err(err);
	return 0;
}

int rlm_dt_add_reserved(void *fdt, size_t bufsize, const char *name,
			uint64_t base, uint64_t size)
{
	struct reserved_args a = { name, base, size };

	if (!name || !*name || strchr(name, '@') || strchr(name, '/') || !size ||
	    base + size < base)
		return RLM_EINVAL;
	return edit(fdt, bufsize, add_reserved_fn, &a);
}

#else /* !RLM_HAVE_LIBFDT */

int rlm_dt_check(const void *fdt, size_t len, unsigned int ipa_bits,
		 struct rlm_dt_report *r)
{
	return RLM_ENOTSUP;
}

int rlm_dt_ram_ranges(const void *fdt, size_t len, struct rlm_dt_range *out,
		      size_t cap, size_t *n)
{
	return RLM_ENOTSUP;
}

int rlm_dt_fixup_console(void *fdt, size_t bufsize, unsigned int ipa_bits)
{
	return RLM_ENOTSUP;
}

int rlm_dt_check_secret_area(const void *fdt, size_t len, uint64_t base,
			     uint64_t size, struct rlm_dt_report *r)
{
	return RLM_ENOTSUP;
}

int rlm_dt_add_reserved(void *fdt, size_t bufsize, const char *name,
			uint64_t base, uint64_t size)
{
	return RLM_ENOTSUP;
}

#endif
