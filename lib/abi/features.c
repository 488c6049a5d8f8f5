/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RmiFeatureRegister0 decoded, and realm parameters checked against it
 * (Arm DEN0137 1.0-rel0, RmiFeatureRegister0 and the RMI_REALM_CREATE
 * feature checks).  Portable core.
 */
#include <realm/rmi.h>
#include <realm/error.h>
#include <realm/env.h>

void rlm_rmi_features0_decode(uint64_t reg, struct rlm_rmi_features0 *f)
{
	if (!f)
		return;
	f->s2sz = (uint32_t)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_S2SZ, reg);
	f->lpa2 = (reg & RLM_RMI_FEATURE_REGISTER_0_LPA2) != 0;
	f->sve_en = (reg & RLM_RMI_FEATURE_REGISTER_0_SVE_EN) != 0;
	f->sve_vl = (uint32_t)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_SVE_VL, reg);
	f->num_bps = (uint32_t)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, reg);
	f->num_wps = (uint32_t)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, reg);
	f->pmu_en = (reg & RLM_RMI_FEATURE_REGISTER_0_PMU_EN) != 0;
	f->pmu_num_ctrs = (uint32_t)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS, reg);
	f->hash_sha_256 = (reg & RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_256) != 0;
	f->hash_sha_512 = (reg & RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_512) != 0;
	f->gicv3_num_lrs = (uint32_t)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS, reg);
	f->max_recs_order = (uint32_t)RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER, reg);
}

int rlm_rmi_features0_read(const struct rlm_conduit *c, struct rlm_rmi_features0 *f)
{
	uint64_t v = 0;
	int ret;

	if (!f)
		return RLM_EINVAL;
	ret = rlm_rmi_features(c, RLM_RMI_FEATURE_REGISTER_0_INDEX, &v, NULL);
	if (ret)
		return ret;
	rlm_rmi_features0_decode(v, f);
	return 0;
}

static int bad_(const char **field, const char *name, int err)
{
	if (field)
		*field = name;
	return err;
}

int rlm_rmi_features0_check(const struct rlm_rmi_features0 *f,
			    const struct rlm_realm_params *p, const char **field)
{
	if (field)
		*field = NULL;
	if (!f || !p)
		return RLM_EINVAL;
	if ((p->flags & RLM_RMI_REALM_PARAM_FLAG_LPA2) && !f->lpa2)
		return bad_(field, "lpa2", RLM_ENOTSUP);
	if (p->s2sz < 32 || p->s2sz > f->s2sz)
		return bad_(field, "s2sz", RLM_ERANGE);
	if (p->num_bps == 0 || p->num_bps > f->num_bps)
		return bad_(field, "num_bps", RLM_ERANGE);
	if (p->num_wps == 0 || p->num_wps > f->num_wps)
		return bad_(field, "num_wps", RLM_ERANGE);
	if (p->flags & RLM_RMI_REALM_PARAM_FLAG_SVE) {
		if (!f->sve_en)
			return bad_(field, "sve", RLM_ENOTSUP);
		if (p->sve_vl > f->sve_vl)
			return bad_(field, "sve_vl", RLM_ERANGE);
	}
	if (p->flags & RLM_RMI_REALM_PARAM_FLAG_PMU) {
		if (!f->pmu_en)
			return bad_(field, "pmu", RLM_ENOTSUP);
		if (p->pmu_num_ctrs > f->pmu_num_ctrs)
			return bad_(field, "pmu_num_ctrs", RLM_ERANGE);
	}
	if ((p->hash_algo == RLM_RMI_HASH_SHA_256 && !f->hash_sha_256) ||
	    (p->hash_algo == RLM_RMI_HASH_SHA_512 && !f->hash_sha_512) ||
	    (p->hash_algo != RLM_RMI_HASH_SHA_256 && p->hash_algo != RLM_RMI_HASH_SHA_512))
		return bad_(field, "hash_algo", RLM_ENOTSUP);
	return 0;
}
