/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl predict [OPTIONS] qemu QEMU-ARGS...
 *
 * The RIM a realm will have when QEMU's CCA branch launches it, from QEMU's
 * own command line: the layout of veraison cca-realm-measurements
 * src/qemu.rs (build_params, update_memmap) and of QEMU hw/arm/virt.c and
 * hw/arm/boot.c: RAM at 0x40000000 (-m, default 128 MiB), -bios firmware
 * in flash at IPA 0 (measured, outside RAM), or a direct kernel boot
 * (-kernel at RAM base + the arm64 Image header's text_offset, -initrd at
 * RAM base + min(RAM/2, 128 MiB) or after the kernel, 4 KiB aligned), the
 * DTB at RAM base with firmware, else after the initrd 2 MiB aligned; the
 * boot vCPU's PC 0 with firmware else RAM base, x0 the DTB's address
 * without firmware.  The IPA size is the smaller of --ipa-bits and what
 * QEMU's memory map needs; RIPAS entries are the largest blocks the
 * stage-2 tables allow.  Options are named as cca-realm-measurements names
 * them.  The DTB must be given (--dtb, e.g. from `qemu -machine dumpdtb=`):
 * generating it as QEMU does is not implemented yet, and no RIM is
 * printed without it.  Files named in QEMU-ARGS are read relative to the
 * working directory (-k/-i/-f override them).
 */
#include <stdlib.h>
#include <string.h>

#include "realmctl.h"
#include <realm/launch.h>

#define MIB_ (UINT64_C(1) << 20)
#define GIB_ (UINT64_C(1) << 30)
#define QEMU_MEM_BASE_ UINT64_C(0x40000000)
#define QEMU_DTB_SIZE_ MIB_
#define QEMU_LOG_SIZE_ (64 * UINT64_C(1024))

struct pfile { const char *path; uint8_t *buf; size_t len; };

struct predict_opts {
	uint64_t ipa_bits, num_bps, num_wps, pmu_ctrs, sve_vl, nvcpus, mem;
	bool have_bps, have_wps, have_pmu_ctrs, pmu, json, log;
	int hash;
	uint8_t rpv[RLM_RPV_SIZE];
	struct pfile dtb, kernel, initrd, fw;
	const char *output_dtb;
	const char *log_path;      /* --log: the launch log of the layout */
};

static uint64_t le64_(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static int usage_(void)
{
	cli_err("usage: realmctl predict [--ipa-bits N] [--num-bps N] [--num-wps N]"
		" [--pmu-num-ctrs N]\n"
		"         [--sve-vl BITS] [--rpv HEX] --dtb FILE [--output-dtb FILE]"
		" [--log FILE] [-k FILE] [-i FILE] [-f FILE]\n"
		"         [--json] qemu QEMU-ARGS...");
	return CLI_USAGE;
}

static int bad_(const char *opt, const char *val, const char *why)
{
	cli_err("predict: %s%s%s: %s", opt, val ? " " : "", val ? val : "", why);
	return CLI_USAGE;
}

static int read_(struct pfile *f, const char *opt)
{
	int rc;

	if (!f->path || f->buf)
		return 0;
	rc = cli_read_file(f->path, &f->buf, &f->len);
	if (rc) {
		cli_err("predict: %s %s: cannot read: %s", opt, f->path, rlm_strerror(rc));
		return CLI_USAGE;
	}
	if (!f->len)
		return bad_(opt, f->path, "empty file");
	return 0;
}

/* QEMU's -m: a number with an optional suffix (default MiB), or size=...;
 * slots/maxmem are refused (hotplug memory changes the map). */
static int parse_mem_(const char *v, uint64_t *out)
{
	char *end;
	unsigned long long n;
	uint64_t mul = MIB_;

	if (!strncmp(v, "size=", 5))
		v += 5;
	n = strtoull(v, &end, 10);
	if (end == v)
		return -1;
	switch (*end) {
	case 'k': case 'K': mul = 1024; end++; break;
	case 'm': case 'M': mul = MIB_; end++; break;
	case 'g': case 'G': mul = GIB_; end++; break;
	case 't': case 'T': mul = GIB_ * 1024; end++; break;
	case '\0': break;
	default: return -1;
	}
	if ((*end == 'b' || *end == 'B'))
		end++;
	if (*end || !n || n > (UINT64_C(1) << 40) / mul)
		return -1;
	*out = (uint64_t)n * mul;
	return (*out & (2 * MIB_ - 1)) ? -1 : 0;
}

/* Each comma-separated key=value of s; the first item may be a bare word. */
static bool has_kv_(const char *s, const char *key, char *val, size_t cap)
{
	size_t kl = strlen(key);
	const char *p = s;

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n > kl && !strncmp(p, key, kl) && p[kl] == '=') {
			size_t vl = n - kl - 1;

			if (vl >= cap)
				vl = cap - 1;
			memcpy(val, p + kl + 1, vl);
			val[vl] = 0;
			return true;
		}
		p = e ? e + 1 : NULL;
	}
	return false;
}

