/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM, realm side: RMI_REC_ENTER, RMI_PSCI_COMPLETE and the RSI /
 * PSCI calls a scripted realm makes.  Behaviour and order of checks follow
 * TF-RMM rmm-spec-v1.0-rel0 (runtime/rmi/run.c, runtime/core/exit.c,
 * runtime/rsi/{memory,config,host_call,psci,realm_attest,system,feature}.c,
 * runtime/rsi/realm_ipa_helper.c, lib/gic/src/gic.c); our own code.
 */
#include "mock_int.h"

#include <realm/pack2.h>

#include <core/bytes.h>

#define SMCCC_VERSION_FID 0x80000000u
#define SMCCC_VERSION_1_2 0x10002u
#define PSCI32_MIN 0x84000000u
#define PSCI32_MAX 0x84000014u
#define PSCI64_MIN 0xC4000000u
#define PSCI64_MAX 0xC4000014u
#define PSCI_CPU_ON32 0x84000003u
#define PSCI_AFF_INFO32 0x84000004u
#define PSCI_CPU_SUSPEND32 0x84000001u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000Au
#define SMC_UNKNOWN UINT64_C(0xffffffffffffffff)

#define ESR_EC_DATA_ABORT (UINT64_C(36) << 26)
#define ESR_FSC_TRANSLATION_L0 UINT64_C(0x04)

/* Outcome of one realm call. */
enum { ACT_REALM = 0, ACT_HOST = 1, ACT_ABORT = 2 };

static uint64_t neg_(int v)
{
	return (uint64_t)(int64_t)v;
}

static bool rec_in_par_(const struct mock_realm *r, uint64_t addr)
{
	return addr < ((UINT64_C(1) << r->s2sz) >> 1);
}

static struct mock_rec *rec_lookup_(struct rlm_mock *m, uint64_t pa)
{
	uint32_t i;

	if (mock_gstate_(m, pa) != G_REC)
		return NULL;
	i = mock_obj_find_(m, pa);
	return i == MOCK_NONE ? NULL : &m->recs[i];
}

/* MPIDR_EL1 affinity fields to a REC index (TF-RMM mpidr_to_rec_idx). */
static uint64_t mpidr_el1_idx_(uint64_t mpidr)
{
	return (mpidr & 0xf) | ((mpidr & RLM_GENMASK(15, 8)) >> 4) |
	       ((mpidr & RLM_GENMASK(23, 16)) >> 4) | ((mpidr & RLM_GENMASK(39, 32)) >> 12);
}

/* realm_ipa_to_pa: 0 and *pa when the IPA is mapped RAM, else -1 with the
 * RIPAS the walk saw and the level it stopped at. */
static int ipa_to_pa_(struct rlm_mock *m, const struct mock_realm *r, uint64_t ipa,
		      uint64_t *pa, unsigned int *ripas, int *level)
{
	struct mock_walk w;
	uint64_t e;

	mock_walk_(m, r, ipa, 3, &w);
	e = m->rtts[w.rtt].e[w.idx];
	*level = w.level;
	if (E_KIND(e) == K_ASSIGNED && E_RIPAS(e) == RLM_RIPAS_RAM) {
		*pa = E_PAYLOAD(e) + (ipa & (mock_map_size_(w.level) - 1));
		*ripas = RLM_RIPAS_RAM;
		return 0;
	}
	if ((E_KIND(e) == K_UNASSIGNED || E_KIND(e) == K_ASSIGNED) &&
	    E_RIPAS(e) == RLM_RIPAS_DESTROYED)
		*ripas = RLM_RIPAS_DESTROYED;
	else if (E_KIND(e) == K_UNASSIGNED && E_RIPAS(e) == RLM_RIPAS_RAM)
		*ripas = RLM_RIPAS_RAM;
	else
		*ripas = RLM_RIPAS_EMPTY;
	return -1;
}

/* A stage 2 translation fault reported to the host; the call is retried. */
static void s2_abort_(const struct mock_rec *c, struct rlm_rec_exit *ex, int level)
{
	ex->exit_reason = RLM_RMI_EXIT_SYNC;
	ex->esr = ESR_EC_DATA_ABORT | (ESR_FSC_TRANSLATION_L0 + (uint64_t)(int64_t)level);
	ex->far = 0;
	ex->hpfar = c->regs[1] >> 8;
}

/* Map a realm buffer; ACT_REALM with *p on success, else the outcome
 * (RSI_ERROR_INPUT in res[0] for RIPAS EMPTY, or a stage 2 abort). */
static int realm_buf_(struct rlm_mock *m, struct mock_rec *c, uint64_t ipa, uint8_t **p,
		      uint64_t *res, struct rlm_rec_exit *ex, bool *ok)
{
	const struct mock_realm *r = &m->realms[c->realm];
	uint64_t pa;
	unsigned int ripas;
	int level;

	*ok = false;
	if (ipa_to_pa_(m, r, ipa & ~RLM_GRANULE_MASK, &pa, &ripas, &level)) {
		if (ripas == RLM_RIPAS_EMPTY) {
			res[0] = RLM_RSI_ERROR_INPUT;
			return ACT_REALM;
		}
		s2_abort_(c, ex, level);
		return ACT_ABORT;
	}
	*p = mock_page_get_(m, pa);
	if (*p)
		*p += ipa & RLM_GRANULE_MASK;
	*ok = true;
	return ACT_REALM;
}

static void psci_forward_(const struct mock_rec *c, struct rlm_rec_exit *ex, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < RLM_REC_RUN_GPRS; i++)
		ex->gprs[i] = i < n ? c->regs[i] : 0;
	ex->exit_reason = RLM_RMI_EXIT_PSCI;
}

