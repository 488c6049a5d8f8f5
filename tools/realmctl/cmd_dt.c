/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl dt: device trees for realms.
 *   dt check --ipa-bits N DTB [--json]   the Linux realm boot contract
 *   dt ram DTB [--json]                  RAM ranges (what INIT_RIPAS covers)
 *   dt fixup --ipa-bits N IN OUT [--efi-secret BASE,SIZE]
 *                                        console to its shared alias, and a
 *                                        reserved-memory node for the secret
 */
#include <stdlib.h>
#include <string.h>

#include "realmctl.h"

static void usage(void)
{
	cli_err("usage: realmctl dt check --ipa-bits N DTB [--json]\n"
		"       realmctl dt ram DTB [--json]\n"
		"       realmctl dt fixup --ipa-bits N IN OUT [--efi-secret BASE,SIZE]");
}

struct dt_args {
	unsigned int ipa_bits;
	bool have_bits, json;
	const char *files[2];
	int nfiles;
	bool have_secret;
	uint64_t secret_base, secret_size;
};

static int parse(int argc, char **argv, struct dt_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 2; i < argc; i++) {
		uint64_t v;

		if (!strcmp(argv[i], "--json")) {
			a->json = true;
		} else if (!strcmp(argv[i], "--ipa-bits") && i + 1 < argc) {
			if (cli_parse_u64(argv[++i], &v) || v < RLM_DT_IPA_BITS_MIN ||
			    v > RLM_DT_IPA_BITS_MAX) {
				cli_err("--ipa-bits must be %d..%d", RLM_DT_IPA_BITS_MIN,
					RLM_DT_IPA_BITS_MAX);
				return -1;
			}
			a->ipa_bits = (unsigned int)v;
			a->have_bits = true;
		} else if (!strcmp(argv[i], "--efi-secret") && i + 1 < argc) {
			char *comma = strchr(argv[++i], ',');

			if (!comma)
				return -1;
			*comma = 0;
			if (cli_parse_u64(argv[i], &a->secret_base) ||
			    cli_parse_u64(comma + 1, &a->secret_size) ||
			    !a->secret_size)
				return -1;
			a->have_secret = true;
		} else if ((argv[i][0] != '-' || !argv[i][1]) && a->nfiles < 2) {
			a->files[a->nfiles++] = argv[i];
		} else {
			return -1;
		}
	}
	return 0;
}

static void hexstr(char *buf, size_t len, uint64_t v)
{
	snprintf(buf, len, "0x%llx", (unsigned long long)v);
}

static void json_ranges(struct json *j, const struct rlm_dt_range *r, size_t n)
{
	char b[24];
	size_t i;

	json_arr_begin(j);
	for (i = 0; i < n; i++) {
		json_arr_begin(j);
		hexstr(b, sizeof(b), r[i].base);
		json_str(j, b);
		hexstr(b, sizeof(b), r[i].size);
		json_str(j, b);
		json_arr_end(j);
	}
	json_arr_end(j);
}

static int load(const char *path, uint8_t **buf, size_t *len)
{
	int err = cli_read_file(path, buf, len);

	if (err)
		cli_err("%s: %s", path, rlm_strerror(err));
	return err;
}

static int dt_check(const struct dt_args *a)
{
	static struct rlm_dt_report r;
	uint8_t *buf;
	size_t len, i;
	int err;

	if (!a->have_bits || a->nfiles != 1) {
		usage();
		return CLI_USAGE;
	}
	if (load(a->files[0], &buf, &len))
		return CLI_USAGE;
	err = rlm_dt_check(buf, len, a->ipa_bits, &r);
	free(buf);
	if (err) {
		cli_err("%s: not a valid device tree: %s", a->files[0], rlm_strerror(err));
		return CLI_USAGE;
	}
	if (a->json) {
		struct json j;
		char b[24];

		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "ipa_bits");
		json_u64(&j, r.ipa_bits);
		json_key(&j, "ok");
		json_bool(&j, r.ok);
		json_key(&j, "ram");
		json_ranges(&j, r.ram, r.nram);
		json_key(&j, "console");
		if (r.have_console) {
			json_obj_begin(&j);
			json_key(&j, "path");
			json_str(&j, r.console_path);
			json_key(&j, "base");
			hexstr(b, sizeof(b), r.console.base);
			json_str(&j, b);
			json_key(&j, "size");
			hexstr(b, sizeof(b), r.console.size);
			json_str(&j, b);
			json_obj_end(&j);
		} else {
			json_null(&j);
		}
		json_key(&j, "findings");
		json_arr_begin(&j);
		for (i = 0; i < r.nfindings && i < RLM_DT_MAX_FINDINGS; i++)
			json_str(&j, r.findings[i]);
		json_arr_end(&j);
		json_obj_end(&j);
		json_finish(&j);
	} else {
		for (i = 0; i < r.nram; i++)
			printf("ram      0x%llx+0x%llx\n",
			       (unsigned long long)r.ram[i].base,
			       (unsigned long long)r.ram[i].size);
		if (r.have_console)
			printf("console  %s at 0x%llx+0x%llx\n", r.console_path,
			       (unsigned long long)r.console.base,
			       (unsigned long long)r.console.size);
		for (i = 0; i < r.nfindings && i < RLM_DT_MAX_FINDINGS; i++)
			printf("finding: %s\n", r.findings[i]);
		if (r.nfindings > RLM_DT_MAX_FINDINGS)
			printf("finding: ... and %zu more\n",
			       r.nfindings - RLM_DT_MAX_FINDINGS);
		printf("%s (IPA width %u)\n", r.ok ? "ok" : "NOT OK", r.ipa_bits);
	}
	return r.ok ? CLI_OK : CLI_FAIL;
}

