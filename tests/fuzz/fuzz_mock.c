/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Structure-aware fuzzing of the mock RMM: the input is decoded into a
 * bounded sequence of RMI commands (and RSI/PSCI calls queued for the
 * realms), with arguments biased toward meaningful values: pool granules
 * by small index, the RDs and RECs created so far, IPAs aligned to each
 * level's entry size in and just outside the IPA space, levels -1..4, valid
 * and slightly broken parameter pages.  After every call the mock's
 * invariants must hold (rlm_mock_check_changed after each call, the full
 * rlm_mock_check at the end of each input), X0 must be a valid RMI 1.0 status
 * and an RMI_ERROR_RTT index a level the realm has.  At the end every realm
 * is torn down through the RMI (RECs destroyed, RTTs walked with
 * RTT_READ_ENTRY, data destroyed, blocks unfolded, tables destroyed,
 * realm destroyed) and every granule must undelegate: the RMM 1.0 has no
 * state a host cannot unwind.
 *
 * Input format: one opcode byte per command followed by the bytes its
 * decoder reads; reading past the end yields zeros.  At most MAX_CMDS
 * commands run per input so every input is fast.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <realm/testing.h>
#include <abi/call.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The oracle (status checks, invariant checks) and the teardown run on
 * every input and are not the code under test: they are left out of the
 * coverage instrumentation, as is the mock's checker (lib/mock/mock-check.c).
 * libFuzzer books every edge an input reaches as one of its features, at a
 * cost per feature that dominated this target's time; the mock's own
 * handlers, which the teardown's RMI calls still reach, stay instrumented,
 * so the teardown of a deep state is still new coverage.
 */
#if defined(__clang__) && __clang_major__ >= 13
#define NO_COV __attribute__((no_sanitize("coverage")))
#else
#define NO_COV
#endif

#define POOL_N 512
#define NS_N 32
#define POOL_BASE UINT64_C(0x100000000)
#define NS_BASE UINT64_C(0x200000000)
#define MAX_CMDS 96
#define MAX_REALMS 4
#define MAX_RECS 8
#define PARAMS_NS 0   /* NS page for realm params */
#define RECPARAMS_NS 1 /* NS page for REC params */

struct in {
	const uint8_t *p;
	size_t n;
};

static uint8_t u8(struct in *in)
{
	uint8_t v;

	if (!in->n)
		return 0;
	v = *in->p++;
	in->n--;
	return v;
}

static uint16_t u16(struct in *in)
{
	return (uint16_t)(u8(in) | (u8(in) << 8));
}

static uint64_t u64(struct in *in)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)u8(in) << (8 * i);
	return v;
}

struct realm_t {
	uint64_t rd;
	unsigned int s2sz;
	int sl;
	unsigned int nroots;
	unsigned int nrecs;
	bool used;
};

struct rec_t {
	uint64_t rec;
	uint64_t rd;
	uint64_t mpidr;
	bool used;
};

static struct rlm_mock *m;
static void *mem;
static struct rlm_mock_config cfg;
static struct realm_t realms[MAX_REALMS];
static struct rec_t recs[MAX_RECS];
static uint64_t alloc_cursor;
static const char *cur_op = "";
static bool in_teardown;
static bool trace; /* FUZZ_MOCK_TRACE=1: print every call (reproducing) */
/* pool granules this input delegated (the teardown undelegates those) */
static bool delegated[POOL_N];

NO_COV static void die(const char *what, const struct rlm_smc_regs *in,
		const struct rlm_smc_regs *out)
{
	fprintf(stderr, "fuzz_mock: %s (during %s)\n", what, cur_op);
	if (in)
		fprintf(stderr, "  call %#llx %#llx %#llx %#llx %#llx %#llx\n",
			(unsigned long long)in->x[0], (unsigned long long)in->x[1],
			(unsigned long long)in->x[2], (unsigned long long)in->x[3],
			(unsigned long long)in->x[4], (unsigned long long)in->x[5]);
	if (out)
		fprintf(stderr, "  ret  %#llx %#llx %#llx %#llx %#llx\n",
			(unsigned long long)out->x[0], (unsigned long long)out->x[1],
			(unsigned long long)out->x[2], (unsigned long long)out->x[3],
			(unsigned long long)out->x[4]);
	abort();
}

/* After a call: what it changed (rlm_mock_check_changed); in == NULL: the
 * full walk (end of every input). */
NO_COV static void check(const struct rlm_smc_regs *in, const struct rlm_smc_regs *out)
{
	char why[256];

	why[0] = 0;
	if ((in ? rlm_mock_check_changed(m, why, sizeof(why))
		: rlm_mock_check(m, why, sizeof(why))) != 0) {
		char msg[300];

		snprintf(msg, sizeof(msg), "invariant violated: %s", why);
		die(msg, in, out);
	}
}

static struct realm_t *realm_by_rd(uint64_t rd);

/* SMCCC: the FID is W0; bit 16 is the SVE hint, not part of the command */
NO_COV static uint64_t norm_fid(uint64_t fid)
{
	return (uint32_t)fid & ~(uint32_t)RLM_BIT(16);
}

NO_COV static bool is_rmi_fid(uint64_t fid)
{
	switch (norm_fid(fid)) {
	case RLM_SMC_RMI_VERSION:
	case RLM_SMC_RMI_GRANULE_DELEGATE:
	case RLM_SMC_RMI_GRANULE_UNDELEGATE:
	case RLM_SMC_RMI_DATA_CREATE:
	case RLM_SMC_RMI_DATA_CREATE_UNKNOWN:
	case RLM_SMC_RMI_DATA_DESTROY:
	case RLM_SMC_RMI_REALM_ACTIVATE:
	case RLM_SMC_RMI_REALM_CREATE:
	case RLM_SMC_RMI_REALM_DESTROY:
	case RLM_SMC_RMI_REC_CREATE:
	case RLM_SMC_RMI_REC_DESTROY:
	case RLM_SMC_RMI_REC_ENTER:
	case RLM_SMC_RMI_RTT_CREATE:
	case RLM_SMC_RMI_RTT_DESTROY:
	case RLM_SMC_RMI_RTT_MAP_UNPROTECTED:
	case RLM_SMC_RMI_RTT_READ_ENTRY:
	case RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED:
	case RLM_SMC_RMI_PSCI_COMPLETE:
	case RLM_SMC_RMI_FEATURES:
	case RLM_SMC_RMI_RTT_FOLD:
	case RLM_SMC_RMI_REC_AUX_COUNT:
	case RLM_SMC_RMI_RTT_INIT_RIPAS:
	case RLM_SMC_RMI_RTT_SET_RIPAS:
		return true;
	default:
		return false;
	}
}

