// SPDX-License-Identifier: BSD-3-Clause
// A C++ program that includes <realm/realm.h>, built against the public
// dependency and linked: every declaration has C linkage (extern "C"), so
// the calls below resolve to the library's symbols.
#include <realm/realm.h>

static_assert(RLM_SMC_RMI_DATA_CREATE == 0xC4000153, "DATA_CREATE");

static int calls;

static int count_call(void *, struct rlm_smc_regs *regs)
{
	calls++;
	regs->x[0] = RLM_RMI_SUCCESS;
	return 0;
}

int main()
{
	static const struct rlm_conduit_ops ops = { "c++", count_call, nullptr };
	struct rlm_conduit c = { &ops, nullptr };
	struct rlm_rmi_result res;
	uint8_t digest[RLM_HASH_MAX_SIZE];

	if (rlm_rmi_granule_delegate(&c, 0x1001, &res) != RLM_EALIGN || calls != 0)
		return 1;
	if (rlm_rmi_granule_delegate(&c, 0x1000, &res) != 0 || calls != 1)
		return 2;
	if (rlm_hash_digest(RLM_HASH_SHA256, "abc", 3, digest) != 0)
		return 3;
	// SHA-256("abc") begins ba 78 16 bf (FIPS 180-4, example B.1).
	if (digest[0] != 0xba || digest[1] != 0x78 || digest[3] != 0xbf)
		return 4;
	return rlm_strerror(RLM_ENOTSUP) != nullptr ? 0 : 5;
}
