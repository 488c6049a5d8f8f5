/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device trees for realms (userspace, libfdt).
 *
 * The Linux realm boot contract (Linux Documentation/arch/arm64/arm-cca.rst
 * and Linux's arm64 realm support):
 *  - every /memory range lies in the protected (lower) half of the IPA
 *    space, [0, 2^(ipa_bits-1)): these are exactly the ranges the host must
 *    make RIPAS RAM (RTT_INIT_RIPAS) before the realm starts;
 *  - the early console (the node /chosen/stdout-path names) is an emulated
 *    device, so it must be reached through the shared (upper) half,
 *    [2^(ipa_bits-1), 2^ipa_bits);
 *  - an earlycon= in /chosen/bootargs with an address names the shared
 *    half too (Linux kernel-parameters.txt: earlycon=<name>,[mmio...,]<addr>);
 *  - no device's MMIO (any enabled node's reg, translated to CPU
 *    addresses; not /memory, /reserved-memory or CPUs) overlaps RAM;
 *  - memory ranges do not overlap; #address-cells/#size-cells are sane.
 *
 * Built without libfdt every function returns RLM_ENOTSUP.
 */
#ifndef RLM_DT_H
#define RLM_DT_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rlm_dt_range {
	uint64_t base;
	uint64_t size;
};

#define RLM_DT_MAX_RAM 64
#define RLM_DT_MAX_FINDINGS 16
#define RLM_DT_FINDING_LEN 160
#define RLM_DT_PATH_LEN 128

struct rlm_dt_report {
	unsigned int ipa_bits;
	bool ok;                          /* no findings */
	size_t nram;                      /* RAM ranges found (<= RLM_DT_MAX_RAM) */
	struct rlm_dt_range ram[RLM_DT_MAX_RAM];
	bool have_console;                /* stdout-path names a node with reg */
	char console_path[RLM_DT_PATH_LEN];
	struct rlm_dt_range console;      /* CPU (IPA) view, after translation */
	size_t nfindings;                 /* total; the first MAX are stored */
	char findings[RLM_DT_MAX_FINDINGS][RLM_DT_FINDING_LEN];
};

/* IPA widths accepted (RMI s2sz: 32..48 bits, 52 with LPA2). */
#define RLM_DT_IPA_BITS_MIN 32
#define RLM_DT_IPA_BITS_MAX 52

/* The shared (unprotected) alias of a protected IPA: ipa | 2^(ipa_bits-1). */
uint64_t rlm_dt_shared_alias(uint64_t ipa, unsigned int ipa_bits);

/*
 * Check the realm boot contract.  Returns 0 when the DTB could be read
 * (r->ok tells the verdict; r->findings say why not), RLM_EMALFORMED or
 * RLM_ETRUNC for an invalid DTB, RLM_ERANGE for ipa_bits out of range.
 */
int rlm_dt_check(const void *fdt, size_t len, unsigned int ipa_bits,
		 struct rlm_dt_report *r);

/*
 * The EFI secret area's part of the contract (Linux efi_secret maps the
 * area the EFI configuration table names, torvalds/linux drivers/virt/
 * coco/efi_secret; on CCA it must be RIPAS RAM so that the guest maps it
 * encrypted): [base, base + size) must lie inside one RAM range in the
 * protected half (the ranges the host makes RIPAS RAM) and be reserved
 * (inside a /reserved-memory child's reg or a /memreserve/ entry) so the
 * kernel never allocates it.  r is the report rlm_dt_check() filled for
 * the same DTB; findings are added and r->ok updated.  RLM_EINVAL for an
 * empty or wrapping area or an unfilled report.
 */
int rlm_dt_check_secret_area(const void *fdt, size_t len, uint64_t base,
			     uint64_t size, struct rlm_dt_report *r);

/*
 * The RAM ranges of a DTB (/memory nodes with device_type "memory" that are
 * not disabled, sorted by base, zero sizes dropped): what the launch planner
 * makes RIPAS RAM.  *n is the total; RLM_ENOSPC if cap is too small.
 */
int rlm_dt_ram_ranges(const void *fdt, size_t len, struct rlm_dt_range *out,
		      size_t cap, size_t *n);

/*
 * VMM-side fix-up: move the early console to its shared alias.  Rewrites
 * the console node's reg (so that it translates to the shared alias), its
 * unit address, and /chosen/stdout-path and /aliases entries that named
 * the old path, keeping them consistent.  fdt is edited in place inside a
 * buffer of bufsize bytes (the tree may grow).  Nothing to do (already
 * shared) is success.  RLM_ENOENT: no stdout-path / console node.
 */
int rlm_dt_fixup_console(void *fdt, size_t bufsize, unsigned int ipa_bits);

/*
 * VMM-side fix-up: a /reserved-memory/NAME@BASE node with reg and no-map
 * (creating /reserved-memory with the root's cells if needed), e.g. for the
 * EFI secret area so the guest kernel never allocates it.  RLM_EEXIST if a
 * node of that name and address exists already.
 */
int rlm_dt_add_reserved(void *fdt, size_t bufsize, const char *name,
			uint64_t base, uint64_t size);

#ifdef __cplusplus
}
#endif

#endif /* RLM_DT_H */
