/* SPDX-License-Identifier: BSD-3-Clause */
/* REC exit decoding and completion; see realm/exit.h. */
#include <realm/exit.h>
#include <realm/error.h>

/* SMC32 variants of the PSCI calls that have SMC64 twins. */
#define PSCI_CPU_SUSPEND_32_ 0x84000001u
#define PSCI_CPU_ON_32_ 0x84000003u
#define PSCI_AFFINITY_INFO_32_ 0x84000004u

static uint64_t size_mask_(unsigned int size)
{
	return size >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * size)) - 1;
}

static int decode_abort_(const struct rlm_rec_exit *x,
			 const struct rlm_rtt_geom *g, struct rlm_exit *o,
			 unsigned int ec)
{
	uint64_t esr = x->esr, fipa;

	fipa = (x->hpfar >> RLM_HPFAR_FIPA_SHIFT) &
	       ((UINT64_C(1) << RLM_HPFAR_FIPA_WIDTH) - 1);
	o->fault_ipa = (fipa << RLM_GRANULE_SHIFT) | (x->far & RLM_GRANULE_MASK);
	if (esr & RLM_ESR_EA) {
		o->kind = RLM_EXIT_EXT_ABORT;
		return 0;
	}
	if (ec == RLM_ESR_EC_INST_ABORT) {
		o->kind = RLM_EXIT_INSTR_ABORT;
		return 0;
	}
	if (!(esr & RLM_ESR_ISV)) {
		o->kind = RLM_EXIT_DATA_ABORT;
		/* Nothing to emulate: the RMM gives no value for it. */
		if (x->gprs[0])
			return RLM_EMALFORMED;
		return 0;
	}
	/* The RMM sets ISV only for unprotected IPAs inside the space. */
	if (o->fault_ipa >= rlm_rtt_ipa_size(g) ||
	    rlm_rtt_is_protected(g, o->fault_ipa))
		return RLM_EMALFORMED;
	o->kind = RLM_EXIT_MMIO;
	o->mmio.ipa = o->fault_ipa;
	o->mmio.size = 1u << ((esr >> RLM_ESR_SAS_SHIFT) & 3);
	o->mmio.write = (esr & RLM_ESR_WNR) != 0;
	o->mmio.sf = (esr & RLM_ESR_SF) != 0;
	/* A doubleword access needs a 64-bit register. */
	if (o->mmio.size == 8 && !o->mmio.sf)
		return RLM_EMALFORMED;
	if (o->mmio.write) {
		if (x->gprs[0] & ~size_mask_(o->mmio.size))
			return RLM_EMALFORMED;
		o->mmio.data = x->gprs[0];
	} else if (x->gprs[0]) {
		return RLM_EMALFORMED;
	}
	return 0;
}

static int decode_sync_(const struct rlm_rec_exit *x,
			const struct rlm_rtt_geom *g, struct rlm_exit *o)
{
	unsigned int ec = (unsigned int)((x->esr >> RLM_ESR_EC_SHIFT) &
					 RLM_ESR_EC_MASK);

	switch (ec) {
	case RLM_ESR_EC_DATA_ABORT:
	case RLM_ESR_EC_INST_ABORT:
		return decode_abort_(x, g, o, ec);
	case RLM_ESR_EC_WFX:
		o->kind = (x->esr & 1) ? RLM_EXIT_WFE : RLM_EXIT_WFI;
		return 0;
	case RLM_ESR_EC_SYSREG:
		o->kind = RLM_EXIT_SYSREG;
		return 0;
	default:
		o->kind = RLM_EXIT_SYNC_OTHER;
		return 0;
	}
}

static int decode_psci_(const struct rlm_rec_exit *x, struct rlm_exit *o)
{
	uint64_t fid = x->gprs[0];

	if (fid > UINT32_MAX)
		return RLM_EMALFORMED;
	o->kind = RLM_EXIT_PSCI;
	o->psci.fid = (uint32_t)fid;
	o->psci.args[0] = x->gprs[1];
	o->psci.args[1] = x->gprs[2];
	o->psci.args[2] = x->gprs[3];
	switch (o->psci.fid) {
	case RLM_PSCI_CPU_ON_AARCH64:
	case RLM_PSCI_AFFINITY_INFO_AARCH64:
		o->psci.action = RLM_PSCI_ACT_COMPLETE;
		o->psci.target_mpidr = x->gprs[1];
		return 0;
	case PSCI_CPU_ON_32_:
	case PSCI_AFFINITY_INFO_32_:
		o->psci.action = RLM_PSCI_ACT_COMPLETE;
		o->psci.target_mpidr = x->gprs[1] & UINT32_MAX;
		return 0;
	case RLM_PSCI_CPU_OFF:
	case RLM_PSCI_CPU_SUSPEND_AARCH64:
	case PSCI_CPU_SUSPEND_32_:
		o->psci.action = RLM_PSCI_ACT_NOTE;
		return 0;
	case RLM_PSCI_SYSTEM_OFF:
		o->psci.action = RLM_PSCI_ACT_SYSTEM_OFF;
		return 0;
	case RLM_PSCI_SYSTEM_RESET:
		o->psci.action = RLM_PSCI_ACT_SYSTEM_RESET;
		return 0;
	default:
		/* VERSION, FEATURES... are answered inside the RMM. */
		return RLM_EMALFORMED;
	}
}