/* Returns ACT_*; *update tells whether res[0..4] replace x0..x4. */
static int psci_(struct rlm_mock *m, struct mock_rec *c, struct rlm_rec_exit *ex,
		 uint64_t *res, bool *update)
{
	struct mock_realm *r = &m->realms[c->realm];
	uint32_t fid = (uint32_t)c->regs[0];
	uint64_t idx;

	*update = true;
	switch (fid) {
	case RLM_PSCI_VERSION:
		res[0] = 0x10001; /* PSCI 1.1 */
		return ACT_REALM;
	case PSCI_CPU_SUSPEND32:
	case RLM_PSCI_CPU_SUSPEND_AARCH64:
		psci_forward_(c, ex, 1);
		res[0] = RLM_PSCI_RET_SUCCESS;
		return ACT_HOST;
	case RLM_PSCI_CPU_OFF:
		c->runnable = 0;
		psci_forward_(c, ex, 1);
		res[0] = RLM_PSCI_RET_SUCCESS;
		return ACT_HOST;
	case PSCI_CPU_ON32:
	case RLM_PSCI_CPU_ON_AARCH64:
		if (!rec_in_par_(r, c->regs[2])) {
			res[0] = neg_(RLM_PSCI_RET_INVALID_ADDRESS);
			return ACT_REALM;
		}
		idx = mpidr_el1_idx_(c->regs[1]);
		if (idx >= r->rec_count) {
			res[0] = neg_(RLM_PSCI_RET_INVALID_PARAMS);
			return ACT_REALM;
		}
		if (idx == c->rec_idx) {
			res[0] = neg_(RLM_PSCI_RET_ALREADY_ON);
			return ACT_REALM;
		}
		c->psci_pending = 1;
		psci_forward_(c, ex, 2);
		*update = false;
		return ACT_HOST;
	case PSCI_AFF_INFO32:
	case RLM_PSCI_AFFINITY_INFO_AARCH64:
		if (c->regs[2] != 0) {
			res[0] = neg_(RLM_PSCI_RET_INVALID_PARAMS);
			return ACT_REALM;
		}
		idx = mpidr_el1_idx_(c->regs[1]);
		if (idx >= r->rec_count) {
			res[0] = neg_(RLM_PSCI_RET_INVALID_PARAMS);
			return ACT_REALM;
		}
		if (idx == c->rec_idx) {
			res[0] = RLM_PSCI_AFFINITY_ON;
			return ACT_REALM;
		}
		c->psci_pending = 1;
		psci_forward_(c, ex, 2);
		*update = false;
		return ACT_HOST;
	case RLM_PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		r->state = REALM_SYSTEM_OFF;
		psci_forward_(c, ex, 1);
		*update = false;
		return ACT_HOST;
	case PSCI_FEATURES:
		switch ((uint32_t)c->regs[1]) {
		case PSCI_CPU_SUSPEND32:
		case RLM_PSCI_CPU_SUSPEND_AARCH64:
		case RLM_PSCI_CPU_OFF:
		case PSCI_CPU_ON32:
		case RLM_PSCI_CPU_ON_AARCH64:
		case PSCI_AFF_INFO32:
		case RLM_PSCI_AFFINITY_INFO_AARCH64:
		case RLM_PSCI_SYSTEM_OFF:
		case PSCI_SYSTEM_RESET:
		case PSCI_FEATURES:
		case SMCCC_VERSION_FID:
			res[0] = RLM_PSCI_RET_SUCCESS;
			break;
		default:
			res[0] = neg_(RLM_PSCI_RET_NOT_SUPPORTED);
		}
		return ACT_REALM;
	default:
		res[0] = neg_(RLM_PSCI_RET_NOT_SUPPORTED);
		return ACT_REALM;
	}
}

static int build_token_(struct rlm_mock *m, struct mock_rec *c)
{
	struct mock_realm *r = &m->realms[c->realm];
	struct rlm_mock_claims cl;
	size_t len = 0;
	unsigned int i;

	if (!m->attest.token)
		return -1;
	rlm_memset(&cl, 0, sizeof(cl));
	cl.rd = r->rd;
	cl.hash_algo = (enum rlm_hash_algo)r->hash_algo;
	rlm_memcpy(cl.challenge, c->challenge, sizeof(cl.challenge));
	rlm_memcpy(cl.rpv, r->rpv, sizeof(cl.rpv));
	rlm_memcpy(cl.rim, r->meas[0], sizeof(cl.rim));
	for (i = 0; i < 4; i++)
		rlm_memcpy(cl.rem[i], r->meas[i + 1], sizeof(cl.rem[i]));
	if (m->attest.token(m->attest.ctx, &cl, m->token, sizeof(m->token), &len) ||
	    len > sizeof(m->token))
		return -1;
	m->tok_len = len;
	m->tok_owner = (uint32_t)(c - m->recs);
	return 0;
}

static int attest_continue_(struct rlm_mock *m, struct mock_rec *c,
			    struct rlm_rec_exit *ex, uint64_t *res)
{
	const struct mock_realm *r = &m->realms[c->realm];
	uint64_t ipa = c->regs[1], off = c->regs[2], size = c->regs[3], n;
	uint8_t *p = NULL;
	bool ok;
	int act;

