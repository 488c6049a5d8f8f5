/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Deliberately wrong (tests/abi/check_tiers.py): a library of tier TIER
 * that calls a function of the tier above it.  Linked with -z defs against
 * only the tiers below, it must fail to link.  With -DRLM_TIER_OK it calls
 * only its own tier's API and must link (the control).
 */
#include <realm/testing.h>

int rlm_tier_probe(void);

int rlm_tier_probe(void)
{
#if defined(RLM_TIER_OK)
	return rlm_hash_size(RLM_HASH_SHA256) == 32 ? 0 : 1;
#elif RLM_TIER_CORE
	/* core -> realm: the OpenSSL provider is userspace */
	return rlm_hash_openssl_provider() != NULL;
#else
	/* realm -> testing: the mock RMM */
	struct rlm_mock *m = NULL;

	return rlm_mock_new(NULL, &m);
#endif
}
