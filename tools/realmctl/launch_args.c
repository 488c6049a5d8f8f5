/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl launch: the command line.  One table row per flag: its name, the
 * placeholder of its value (NULL for a plain flag), how it shows in the
 * usage text and the setter that stores it in struct launch_opts.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "launch.h"
#include <realm/kvm.h>

struct launch_option {
	const char *name;
	const char *metavar; /* NULL: takes no value */
	unsigned int flags;  /* OPT_* */
	int (*set)(struct launch_opts *o, const char *value);
};

#define OPT_REQUIRED 1u /* shown without brackets in the usage text */
#define OPT_REPEAT 2u   /* may be given more than once: "..." */
#define OPT_WRAP 4u     /* starts a new line of the usage text */

static int set_mock_(struct launch_opts *o, const char *v)
{
	(void)v;
	o->mock = true;
	return LAUNCH_OK;
}

static int set_kvm_model_(struct launch_opts *o, const char *v)
{
	static const struct { const char *n; int s; } t[] = {
		{ "v10", RLM_KVM_V10 }, { "nv", RLM_KVM_NV_RMI }, { "v12", RLM_KVM_V12 },
		{ "v13", RLM_KVM_V13 }, { "v14", RLM_KVM_V14 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(v, t[i].n)) {
			o->kvm_model = t[i].s;
			o->mock = true;
			return LAUNCH_OK;
		}
	return LAUNCH_BAD_USAGE;
}

static int set_mec_(struct launch_opts *o, const char *v)
{
	if (!strcmp(v, "shared"))
		o->mec = 1;
	else if (!strcmp(v, "private"))
		o->mec = 2;
	else
		return LAUNCH_BAD_USAGE;
	return LAUNCH_OK;
}

static int add_load_(struct launch_opts *o, const char *arg, bool measured);

/* --dtb FILE: measured, at RAM base + 0x2000000 (checked by the plan),
 * its address in the boot vCPU's x0. */
static int set_dtb_(struct launch_opts *o, const char *v)
{
	char arg[4200];

	o->have_dtb = true;
	o->dtb_ipa = 0x42000000;
	int ret;

	if ((size_t)snprintf(arg, sizeof(arg), "%s@0x42000000", v) >= sizeof(arg))
		return LAUNCH_BAD_USAGE;
	ret = add_load_(o, arg, true);
	if (!ret)
		o->loads[o->nload - 1].im.name = "dtb";
	return ret;
}

static int set_json_(struct launch_opts *o, const char *v)
{
	(void)v;
	o->json = true;
	return LAUNCH_OK;
}

static int set_hash_(struct launch_opts *o, const char *v)
{
	if (!strcmp(v, "sha256"))
		o->hash = RLM_RMI_HASH_SHA_256;
	else if (!strcmp(v, "sha512"))
		o->hash = RLM_RMI_HASH_SHA_512;
	else
		return LAUNCH_BAD_USAGE;
	return LAUNCH_OK;
}

/* An unsigned number in [lo, hi]. */
static int u64_in_(const char *v, uint64_t *out, uint64_t lo, uint64_t hi)
{
	if (cli_parse_u64(v, out) || *out < lo || *out > hi)
		return LAUNCH_BAD_USAGE;
	return LAUNCH_OK;
}

static int set_ipa_bits_(struct launch_opts *o, const char *v)
{
	return u64_in_(v, &o->ipa_bits, 32, 52);
}

/* Breakpoint and watchpoint counts as the host reports them: 2..16
 * (Arm DEN0137 1.0-rel0 RmiFeatureRegister0 NUM_BPS/NUM_WPS hold
 * count - 1, and so do the realm parameters). */
static int set_num_bps_(struct launch_opts *o, const char *v)
{
	return u64_in_(v, &o->num_bps, 2, 16);
}

static int set_num_wps_(struct launch_opts *o, const char *v)
{
	return u64_in_(v, &o->num_wps, 2, 16);
}

/* SVE vector length in bits: a multiple of 128 up to 2048. */
static int set_sve_vl_(struct launch_opts *o, const char *v)
{
	int ret = u64_in_(v, &o->sve_vl, 128, 2048);

	if (!ret && o->sve_vl % 128) {
		cli_err("--sve-vl %s: not a multiple of 128 bits", v);
		return LAUNCH_BAD_INPUT;
	}
	return ret;
}

/* PMU with N event counters (0..31). */
static int set_pmu_ctrs_(struct launch_opts *o, const char *v)
{
	o->pmu = true;
	return u64_in_(v, &o->pmu_num_ctrs, 0, 31);
}

static int set_lpa2_(struct launch_opts *o, const char *v)
{
	(void)v;
	o->lpa2 = true;
	return LAUNCH_OK;
}

/* Realm personalisation value: up to 64 bytes of hex. */
static int set_rpv_(struct launch_opts *o, const char *v)
{
	size_t n = strlen(v), i;

	if (n == 0 || n % 2 || n > 2 * RLM_RPV_SIZE) {
		cli_err("--rpv %s: want 2 to %d hex digits, an even number", v,
			2 * RLM_RPV_SIZE);
		return LAUNCH_BAD_INPUT;
	}
	memset(o->rpv, 0, sizeof(o->rpv));
	for (i = 0; i < n / 2; i++) {
		char b[3] = { v[2 * i], v[2 * i + 1], 0 };
		char *end;
		unsigned long x = strtoul(b, &end, 16);

		if (*end || !isxdigit((unsigned char)b[0])) {
			cli_err("--rpv %s: not hex", v);
			return LAUNCH_BAD_INPUT;
		}
		o->rpv[i] = (uint8_t)x;
	}
	return LAUNCH_OK;
}

/* N=VALUE: the boot vCPU's xN (0..7) at REC_CREATE. */
static int set_gpr_(struct launch_opts *o, const char *v)
{
	uint64_t n;

	if (v[0] < '0' || v[0] > '7' || v[1] != '=' || cli_parse_u64(v + 2, &n)) {
		cli_err("--gpr %s: want N=VALUE with N in 0..7", v);
		return LAUNCH_BAD_INPUT;
	}
	o->have_gpr[v[0] - '0'] = true;
	o->gpr[v[0] - '0'] = n;
	return LAUNCH_OK;
}

static int set_vcpus_(struct launch_opts *o, const char *v)
{
	return u64_in_(v, &o->nvcpus, 1, LAUNCH_MAX_VCPUS);
}

static int set_entry_(struct launch_opts *o, const char *v)
{
	o->have_entry = true;
	return u64_in_(v, &o->entry, 0, UINT64_MAX);
}

static int set_rmm_(struct launch_opts *o, const char *v)
{
	if (!strcmp(v, "1.0"))
		o->rmm = RLM_RMI_V1_0;
	else if (!strcmp(v, "2.0"))
		o->rmm = RLM_RMI_V2_0;
	else
		return LAUNCH_BAD_USAGE;
	return LAUNCH_OK;
}

static int set_ripas_level_(struct launch_opts *o, const char *v)
{
	return u64_in_(v, &o->ripas_level, 1, 3);
}

static int set_log_(struct launch_opts *o, const char *v)
{
	o->log_path = v;
	return LAUNCH_OK;
}

static int set_corim_(struct launch_opts *o, const char *v)
{
	o->corim_path = v;
	return LAUNCH_OK;
}

static int set_refvals_(struct launch_opts *o, const char *v)
{
	o->refvals_path = v;
	return LAUNCH_OK;
}

/* BASE:SIZE */
static int set_ram_(struct launch_opts *o, const char *v)
{
	const char *colon = strchr(v, ':');
	struct rlm_launch_ram *r;
	char base[64];

	if (!colon || o->nram == LAUNCH_MAX_RAM || (size_t)(colon - v) >= sizeof(base))
		return LAUNCH_BAD_USAGE;
	r = &o->ram[o->nram];
	memcpy(base, v, (size_t)(colon - v));
	base[colon - v] = 0;
	if (cli_parse_u64(base, &r->base) || cli_parse_u64(colon + 1, &r->size))
		return LAUNCH_BAD_USAGE;
	o->nram++;
	return LAUNCH_OK;
}

/* FILE@IPA: reads FILE now. */
static int add_load_(struct launch_opts *o, const char *arg, bool measured)
{
	const char *at = strrchr(arg, '@');
	struct launch_load *l;
	char path[4096];
	size_t len;

	if (o->nload == LAUNCH_MAX_LOAD)
		return LAUNCH_BAD_USAGE;
	l = &o->loads[o->nload];
	if (!at || at == arg || (size_t)(at - arg) >= sizeof(path))
		return LAUNCH_BAD_USAGE;
	memcpy(path, arg, (size_t)(at - arg));
	path[at - arg] = 0;
	if (cli_parse_u64(at + 1, &l->im.ipa))
		return LAUNCH_BAD_USAGE;
	if (cli_read_file(path, &l->buf, &len)) {
		cli_err("cannot read %s", path);
		return LAUNCH_BAD_INPUT;
	}
	if (!len) {
		cli_err("%s is empty", path);
		free(l->buf);
		l->buf = NULL;
		return LAUNCH_BAD_INPUT;
	}
	l->im.data = l->buf;
	l->im.len = len;
	l->im.measured = measured;
	l->im.name = arg;
	o->nload++;
	return LAUNCH_OK;
}

static int set_load_(struct launch_opts *o, const char *v)
{
	return add_load_(o, v, true);
}

static int set_load_unmeasured_(struct launch_opts *o, const char *v)
{
	return add_load_(o, v, false);
}

/* In usage-text order. */
static const struct launch_option options_[] = {
	{ "--mock", NULL, OPT_REQUIRED, set_mock_ },
	{ "--kvm-model", "v10|nv|v12|v13|v14", 0, set_kvm_model_ },
	{ "--dtb", "FILE", 0, set_dtb_ },
	{ "--hash", "sha256|sha512", 0, set_hash_ },
	{ "--ipa-bits", "N", 0, set_ipa_bits_ },
	{ "--ram", "BASE:SIZE", OPT_REPEAT | OPT_WRAP, set_ram_ },
	{ "--load", "FILE@IPA", OPT_REPEAT, set_load_ },
	{ "--load-unmeasured", "FILE@IPA", OPT_REPEAT, set_load_unmeasured_ },
	{ "--vcpus", "N", OPT_WRAP, set_vcpus_ },
	{ "--entry", "PC", 0, set_entry_ },
	{ "--ripas-level", "1|2|3", 0, set_ripas_level_ },
	{ "--gpr", "N=VALUE", OPT_REPEAT, set_gpr_ },
	{ "--num-bps", "N", OPT_WRAP, set_num_bps_ },
	{ "--num-wps", "N", 0, set_num_wps_ },
	{ "--sve-vl", "BITS", 0, set_sve_vl_ },
	{ "--pmu-num-ctrs", "N", 0, set_pmu_ctrs_ },
	{ "--lpa2", NULL, 0, set_lpa2_ },
	{ "--rpv", "HEX", 0, set_rpv_ },
	{ "--mec", "shared|private", 0, set_mec_ },
	{ "--log", "OUT", 0, set_log_ },
	{ "--json", NULL, 0, set_json_ },
	{ "--corim", "OUT", 0, set_corim_ },
	{ "--refvals", "OUT", 0, set_refvals_ },
	{ "--rmm", "1.0|2.0", OPT_WRAP, set_rmm_ },
};

#define NOPTIONS (sizeof(options_) / sizeof(options_[0]))

void launch_usage(void)
{
	char text[1536];
	size_t n, i;

	n = (size_t)snprintf(text, sizeof(text), "usage: realmctl launch");
	for (i = 0; i < NOPTIONS && n < sizeof(text); i++) {
		const struct launch_option *op = &options_[i];
		bool req = op->flags & OPT_REQUIRED;

		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s%s%s%s%s%s",
				      op->flags & OPT_WRAP ? "\n         " : " ",
				      req ? "" : "[", op->name,
				      op->metavar ? " " : "",
				      op->metavar ? op->metavar : "",
				      req ? "" : "]",
				      op->flags & OPT_REPEAT ? "..." : "");
	}
	cli_err("%s", text);
}

