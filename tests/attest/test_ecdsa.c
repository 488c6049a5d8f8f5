/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The portable ECDSA signer (realm/ecdsa.h):
 *  - RFC 6979 appendix A.2.5 (P-256) and A.2.6 (P-384) known answers: the
 *    public keys, and r, s for SHA-256/384/512 of "sample" and "test"
 *    (the numbers are the RFC's; the digests are computed here), plus the
 *    nonce k of two of them;
 *  - against OpenSSL (when the build has it): for hundreds of keys
 *    OpenSSL generates, our public point equals OpenSSL's, our signatures
 *    of random digests verify with OpenSSL, OpenSSL's verify with ours;
 *  - bad input: NULL, wrong sizes, zero key, key >= n, r or s out of
 *    range, a point off the curve, flipped bits.
 */
#include "test_util.h"

#include <realm/ecdsa.h>
#include <realm/error.h>
#include <realm/hash.h>

#include "rlm_config.h"

#if RLM_HAVE_OPENSSL
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#endif

struct kat {
	enum rlm_ecdsa_curve curve;
	enum rlm_hash_algo hash;
	const char *msg;
	const char *r, *s;
};

/* RFC 6979 A.2.5: private key of the P-256 examples, and its U = xG. */
static const char p256_x[] =
	"C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
static const char p256_u[] = "04"
	"60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
	"7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";
/* RFC 6979 A.2.6: P-384. */
static const char p384_x[] =
	"6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA"
	"9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5";
static const char p384_u[] = "04"
	"EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E"
	"06AAE5286B300C64DEF8F0EA9055866064A254515480BC13"
	"8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9"
	"F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720";

static const struct kat kats[] = {
	{ RLM_ECDSA_P256, RLM_HASH_SHA256, "sample",
	  "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
	  "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8" },
	{ RLM_ECDSA_P256, RLM_HASH_SHA384, "sample",
	  "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719",
	  "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954" },
	{ RLM_ECDSA_P256, RLM_HASH_SHA512, "sample",
	  "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00",
	  "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE" },
	{ RLM_ECDSA_P256, RLM_HASH_SHA256, "test",
	  "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
	  "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083" },
	{ RLM_ECDSA_P256, RLM_HASH_SHA384, "test",
	  "83910E8B48BB0C74244EBDF7F07A1C5413D61472BD941EF3920E623FBCCEBEB6",
	  "8DDBEC54CF8CD5874883841D712142A56A8D0F218F5003CB0296B6B509619F2C" },
	{ RLM_ECDSA_P256, RLM_HASH_SHA512, "test",
	  "461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04",
	  "39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55" },
	{ RLM_ECDSA_P384, RLM_HASH_SHA256, "sample",
	  "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33BDE1E888E63355D92FA2B3C36D8FB2CD",
	  "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEBEFDC63ECCD1AC42EC0CB8668A4FA0AB0" },
	{ RLM_ECDSA_P384, RLM_HASH_SHA384, "sample",
	  "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
	  "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8" },
	{ RLM_ECDSA_P384, RLM_HASH_SHA512, "sample",
	  "ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047C0046861DA4A799CFE30F35CC900056D7C99CD7882433709",
	  "512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA9135329F03C068E5112DC7CC3EF3446DEFCEB01A45C2667FDD5" },
	{ RLM_ECDSA_P384, RLM_HASH_SHA256, "test",
	  "6D6DEFAC9AB64DABAFE36C6BF510352A4CC27001263638E5B16D9BB51D451559F918EEDAF2293BE5B475CC8F0188636B",
	  "2D46F3BECBCC523D5F1A1256BF0C9B024D879BA9E838144C8BA6BAEB4B53B47D51AB373F9845C0514EEFB14024787265" },
	{ RLM_ECDSA_P384, RLM_HASH_SHA384, "test",
	  "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB",
	  "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5" },
	{ RLM_ECDSA_P384, RLM_HASH_SHA512, "test",
	  "A0D5D090C9980FAF3C2CE57B7AE951D31977DD11C775D314AF55F76C676447D06FB6495CD21B4B6E340FC236584FB277",
	  "976984E59B4C77B0E8E4460DCA3D9F20E07B9BB1F63BEEFAF576F6B2E8B224634A2092CD3792E0159AD9CEE37659C736" },
};

static size_t unhex_(const char *h, uint8_t *out, size_t cap)
{
	long n = tu_unhex(h, out, cap);

	assert_true(n > 0);
	return (size_t)n;
}

static void test_public_keys(void **state)
{
	uint8_t x[48], want[97], got[97];
	size_t xl, wl, gl;

	(void)state;
	xl = unhex_(p256_x, x, sizeof(x));
	wl = unhex_(p256_u, want, sizeof(want));
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P256, x, xl, got, sizeof(got), &gl), 0);
	assert_int_equal(gl, 65);
	assert_memory_equal(got, want, wl);
	xl = unhex_(p384_x, x, sizeof(x));
	wl = unhex_(p384_u, want, sizeof(want));
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, x, xl, got, sizeof(got), &gl), 0);
	assert_int_equal(gl, 97);
	assert_memory_equal(got, want, wl);
}

