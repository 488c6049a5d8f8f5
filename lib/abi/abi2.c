/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 (beta) tables and decoders; the numbers live in realm/abi2.h
 * (TF-RMM 9a7f8ef46378320ad69140a42e51c1ccf5914661, DEN0137 2.0 beta).
 */
#include <realm/abi2.h>
#include <realm/error.h>

#define GET8_(mask, v) ((uint8_t)RLM_FIELD_GET(mask, v))
#define GETB_(mask, v) (RLM_FIELD_GET(mask, v) != 0)

int rlm_rmi2_features_decode(const uint64_t reg[5],
			     struct rlm_rmi2_features *out)
{
	struct rlm_rmi2_features f = { 0 };

	if (!reg || !out)
		return RLM_EINVAL;
	f.s2sz = GET8_(RLM_RMI2_FEATURE_REGISTER_0_S2SZ, reg[0]);
	f.lpa2 = GETB_(RLM_RMI2_FEATURE_REGISTER_0_LPA2, reg[0]);
	f.sve_en = GETB_(RLM_RMI2_FEATURE_REGISTER_0_SVE_EN, reg[0]);
	f.sve_vl = GET8_(RLM_RMI2_FEATURE_REGISTER_0_SVE_VL, reg[0]);
	f.num_bps = GET8_(RLM_RMI2_FEATURE_REGISTER_0_NUM_BPS, reg[0]);
	f.num_wps = GET8_(RLM_RMI2_FEATURE_REGISTER_0_NUM_WPS, reg[0]);
	f.pmu_en = GETB_(RLM_RMI2_FEATURE_REGISTER_0_PMU_EN, reg[0]);
	f.pmu_num_ctrs = GET8_(RLM_RMI2_FEATURE_REGISTER_0_PMU_NUM_CTRS, reg[0]);
	f.gran_4k = GETB_(RLM_RMI2_FEATURE_REGISTER_1_GRAN_SZ_4K, reg[1]);
	f.gran_16k = GETB_(RLM_RMI2_FEATURE_REGISTER_1_GRAN_SZ_16K, reg[1]);
	f.gran_64k = GETB_(RLM_RMI2_FEATURE_REGISTER_1_GRAN_SZ_64K, reg[1]);
	f.sha_256 = GETB_(RLM_RMI2_FEATURE_REGISTER_1_HASH_SHA_256, reg[1]);
	f.sha_384 = GETB_(RLM_RMI2_FEATURE_REGISTER_1_HASH_SHA_384, reg[1]);
	f.sha_512 = GETB_(RLM_RMI2_FEATURE_REGISTER_1_HASH_SHA_512, reg[1]);
	f.max_recs_order = GET8_(RLM_RMI2_FEATURE_REGISTER_1_MAX_RECS_ORDER, reg[1]);
	f.l0gptsz = GET8_(RLM_RMI2_FEATURE_REGISTER_1_L0GPTSZ, reg[1]);
	f.pps = GET8_(RLM_RMI2_FEATURE_REGISTER_1_PPS, reg[1]);
	f.da_en = GETB_(RLM_RMI2_FEATURE_REGISTER_2_DA_EN, reg[2]);
	f.da_coh = GETB_(RLM_RMI2_FEATURE_REGISTER_2_DA_COH, reg[2]);
	f.vsmmu = GETB_(RLM_RMI2_FEATURE_REGISTER_2_VSMMU, reg[2]);
	f.ats = GETB_(RLM_RMI2_FEATURE_REGISTER_2_ATS, reg[2]);
	f.max_vdevs_order = GET8_(RLM_RMI2_FEATURE_REGISTER_2_MAX_VDEVS_ORDER, reg[2]);
	f.vdev_krou = GETB_(RLM_RMI2_FEATURE_REGISTER_2_VDEV_KROU, reg[2]);
	f.non_tee_stream = GETB_(RLM_RMI2_FEATURE_REGISTER_2_NON_TEE_STREAM, reg[2]);
	f.max_num_aux_planes =
		GET8_(RLM_RMI2_FEATURE_REGISTER_3_MAX_NUM_AUX_PLANES, reg[3]);
	f.rtt_plane = GET8_(RLM_RMI2_FEATURE_REGISTER_3_RTT_PLANE, reg[3]);
	f.rtt_s2ap_indirect =
		GETB_(RLM_RMI2_FEATURE_REGISTER_3_RTT_S2AP_INDIRECT, reg[3]);
	f.mec_count = reg[4];
	*out = f;
	return 0;
}

