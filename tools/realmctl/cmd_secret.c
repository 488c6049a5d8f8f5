/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl secret: EFI confidential-computing secret areas.
 *
 *   realmctl secret list AREA [--json]      entries and their lengths
 *   realmctl secret get AREA GUID [--out F] one entry's data (raw bytes)
 *   realmctl secret build OUT GUID=FILE...  build an area (for a VMM)
 *
 * Secret bytes are wiped from memory after use.  Exit 0 ok, 1 entry not
 * found, 2 usage or a malformed area.
 */
#include <stdlib.h>
#include <string.h>

#include "realmctl.h"

static void wipe_free(uint8_t *p, size_t n)
{
	if (p)
		rlm_memzero_explicit(p, n);
	free(p);
}

static int load_area(const char *path, uint8_t **buf, size_t *len)
{
	int ret = cli_read_file(path, buf, len);

	if (ret) {
		cli_err("%s: cannot read: %s", path, rlm_strerror(ret));
		return CLI_USAGE;
	}
	ret = rlm_secret_area_check(*buf, *len, NULL);
	if (ret) {
		cli_err("%s: %s: %s", path,
			ret == RLM_ENOENT ? "no secret table header GUID"
					  : "inconsistent secret area",
			rlm_errname(ret));
		wipe_free(*buf, *len);
		*buf = NULL;
		return CLI_USAGE;
	}
	return CLI_OK;
}

static int secret_list(int argc, char **argv)
{
	struct rlm_secret_entry e;
	bool as_json = false;
	const char *path = NULL;
	char guid[RLM_GUID_STR_LEN + 1];
	uint8_t *buf;
	size_t len, cur = 0;
	struct json j;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			as_json = true;
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			path = NULL, i = argc;
	}
	if (!path) {
		cli_err("usage: realmctl secret list AREA [--json]");
		return CLI_USAGE;
	}
	rc = load_area(path, &buf, &len);
	if (rc)
		return rc;
	if (as_json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "entries");
		json_arr_begin(&j);
	}
	while (!rlm_secret_area_next(buf, len, &cur, &e)) {
		rlm_guid_format(&e.guid, guid);
		if (as_json) {
			json_obj_begin(&j);
			json_key(&j, "guid");
			json_str(&j, guid);
			json_key(&j, "len");
			json_u64(&j, e.len);
			json_obj_end(&j);
		} else {
			printf("%s %zu\n", guid, e.len);
		}
	}
	if (as_json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_finish(&j);
	}
	wipe_free(buf, len);
	return CLI_OK;
}

static int secret_get(int argc, char **argv)
{
	struct rlm_secret_entry e;
	struct rlm_guid g;
	const char *out = NULL;
	uint8_t *buf;
	size_t len;
	FILE *f = stdout;
	int rc, ret;

	if (argc == 5 && !strcmp(argv[3], "--out"))
		out = argv[4];
	else if (argc != 3)
		goto usage;
	if (rlm_guid_parse(argv[2], &g)) {
		cli_err("%s: not a GUID", argv[2]);
		return CLI_USAGE;
	}
	rc = load_area(argv[1], &buf, &len);
	if (rc)
		return rc;
	ret = rlm_secret_area_find(buf, len, &g, &e);
	if (ret) {
		cli_err("%s: no entry %s", argv[1], argv[2]);
		wipe_free(buf, len);
		return CLI_FAIL;
	}
	if (out && !(f = fopen(out, "wb"))) {
		cli_err("%s: cannot write", out);
		wipe_free(buf, len);
		return CLI_USAGE;
	}
	rc = fwrite(e.data, 1, e.len, f) == e.len ? CLI_OK : CLI_USAGE;
	if (out)
		fclose(f);
	else
		fflush(f);
	wipe_free(buf, len);
	return rc;
usage:
	cli_err("usage: realmctl secret get AREA GUID [--out FILE]");
	return CLI_USAGE;
}

static int secret_build(int argc, char **argv)
{
	struct rlm_secret_builder b;
	uint8_t *area = NULL;
	size_t cap = RLM_SECRET_HEADER_SIZE, len;
	FILE *f;
	int i, ret, rc = CLI_USAGE;

	if (argc < 2 || argv[1][0] == '-') {
		cli_err("usage: realmctl secret build OUT GUID=FILE...");
		return CLI_USAGE;
	}
	/* two passes: sizes, then content */
	for (i = 2; i < argc; i++) {
		uint8_t *d;
		size_t n;
		char *eq = strchr(argv[i], '=');

		if (!eq || eq - argv[i] != RLM_GUID_STR_LEN) {
			cli_err("%s: expected GUID=FILE", argv[i]);
			return CLI_USAGE;
		}
		ret = cli_read_file(eq + 1, &d, &n);
		if (ret) {
			cli_err("%s: cannot read: %s", eq + 1, rlm_strerror(ret));
			return CLI_USAGE;
		}
		wipe_free(d, n);
		cap += RLM_SECRET_ENTRY_HEADER_SIZE + n;
	}
	area = calloc(1, cap);
	if (!area || rlm_secret_build_init(&b, area, cap))
		goto out;
	for (i = 2; i < argc; i++) {
		struct rlm_guid g;
		uint8_t *d;
		size_t n;
		char gs[RLM_GUID_STR_LEN + 1];

		memcpy(gs, argv[i], RLM_GUID_STR_LEN);
		gs[RLM_GUID_STR_LEN] = 0;
		if (rlm_guid_parse(gs, &g)) {
			cli_err("%s: not a GUID", gs);
			goto out;
		}
		if (cli_read_file(argv[i] + RLM_GUID_STR_LEN + 1, &d, &n))
			goto out;
		ret = rlm_secret_build_add(&b, &g, d, n);
		wipe_free(d, n);
		if (ret) {
			cli_err("%s: %s", gs, rlm_strerror(ret));
			goto out;
		}
	}
	if (rlm_secret_build_finish(&b, &len))
		goto out;
	f = fopen(argv[1], "wb");
	if (!f) {
		cli_err("%s: cannot write", argv[1]);
		goto out;
	}
	rc = fwrite(area, 1, len, f) == len ? CLI_OK : CLI_USAGE;
	if (fclose(f))
		rc = CLI_USAGE;
out:
	wipe_free(area, cap);
	return rc;
}

int cmd_secret(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return secret_list(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "get"))
		return secret_get(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "build"))
		return secret_build(argc - 1, argv + 1);
	cli_err("usage: realmctl secret list|get|build ...");
	return CLI_USAGE;
}