static void test_rfc6979_signatures(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(kats); i++) {
		const struct kat *k = &kats[i];
		uint8_t x[48], u[97], dg[64], want[96], sig[96];
		size_t xl, ul, bytes = rlm_ecdsa_size(k->curve), sl;

		xl = unhex_(k->curve == RLM_ECDSA_P256 ? p256_x : p384_x, x, sizeof(x));
		ul = unhex_(k->curve == RLM_ECDSA_P256 ? p256_u : p384_u, u, sizeof(u));
		assert_int_equal(unhex_(k->r, want, sizeof(want)), bytes);
		assert_int_equal(unhex_(k->s, want + bytes, sizeof(want) - bytes), bytes);
		assert_int_equal(rlm_hash_digest(k->hash, k->msg, strlen(k->msg), dg), 0);
		assert_int_equal(rlm_ecdsa_sign(k->curve, x, xl, dg, rlm_hash_size(k->hash),
						 sig, sizeof(sig), &sl), 0);
		assert_int_equal(sl, 2 * bytes);
		if (memcmp(sig, want, sl))
			fail_msg("RFC 6979 vector %zu (P-%d, %s, \"%s\") differs", i,
				 (int)k->curve, rlm_hash_name(k->hash), k->msg);
		assert_int_equal(rlm_ecdsa_verify(k->curve, u, ul, dg, rlm_hash_size(k->hash),
						  sig, sl), 0);
		/* deterministic: the same again */
		assert_int_equal(rlm_ecdsa_sign(k->curve, x, xl, dg, rlm_hash_size(k->hash),
						 sig, sizeof(sig), &sl), 0);
		assert_memory_equal(sig, want, sl);
		/* any flipped bit of r, s or the digest fails */
		sig[i % sl] ^= 0x10;
		assert_int_equal(rlm_ecdsa_verify(k->curve, u, ul, dg, rlm_hash_size(k->hash),
						  sig, sl), RLM_EVERIFY);
		sig[i % sl] ^= 0x10;
		dg[3] ^= 1;
		assert_int_equal(rlm_ecdsa_verify(k->curve, u, ul, dg, rlm_hash_size(k->hash),
						  sig, sl), RLM_EVERIFY);
	}
}