	if ((ipa & RLM_GRANULE_MASK) || off >= RLM_GRANULE_SIZE ||
	    off + size > RLM_GRANULE_SIZE || off + size < off || !rec_in_par_(r, ipa)) {
		res[0] = RLM_RSI_ERROR_INPUT;
		return ACT_REALM;
	}
	if (!c->attest) {
		res[0] = RLM_RSI_ERROR_STATE;
		return ACT_REALM;
	}
	if (m->tok_owner != (uint32_t)(c - m->recs) && build_token_(m, c)) {
		res[0] = RLM_RSI_ERROR_UNKNOWN;
		return ACT_REALM;
	}
	act = realm_buf_(m, c, ipa, &p, res, ex, &ok);
	if (!ok)
		return act;
	if (size == 0) {
		res[0] = RLM_RSI_INCOMPLETE;
		return ACT_REALM;
	}
	n = m->tok_len - c->tok_copied;
	if (size < n)
		n = size;
	if (p)
		rlm_memcpy(p + off, m->token + c->tok_copied, (size_t)n);
	c->tok_copied += n;
	if (c->tok_copied < m->tok_len) {
		res[0] = RLM_RSI_INCOMPLETE;
	} else {
		res[0] = RLM_RSI_SUCCESS;
		c->attest = 0;
	}
	res[1] = n;
	return ACT_REALM;
}

/*
 * The RSI commands: one handler per row of RLM_RSI_COMMANDS (realm/abi.h),
 * all of one signature.  The call is in c->regs; the results go to
 * res[0..4] (res[4] starts as X4), which replace X0..X4 unless the handler
 * clears *update; the answer says what happens next (ACT_*).
 */
typedef int mock_rsi_fn_(struct rlm_mock *m, struct mock_rec *c,
			 struct rlm_rec_exit *ex, uint64_t *res, bool *update);

static int rsi_version_(struct rlm_mock *m, struct mock_rec *c,
			struct rlm_rec_exit *ex, uint64_t *res, bool *update)
{
	(void)m;
	(void)ex;
	(void)update;
	res[0] = c->regs[1] == RLM_RSI_ABI_VERSION ? RLM_RSI_SUCCESS
						   : RLM_RSI_ERROR_INPUT;
	res[1] = RLM_RSI_ABI_VERSION;
	res[2] = RLM_RSI_ABI_VERSION;
	return ACT_REALM;
}

static int rsi_features_(struct rlm_mock *m, struct mock_rec *c,
			 struct rlm_rec_exit *ex, uint64_t *res, bool *update)
{
	(void)m;
	(void)c;
	(void)ex;
	(void)update;
	res[0] = RLM_RSI_SUCCESS;
	return ACT_REALM;
}

static int rsi_measurement_read_(struct rlm_mock *m, struct mock_rec *c,
				 struct rlm_rec_exit *ex, uint64_t *res, bool *update)
{
	struct mock_realm *r = &m->realms[c->realm];
	uint64_t idx = c->regs[1];
	size_t hs = rlm_hash_size((enum rlm_hash_algo)r->hash_algo) / 8;
	unsigned int i;

	(void)ex;
	(void)update;
	if (idx >= RLM_MEASUREMENT_SLOTS) {
		res[0] = RLM_RSI_ERROR_INPUT;
		return ACT_REALM;
	}
	for (i = 0; i < 8; i++) {
		uint64_t v = i < hs ? rlm_get_le64(r->meas[idx] + 8 * i) : 0;

		if (i < 4)
			res[i + 1] = v;
		else
			c->regs[i + 1] = v;
	}
	res[0] = RLM_RSI_SUCCESS;
	return ACT_REALM;
}

static int rsi_measurement_extend_(struct rlm_mock *m, struct mock_rec *c,
				   struct rlm_rec_exit *ex, uint64_t *res, bool *update)
{
	struct mock_realm *r = &m->realms[c->realm];
	uint64_t idx = c->regs[1], size = c->regs[2];
	uint8_t data[64];
	unsigned int i;

	(void)ex;
	(void)update;
	if (idx == 0 || idx >= RLM_MEASUREMENT_SLOTS || size > 64) {
		res[0] = RLM_RSI_ERROR_INPUT;
		return ACT_REALM;
	}
	for (i = 0; i < 8; i++)
		rlm_put_le64(data + 8 * i, c->regs[3 + i]);
	rlm_rem_extend((enum rlm_hash_algo)r->hash_algo, r->meas[idx], data,
		       (size_t)size);
	res[0] = RLM_RSI_SUCCESS;
	return ACT_REALM;
}

static int rsi_attestation_token_init_(struct rlm_mock *m, struct mock_rec *c,
				       struct rlm_rec_exit *ex, uint64_t *res,
				       bool *update)
{
	unsigned int i;

	(void)ex;
	(void)update;
	if (!m->attest.token) {
		res[0] = RLM_RSI_ERROR_STATE;
		return ACT_REALM;
	}
	for (i = 0; i < 8; i++)
		rlm_put_le64(c->challenge + 8 * i, c->regs[1 + i]);
	if (build_token_(m, c)) {
		res[0] = RLM_RSI_ERROR_UNKNOWN;
		c->attest = 0;
		return ACT_REALM;
	}
	c->attest = 1;
	c->tok_copied = 0;
	res[0] = RLM_RSI_SUCCESS;
	res[1] = m->tok_len <= MOCK_ATTEST_BUF_SIZE ? MOCK_ATTEST_BUF_SIZE
		 : (m->tok_len + RLM_GRANULE_MASK) & ~(uint64_t)RLM_GRANULE_MASK;
	return ACT_REALM;
}

static int rsi_attestation_token_continue_(struct rlm_mock *m, struct mock_rec *c,
					   struct rlm_rec_exit *ex, uint64_t *res,
					   bool *update)
{
	(void)update;
	return attest_continue_(m, c, ex, res);
}