/* One RMI call; checks invariants and the status encoding. */
NO_COV static uint64_t rmi(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		    uint64_t a4, uint64_t a5, struct rlm_smc_regs *out)
{
	struct rlm_smc_regs in, r;
	uint64_t st, idx;

	rlm_regs_set_(&in, fid, a1, a2, a3, a4, a5);
	r = in;
	rlm_mock_rmi(m, &r);
	if (norm_fid(fid) == RLM_SMC_RMI_GRANULE_DELEGATE && r.x[0] == RLM_RMI_SUCCESS &&
	    a1 >= POOL_BASE && a1 - POOL_BASE < (uint64_t)POOL_N * RLM_GRANULE_SIZE)
		delegated[(a1 - POOL_BASE) / RLM_GRANULE_SIZE] = true;
	if (trace)
		fprintf(stderr, "%-14s %#x(%#llx, %#llx, %#llx, %#llx) -> %#llx %#llx %#llx\n",
			cur_op, (unsigned int)(fid & 0xfff), (unsigned long long)a1,
			(unsigned long long)a2, (unsigned long long)a3, (unsigned long long)a4,
			(unsigned long long)r.x[0], (unsigned long long)r.x[1],
			(unsigned long long)r.x[2]);
	/* The teardown makes thousands of calls: there, only those that
	 * change state are followed by the (whole-state) check. */
	if (!in_teardown || (r.x[0] == RLM_RMI_SUCCESS && fid != RLM_SMC_RMI_RTT_READ_ENTRY))
		check(&in, &r);
	if (out)
		*out = r;
	if (!is_rmi_fid(fid))
		return r.x[0];
	fid = norm_fid(fid);
	if (fid == RLM_SMC_RMI_VERSION || fid == RLM_SMC_RMI_FEATURES ||
	    fid == RLM_SMC_RMI_REC_AUX_COUNT) {
		if (r.x[0] > RLM_RMI_ERROR_INPUT)
			die("bad status for a query", &in, &r);
		return r.x[0];
	}
	if (r.x[0] >> 16)
		die("status with bits above the index", &in, &r);
	st = RLM_RMI_RETURN_STATUS(r.x[0]);
	idx = RLM_RMI_RETURN_INDEX(r.x[0]);
	if (st >= RLM_RMI_ERROR_COUNT_1_0)
		die("status not defined by RMI 1.0", &in, &r);
	if (st == RLM_RMI_ERROR_RTT) {
		int8_t lvl = (int8_t)idx;

		const struct realm_t *rr = realm_by_rd(a1);

		if (lvl < -1 || lvl > 3)
			die("RMI_ERROR_RTT index is not a level", &in, &r);
		/* every RMI command with an RTT error names the realm in X1 */
		if (rr && lvl < rr->sl)
			die("RMI_ERROR_RTT index above the realm's start level", &in, &r);
	} else if (st == RLM_RMI_ERROR_REALM && fid == RLM_SMC_RMI_REC_ENTER) {
		if (idx > RLM_RMI_REALM_ERROR_SYSTEM_OFF)
			die("REC_ENTER RMI_ERROR_REALM index", &in, &r);
	} else if (idx) {
		die("non-zero index with a status that has none", &in, &r);
	}
	return r.x[0];
}

/* ---- argument decoders ------------------------------------------------- */

static uint64_t gpa(uint64_t i)
{
	return POOL_BASE + i * RLM_GRANULE_SIZE;
}

static uint64_t nspa(uint64_t i)
{
	return NS_BASE + i * RLM_GRANULE_SIZE;
}

/* A physical address: mostly a pool granule by small index. */
static uint64_t arg_pa(struct in *in)
{
	uint16_t v = u16(in);

	switch (v >> 13) {
	case 7: /* specials */
		switch (v & 7) {
		case 0: return gpa(POOL_N);            /* one past the pool */
		case 1: return POOL_BASE - RLM_GRANULE_SIZE;
		case 2: return gpa(v >> 3 & 0xff) + 8; /* unaligned */
		case 3: return nspa(v >> 3 & 31);       /* NS memory */
		case 4: return 0;
		case 5: return UINT64_C(1) << 48;       /* beyond PA width */
		case 6: return ~UINT64_C(0) & ~RLM_GRANULE_MASK;
		default: return gpa(POOL_N - 1);
		}
	case 6:
		return gpa(v % POOL_N);
	default:
		return gpa(v % 64); /* small indices: collisions likely */
	}
}

static uint64_t arg_rd(struct in *in)
{
	uint8_t v = u8(in);

	if (v < 0xc0) {
		unsigned int i, k = v % MAX_REALMS;

		for (i = 0; i < MAX_REALMS; i++) {
			const struct realm_t *r = &realms[(k + i) % MAX_REALMS];

			if (r->used)
				return r->rd;
		}
	}
	return arg_pa(in);
}

static struct realm_t *realm_by_rd(uint64_t rd)
{
	unsigned int i;

	for (i = 0; i < MAX_REALMS; i++)
		if (realms[i].used && realms[i].rd == rd)
			return &realms[i];
	return NULL;
}

static uint64_t arg_rec(struct in *in)
{
	uint8_t v = u8(in);

	if (v < 0xc0) {
		unsigned int i, k = v % MAX_RECS;

		for (i = 0; i < MAX_RECS; i++) {
			const struct rec_t *c = &recs[(k + i) % MAX_RECS];

			if (c->used)
				return c->rec;
		}
	}
	return arg_pa(in);
}

static int arg_level(struct in *in)
{
	uint8_t v = u8(in);

	if (v >= 0xf8)
		return (int)(int8_t)u8(in); /* anything */
	return (int)(v % 6) - 1; /* -1..4 */
}

