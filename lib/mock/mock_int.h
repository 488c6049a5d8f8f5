/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal state of the mock RMM (lib/mock).  Not a public header.
 *
 * Everything lives in the caller's block, laid out by rlm_mock_init():
 *   struct rlm_mock | granule hash | NS area content |
 *   realm arena | REC arena | RSI queues | RTT arena | page store |
 *   object hash (RD/REC address -> object) | page hash (PA -> page) |
 *   page keys | reset journal.
 * Only what is used is touched: granule states are a sparse hash (an
 * undelegated granule has no entry), the arenas are handed out from a
 * high-water mark (then a free list), so a block that starts zeroed
 * (rlm_mock_init_zeroed) costs memory only where the mock writes.
 *
 * RTT entries use our own compact encoding (not the architectural one):
 *   bits [63:60] kind, [59:58] RIPAS, [55:0] payload (an output address,
 *   the index of a child RTT object, or the host's NS descriptor).
 * An all-zero entry is "unassigned, RIPAS EMPTY", as a zeroed granule is
 * for TF-RMM.
 */
#ifndef RLM_MOCK_INT_H
#define RLM_MOCK_INT_H

#include <realm/mock.h>
#include <realm/abi.h>
#include <realm/pack.h>
#include <realm/measure.h>
#include <realm/error.h>

/* Granule states.  G_NS (undelegated) is the absence of a hash entry. */
enum {
	G_NS = 0, G_DELEGATED, G_RD, G_REC, G_REC_AUX, G_DATA, G_RTT,
	G_PARTIAL,	/* 2.0: an object granule while its operation runs */
	G_AUX_ROOT,	/* 2.0: a root RTT of an auxiliary plane's tree (an RTT
			 * for TF-RMM; the model keeps no entries in it) */
	G_NSTATES
};

/* Granule hash slot: bits [39:0] granule index + 1 (0 = empty slot),
 * [62:56] state, bit 63 the full check's scratch mark. */
#define GH_KEY(s) ((s) & ((UINT64_C(1) << 40) - 1))
#define GH_STATE(s) ((unsigned int)(((s) >> 56) & 0x7f))
#define GH_MARK (UINT64_C(1) << 63)
#define GH_MAKE(gi, st) (((uint64_t)(gi) + 1) | ((uint64_t)(st) << 56))

/* What one RMI call changed, for rlm_mock_check_changed() (bounded; an
 * overflow makes the next changed-check a full one). */
#define MOCK_DIRTY_RTTS 8

/* RTT entry kinds */
enum {
	K_UNASSIGNED = 0, /* protected, RIPAS in [59:58] */
	K_ASSIGNED = 1,   /* protected, RIPAS, payload = output address */
	K_TABLE = 2,      /* payload = child RTT object index */
	K_UNASSIGNED_NS = 3,
	K_ASSIGNED_NS = 4 /* payload = host descriptor (masked) */
};
#define E_KIND(e) ((unsigned int)((e) >> 60))
#define E_RIPAS(e) ((unsigned int)(((e) >> 58) & 3))
#define E_PAYLOAD(e) ((e) & ((UINT64_C(1) << 56) - 1))
#define E_MAKE(k, r, p) (((uint64_t)(k) << 60) | ((uint64_t)(r) << 58) | \
			 ((uint64_t)(p) & ((UINT64_C(1) << 56) - 1)))

#define MOCK_NONE UINT32_MAX
#define MOCK_RTT_ENTRIES 512
#define MOCK_MAX_INJECT 16
#define MOCK_TOKEN_CAP 8192
#define MOCK_ATTEST_BUF_SIZE 4096 /* TF-RMM: RMM_CCA_TOKEN_BUFFER (1) pages */
#define MOCK_REFCOUNT_MAX 1023    /* TF-RMM: 10-bit granule refcount */

enum { REALM_NEW = 0, REALM_ACTIVE = 1, REALM_SYSTEM_OFF = 2,
       REALM_ZOMBIE = 3 /* 2.0: after REALM_TERMINATE */ };

struct mock_rtt {
	uint64_t pa;
	uint32_t refcount;
	uint32_t next_free;
	uint32_t realm;
	int8_t level;
	uint8_t used;
	uint8_t mark;
	uint8_t pad_;
	uint64_t e[MOCK_RTT_ENTRIES];
};