static int parse_qemu_(int argc, char **argv, struct predict_opts *o, bool *use_kernel,
		       bool *use_initrd, bool *use_fw, bool *append)
{
	static const char *const one_arg[] = { "-drive", "-fsdev", "-chardev", "-netdev",
					       "-mon", "-device", "-dtb", "-serial", "-name" };
	static const char *const no_arg[] = { "-enable-kvm", "-nographic", "-nodefaults",
					      "-no-reboot", "-S" };
	char val[64];
	int i;
	size_t k;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool known = false;

		for (k = 0; k < sizeof(no_arg) / sizeof(no_arg[0]); k++)
			if (!strcmp(a, no_arg[k]))
				known = true;
		if (known)
			continue;
		if (!v)
			return bad_(a, NULL, "unknown QEMU option or missing value");
		i++;
		for (k = 0; k < sizeof(one_arg) / sizeof(one_arg[0]); k++)
			if (!strcmp(a, one_arg[k]))
				known = true;
		if (known)
			continue;
		if (!strcmp(a, "-m")) {
			if (strstr(v, "slots=") || strstr(v, "maxmem="))
				return bad_(a, v, "hotplug memory is not supported");
			if (parse_mem_(v, &o->mem))
				return bad_(a, v, "not a RAM size (2 MiB multiple)");
		} else if (!strcmp(a, "-smp")) {
			uint64_t n;
			const char *c = strncmp(v, "cpus=", 5) ? v : v + 5;
			char num[24];
			size_t l = strcspn(c, ",");

			if (l >= sizeof(num))
				return bad_(a, v, "not a CPU count");
			memcpy(num, c, l);
			num[l] = 0;
			if (cli_parse_u64(num, &n) || !n || n > 512)
				return bad_(a, v, "not a CPU count (1..512)");
			o->nvcpus = n;
		} else if (!strcmp(a, "-M") || !strcmp(a, "-machine")) {
			if (has_kv_(v, "gic-version", val, sizeof(val)) && strcmp(val, "3") &&
			    strcmp(val, "host") && strcmp(val, "max"))
				return bad_(a, v, "a realm needs GICv3 (gic-version=3|host|max)");
			if (strncmp(v, "virt", 4) && strncmp(v, "confidential-guest-support", 26))
				return bad_(a, v, "only the virt machine is supported");
		} else if (!strcmp(a, "-object")) {
			if (strncmp(v, "rme-guest", 9))
				continue;
			if (has_kv_(v, "measurement-algorithm", val, sizeof(val))) {
				if (!strcmp(val, "sha256"))
					o->hash = RLM_RMI_HASH_SHA_256;
				else if (!strcmp(val, "sha512"))
					o->hash = RLM_RMI_HASH_SHA_512;
				else
					return bad_(a, v, "measurement-algorithm is sha256 or sha512");
			}
			if (has_kv_(v, "measurement-log", val, sizeof(val)))
				o->log = !strcmp(val, "on") || !strcmp(val, "true");
		} else if (!strcmp(a, "-cpu")) {
			if (has_kv_(v, "pmu", val, sizeof(val))) {
				if (strcmp(val, "on") && strcmp(val, "off"))
					return bad_(a, v, "pmu is on or off");
				o->pmu = !strcmp(val, "on");
			}
			if (has_kv_(v, "num-pmu-counters", val, sizeof(val))) {
				if (cli_parse_u64(val, &o->pmu_ctrs) || o->pmu_ctrs > 31)
					return bad_(a, v, "num-pmu-counters is 0..31");
				o->have_pmu_ctrs = true;
			}
		} else if (!strcmp(a, "-kernel")) {
			*use_kernel = true;
			if (!o->kernel.path)
				o->kernel.path = v;
		} else if (!strcmp(a, "-initrd")) {
			*use_initrd = true;
			if (!o->initrd.path)
				o->initrd.path = v;
		} else if (!strcmp(a, "-bios")) {
			*use_fw = true;
			if (!o->fw.path)
				o->fw.path = v;
		} else if (!strcmp(a, "-append")) {
			*append = true;
		} else {
			return bad_(a, v, "unknown QEMU option");
		}
	}
	if (*use_initrd && !*use_kernel)
		return bad_("-initrd", o->initrd.path, "needs -kernel");
	return 0;
}

