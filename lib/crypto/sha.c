/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Portable SHA-256 / SHA-384 / SHA-512 (FIPS 180-4), written from the
 * standard.  No allocation, no libc beyond env.h, constant stack use.
 */
#include <realm/hash.h>
#include <realm/error.h>
#include "core/bytes.h"

static const uint32_t k256[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint64_t k512[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
	0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
	0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
	0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
	0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
	0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
	0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
	0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
	0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
	0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
	0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
	0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
	0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
	0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
	0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
	0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
	0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
	0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
	0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
	0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
	0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static inline uint32_t ror32(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static inline uint64_t ror64(uint64_t x, unsigned int n)
{
	return (x >> n) | (x << (64 - n));
}

static void sha256_block(uint32_t *h, const uint8_t *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
	unsigned int i;

	for (i = 0; i < 16; i++)
		w[i] = rlm_get_be32(p + 4 * i);
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
		     ((e & f) ^ (~e & g)) + k256[i] + w[i];
		t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha512_block(uint64_t *h, const uint8_t *p)
{
	uint64_t w[80], a, b, c, d, e, f, g, hh, t1, t2;
	unsigned int i;

	for (i = 0; i < 16; i++)
		w[i] = rlm_get_be64(p + 8 * i);
	for (i = 16; i < 80; i++) {
		uint64_t s0 = ror64(w[i - 15], 1) ^ ror64(w[i - 15], 8) ^ (w[i - 15] >> 7);
		uint64_t s1 = ror64(w[i - 2], 19) ^ ror64(w[i - 2], 61) ^ (w[i - 2] >> 6);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; hh = h[7];
	for (i = 0; i < 80; i++) {
		t1 = hh + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) +
		     ((e & f) ^ (~e & g)) + k512[i] + w[i];
		t2 = (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

size_t rlm_hash_size(enum rlm_hash_algo algo)
{
	switch (algo) {
	case RLM_HASH_SHA256: return RLM_SHA256_SIZE;
	case RLM_HASH_SHA384: return RLM_SHA384_SIZE;
	case RLM_HASH_SHA512: return RLM_SHA512_SIZE;
	}
	return 0;
}

const char *rlm_hash_name(enum rlm_hash_algo algo)
{
	switch (algo) {
	case RLM_HASH_SHA256: return "sha256";
	case RLM_HASH_SHA384: return "sha384";
	case RLM_HASH_SHA512: return "sha512";
	}
	return NULL;
}

static unsigned int block_size(enum rlm_hash_algo algo)
{
	return algo == RLM_HASH_SHA256 ? 64 : 128;
}

static int builtin_init(struct rlm_hash_ctx *ctx)
{
	enum rlm_hash_algo algo = ctx->algo;

	static const uint32_t iv256[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	static const uint64_t iv512[8] = {
		0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
		0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
		0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
	};
	static const uint64_t iv384[8] = {
		0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL,
		0x152fecd8f70e5939ULL, 0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
		0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
	};

	ctx->total = 0;
	ctx->buflen = 0;
	if (algo == RLM_HASH_SHA256)
		rlm_memcpy(ctx->h.s256, iv256, sizeof(iv256));
	else
		rlm_memcpy(ctx->h.s512, algo == RLM_HASH_SHA512 ? iv512 : iv384,
			   sizeof(iv512));
	return 0;
}

static void compress(struct rlm_hash_ctx *ctx, const uint8_t *p)
{
	if (ctx->algo == RLM_HASH_SHA256)
		sha256_block(ctx->h.s256, p);
	else
		sha512_block(ctx->h.s512, p);
}

static int builtin_update(struct rlm_hash_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;
	unsigned int bs;

	if (!len)
		return 0;	/* also keeps memcpy away from a NULL source */
	bs = block_size(ctx->algo);
	ctx->total += len;
	if (ctx->buflen) {
		size_t take = bs - ctx->buflen;

		if (take > len)
			take = len;
		rlm_memcpy(ctx->buf + ctx->buflen, p, take);
		ctx->buflen += (uint32_t)take;
		p += take;
		len -= take;
		if (ctx->buflen < bs)
			return 0;
		compress(ctx, ctx->buf);
		ctx->buflen = 0;
	}
	while (len >= bs) {
		compress(ctx, p);
		p += bs;
		len -= bs;
	}
	if (len) {
		rlm_memcpy(ctx->buf, p, len);
		ctx->buflen = (uint32_t)len;
	}
	return 0;
}

static int builtin_final(struct rlm_hash_ctx *ctx, uint8_t *out)
{
	unsigned int bs, lenbytes, i;
	uint64_t bits;
	size_t n;

	n = rlm_hash_size(ctx->algo);
	bs = block_size(ctx->algo);
	lenbytes = bs == 64 ? 8 : 16;
	bits = ctx->total << 3;
	ctx->buf[ctx->buflen++] = 0x80;
	if (ctx->buflen > bs - lenbytes) {
		rlm_memset(ctx->buf + ctx->buflen, 0, bs - ctx->buflen);
		compress(ctx, ctx->buf);
		ctx->buflen = 0;
	}
	rlm_memset(ctx->buf + ctx->buflen, 0, bs - ctx->buflen);
	/* Lengths above 2^61 bytes are not representable here; never reached. */
	if (lenbytes == 16)
		rlm_put_be64(ctx->buf + bs - 16, ctx->total >> 61);
	rlm_put_be64(ctx->buf + bs - 8, bits);
	compress(ctx, ctx->buf);
	if (ctx->algo == RLM_HASH_SHA256) {
		for (i = 0; i < 8; i++)
			rlm_put_be32(out + 4 * i, ctx->h.s256[i]);
	} else {
		uint8_t full[64];

		for (i = 0; i < 8; i++)
			rlm_put_be64(full + 8 * i, ctx->h.s512[i]);
		rlm_memcpy(out, full, n);
	}
	rlm_memzero_explicit(ctx, sizeof(*ctx));
	return 0;
}

static int builtin_digest(enum rlm_hash_algo algo, const void *data, size_t len,
			  uint8_t *out)
{
	struct rlm_hash_ctx ctx;

	ctx.algo = algo;
	builtin_init(&ctx);
	builtin_update(&ctx, data, len);
	return builtin_final(&ctx, out);
}

static bool builtin_supports(enum rlm_hash_algo algo)
{
	return rlm_hash_size(algo) != 0;
}

const struct rlm_hash_provider rlm_hash_builtin = {
	.name = "builtin",
	.supports = builtin_supports,
	.init = builtin_init,
	.update = builtin_update,
	.final = builtin_final,
	.abort = NULL,
	.digest = builtin_digest,
};

/* The provider set by rlm_hash_set_provider(), NULL for the default.  Read
 * and written atomically; the default is recomputed on every read, so there
 * is no lazy initialisation to race on. */
static const struct rlm_hash_provider *rlm_hash_cur_;

/* The environment's default (rlm_hash_set_default_source), NULL for the
 * built-in provider.  The core itself knows no other provider. */
typedef const struct rlm_hash_provider *(*rlm_hash_source_fn_)(void);
static rlm_hash_source_fn_ rlm_hash_source_;

void rlm_hash_set_default_source(const struct rlm_hash_provider *(*fn)(void))
{
	__atomic_store_n(&rlm_hash_source_, fn, __ATOMIC_RELEASE);
}

const struct rlm_hash_provider *rlm_hash_default_provider(void)
{
	rlm_hash_source_fn_ fn = __atomic_load_n(&rlm_hash_source_, __ATOMIC_ACQUIRE);
	const struct rlm_hash_provider *p = fn ? fn() : NULL;

	return p ? p : &rlm_hash_builtin;
}

const struct rlm_hash_provider *rlm_hash_get_provider(void)
{
	const struct rlm_hash_provider *p =
		__atomic_load_n(&rlm_hash_cur_, __ATOMIC_ACQUIRE);

	return p ? p : rlm_hash_default_provider();
}

static bool rlm_prov_ok_(const struct rlm_hash_provider *p)
{
	return p && p->supports && p->init && p->update && p->final && p->digest;
}

int rlm_hash_set_provider(const struct rlm_hash_provider *p)
{
	if (p && (!rlm_prov_ok_(p) || !p->supports(RLM_HASH_SHA256) ||
		  !p->supports(RLM_HASH_SHA512)))
		return RLM_EINVAL;
	__atomic_store_n(&rlm_hash_cur_, p, __ATOMIC_RELEASE);
	return 0;
}

int rlm_hash_init_with(struct rlm_hash_ctx *ctx, enum rlm_hash_algo algo,
		       const struct rlm_hash_provider *p)
{
	int rc;

	if (!ctx)
		return RLM_EINVAL;
	ctx->prov = NULL;
	ctx->state = NULL;
	if (!rlm_prov_ok_(p) || !rlm_hash_size(algo))
		return RLM_EINVAL;
	if (!p->supports(algo))
		return RLM_ENOTSUP;
	ctx->algo = algo;
	ctx->prov = p;
	rc = p->init(ctx);
	if (rc)
		ctx->prov = NULL;
	return rc;
}

int rlm_hash_init(struct rlm_hash_ctx *ctx, enum rlm_hash_algo algo)
{
	return rlm_hash_init_with(ctx, algo, rlm_hash_get_provider());
}

int rlm_hash_update(struct rlm_hash_ctx *ctx, const void *data, size_t len)
{
	int rc;

	if (!ctx || !ctx->prov)
		return RLM_EINVAL;
	if (!data && len) {
		rlm_hash_abort(ctx);
		return RLM_EINVAL;
	}
	if (!len)
		return 0;
	rc = ctx->prov->update(ctx, data, len);
	if (rc)
		rlm_hash_abort(ctx);
	return rc;
}

int rlm_hash_final(struct rlm_hash_ctx *ctx, uint8_t *out)
{
	const struct rlm_hash_provider *p;

	if (!ctx || !ctx->prov)
		return RLM_EINVAL;
	if (!out) {
		rlm_hash_abort(ctx);
		return RLM_EINVAL;
	}
	p = ctx->prov;
	ctx->prov = NULL;
	return p->final(ctx, out);
}

void rlm_hash_abort(struct rlm_hash_ctx *ctx)
{
	if (!ctx || !ctx->prov)
		return;
	if (ctx->prov->abort)
		ctx->prov->abort(ctx);
	ctx->prov = NULL;
	ctx->state = NULL;
}

int rlm_hash_digest_with(const struct rlm_hash_provider *p, enum rlm_hash_algo algo,
			 const void *data, size_t len, uint8_t *out)
{
	if (!out || (!data && len) || !rlm_prov_ok_(p) || !rlm_hash_size(algo))
		return RLM_EINVAL;
	if (!p->supports(algo))
		return RLM_ENOTSUP;
	rlm_memset(out, 0, RLM_HASH_MAX_SIZE);
	return p->digest(algo, data, len, out);
}

int rlm_hash_digest(enum rlm_hash_algo algo, const void *data, size_t len, uint8_t *out)
{
	return rlm_hash_digest_with(rlm_hash_get_provider(), algo, data, len, out);
}