struct mock_realm {
	uint64_t rd;
	uint64_t rec_count;         /* next MPIDR index */
	uint32_t refcount;          /* RECs referring to the RD */
	uint32_t next_free;
	uint32_t roots[RLM_RTT_MAX_NUM_START];
	uint32_t s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs;
	uint32_t num_rec_aux;
	uint16_t vmid;
	uint8_t used, state, lpa2, sve, pmu, hash_algo;
	int8_t start_level;
	uint8_t num_roots;
	uint8_t rpv[RLM_RPV_SIZE];
	uint8_t meas[RLM_MEASUREMENT_SLOTS][RLM_HASH_MAX_SIZE];
	/* 2.0: auxiliary planes (each its own tree of num_roots tables) */
	uint8_t num_aux_planes;
	uint16_t aux_vmid[3];
	uint64_t aux_rtt_base[3];
};

/* What the REC's in-flight RSI call waits for. */
enum { INF_NONE = 0, INF_HOST = 1 };

struct mock_rec {
	uint64_t pa;
	uint64_t rec_idx;
	uint64_t aux[RLM_REC_PARAMS_AUX_GRANULES];
	uint64_t regs[RLM_SMC_NREGS];   /* the realm's registers (current call) */
	uint64_t hc_ipa;                /* IPA of the pending host call */
	uint32_t imm32;                 /* host call immediate of this exit */
	struct {
		uint64_t base, top, addr;
		uint8_t ripas, change_destroyed, response;
	} sr;
	struct rlm_smc_regs last;
	uint8_t challenge[RLM_CHALLENGE_SIZE];
	uint64_t tok_copied;
	rlm_mock_realm_fn fn;
	void *fn_arg;
	struct rlm_mock *mock;
	uint32_t realm;
	uint32_t num_aux;
	uint32_t next_free;
	uint8_t used, runnable, psci_pending, host_call;
	uint8_t cur_valid, inflight, has_last, attest;
};

/* A queued realm call, keyed by the REC's address (the call waits for
 * whatever REC is entered at that address, as the reference harness does). */
struct mock_qent {
	uint64_t rec;
	struct rlm_smc_regs call;
};

struct mock_inject {
	uint32_t fid;
	uint32_t left;
	uint64_t ret;
};

/*
 * 2.0: one SRO context (TF-RMM lib/sro_context): a multi-call operation
 * between its INCOMPLETE answers.  The handle is the index.  Only REC_CREATE
 * and REC_DESTROY keep them between calls in the model.
 */
#define MOCK_SRO_CTXS 160  /* TF-RMM MAX_CPUS (16) x SRO_CTX_PER_CPU (10) */
#define MOCK_SRO_AUX 16    /* TF-RMM MAX_REC_AUX_GRANULES */
enum { SRO_FREE = 0, SRO_SEALED = 1 };
enum { SRO_CB_DONATE = 0, SRO_CB_CREATE, SRO_CB_RECLAIM, SRO_CB_FINISH };
struct mock_sro {
	uint64_t obj;             /* the object granule (PARTIAL) */
	uint64_t rd, params;      /* REC_CREATE's other arguments */
	uint64_t transfer_req;    /* bytes a donation may bring */
	uint64_t reclaim_res, ret_err, flags;
	uint64_t requested, transferred, range_desc_count;
	uint64_t aux[MOCK_SRO_AUX];
	uint64_t out[MOCK_SRO_AUX]; /* reclaimed ranges not yet copied out */
	uint32_t cmd, expected, prev_exp;
	uint8_t state, cb, can_cancel, is_contig, mem_state, out_n, list_output;
};

struct mock_hslot {
	uint64_t key;   /* granule index + 1 (0 = empty) */
	uint32_t val;
	uint32_t pad_;
};