static int rsi_realm_config_(struct rlm_mock *m, struct mock_rec *c,
			     struct rlm_rec_exit *ex, uint64_t *res, bool *update)
{
	struct mock_realm *r = &m->realms[c->realm];
	uint64_t ipa = c->regs[1];
	uint8_t *p = NULL;
	bool ok;
	int act;

	(void)update;
	if ((ipa & RLM_GRANULE_MASK) || !rec_in_par_(r, ipa)) {
		res[0] = RLM_RSI_ERROR_INPUT;
		return ACT_REALM;
	}
	act = realm_buf_(m, c, ipa, &p, res, ex, &ok);
	if (!ok)
		return act;
	if (p) {
		rlm_put_le64(p + RLM_RSI_REALM_CONFIG_IPA_WIDTH_OFF, r->s2sz);
		p[RLM_RSI_REALM_CONFIG_HASH_ALGO_OFF] = r->hash_algo;
		rlm_memcpy(p + RLM_RSI_REALM_CONFIG_RPV_OFF, r->rpv, RLM_RPV_SIZE);
	}
	res[0] = RLM_RSI_SUCCESS;
	return act;
}

static int rsi_ipa_state_set_(struct rlm_mock *m, struct mock_rec *c,
			      struct rlm_rec_exit *ex, uint64_t *res, bool *update)
{
	struct mock_realm *r = &m->realms[c->realm];
	uint64_t base = c->regs[1], top = c->regs[2];
	uint32_t ripas = (uint32_t)c->regs[3];
	uint64_t par = (UINT64_C(1) << r->s2sz) >> 1;

	(void)update;
	if (ripas > RLM_RIPAS_RAM || (base & RLM_GRANULE_MASK) ||
	    (top & RLM_GRANULE_MASK) || top <= base || base >= par || top > par) {
		res[0] = RLM_RSI_ERROR_INPUT;
		return ACT_REALM;
	}
	c->sr.base = base;
	c->sr.top = top;
	c->sr.addr = base;
	c->sr.ripas = (uint8_t)ripas;
	c->sr.change_destroyed = (uint32_t)c->regs[4] == RLM_RSI_CHANGE_DESTROYED;
	ex->exit_reason = RLM_RMI_EXIT_RIPAS_CHANGE;
	ex->ripas_base = base;
	ex->ripas_top = top;
	ex->ripas_value = (uint8_t)ripas;
	res[0] = RLM_RSI_SUCCESS;
	res[1] = top;
	return ACT_HOST;
}

static int rsi_ipa_state_get_(struct rlm_mock *m, struct mock_rec *c,
			      struct rlm_rec_exit *ex, uint64_t *res, bool *update)
{
	struct mock_realm *r = &m->realms[c->realm];
	uint64_t start = c->regs[1], end = c->regs[2], size, addr;
	struct mock_walk w;
	const struct mock_rtt *t;
	unsigned int got = 0, i;

	(void)ex;
	(void)update;
	if ((start & RLM_GRANULE_MASK) || !rec_in_par_(r, start) ||
	    (end & RLM_GRANULE_MASK) || !rec_in_par_(r, end - 1) || start >= end) {
		res[0] = RLM_RSI_ERROR_INPUT;
		return ACT_REALM;
	}
	mock_walk_(m, r, start, 3, &w);
	t = &m->rtts[w.rtt];
	size = mock_map_size_(w.level);
	start &= ~(size - 1);
	addr = start;
	for (i = w.idx; i < MOCK_RTT_ENTRIES; i++) {
		uint64_t e = t->e[i];
		unsigned int rp;

		if (E_KIND(e) != K_UNASSIGNED && E_KIND(e) != K_ASSIGNED)
			break;
		rp = E_RIPAS(e);
		if (addr == start)
			got = rp;
		else if (rp != got)
			break;
		addr += size;
		if (addr >= end)
			break;
	}
	if (addr != start) {
		res[0] = RLM_RSI_SUCCESS;
		res[1] = addr > end ? end : addr;
		res[2] = got;
	} else {
		res[0] = RLM_RSI_ERROR_INPUT;
	}
	return ACT_REALM;
}

static int rsi_host_call_(struct rlm_mock *m, struct mock_rec *c,
			  struct rlm_rec_exit *ex, uint64_t *res, bool *update)
{
	struct mock_realm *r = &m->realms[c->realm];
	uint64_t ipa = c->regs[1];
	uint8_t *p = NULL;
	unsigned int i;
	bool ok;
	int act;

	if ((ipa & (RLM_RSI_HOST_CALL_SIZE - 1)) || !rec_in_par_(r, ipa)) {
		res[0] = RLM_RSI_ERROR_INPUT;
		return ACT_REALM;
	}
	act = realm_buf_(m, c, ipa, &p, res, ex, &ok);
	if (!ok)
		return act;
	ex->exit_reason = RLM_RMI_EXIT_HOST_CALL;
	c->imm32 = p ? rlm_get_le32(p + RLM_RSI_HOST_CALL_IMM_OFF) : 0;
	ex->imm = (uint16_t)c->imm32;
	for (i = 0; i < RLM_RSI_HOST_CALL_NR_GPRS; i++)
		ex->gprs[i] = p ? rlm_get_le64(p + RLM_RSI_HOST_CALL_GPRS_OFF + 8 * i) : 0;
	c->host_call = 1;
	c->hc_ipa = ipa;
	*update = false;
	return ACT_HOST;
}