/* RFC 6979 A.2.5 / A.2.6: the nonces of SHA-256 / SHA-384 of "sample". */
static void test_rfc6979_nonce(void **state)
{
	static const char k256[] =
		"A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60";
	static const char k384[] =
		"94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA8"
		"7A555FD56D10FBCA2907E3E83BA95368623B8C4686915CF9";
	uint8_t x[48], dg[64], want[48], k[48];
	size_t xl;

	(void)state;
	xl = unhex_(p256_x, x, sizeof(x));
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "sample", 6, dg), 0);
	assert_int_equal(rlm_ecdsa_rfc6979_k(RLM_ECDSA_P256, x, xl, dg, 32, k, sizeof(k)), 0);
	assert_memory_equal(k, want, unhex_(k256, want, sizeof(want)));
	xl = unhex_(p384_x, x, sizeof(x));
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA384, "sample", 6, dg), 0);
	assert_int_equal(rlm_ecdsa_rfc6979_k(RLM_ECDSA_P384, x, xl, dg, 48, k, sizeof(k)), 0);
	assert_memory_equal(k, want, unhex_(k384, want, sizeof(want)));
	assert_int_equal(rlm_ecdsa_rfc6979_k(RLM_ECDSA_P384, x, xl, dg, 47, k, sizeof(k)),
			 RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_rfc6979_k(RLM_ECDSA_P384, x, xl, dg, 48, k, 47),
			 RLM_EINVAL);
}

static void test_key_from_seed(void **state)
{
	uint8_t a[48], b[48], pt[97];
	size_t len;

	(void)state;
	assert_int_equal(rlm_ecdsa_key_from_seed(RLM_ECDSA_P384, "seed", 4, a, sizeof(a)), 0);
	assert_int_equal(rlm_ecdsa_key_from_seed(RLM_ECDSA_P384, "seed", 4, b, sizeof(b)), 0);
	assert_memory_equal(a, b, 48);
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P384, a, 48), 0);
	assert_int_equal(rlm_ecdsa_key_from_seed(RLM_ECDSA_P384, "seee", 4, b, sizeof(b)), 0);
	assert_memory_not_equal(a, b, 48);
	assert_int_equal(rlm_ecdsa_key_from_seed(RLM_ECDSA_P256, NULL, 0, a, 32), 0);
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P256, a, 32, pt, sizeof(pt), &len), 0);
	assert_int_equal(rlm_ecdsa_key_from_seed(RLM_ECDSA_P256, NULL, 1, a, 32), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_key_from_seed(RLM_ECDSA_P256, "s", 1, a, 31), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_key_from_seed(RLM_ECDSA_P256, "s", 1, NULL, 32), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_key_from_seed((enum rlm_ecdsa_curve)521, "s", 1, a, 48),
			 RLM_EINVAL);
}