static uint64_t lvl_size(int level)
{
	if (level < -1)
		level = -1;
	if (level > 3)
		level = 3;
	return UINT64_C(1) << (12 + 9 * (3 - level));
}

/* An IPA: aligned to level's entry size, near 0, the top of the protected
 * half, the unprotected half, or just outside the IPA space. */
static uint64_t arg_ipa(struct in *in, uint64_t rd, int level)
{
	const struct realm_t *r = realm_by_rd(rd);
	unsigned int s2sz = r ? r->s2sz : 40;
	uint8_t v = u8(in);
	uint64_t sz = lvl_size(level), k = v & 15, ipa;

	switch (v >> 4 & 7) {
	case 0: case 1: case 2:
		ipa = k * sz;
		break;
	case 3: /* just below the unprotected half */
		ipa = (UINT64_C(1) << (s2sz - 1)) - (k + 1) * sz;
		break;
	case 4: /* unprotected half */
		ipa = (UINT64_C(1) << (s2sz - 1)) + k * sz;
		break;
	case 5: /* top of, and beyond, the IPA space */
		ipa = (UINT64_C(1) << s2sz) - 8 * sz + k * sz;
		break;
	case 6: /* a small page-granular offset */
		ipa = (uint64_t)u8(in) * RLM_GRANULE_SIZE;
		break;
	default:
		ipa = u64(in);
		break;
	}
	if (v & 0x80 && (v >> 4 & 7) != 7)
		ipa += RLM_GRANULE_SIZE; /* misaligned for level < 3 */
	return ipa;
}

/* ---- realm/REC bookkeeping -------------------------------------------- */

static void note_realm(uint64_t rd, const struct rlm_realm_params *p)
{
	unsigned int i;

	for (i = 0; i < MAX_REALMS; i++) {
		if (!realms[i].used) {
			realms[i].used = true;
			realms[i].rd = rd;
			realms[i].s2sz = p->s2sz;
			realms[i].sl = (int)p->rtt_level_start;
			realms[i].nroots = p->rtt_num_start;
			realms[i].nrecs = 0;
			return;
		}
	}
	die("more realms than the mock's capacity", NULL, NULL);
}

static void note_rec(uint64_t rec, uint64_t rd, uint64_t mpidr)
{
	unsigned int i;

	for (i = 0; i < MAX_RECS; i++) {
		if (!recs[i].used) {
			recs[i].used = true;
			recs[i].rec = rec;
			recs[i].rd = rd;
			recs[i].mpidr = mpidr;
			return;
		}
	}
	die("more RECs than the mock's capacity", NULL, NULL);
}

static void forget_rec(uint64_t rec)
{
	unsigned int i;

	for (i = 0; i < MAX_RECS; i++)
		if (recs[i].used && recs[i].rec == rec)
			recs[i].used = false;
}

/* A granule no one uses: delegate the next one that accepts. */
static uint64_t alloc_granule(void)
{
	unsigned int i;

	for (i = 0; i < POOL_N; i++) {
		uint64_t pa = gpa(alloc_cursor);

		alloc_cursor = (alloc_cursor + 1) % POOL_N;
		if (rmi(RLM_SMC_RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0, NULL) ==
		    RLM_RMI_SUCCESS)
			return pa;
	}
	return gpa(0);
}

/* ---- commands ---------------------------------------------------------- */

static const unsigned int s2sz_choice[] = { 32, 33, 36, 39, 40, 41, 44, 48, 52, 31 };

static void realm_params(struct in *in, struct rlm_realm_params *p, uint64_t rtt_base)
{
	uint8_t shape = u8(in), broken = u8(in);
	/* (s2sz, sl, nroots) combinations that are valid with LPA2 */
	static const struct { uint8_t s2sz; int8_t sl; uint8_t n; } ok[] = {
		{ 40, 1, 2 }, { 32, 2, 4 }, { 39, 1, 1 }, { 48, 0, 1 },
		{ 36, 1, 1 }, { 34, 2, 16 }, { 44, 0, 1 }, { 43, 1, 16 },
		{ 52, -1, 1 }, { 40, 0, 1 }, { 33, 2, 8 }, { 50, -1, 1 },
		{ 52, 0, 16 }, { 32, 1, 1 },
	};
	unsigned int k = shape % (sizeof(ok) / sizeof(ok[0]));

	memset(p, 0, sizeof(*p));
	p->s2sz = ok[k].s2sz;
	p->rtt_level_start = ok[k].sl;
	p->rtt_num_start = ok[k].n;
	if (p->s2sz > 48 || p->rtt_level_start < 0)
		p->flags |= RLM_RMI_REALM_PARAM_FLAG_LPA2;
	p->num_bps = 1 + (shape >> 4 & 1);
	p->num_wps = 1;
	p->hash_algo = shape & 0x80 ? RLM_RMI_HASH_SHA_512 : RLM_RMI_HASH_SHA_256;
	p->vmid = (uint16_t)(u8(in) & 0x3f);
	p->rtt_base = rtt_base;
	p->rpv[0] = shape;
	switch (broken & 15) {
	case 1: p->s2sz = s2sz_choice[(broken >> 4) % 10]; break;
	case 2: p->rtt_level_start += (broken & 0x10) ? 1 : -1; break;
	case 3: p->rtt_num_start = broken >> 4; break;
	case 4: p->hash_algo = (uint8_t)(broken >> 4); break;
	case 5: p->vmid = (uint16_t)(u16(in)); break;
	case 6: p->flags = broken >> 4; p->sve_vl = 1; p->pmu_num_ctrs = broken >> 6; break;
	case 7: p->num_bps = broken >> 4; p->num_wps = broken >> 6; break;
	case 8: p->flags ^= RLM_RMI_REALM_PARAM_FLAG_LPA2; break;
	default: break;
	}
}

static void write_ns(uint64_t pa, const void *buf, int (*pack)(const void *, uint8_t *, size_t))
{
	uint8_t *page = rlm_mock_ns_ptr(m, pa, RLM_GRANULE_SIZE);

	if (!page)
		die("params NS page not mapped", NULL, NULL);
	if (pack(buf, page, RLM_GRANULE_SIZE))
		die("pack failed", NULL, NULL);
}

