// SPDX-License-Identifier: BSD-3-Clause
/*
 * realm-shim's in-kernel model realm: answers the RSI calls the shim makes
 * when there is no RMM and the tree has no mock RMM yet.
 *
 * STOPGAP: this stands in for the library's mock RMM (realm/mock.h,
 * rlm_mock_rsi_conduit) until that is in the tree (shim_mock.c boots a
 * realm in it then).  It models one realm: IPA width 33, SHA-256, a RIM
 * from the library's RIM calculator, REMs extended with the library's
 * rlm_rem_extend, protected RAM [0, 64 MiB) and EMPTY above, and no
 * attestation (TOKEN_INIT answers RSI_ERROR_STATE, like the mock without
 * a token builder).
 */
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#include <realm/abi.h>
#include <realm/error.h>
#include <realm/measure.h>
#include <realm/pack.h>
#include <realm/shim-uapi.h>

#include "core/bytes.h"

#include "shim.h"
#include "shim_realm.h"

#define MODEL_IPA_BITS SHIM_REALM_IPA_BITS
#define MODEL_RAM_TOP SHIM_REALM_RAM_TOP
#define MODEL_BUF_IPA SHIM_REALM_BUF_IPA

struct model {
	uint8_t meas[5][64];
	uint8_t *granule;   /* the realm's granule at MODEL_BUF_IPA */
};


static int model_call(void *ctx, struct rlm_smc_regs *r)
{
	struct model *m = ctx;
	uint64_t fid = r->x[0];
	unsigned int i;

	r->x[0] = RLM_RSI_SUCCESS;
	switch (fid) {
	case RLM_SMC_RSI_ABI_VERSION:
		if (RLM_RSI_ABI_VERSION_GET_MAJOR(r->x[1]) != 1)
			r->x[0] = RLM_RSI_ERROR_INPUT;
		r->x[1] = RLM_RSI_ABI_VERSION;
		r->x[2] = RLM_RSI_ABI_VERSION;
		break;
	case RLM_SMC_RSI_FEATURES:
		r->x[1] = 0;
		break;
	case RLM_SMC_RSI_REALM_CONFIG: {
		struct rlm_rsi_realm_config cfg = {
			.ipa_width = MODEL_IPA_BITS,
			.hash_algo = RLM_RSI_HASH_SHA_256,
		};

		if (r->x[1] != MODEL_BUF_IPA) {
			r->x[0] = RLM_RSI_ERROR_INPUT;
			break;
		}
		memcpy(cfg.rpv, shim_realm_rpv, sizeof(cfg.rpv));
		rlm_pack_rsi_realm_config(&cfg, m->granule, PAGE_SIZE);
		break;
	}
	case RLM_SMC_RSI_MEASUREMENT_READ: {
		uint64_t index = r->x[1];

		if (index > 4) {
			r->x[0] = RLM_RSI_ERROR_INPUT;
			break;
		}
		for (i = 0; i < 8; i++)
			r->x[1 + i] = rlm_get_le64(&m->meas[index][8 * i]);
		break;
	}
	case RLM_SMC_RSI_MEASUREMENT_EXTEND: {
		uint8_t data[64];

		if (r->x[1] < 1 || r->x[1] > 4 || r->x[2] > 64) {
			r->x[0] = RLM_RSI_ERROR_INPUT;
			break;
		}
		for (i = 0; i < 8; i++)
			rlm_put_le64(&data[8 * i], r->x[3 + i]);
		rlm_rem_extend(RLM_HASH_SHA256, m->meas[r->x[1]], data, r->x[2]);
		break;
	}
	case RLM_SMC_RSI_ATTESTATION_TOKEN_INIT:
	case RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE:
		r->x[0] = RLM_RSI_ERROR_STATE; /* no token builder in the kernel */
		break;
	case RLM_SMC_RSI_IPA_STATE_GET:
		if (r->x[1] >= r->x[2] || (r->x[1] | r->x[2]) & 0xfff ||
		    r->x[2] > (1ULL << (MODEL_IPA_BITS - 1))) {
			r->x[0] = RLM_RSI_ERROR_INPUT;
			break;
		}
		if (r->x[1] < MODEL_RAM_TOP) {
			r->x[1] = min(r->x[2], MODEL_RAM_TOP);
			r->x[2] = RLM_RSI_RIPAS_RAM;
		} else {
			r->x[1] = r->x[2];
			r->x[2] = RLM_RSI_RIPAS_EMPTY;
		}
		break;
	default:
		r->x[0] = ~0ULL; /* SMCCC NOT_SUPPORTED */
		return RLM_ECONDUIT;
	}
	return 0;
}

static const struct rlm_conduit_ops model_ops = {
	.name = "realm-shim-model",
	.call = model_call,
};

int shim_model_start(struct shim_backend *b)
{
	struct rlm_realm_params p = {
		.s2sz = MODEL_IPA_BITS,
		.hash_algo = RLM_RMI_HASH_SHA_256,
	};
	struct rlm_rim rim;
	struct model *m;
	int err;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->granule = (uint8_t *)get_zeroed_page(GFP_KERNEL);
	if (!m->granule) {
		kfree(m);
		return -ENOMEM;
	}
	err = rlm_rim_init(&rim, &p);
	if (!err)
		err = rlm_rim_extend_ripas(&rim, 0, MODEL_RAM_TOP);
	if (err) {
		free_page((unsigned long)m->granule);
		kfree(m);
		return -EINVAL;
	}
	memcpy(m->meas[0], rim.value, 64);
	b->conduit.ops = &model_ops;
	b->conduit.ctx = m;
	b->buf_ipa = MODEL_BUF_IPA;
	b->buf = m->granule;
	b->kind = RLM_SHIM_BACKEND_MOCK;
	return 0;
}

void shim_model_stop(struct shim_backend *b)
{
	struct model *m = b->conduit.ctx;

	if (!m)
		return;
	free_page((unsigned long)m->granule);
	kfree_sensitive(m);
	b->conduit.ctx = NULL;
}