/* By FID, from the command table: RLM_SMC_RSI_<NAME> -> rsi_<verb>_. */
#define MOCK_RSI_SLOT_(name, verb, in, out) \
	[RLM_SMC_RSI_##name - RLM_SMC_RSI_VERSION] = rsi_##verb##_,
static mock_rsi_fn_ *const rsi_handlers_[] = {
	RLM_RSI_COMMANDS(MOCK_RSI_SLOT_)
};

/* Execute the call in c->regs.  On ACT_REALM/ACT_HOST with update the
 * results replace x0..x4 (x1..x3 default 0, x4 kept), as TF-RMM does. */
static int rsi_exec_(struct rlm_mock *m, struct mock_rec *c, struct rlm_rec_exit *ex)
{
	uint32_t fid = (uint32_t)c->regs[0] & ~(uint32_t)RLM_BIT(16);
	uint32_t k = fid - (uint32_t)RLM_SMC_RSI_VERSION;
	uint64_t res[5] = { 0, 0, 0, 0, c->regs[4] };
	bool update = true;
	int act = ACT_REALM;
	unsigned int i;

	if (c->regs[0] == RLM_MOCK_REALM_WFI || c->regs[0] == RLM_MOCK_REALM_WFE) {
		/* Reached only when the host asked for the trap (run_loop_).
		 * exit.c handle_exception_sync, EC_WFX: ESR keeps EC and TI */
		ex->exit_reason = RLM_RMI_EXIT_SYNC;
		ex->esr = (UINT64_C(1) << 26) | (c->regs[0] == RLM_MOCK_REALM_WFE ? 1 : 0);
		return ACT_HOST;
	}
	if (fid == SMCCC_VERSION_FID) {
		res[0] = SMCCC_VERSION_1_2;
	} else if ((fid >= PSCI32_MIN && fid <= PSCI32_MAX) ||
		   (fid >= PSCI64_MIN && fid <= PSCI64_MAX)) {
		act = psci_(m, c, ex, res, &update);
	} else if (k < RLM_ARRAY_SIZE(rsi_handlers_) && rsi_handlers_[k]) {
		act = rsi_handlers_[k](m, c, ex, res, &update);
	} else {
		res[0] = SMC_UNKNOWN;
	}
	if (act != ACT_ABORT && update)
		for (i = 0; i < 5; i++)
			c->regs[i] = res[i];
	return act;
}

/* run.c complete_set_ripas */
static void complete_set_ripas_(struct mock_rec *c)
{
	if (c->sr.base == c->sr.top)
		return;
	c->regs[0] = RLM_RSI_SUCCESS;
	c->regs[1] = c->sr.addr;
	c->regs[2] = (c->sr.ripas == RLM_RIPAS_RAM && c->sr.addr != c->sr.top &&
		      c->sr.response) ? RLM_RSI_REJECT : RLM_RSI_ACCEPT;
	c->sr.base = 0;
	c->sr.top = 0;
}

/* complete_rsi_host_call: copy the host's gprs into the RsiHostCall. */
static int complete_host_call_(struct rlm_mock *m, struct mock_rec *c,
			       const uint64_t *gprs, struct rlm_rec_exit *ex)
{
	uint64_t res[5] = { 0 };
	uint8_t *p = NULL;
	unsigned int i;
	bool ok;

	if (!c->host_call)
		return 0;
	realm_buf_(m, c, c->hc_ipa, &p, res, ex, &ok);
	if (!ok) {
		if (res[0] == RLM_RSI_ERROR_INPUT) {
			/* TF-RMM writes x0 = ERROR_INPUT into a scratch result
			 * that is dropped: the call completes unchanged. */
			c->host_call = 0;
			return 0;
		}
		return -1;
	}
	if (p)
		for (i = 0; i < RLM_RSI_HOST_CALL_NR_GPRS; i++)
			rlm_put_le64(p + RLM_RSI_HOST_CALL_GPRS_OFF + 8 * i, gprs[i]);
	c->regs[0] = RLM_RSI_SUCCESS;
	c->host_call = 0;
	return 0;
}

static void record_last_(struct mock_rec *c)
{
	rlm_memcpy(c->last.x, c->regs, sizeof(c->last.x));
	c->has_last = 1;
}

static bool fetch_(struct rlm_mock *m, struct mock_rec *c)
{
	struct rlm_smc_regs next;
	uint32_t i;

	for (i = 0; i < m->q_n; i++) {
		if (m->queues[i].rec != c->pa)
			continue;
		rlm_memcpy(c->regs, m->queues[i].call.x, sizeof(c->regs));
		rlm_memmove(&m->queues[i], &m->queues[i + 1],
			    (size_t)(m->q_n - i - 1) * sizeof(m->queues[0]));
		m->q_n--;
		return true;
	}
	if (c->fn) {
		rlm_memset(&next, 0, sizeof(next));
		if (c->fn(c->fn_arg, c->pa, c->has_last ? &c->last : NULL, &next) == 1) {
			rlm_memcpy(c->regs, next.x, sizeof(c->regs));
			return true;
		}
	}
	return false;
}

/*
 * WFI / WFE trap to the host only when RmiRecEnter.flags asked for it
 * (trap_wfi / trap_wfe -> HCR_EL2.TWI / TWE; Arm DEN0137 1.0-rel0,
 * RmiRecEnterFlags, TF-RMM runtime/rmi/run.c); otherwise the instruction
 * completes in the realm, which goes on to its next call and leaves the
 * last call's result as it was.
 */
static bool wfx_untrapped_(const struct mock_rec *c, uint64_t flags)
{
	if (c->regs[0] == RLM_MOCK_REALM_WFI)
		return !(flags & RLM_REC_ENTER_FLAG_TRAP_WFI);
	if (c->regs[0] == RLM_MOCK_REALM_WFE)
		return !(flags & RLM_REC_ENTER_FLAG_TRAP_WFE);
	return false;
}

static void run_loop_(struct rlm_mock *m, struct mock_rec *c, struct rlm_rec_exit *ex,
		      uint64_t flags)
{
	uint32_t iter;

	for (iter = 0; iter < (1u << 20); iter++) {
		int act;

		if (!c->cur_valid) {
			if (!fetch_(m, c))
				break;
			c->cur_valid = 1;
		}
		if (wfx_untrapped_(c, flags)) {
			c->cur_valid = 0;
			continue;
		}
		act = rsi_exec_(m, c, ex);
		/* After a stage 2 abort the reference harness's realm moves on
		 * to its next call (it does not re-execute the SMC). */
		if (act == ACT_HOST || act == ACT_ABORT) {
			c->inflight = INF_HOST;
			return;
		}
		record_last_(c);
		c->cur_valid = 0;
	}
	ex->exit_reason = RLM_RMI_EXIT_IRQ;
}

/*
 * lib/gic gic_validate_state, with GICV3_NUM_LRS from the feature register.
 * The host build's ICH_VTR_EL2 has PRIbits = 0 (one priority bit: the low
 * 7 bits of an LR's priority are RES0) and IDbits = 0 (16-bit INTIDs);
 * plat/host/common/src/host_utils.c.
 */
#define GIC_PRI_RES0 0x7fu
static bool gic_ok_(const struct rlm_mock *m, const struct rlm_rec_enter *en)
{
	unsigned int nlr = (unsigned int)RLM_FIELD_GET(
		RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS, m->cfg.feat_reg0);
	const uint64_t hcr_ns = RLM_REC_ENTER_GICV3_HCR_HOST;
	const uint64_t state = RLM_GENMASK(63, 62);
	unsigned int i, j;

	if (en->gicv3_hcr & ~hcr_ns)
		return false;
	for (i = 0; i <= nlr && i < RLM_REC_MAX_GIC_NUM_LRS; i++) {
		uint64_t lr = en->gicv3_lrs[i];
		uint32_t intid = (uint32_t)lr;

		if (!(lr & state))
			continue;
		if ((lr & RLM_BIT(61)) || (lr & RLM_GENMASK(44, 32) & ~RLM_BIT(41)) ||
		    (((lr >> 48) & 0xff) & GIC_PRI_RES0) ||
		    !(intid < 1020 || (intid >= 8192 && intid < (1u << 16))))
			return false;
		for (j = i + 1; j <= nlr && j < RLM_REC_MAX_GIC_NUM_LRS; j++) {
			uint64_t l2 = en->gicv3_lrs[j];

			if ((l2 & state) && (uint32_t)l2 == intid)
				return false;
		}
	}
	return true;
}

void mock_rmi_rec_enter_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t run = x->x[2];
	struct rlm_rec_enter en;
	struct rlm_rec_exit ex;
	struct mock_rec *c;
	struct mock_realm *r;
	unsigned int nlr, i;
	uint8_t *page;

	if (mock_gstate_(m, run) != G_NS) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	c = rec_lookup_(m, x->x[1]);
	if (!c) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	rlm_unpack_rec_enter(&en, mock_ns_read_(m, run), RLM_REC_ENTER_SIZE);
	r = &m->realms[c->realm];
	if (r->state == REALM_NEW) {
		x->x[0] = RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, RLM_RMI_REALM_ERROR_NEW);
		return;
	}
	if (r->state == REALM_SYSTEM_OFF) {
		x->x[0] = RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, RLM_RMI_REALM_ERROR_SYSTEM_OFF);
		return;
	}
	/* Not runnable, PSCI pending, bad GIC state; INJECT_SEA / EMULATED_MMIO
	 * need a data abort as the last exit, which this realm never takes. */
	if (!c->runnable || c->psci_pending || !gic_ok_(m, &en) ||
	    (en.flags & (RLM_REC_ENTER_FLAG_INJECT_SEA | RLM_REC_ENTER_FLAG_EMULATED_MMIO))) {
		x->x[0] = RLM_RMI_ERROR_REC;
		return;
	}
	rlm_memset(&ex, 0, sizeof(ex));
	c->imm32 = 0;
	c->sr.response = (en.flags & RLM_REC_ENTER_FLAG_RIPAS_RESPONSE) ? 1 : 0;
	complete_set_ripas_(c);
	if (complete_host_call_(m, c, en.gprs, &ex) == 0) {
		if (c->inflight) {
			record_last_(c);
			c->cur_valid = 0;
			c->inflight = INF_NONE;
		}
		run_loop_(m, c, &ex, en.flags);
	}
	nlr = (unsigned int)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS,
					 m->cfg.feat_reg0);
	for (i = 0; i <= nlr && i < RLM_REC_MAX_GIC_NUM_LRS; i++)
		ex.gicv3_lrs[i] = en.gicv3_lrs[i];
	ex.gicv3_hcr = en.gicv3_hcr & (RLM_GENMASK(31, 27) | RLM_GENMASK(7, 1) | RLM_BIT(14));
	page = rlm_mock_ns_ptr(m, run, RLM_REC_RUN_SIZE);
	if (page) {
		rlm_pack_rec_exit(&ex, page + RLM_REC_RUN_EXIT_OFF, RLM_REC_EXIT_SIZE);
		/* TF-RMM's imm is 32 bits wide (RsiHostCall and RmiRecExit) */
		rlm_put_le32(page + RLM_REC_RUN_EXIT_OFF + RLM_REC_EXIT_IMM_OFF, c->imm32);
	}
	x->x[0] = RLM_RMI_SUCCESS;
}