static int pack_rp(const void *p, uint8_t *b, size_t n)
{
	return rlm_pack_realm_params(p, b, n);
}

static int pack_cp(const void *p, uint8_t *b, size_t n)
{
	return rlm_pack_rec_params(p, b, n);
}

static unsigned int n_used_realms(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_REALMS; i++)
		n += realms[i].used;
	return n;
}

static unsigned int n_used_recs(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < MAX_RECS; i++)
		n += recs[i].used;
	return n;
}

/*
 * The mock has room for twice as many realms and RECs as the sequence may
 * create (the harness stops creating at MAX_*): running out of the
 * model's capacity is not an RMM condition, and rlm_mock_check reports it.
 */
static uint64_t realm_create(uint64_t rd, const struct rlm_realm_params *p)
{
	uint64_t ret;

	if (n_used_realms() == MAX_REALMS)
		return RLM_RMI_ERROR_INPUT;

	write_ns(nspa(PARAMS_NS), p, pack_rp);
	ret = rmi(RLM_SMC_RMI_REALM_CREATE, rd, nspa(PARAMS_NS), 0, 0, 0, NULL);
	if (ret == RLM_RMI_SUCCESS)
		note_realm(rd, p);
	return ret;
}

static void rec_params(struct in *in, struct rlm_rec_params *p, uint64_t rd,
		       bool alloc)
{
	const struct realm_t *r = realm_by_rd(rd);
	uint8_t v = u8(in), broken = u8(in);
	unsigned int i, idx = r ? r->nrecs : 0;
	uint64_t aux0 = alloc ? 0 : arg_pa(in);

	memset(p, 0, sizeof(*p));
	p->flags = v & 1 ? 0 : RLM_REC_PARAMS_FLAG_RUNNABLE;
	p->mpidr = (idx & 15) | (uint64_t)(idx >> 4) << 8;
	p->pc = u8(in) * RLM_GRANULE_SIZE;
	p->gprs[0] = v;
	p->num_aux = RLM_REC_AUX_COUNT_TFRMM;
	for (i = 0; i < RLM_REC_AUX_COUNT_TFRMM; i++)
		p->aux[i] = alloc ? alloc_granule() : aux0 + i * RLM_GRANULE_SIZE;
	switch (broken & 7) {
	case 1: p->mpidr = u8(in); break;
	case 2: p->num_aux = broken >> 3; break;
	case 3: p->aux[broken >> 4] = p->aux[0]; break;
	case 4: p->aux[broken >> 4] = rd; break;
	case 5: p->mpidr |= UINT64_C(1) << (broken >> 3 & 63); break;
	default: break;
	}
}

static uint64_t rec_create(uint64_t rd, uint64_t rec, const struct rlm_rec_params *p)
{
	uint64_t ret;

	if (n_used_recs() == MAX_RECS)
		return RLM_RMI_ERROR_INPUT;
	write_ns(nspa(RECPARAMS_NS), p, pack_cp);
	ret = rmi(RLM_SMC_RMI_REC_CREATE, rd, rec, nspa(RECPARAMS_NS), 0, 0, NULL);
	if (ret == RLM_RMI_SUCCESS) {
		struct realm_t *r = realm_by_rd(rd);

		note_rec(rec, rd, p->mpidr);
		if (r)
			r->nrecs++;
	}
	return ret;
}

/* Queue a few RSI/PSCI calls the realm on rec makes on its next entry. */
static void queue_calls(struct in *in, uint64_t rec, uint64_t rd)
{
	unsigned int n = u8(in) % 5, i;

	for (i = 0; i < n; i++) {
		struct rlm_smc_regs c;
		uint8_t op = u8(in);
		int lvl = 3 - (op >> 6);

		memset(&c, 0, sizeof(c));
		switch (op % 16) {
		case 0:
			c.x[0] = RLM_SMC_RSI_IPA_STATE_SET;
			c.x[1] = arg_ipa(in, rd, lvl);
			c.x[2] = c.x[1] + (1 + (uint64_t)(u8(in) & 15)) * lvl_size(lvl);
			c.x[3] = u8(in) % 4;
			c.x[4] = u8(in) % 3;
			break;
		case 1:
			c.x[0] = RLM_SMC_RSI_IPA_STATE_GET;
			c.x[1] = arg_ipa(in, rd, lvl);
			c.x[2] = c.x[1] + (1 + (uint64_t)(u8(in) & 15)) * lvl_size(lvl);
			break;
		case 2:
			c.x[0] = RLM_SMC_RSI_MEASUREMENT_EXTEND;
			c.x[1] = u8(in) % 6;
			c.x[2] = u8(in) % 70;
			c.x[3] = u64(in);
			break;
		case 3:
			c.x[0] = RLM_SMC_RSI_MEASUREMENT_READ;
			c.x[1] = u8(in) % 6;
			break;
		case 4:
			c.x[0] = RLM_SMC_RSI_HOST_CALL;
			c.x[1] = arg_ipa(in, rd, 3) + (u8(in) & 0x1f) * 0x80;
			break;
		case 5:
			c.x[0] = RLM_SMC_RSI_REALM_CONFIG;
			c.x[1] = arg_ipa(in, rd, 3);
			break;
		case 6:
			c.x[0] = RLM_PSCI_CPU_ON_AARCH64;
			c.x[1] = u8(in) % 4;
			c.x[2] = u8(in) * RLM_GRANULE_SIZE;
			c.x[3] = u64(in);
			break;
		case 7:
			c.x[0] = RLM_PSCI_AFFINITY_INFO_AARCH64;
			c.x[1] = u8(in) % 4;
			c.x[2] = u8(in) % 2;
			break;
		case 8:
			c.x[0] = RLM_PSCI_CPU_OFF;
			break;
		case 9:
			c.x[0] = u8(in) & 1 ? RLM_PSCI_SYSTEM_OFF : RLM_PSCI_SYSTEM_RESET;
			break;
		case 10:
			c.x[0] = RLM_SMC_RSI_ABI_VERSION;
			c.x[1] = u64(in);
			break;
		case 11:
			c.x[0] = u8(in) & 1 ? RLM_SMC_RSI_FEATURES
					    : RLM_PSCI_FEATURES;
			c.x[1] = u8(in) & 1 ? RLM_SMC_RSI_HOST_CALL : RLM_PSCI_CPU_ON_AARCH64;
			break;
		case 12:
			c.x[0] = u8(in) & 1 ? RLM_MOCK_REALM_WFI : RLM_MOCK_REALM_WFE;
			break;
		case 13:
			c.x[0] = RLM_SMC_RSI_ATTESTATION_TOKEN_INIT;
			c.x[1] = u64(in);
			break;
		case 14:
			c.x[0] = RLM_PSCI_CPU_SUSPEND_AARCH64;
			c.x[1] = u8(in);
			break;
		default:
			c.x[0] = u8(in) & 1 ? RLM_PSCI_VERSION : RLM_SMC_RSI_FID(0x180 + u8(in) % 32);
			c.x[1] = u64(in);
			break;
		}
		(void)rlm_mock_realm_queue(m, rec, &c);
		check(&c, NULL);
	}
}