struct rlm_mock {
	struct rlm_mock_config cfg;
	uint64_t total_granules;
	uint8_t *gstate;
	uint8_t *ns_mem;
	struct mock_realm *realms;
	struct mock_rec *recs;
	struct mock_qent *queues;
	uint32_t q_cap, q_n;
	struct mock_rtt *rtts;
	uint8_t *pages;
	struct mock_hslot *objh;    /* RD/REC granule -> object */
	uint32_t objh_mask;
	struct mock_hslot *pageh;   /* PA granule -> page index */
	uint32_t pageh_mask;
	uint32_t *page_free;        /* stack of free page indices */
	uint32_t page_nfree;
	uint32_t realm_free, rec_free, rtt_free;
	uint32_t realm_hi, rec_hi, rtt_hi, page_hi; /* arenas' high-water marks */
	uint32_t rtts_used;
	uint64_t pool_delegated;
	/* the granule hash: tracked granules not in G_NS */
	uint64_t *gh;
	uint32_t gh_mask;
	uint32_t gh_count, gh_max;
	uint32_t gh_ns;               /* of which in the NS area */
	uint32_t gcount[G_NSTATES];   /* granules per state (G_NS unused) */
	uint32_t nrealms, nrecs;      /* realm and REC objects in use */
	/* reset journal: granule indexes delegated since the last reset */
	uint64_t *journal;
	uint32_t journal_cap, journal_n;
	bool journal_lost;            /* overflowed: reset clears the whole hash */
	uint32_t *page_ref;           /* page index -> granules mapping it */
	uint32_t page_maps;           /* granules with stored content */
	uint32_t share_page;          /* last DATA content stored (MOCK_NONE: none) */
	uint8_t *ns_dirty;            /* NS-area granules written (bitmap) */
	/* invariant checks: what the current call changed */
	uint32_t dirty_rtt[MOCK_DIRTY_RTTS];
	uint32_t ndirty_rtt;
	bool dirty_lost;
	bool full_checks;
	bool zeroed_init;
	uint64_t calls;
	struct mock_inject inject[MOCK_MAX_INJECT];
	uint32_t ninject;             /* armed injections */
	struct rlm_mock_log_entry *log;
	size_t log_cap, log_count;
	struct rlm_mock_attest attest;
	uint32_t tok_owner;
	size_t tok_len;
	bool capacity_exhausted;
	bool violation;
	uint8_t rmm2_active;          /* 2.0: RMM_ACTIVATE done (INIT: 0) */
	struct mock_sro *sro;         /* 2.0: MOCK_SRO_CTXS contexts (else NULL) */
	void (*violation_fn)(void *arg, const char *why);
	void *violation_arg;
	/* Last DATA_CREATE source hashed (DATA_CREATE with a repeated page). */
	uint8_t src_cache_valid, src_cache_algo;
	uint8_t src_cache_hash[RLM_HASH_MAX_SIZE];
	uint8_t src_cache[RLM_GRANULE_SIZE];
	uint8_t scratch[RLM_GRANULE_SIZE];
	uint8_t token[MOCK_TOKEN_CAP];
	uint64_t vmids[65536 / 64];
};

