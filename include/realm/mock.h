/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM: an executable model of the RMM 1.0 specification that
 * answers every RMI command (and the RSI commands of the realms it runs)
 * like the reference RMM, TF-RMM rmm-spec-v1.0-rel0, failures included and
 * in the same order of checks.
 *
 * It is part of the test tier (librealm-testing, <realm/testing.h>) and
 * portable: no allocation (the caller provides one block of memory, sized
 * by rlm_mock_size()), no libc beyond env.h, so it also runs inside the
 * shim kernel module (built with kmod_mock).  It keeps metadata, not realm
 * memory: only content it must hand back (NS pages the host gave it, realm
 * pages RSI calls write or read) is stored.
 *
 * Physical address space: [pool_base, pool_base + pool_granules * 4K) is
 * memory the host may delegate; [ns_base, ns_base + ns_granules * 4K) is
 * ordinary host memory whose content the mock models (parameter pages,
 * DATA_CREATE sources, REC run pages).  Any other address below 2^pa_bits
 * is host memory the RMM does not track.
 */
#ifndef RLM_MOCK_H
#define RLM_MOCK_H

#include <realm/env.h>
#include <realm/conduit.h>
#include <realm/hash.h>
#include <realm/abi2.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rlm_mock; /* opaque */

struct rlm_mock_config {
	uint64_t feat_reg0;        /* RMI_FEATURES(0) */
	uint64_t pool_base;        /* 2 MiB aligned */
	uint64_t pool_granules;
	uint64_t ns_base;          /* 2 MiB aligned; must not overlap the pool */
	uint64_t ns_granules;
	unsigned int pa_bits;      /* physical address width (48) */
	unsigned int vmid_bits;    /* 8 or 16 */
	unsigned int rec_aux_count;/* REC_AUX_COUNT answer (16) */
	bool feat_hpmn0;           /* FEAT_HPMN0: pmu with 0 counters allowed */
	uint32_t max_realms;       /* capacity: realm descriptors */
	uint32_t max_recs;         /* capacity: RECs */
	uint32_t max_rtts;         /* capacity: RTT granules */
	uint32_t max_pages;        /* capacity: realm pages with stored content */
	uint32_t rsi_queue_len;    /* capacity: queued RSI calls per REC (pooled) */
	/*
	 * VMID reuse: the reference RMM's host build (fake_host, what traces
	 * are compared with) only notices a VMID in use when vmid % 64 < 16
	 * (its atomic bit-set keeps 16 bits of the old word).  false (the
	 * default) answers like it; true refuses every VMID in use, like
	 * TF-RMM on hardware.
	 */
	bool vmid_strict;
	/*
	 * Capacity: granules outside UNDELEGATED at once (delegated, RD,
	 * REC, RTT, DATA...).  0 (the default) = the pool and NS area,
	 * capped at 2^21 (8 GiB).  Granule states are a sparse hash of 16 bytes per
	 * granule of this capacity, written only where granules are used.
	 */
	uint32_t max_granules;
	/*
	 * The RMI generation the mock answers as: RLM_RMI_V1_0 (0, the
	 * default) or RLM_RMI_V2_0 (TF-RMM main's personality, docs/rmi2.md).
	 */
	enum rlm_rmi_abi abi;
};

/*
 * The platform the trace runner models by default (rmi-trace.md): feature
 * register 0x283fc104130, PA width 48, 8-bit VMIDs, REC_AUX_COUNT 16, no
 * FEAT_HPMN0, a 16384-granule pool and a 1024-granule NS area.
 */
void rlm_mock_config_default(struct rlm_mock_config *cfg);

/* Bytes of memory rlm_mock_init() needs for cfg (0 if cfg is invalid). */
size_t rlm_mock_size(const struct rlm_mock_config *cfg);

/*
 * Build a mock in mem (len >= rlm_mock_size(cfg), 16-byte aligned).
 * The mock lives entirely inside mem; there is nothing to free.
 */
int rlm_mock_init(struct rlm_mock **mock, void *mem, size_t len,
		  const struct rlm_mock_config *cfg);

/*
 * rlm_mock_init() for a block known to be all zero (calloc, fresh mmap):
 * nothing is written but the mock's header, so the block costs memory
 * only where granules, RTTs and pages are used (a 1 TiB pool costs under
 * 1 MiB until granules are delegated).
 */
int rlm_mock_init_zeroed(struct rlm_mock **mock, void *mem, size_t len,
			 const struct rlm_mock_config *cfg);

