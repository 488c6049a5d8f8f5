/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * REC exits: decoding a RmiRecExit into what a VMM must do, and preparing
 * the RmiRecEnter that completes it.  Portable core.
 *
 * What the RMM reports (RMM 1.0, checked in TF-RMM rmm-spec-v1.0-rel0
 * runtime/core/exit.c handle_data_abort(), lib/arch/include/arch.h):
 *  - data aborts: esr keeps EC, SET, FnV, EA, FSC and, for an emulatable
 *    access to the unprotected half, ISV, SAS, SF, WnR (SRT and SSE are
 *    masked: the register is the RMM's business); hpfar as HPFAR_EL2 (FIPA
 *    = IPA[51:12] in bits [43:4]); far = FAR_EL2 bits [11:0] only; for a
 *    write, gprs[0] = the value written.  A read completes with the value
 *    in enter.gprs[0] and REC_ENTER_FLAG_EMULATED_MMIO; a write with the
 *    flag alone.  An access the host cannot emulate may be answered with
 *    REC_ENTER_FLAG_INJECT_SEA.
 *  - PSCI: gprs[0] = function id, gprs[1..3] = arguments; CPU_ON and
 *    AFFINITY_INFO need RMI_PSCI_COMPLETE before the caller runs again.
 *  - RIPAS_CHANGE: ripas_base/top/value; the host applies it with
 *    RMI_RTT_SET_RIPAS (possibly over several calls) or refuses it with
 *    REC_ENTER_FLAG_RIPAS_RESPONSE.
 *  - HOST_CALL: imm and gprs[0..30]; the host's answer goes back in
 *    enter.gprs[0..30].
 */
#ifndef RLM_EXIT_H
#define RLM_EXIT_H

#include <realm/env.h>
#include <realm/pack.h>
#include <realm/rtt.h>
#include <realm/ripas.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ESR_EL2 fields (Arm ARM D17.2.37; TF-RMM arch.h) */
#define RLM_ESR_EC_SHIFT 26
#define RLM_ESR_EC_MASK UINT64_C(0x3f)
#define RLM_ESR_EC_WFX 0x01
#define RLM_ESR_EC_SYSREG 0x18
#define RLM_ESR_EC_INST_ABORT 0x20
#define RLM_ESR_EC_DATA_ABORT 0x24
#define RLM_ESR_ISV RLM_BIT(24)
#define RLM_ESR_SAS_SHIFT 22
#define RLM_ESR_SSE RLM_BIT(21)
#define RLM_ESR_SRT_SHIFT 16
#define RLM_ESR_SF RLM_BIT(15)
#define RLM_ESR_EA RLM_BIT(9)
#define RLM_ESR_WNR RLM_BIT(6)
#define RLM_ESR_FSC_MASK UINT64_C(0x3f)
#define RLM_ESR_FSC_SEA 0x10
#define RLM_ESR_WFX_TI_MASK UINT64_C(3)   /* 0 WFI, 1 WFE (2/3: WFIT/WFET) */
#define RLM_HPFAR_FIPA_SHIFT 4
#define RLM_HPFAR_FIPA_WIDTH 40

enum rlm_exit_kind {
	RLM_EXIT_MMIO = 1,       /* emulatable access to the unprotected half */
	RLM_EXIT_DATA_ABORT,     /* other data abort (fault, no ISV, protected) */
	RLM_EXIT_INSTR_ABORT,
	RLM_EXIT_WFI,
	RLM_EXIT_WFE,
	RLM_EXIT_SYSREG,
	RLM_EXIT_SYNC_OTHER,
	RLM_EXIT_EXT_ABORT,      /* synchronous external abort (EA set) */
	RLM_EXIT_IRQ,
	RLM_EXIT_FIQ,
	RLM_EXIT_PSCI,
	RLM_EXIT_RIPAS_CHANGE,
	RLM_EXIT_HOST_CALL,
	RLM_EXIT_SERROR,
};

enum rlm_psci_action {
	RLM_PSCI_ACT_NOTE = 1,   /* CPU_OFF / CPU_SUSPEND: nothing to complete */
	RLM_PSCI_ACT_COMPLETE,   /* CPU_ON / AFFINITY_INFO: PSCI_COMPLETE needed */
	RLM_PSCI_ACT_SYSTEM_OFF,
	RLM_PSCI_ACT_SYSTEM_RESET,
};

struct rlm_exit {
	uint8_t reason;           /* RLM_RMI_EXIT_* */
	enum rlm_exit_kind kind;
	uint64_t esr;
	uint64_t fault_ipa;       /* aborts: IPA from hpfar | far[11:0] */
	struct {
		uint64_t ipa;
		unsigned int size;    /* bytes: 1, 2, 4, 8 */
		bool write;
		bool sf;              /* 64-bit register */
		uint64_t data;        /* write: the value (masked to size) */
	} mmio;
	struct {
		uint32_t fid;
		uint64_t args[3];
		enum rlm_psci_action action;
		uint64_t target_mpidr;  /* CPU_ON / AFFINITY_INFO */
	} psci;
	struct {
		uint64_t base, top;
		uint8_t value;
	} ripas;
	uint16_t imm;             /* host call */
	uint64_t gprs[RLM_REC_RUN_GPRS]; /* host call arguments */
	/*
	 * State every exit carries (Arm DEN0137 1.0-rel0 B4.4.12 RmiRecExit):
	 * the realm's EL1 timers as the RMM saved them, so the host can raise
	 * the timer interrupt lines; the PMU overflow status; the GICv3 CPU
	 * interface (ICH_HCR_EL2, ICH_LR<n>_EL2, ICH_MISR_EL2, ICH_VMCR_EL2).
	 */
	struct {
		uint64_t cntv_ctl, cntv_cval;
		uint64_t cntp_ctl, cntp_cval;
	} timer;
	uint8_t pmu_ovf_status;   /* RLM_RMI_PMU_OVERFLOW_* */
	struct {
		uint64_t hcr;
		uint64_t lrs[RLM_REC_MAX_GIC_NUM_LRS];
		uint64_t misr;
		uint64_t vmcr;
	} gic;
};

