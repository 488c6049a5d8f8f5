/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The outcome of an RMI or RSI version handshake (rlm_rmi_handshake(),
 * rlm_rsi_handshake()) and its human-readable description.
 * Versions are encoded major << 16 | minor (1.0 = 0x10000).
 */
#ifndef RLM_VERSION_H
#define RLM_VERSION_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_VERSION_IFACE_RMI 0
#define RLM_VERSION_IFACE_RSI 1

struct rlm_version_info {
	unsigned int iface;  /* RLM_VERSION_IFACE_RMI / _RSI */
	uint64_t requested;  /* what librealm asked for: 1.0 */
	uint64_t lower;      /* X1: lower revision the RMM implements */
	uint64_t higher;     /* X2: higher revision the RMM implements */
	uint8_t status;      /* the RMM's status for VERSION */
	bool answered;       /* the RMM answered (lower/higher are valid) */
};

/*
 * A one-line description of a handshake, naming both sides, e.g.
 * "RMM implements RMI 2.0..2.0; librealm speaks 1.0" (a mismatch) or
 * "RMM implements RMI 1.0..1.0; librealm speaks 1.0 (compatible)", or
 * "no RMM answered RMI_VERSION; librealm speaks 1.0".
 * Always NUL-terminates when len > 0; RLM_ENOSPC if it had to truncate,
 * RLM_EINVAL for NULL pointers or len == 0.
 */
int rlm_version_describe(const struct rlm_version_info *info, char *buf,
			 size_t len);

#ifdef __cplusplus
}
#endif

#endif /* RLM_VERSION_H */