static const struct launch_option *find_(const char *name)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if (!strcmp(options_[i].name, name))
			return &options_[i];
	return NULL;
}

int launch_parse_args(int argc, char **argv, struct launch_opts *o)
{
	int i, ret;

	memset(o, 0, sizeof(*o));
	o->hash = RLM_RMI_HASH_SHA_256;
	o->ipa_bits = 40;
	o->nvcpus = 1;
	o->ripas_level = 2;
	o->num_bps = 2;
	o->num_wps = 2;
	for (i = 1; i < argc; i++) {
		const struct launch_option *op = find_(argv[i]);
		const char *v = NULL;

		if (!op) {
			cli_err("launch: unknown option %s", argv[i]);
			return LAUNCH_BAD_USAGE;
		}
		if (op->metavar) {
			if (i + 1 >= argc) {
				cli_err("launch: %s needs a value (%s)", op->name, op->metavar);
				return LAUNCH_BAD_USAGE;
			}
			v = argv[++i];
		}
		ret = op->set(o, v);
		if (ret == LAUNCH_BAD_USAGE)
			cli_err("launch: %s %s: invalid value (want %s)", op->name, v ? v : "",
				op->metavar ? op->metavar : "no value");
		if (ret)
			return ret;
	}
	if (o->ipa_bits > 48 && !o->lpa2) {
		cli_err("launch: --ipa-bits %llu needs --lpa2 (more than 48 bits)",
			(unsigned long long)o->ipa_bits);
		return LAUNCH_BAD_INPUT;
	}
	for (i = 0; o->kvm_model && (size_t)i < o->nram; i++) {
		/* the distributor, then one 128 KiB redistributor per vCPU */
		uint64_t gic_end = 0x080a0000 + 0x20000 * o->nvcpus;

		if (o->ram[i].base < gic_end &&
		    o->ram[i].base + o->ram[i].size > 0x08000000) {
			cli_err("launch: --kvm-model puts the vGICv3 at [0x08000000, %#llx): "
				"RAM may not overlap it", (unsigned long long)gic_end);
			return LAUNCH_BAD_INPUT;
		}
	}
	if (o->rmm == RLM_RMI_V2_0 && o->kvm_model) {
		cli_err("launch: --kvm-model runs over an RMM 1.0 mock: not with --rmm 2.0");
		return LAUNCH_BAD_INPUT;
	}
	if (o->mec && !o->kvm_model) {
		cli_err("launch: --mec configures a KVM kernel (NVIDIA's): use it with --kvm-model");
		return LAUNCH_BAD_INPUT;
	}
	if (!o->mock) {
		cli_err("launch runs on the mock RMM only: add --mock");
		return LAUNCH_BAD_USAGE;
	}
	return LAUNCH_OK;
}

void launch_opts_free(struct launch_opts *o)
{
	size_t i;

	for (i = 0; i < LAUNCH_MAX_LOAD; i++) {
		free(o->loads[i].buf);
		o->loads[i].buf = NULL;
	}
}