/*
 * RMM 2.0 REC_ENTER (TF-RMM main 9a7f8ef runtime/rmi/run.c smc_rec_enter):
 * the run page (NS), the REC, the realm ACTIVE (ERROR_REALM without an
 * index otherwise: NEW, SYSTEM_OFF and after REALM_TERMINATE), runnable,
 * no PSCI request pending, no SEA / MMIO completion to give; then as 1.0
 * with the 2.0 RmiRecEnter (no GIC state) and RmiRecExit pages.  The realm
 * flag bits used here sit where 1.0 had them.
 */
void mock_rec_enter2_(struct rlm_mock *m, uint64_t rec, uint64_t run, struct rlm_smc_regs *x)
{
	struct rlm_rec_enter2 en;
	struct rlm_rec_exit ex;
	struct rlm_rec_exit2 ex2;
	struct mock_rec *c;
	struct mock_realm *r;
	uint8_t *page;
	unsigned int i;

	if (mock_gstate_(m, run) != G_NS) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	c = rec_lookup_(m, rec);
	if (!c) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	rlm_unpack_rec_enter2(&en, mock_ns_read_(m, run), RLM_RMI2_REC_ENTER_SIZE);
	r = &m->realms[c->realm];
	if (r->state != REALM_ACTIVE) {
		x->x[0] = RLM_RMI_ERROR_REALM;
		return;
	}
	if (!c->runnable || c->psci_pending ||
	    (en.flags & (RLM_RMI2_REC_ENTER_FLAG_INJECT_SEA | RLM_RMI2_REC_ENTER_FLAG_EMUL_MMIO))) {
		x->x[0] = RLM_RMI_ERROR_REC;
		return;
	}
	rlm_memset(&ex, 0, sizeof(ex));
	c->imm32 = 0;
	c->sr.response = (en.flags & RLM_RMI2_REC_ENTER_FLAG_RIPAS_RESPONSE) ? 1 : 0;
	complete_set_ripas_(c);
	if (complete_host_call_(m, c, en.gprs, &ex) == 0) {
		if (c->inflight) {
			record_last_(c);
			c->cur_valid = 0;
			c->inflight = INF_NONE;
		}
		run_loop_(m, c, &ex, en.flags);
	}
	rlm_memset(&ex2, 0, sizeof(ex2));
	ex2.exit_reason = ex.exit_reason;
	ex2.esr = ex.esr;
	ex2.far = ex.far;
	ex2.hpfar = ex.hpfar;
	for (i = 0; i < RLM_REC_RUN_GPRS; i++)
		ex2.gprs[i] = ex.gprs[i];
	ex2.cntp_ctl = ex.cntp_ctl;
	ex2.cntp_cval = ex.cntp_cval;
	ex2.cntv_ctl = ex.cntv_ctl;
	ex2.cntv_cval = ex.cntv_cval;
	ex2.ripas_base = ex.ripas_base;
	ex2.ripas_top = ex.ripas_top;
	ex2.ripas_value = ex.ripas_value;
	ex2.imm = c->imm32;
	ex2.pmu_ovf_status = ex.pmu_ovf_status;
	page = rlm_mock_ns_ptr(m, run, RLM_REC_RUN_SIZE);
	if (page)
		rlm_pack_rec_exit2(&ex2, page + RLM_RMI2_REC_ENTER_SIZE, RLM_RMI2_REC_EXIT_SIZE);
	x->x[0] = RLM_RMI_SUCCESS;
}

