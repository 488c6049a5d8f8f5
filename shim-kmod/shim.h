/* SPDX-License-Identifier: BSD-3-Clause */
/* realm-shim module: backends (how RSI calls reach an RMM). */
#ifndef RLM_SHIM_H
#define RLM_SHIM_H

#include <realm/conduit.h>

/*
 * A backend gives the conduit RSI calls go through and one 4 KiB granule
 * of protected realm memory (its IPA and CPU view) for REALM_CONFIG and
 * the attestation token.
 */
struct shim_backend {
	struct rlm_conduit conduit;
	uint64_t buf_ipa;
	void *buf;
	unsigned int kind; /* RLM_SHIM_BACKEND_* */
	void *priv;
	/* The platform attestation key's public point (uncompressed) when the
	 * backend knows it (the in-kernel mock); length 0 otherwise. */
	const uint8_t *platform_key;
	size_t platform_key_len;
};

/* The library's mock RMM inside the kernel with a realm booted in it
 * (shim_mock.c, built only with SHIM_HAVE_MOCK: meson -Dkmod_mock=true). */
int shim_mock_start(struct shim_backend *b);
void shim_mock_stop(struct shim_backend *b);

/* Real RSI calls from an arm64 realm (shim_smc.c, arm64 only). */
int shim_smc_start(struct shim_backend *b);
void shim_smc_stop(struct shim_backend *b);

#endif /* RLM_SHIM_H */
