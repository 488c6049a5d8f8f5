/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ECDSA over P-256 and P-384 for the portable core (realm/ecdsa.h).
 *
 * Written from the mathematics: FIPS 186-4 section 6.4 (signing and
 * verification) and appendix D.1.2 (the curve constants, also SEC 2 v2
 * sections 2.4.2 and 2.5.1), SEC 1 v2 section 2.3.3 (uncompressed
 * points), RFC 6979 section 3.2 (deterministic nonces) and RFC 2104
 * (HMAC).
 *
 * Arithmetic: integers are arrays of 32-bit limbs, least significant
 * first, with 64-bit products; every modular product is a Montgomery
 * multiplication (word-by-word, "CIOS") for an odd modulus, so the field
 * (p) and the group order (n) share one routine.  Points are in Jacobian
 * coordinates (X/Z^2, Y/Z^3) with a = -3; Z = 0 is the point at infinity.
 * Scalar multiplication is plain double-and-add from the top bit.
 *
 * Not constant time (see the header): a mock's signer.
 */
#include <realm/ecdsa.h>
#include <realm/error.h>
#include <realm/hash.h>

#if defined(__GNUC__)
#define NOINLINE_ __attribute__((__noinline__))
#else
#define NOINLINE_
#endif

#define NL 12 /* limbs of the largest curve (384 / 32) */

struct curve_def_ {
	enum rlm_ecdsa_curve id;
	unsigned int bytes;
	const uint8_t *p, *n, *b, *gx, *gy;
};

/* FIPS 186-4 D.1.2.3, curve P-256 (big-endian). */
static const uint8_t p256_p[32] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};
static const uint8_t p256_n[32] = {
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
	0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};
static const uint8_t p256_b[32] = {
	0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55,
	0x76, 0x98, 0x86, 0xbc, 0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6,
	0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b,
};
static const uint8_t p256_gx[32] = {
	0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5,
	0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0,
	0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96,
};
static const uint8_t p256_gy[32] = {
	0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a,
	0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce,
	0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5,
};

/* FIPS 186-4 D.1.2.4, curve P-384. */
static const uint8_t p384_p[48] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
};
static const uint8_t p384_n[48] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf, 0x58, 0x1a, 0x0d, 0xb2,
	0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
};
static const uint8_t p384_b[48] = {
	0xb3, 0x31, 0x2f, 0xa7, 0xe2, 0x3e, 0xe7, 0xe4, 0x98, 0x8e, 0x05, 0x6b,
	0xe3, 0xf8, 0x2d, 0x19, 0x18, 0x1d, 0x9c, 0x6e, 0xfe, 0x81, 0x41, 0x12,
	0x03, 0x14, 0x08, 0x8f, 0x50, 0x13, 0x87, 0x5a, 0xc6, 0x56, 0x39, 0x8d,
	0x8a, 0x2e, 0xd1, 0x9d, 0x2a, 0x85, 0xc8, 0xed, 0xd3, 0xec, 0x2a, 0xef,
};
static const uint8_t p384_gx[48] = {
	0xaa, 0x87, 0xca, 0x22, 0xbe, 0x8b, 0x05, 0x37, 0x8e, 0xb1, 0xc7, 0x1e,
	0xf3, 0x20, 0xad, 0x74, 0x6e, 0x1d, 0x3b, 0x62, 0x8b, 0xa7, 0x9b, 0x98,
	0x59, 0xf7, 0x41, 0xe0, 0x82, 0x54, 0x2a, 0x38, 0x55, 0x02, 0xf2, 0x5d,
	0xbf, 0x55, 0x29, 0x6c, 0x3a, 0x54, 0x5e, 0x38, 0x72, 0x76, 0x0a, 0xb7,
};
static const uint8_t p384_gy[48] = {
	0x36, 0x17, 0xde, 0x4a, 0x96, 0x26, 0x2c, 0x6f, 0x5d, 0x9e, 0x98, 0xbf,
	0x92, 0x92, 0xdc, 0x29, 0xf8, 0xf4, 0x1d, 0xbd, 0x28, 0x9a, 0x14, 0x7c,
	0xe9, 0xda, 0x31, 0x13, 0xb5, 0xf0, 0xb8, 0xc0, 0x0a, 0x60, 0xb1, 0xce,
	0x1d, 0x7e, 0x81, 0x9d, 0x7a, 0x43, 0x1d, 0x7c, 0x90, 0xea, 0x0e, 0x5f,
};