/* RMI_PSCI_COMPLETE (runtime/rmi/rec.c, runtime/rsi/psci.c) */
int mock_psci_complete_(struct rlm_mock *m, uint64_t calling, uint64_t target,
			uint64_t status)
{
	struct mock_rec *a, *b;
	const uint64_t denied = neg_(RLM_PSCI_RET_DENIED);
	uint64_t rec_ret = neg_(RLM_PSCI_RET_NOT_SUPPORTED);
	int ret = RLM_RMI_SUCCESS;

	if ((calling & RLM_GRANULE_MASK) || (target & RLM_GRANULE_MASK) || calling == target)
		return RLM_RMI_ERROR_INPUT;
	a = rec_lookup_(m, calling);
	b = rec_lookup_(m, target);
	if (!a || !b)
		return RLM_RMI_ERROR_INPUT;
	if (!a->psci_pending || a->realm != b->realm ||
	    mpidr_el1_idx_(a->regs[1]) != b->rec_idx)
		return RLM_RMI_ERROR_INPUT;
	switch (a->regs[0]) {
	case PSCI_CPU_ON32:
	case RLM_PSCI_CPU_ON_AARCH64:
		if (status != RLM_PSCI_RET_SUCCESS && status != denied)
			return RLM_RMI_ERROR_INPUT;
		if (b->runnable) {
			rec_ret = neg_(RLM_PSCI_RET_ALREADY_ON);
			if (status == denied)
				ret = RLM_RMI_ERROR_INPUT;
		} else if (status == denied) {
			rec_ret = denied;
		} else {
			b->regs[0] = a->regs[3];
			b->runnable = 1;
			rec_ret = RLM_PSCI_RET_SUCCESS;
		}
		break;
	case PSCI_AFF_INFO32:
	case RLM_PSCI_AFFINITY_INFO_AARCH64:
		if (status != RLM_PSCI_RET_SUCCESS)
			return RLM_RMI_ERROR_INPUT;
		rec_ret = b->runnable ? RLM_PSCI_AFFINITY_ON : RLM_PSCI_AFFINITY_OFF;
		break;
	default:
		break;
	}
	a->regs[0] = rec_ret;
	a->regs[1] = 0;
	a->regs[2] = 0;
	a->regs[3] = 0;
	a->psci_pending = 0;
	return ret;
}

