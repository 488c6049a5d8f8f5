/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl abi: the RMI/RSI 1.0 commands librealm speaks (name, FID) and a
 * decoder for return values.
 *   realmctl abi [--json]
 *   realmctl abi decode rmi|rsi X0
 */
#include <string.h>

#include "realmctl.h"

struct abi_cmd {
	const char *name;
	uint64_t fid;
};

static const struct abi_cmd rmi_cmds[] = {
	{ "RMI_VERSION", RLM_SMC_RMI_VERSION },
	{ "RMI_GRANULE_DELEGATE", RLM_SMC_RMI_GRANULE_DELEGATE },
	{ "RMI_GRANULE_UNDELEGATE", RLM_SMC_RMI_GRANULE_UNDELEGATE },
	{ "RMI_DATA_CREATE", RLM_SMC_RMI_DATA_CREATE },
	{ "RMI_DATA_CREATE_UNKNOWN", RLM_SMC_RMI_DATA_CREATE_UNKNOWN },
	{ "RMI_DATA_DESTROY", RLM_SMC_RMI_DATA_DESTROY },
	{ "RMI_REALM_ACTIVATE", RLM_SMC_RMI_REALM_ACTIVATE },
	{ "RMI_REALM_CREATE", RLM_SMC_RMI_REALM_CREATE },
	{ "RMI_REALM_DESTROY", RLM_SMC_RMI_REALM_DESTROY },
	{ "RMI_REC_CREATE", RLM_SMC_RMI_REC_CREATE },
	{ "RMI_REC_DESTROY", RLM_SMC_RMI_REC_DESTROY },
	{ "RMI_REC_ENTER", RLM_SMC_RMI_REC_ENTER },
	{ "RMI_RTT_CREATE", RLM_SMC_RMI_RTT_CREATE },
	{ "RMI_RTT_DESTROY", RLM_SMC_RMI_RTT_DESTROY },
	{ "RMI_RTT_MAP_UNPROTECTED", RLM_SMC_RMI_RTT_MAP_UNPROTECTED },
	{ "RMI_RTT_READ_ENTRY", RLM_SMC_RMI_RTT_READ_ENTRY },
	{ "RMI_RTT_UNMAP_UNPROTECTED", RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED },
	{ "RMI_PSCI_COMPLETE", RLM_SMC_RMI_PSCI_COMPLETE },
	{ "RMI_FEATURES", RLM_SMC_RMI_FEATURES },
	{ "RMI_RTT_FOLD", RLM_SMC_RMI_RTT_FOLD },
	{ "RMI_REC_AUX_COUNT", RLM_SMC_RMI_REC_AUX_COUNT },
	{ "RMI_RTT_INIT_RIPAS", RLM_SMC_RMI_RTT_INIT_RIPAS },
	{ "RMI_RTT_SET_RIPAS", RLM_SMC_RMI_RTT_SET_RIPAS },
};

static const struct abi_cmd rsi_cmds[] = {
	{ "RSI_VERSION", RLM_SMC_RSI_VERSION },
	{ "RSI_FEATURES", RLM_SMC_RSI_FEATURES },
	{ "RSI_MEASUREMENT_READ", RLM_SMC_RSI_MEASUREMENT_READ },
	{ "RSI_MEASUREMENT_EXTEND", RLM_SMC_RSI_MEASUREMENT_EXTEND },
	{ "RSI_ATTESTATION_TOKEN_INIT", RLM_SMC_RSI_ATTESTATION_TOKEN_INIT },
	{ "RSI_ATTESTATION_TOKEN_CONTINUE", RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE },
	{ "RSI_REALM_CONFIG", RLM_SMC_RSI_REALM_CONFIG },
	{ "RSI_IPA_STATE_SET", RLM_SMC_RSI_IPA_STATE_SET },
	{ "RSI_IPA_STATE_GET", RLM_SMC_RSI_IPA_STATE_GET },
	{ "RSI_HOST_CALL", RLM_SMC_RSI_HOST_CALL },
};

static void list_text(const char *title, const struct abi_cmd *t, size_t n)
{
	size_t i;

	printf("%s\n", title);
	for (i = 0; i < n; i++)
		printf("  0x%08llx  %s%s\n", (unsigned long long)t[i].fid, t[i].name,
		       rlm_smc_needs_smccc_1_2(t[i].fid) ? "  (SMCCC 1.2)" : "");
}

static void list_json(struct json *j, const char *key, const struct abi_cmd *t,
		      size_t n)
{
	size_t i;

	json_key(j, key);
	json_arr_begin(j);
	for (i = 0; i < n; i++) {
		json_obj_begin(j);
		json_key(j, "name");
		json_str(j, t[i].name);
		json_key(j, "fid");
		json_u64(j, t[i].fid);
		json_key(j, "smccc_1_2");
		json_bool(j, rlm_smc_needs_smccc_1_2(t[i].fid));
		json_obj_end(j);
	}
	json_arr_end(j);
}

static int abi_decode(const char *iface, const char *value)
{
	uint64_t x0;
	uint8_t status, index;
	int rc;

	if (cli_parse_u64(value, &x0)) {
		cli_err("not a number: %s", value);
		return CLI_USAGE;
	}
	if (!strcmp(iface, "rmi")) {
		rc = rlm_rmi_decode(x0, &status, &index);
		if (rc == RLM_ECONDUIT) {
			printf("SMCCC_NOT_SUPPORTED (no RMM, or unknown FID)\n");
			return CLI_FAIL;
		}
		if (rc) {
			printf("not an RMI 1.0 return value: 0x%llx\n",
			       (unsigned long long)x0);
			return CLI_FAIL;
		}
		printf("%s index=%u", rlm_rmi_status_name(status), index);
		if (status == RLM_RMI_ERROR_RTT)
			printf(" level=%d", rlm_rmi_index_level(index));
		printf("\n");
		return CLI_OK;
	}
	if (!strcmp(iface, "rsi")) {
		rc = rlm_rsi_decode(x0, &status);
		if (rc == RLM_ECONDUIT) {
			printf("SMCCC_NOT_SUPPORTED (no RMM, or unknown FID)\n");
			return CLI_FAIL;
		}
		if (rc) {
			printf("not an RSI 1.0 status: 0x%llx\n",
			       (unsigned long long)x0);
			return CLI_FAIL;
		}
		printf("%s\n", rlm_rsi_status_name(status));
		return CLI_OK;
	}
	cli_err("usage: realmctl abi decode rmi|rsi X0");
	return CLI_USAGE;
}

int cmd_abi(int argc, char **argv)
{
	struct json j;

	if (argc == 4 && !strcmp(argv[1], "decode"))
		return abi_decode(argv[2], argv[3]);
	if (argc == 1) {
		list_text("RMI 1.0", rmi_cmds, RLM_ARRAY_SIZE(rmi_cmds));
		list_text("RSI 1.0", rsi_cmds, RLM_ARRAY_SIZE(rsi_cmds));
		return CLI_OK;
	}
	if (argc == 2 && !strcmp(argv[1], "--json")) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		list_json(&j, "rmi", rmi_cmds, RLM_ARRAY_SIZE(rmi_cmds));
		list_json(&j, "rsi", rsi_cmds, RLM_ARRAY_SIZE(rsi_cmds));
		json_obj_end(&j);
		json_finish(&j);
		return CLI_OK;
	}
	cli_err("usage: realmctl abi [--json] | realmctl abi decode rmi|rsi X0");
	return CLI_USAGE;
}