static int dt_ram(const struct dt_args *a)
{
	struct rlm_dt_range ram[RLM_DT_MAX_RAM];
	uint8_t *buf;
	size_t len, n, i;
	int err;

	if (a->nfiles != 1 || a->have_bits) {
		usage();
		return CLI_USAGE;
	}
	if (load(a->files[0], &buf, &len))
		return CLI_USAGE;
	err = rlm_dt_ram_ranges(buf, len, ram, RLM_DT_MAX_RAM, &n);
	free(buf);
	if (err) {
		cli_err("%s: %s", a->files[0], rlm_strerror(err));
		return CLI_USAGE;
	}
	if (a->json) {
		struct json j;

		json_init(&j, stdout);
		json_ranges(&j, ram, n);
		json_finish(&j);
	} else {
		for (i = 0; i < n; i++)
			printf("0x%llx 0x%llx\n", (unsigned long long)ram[i].base,
			       (unsigned long long)ram[i].size);
	}
	return CLI_OK;
}

static int dt_fixup(const struct dt_args *a)
{
	uint8_t *buf, *big;
	size_t len, cap;
	FILE *f;
	int err;

	if (!a->have_bits || a->nfiles != 2 || a->json) {
		usage();
		return CLI_USAGE;
	}
	if (load(a->files[0], &buf, &len))
		return CLI_USAGE;
	cap = len + 4096;
	big = realloc(buf, cap);
	if (!big) {
		free(buf);
		return CLI_USAGE;
	}
	err = rlm_dt_fixup_console(big, cap, a->ipa_bits);
	if (!err && a->have_secret)
		err = rlm_dt_add_reserved(big, cap, "efi-secret", a->secret_base,
					  a->secret_size);
	if (err) {
		cli_err("%s: fix-up failed: %s", a->files[0], rlm_strerror(err));
		free(big);
		return err == RLM_EMALFORMED || err == RLM_ETRUNC ? CLI_USAGE : CLI_FAIL;
	}
	f = fopen(a->files[1], "wb");
	len = (size_t)(((uint32_t)big[4] << 24) | ((uint32_t)big[5] << 16) |
		       ((uint32_t)big[6] << 8) | big[7]); /* fdt totalsize */
	if (!f || fwrite(big, 1, len, f) != len) {
		cli_err("%s: cannot write", a->files[1]);
		if (f)
			fclose(f);
		free(big);
		return CLI_USAGE;
	}
	fclose(f);
	free(big);
	return CLI_OK;
}

int cmd_dt(int argc, char **argv)
{
	struct dt_args a;

	if (argc < 2) {
		usage();
		return CLI_USAGE;
	}
	if (!strcmp(argv[1], "--help")) {
		printf("realmctl dt check --ipa-bits N DTB [--json]\n"
		       "realmctl dt ram DTB [--json]\n"
		       "realmctl dt fixup --ipa-bits N IN OUT [--efi-secret BASE,SIZE]\n");
		return CLI_OK;
	}
	if (parse(argc, argv, &a)) {
		usage();
		return CLI_USAGE;
	}
	if (!strcmp(argv[1], "check"))
		return dt_check(&a);
	if (!strcmp(argv[1], "ram"))
		return dt_ram(&a);
	if (!strcmp(argv[1], "fixup"))
		return dt_fixup(&a);
	usage();
	return CLI_USAGE;
}