/* REC_ENTER, then answer what the realm asked for, like a host would. */
static void rec_enter(struct in *in)
{
	uint64_t rec = arg_rec(in), rd = 0, ret;
	uint8_t flags = u8(in), run_ns = (uint8_t)(2 + u8(in) % 3), resp = u8(in);
	struct rlm_rec_enter en;
	struct rlm_rec_exit ex;
	uint8_t *page;
	unsigned int i;

	for (i = 0; i < MAX_RECS; i++)
		if (recs[i].used && recs[i].rec == rec)
			rd = recs[i].rd;
	/* calls are keyed by address: they may wait for a REC to exist */
	queue_calls(in, rec, rd);
	page = rlm_mock_ns_ptr(m, nspa(run_ns), RLM_GRANULE_SIZE);
	if (!page)
		die("run page not mapped", NULL, NULL);
	memset(&en, 0, sizeof(en));
	en.flags = flags & 0x80 ? (uint64_t)flags << 24 : (flags & 0x1f);
	en.gprs[0] = flags;
	if (rlm_pack_rec_enter(&en, page, RLM_REC_ENTER_SIZE))
		die("pack rec_enter", NULL, NULL);
	ret = rmi(RLM_SMC_RMI_REC_ENTER, rec, resp & 0x40 ? nspa(run_ns) + 8 : nspa(run_ns),
		  0, 0, 0, NULL);
	if (ret != RLM_RMI_SUCCESS)
		return;
	if (rlm_unpack_rec_exit(&ex, page + RLM_REC_RUN_EXIT_OFF, RLM_REC_EXIT_SIZE))
		die("unpack rec_exit", NULL, NULL);
	if (ex.exit_reason > RLM_RMI_EXIT_SERROR)
		die("exit reason out of range", NULL, NULL);
	if (ex.exit_reason == RLM_RMI_EXIT_RIPAS_CHANGE && !(resp & 1)) {
		uint64_t base = ex.ripas_base;
		struct rlm_smc_regs out;

		if (ex.ripas_base >= ex.ripas_top)
			die("RIPAS_CHANGE exit with an empty range", NULL, NULL);
		/* answer in up to 4 steps at the biggest level that fits */
		for (i = 0; i < 4 && base < ex.ripas_top; i++) {
			ret = rmi(RLM_SMC_RMI_RTT_SET_RIPAS, rd, rec, base,
				  ex.ripas_top, 0, &out);
			if (ret != RLM_RMI_SUCCESS)
				break;
			if (out.x[1] <= base || out.x[1] > ex.ripas_top)
				die("RTT_SET_RIPAS progress out of range", NULL, &out);
			base = out.x[1];
		}
	} else if (ex.exit_reason == RLM_RMI_EXIT_PSCI && !(resp & 1)) {
		uint64_t target = arg_rec(in);

		/* mostly the REC the call names (CPU_ON, AFFINITY_INFO) */
		if (!(resp & 4))
			for (i = 0; i < MAX_RECS; i++)
				if (recs[i].used && recs[i].rd == rd &&
				    recs[i].mpidr == ex.gprs[1])
					target = recs[i].rec;

		(void)rmi(RLM_SMC_RMI_PSCI_COMPLETE, rec, target,
			  resp & 2 ? (uint64_t)RLM_PSCI_RET_DENIED : RLM_PSCI_RET_SUCCESS,
			  0, 0, NULL);
	}
}

/* Build an RTT path down to level at ipa (macro: keeps seeds short). */
static void rtt_path(uint64_t rd, uint64_t ipa, int level)
{
	const struct realm_t *r = realm_by_rd(rd);
	int l;

	if (!r)
		return;
	for (l = r->sl + 1; l <= level && l <= 3; l++) {
		uint64_t g = alloc_granule();
		uint64_t a = ipa & ~(lvl_size(l - 1) - 1);

		if (rmi(RLM_SMC_RMI_RTT_CREATE, rd, g, a, (uint64_t)(int64_t)l, 0, NULL))
			(void)rmi(RLM_SMC_RMI_GRANULE_UNDELEGATE, g, 0, 0, 0, 0, NULL);
	}
}