static const struct curve_def_ curves_[] = {
	{ RLM_ECDSA_P256, 32, p256_p, p256_n, p256_b, p256_gx, p256_gy },
	{ RLM_ECDSA_P384, 48, p384_p, p384_n, p384_b, p384_gx, p384_gy },
};

static const struct curve_def_ *curve_(enum rlm_ecdsa_curve id)
{
	size_t i;

	for (i = 0; i < RLM_ARRAY_SIZE(curves_); i++)
		if (curves_[i].id == id)
			return &curves_[i];
	return NULL;
}

size_t rlm_ecdsa_size(enum rlm_ecdsa_curve curve)
{
	const struct curve_def_ *d = curve_(curve);

	return d ? d->bytes : 0;
}

/* ---- Multi-precision integers ------------------------------------------ */

struct modulus_ {
	uint32_t m[NL];
	uint32_t rr[NL];   /* R^2 mod m, R = 2^(32 nl) */
	uint32_t minv;     /* -m^-1 mod 2^32 */
	unsigned int nl;
};

static void bn_from_be_(uint32_t *r, unsigned int nl, const uint8_t *b, size_t len)
{
	size_t i;

	rlm_memset(r, 0, NL * sizeof(*r));
	for (i = 0; i < len && i < 4u * nl; i++)
		r[i / 4] |= (uint32_t)b[len - 1 - i] << (8 * (i % 4));
}

static void bn_to_be_(uint8_t *b, size_t len, const uint32_t *r)
{
	size_t i;

	for (i = 0; i < len; i++)
		b[len - 1 - i] = (uint8_t)(r[i / 4] >> (8 * (i % 4)));
}

static int bn_cmp_(const uint32_t *a, const uint32_t *b, unsigned int nl)
{
	unsigned int i = nl;

	while (i--) {
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	}
	return 0;
}

static bool bn_is_zero_(const uint32_t *a, unsigned int nl)
{
	uint32_t acc = 0;
	unsigned int i;

	for (i = 0; i < nl; i++)
		acc |= a[i];
	return acc == 0;
}

static uint32_t bn_add_(uint32_t *r, const uint32_t *a, const uint32_t *b,
			unsigned int nl)
{
	uint64_t c = 0;
	unsigned int i;

	for (i = 0; i < nl; i++) {
		c += (uint64_t)a[i] + b[i];
		r[i] = (uint32_t)c;
		c >>= 32;
	}
	return (uint32_t)c;
}

static uint32_t bn_sub_(uint32_t *r, const uint32_t *a, const uint32_t *b,
			unsigned int nl)
{
	uint64_t borrow = 0;
	unsigned int i;

	for (i = 0; i < nl; i++) {
		uint64_t d = (uint64_t)a[i] - b[i] - borrow;

		r[i] = (uint32_t)d;
		borrow = (d >> 32) & 1;
	}
	return (uint32_t)borrow;
}

static bool bn_bit_(const uint32_t *a, unsigned int i)
{
	return (a[i / 32] >> (i % 32)) & 1;
}

/* r = a + b mod m (a, b < m). */
static void mod_add_(uint32_t *r, const uint32_t *a, const uint32_t *b,
		     const struct modulus_ *m)
{
	uint32_t c = bn_add_(r, a, b, m->nl);

	if (c || bn_cmp_(r, m->m, m->nl) >= 0)
		bn_sub_(r, r, m->m, m->nl);
}

/* r = a - b mod m (a, b < m). */
static void mod_sub_(uint32_t *r, const uint32_t *a, const uint32_t *b,
		     const struct modulus_ *m)
{
	if (bn_sub_(r, a, b, m->nl))
		bn_add_(r, r, m->m, m->nl);
}

/* r = a * b / R mod m (a, b < m); r may alias a or b. */
static void mont_mul_(uint32_t *r, const uint32_t *a, const uint32_t *b,
		      const struct modulus_ *m)
{
	uint32_t t[NL + 2];
	unsigned int i, j, nl = m->nl;

	rlm_memset(t, 0, sizeof(t));
	for (i = 0; i < nl; i++) {
		uint64_t c = 0;
		uint32_t q;

		for (j = 0; j < nl; j++) {
			c += (uint64_t)t[j] + (uint64_t)a[j] * b[i];
			t[j] = (uint32_t)c;
			c >>= 32;
		}
		c += t[nl];
		t[nl] = (uint32_t)c;
		t[nl + 1] = (uint32_t)(c >> 32);
		/* t += q m makes the low limb zero; shift down one limb. */
		q = t[0] * m->minv;
		c = ((uint64_t)t[0] + (uint64_t)q * m->m[0]) >> 32;
		for (j = 1; j < nl; j++) {
			c += (uint64_t)t[j] + (uint64_t)q * m->m[j];
			t[j - 1] = (uint32_t)c;
			c >>= 32;
		}
		c += t[nl];
		t[nl - 1] = (uint32_t)c;
		t[nl] = t[nl + 1] + (uint32_t)(c >> 32);
	}
	/* t < 2m: one subtraction at most. */
	if (t[nl] || bn_cmp_(t, m->m, nl) >= 0)
		bn_sub_(t, t, m->m, nl);
	rlm_memcpy(r, t, NL * sizeof(*r));
}