/*
 * Back to the state rlm_mock_init() left, in time proportional to what
 * was used since (granules delegated, objects, pages, NS pages written).
 * Kept: the configuration and features, the attestation provider, the
 * violation handler, the log buffer (its count restarts), full checks.
 */
int rlm_mock_reset(struct rlm_mock *m);

/* Memory the mock uses (rlm_mock_mem_stats). */
struct rlm_mock_mem_stats {
	size_t block_bytes;        /* rlm_mock_size(): reserved, mostly untouched */
	size_t used_bytes;         /* state in use now: header, granule entries,
				      RTTs, realms, RECs, stored pages */
	uint64_t granules;         /* granules not UNDELEGATED */
	uint64_t data_granules;    /* of which DATA */
	uint64_t rtts;             /* RTT granules */
	uint64_t pages;            /* granule contents stored */
	size_t per_delegated;      /* bytes per delegated granule (hash slot share) */
	size_t per_data;           /* bytes per mapped DATA granule: its slot, its
				      share of an RTT, no content unless stored */
};
int rlm_mock_mem_stats(const struct rlm_mock *m, struct rlm_mock_mem_stats *st);

/* Change FEATURES(0) (e.g. realmctl --features) before any realm exists. */
int rlm_mock_set_features(struct rlm_mock *m, uint64_t feat_reg0);

/* The RMI conduit of this mock (the host's view: FIDs 0xC4000150..). */
void rlm_mock_conduit(struct rlm_mock *m, struct rlm_conduit *c);

/* Make one RMI call (what the conduit does). */
void rlm_mock_rmi(struct rlm_mock *m, struct rlm_smc_regs *regs);

/* Host memory the mock models: a pointer to [pa, pa + len) if it lies
 * inside the NS area (or is an undelegated pool granule), else NULL. */
void *rlm_mock_ns_ptr(struct rlm_mock *m, uint64_t pa, size_t len);

/*
 * Introspection: measurement index (0 RIM, 1..4 REMs) of the realm whose
 * RD is at rd.  Writes 64 bytes (zero past the hash size) and the hash
 * size.  RLM_EINVAL if rd is not a realm descriptor.
 */
int rlm_mock_measurement(struct rlm_mock *m, uint64_t rd, unsigned int index,
			 uint8_t out[64], size_t *hash_size);

/* ---- The realm side ---------------------------------------------------- */

/*
 * Queue an RSI (or PSCI) call that the realm running on REC rec will make
 * when it is next entered: regs->x[0] is the FID, x[1..] the arguments.
 * Queued calls run in order on REC_ENTER; each completes inside the realm
 * when the RMM can answer it alone; the REC exits to the host at the first
 * call that needs the host, or with exit reason IRQ when the queue is empty.
 * Buffers in realm memory (REALM_CONFIG, HOST_CALL, TOKEN_CONTINUE) are
 * addressed by IPA and read/written with rlm_mock_realm_mem().
 * Calls are keyed by the REC's address, as the reference harness keys
 * them: they may be queued before the REC exists, and calls left when a
 * REC is destroyed wait for the next REC created at that address.
 * The queue is shared: max_recs * rsi_queue_len calls in all (RLM_ENOMEM
 * beyond); RLM_EALIGN for an unaligned address.
 */
int rlm_mock_realm_queue(struct rlm_mock *m, uint64_t rec,
			 const struct rlm_smc_regs *call);

/*
 * Pseudo calls a queued realm can make besides RSI/PSCI SMCs (x[0] of a
 * queued call): a WFI or WFE instruction trapped to the host (REC exit
 * SYNC with the ESR of a WFx trap, EC 0x01, TI = 1 for WFE).  These values
 * are not SMC function IDs.
 */
#define RLM_MOCK_REALM_WFI UINT64_C(0xffff0000f1f10001)
#define RLM_MOCK_REALM_WFE UINT64_C(0xffff0000f1f10002)

/* The result registers of the last RSI call REC rec completed. */
int rlm_mock_realm_last_result(struct rlm_mock *m, uint64_t rec,
			       struct rlm_smc_regs *result);

/*
 * Alternative to the queue: a callback the mock invokes on REC_ENTER to
 * get the realm's next call.  Return 1 with regs filled to make a call,
 * 0 to exit with IRQ.  prev holds the previous call's results (NULL first).
 */
typedef int (*rlm_mock_realm_fn)(void *arg, uint64_t rec,
				 const struct rlm_smc_regs *prev,
				 struct rlm_smc_regs *next);
int rlm_mock_realm_callback(struct rlm_mock *m, uint64_t rec,
			    rlm_mock_realm_fn fn, void *arg);

