/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 1.0 / 2.0 and RSI 1.0 / 1.1 negotiation and the RMM 2.0 bootstrap
 * (realm/rmi2.h; TF-RMM 9a7f8ef46378320ad69140a42e51c1ccf5914661).
 */
#include <realm/rmi2.h>
#include <realm/rsi.h>
#include <realm/error.h>
#include "abi/call2.h"

/* One VERSION call into info; the typed call's rc. */
static int ask_(const struct rlm_conduit *c, unsigned int iface,
		uint64_t version, struct rlm_version_info *info)
{
	uint64_t lower = 0, higher = 0;
	int rc;

	rlm_memset(info, 0, sizeof(*info));
	info->iface = iface;
	info->requested = version;
	if (iface == RLM_VERSION_IFACE_RMI) {
		struct rlm_rmi_result res = { 0, 0, 0 };

		rc = rlm_rmi_version(c, version, &lower, &higher, &res);
		if (rc != 0 && rc != RLM_ERMI)
			return rc;
		info->status = res.status;
	} else {
		struct rlm_rsi_result res;

		rlm_memset(&res, 0, sizeof(res));
		rc = rlm_rsi_version(c, version, &lower, &higher, &res);
		if (rc != 0 && rc != RLM_ERSI)
			return rc;
		info->status = res.status;
	}
	info->answered = true;
	info->lower = lower;
	info->higher = higher;
	return rc;
}

/*
 * The common rule over the two revisions a side speaks: ask pref; on
 * ERROR_INPUT (1 for both RMI and RSI) with alt inside [X1, X2], ask alt.
 */
static int negotiate_(const struct rlm_conduit *c, unsigned int iface,
		      uint64_t pref, uint64_t alt, struct rlm_negotiation *out)
{
	const int eproto = iface == RLM_VERSION_IFACE_RMI ? RLM_ERMI : RLM_ERSI;
	int rc;

	out->iface = iface;
	rc = ask_(c, iface, pref, &out->first);
	out->asked = 1;
	out->last = out->first;
	if (rc == 0) {
		out->version = pref;
		return 0;
	}
	if (!out->first.answered)
		return rc;
	if (out->first.status != RLM_RMI_ERROR_INPUT)
		return eproto;
	if (alt < out->first.lower || alt > out->first.higher)
		return RLM_EVERSION;
	rc = ask_(c, iface, alt, &out->last);
	out->asked = 2;
	if (rc == 0) {
		out->version = alt;
		return 0;
	}
	if (!out->last.answered)
		return rc;
	return out->last.status == RLM_RMI_ERROR_INPUT ? RLM_EVERSION : eproto;
}

int rlm_rmi_negotiate(const struct rlm_conduit *c, enum rlm_rmi_abi prefer,
		      struct rlm_negotiation *out)
{
	const uint64_t v1 = RLM_RMI_ABI_VERSION(1, 0), v2 = RLM_RMI_ABI_VERSION_2_0;
	int rc;

	if (!rlm_conduit_ok_(c) || !out ||
	    (prefer != RLM_RMI_V1_0 && prefer != RLM_RMI_V2_0))
		return RLM_EINVAL;
	rlm_memset(out, 0, sizeof(*out));
	rc = prefer == RLM_RMI_V2_0 ? negotiate_(c, RLM_VERSION_IFACE_RMI, v2, v1, out)
				    : negotiate_(c, RLM_VERSION_IFACE_RMI, v1, v2, out);
	if (rc == 0)
		out->abi = out->version == v2 ? RLM_RMI_V2_0 : RLM_RMI_V1_0;
	return rc;
}

int rlm_rsi_negotiate(const struct rlm_conduit *c, uint64_t prefer,
		      struct rlm_negotiation *out)
{
	uint64_t alt;

	if (!rlm_conduit_ok_(c) || !out)
		return RLM_EINVAL;
	if (prefer == RLM_RSI_ABI_VERSION_1_1)
		alt = RLM_RSI_ABI_VERSION_1_0;
	else if (prefer == RLM_RSI_ABI_VERSION_1_0)
		alt = RLM_RSI_ABI_VERSION_1_1;
	else
		return RLM_EINVAL;
	rlm_memset(out, 0, sizeof(*out));
	return negotiate_(c, RLM_VERSION_IFACE_RSI, prefer, alt, out);
}

static int config_call_(const struct rlm_conduit *c, uint64_t fid,
			uint64_t config, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_conduit_ok_(c) || config == 0 || !rlm_granule_aligned_(config))
		return RLM_EINVAL;
	rlm_regs_set_(&r, fid, config, 0, 0, 0, 0);
	return rlm_rmi2_call_(c, &r, res);
}

int rlm_rmi2_rmm_config_get(const struct rlm_conduit *c, uint64_t config,
			    struct rlm_rmi_result *res)
{
	return config_call_(c, RLM_SMC_RMI2_RMM_CONFIG_GET, config, res);
}

int rlm_rmi2_rmm_config_set(const struct rlm_conduit *c, uint64_t config,
			    struct rlm_rmi_result *res)
{
	return config_call_(c, RLM_SMC_RMI2_RMM_CONFIG_SET, config, res);
}

int rlm_rmi2_rmm_activate(const struct rlm_conduit *c,
			  struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	rlm_regs_set_(&r, RLM_SMC_RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0);
	return rlm_rmi2_call_(c, &r, res);
}

int rlm_rmi2_rmm_bootstrap(const struct rlm_conduit *c, uint64_t config,
			   unsigned int *step, struct rlm_rmi_result *res)
{
	int rc;

	if (step)
		*step = 0;
	if (!rlm_conduit_ok_(c) || config == 0 || !rlm_granule_aligned_(config))
		return RLM_EINVAL;
	if (step)
		*step = 1;
	rc = rlm_rmi2_rmm_config_set(c, config, res);
	if (rc)
		return rc;
	if (step)
		*step = 2;
	return rlm_rmi2_rmm_activate(c, res);
}
