/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A model of each KVM CCA host series over the mock RMM (testing tier):
 * a struct rlm_kvm_sys_ops backend that answers the ioctls the way that
 * series' kernel does, making the RMI calls that kernel makes on the mock
 * RMM.  The KVM backend (realm/kvm.h) runs on it unchanged, so a whole
 * VMM launch - configuration, memory, populate, vCPUs and their REC
 * parameters, activation, KVM_RUN - is exercised without arm64 hardware,
 * and the realm's RIM can be compared with the launch planner's.
 *
 * What it models (each behaviour cites its source in kvm_model.c): the
 * capability numbers and sysfs parameters, the realm VM types, the
 * multiplexed KVM_ENABLE_CAP flow (v10, NVIDIA's 6.18 kernels, with MEC),
 * REC parameters snapshotted at KVM_ARM_VCPU_FINALIZE (v10/NV) or at the
 * first KVM_RUN (v12+), populate copying from the memslot (v10/NV) or
 * from source_uaddr (v12+) with partial progress, private attributes
 * required before populate, v12+ initialising RIPAS at the first
 * KVM_RUN after the RECs (RLM_LAUNCH_ORDER_KVM_ACTIVATE) and refusing it
 * without an initialised vGICv3, LPA2 from the host on v13/v14, NVIDIA's
 * MEC items backed by a MECID allocator, RIPAS changes as
 * KVM_EXIT_MEMORY_FAULT, PSCI CPU_ON / SYSTEM_OFF handled in the kernel.
 * It does not model MMIO emulation, interrupt delivery or timers.
 */
#ifndef RLM_KVM_MODEL_H
#define RLM_KVM_MODEL_H

#include <realm/env.h>
#include <realm/kvm.h>
#include <realm/mock.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rlm_kvm_model;

struct rlm_kvm_model_config {
	enum rlm_kvm_series series;
	struct rlm_mock *mock;         /* the RMM (its default layout) */
	const struct rlm_mock_config *mock_cfg; /* its pool and NS area */
	long page_size;                /* 0: 4096 */
	/*
	 * The realm's SVE, PMU, breakpoint and watchpoint parameters come
	 * from what the VMM configured through the vCPUs (SVE_VLS, PMU
	 * feature and PMCR_EL0.N, ID_AA64DFR0_EL1), bounded by the mock
	 * RMM's RMI_FEATURES(0) as the kernel bounds them; nothing here.
	 */
	uint32_t populate_chunk;       /* v12+: bytes per call (0: all) */
	/* The host's stage 2 uses LPA2: KVM_CAP_ARM_VM_IPA_SIZE answers 52
	 * (else 48), and v13/v14 set LPA2 in the realm parameters. */
	bool host_lpa2;
	/* NVIDIA: the MECIDs the kernel hands out (0: no MEC; the mock RMM
	 * itself has none, so the MECID reaches no RMI call here).  The
	 * kernel side keeps them with the MECID allocator (realm/alloc.h):
	 * CONFIG_REALM(MEC_QUERY) answers supported and the private MECIDs
	 * left, CONFIG_REALM(MEC) takes a private one (-ENOSPC when none is
	 * left) or the shared one, teardown gives it back. */
	uint32_t max_mecid, shared_mecid;
	/* The guest program every REC runs (see rlm_kvm_model_program). */
	rlm_mock_realm_fn program;
	void *program_arg;
};

int rlm_kvm_model_new(const struct rlm_kvm_model_config *cfg,
		      struct rlm_kvm_model **model);
/* Tears down what the realm still holds, then frees the model. */
void rlm_kvm_model_free(struct rlm_kvm_model *m);

/* The rlm_kvm_config (ops, ctx, device and sysfs paths) to open it. */
void rlm_kvm_model_kvm_config(struct rlm_kvm_model *m,
			      struct rlm_kvm_config *cfg);

struct rlm_kvm_model_info {
	uint64_t rd;                  /* 0 before the realm exists */
	uint64_t recs;                /* RECs created */
	uint64_t rec0_pc, rec0_x0;    /* REC 0's parameters as created */
	uint64_t data_granules;
	uint64_t ripas_changes;       /* RIPAS changes completed */
	uint64_t psci_cpu_on;         /* CPU_ON completed by the kernel */
	uint64_t rmi_errors;          /* RMI calls the RMM refused */
	bool mec_set;                 /* NV: CONFIG_REALM(MEC) was accepted */
	bool mec_private;
	uint32_t mecid;               /* the MECID it got */
	uint32_t mecids_private_used; /* the allocator's count, all realms */
	bool gic_ready;               /* the vGICv3 was initialised */
};
void rlm_kvm_model_info(const struct rlm_kvm_model *m,
			struct rlm_kvm_model_info *info);

/*
 * Destroy the realm as the kernel does at VM close (data, RECs, RTTs
 * bottom up, the realm, root RTTs, RD) and undelegate every granule.
 * Returns the number of granules that could not be returned (0).
 */
uint64_t rlm_kvm_model_teardown(struct rlm_kvm_model *m);

/*
 * A guest program for the boot REC (an rlm_mock_realm_fn): reads its
 * RIM; if token_ipa is set, fetches an attestation token for challenge
 * into that granule (RSI_ATTESTATION_TOKEN_INIT, then _CONTINUE until
 * done: it must be a populated granule, and the token fit in it); makes
 * [empty_base, empty_top) EMPTY (a RIPAS change the VMM sees as a memory
 * fault); starts every other vCPU with PSCI CPU_ON at entry; then
 * SYSTEM_OFF.  arg: struct rlm_kvm_model_program, zeroed then filled in.
 */
struct rlm_kvm_model_program {
	uint64_t empty_base, empty_top;  /* 0, 0: no RIPAS change */
	unsigned int nvcpus;
	uint64_t entry;
	uint64_t token_ipa;              /* 0: no token */
	uint8_t challenge[64];
	unsigned int step;               /* progress (zero it to start) */
	unsigned int cpu;                /* next CPU to start */
	uint8_t rim[64];                 /* what RSI_MEASUREMENT_READ gave */
	bool rim_read;
	uint64_t token_len;              /* bytes the RMM wrote */
	bool token_done;                 /* the last CONTINUE said SUCCESS */
	uint64_t token_error;            /* RSI status that stopped it (0) */
};
int rlm_kvm_model_program(void *arg, uint64_t rec,
			  const struct rlm_smc_regs *prev,
			  struct rlm_smc_regs *next);

#ifdef __cplusplus
}
#endif

#endif /* RLM_KVM_MODEL_H */