static void command(struct in *in)
{
	uint8_t op = u8(in);
	struct rlm_realm_params rp;
	struct rlm_rec_params cp;
	uint64_t rd, a, b, ret;
	struct rlm_smc_regs out;
	int lvl;

	switch (op % 26) {
	case 0:
		cur_op = "DELEGATE";
		(void)rmi(RLM_SMC_RMI_GRANULE_DELEGATE, arg_pa(in), 0, 0, 0, 0, NULL);
		break;
	case 1:
		cur_op = "UNDELEGATE";
		(void)rmi(RLM_SMC_RMI_GRANULE_UNDELEGATE, arg_pa(in), 0, 0, 0, 0, NULL);
		break;
	case 2:
		cur_op = "REALM_CREATE";
		a = arg_pa(in);
		b = arg_pa(in);
		realm_params(in, &rp, b);
		(void)realm_create(a, &rp);
		break;
	case 3:
		cur_op = "REALM_ACTIVATE";
		(void)rmi(RLM_SMC_RMI_REALM_ACTIVATE, arg_rd(in), 0, 0, 0, 0, NULL);
		break;
	case 4: {
		unsigned int i;

		cur_op = "REALM_DESTROY";
		rd = arg_rd(in);
		if (rmi(RLM_SMC_RMI_REALM_DESTROY, rd, 0, 0, 0, 0, NULL) == RLM_RMI_SUCCESS)
			for (i = 0; i < MAX_REALMS; i++)
				if (realms[i].used && realms[i].rd == rd)
					realms[i].used = false;
		break;
	}
	case 5:
		cur_op = "REC_CREATE";
		rd = arg_rd(in);
		a = arg_pa(in);
		rec_params(in, &cp, rd, false);
		(void)rec_create(rd, a, &cp);
		break;
	case 6:
		cur_op = "REC_DESTROY";
		a = arg_rec(in);
		if (rmi(RLM_SMC_RMI_REC_DESTROY, a, 0, 0, 0, 0, NULL) == RLM_RMI_SUCCESS)
			forget_rec(a);
		break;
	case 7:
	case 8:
		cur_op = "REC_ENTER";
		rec_enter(in);
		break;
	case 9:
		cur_op = "RTT_CREATE";
		rd = arg_rd(in);
		a = arg_pa(in);
		lvl = arg_level(in);
		(void)rmi(RLM_SMC_RMI_RTT_CREATE, rd, a, arg_ipa(in, rd, lvl - 1),
			  (uint64_t)(int64_t)lvl, 0, NULL);
		break;
	case 10:
		cur_op = "RTT_DESTROY";
		rd = arg_rd(in);
		lvl = arg_level(in);
		(void)rmi(RLM_SMC_RMI_RTT_DESTROY, rd, arg_ipa(in, rd, lvl - 1),
			  (uint64_t)(int64_t)lvl, 0, 0, NULL);
		break;
	case 11:
		cur_op = "RTT_FOLD";
		rd = arg_rd(in);
		lvl = arg_level(in);
		(void)rmi(RLM_SMC_RMI_RTT_FOLD, rd, arg_ipa(in, rd, lvl - 1),
			  (uint64_t)(int64_t)lvl, 0, 0, NULL);
		break;
	case 12:
		cur_op = "RTT_INIT_RIPAS";
		rd = arg_rd(in);
		lvl = arg_level(in);
		a = arg_ipa(in, rd, lvl);
		b = a + (1 + (uint64_t)(u8(in) & 7)) * lvl_size(lvl);
		ret = rmi(RLM_SMC_RMI_RTT_INIT_RIPAS, rd, a, b, 0, 0, &out);
		if (ret == RLM_RMI_SUCCESS && (out.x[1] <= a || out.x[1] > b))
			die("RTT_INIT_RIPAS progress out of range", NULL, &out);
		break;
	case 13:
		cur_op = "RTT_SET_RIPAS";
		rd = arg_rd(in);
		a = arg_rec(in);
		lvl = arg_level(in);
		b = arg_ipa(in, rd, lvl);
		(void)rmi(RLM_SMC_RMI_RTT_SET_RIPAS, rd, a, b,
			  b + (1 + (uint64_t)(u8(in) & 7)) * lvl_size(lvl), 0, NULL);
		break;
	case 14:
		cur_op = "RTT_MAP_UNPROTECTED";
		rd = arg_rd(in);
		lvl = arg_level(in);
		a = arg_ipa(in, rd, lvl);
		b = u8(in);
		b = b & 0x80 ? u64(in)
			     : ((NS_BASE + (b & 0x7f) * lvl_size(lvl)) & ~(lvl_size(lvl) - 1)) |
				       (b & 0x40 ? 0xcc : 0);
		(void)rmi(RLM_SMC_RMI_RTT_MAP_UNPROTECTED, rd, a, (uint64_t)(int64_t)lvl, b, 0,
			  NULL);
		break;
	case 15:
		cur_op = "RTT_UNMAP_UNPROTECTED";
		rd = arg_rd(in);
		lvl = arg_level(in);
		(void)rmi(RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED, rd, arg_ipa(in, rd, lvl),
			  (uint64_t)(int64_t)lvl, 0, 0, NULL);
		break;
	case 16:
		cur_op = "RTT_READ_ENTRY";
		rd = arg_rd(in);
		lvl = arg_level(in);
		(void)rmi(RLM_SMC_RMI_RTT_READ_ENTRY, rd, arg_ipa(in, rd, lvl),
			  (uint64_t)(int64_t)lvl, 0, 0, NULL);
		break;
	case 17:
		cur_op = "DATA_CREATE";
		rd = arg_rd(in);
		a = arg_pa(in);
		b = arg_ipa(in, rd, 3);
		(void)rmi(RLM_SMC_RMI_DATA_CREATE, rd, a, b, nspa(2 + u8(in) % 8),
			  u8(in) % 3, NULL);
		break;
	case 18:
		cur_op = "DATA_CREATE_UNKNOWN";
		rd = arg_rd(in);
		a = arg_pa(in);
		(void)rmi(RLM_SMC_RMI_DATA_CREATE_UNKNOWN, rd, a, arg_ipa(in, rd, 3), 0, 0, NULL);
		break;
	case 19:
		cur_op = "DATA_DESTROY";
		rd = arg_rd(in);
		ret = rmi(RLM_SMC_RMI_DATA_DESTROY, rd, arg_ipa(in, rd, 3), 0, 0, 0, &out);
		if (ret == RLM_RMI_SUCCESS && u8(in) & 1)
			(void)rmi(RLM_SMC_RMI_GRANULE_UNDELEGATE, out.x[1], 0, 0, 0, 0, NULL);
		break;
	case 20:
		cur_op = "PSCI_COMPLETE";
		a = arg_rec(in);
		b = arg_rec(in);
		(void)rmi(RLM_SMC_RMI_PSCI_COMPLETE, a, b,
			  (uint64_t)(int64_t)-(int)(u8(in) % 10), 0, 0, NULL);
		break;
	case 21:
		cur_op = "queries";
		(void)rmi(RLM_SMC_RMI_VERSION, u8(in) & 1 ? RLM_RMI_ABI_VERSION(1, 0) : u64(in),
			  0, 0, 0, 0, NULL);
		(void)rmi(RLM_SMC_RMI_FEATURES, u8(in) % 3, 0, 0, 0, 0, NULL);
		(void)rmi(RLM_SMC_RMI_REC_AUX_COUNT, arg_rd(in), 0, 0, 0, 0, NULL);
		break;
	case 22:
		cur_op = "raw";
		a = RLM_SMC_RMI_CALL(0x150 + u8(in) % 0x20);
		b = u8(in);
		if (b & 1)
			a &= ~(uint64_t)RLM_SMCCC_SMC_64;
		if (b & 2)
			a |= RLM_BIT(16); /* SVE hint */
		if (b & 4)
			a |= UINT64_C(0xffffffff) << 32; /* not part of W0 */
		/* Objects the harness tracks are created and destroyed only by
		 * their own commands (the teardown must know every realm). */
		switch (norm_fid(a)) {
		case RLM_SMC_RMI_REALM_CREATE:
		case RLM_SMC_RMI_REALM_DESTROY:
		case RLM_SMC_RMI_REC_CREATE:
		case RLM_SMC_RMI_REC_DESTROY:
			a = RLM_SMC_RMI_RTT_READ_ENTRY;
			break;
		default:
			break;
		}
		(void)rmi(a, u64(in), u64(in), u64(in), u64(in), u64(in), NULL);
		break;
	case 23: /* macro: a valid realm from fresh granules */
		cur_op = "macro realm";
		a = alloc_granule();
		realm_params(in, &rp, 0);
		{
			unsigned int i;
			uint64_t first = 0, prev = 0;

			/* the roots must be consecutive: retry from a run */
			for (i = 0; i < rp.rtt_num_start; i++) {
				b = alloc_granule();
				if (i == 0)
					first = b;
				else if (b != prev + RLM_GRANULE_SIZE)
					break;
				prev = b;
			}
			rp.rtt_base = first;
		}
		(void)realm_create(a, &rp);
		break;
	case 24: /* macro: a REC from fresh granules */
		cur_op = "macro REC";
		rd = arg_rd(in);
		a = alloc_granule();
		rec_params(in, &cp, rd, true);
		(void)rec_create(rd, a, &cp);
		break;
	default: { /* macro: RTTs down to a level, then data or a mapping */
		uint8_t what = u8(in);
		const struct realm_t *r;

		cur_op = "macro RTT path";
		rd = arg_rd(in);
		r = realm_by_rd(rd);
		lvl = 1 + (what & 3) % 3;
		a = arg_ipa(in, rd, lvl);
		if (what & 0x10 && r) /* the unprotected half */
			a = (a | UINT64_C(1) << (r->s2sz - 1)) & ((UINT64_C(1) << r->s2sz) - 1);
		rtt_path(rd, a, lvl);
		if (what & 0x10) {
			b = (NS_BASE & ~(lvl_size(lvl) - 1)) | (what & 0x80 ? 0xcc : 0);
			(void)rmi(RLM_SMC_RMI_RTT_MAP_UNPROTECTED, rd, a, (uint64_t)(int64_t)lvl,
				  b, 0, NULL);
			if (what & 0x20)
				(void)rmi(RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED, rd, a,
					  (uint64_t)(int64_t)lvl, 0, 0, NULL);
			break;
		}
		if (what & 8)
			(void)rmi(RLM_SMC_RMI_RTT_INIT_RIPAS, rd, a, a + lvl_size(lvl), 0, 0, NULL);
		if (what & 4) {
			b = alloc_granule();
			if (rmi(RLM_SMC_RMI_DATA_CREATE_UNKNOWN, rd, b, a, 0, 0, NULL))
				(void)rmi(RLM_SMC_RMI_GRANULE_UNDELEGATE, b, 0, 0, 0, 0, NULL);
			if (what & 0x40 &&
			    rmi(RLM_SMC_RMI_DATA_DESTROY, rd, a, 0, 0, 0, &out) == RLM_RMI_SUCCESS)
				(void)rmi(RLM_SMC_RMI_GRANULE_UNDELEGATE, out.x[1], 0, 0, 0, 0, NULL);
		}
		break;
	}
	}
}

