/* SPDX-License-Identifier: BSD-3-Clause */
/* Reference values of a planned launch as JSON (see realm/measure.h). */

#include <realm/measure.h>
#include <realm/error.h>
#include <realm/hex.h>

struct out_ {
	char *p;
	size_t cap, len;
};

static void put_(struct out_ *o, const char *s)
{
	for (; *s; s++, o->len++)
		if (o->len + 1 < o->cap)
			o->p[o->len] = *s;
}

static void put_hex_(struct out_ *o, const uint8_t *v, size_t n)
{
	char c[2 * 32 + 1];
	size_t i, k;

	put_(o, "\"");
	for (i = 0; i < n; i += k) {
		k = n - i < 32 ? n - i : 32;
		rlm_hex_encode(v + i, k, c);
		put_(o, c);
	}
	put_(o, "\"");
}

int rlm_refvals_json(const struct rlm_realm_mrs *mrs, const uint8_t *rpv,
		     char *out, size_t cap, size_t *len)
{
	static const uint8_t zero[RLM_RPV_SIZE];
	struct out_ o = { out, cap, 0 };
	size_t hs;
	unsigned int i;

	if (!mrs || !out || !cap || !mrs->have_rim ||
	    (mrs->algo != RLM_HASH_SHA256 && mrs->algo != RLM_HASH_SHA512))
		return RLM_EINVAL;
	hs = rlm_hash_size(mrs->algo);
	put_(&o, "{\"hash_algo\":\"");
	put_(&o, mrs->algo == RLM_HASH_SHA256 ? "sha-256" : "sha-512");
	put_(&o, "\",\"rim\":");
	put_hex_(&o, mrs->rim, hs);
	put_(&o, ",\"rem\":[");
	for (i = 0; i < 4; i++) {
		if (i)
			put_(&o, ",");
		put_hex_(&o, mrs->rem[i], hs);
	}
	put_(&o, "],\"rpv\":");
	put_hex_(&o, rpv ? rpv : zero, RLM_RPV_SIZE);
	put_(&o, "}");
	if (o.len + 1 > cap) {
		out[0] = 0;
		return RLM_ENOSPC;
	}
	out[o.len] = 0;
	if (len)
		*len = o.len;
	return 0;
}