void mock_rmi_psci_complete_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = (uint64_t)mock_psci_complete_(m, x->x[1], x->x[2], x->x[3]);
}

/* ---- public realm-side API ------------------------------------------------ */

int rlm_mock_realm_queue(struct rlm_mock *m, uint64_t rec, const struct rlm_smc_regs *call)
{
	if (!m || !call)
		return RLM_EINVAL;
	if (rec & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	if (m->q_n >= m->q_cap)
		return RLM_ENOMEM;
	m->queues[m->q_n].rec = rec;
	m->queues[m->q_n].call = *call;
	m->q_n++;
	return 0;
}

int rlm_mock_realm_last_result(struct rlm_mock *m, uint64_t rec, struct rlm_smc_regs *result)
{
	struct mock_rec *c;

	if (!m || !result)
		return RLM_EINVAL;
	c = rec_lookup_(m, rec);
	if (!c)
		return RLM_ENOENT;
	if (!c->has_last)
		return RLM_ENOENT;
	*result = c->last;
	return 0;
}

int rlm_mock_realm_callback(struct rlm_mock *m, uint64_t rec, rlm_mock_realm_fn fn, void *arg)
{
	struct mock_rec *c;

	if (!m)
		return RLM_EINVAL;
	c = rec_lookup_(m, rec);
	if (!c)
		return RLM_ENOENT;
	c->fn = fn;
	c->fn_arg = arg;
	return 0;
}

void *rlm_mock_realm_mem(struct rlm_mock *m, uint64_t rd, uint64_t ipa, size_t len)
{
	const struct mock_realm *r;
	uint64_t pa;
	unsigned int ripas;
	int level;
	uint32_t ri;
	uint8_t *p;

	if (!m || !len || len > RLM_GRANULE_SIZE ||
	    (ipa & RLM_GRANULE_MASK) + len > RLM_GRANULE_SIZE)
		return NULL;
	if (mock_gstate_(m, rd) != G_RD)
		return NULL;
	ri = mock_obj_find_(m, rd);
	if (ri == MOCK_NONE)
		return NULL;
	r = &m->realms[ri];
	if (!rec_in_par_(r, ipa))
		return NULL;
	if (ipa_to_pa_(m, r, ipa & ~RLM_GRANULE_MASK, &pa, &ripas, &level))
		return NULL;
	p = mock_page_get_(m, pa);
	return p ? p + (ipa & RLM_GRANULE_MASK) : NULL;
}

/* ---- the RSI conduit with a built-in host ----------------------------------- */

static struct mock_rec *rec_by_idx_(struct rlm_mock *m, uint32_t realm, uint64_t idx)
{
	uint32_t i;

	for (i = 0; i < m->rec_hi; i++)
		if (m->recs[i].used && m->recs[i].realm == realm && m->recs[i].rec_idx == idx)
			return &m->recs[i];
	return NULL;
}

static int rsi_conduit_call_(void *ctx, struct rlm_smc_regs *regs)
{
	struct mock_rec *c = ctx;
	struct rlm_mock *m;
	struct mock_realm *r;
	struct rlm_rec_exit ex;
	int act;

	if (!c || !regs || !c->used)
		return RLM_ECONDUIT;
	m = c->mock;
	r = &m->realms[c->realm];
	if (r->state != REALM_ACTIVE || !c->runnable || c->psci_pending)
		return RLM_ESTATE;
	rlm_memset(&ex, 0, sizeof(ex));
	rlm_memcpy(c->regs, regs->x, sizeof(c->regs));
	act = rsi_exec_(m, c, &ex);
	if (act == ACT_ABORT)
		return RLM_ESTATE;
	if (act == ACT_HOST) {
		switch (ex.exit_reason) {
		case RLM_RMI_EXIT_RIPAS_CHANGE: {
			uint64_t st = RLM_RMI_SUCCESS;

			while (c->sr.addr < c->sr.top && st == RLM_RMI_SUCCESS)
				if (!mock_set_ripas_(m, r, c, c->sr.addr, c->sr.top, &st))
					break;
			c->sr.response = 0;
			complete_set_ripas_(c);
			break;
		}
		case RLM_RMI_EXIT_HOST_CALL:
			if (complete_host_call_(m, c, ex.gprs, &ex))
				return RLM_ESTATE;
			break;
		case RLM_RMI_EXIT_PSCI:
			if (c->psci_pending) {
				struct mock_rec *t = rec_by_idx_(m, c->realm,
								 mpidr_el1_idx_(c->regs[1]));

				if (!t || mock_psci_complete_(m, c->pa, t->pa, 0) != RLM_RMI_SUCCESS) {
					c->psci_pending = 0;
					return RLM_ENOENT;
				}
			}
			break;
		default:
			break;
		}
	}
	record_last_(c);
	rlm_memcpy(regs->x, c->regs, sizeof(regs->x));
	return 0;
}

static const struct rlm_conduit_ops rsi_conduit_ops_ = {
	.name = "mock-rsi",
	.call = rsi_conduit_call_,
	.ns_map = NULL,
};

int rlm_mock_rsi_conduit(struct rlm_mock *m, uint64_t rec, struct rlm_conduit *c)
{
	struct mock_rec *r;

	if (!m || !c)
		return RLM_EINVAL;
	r = rec_lookup_(m, rec);
	if (!r)
		return RLM_ENOENT;
	c->ops = &rsi_conduit_ops_;
	c->ctx = r;
	return 0;
}