static void mod_init_(struct modulus_ *m, const uint8_t *be, unsigned int bytes)
{
	uint32_t inv = 1;
	unsigned int i;

	m->nl = bytes / 4;
	bn_from_be_(m->m, m->nl, be, bytes);
	/* Newton's iteration doubles the correct low bits: 1, 2, 4, ... 32. */
	for (i = 0; i < 5; i++)
		inv *= 2 - m->m[0] * inv;
	m->minv = (uint32_t)0 - inv;
	/* R^2 mod m by doubling 1 (2 * 32 * nl) times. */
	rlm_memset(m->rr, 0, sizeof(m->rr));
	m->rr[0] = 1;
	for (i = 0; i < 64 * m->nl; i++)
		mod_add_(m->rr, m->rr, m->rr, m);
}

static void to_mont_(uint32_t *r, const uint32_t *a, const struct modulus_ *m)
{
	mont_mul_(r, a, m->rr, m);
}

static void from_mont_(uint32_t *r, const uint32_t *a, const struct modulus_ *m)
{
	uint32_t one[NL];

	rlm_memset(one, 0, sizeof(one));
	one[0] = 1;
	mont_mul_(r, a, one, m);
}

/* r = a^(m-2) mod m (Montgomery form in and out): the inverse for prime
 * m (Fermat); 0 stays 0. */
static void mod_inv_(uint32_t *r, const uint32_t *a, const struct modulus_ *m)
{
	uint32_t e[NL], two[NL], acc[NL];
	unsigned int i;

	rlm_memset(two, 0, sizeof(two));
	two[0] = 2;
	bn_sub_(e, m->m, two, m->nl);
	rlm_memset(acc, 0, sizeof(acc));
	acc[0] = 1;
	to_mont_(acc, acc, m);
	i = 32 * m->nl;
	while (i--) {
		mont_mul_(acc, acc, acc, m);
		if (bn_bit_(e, i))
			mont_mul_(acc, acc, a, m);
	}
	rlm_memcpy(r, acc, sizeof(acc));
}

/* ---- The curve ----------------------------------------------------------- */

struct ec_ {
	const struct curve_def_ *def;
	unsigned int nl, bytes;
	struct modulus_ fp, fn;
	uint32_t b[NL], gx[NL], gy[NL], one[NL]; /* Montgomery form mod p */
};

struct jpt_ {
	uint32_t x[NL], y[NL], z[NL];
};

static int ec_init_(struct ec_ *c, enum rlm_ecdsa_curve id)
{
	const struct curve_def_ *d = curve_(id);

	if (!d)
		return RLM_EINVAL;
	c->def = d;
	c->bytes = d->bytes;
	c->nl = d->bytes / 4;
	mod_init_(&c->fp, d->p, d->bytes);
	mod_init_(&c->fn, d->n, d->bytes);
	bn_from_be_(c->b, c->nl, d->b, d->bytes);
	to_mont_(c->b, c->b, &c->fp);
	bn_from_be_(c->gx, c->nl, d->gx, d->bytes);
	to_mont_(c->gx, c->gx, &c->fp);
	bn_from_be_(c->gy, c->nl, d->gy, d->bytes);
	to_mont_(c->gy, c->gy, &c->fp);
	rlm_memset(c->one, 0, sizeof(c->one));
	c->one[0] = 1;
	to_mont_(c->one, c->one, &c->fp);
	return 0;
}

/* r = 2p; r may be p.  With a = -3: delta = Z^2, gamma = Y^2,
 * beta = X gamma, alpha = 3 (X - delta)(X + delta); X' = alpha^2 - 8 beta,
 * Z' = (Y + Z)^2 - gamma - delta, Y' = alpha (4 beta - X') - 8 gamma^2. */
