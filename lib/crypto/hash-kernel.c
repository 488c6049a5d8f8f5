/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel crypto API hash provider (the shim module only; this file is
 * not part of the meson userspace build).  It uses synchronous hashes
 * ("sha256", "sha384", "sha512" shash transforms), allocated once per
 * algorithm by rlm_hash_kernel_setup() and released by
 * rlm_hash_kernel_teardown(); the module calls those from its init/exit and
 * then rlm_hash_set_provider(&rlm_hash_kernel).  Each context allocates its
 * shash descriptor (GFP_KERNEL: process context only).
 */
#if defined(__KERNEL__)
#include <linux/err.h>
#include <linux/slab.h>
#include <crypto/hash.h>

#include <realm/hash.h>
#include <realm/error.h>

#define NALGO_ 3

static struct crypto_shash *kern_tfm_[NALGO_];

void rlm_hash_kernel_teardown(void)
{
	unsigned int i;

	for (i = 0; i < NALGO_; i++) {
		if (kern_tfm_[i])
			crypto_free_shash(kern_tfm_[i]);
		kern_tfm_[i] = NULL;
	}
}

int rlm_hash_kernel_setup(void)
{
	static const char *const names[NALGO_] = {
		[RLM_HASH_SHA256] = "sha256",
		[RLM_HASH_SHA512] = "sha512",
		[RLM_HASH_SHA384] = "sha384",
	};
	unsigned int i;

	for (i = 0; i < NALGO_; i++) {
		struct crypto_shash *t = crypto_alloc_shash(names[i], 0, 0);

		if (IS_ERR(t)) {
			rlm_hash_kernel_teardown();
			return RLM_ENOTSUP;
		}
		kern_tfm_[i] = t;
	}
	return 0;
}

static bool kern_supports_(enum rlm_hash_algo algo)
{
	return rlm_hash_size(algo) && kern_tfm_[algo];
}

static int kern_init_(struct rlm_hash_ctx *ctx)
{
	struct crypto_shash *t = kern_tfm_[ctx->algo];
	struct shash_desc *d;

	d = kmalloc(sizeof(*d) + crypto_shash_descsize(t), GFP_KERNEL);
	if (!d)
		return RLM_ENOMEM;
	d->tfm = t;
	if (crypto_shash_init(d)) {
		kfree_sensitive(d);
		return RLM_ECRYPTO;
	}
	ctx->state = d;
	return 0;
}

static int kern_update_(struct rlm_hash_ctx *ctx, const void *data, size_t len)
{
	/* crypto_shash_update takes an unsigned int length. */
	while (len) {
		unsigned int k = len > 0x40000000 ? 0x40000000 : (unsigned int)len;

		if (crypto_shash_update(ctx->state, data, k))
			return RLM_ECRYPTO;
		data = (const uint8_t *)data + k;
		len -= k;
	}
	return 0;
}

static int kern_final_(struct rlm_hash_ctx *ctx, uint8_t *out)
{
	int rc = crypto_shash_final(ctx->state, out);

	kfree_sensitive(ctx->state);
	ctx->state = NULL;
	return rc ? RLM_ECRYPTO : 0;
}

static void kern_abort_(struct rlm_hash_ctx *ctx)
{
	kfree_sensitive(ctx->state);
	ctx->state = NULL;
}

static int kern_digest_(enum rlm_hash_algo algo, const void *data, size_t len,
			uint8_t *out)
{
	struct rlm_hash_ctx ctx;
	int rc;

	ctx.algo = algo;
	rc = kern_init_(&ctx);
	if (!rc)
		rc = kern_update_(&ctx, data, len);
	if (rc) {
		kern_abort_(&ctx);
		return rc;
	}
	return kern_final_(&ctx, out);
}

const struct rlm_hash_provider rlm_hash_kernel = {
	.name = "kernel",
	.supports = kern_supports_,
	.init = kern_init_,
	.update = kern_update_,
	.final = kern_final_,
	.abort = kern_abort_,
	.digest = kern_digest_,
};
#endif /* __KERNEL__ */