static void test_bad_input(void **state)
{
	static const uint8_t n384[48] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf, 0x58, 0x1a, 0x0d, 0xb2,
		0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
	};
	uint8_t x[48], zero[48], big[48], dg[64], sig[96], pt[97], bad[96];
	size_t len = 0, xl;

	(void)state;
	memset(zero, 0, sizeof(zero));
	memset(dg, 0x42, sizeof(dg));
	xl = unhex_(p384_x, x, sizeof(x));
	assert_int_equal(rlm_ecdsa_size(RLM_ECDSA_P256), 32);
	assert_int_equal(rlm_ecdsa_size(RLM_ECDSA_P384), 48);
	assert_int_equal(rlm_ecdsa_size((enum rlm_ecdsa_curve)0), 0);

	/* private key range: 0, n, n + 1, all-ones are out; n - 1 is in */
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P384, zero, 48), RLM_ERANGE);
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P384, n384, 48), RLM_ERANGE);
	memcpy(big, n384, 48);
	big[47]++;
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P384, big, 48), RLM_ERANGE);
	memset(big, 0xff, 48);
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P384, big, 48), RLM_ERANGE);
	memcpy(big, n384, 48);
	big[47]--;
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P384, big, 48), 0);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, big, 48, dg, 48, sig, sizeof(sig), &len), 0);
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, big, 48, pt, sizeof(pt), &len), 0);
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, sig, 96), 0);
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P384, NULL, 48), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P384, x, 47), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_check_private(RLM_ECDSA_P256, x, 48), RLM_EINVAL);

	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, zero, 48, dg, 48, sig, sizeof(sig), &len),
			 RLM_ERANGE);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, n384, 48, dg, 48, sig, sizeof(sig), &len),
			 RLM_ERANGE);
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, zero, 48, pt, sizeof(pt), &len),
			 RLM_ERANGE);
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, n384, 48, pt, sizeof(pt), &len),
			 RLM_ERANGE);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, NULL, 48, dg, 48, sig, sizeof(sig), &len),
			 RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, x, xl, NULL, 48, sig, sizeof(sig), &len),
			 RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, x, xl, dg, 48, sig, sizeof(sig), NULL),
			 RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, x, 32, dg, 48, sig, sizeof(sig), &len),
			 RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, x, xl, dg, 20, sig, sizeof(sig), &len),
			 RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, x, xl, dg, 0, sig, sizeof(sig), &len),
			 RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_sign((enum rlm_ecdsa_curve)521, x, xl, dg, 48, sig,
					sizeof(sig), &len), RLM_EINVAL);
	len = 0;
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, x, xl, dg, 48, sig, 95, &len), RLM_ENOSPC);
	assert_int_equal(len, 96);
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, x, xl, dg, 48, NULL, 0, &len), RLM_ENOSPC);
	len = 0;
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, x, xl, pt, 96, &len), RLM_ENOSPC);
	assert_int_equal(len, 97);
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, x, xl, pt, 97, NULL), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, NULL, 48, pt, 97, &len), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, x, 49, pt, 97, &len), RLM_EINVAL);

	/* verify: sizes, r/s range, points off the curve or not uncompressed */
	assert_int_equal(rlm_ecdsa_sign(RLM_ECDSA_P384, x, xl, dg, 48, sig, sizeof(sig), &len), 0);
	assert_int_equal(rlm_ecdsa_public(RLM_ECDSA_P384, x, xl, pt, sizeof(pt), &len), 0);
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, sig, 96), 0);
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, sig, 95), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 96, dg, 48, sig, 96), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 33, sig, 96), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, NULL, 97, dg, 48, sig, 96), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, NULL, 48, sig, 96), RLM_EINVAL);
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, NULL, 96), RLM_EINVAL);
	memcpy(bad, sig, 96);
	memset(bad, 0, 48);                               /* r = 0 */
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, bad, 96), RLM_EVERIFY);
	memcpy(bad, n384, 48);                            /* r = n */
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, bad, 96), RLM_EVERIFY);
	memcpy(bad, sig, 96);
	memset(bad + 48, 0, 48);                          /* s = 0 */
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, bad, 96), RLM_EVERIFY);
	memcpy(bad + 48, n384, 48);                       /* s = n */
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, bad, 96), RLM_EVERIFY);
	pt[0] = 0x02;                                     /* compressed tag */
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, sig, 96), RLM_EVERIFY);
	pt[0] = 0x04;
	pt[96] ^= 1;                                      /* off the curve */
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, sig, 96), RLM_EVERIFY);
	pt[96] ^= 1;
	memset(pt + 1, 0xff, 48);                         /* x >= p */
	assert_int_equal(rlm_ecdsa_verify(RLM_ECDSA_P384, pt, 97, dg, 48, sig, 96), RLM_EVERIFY);
}

#if RLM_HAVE_OPENSSL
static EVP_PKEY *ossl_key_(enum rlm_ecdsa_curve c, uint8_t *priv, uint8_t *pub)
{
	size_t bytes = rlm_ecdsa_size(c), len = 0;
	EVP_PKEY *k = EVP_EC_gen(c == RLM_ECDSA_P256 ? "P-256" : "P-384");
	BIGNUM *d = NULL;

	assert_non_null(k);
	assert_true(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_PRIV_KEY, &d));
	assert_int_equal(BN_bn2binpad(d, priv, (int)bytes), (int)bytes);
	BN_clear_free(d);
	assert_true(EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, pub,
						    RLM_ECDSA_MAX_POINT, &len));
	assert_int_equal(len, 1 + 2 * bytes);
	return k;
}