/* Realm memory at IPA [ipa, ipa + len) of realm rd (must be RIPAS RAM,
 * backed by a DATA granule, and inside one granule), or NULL. */
void *rlm_mock_realm_mem(struct rlm_mock *m, uint64_t rd, uint64_t ipa,
			 size_t len);

/*
 * An RSI conduit for code that plays the realm on REC rec (a guest agent
 * test, the shim's in-kernel mock): each call completes at once; calls that
 * need the host are completed by a built-in host that accepts RIPAS
 * changes and answers host calls unchanged.
 */
int rlm_mock_rsi_conduit(struct rlm_mock *m, uint64_t rec,
			 struct rlm_conduit *c);

/* ---- Attestation ------------------------------------------------------- */

struct rlm_mock_claims {
	uint64_t rd;                       /* which realm (key per realm) */
	enum rlm_hash_algo hash_algo;
	uint8_t challenge[64];
	uint8_t rpv[64];
	uint8_t rim[64];
	uint8_t rem[4][64];
};

/*
 * Token builder used by RSI_ATTESTATION_TOKEN_INIT/CONTINUE: the portable
 * provider below (rlm_mock_attest_portable_init) or the caller's own;
 * without one, token calls return RSI_ERROR_STATE.  The trace runner and
 * tests install one.
 */
struct rlm_mock_attest {
	int (*token)(void *ctx, const struct rlm_mock_claims *claims,
		     uint8_t *out, size_t cap, size_t *len);
	void *ctx;
};
void rlm_mock_set_attest(struct rlm_mock *m, const struct rlm_mock_attest *a);

/* ---- Attestation tokens: the collection builder ------------------------ */

/*
 * What the mock's token builders share (lib/mock/mock-attest.c):
 * the claims, their encoding and the tag-907 collection are built here,
 * directly into the caller's buffer (no allocation); the two signatures
 * come from sign(), given the SHA-256 (ES256) or SHA-384 (ES384) digest
 * of each COSE Sig_structure.  platform: true for the platform token.
 * sign writes r || s (2 * 32 or 2 * 48 bytes) and returns 0 or RLM_E*.
 */
struct rlm_mock_token_keys {
	int platform_bits;                  /* 256 or 384 */
	const uint8_t *rak_point;           /* 97 bytes, 0x04 || X || Y (P-384) */
	const uint8_t *instance_id;         /* 33 bytes */
	const uint8_t *implementation_id;   /* 32 bytes */
	int (*sign)(void *ctx, bool platform, const uint8_t *digest,
		    size_t digest_len, uint8_t *rs, size_t rs_len);
	void *ctx;
};

/* The collection for claims into out: 0 and *len, RLM_ENOSPC with *len
 * the size needed (out may be NULL to measure), RLM_EINVAL for a bad
 * hash algorithm or key description, or what sign() returned. */
int rlm_mock_token_build(const struct rlm_mock_token_keys *k,
			 const struct rlm_mock_claims *claims,
			 uint8_t *out, size_t cap, size_t *len);

/*
 * The portable attestation provider (portable, no OpenSSL: the kernel module
 * uses it): the platform key and each realm's RAK are derived from seed
 * material (rlm_ecdsa_key_from_seed of "platform" || seed and of
 * "rak" || seed || rd as 8 big-endian bytes), and tokens are signed with
 * the portable ECDSA signer (realm/ecdsa.h: deterministic, NOT constant
 * time: a mock).  The struct is self-contained; no cleanup needed beyond
 * wiping it.
 */
#define RLM_MOCK_ATTEST_SEED_MAX 64

struct rlm_mock_attest_portable_config {
	int platform_curve;               /* 256 or 384 (ES256 / ES384); 0 = 384 */
	const uint8_t *seed;              /* key material, or NULL = a fixed default */
	size_t seed_len;                  /* <= RLM_MOCK_ATTEST_SEED_MAX */
	const uint8_t *instance_id;       /* 33 bytes, or NULL = 0x01 || SHA-256(point) */
	const uint8_t *implementation_id; /* 32 bytes, or NULL = a fixed default */
};

struct rlm_mock_attest_portable {
	int platform_bits;
	uint8_t platform_priv[48];
	uint8_t platform_point[97];
	size_t platform_point_len;
	uint8_t seed[RLM_MOCK_ATTEST_SEED_MAX];
	size_t seed_len;
	uint8_t instance_id[33];
	uint8_t implementation_id[32];
};