/* ---- the granule store (mock-store.c) ---------------------------------- */
uint64_t mock_gidx_(const struct rlm_mock *m, uint64_t pa); /* UINT64_MAX if untracked */
int mock_gstate_(const struct rlm_mock *m, uint64_t pa); /* -1 if untracked */
/* TF-RMM find_lock_granule: tracked, aligned, and in the expected state. */
bool mock_gis_(const struct rlm_mock *m, uint64_t pa, int state);
void mock_gset_(struct rlm_mock *m, uint64_t pa, int state);
/* find_lock_two_granules: duplicates fail, either in the wrong state fails. */
bool mock_two_(const struct rlm_mock *m, uint64_t a, int sa, uint64_t b, int sb);
/* Open-addressing hashes (key: granule index) of objects and pages. */
uint32_t mock_h_find_(const struct mock_hslot *h, uint32_t mask, uint64_t gi);
void mock_h_put_(struct mock_hslot *h, uint32_t mask, uint64_t gi, uint32_t val);
void mock_h_del_(struct mock_hslot *h, uint32_t mask, uint64_t gi);
uint32_t mock_obj_find_(const struct rlm_mock *m, uint64_t pa);
struct mock_realm *mock_realm_of_(struct rlm_mock *m, uint64_t rd); /* NULL: not an RD */
struct mock_rec *mock_rec_of_(struct rlm_mock *m, uint64_t rec);    /* NULL: not a REC */
uint8_t *mock_page_find_(const struct rlm_mock *m, uint64_t pa);
uint8_t *mock_page_get_(struct rlm_mock *m, uint64_t pa); /* writable: unshares */
/* Store content c for granule pa, sharing the last stored page when equal. */
void mock_page_store_(struct rlm_mock *m, uint64_t pa, const uint8_t *c);
void mock_page_drop_(struct rlm_mock *m, uint64_t pa);
const uint8_t *mock_ns_read_(struct rlm_mock *m, uint64_t pa); /* NS granule content */
uint32_t mock_rtt_alloc_(struct rlm_mock *m, uint64_t pa, int level, uint32_t realm);
void mock_rtt_free_(struct rlm_mock *m, uint32_t i);
uint32_t mock_realm_alloc_(struct rlm_mock *m);	/* MOCK_NONE: arena full */
void mock_realm_free_(struct rlm_mock *m, uint32_t i);
uint32_t mock_rec_alloc_(struct rlm_mock *m);
void mock_rec_free_(struct rlm_mock *m, uint32_t i);
/* An RTT's entries changed in this call (for the changed-only check). */
static inline void mock_rtt_dirty_(struct rlm_mock *m, uint32_t i)
{
	uint32_t k;

	for (k = 0; k < m->ndirty_rtt; k++)
		if (m->dirty_rtt[k] == i)
			return;
	if (m->ndirty_rtt < MOCK_DIRTY_RTTS)
		m->dirty_rtt[m->ndirty_rtt++] = i;
	else
		m->dirty_lost = true;
}
void mock_gh_reset_(struct rlm_mock *m);	/* every granule back to G_NS */
uint32_t mock_pages_used_(const struct rlm_mock *m);
/* The granule hash for the checks: all slots, or one granule's slot (NULL
 * when untracked or G_NS). */
uint64_t *mock_gh_slots_(const struct rlm_mock *m, uint32_t *n);
uint64_t *mock_gh_entry_(const struct rlm_mock *m, uint64_t pa);
/* Mark NS-area content as written (reset zeroes only what was written). */
void mock_ns_touch_(struct rlm_mock *m, uint64_t pa, size_t len);

/* ---- geometry (inline: every part uses it) ------------------------------ */

static inline unsigned int mock_lvl_lsb_(int level)
{
	return (unsigned int)((3 - level) * 9 + 12);
}

static inline uint64_t mock_map_size_(int level)
{
	return UINT64_C(1) << mock_lvl_lsb_(level);
}

/* TF-RMM s2tte_is_addr_lvl_aligned: no bits outside [oa-1 : lsb]. */
static inline bool mock_lvl_aligned_(uint64_t addr, int level, bool lpa2)
{
	unsigned int oa = lpa2 ? 52 : 48;
	uint64_t mask = RLM_GENMASK(oa - 1, mock_lvl_lsb_(level));

	return addr == (addr & mask);
}

static inline uint64_t mock_ipa_size_(const struct mock_realm *r)
{
	return UINT64_C(1) << r->s2sz;
}

static inline bool mock_in_par_(const struct mock_realm *r, uint64_t addr)
{
	return addr < (mock_ipa_size_(r) >> 1);
}

static inline bool mock_valid_map_addr_(const struct mock_realm *r, uint64_t addr, int level)
{
	return addr < mock_ipa_size_(r) && mock_lvl_aligned_(addr, level, r->lpa2);
}

static inline unsigned int mock_addr_idx_(uint64_t addr, int level)
{
	unsigned int stride = level < 0 ? 4 : 9;

	return (unsigned int)((addr >> mock_lvl_lsb_(level)) & ((UINT64_C(1) << stride) - 1));
}

/* Host NS descriptor <-> output address (LPA2 keeps OA[51:50] in [9:8]). */
static inline uint64_t mock_ns_lvl_mask_(int level, bool lpa2)
{
	uint64_t mask = RLM_GENMASK(47, mock_lvl_lsb_(level));

	if (lpa2)
		mask |= RLM_GENMASK(9, 8) | RLM_GENMASK(49, 48);
	return mask;
}

#define MOCK_NS_ATTR_MASK (RLM_GENMASK(4, 2) | RLM_GENMASK(7, 6))
#define MOCK_NS_MEMATTR_MASK RLM_GENMASK(4, 2)
#define MOCK_NS_MEMATTR_FWB_RESERVED (UINT64_C(1) << 4)