static NOINLINE_ void pt_double_(struct jpt_ *r, const struct jpt_ *p,
				 const struct ec_ *c)
{
	const struct modulus_ *f = &c->fp;
	/* zeroed: limbs past the curve's size are never written by the
	 * helpers, and -O3 cannot see that they are never read either */
	uint32_t d[NL] = { 0 }, g[NL] = { 0 }, be[NL] = { 0 }, al[NL] = { 0 },
		 t[NL] = { 0 };

	if (bn_is_zero_(p->z, c->nl)) {
		if (r != p)
			*r = *p;
		return;
	}
	mont_mul_(d, p->z, p->z, f);
	mont_mul_(g, p->y, p->y, f);
	mont_mul_(be, p->x, g, f);
	mod_sub_(t, p->x, d, f);
	mod_add_(al, p->x, d, f);
	mont_mul_(al, t, al, f);
	mod_add_(t, al, al, f);
	mod_add_(al, t, al, f);
	/* Z' first: it is the last use of p's Y and Z. */
	mod_add_(t, p->y, p->z, f);
	mont_mul_(t, t, t, f);
	mod_sub_(t, t, g, f);
	mod_sub_(r->z, t, d, f);
	mod_add_(be, be, be, f);
	mod_add_(be, be, be, f);           /* 4 beta */
	mont_mul_(t, al, al, f);
	mod_sub_(t, t, be, f);
	mod_sub_(r->x, t, be, f);
	mod_sub_(t, be, r->x, f);
	mont_mul_(t, al, t, f);
	mont_mul_(g, g, g, f);
	mod_add_(g, g, g, f);
	mod_add_(g, g, g, f);
	mod_add_(g, g, g, f);              /* 8 gamma^2 */
	mod_sub_(r->y, t, g, f);
}

/* r = p + (qx, qy) with the second point affine (Z = 1); r may be p.
 * U2 = qx Z^2, S2 = qy Z^3, H = U2 - X, R = S2 - Y;
 * X' = R^2 - H^3 - 2 X H^2, Y' = R (X H^2 - X') - Y H^3, Z' = Z H. */
static NOINLINE_ void pt_add_affine_(struct jpt_ *r, const struct jpt_ *p,
				     const uint32_t *qx, const uint32_t *qy,
				     const struct ec_ *c)
{
	const struct modulus_ *f = &c->fp;
	uint32_t z2[NL], u2[NL], s2[NL], h[NL], rr[NL], hhh[NL], v[NL];

	if (bn_is_zero_(p->z, c->nl)) {
		rlm_memcpy(r->x, qx, sizeof(r->x));
		rlm_memcpy(r->y, qy, sizeof(r->y));
		rlm_memcpy(r->z, c->one, sizeof(r->z));
		return;
	}
	mont_mul_(z2, p->z, p->z, f);
	mont_mul_(u2, qx, z2, f);
	mont_mul_(s2, qy, p->z, f);
	mont_mul_(s2, s2, z2, f);
	mod_sub_(h, u2, p->x, f);
	mod_sub_(rr, s2, p->y, f);
	if (bn_is_zero_(h, c->nl)) {
		if (bn_is_zero_(rr, c->nl)) {
			pt_double_(r, p, c);       /* the same point */
		} else {
			rlm_memset(r, 0, sizeof(*r)); /* p = -q: infinity */
		}
		return;
	}
	mont_mul_(u2, h, h, f);                /* H^2 */
	mont_mul_(hhh, h, u2, f);
	mont_mul_(v, p->x, u2, f);
	mont_mul_(z2, p->z, h, f);             /* Z' */
	mont_mul_(u2, rr, rr, f);
	mod_sub_(u2, u2, hhh, f);
	mod_sub_(u2, u2, v, f);
	mod_sub_(u2, u2, v, f);                /* X' */
	mod_sub_(v, v, u2, f);
	mont_mul_(v, rr, v, f);
	mont_mul_(hhh, p->y, hhh, f);
	mod_sub_(s2, v, hhh, f);               /* Y' */
	rlm_memcpy(r->x, u2, sizeof(r->x));
	rlm_memcpy(r->y, s2, sizeof(r->y));
	rlm_memcpy(r->z, z2, sizeof(r->z));
}

/* r = k (qx, qy), k a plain integer (any value; 0 gives infinity). */
static NOINLINE_ void pt_mul_(struct jpt_ *r, const uint32_t *k,
			      const uint32_t *qx, const uint32_t *qy,
			      const struct ec_ *c)
{
	unsigned int i = 32 * c->nl;

	rlm_memset(r, 0, sizeof(*r));
	while (i--) {
		pt_double_(r, r, c);
		if (bn_bit_(k, i))
			pt_add_affine_(r, r, qx, qy, c);
	}
}

