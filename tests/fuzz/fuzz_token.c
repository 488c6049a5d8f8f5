/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz the strict CBOR decoder and the CCA token decoder: any input is
 * accepted or refused with an RLM_E* code, never read past; anything the
 * strict decoder accepts can be walked item by item to its end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <realm/realm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rlm_token t;
	struct rlm_cbor c;
	int ret;

	if (rlm_cbor_decode(&c, data, size, NULL) == 0) {
		if (rlm_cbor_skip(&c, NULL, NULL) || !rlm_cbor_at_end(&c))
			abort();
	}
	ret = rlm_token_decode(data, size, &t);
	if (ret > 0 || (ret && !t.err_where))
		abort();
	if (ret == 0) {
		ret = rlm_token_check_binding(&t);
		if (ret && ret != RLM_EVERIFY && ret != RLM_ENOTSUP)
			abort();
	}
	ret = rlm_token_decode_any(data, size, &t); /* bare platform tokens too */
	if (ret > 0 || (ret && !t.err_where))
		abort();
	(void)rlm_token_decode_realm_claims(data, size, &t);
	(void)rlm_token_decode_platform_claims(data, size, &t);
	return 0;
}