int rlm_exit_decode(const struct rlm_rec_exit *x, const struct rlm_rtt_geom *g,
		    struct rlm_exit *o)
{
	if (!x || !g || !o)
		return RLM_EINVAL;
	rlm_memset(o, 0, sizeof(*o));
	o->reason = x->exit_reason;
	o->esr = x->esr;
	/* Valid on every exit (DEN0137 1.0-rel0 B4.4.12). */
	o->timer.cntv_ctl = x->cntv_ctl;
	o->timer.cntv_cval = x->cntv_cval;
	o->timer.cntp_ctl = x->cntp_ctl;
	o->timer.cntp_cval = x->cntp_cval;
	o->pmu_ovf_status = x->pmu_ovf_status;
	o->gic.hcr = x->gicv3_hcr;
	rlm_memcpy(o->gic.lrs, x->gicv3_lrs, sizeof(o->gic.lrs));
	o->gic.misr = x->gicv3_misr;
	o->gic.vmcr = x->gicv3_vmcr;
	switch (x->exit_reason) {
	case RLM_RMI_EXIT_SYNC:
		return decode_sync_(x, g, o);
	case RLM_RMI_EXIT_IRQ:
		o->kind = RLM_EXIT_IRQ;
		return 0;
	case RLM_RMI_EXIT_FIQ:
		o->kind = RLM_EXIT_FIQ;
		return 0;
	case RLM_RMI_EXIT_SERROR:
		o->kind = RLM_EXIT_SERROR;
		return 0;
	case RLM_RMI_EXIT_PSCI:
		return decode_psci_(x, o);
	case RLM_RMI_EXIT_RIPAS_CHANGE:
		o->kind = RLM_EXIT_RIPAS_CHANGE;
		o->ripas.base = x->ripas_base;
		o->ripas.top = x->ripas_top;
		o->ripas.value = x->ripas_value;
		if ((x->ripas_base | x->ripas_top) & RLM_GRANULE_MASK ||
		    x->ripas_base >= x->ripas_top ||
		    x->ripas_top > rlm_rtt_par_size(g) ||
		    (x->ripas_value != RLM_RIPAS_EMPTY &&
		     x->ripas_value != RLM_RIPAS_RAM))
			return RLM_EMALFORMED;
		return 0;
	case RLM_RMI_EXIT_HOST_CALL:
		o->kind = RLM_EXIT_HOST_CALL;
		o->imm = x->imm;
		rlm_memcpy(o->gprs, x->gprs, sizeof(o->gprs));
		return 0;
	default:
		return RLM_EMALFORMED;
	}
}

int rlm_exit_decode_page(const uint8_t *exit_page, size_t len,
			 const struct rlm_rtt_geom *g, struct rlm_exit *out)
{
	struct rlm_rec_exit x;
	int ret;

	if (!exit_page || !g || !out)
		return RLM_EINVAL;
	ret = rlm_unpack_rec_exit(&x, exit_page, len);
	if (ret)
		return ret;
	return rlm_exit_decode(&x, g, out);
}

unsigned int rlm_exit_gic_num_lrs(uint64_t feat0)
{
	return (unsigned int)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS,
					   feat0) + 1;
}

int rlm_exit_enter_set_gic(struct rlm_rec_enter *e, uint64_t feat0,
			   uint64_t hcr, const uint64_t *lrs, unsigned int n)
{
	unsigned int i;

	if (!e || (n && !lrs) || (hcr & ~(uint64_t)RLM_REC_ENTER_GICV3_HCR_HOST))
		return RLM_EINVAL;
	if (n > rlm_exit_gic_num_lrs(feat0) || n > RLM_REC_MAX_GIC_NUM_LRS)
		return RLM_ERANGE;
	e->gicv3_hcr = hcr;
	for (i = 0; i < RLM_REC_MAX_GIC_NUM_LRS; i++)
		e->gicv3_lrs[i] = i < n ? lrs[i] : 0;
	return 0;
}

