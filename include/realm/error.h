/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * librealm error codes.  Every public function returns 0 on success or one
 * of these negative codes.  RMM statuses (RMI/RSI) are never folded into
 * them: they are returned raw in out-parameters, and the call returns
 * RLM_ERMI / RLM_ERSI so a caller can tell "the library refused" from
 * "the RMM said no".
 */
#ifndef RLM_ERROR_H
#define RLM_ERROR_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rlm_error {
	RLM_OK = 0,
	RLM_EINVAL = -1,      /* invalid argument (NULL pointer, bad flag...) */
	RLM_EALIGN = -2,      /* address not aligned as required */
	RLM_ERANGE = -3,      /* index or value out of range */
	RLM_E2BIG = -4,       /* size over the limit */
	RLM_ENOSPC = -5,      /* caller's buffer too small */
	RLM_ERMI = -6,        /* the RMM returned an RMI error status */
	RLM_ERSI = -7,        /* the RMM returned an RSI error status */
	RLM_EVERSION = -8,    /* RMM speaks an ABI version we do not */
	RLM_ECONDUIT = -9,    /* the conduit failed (unknown FID, transport) */
	RLM_ENOTSUP = -10,    /* not supported by this build or platform */
	RLM_ENOMEM = -11,     /* out of (caller-provided) capacity */
	RLM_EMALFORMED = -12, /* malformed input (parser) */
	RLM_ETRUNC = -13,     /* truncated input (parser) */
	RLM_EVERIFY = -14,    /* signature or binding verification failed */
	RLM_EMISMATCH = -15,  /* value differs from the expected one */
	RLM_ESTATE = -16,     /* object in the wrong state for the operation */
	RLM_ENOENT = -17,     /* not found */
	RLM_EIO = -18,        /* I/O error (userspace files, devices) */
	RLM_EPERM = -19,      /* refused (e.g. RIPAS change rejected by host) */
	RLM_EBUSY = -20,      /* resource busy */
	RLM_ECRYPTO = -21,    /* crypto provider failure */
	RLM_EEXIST = -22,     /* already exists */
	RLM_ERR_MIN_ = -23    /* one below the last code, for iteration */
};

/* A static, human-readable description of an RLM_E* code (never NULL). */
const char *rlm_strerror(int err);

/* The symbolic name of an RLM_E* code ("RLM_EINVAL"), or "RLM_E?" if unknown. */
const char *rlm_errname(int err);

#ifdef __cplusplus
}
#endif

#endif /* RLM_ERROR_H */