/* ---- teardown ---------------------------------------------------------- */

NO_COV static void undelegate(uint64_t pa)
{
	if (rmi(RLM_SMC_RMI_GRANULE_UNDELEGATE, pa, 0, 0, 0, 0, NULL) != RLM_RMI_SUCCESS)
		die("teardown: a released granule does not undelegate", NULL, NULL);
}

/*
 * The next live entry at or after ipa in the table at level (which the
 * teardown reached through tables): the top address of the non-live
 * entries that a failing destroy reports (RMI 1.0 RTT_DESTROY X2,
 * DATA_DESTROY X2, RTT_UNMAP_UNPROTECTED X1; TF-RMM
 * s2tt_skip_non_live_entries), so the teardown visits live entries only.
 * Each call must fail: READ_ENTRY said the entry is not live.
 */
NO_COV static uint64_t next_live(const struct realm_t *r, uint64_t ipa, int level)
{
	uint64_t ipa_top = UINT64_C(1) << r->s2sz, next;
	struct rlm_smc_regs out;

	if (level < 3) {
		if (rmi(RLM_SMC_RMI_RTT_DESTROY, r->rd, ipa, (uint64_t)(int64_t)(level + 1),
			0, 0, &out) == RLM_RMI_SUCCESS)
			die("teardown: RTT_DESTROY of a non-table entry succeeded", NULL, &out);
		next = out.x[2];
	} else if (ipa < ipa_top / 2) {
		if (rmi(RLM_SMC_RMI_DATA_DESTROY, r->rd, ipa, 0, 0, 0, &out) == RLM_RMI_SUCCESS)
			die("teardown: DATA_DESTROY of an unassigned entry succeeded", NULL, &out);
		next = out.x[2];
	} else {
		if (rmi(RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED, r->rd, ipa, 3, 0, 0, &out) ==
		    RLM_RMI_SUCCESS)
			die("teardown: UNMAP of an unassigned entry succeeded", NULL, &out);
		next = out.x[1];
	}
	if (next & (lvl_size(level) - 1))
		die("teardown: the reported next live entry is not aligned", NULL, &out);
	return next > ipa ? next : ipa + lvl_size(level);
}