static size_t rs_to_der_(const uint8_t *rs, size_t bytes, uint8_t *der)
{
	ECDSA_SIG *s = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(rs, (int)bytes, NULL), *ss = BN_bin2bn(rs + bytes, (int)bytes, NULL);
	unsigned char *p = der;
	int n;

	assert_true(s && r && ss && ECDSA_SIG_set0(s, r, ss));
	n = i2d_ECDSA_SIG(s, &p);
	ECDSA_SIG_free(s);
	assert_true(n > 0);
	return (size_t)n;
}

static void der_to_rs_(const uint8_t *der, size_t len, size_t bytes, uint8_t *rs)
{
	const unsigned char *p = der;
	ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)len);

	assert_non_null(s);
	assert_int_equal(BN_bn2binpad(ECDSA_SIG_get0_r(s), rs, (int)bytes), (int)bytes);
	assert_int_equal(BN_bn2binpad(ECDSA_SIG_get0_s(s), rs + bytes, (int)bytes), (int)bytes);
	ECDSA_SIG_free(s);
}

static void against_openssl_(enum rlm_ecdsa_curve c, int rounds)
{
	static const size_t dlens[] = { 32, 48, 64 };
	size_t bytes = rlm_ecdsa_size(c);
	int i;

	for (i = 0; i < rounds; i++) {
		uint8_t priv[48], pub[97], mine[97], dg[64], sig[96], der[160], theirs[96];
		size_t dl = dlens[i % 3], len, dlen = sizeof(der);
		EVP_PKEY *k = ossl_key_(c, priv, pub);
		EVP_PKEY_CTX *ctx;

		assert_int_equal(RAND_bytes(dg, sizeof(dg)), 1);
		assert_int_equal(rlm_ecdsa_public(c, priv, bytes, mine, sizeof(mine), &len), 0);
		assert_memory_equal(mine, pub, len);
		assert_int_equal(rlm_ecdsa_sign(c, priv, bytes, dg, dl, sig, sizeof(sig), &len), 0);
		assert_int_equal(rlm_ecdsa_verify(c, pub, 1 + 2 * bytes, dg, dl, sig, len), 0);
		/* OpenSSL checks ours (a raw-digest verify: it truncates to qlen
		 * the same way) */
		len = rs_to_der_(sig, bytes, der);
		ctx = EVP_PKEY_CTX_new(k, NULL);
		assert_non_null(ctx);
		assert_int_equal(EVP_PKEY_verify_init(ctx), 1);
		if (EVP_PKEY_verify(ctx, der, len, dg, dl) != 1)
			fail_msg("OpenSSL rejects our P-%d signature (round %d, digest %zu)",
				 (int)c, i, dl);
		/* and we check OpenSSL's */
		assert_int_equal(EVP_PKEY_sign_init(ctx), 1);
		assert_int_equal(EVP_PKEY_sign(ctx, der, &dlen, dg, dl), 1);
		der_to_rs_(der, dlen, bytes, theirs);
		assert_int_equal(rlm_ecdsa_verify(c, pub, 1 + 2 * bytes, dg, dl, theirs, 2 * bytes), 0);
		theirs[bytes + 5] ^= 0x80;
		assert_int_equal(rlm_ecdsa_verify(c, pub, 1 + 2 * bytes, dg, dl, theirs, 2 * bytes),
				 RLM_EVERIFY);
		EVP_PKEY_CTX_free(ctx);
		EVP_PKEY_free(k);
	}
}

static void test_against_openssl_p256(void **state)
{
	(void)state;
	against_openssl_(RLM_ECDSA_P256, 300);
}

static void test_against_openssl_p384(void **state)
{
	(void)state;
	against_openssl_(RLM_ECDSA_P384, 300);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_public_keys),
		cmocka_unit_test(test_rfc6979_signatures),
		cmocka_unit_test(test_rfc6979_nonce),
		cmocka_unit_test(test_key_from_seed),
		cmocka_unit_test(test_bad_input),
#if RLM_HAVE_OPENSSL
		cmocka_unit_test(test_against_openssl_p256),
		cmocka_unit_test(test_against_openssl_p384),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