/* Affine coordinates of p, Montgomery form; RLM_EVERIFY for infinity. */
static NOINLINE_ int pt_affine_(uint32_t *x, uint32_t *y, const struct jpt_ *p,
				const struct ec_ *c)
{
	uint32_t zi[NL], zi2[NL];

	if (bn_is_zero_(p->z, c->nl))
		return RLM_EVERIFY;
	mod_inv_(zi, p->z, &c->fp);
	mont_mul_(zi2, zi, zi, &c->fp);
	mont_mul_(x, p->x, zi2, &c->fp);
	mont_mul_(zi2, zi2, zi, &c->fp);
	mont_mul_(y, p->y, zi2, &c->fp);
	return 0;
}

/* ---- Scalars ------------------------------------------------------------- */

/* A scalar in [1, n-1] from exactly c->bytes big-endian bytes. */
static int scalar_in_range_(uint32_t *r, const struct ec_ *c, const uint8_t *b)
{
	bn_from_be_(r, c->nl, b, c->bytes);
	if (bn_is_zero_(r, c->nl) || bn_cmp_(r, c->fn.m, c->nl) >= 0)
		return RLM_ERANGE;
	return 0;
}

/* bits2int(digest) mod n (RFC 6979 2.3.2 / 2.3.4): the leftmost qlen bits
 * (qlen = 8 * bytes for both curves), then one subtraction since the
 * value is below 2^qlen < 2n. */
static void digest_int_(uint32_t *e, const struct ec_ *c, const uint8_t *dg,
			size_t dlen)
{
	bn_from_be_(e, c->nl, dg, dlen < c->bytes ? dlen : c->bytes);
	if (bn_cmp_(e, c->fn.m, c->nl) >= 0)
		bn_sub_(e, e, c->fn.m, c->nl);
}

static int digest_algo_(size_t dlen, enum rlm_hash_algo *a)
{
	switch (dlen) {
	case RLM_SHA256_SIZE: *a = RLM_HASH_SHA256; return 0;
	case RLM_SHA384_SIZE: *a = RLM_HASH_SHA384; return 0;
	case RLM_SHA512_SIZE: *a = RLM_HASH_SHA512; return 0;
	default: return RLM_EINVAL;
	}
}

/* ---- HMAC (RFC 2104) and RFC 6979's generator ----------------------------- */

/* HMAC_key(a || b || c || d) with the built-in SHA-2; key <= 64 bytes. */
static NOINLINE_ int hmac_(enum rlm_hash_algo algo, const uint8_t *key,
			   size_t klen, const uint8_t *a, size_t alen,
			   const uint8_t *b, size_t blen, const uint8_t *c,
			   size_t clen, uint8_t *out)
{
	struct rlm_hash_ctx h;
	uint8_t pad[128], ih[RLM_HASH_MAX_SIZE];
	size_t bs = algo == RLM_HASH_SHA256 ? 64 : 128, hl = rlm_hash_size(algo), i;
	int err;

	rlm_memset(pad, 0, sizeof(pad));
	rlm_memcpy(pad, key, klen);
	for (i = 0; i < bs; i++)
		pad[i] ^= 0x36;
	err = rlm_hash_init_with(&h, algo, &rlm_hash_builtin);
	if (!err)
		err = rlm_hash_update(&h, pad, bs);
	if (!err)
		err = rlm_hash_update(&h, a, alen);
	if (!err)
		err = rlm_hash_update(&h, b, blen);
	if (!err)
		err = rlm_hash_update(&h, c, clen);
	if (!err)
		err = rlm_hash_final(&h, ih);
	for (i = 0; i < bs; i++)
		pad[i] ^= 0x36 ^ 0x5c;
	if (!err)
		err = rlm_hash_init_with(&h, algo, &rlm_hash_builtin);
	if (!err)
		err = rlm_hash_update(&h, pad, bs);
	if (!err)
		err = rlm_hash_update(&h, ih, hl);
	if (!err)
		err = rlm_hash_final(&h, out);
	rlm_memzero_explicit(pad, sizeof(pad));
	return err;
}

struct drbg_ {
	enum rlm_hash_algo algo;
	size_t hl;
	bool started;
	uint8_t k[RLM_HASH_MAX_SIZE], v[RLM_HASH_MAX_SIZE];
};