/* Empty the table at level of realm rd that covers [base, base + span). */
NO_COV static void empty_table(const struct realm_t *r, uint64_t base, int level, uint64_t span)
{
	uint64_t sz = lvl_size(level), ipa, ipa_top = UINT64_C(1) << r->s2sz;
	struct rlm_smc_regs out;
	unsigned int guard = 0;

	for (ipa = base; ipa < base + span && ipa < ipa_top; ) {
		if (++guard > 4 * 512)
			die("teardown: no progress", NULL, NULL);
		if (rmi(RLM_SMC_RMI_RTT_READ_ENTRY, r->rd, ipa, (uint64_t)(int64_t)level,
			0, 0, &out) != RLM_RMI_SUCCESS)
			die("teardown: RTT_READ_ENTRY failed", NULL, &out);
		if ((int64_t)out.x[1] != level)
			die("teardown: walk stopped above a known table", NULL, &out);
		if (out.x[2] == RLM_RMI_TABLE) {
			empty_table(r, ipa, level + 1, sz);
			if (rmi(RLM_SMC_RMI_RTT_DESTROY, r->rd, ipa, (uint64_t)(int64_t)(level + 1),
				0, 0, &out) != RLM_RMI_SUCCESS)
				die("teardown: RTT_DESTROY of an empty table failed", NULL, &out);
			undelegate(out.x[1]);
		} else if (out.x[2] == RLM_RMI_ASSIGNED) {
			if (ipa >= ipa_top / 2) {
				if (rmi(RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED, r->rd, ipa,
					(uint64_t)(int64_t)level, 0, 0, &out) != RLM_RMI_SUCCESS)
					die("teardown: RTT_UNMAP_UNPROTECTED failed", NULL, &out);
			} else if (level == 3) {
				if (rmi(RLM_SMC_RMI_DATA_DESTROY, r->rd, ipa, 0, 0, 0, &out) !=
				    RLM_RMI_SUCCESS)
					die("teardown: DATA_DESTROY failed", NULL, &out);
				undelegate(out.x[1]);
			} else {
				/* a block: unfold, then revisit the entry */
				uint64_t g = alloc_granule();

				if (rmi(RLM_SMC_RMI_RTT_CREATE, r->rd, g, ipa,
					(uint64_t)(int64_t)(level + 1), 0, &out) != RLM_RMI_SUCCESS)
					die("teardown: unfolding a block failed", NULL, &out);
				continue;
			}
		} else {
			ipa = next_live(r, ipa, level);
			continue;
		}
		ipa += sz;
	}
}

NO_COV static void teardown(void)
{
	unsigned int i, g;

	cur_op = "teardown";
	in_teardown = true;
	/* RECs of every realm (REC_DESTROY on a non-REC just fails) */
	for (i = 0; i < MAX_RECS; i++)
		if (recs[i].used &&
		    rmi(RLM_SMC_RMI_REC_DESTROY, recs[i].rec, 0, 0, 0, 0, NULL) != RLM_RMI_SUCCESS)
			die("teardown: REC_DESTROY failed", NULL, NULL);
	/* free what is merely delegated, so unfolding finds granules */
	for (g = 0; g < POOL_N; g++)
		if (delegated[g])
			(void)rmi(RLM_SMC_RMI_GRANULE_UNDELEGATE, gpa(g), 0, 0, 0, 0, NULL);
	alloc_cursor = 0;
	for (i = 0; i < MAX_REALMS; i++) {
		const struct realm_t *r = &realms[i];
		struct rlm_smc_regs out;
		unsigned int k;

		if (!r->used)
			continue;
		for (k = 0; k < r->nroots; k++)
			empty_table(r, (uint64_t)k * 512 * lvl_size(r->sl), r->sl,
				    (r->sl < 0 ? 16 : 512) * lvl_size(r->sl));
		if (rmi(RLM_SMC_RMI_REALM_DESTROY, r->rd, 0, 0, 0, 0, &out) != RLM_RMI_SUCCESS)
			die("teardown: REALM_DESTROY of an emptied realm failed", NULL, &out);
		undelegate(r->rd);
		/* the roots were read from the params: undelegate all */
	}
	for (g = 0; g < POOL_N; g++)
		if (delegated[g])
			(void)rmi(RLM_SMC_RMI_GRANULE_UNDELEGATE, gpa(g), 0, 0, 0, 0, NULL);
	if (rlm_mock_delegated_count(m) != 0) {
		char msg[96];

		snprintf(msg, sizeof(msg), "teardown: %llu granules still delegated",
			 (unsigned long long)rlm_mock_delegated_count(m));
		die(msg, NULL, NULL);
	}
	check(NULL, NULL);
	in_teardown = false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	unsigned int n;

	if (!mem) {
		size_t len;

		trace = getenv("FUZZ_MOCK_TRACE") != NULL;
		rlm_mock_config_default(&cfg);
		/* S2SZ 52 so LPA2 realms (start level -1) are reachable */
		cfg.feat_reg0 = (cfg.feat_reg0 & ~RLM_RMI_FEATURE_REGISTER_0_S2SZ) | 52;
		cfg.pool_base = POOL_BASE;
		cfg.pool_granules = POOL_N;
		cfg.ns_base = NS_BASE;
		cfg.ns_granules = NS_N;
		cfg.max_realms = 2 * MAX_REALMS;
		cfg.max_recs = 2 * MAX_RECS;
		cfg.max_rtts = POOL_N;
		cfg.max_pages = POOL_N;
		cfg.rsi_queue_len = 8;
		len = rlm_mock_size(&cfg);
		if (!len || !(mem = calloc(1, len)) ||
		    rlm_mock_init_zeroed(&m, mem, len, &cfg))
			abort();
	} else if (rlm_mock_reset(m)) {	/* one mock for every input */
		abort();
	}
	memset(realms, 0, sizeof(realms));
	memset(delegated, 0, sizeof(delegated));
	memset(recs, 0, sizeof(recs));
	alloc_cursor = 0;
	cur_op = "";
	for (n = 0; n < MAX_CMDS && in.n; n++)
		command(&in);
	teardown();	/* ends with the full walk (check(NULL, NULL)) */
	return 0;
}