/* The IPA size QEMU's virt memory map needs (cca-realm-measurements
 * update_memmap): RAM, then redistributors at 256 GiB or above, 256 MiB of
 * PCIe ECAM, 512 GiB of PCIe MMIO; twice that for a realm's shared half. */
static uint64_t qemu_ipa_bits_(uint64_t mem)
{
	uint64_t addr = ((QEMU_MEM_BASE_ + mem + GIB_ - 1) & ~(GIB_ - 1));
	unsigned int b = 0;

	if (addr < (UINT64_C(256) << 30))
		addr = UINT64_C(256) << 30;
	addr += 64 * MIB_ + 256 * MIB_ + (UINT64_C(512) << 30);
	while ((addr >> b) > 1)
		b++;
	return b + 2;
}

static int predict_qemu_(struct predict_opts *o, int argc, char **argv)
{
	struct rlm_launch_image ims[3];
	struct rlm_launch_ram ram;
	struct rlm_launch_vcpu vc;
	struct rlm_launch_desc d;
	struct rlm_rtt_geom g;
	struct rlm_rim rim;
	struct rlm_realm_mrs m;
	bool use_kernel = false, use_initrd = false, use_fw = false, append = false;
	uint64_t dtb_start = QEMU_MEM_BASE_, kstart = QEMU_MEM_BASE_, kload;
	size_t n = 0;
	int rc;

	rc = parse_qemu_(argc, argv, o, &use_kernel, &use_initrd, &use_fw, &append);
	if (rc)
		return rc;
	(void)append; /* the command line goes into the DTB, given whole */
	if (!o->have_bps || !o->have_wps)
		return bad_(o->have_bps ? "--num-wps" : "--num-bps", NULL,
			    "not known: give the host's count");
	if (!o->dtb.path)
		return bad_("--dtb", NULL, "required: generating QEMU's DTB is not"
			    " implemented yet; give the one QEMU dumps (-machine dumpdtb=FILE)");
	if ((rc = read_(&o->dtb, "--dtb")) != 0)
		return rc;
	memset(ims, 0, sizeof(ims));
	memset(&vc, 0, sizeof(vc));
	memset(&d, 0, sizeof(d));
	if (use_fw) {
		if ((rc = read_(&o->fw, "-bios")) != 0)
			return rc;
		ims[n++] = (struct rlm_launch_image){ 0, o->fw.buf, o->fw.len, true, "FIRMWARE" };
	}
	if (use_kernel && !use_fw) {
		uint64_t istart;

		if ((rc = read_(&o->kernel, "-kernel")) != 0)
			return rc;
		kload = o->kernel.len;
		/* arm64 Image header: text_offset @8, image_size @16, magic
		 * "ARM\x64" @0x38 (Linux Documentation/arch/arm64/booting.rst). */
		if (o->kernel.len < 64 || memcmp(o->kernel.buf + 0x38, "ARM\x64", 4))
			return bad_("-kernel", o->kernel.path,
				    "not an arm64 Image (no header magic; compressed images"
				    " are not supported)");
		kstart += le64_(o->kernel.buf + 8);
		if (le64_(o->kernel.buf + 16))
			kload = le64_(o->kernel.buf + 16);
		ims[n++] = (struct rlm_launch_image){ kstart, o->kernel.buf, o->kernel.len,
						      true, "KERNEL" };
		istart = QEMU_MEM_BASE_ + (o->mem / 2 < 128 * MIB_ ? o->mem / 2 : 128 * MIB_);
		if (istart < kstart + kload)
			istart = kstart + kload;
		istart = (istart + 4095) & ~UINT64_C(4095);
		dtb_start = istart;
		if (use_initrd) {
			if ((rc = read_(&o->initrd, "-initrd")) != 0)
				return rc;
			ims[n++] = (struct rlm_launch_image){ istart, o->initrd.buf,
							      o->initrd.len, true, "INITRD" };
			dtb_start += o->initrd.len;
		}
		dtb_start = (dtb_start + 2 * MIB_ - 1) & ~(2 * MIB_ - 1);
		vc.pc = QEMU_MEM_BASE_;
		vc.gprs[0] = dtb_start;
	}
	ims[n++] = (struct rlm_launch_image){ dtb_start, o->dtb.buf, o->dtb.len, true, "DTB" };
	/* The measurement log area: unmeasured, after the DTB's megabyte. */
	static uint8_t logarea[QEMU_LOG_SIZE_];
	struct rlm_launch_image all[4];

	memcpy(all, ims, sizeof(ims));
	if (o->log)
		all[n++] = (struct rlm_launch_image){ dtb_start + QEMU_DTB_SIZE_, logarea,
						      QEMU_LOG_SIZE_, false, "LOG" };
	ram.base = QEMU_MEM_BASE_;
	ram.size = o->mem;
	if (dtb_start + o->dtb.len > QEMU_MEM_BASE_ + o->mem)
		return bad_("-m", NULL, "the images do not fit in RAM");
	vc.runnable = true;
	d.params.s2sz = (uint32_t)(o->ipa_bits < qemu_ipa_bits_(o->mem) ? o->ipa_bits
							     : qemu_ipa_bits_(o->mem));
	d.params.num_bps = (uint32_t)o->num_bps - 1;
	d.params.num_wps = (uint32_t)o->num_wps - 1;
	d.params.hash_algo = (uint8_t)o->hash;
	if (o->pmu) {
		d.params.flags |= RLM_RMI_REALM_PARAM_FLAG_PMU;
		d.params.pmu_num_ctrs = (uint32_t)o->pmu_ctrs;
	}
	if (o->sve_vl) {
		d.params.flags |= RLM_RMI_REALM_PARAM_FLAG_SVE;
		d.params.sve_vl = (uint32_t)(o->sve_vl / 128 - 1);
	}
	if (d.params.s2sz > 48)
		d.params.flags |= RLM_RMI_REALM_PARAM_FLAG_LPA2;
	d.ram = &ram;
	d.nram = 1;
	d.images = all;
	d.nimages = n;
	d.vcpus = &vc;
	d.nvcpus = 1; /* the secondaries are not runnable: not measured */
	/* RIPAS in the largest blocks the tables allow. */
	rc = rlm_rtt_geom_default(&g, d.params.s2sz,
				  (d.params.flags & RLM_RMI_REALM_PARAM_FLAG_LPA2) != 0);
	if (rc)
		return bad_("--ipa-bits", NULL, rlm_strerror(rc));
	d.ripas_level = g.start_level > 1 ? g.start_level : 1;
	rc = rlm_launch_predict(&d, &rim, NULL);
	if (rc)
		return bad_("qemu", NULL, rlm_strerror(rc));
	if (o->output_dtb) {
		FILE *f = fopen(o->output_dtb, "wb");

		bool ok = f && fwrite(o->dtb.buf, 1, o->dtb.len, f) == o->dtb.len;

		/* Closed whether or not the write was whole. */
		if (f && fclose(f))
			ok = false;
		if (!ok)
			return bad_("--output-dtb", o->output_dtb, "cannot write");
	}
	if (o->log_path) {
		/* RIPAS events per entry: at most RAM / 4 KiB of them. */
		size_t cap = 8192 + (size_t)(o->mem >> 12) * 64;
		uint8_t *lb = malloc(cap);
		size_t ll = 0;
		FILE *f = NULL;

		rc = lb ? rlm_launch_log(&d, "QEMU", lb, cap, &ll) : RLM_ENOMEM;
		if (!rc)
			f = fopen(o->log_path, "wb");
		bool ok = !rc && f && fwrite(lb, 1, ll, f) == ll;

		if (f && fclose(f))
			ok = false;
		if (!ok) {
			free(lb);
			return bad_("--log", o->log_path, "cannot write the launch log");
		}
		free(lb);
	}
	memset(&m, 0, sizeof(m));
	m.algo = rim.algo;
	m.have_rim = true;
	memcpy(m.rim, rim.value, sizeof(m.rim));
	if (o->json) {
		char out[1024];

		rc = rlm_refvals_json(&m, o->rpv, out, sizeof(out), NULL);
		if (rc)
			return bad_("--json", NULL, rlm_strerror(rc));
		printf("%s\n", out);
	} else {
		printf("RIM: ");
		cli_print_hex(stdout, rim.value, rlm_hash_size(rim.algo));
		printf("\n");
	}
	return CLI_OK;
}