/* RFC 6979 3.2 steps b-f: seed with int2octets(x) || bits2octets(h1). */
static NOINLINE_ int drbg_init_(struct drbg_ *d, const struct ec_ *c,
				const uint8_t *priv, const uint8_t *dg, size_t dlen)
{
	uint8_t seed[2 * RLM_ECDSA_MAX_SCALAR + 1];
	uint32_t e[NL];
	int err;

	err = digest_algo_(dlen, &d->algo);
	if (err)
		return err;
	d->hl = dlen;
	d->started = false;
	digest_int_(e, c, dg, dlen);
	/* seed[0] is the separator byte, then x, then h1 mod n. */
	rlm_memcpy(seed + 1, priv, c->bytes);
	bn_to_be_(seed + 1 + c->bytes, c->bytes, e);
	rlm_memset(d->v, 0x01, d->hl);
	rlm_memset(d->k, 0x00, d->hl);
	seed[0] = 0x00;
	err = hmac_(d->algo, d->k, d->hl, d->v, d->hl, seed, 1, seed + 1,
		    2 * c->bytes, d->k);
	if (!err)
		err = hmac_(d->algo, d->k, d->hl, d->v, d->hl, NULL, 0, NULL, 0, d->v);
	seed[0] = 0x01;
	if (!err)
		err = hmac_(d->algo, d->k, d->hl, d->v, d->hl, seed, 1, seed + 1,
			    2 * c->bytes, d->k);
	if (!err)
		err = hmac_(d->algo, d->k, d->hl, d->v, d->hl, NULL, 0, NULL, 0, d->v);
	rlm_memzero_explicit(seed, sizeof(seed));
	return err;
}

/* Step h: the next candidate k in [1, n-1] (each call after the first
 * starts with the K/V update of a rejected candidate). */
static NOINLINE_ int drbg_next_(struct drbg_ *d, const struct ec_ *c, uint32_t *k)
{
	static const uint8_t zero = 0;
	uint8_t t[2 * RLM_HASH_MAX_SIZE];
	size_t tlen;
	int err = 0, tries;

	for (tries = 0; tries < 64 && !err; tries++) {
		if (d->started) {
			err = hmac_(d->algo, d->k, d->hl, d->v, d->hl, &zero, 1,
				    NULL, 0, d->k);
			if (!err)
				err = hmac_(d->algo, d->k, d->hl, d->v, d->hl,
					    NULL, 0, NULL, 0, d->v);
		}
		d->started = true;
		for (tlen = 0; tlen < c->bytes && !err; tlen += d->hl) {
			err = hmac_(d->algo, d->k, d->hl, d->v, d->hl, NULL, 0,
				    NULL, 0, d->v);
			rlm_memcpy(t + tlen, d->v, d->hl);
		}
		if (!err && !scalar_in_range_(k, c, t)) {
			rlm_memzero_explicit(t, sizeof(t));
			return 0;
		}
	}
	rlm_memzero_explicit(t, sizeof(t));
	return err ? err : RLM_ECRYPTO;
}

/* ---- Public API ----------------------------------------------------------- */

int rlm_ecdsa_check_private(enum rlm_ecdsa_curve curve, const uint8_t *priv,
			    size_t len)
{
	const struct curve_def_ *d = curve_(curve);
	uint32_t x[NL], n[NL];

	if (!d || !priv || len != d->bytes)
		return RLM_EINVAL;
	bn_from_be_(x, d->bytes / 4, priv, len);
	bn_from_be_(n, d->bytes / 4, d->n, d->bytes);
	if (bn_is_zero_(x, d->bytes / 4) || bn_cmp_(x, n, d->bytes / 4) >= 0)
		return RLM_ERANGE;
	return 0;
}

int rlm_ecdsa_key_from_seed(enum rlm_ecdsa_curve curve, const void *seed,
			    size_t seed_len, uint8_t *priv, size_t cap)
{
	const struct curve_def_ *d = curve_(curve);
	struct rlm_hash_ctx h;
	uint8_t out[RLM_SHA512_SIZE], ctr[4];
	uint32_t i;
	int err = 0;

	if (!d || !priv || cap < d->bytes || (!seed && seed_len))
		return RLM_EINVAL;
	for (i = 0; i < 1000 && !err; i++) {
		ctr[0] = (uint8_t)(i >> 24);
		ctr[1] = (uint8_t)(i >> 16);
		ctr[2] = (uint8_t)(i >> 8);
		ctr[3] = (uint8_t)i;
		err = rlm_hash_init_with(&h, RLM_HASH_SHA512, &rlm_hash_builtin);
		if (!err)
			err = rlm_hash_update(&h, ctr, sizeof(ctr));
		if (!err)
			err = rlm_hash_update(&h, seed, seed_len);
		if (!err)
			err = rlm_hash_final(&h, out);
		if (!err && !rlm_ecdsa_check_private(curve, out, d->bytes)) {
			rlm_memcpy(priv, out, d->bytes);
			rlm_memzero_explicit(out, sizeof(out));
			return 0;
		}
	}
	rlm_memzero_explicit(out, sizeof(out));
	return err ? err : RLM_ECRYPTO;
}