/* CNT*_CTL_EL0 bits (Arm ARM D23.8): ENABLE, IMASK, ISTATUS. */
#define RLM_CNT_CTL_ENABLE RLM_BIT(0)
#define RLM_CNT_CTL_IMASK RLM_BIT(1)
#define RLM_CNT_CTL_ISTATUS RLM_BIT(2)

/* Does a timer control value say the timer's interrupt line is asserted
 * (enabled, condition met, not masked)?  How the series' rme-exit.c
 * update_arch_timer_irq_lines() reads RmiRecExit.cntv_ctl/cntp_ctl. */
static inline bool rlm_exit_timer_fired(uint64_t ctl)
{
	return (ctl & (RLM_CNT_CTL_ENABLE | RLM_CNT_CTL_IMASK |
		       RLM_CNT_CTL_ISTATUS)) ==
	       (RLM_CNT_CTL_ENABLE | RLM_CNT_CTL_ISTATUS);
}

/*
 * Decode an exit of a realm with geometry g.  RLM_EMALFORMED for what an
 * RMM following the specification cannot produce: unknown exit reason, an
 * emulatable abort in the protected half or outside the IPA space, an
 * access size a 32-bit register cannot have, a write value wider than the
 * access, a RIPAS change that is empty, unaligned, outside the protected
 * half or asks for something but EMPTY/RAM, a PSCI exit for a function
 * that never exits.
 */
int rlm_exit_decode(const struct rlm_rec_exit *x, const struct rlm_rtt_geom *g,
		    struct rlm_exit *out);

/* The same from the RmiRecExit half of a RmiRecRun page
 * (RLM_REC_EXIT_SIZE bytes, see rlm_unpack_rec_exit()). */
int rlm_exit_decode_page(const uint8_t *exit_page, size_t len,
			 const struct rlm_rtt_geom *g, struct rlm_exit *out);

/* Start an RmiRecEnter for the next entry (flags 0, gprs 0). */
void rlm_exit_enter_init(struct rlm_rec_enter *e);

/* MMIO completion: a read returns value (masked to the access size) in
 * gprs[0]; both set EMULATED_MMIO.  RLM_ESTATE if x is not that access. */
int rlm_exit_complete_mmio_read(struct rlm_rec_enter *e,
				const struct rlm_exit *x, uint64_t value);
int rlm_exit_complete_mmio_write(struct rlm_rec_enter *e,
				 const struct rlm_exit *x);

/* Inject a synchronous external abort for a data abort the host cannot
 * handle (MMIO or an abort in the unprotected half). */
int rlm_exit_inject_sea(struct rlm_rec_enter *e, const struct rlm_exit *x,
			const struct rlm_rtt_geom *g);

/*
 * The number of GICv3 list registers the RMM lets a host use: feature
 * register 0 GICV3_NUM_LRS (Arm DEN0137 1.0-rel0 B4.4.6
 * RmiFeatureRegister0; the field holds the count minus one as
 * ICH_VTR_EL2.ListRegs does).
 */
unsigned int rlm_exit_gic_num_lrs(uint64_t feat0);

/*
 * Fill RmiRecEnter's GIC state: gicv3_hcr = hcr, gicv3_lrs[0..n) = lrs and
 * the rest zero (an unused list register must be zero, B4.4.11
 * RmiRecEnter).  n may not exceed rlm_exit_gic_num_lrs(feat0): RLM_ERANGE;
 * hcr may hold only RLM_REC_ENTER_GICV3_HCR_HOST bits: RLM_EINVAL; e
 * unchanged either way.
 */
int rlm_exit_enter_set_gic(struct rlm_rec_enter *e, uint64_t feat0,
			   uint64_t hcr, const uint64_t *lrs, unsigned int n);

/* Refuse a RIPAS change (RIPAS_RESPONSE = reject). */
int rlm_exit_ripas_reject(struct rlm_rec_enter *e, const struct rlm_exit *x);

/*
 * After RMI_RTT_SET_RIPAS applied [x->ripas.base, reached): mirror it in
 * the tracker (cb sees the private/shared conversions).  reached must lie
 * in (base, top].
 */
int rlm_exit_ripas_applied(struct rlm_ripas *t, const struct rlm_exit *x,
			   uint64_t reached, rlm_ripas_change_fn cb, void *arg);

/* Return the host call's answer (gprs[0..30]). */
int rlm_exit_host_call_return(struct rlm_rec_enter *e, const struct rlm_exit *x,
			      const uint64_t gprs[RLM_REC_RUN_GPRS]);

/* "MMIO", "PSCI", ... */
const char *rlm_exit_kind_name(enum rlm_exit_kind k);

#ifdef __cplusplus
}
#endif

#endif /* RLM_EXIT_H */
