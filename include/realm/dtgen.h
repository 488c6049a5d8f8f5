/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device trees as VMMs generate them for a realm (userspace).
 *
 * The DTB QEMU's virt machine (9.1) and kvmtool build for a realm layout,
 * byte for byte as veraison cca-realm-measurements (src/qemu.rs,
 * src/kvmtool.rs, src/fdt.rs) models them with the vm-fdt writer: header,
 * empty memory reservation map, structure block with node and property
 * order fixed per VMM, strings block in first-use order without suffix
 * sharing, no padding (kvmtool's blob is zero-filled to 64 KiB, the size
 * it loads).  These are the DTBs whose RIMs that tool publishes.
 *
 * rlm_dtgen_patch() is that tool's --dtb-template: a DTB the VMM dumped is
 * re-emitted token by token with the nodes and properties that depend on
 * the layout rewritten (memory, /chosen initrd and bootargs, CPUs, GIC,
 * ITS, PMU, PCIe windows, the measurement log's reserved memory), keeping
 * the template's strings block, memory reservations and header fields.
 *
 * Needs no libfdt: exists in every userspace build.
 */
#ifndef RLM_DTGEN_H
#define RLM_DTGEN_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rlm_dtgen_vmm {
	RLM_DTGEN_QEMU = 1,     /* QEMU -M virt */
	RLM_DTGEN_KVMTOOL = 2,  /* lkvm run --realm (arm64) */
};

/* Where each VMM puts RAM (QEMU hw/arm/virt.c, kvmtool arm/include). */
#define RLM_DTGEN_QEMU_RAM_BASE UINT64_C(0x40000000)
#define RLM_DTGEN_KVMTOOL_RAM_BASE UINT64_C(0x80000000)
/* kvmtool loads its DTB as a 64 KiB blob (FDT_MAX_SIZE). */
#define RLM_DTGEN_KVMTOOL_DTB_SIZE 0x10000u

struct rlm_dtgen_layout {
	enum rlm_dtgen_vmm vmm;
	uint64_t ram_base, ram_size;
	/* QEMU: hot-pluggable memory above RAM (-m maxmem - size + slots GiB);
	 * it moves the high redistributor and PCIe windows. */
	uint64_t hotplug_size;
	/* vCPUs = sockets * clusters * cores * threads (each >= 1); QEMU
	 * describes the topology in /cpus/cpu-map of a patched template. */
	unsigned int sockets, clusters, cores, threads;
	const char *bootargs;         /* /chosen/bootargs; NULL: none */
	bool initrd;                  /* /chosen/linux,initrd-{start,end} */
	uint64_t initrd_base, initrd_size;
	bool log;                     /* /reserved-memory/event-log@base */
	uint64_t log_base, log_size;
	bool pmu;                     /* /pmu */
	bool its;                     /* GIC ITS (QEMU its=on, kvmtool gicv3-its) */
	unsigned int virtio_mmio;     /* kvmtool: virtio-mmio devices */
};

/*
 * The smallest IPA width the VMM's memory map needs for this layout, the
 * realm's shared half included (QEMU: RAM, hotplug memory, the high
 * redistributors, PCIe ECAM and MMIO windows, times two; kvmtool: the last
 * RAM address, at least 32 bits, times two).  RLM_EINVAL for a bad layout.
 */
int rlm_dtgen_ipa_bits(const struct rlm_dtgen_layout *l, unsigned int *bits);

/*
 * Generate the DTB into buf (cap bytes); *len gets its size (for kvmtool
 * RLM_DTGEN_KVMTOOL_DTB_SIZE).  RLM_ENOSPC with *len set to the size
 * needed if cap is too small; RLM_EINVAL for a bad layout (no vCPU, empty
 * RAM, unknown VMM); RLM_E2BIG if a kvmtool DTB outgrows 64 KiB.
 */
int rlm_dtgen_generate(const struct rlm_dtgen_layout *l, uint8_t *buf,
		       size_t cap, size_t *len);

/*
 * Patch a template DTB (tmpl, tlen bytes) for the layout, into buf as for
 * rlm_dtgen_generate().  RLM_EMALFORMED or RLM_ETRUNC for a template that
 * does not parse (bad magic, offsets outside it, unknown token, unclosed
 * node); RLM_ENOTSUP for what the model cannot re-emit identically (gaps
 * between blocks, NOP tokens, an unaligned reservation map); RLM_EEXIST if
 * the result would hold a phandle twice (the template uses one the layout
 * assigns, e.g. a GICv2 machine's).
 */
int rlm_dtgen_patch(const struct rlm_dtgen_layout *l, const void *tmpl,
		    size_t tlen, uint8_t *buf, size_t cap, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* RLM_DTGEN_H */