int rlm_ecdsa_public(enum rlm_ecdsa_curve curve, const uint8_t *priv,
		     size_t priv_len, uint8_t *point, size_t cap, size_t *len)
{
	struct ec_ c;
	struct jpt_ p;
	uint32_t x[NL], y[NL];
	int err;

	if (!priv || !len || ec_init_(&c, curve))
		return RLM_EINVAL;
	if (priv_len != c.bytes)
		return RLM_EINVAL;
	*len = 1 + 2 * c.bytes;
	if (!point || cap < *len)
		return RLM_ENOSPC;
	err = scalar_in_range_(x, &c, priv);
	if (err)
		return err;
	pt_mul_(&p, x, c.gx, c.gy, &c);
	rlm_memzero_explicit(x, sizeof(x));
	err = pt_affine_(x, y, &p, &c);
	if (err)
		return RLM_ECRYPTO;
	from_mont_(x, x, &c.fp);
	from_mont_(y, y, &c.fp);
	point[0] = 0x04;
	bn_to_be_(point + 1, c.bytes, x);
	bn_to_be_(point + 1 + c.bytes, c.bytes, y);
	return 0;
}

int rlm_ecdsa_rfc6979_k(enum rlm_ecdsa_curve curve, const uint8_t *priv,
			size_t priv_len, const uint8_t *digest, size_t digest_len,
			uint8_t *k, size_t cap)
{
	struct ec_ c;
	struct drbg_ d;
	uint32_t kk[NL];
	int err;

	if (!priv || !digest || !k || ec_init_(&c, curve) ||
	    priv_len != c.bytes || cap < c.bytes)
		return RLM_EINVAL;
	err = scalar_in_range_(kk, &c, priv);
	if (!err)
		err = drbg_init_(&d, &c, priv, digest, digest_len);
	if (!err)
		err = drbg_next_(&d, &c, kk);
	if (!err)
		bn_to_be_(k, c.bytes, kk);
	rlm_memzero_explicit(&d, sizeof(d));
	rlm_memzero_explicit(kk, sizeof(kk));
	return err;
}

/* s = k^-1 (e + r x) mod n for one k; RLM_ERANGE when r or s is 0 (the
 * caller takes the next k). */
static NOINLINE_ int sign_with_k_(const struct ec_ *c, const uint32_t *x,
				  const uint32_t *e, const uint32_t *k,
				  uint32_t *r, uint32_t *s)
{
	const struct modulus_ *n = &c->fn;
	struct jpt_ p;
	uint32_t ax[NL], ay[NL], t[NL], u[NL];

	pt_mul_(&p, k, c->gx, c->gy, c);
	if (pt_affine_(ax, ay, &p, c))
		return RLM_ERANGE;
	from_mont_(r, ax, &c->fp);
	if (bn_cmp_(r, n->m, c->nl) >= 0)  /* x < p < 2n */
		bn_sub_(r, r, n->m, c->nl);
	if (bn_is_zero_(r, c->nl))
		return RLM_ERANGE;
	to_mont_(t, r, n);
	to_mont_(u, x, n);
	mont_mul_(t, t, u, n);             /* r x, Montgomery */
	to_mont_(u, e, n);
	mod_add_(t, t, u, n);              /* e + r x */
	to_mont_(u, k, n);
	mod_inv_(u, u, n);                 /* k^-1 */
	mont_mul_(t, t, u, n);
	from_mont_(s, t, n);
	rlm_memzero_explicit(u, sizeof(u));
	rlm_memzero_explicit(t, sizeof(t));
	return bn_is_zero_(s, c->nl) ? RLM_ERANGE : 0;
}

int rlm_ecdsa_sign(enum rlm_ecdsa_curve curve, const uint8_t *priv,
		   size_t priv_len, const uint8_t *digest, size_t digest_len,
		   uint8_t *sig, size_t cap, size_t *len)
{
	struct ec_ c;
	struct drbg_ d;
	uint32_t x[NL], e[NL], k[NL], r[NL], s[NL];
	enum rlm_hash_algo algo;
	int err, tries;

	if (!priv || !digest || !len || ec_init_(&c, curve) ||
	    priv_len != c.bytes || digest_algo_(digest_len, &algo))
		return RLM_EINVAL;
	*len = 2 * c.bytes;
	if (!sig || cap < *len)
		return RLM_ENOSPC;
	err = scalar_in_range_(x, &c, priv);
	if (err)
		return err;
	digest_int_(e, &c, digest, digest_len);
	err = drbg_init_(&d, &c, priv, digest, digest_len);
	for (tries = 0; !err && tries < 16; tries++) {
		err = drbg_next_(&d, &c, k);
		if (!err)
			err = sign_with_k_(&c, x, e, k, r, s);
		if (err != RLM_ERANGE)
			break;
		err = 0;
	}
	if (!err && tries == 16)
		err = RLM_ECRYPTO;
	if (!err) {
		bn_to_be_(sig, c.bytes, r);
		bn_to_be_(sig + c.bytes, c.bytes, s);
	}
	rlm_memzero_explicit(&d, sizeof(d));
	rlm_memzero_explicit(x, sizeof(x));
	rlm_memzero_explicit(k, sizeof(k));
	return err;
}