int rlm_rmi2_decode(uint64_t x0, uint8_t *status, uint8_t *index,
		    uint8_t *mem_req, bool *can_cancel)
{
	uint8_t st = (uint8_t)RLM_RMI_RETURN_STATUS(x0);
	uint8_t ix = (uint8_t)RLM_RMI_RETURN_INDEX(x0);
	uint8_t mr = 0;
	bool cc = false;

	if (x0 == RLM_SMCCC_NOT_SUPPORTED)
		return RLM_ECONDUIT;
	if ((x0 >> 16) != 0 || st > RLM_RMI_STATUS_LAST ||
	    (st == RLM_RMI_SUCCESS && ix != 0))
		return RLM_EMALFORMED;
	if (st == RLM_RMI_INCOMPLETE) {
		/* [15:11] reserved; request 3 is not defined */
		if (x0 & RLM_GENMASK(15, 11))
			return RLM_EMALFORMED;
		mr = (uint8_t)RLM_FIELD_GET(RLM_RMI2_RETURN_MEM_REQ, x0);
		if (mr > RLM_RMI_OP_MEM_REQ_RECLAIM)
			return RLM_EMALFORMED;
		cc = (x0 & RLM_RMI2_RETURN_CAN_CANCEL) != 0;
		ix = 0;
	}
	if (status)
		*status = st;
	if (index)
		*index = ix;
	if (mem_req)
		*mem_req = mr;
	if (can_cancel)
		*can_cancel = cc;
	return 0;
}

int rlm_rmi2_donate_req_decode(uint64_t x2, uint8_t *blk_size,
			       uint16_t *count, bool *contig, uint8_t *state)
{
	if (x2 & ~RLM_GENMASK(17, 0))
		return RLM_EMALFORMED;
	if (blk_size)
		*blk_size = (uint8_t)RLM_FIELD_GET(RLM_RMI_OP_DONATE_BLK_SIZE, x2);
	if (count)
		*count = (uint16_t)RLM_FIELD_GET(RLM_RMI_OP_DONATE_BLK_COUNT, x2);
	if (contig)
		*contig = (x2 & RLM_RMI_OP_DONATE_MEM_CONTIG) != 0;
	if (state)
		*state = (uint8_t)RLM_FIELD_GET(RLM_RMI_OP_DONATE_MEM_STATE, x2);
	return 0;
}

#define V1_ROW_(n, v, i, o) { "RMI_" #n, #v, RLM_SMC_RMI_##n, i, o },
#define V2_ROW_(n, v, i, o) { "RMI_" #n, #v, RLM_SMC_RMI2_##n, i, o },

static const struct rlm_abi_cmd v1_cmds_[] = { RLM_RMI_COMMANDS(V1_ROW_) };
static const struct rlm_abi_cmd v2_cmds_[] = { RLM_RMI2_COMMANDS(V2_ROW_) };

static const struct rlm_abi_table tables_[] = {
	{ RLM_RMI_V1_0, RLM_RMI_ABI_VERSION(1, 0), v1_cmds_,
	  sizeof(v1_cmds_) / sizeof(v1_cmds_[0]) },
	{ RLM_RMI_V2_0, RLM_RMI_ABI_VERSION(2, 0), v2_cmds_,
	  sizeof(v2_cmds_) / sizeof(v2_cmds_[0]) },
};

int rlm_abi_table(enum rlm_rmi_abi abi, const struct rlm_abi_table **out)
{
	if (!out)
		return RLM_EINVAL;
	*out = NULL;
	if ((unsigned int)abi >= sizeof(tables_) / sizeof(tables_[0]))
		return RLM_EINVAL;
	*out = &tables_[abi];
	return 0;
}

int rlm_abi_find(const struct rlm_abi_table *t, uint64_t fid,
		 const struct rlm_abi_cmd **out)
{
	size_t i;

	if (!t || !out)
		return RLM_EINVAL;
	*out = NULL;
	for (i = 0; i < t->count; i++) {
		if (t->cmds[i].fid == fid) {
			*out = &t->cmds[i];
			return 0;
		}
	}
	return RLM_ENOENT;
}