/* Set a up from cfg (NULL: all defaults) and, if prov is not NULL, fill
 * the provider to pass to rlm_mock_set_attest() (valid while a lives). */
int rlm_mock_attest_portable_init(struct rlm_mock_attest_portable *a,
				  const struct rlm_mock_attest_portable_config *cfg,
				  struct rlm_mock_attest *prov);
/* Build a token for claims (what the provider does). */
int rlm_mock_attest_portable_token(const struct rlm_mock_attest_portable *a,
				   const struct rlm_mock_claims *claims,
				   uint8_t *out, size_t cap, size_t *len);
/* The platform public key, uncompressed (65 or 97 bytes); RLM_ENOSPC
 * with *len = size needed. */
int rlm_mock_attest_portable_platform_point(const struct rlm_mock_attest_portable *a,
					    uint8_t *out, size_t cap, size_t *len);
/* A realm's RAK public point (97 bytes), as its tokens carry it. */
int rlm_mock_attest_portable_rak_point(const struct rlm_mock_attest_portable *a,
				       uint64_t rd, uint8_t *out, size_t cap,
				       size_t *len);

/* ---- For users' tests --------------------------------------------------- */

/*
 * Fault injection: the nth call (1-based, counted from now) of fid returns
 * ret (the raw X0) without executing.  Several may be armed at once.
 */
int rlm_mock_inject(struct rlm_mock *m, uint64_t fid, unsigned int nth,
		    uint64_t ret);
void rlm_mock_inject_clear(struct rlm_mock *m);

struct rlm_mock_log_entry {
	struct rlm_smc_regs in;   /* x0 = FID, arguments */
	struct rlm_smc_regs out;  /* results */
};
/* Record every RMI call into buf (ring of cap entries); NULL stops. */
void rlm_mock_set_log(struct rlm_mock *m, struct rlm_mock_log_entry *buf,
		      size_t cap);
/* Total calls recorded since set_log (may exceed cap: the ring wrapped). */
size_t rlm_mock_log_count(const struct rlm_mock *m);
/* Number of RMI calls handled since init. */
uint64_t rlm_mock_calls(const struct rlm_mock *m);

/*
 * Invariants: every granule in exactly one state, reference counts equal
 * to what refers to them, nothing reachable from a destroyed realm, RTT
 * entries consistent with granule states.  0 when all hold; otherwise
 * RLM_ESTATE and a description in why (if given).
 */
int rlm_mock_check(const struct rlm_mock *m, char *why, size_t why_len);

/*
 * What the last RMI call could have broken, checked in time proportional
 * to what it changed: the RTTs it wrote (entries, reference count, the
 * granules they map, child tables), every realm and REC (states of their
 * granules, RD reference counts, VMIDs) and the per-state granule counts
 * against their owners.  Ownership claimed twice and reachability need
 * the full walk (rlm_mock_check), which this runs instead when full
 * checks are set or the call changed more than it tracks.  0 or
 * RLM_ESTATE with why, as rlm_mock_check.
 */
int rlm_mock_check_changed(const struct rlm_mock *m, char *why, size_t why_len);

/* Invariant builds check after every command with rlm_mock_check_changed;
 * full = true makes them (and rlm_mock_check_changed) walk everything. */
void rlm_mock_set_full_checks(struct rlm_mock *m, bool full);

/* Number of granules in the pool that are not UNDELEGATED. */
uint64_t rlm_mock_delegated_count(const struct rlm_mock *m);

/*
 * Invariant checking after every command (builds with the meson option
 * mock_invariants, config macro RLM_MOCK_CHECK_INVARIANTS): a violation is
 * sticky (rlm_mock_violated), calls the handler if one is set (with the
 * description rlm_mock_check gives; rlm_mock_new installs one that prints
 * it and aborts), and replaces the command's X0 with this value so no
 * caller can miss it.
 */
#define RLM_MOCK_X0_INVARIANT_VIOLATION UINT64_C(0x0badc0de0badc0de)
void rlm_mock_set_violation_handler(struct rlm_mock *m,
				    void (*fn)(void *arg, const char *why),
				    void *arg);
bool rlm_mock_violated(const struct rlm_mock *m);

/* ---- Userspace convenience (not in the kernel build) -------------------- */

/* Allocate and init; rlm_mock_free() releases.  NULL cfg: the default. */
int rlm_mock_new(const struct rlm_mock_config *cfg, struct rlm_mock **mock);
void rlm_mock_free(struct rlm_mock *m);

#ifdef __cplusplus
}
#endif

#endif /* RLM_MOCK_H */
