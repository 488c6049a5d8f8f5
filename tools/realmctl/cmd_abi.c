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

/* The rows of the command tables in realm/abi.h, in FID order. */
#define RMI_ROW(name, verb, in, out) { "RMI_" #name, RLM_SMC_RMI_##name },
#define RSI_ROW(name, verb, in, out) { "RSI_" #name, RLM_SMC_RSI_##name },

static const struct abi_cmd rmi_cmds[] = { RLM_RMI_COMMANDS(RMI_ROW) };
static const struct abi_cmd rsi_cmds[] = { RLM_RSI_COMMANDS(RSI_ROW) };

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
