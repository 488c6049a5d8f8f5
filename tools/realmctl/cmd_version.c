/* SPDX-License-Identifier: BSD-3-Clause */
/* realmctl version: the library's and the ABI versions it speaks. */
#include <string.h>

#include "realmctl.h"

int cmd_version(int argc, char **argv)
{
	struct json j;
	bool as_json = argc > 1 && !strcmp(argv[1], "--json");

	if (argc > 2 || (argc == 2 && !as_json)) {
		cli_err("usage: realmctl version [--json]");
		return CLI_USAGE;
	}
	if (!as_json) {
		printf("librealm: RMI %d.%d, RSI %d.%d\n",
		       RLM_RMI_ABI_MAJOR_VERSION, RLM_RMI_ABI_MINOR_VERSION,
		       RLM_RSI_ABI_VERSION_MAJOR, RLM_RSI_ABI_VERSION_MINOR);
		return CLI_OK;
	}
	json_init(&j, stdout);
	json_obj_begin(&j);
	json_key(&j, "rmi");
	json_str(&j, "1.0");
	json_key(&j, "rsi");
	json_str(&j, "1.0");
	json_key(&j, "hashes");
	json_arr_begin(&j);
	json_str(&j, "sha256");
	json_str(&j, "sha512");
	json_arr_end(&j);
	json_obj_end(&j);
	json_finish(&j);
	return CLI_OK;
}
