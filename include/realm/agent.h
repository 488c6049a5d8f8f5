/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest agent API (userspace, Linux): what a workload inside a realm
 * needs (an attestation token, the measurement registers, extends that are
 * always logged, the firmware's CC event log, the boot secrets) over
 * whichever interface the running kernel offers.  One API, three backends,
 * detected at run time in this order, each selectable:
 *
 *  RLM_AGENT_KERNEL  the kernel's own interfaces:
 *     tokens   configfs-tsm reports: mkdir /sys/kernel/config/tsm/report/
 *              $name, write the challenge to inblob, read outblob, check
 *              provider ("arm_cca_guest") and that generation counted
 *              exactly our write (torvalds/linux Documentation/ABI/testing/
 *              configfs-tsm-report), rmdir;
 *     MRs      /sys/devices/virtual/misc/arm_cca_guest/measurements/
 *              rim:<hash>, rem0:<hash>..rem3:<hash>: a read gives the raw
 *              digest, a write of exactly one digest at offset 0 extends
 *              (the TSM measurement-register framework, torvalds/linux
 *              Documentation/driver-api/coco/measurement-registers.rst, as
 *              "arm64/virt: Add Arm CCA measurement register support"
 *              wires it for CCA; EINVAL for any other write);
 *     REM log  the kernel keeps none, so the library keeps it: a file (one
 *              writer at a time: flock), TCG2 crypto-agile, the index field
 *              the CC MR index (1..4 = REM0..3), written before the REM
 *              file is, cut back if the extend fails;
 *  RLM_AGENT_SHIM    the realm-shim module (realm/shim-uapi.h), which logs
 *              extends itself;
 *  RLM_AGENT_RSI     direct RSI through a conduit the caller gives (the SMC
 *              conduit where the code may issue SMCs, the library's mock
 *              realm in tests); the log is kept in memory.
 *
 * Whatever the backend, the firmware's CC event log is the ACPI CCEL
 * table's log area (/sys/firmware/acpi/tables/data/CCEL) and the boot
 * secrets are the efi_secret files /sys/kernel/security/secrets/coco/<guid>
 * (torvalds/linux drivers/virt/coco/efi_secret: reading gives the data,
 * unlink wipes it); both are read from the same root.
 *
 * Every path is under opts.root (NULL: "/"), so tests point the library
 * at fake trees.  Errors: every function returns 0 or a negative RLM_E*
 * code, and rlm_agent_error() says which backend and which file failed.
 */
#ifndef RLM_AGENT_H
#define RLM_AGENT_H

#include <realm/env.h>
#include <realm/conduit.h>
#include <realm/hash.h>
#include <realm/secret.h>


enum rlm_agent_backend {
	RLM_AGENT_AUTO = 0,
	RLM_AGENT_KERNEL = 1,
	RLM_AGENT_SHIM = 2,
	RLM_AGENT_RSI = 3,
};

/* The kernel's paths, relative to the root. */
#define RLM_AGENT_TSM_REPORT "sys/kernel/config/tsm/report"
#define RLM_AGENT_MEASUREMENTS "sys/devices/virtual/misc/arm_cca_guest/measurements"
#define RLM_AGENT_CCEL "sys/firmware/acpi/tables/data/CCEL"
#define RLM_AGENT_SECRETS "sys/kernel/security/secrets/coco"
#define RLM_AGENT_REM_LOG "run/librealm/rem-log"
/* The configfs-tsm provider name of the CCA guest driver. */
#define RLM_AGENT_TSM_PROVIDER "arm_cca_guest"

/*
 * File access of the kernel backend, replaceable (tests emulate configfs
 * and sysfs semantics on top of a fake tree with it).  Paths are full
 * (root included).  Each returns 0 or -errno.
 *  read:  the file's bytes from offset 0, up to cap; *len what was read;
 *         a file longer than cap gives -EFBIG;
 *  write: one write() of len bytes at offset 0 (the file exists; no
 *         create, no truncate, as sysfs and configfs attributes are);
 *  mkdir, rmdir, unlink as POSIX.
 */
struct rlm_agent_fs {
	int (*read)(void *ctx, const char *path, uint8_t *buf, size_t cap, size_t *len);
	int (*write)(void *ctx, const char *path, const uint8_t *buf, size_t len);
	int (*mkdir)(void *ctx, const char *path);
	int (*rmdir)(void *ctx, const char *path);
	int (*unlink)(void *ctx, const char *path);
	void *ctx;
};

/* The default: plain POSIX calls (a replacement may wrap it). */
extern const struct rlm_agent_fs rlm_agent_posix_fs;

struct rlm_agent_opts {
	enum rlm_agent_backend backend; /* AUTO: kernel, then shim, then RSI */
	const char *root;               /* NULL: "/" */
	const char *rem_log;            /* kernel: NULL = root/RLM_AGENT_REM_LOG */
	const char *shim_path;          /* shim: NULL = /dev/realm-shim */
	const struct rlm_conduit *conduit; /* RSI: NULL = no RSI backend */
	uint64_t buf_ipa;               /* RSI: the guest's granule (IPA, view) */
	void *buf;
	const struct rlm_agent_fs *fs;  /* kernel: NULL = POSIX */
	char *errmsg;                   /* may be NULL: why open failed */
	size_t errmsg_len;
};

struct rlm_agent; /* opaque */

/* Open the backend opts selects (AUTO: the first present).  RLM_ENOENT
 * when none is; RLM_ENOTSUP for a backend this build lacks. */
int rlm_agent_open(const struct rlm_agent_opts *opts, struct rlm_agent **out);
void rlm_agent_close(struct rlm_agent *a);

enum rlm_agent_backend rlm_agent_backend(const struct rlm_agent *a);
/* "kernel", "shim", "rsi" ("auto" for AUTO, "?" otherwise). */
const char *rlm_agent_backend_name(enum rlm_agent_backend b);
/* The last failure: "<backend>: <file or call>: <what>" ("" if none). */
const char *rlm_agent_error(const struct rlm_agent *a);

/* The realm's measurement algorithm. */
int rlm_agent_hash_algo(const struct rlm_agent *a, enum rlm_hash_algo *algo);

/* An attestation token (CCA token collection, CBOR) for a 32..64-byte
 * challenge.  RLM_ENOSPC with *len = the size needed. */
int rlm_agent_token(struct rlm_agent *a, const uint8_t *challenge, size_t clen,
		    uint8_t *out, size_t cap, size_t *len);

/* Read measurement index 0 (RIM) .. 4 (REM3): 64 bytes, zero past the
 * digest; *hash_size (may be NULL) the digest size. */
int rlm_agent_measurement_read(struct rlm_agent *a, unsigned int index,
			       uint8_t value[64], size_t *hash_size);

/*
 * Measure an event: digest = H(event) with the realm's hash, logged, then
 * REM index (1..4) extended with it.  Before it, the backend's log is
 * replayed against the REM: an extend the log lacks is RLM_EMISMATCH
 * (nothing done; rlm_agent_error() names the register).  digest_out (may
 * be NULL) receives 64 bytes.
 */
int rlm_agent_extend(struct rlm_agent *a, unsigned int index, uint32_t event_type,
		     const void *event, size_t len, uint8_t digest_out[64]);

/* The backend's REM log (TCG2).  RLM_ENOSPC with *len = size needed. */
int rlm_agent_log(struct rlm_agent *a, uint8_t *buf, size_t cap, size_t *len);

/* The index convention of the backend's REM log. */
#define RLM_AGENT_LOG_MR_INDEX 0 /* the CC MR index (1..4 = REM0..3) */
#define RLM_AGENT_LOG_PCR 1      /* a TPM PCR, mapped by the UEFI CC rule */
int rlm_agent_log_convention(const struct rlm_agent *a);

/*
 * Check the REMs against their logs: the firmware's CCEL (when there is
 * one) then the backend's REM log, replayed from zero.  0 when all four
 * match; RLM_EMISMATCH with *bad (may be NULL) = the first REM (0..3) that
 * differs: something extended it without logging.
 */
int rlm_agent_check_rems(struct rlm_agent *a, int *bad);

/* The firmware's CC event log (CCEL data, TCG2 with trailing padding).
 * RLM_ENOENT if the kernel exposes none. */
int rlm_agent_ccel(struct rlm_agent *a, uint8_t *buf, size_t cap, size_t *len);

/* The boot secrets present: up to max GUIDs, *n how many there are
 * (RLM_ENOENT without the securityfs directory). */
int rlm_agent_secrets(struct rlm_agent *a, struct rlm_guid *guids, size_t max,
		      size_t *n);
/* Read one secret and wipe it (unlink: the kernel zeroes it).  The data is
 * returned only when the wipe succeeded. */
int rlm_agent_secret_take(struct rlm_agent *a, const struct rlm_guid *g,
			  uint8_t *buf, size_t cap, size_t *len);


#endif /* RLM_AGENT_H */
