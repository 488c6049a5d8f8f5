/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl measure --log LOG [--image FILE]... [--allow-truncated]
 *                  [--refvals] [--rpv HEX] [--corim FILE] [--comid FILE] [--json]
 * The RIM a realm launch log describes (replayed through the RIM
 * calculator); --refvals prints the reference values (RIM, REMs, RPV, hash)
 * as JSON for a verifier, --corim / --comid as CoRIM / CoMID (rlm_refvals_corim).
 */
#include <stdlib.h>
#include <string.h>

#include "realmctl.h"
#include "cmd_eventlog.h"

static int usage(void)
{
	cli_err("usage: realmctl measure --log LOG [--image FILE]... [--pcr]"
		" [--allow-truncated] [--refvals] [--rpv HEX] [--corim FILE] [--comid FILE] [--json]");
	return CLI_USAGE;
}

int cmd_measure(int argc, char **argv)
{
	struct evl_images im = { .n = 0 };
	struct rlm_tcg_error err = { 0, NULL };
	struct rlm_tcg_replay_opts o;
	struct rlm_realm_mrs m;
	const char *path = NULL, *rpv_hex = NULL, *corim = NULL, *comid = NULL;
	bool as_json = false, pcr = false, refvals = false, allow_cut = false;
	uint8_t *buf = NULL, rpv[RLM_RPV_SIZE];
	size_t len, nev;
	int i, rc, ret = CLI_USAGE;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("realmctl measure --log LOG [--image FILE]...: the RIM a launch log describes\n");
		return CLI_OK;
	}
	memset(rpv, 0, sizeof(rpv));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			as_json = true;
		} else if (!strcmp(argv[i], "--mr-index")) {
			pcr = false; /* the default */
		} else if (!strcmp(argv[i], "--pcr")) {
			pcr = true;
		} else if (!strcmp(argv[i], "--allow-truncated")) {
			allow_cut = true;
		} else if (!strcmp(argv[i], "--refvals")) {
			refvals = true;
		} else if (!strcmp(argv[i], "--log") && i + 1 < argc && !path) {
			path = argv[++i];
		} else if (!strcmp(argv[i], "--corim") && i + 1 < argc) {
			corim = argv[++i];
		} else if (!strcmp(argv[i], "--comid") && i + 1 < argc) {
			comid = argv[++i];
		} else if (!strcmp(argv[i], "--rpv") && i + 1 < argc) {
			rpv_hex = argv[++i];
		} else if (!strcmp(argv[i], "--image") && i + 1 < argc) {
			if (evl_images_add(&im, argv[++i]))
				goto out;
		} else {
			ret = usage();
			goto out;
		}
	}
	if (!path || (rpv_hex && !refvals && !corim && !comid)) {
		ret = usage();
		goto out;
	}
	if (rpv_hex) {
		long n = cli_unhex(rpv_hex, rpv, sizeof(rpv));

		if (n < 0) {
			cli_err("--rpv wants up to 64 bytes of hex");
			goto out;
		}
	}
	rc = cli_read_file(path, &buf, &len);
	if (rc) {
		cli_err("cannot read %s: %s", path, rlm_strerror(rc));
		goto out;
	}
	evl_opts(&o, &im, pcr);
	if (allow_cut)
		o.flags |= RLM_TCG_REPLAY_ALLOW_TRUNCATED;
	rc = rlm_tcg_replay(buf, len, &o, &m, &nev, &err);
	if (rc) {
		ret = evl_report(path, rc, &err);
		goto out;
	}
	if (!m.have_rim && m.rim_needs_images) {
		cli_err("%s: no image matches the measured blob at offset %zu (0x%zx): the RIM needs the launch images (--image FILE)",
			path, err.offset, err.offset);
		goto out;
	}
	if (err.what) /* --allow-truncated: say what was left out */
		cli_err("%s: warning: %s at offset %zu: replayed the %zu whole events"
			" before it", path, err.what, err.offset, nev);
	if (!m.have_rim) {
		cli_err("%s: no REALM_CREATE event: the log does not describe a RIM", path);
		goto out;
	}
	/* The REMs as the log extended them (zero when it does not). */
	if (corim && cli_write_corim("--corim", corim, &m, rpv, 0))
		goto out;
	if (comid && cli_write_corim("--comid", comid, &m, rpv, RLM_REFVALS_COMID))
		goto out;
	ret = CLI_OK;
	if (refvals) {
		char out[1024];

		rc = rlm_refvals_json(&m, rpv, out, sizeof(out), NULL);
		if (rc) {
			cli_err("reference values: %s", rlm_strerror(rc));
			ret = CLI_USAGE;
			goto out;
		}
		printf("%s\n", out);
	} else if (as_json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "rim");
		json_hex(&j, m.rim, rlm_hash_size(m.algo));
		json_key(&j, "hash");
		json_str(&j, rlm_hash_name(m.algo));
		json_key(&j, "events");
		json_u64(&j, nev);
		if (err.what) {
			json_key(&j, "truncated_at");
			json_u64(&j, err.offset);
		}
		json_obj_end(&j);
		json_finish(&j);
	} else {
		cli_print_hex(stdout, m.rim, rlm_hash_size(m.algo));
		printf("\n");
	}
out:
	free(buf);
	evl_images_free(&im);
	return ret;
}