/* An uncompressed point on the curve (SEC 1 3.2.2.1: coordinates below p,
 * y^2 = x^3 - 3x + b), into Montgomery form. */
static NOINLINE_ int point_decode_(const struct ec_ *c, const uint8_t *pt,
				   uint32_t *x, uint32_t *y)
{
	const struct modulus_ *f = &c->fp;
	uint32_t l[NL], r[NL];

	if (pt[0] != 0x04)
		return RLM_EVERIFY;
	bn_from_be_(x, c->nl, pt + 1, c->bytes);
	bn_from_be_(y, c->nl, pt + 1 + c->bytes, c->bytes);
	if (bn_cmp_(x, f->m, c->nl) >= 0 || bn_cmp_(y, f->m, c->nl) >= 0)
		return RLM_EVERIFY;
	to_mont_(x, x, f);
	to_mont_(y, y, f);
	mont_mul_(l, y, y, f);
	mont_mul_(r, x, x, f);
	mont_mul_(r, r, x, f);
	mod_sub_(r, r, x, f);
	mod_sub_(r, r, x, f);
	mod_sub_(r, r, x, f);
	mod_add_(r, r, c->b, f);
	return bn_cmp_(l, r, c->nl) ? RLM_EVERIFY : 0;
}

/* R = u1 G + u2 Q; 0 if x(R) mod n == r. */
static NOINLINE_ int verify_combine_(const struct ec_ *c, const uint32_t *qx,
				     const uint32_t *qy, const uint32_t *u1,
				     const uint32_t *u2, const uint32_t *r)
{
	struct jpt_ p;
	uint32_t ax[NL], ay[NL];
	bool g_inf;

	pt_mul_(&p, u1, c->gx, c->gy, c);
	g_inf = pt_affine_(ax, ay, &p, c) != 0;
	pt_mul_(&p, u2, qx, qy, c);
	if (!g_inf)
		pt_add_affine_(&p, &p, ax, ay, c);
	if (pt_affine_(ax, ay, &p, c))
		return RLM_EVERIFY;
	from_mont_(ax, ax, &c->fp);
	if (bn_cmp_(ax, c->fn.m, c->nl) >= 0)
		bn_sub_(ax, ax, c->fn.m, c->nl);
	return bn_cmp_(ax, r, c->nl) ? RLM_EVERIFY : 0;
}

int rlm_ecdsa_verify(enum rlm_ecdsa_curve curve, const uint8_t *point,
		     size_t point_len, const uint8_t *digest, size_t digest_len,
		     const uint8_t *sig, size_t sig_len)
{
	const struct modulus_ *n;
	struct ec_ c;
	uint32_t qx[NL], qy[NL], r[NL], s[NL], e[NL], u1[NL], u2[NL];
	enum rlm_hash_algo algo;

	if (!point || !digest || !sig || ec_init_(&c, curve) ||
	    point_len != 1 + 2 * c.bytes || sig_len != 2 * c.bytes ||
	    digest_algo_(digest_len, &algo))
		return RLM_EINVAL;
	n = &c.fn;
	if (point_decode_(&c, point, qx, qy) ||
	    scalar_in_range_(r, &c, sig) || scalar_in_range_(s, &c, sig + c.bytes))
		return RLM_EVERIFY;
	digest_int_(e, &c, digest, digest_len);
	to_mont_(s, s, n);
	mod_inv_(s, s, n);                 /* w = s^-1 */
	to_mont_(u1, e, n);
	mont_mul_(u1, u1, s, n);           /* e w, Montgomery form */
	to_mont_(u2, r, n);
	mont_mul_(u2, u2, s, n);           /* r w, Montgomery form */
	from_mont_(u1, u1, n);
	from_mont_(u2, u2, n);
	return verify_combine_(&c, qx, qy, u1, u2, r);
}