void rlm_exit_enter_init(struct rlm_rec_enter *e)
{
	if (e)
		rlm_memset(e, 0, sizeof(*e));
}

int rlm_exit_complete_mmio_read(struct rlm_rec_enter *e,
				const struct rlm_exit *x, uint64_t value)
{
	if (!e || !x)
		return RLM_EINVAL;
	if (x->kind != RLM_EXIT_MMIO || x->mmio.write)
		return RLM_ESTATE;
	e->gprs[0] = value & size_mask_(x->mmio.size);
	e->flags |= RLM_REC_ENTER_FLAG_EMULATED_MMIO;
	return 0;
}

int rlm_exit_complete_mmio_write(struct rlm_rec_enter *e,
				 const struct rlm_exit *x)
{
	if (!e || !x)
		return RLM_EINVAL;
	if (x->kind != RLM_EXIT_MMIO || !x->mmio.write)
		return RLM_ESTATE;
	e->flags |= RLM_REC_ENTER_FLAG_EMULATED_MMIO;
	return 0;
}

int rlm_exit_inject_sea(struct rlm_rec_enter *e, const struct rlm_exit *x,
			const struct rlm_rtt_geom *g)
{
	if (!e || !x || !g)
		return RLM_EINVAL;
	/* RMM 1.0: only after a data abort at an unprotected IPA. */
	if ((x->kind != RLM_EXIT_MMIO && x->kind != RLM_EXIT_DATA_ABORT) ||
	    rlm_rtt_is_protected(g, x->fault_ipa))
		return RLM_ESTATE;
	/* Emulating and injecting are exclusive. */
	e->flags &= ~RLM_REC_ENTER_FLAG_EMULATED_MMIO;
	e->flags |= RLM_REC_ENTER_FLAG_INJECT_SEA;
	return 0;
}

int rlm_exit_ripas_reject(struct rlm_rec_enter *e, const struct rlm_exit *x)
{
	if (!e || !x)
		return RLM_EINVAL;
	if (x->kind != RLM_EXIT_RIPAS_CHANGE)
		return RLM_ESTATE;
	e->flags |= RLM_REC_ENTER_FLAG_RIPAS_RESPONSE;
	return 0;
}

int rlm_exit_ripas_applied(struct rlm_ripas *t, const struct rlm_exit *x,
			   uint64_t reached, rlm_ripas_change_fn cb, void *arg)
{
	if (!t || !x)
		return RLM_EINVAL;
	if (x->kind != RLM_EXIT_RIPAS_CHANGE)
		return RLM_ESTATE;
	if (reached <= x->ripas.base || reached > x->ripas.top)
		return RLM_ERANGE;
	if (reached & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	return rlm_ripas_set(t, x->ripas.base, reached, x->ripas.value, cb, arg);
}

int rlm_exit_host_call_return(struct rlm_rec_enter *e, const struct rlm_exit *x,
			      const uint64_t gprs[RLM_REC_RUN_GPRS])
{
	if (!e || !x || !gprs)
		return RLM_EINVAL;
	if (x->kind != RLM_EXIT_HOST_CALL)
		return RLM_ESTATE;
	rlm_memcpy(e->gprs, gprs, sizeof(e->gprs));
	return 0;
}

const char *rlm_exit_kind_name(enum rlm_exit_kind k)
{
	switch (k) {
	case RLM_EXIT_MMIO: return "MMIO";
	case RLM_EXIT_DATA_ABORT: return "DATA_ABORT";
	case RLM_EXIT_INSTR_ABORT: return "INSTR_ABORT";
	case RLM_EXIT_WFI: return "WFI";
	case RLM_EXIT_WFE: return "WFE";
	case RLM_EXIT_SYSREG: return "SYSREG";
	case RLM_EXIT_SYNC_OTHER: return "SYNC";
	case RLM_EXIT_EXT_ABORT: return "EXT_ABORT";
	case RLM_EXIT_IRQ: return "IRQ";
	case RLM_EXIT_FIQ: return "FIQ";
	case RLM_EXIT_PSCI: return "PSCI";
	case RLM_EXIT_RIPAS_CHANGE: return "RIPAS_CHANGE";
	case RLM_EXIT_HOST_CALL: return "HOST_CALL";
	case RLM_EXIT_SERROR: return "SERROR";
	default: return "?";
	}
}