static inline uint64_t mock_ns_desc_pa_(uint64_t desc, int level, bool lpa2)
{
	uint64_t pa = desc & mock_ns_lvl_mask_(level, lpa2);

	if (lpa2) {
		pa &= ~RLM_GENMASK(9, 8);
		pa |= ((desc >> 8) & 3) << 50;
	}
	return pa;
}

static inline uint64_t mock_ns_pa_desc_(uint64_t pa, bool lpa2)
{
	uint64_t d = pa;

	if (lpa2) {
		d &= ~RLM_GENMASK(51, 50);
		d |= ((pa >> 50) & 3) << 8;
	}
	return d;
}

static inline uint64_t mock_rtt_err_(int level)
{
	return RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, (uint8_t)(int8_t)level);
}


/* ---- stage 2 walk (mock-store.c) ---------------------------------------- */
struct mock_walk {
	uint32_t rtt;
	int level;
	unsigned int idx;
};
void mock_walk_(const struct rlm_mock *m, const struct mock_realm *r,
		uint64_t ipa, int level, struct mock_walk *w);
/* TF-RMM s2tt_skip_non_live_entries */
uint64_t mock_skip_non_live_(const struct rlm_mock *m, uint64_t addr,
			     const struct mock_walk *w);

/* ---- RIPAS (mock-rtt.c) -------------------------------------------------- */
int mock_set_ripas_(struct rlm_mock *m, struct mock_realm *r, struct mock_rec *rec,
		    uint64_t base, uint64_t top, uint64_t *out);

/*
 * ---- the RMI handlers ---------------------------------------------------
 * One per row of RLM_RMI_COMMANDS (realm/abi.h), all of one signature: the
 * arguments in x->x[1..], the answer written back into x (status in X0).
 * mock.c dispatches on the FID; a row without its handler fails to link.
 *   mock.c        version, features
 *   mock-store.c  granule_delegate, granule_undelegate
 *   mock-rd.c     realm_*, rec_create, rec_destroy, rec_aux_count
 *   mock-rtt.c    rtt_*
 *   mock-data.c   data_*
 *   mock-realm.c  rec_enter, psci_complete
 */
typedef void mock_rmi_fn_(struct rlm_mock *m, struct rlm_smc_regs *x);
#define MOCK_RMI_DECLARE_(name, verb, in, out) mock_rmi_fn_ mock_rmi_##verb##_;
RLM_RMI_COMMANDS(MOCK_RMI_DECLARE_)
#undef MOCK_RMI_DECLARE_

/* ---- the 2.0 personality (mock2.c) ---------------------------------------
 * cfg.abi == RLM_RMI_V2_0: rlm_mock_rmi() dispatches here instead. */
void mock2_dispatch_(struct rlm_mock *m, struct rlm_smc_regs *x);
/* REC_ENTER with the 2.0 RmiRecEnter / RmiRecExit (mock-realm.c) */
void mock_rec_enter2_(struct rlm_mock *m, uint64_t rec, uint64_t run, struct rlm_smc_regs *x);
/* A REC object's removal (mock-rd.c): hash, token owner, RD reference. */
void mock_rec_remove_(struct rlm_mock *m, struct mock_rec *c);
uint64_t mock_g_delegate_(struct rlm_mock *m, uint64_t addr);
uint64_t mock_g_undelegate_(struct rlm_mock *m, uint64_t addr);
/* mock-data.c: DATA measurement and content (shared with RTT_DATA_MAP_INIT) */
void mock_rim_extend_data_(struct rlm_mock *m, struct mock_realm *r, uint64_t ipa,
			   uint64_t flags, uint64_t src);
void mock_store_content_(struct rlm_mock *m, uint64_t data, uint64_t src);

/* ---- realm side (mock-realm.c) ----------------------------------------- */
int mock_psci_complete_(struct rlm_mock *m, uint64_t calling, uint64_t target,
			uint64_t status);

/* ---- invariants (mock-check.c) ---------------------------------------- */
void mock_after_call_(struct rlm_mock *m, struct rlm_smc_regs *regs);

#endif /* RLM_MOCK_INT_H */
