/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm shim module's user interface (shared by shim-kmod/ and
 * userspace: lib/conduit/shim.c, realmctl guest, the QEMU test).
 *
 * /dev/realm-shim ioctls.  Every structure has fixed-width fields and
 * explicit padding; reserved fields must be zero (-EINVAL otherwise);
 * pointers are user addresses in __u64.  Errors: -EINVAL bad sizes,
 * indices or reserved bits; -EFAULT bad pointers; -ENOSPC a user buffer
 * too small (the needed size is written back); -EPERM extend without
 * CAP_SYS_ADMIN; -EIO the RMM answered an error status (rsi_status says
 * which); -ENOTTY unknown command.
 *
 * sysfs: /sys/devices/virtual/misc/realm-shim/measurements/ holds
 * rim:<hash> and rem0:<hash>..rem3:<hash> (hex digest; writing exactly one
 * raw digest to a REM extends it, root only) and `log`, the TCG2 event log
 * of every extend made through the module (binary).
 * /sys/devices/virtual/misc/realm-shim/platform_key: with the mock backend,
 * the mock platform's attestation public key (uncompressed EC point, hex;
 * P-384), which verifies the tokens RLM_SHIM_IOC_TOKEN returns; -ENODEV
 * with a real RMM (its key comes from the platform's verifier).
 */
#define RLM_SHIM_PLATFORM_KEY_SYSFS "/sys/devices/virtual/misc/realm-shim/platform_key"
#ifndef RLM_SHIM_UAPI_H
#define RLM_SHIM_UAPI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_SHIM_DEVICE "/dev/realm-shim"
#define RLM_SHIM_SYSFS "/sys/devices/virtual/misc/realm-shim/measurements"
#define RLM_SHIM_IOC_MAGIC 0xCA

/* Largest event description an extend takes, and the log's capacity. */
#define RLM_SHIM_EVENT_MAX 4096
#define RLM_SHIM_LOG_MAX (64 * 1024)
#define RLM_SHIM_TOKEN_MAX (64 * 1024)

struct rlm_shim_version {
	__u64 lower;          /* out: RSI_VERSION(1.0) lower revision */
	__u64 higher;         /* out: higher revision */
	__u64 features0;      /* out: RSI_FEATURES(0) */
	__u32 backend;        /* out: RLM_SHIM_BACKEND_* */
	__u32 reserved;
};
#define RLM_SHIM_BACKEND_SMC 1   /* real RSI calls (arm64 realm) */
#define RLM_SHIM_BACKEND_MOCK 2  /* the library's model inside the kernel */

struct rlm_shim_config {
	__u64 ipa_bits;       /* out */
	__u32 hash_algo;      /* out: 0 SHA-256, 1 SHA-512 (RSI encoding) */
	__u32 hash_size;      /* out: digest bytes */
	__u8 rpv[64];         /* out */
};

struct rlm_shim_measurement {
	__u32 index;          /* in: 0 RIM, 1..4 REM0..3 */
	__u32 hash_size;      /* out */
	__u8 value[64];       /* out: zero past hash_size */
};

struct rlm_shim_extend {
	__u32 index;          /* in: 1..4 */
	__u32 event_type;     /* in: TCG event type recorded in the log */
	__u64 event;          /* in: user pointer to the event description */
	__u32 event_len;      /* in: 0..RLM_SHIM_EVENT_MAX */
	__u32 flags;          /* in: RLM_SHIM_EXTEND_* */
	__u8 digest[64];      /* in (DIGEST flag) or out: what extended the REM */
};
/*
 * The caller gives the digest (hash-size bytes in digest[]) instead of
 * having the module hash the event: a raw RSI extend of one digest, as
 * Linux's REM files take.  The event, if any, is logged as given.
 */
#define RLM_SHIM_EXTEND_DIGEST 0x1u

struct rlm_shim_token {
	__u8 challenge[64];   /* in */
	__u32 challenge_len;  /* in: 32..64 */
	__u32 reserved;       /* in: 0 */
	__u64 buf;            /* in: user pointer */
	__u64 len;            /* in: capacity; out: token length (or needed) */
};

struct rlm_shim_ipa_state {
	__u64 base;           /* in: 4 KiB aligned */
	__u64 end;            /* in: 4 KiB aligned, > base, protected half */
	__u64 top;            /* out: [base, top) has ripas */
	__u32 ripas;          /* out: RSI RIPAS value */
	__u32 reserved;       /* in: 0 */
};

struct rlm_shim_log {
	__u64 buf;            /* in: user pointer */
	__u64 len;            /* in: capacity; out: log length (or needed) */
	__u64 count;          /* out: events in the log */
};

#define RLM_SHIM_IOC_VERSION _IOR(RLM_SHIM_IOC_MAGIC, 0x00, struct rlm_shim_version)
#define RLM_SHIM_IOC_CONFIG _IOR(RLM_SHIM_IOC_MAGIC, 0x01, struct rlm_shim_config)
#define RLM_SHIM_IOC_MEAS_READ _IOWR(RLM_SHIM_IOC_MAGIC, 0x02, struct rlm_shim_measurement)
#define RLM_SHIM_IOC_MEAS_EXTEND _IOWR(RLM_SHIM_IOC_MAGIC, 0x03, struct rlm_shim_extend)
#define RLM_SHIM_IOC_TOKEN _IOWR(RLM_SHIM_IOC_MAGIC, 0x04, struct rlm_shim_token)
#define RLM_SHIM_IOC_IPA_STATE_GET _IOWR(RLM_SHIM_IOC_MAGIC, 0x05, struct rlm_shim_ipa_state)
#define RLM_SHIM_IOC_LOG_READ _IOWR(RLM_SHIM_IOC_MAGIC, 0x06, struct rlm_shim_log)

#ifdef __cplusplus
}
#endif

#endif /* RLM_SHIM_UAPI_H */