static int num_(const char *opt, const char *v, uint64_t *out, uint64_t lo, uint64_t hi)
{
	if (!v || cli_parse_u64(v, out) || *out < lo || *out > hi) {
		char why[64];

		snprintf(why, sizeof(why), "want a number in %llu..%llu",
			 (unsigned long long)lo, (unsigned long long)hi);
		bad_(opt, v, why);
		return -1;
	}
	return 0;
}

int cmd_predict(int argc, char **argv)
{
	struct predict_opts o;
	int i, ret = CLI_USAGE;

	memset(&o, 0, sizeof(o));
	o.ipa_bits = 48;
	o.nvcpus = 1;
	o.mem = 128 * MIB_;
	o.hash = RLM_RMI_HASH_SHA_512; /* QEMU's CCA branch default */
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "qemu")) {
			ret = predict_qemu_(&o, argc - i - 1, argv + i + 1);
			goto out;
		}
		if (!strcmp(a, "kvmtool")) {
			ret = bad_(a, NULL, "kvmtool layouts are not implemented yet");
			goto out;
		}
		if (!strcmp(a, "--json")) {
			o.json = true;
			continue;
		}
		if (!v) {
			ret = a[0] == '-' ? bad_(a, NULL, "unknown option or missing value")
					  : bad_(a, NULL, "unknown VMM (qemu)");
			goto out;
		}
		i++;
		if (!strcmp(a, "--ipa-bits")) {
			if (num_(a, v, &o.ipa_bits, 32, 52))
				goto out;
		} else if (!strcmp(a, "--num-bps")) {
			if (num_(a, v, &o.num_bps, 2, 16))
				goto out;
			o.have_bps = true;
		} else if (!strcmp(a, "--num-wps")) {
			if (num_(a, v, &o.num_wps, 2, 16))
				goto out;
			o.have_wps = true;
		} else if (!strcmp(a, "--pmu-num-ctrs")) {
			if (num_(a, v, &o.pmu_ctrs, 0, 31))
				goto out;
		} else if (!strcmp(a, "--sve-vl")) {
			if (num_(a, v, &o.sve_vl, 0, 2048) || o.sve_vl % 128) {
				ret = bad_(a, v, "a multiple of 128 bits up to 2048");
				goto out;
			}
		} else if (!strcmp(a, "--rpv")) {
			if (cli_unhex(v, o.rpv, sizeof(o.rpv)) < 0) {
				ret = bad_(a, v, "up to 64 bytes of hex");
				goto out;
			}
		} else if (!strcmp(a, "--dtb")) {
			o.dtb.path = v;
		} else if (!strcmp(a, "--output-dtb")) {
			o.output_dtb = v;
		} else if (!strcmp(a, "-k") || !strcmp(a, "--kernel")) {
			o.kernel.path = v;
		} else if (!strcmp(a, "-i") || !strcmp(a, "--initrd")) {
			o.initrd.path = v;
		} else if (!strcmp(a, "-f") || !strcmp(a, "--firmware")) {
			o.fw.path = v;
		} else if (!strcmp(a, "--log")) {
			o.log_path = v;
		} else if (!strcmp(a, "--dtb-template") || !strcmp(a, "--corim")) {
			ret = bad_(a, v, "not implemented yet");
			goto out;
		} else {
			ret = bad_(a, NULL, "unknown option");
			goto out;
		}
	}
	ret = usage_();
out:
	free(o.dtb.buf);
	free(o.kernel.buf);
	free(o.initrd.buf);
	free(o.fw.buf);
	return ret;
}
