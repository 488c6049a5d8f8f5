/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl predict [OPTIONS] kvmtool|qemu VMM-ARGS...
 *
 * The RIM a realm will have when kvmtool (`lkvm run --realm ...`) or QEMU's
 * CCA branch (`-M virt,confidential-guest-support=... -object rme-guest,...`)
 * launches it, from the VMM's own command line.  The layouts, the defaults
 * and the way host limits and VMM choices combine are those of veraison
 * cca-realm-measurements (src/qemu.rs and src/kvmtool.rs build_params,
 * src/realm_params.rs, src/vmm.rs load_kernel), whose published RIMs
 * (tests/cmdline.rs) this reproduces (tests/vectors/measurements/):
 *
 *  - QEMU: RAM at 1 GiB (-m, default 128 MiB); -bios firmware in flash at
 *    IPA 0 (measured, outside RAM), the DTB at the RAM base, the boot vCPU
 *    at PC 0; or a direct kernel boot: -kernel at RAM base + the arm64
 *    Image header's text_offset, -initrd at RAM base + min(RAM/2, 128 MiB)
 *    or after the kernel's image_size, 4 KiB aligned, the DTB after the
 *    initrd 2 MiB aligned, PC the RAM base and x0 the DTB.  With -bios the
 *    kernel and initrd go through fw_cfg (not in the RIM; the firmware
 *    measures them into REMs as it chooses, so REMs are not predicted).
 *    SHA-512 unless measurement-algorithm says otherwise.
 *  - kvmtool: RAM at 2 GiB (-m, required), the DTB (64 KiB) in the last
 *    2 MiB-aligned slot below min(RAM end, RAM base + 256 MiB) (and the
 *    measurement log), the initrd just below it (4-byte aligned), kernel at
 *    RAM base + text_offset, firmware at --firmware-address or the RAM
 *    base; PC the kernel's or firmware's, x0 the DTB.  SHA-256 by default.
 *  - the IPA width is what the VMM's memory map needs (a host whose
 *    --ipa-bits is smaller is refused: the VMM would build another map); RIPAS entries are the largest blocks the stage-2 tables
 *    allow; only the boot vCPU is runnable (the others start through PSCI).
 *
 * The DTB is generated as the VMM would (rlm_dtgen_generate), given whole
 * (--dtb: measured as it is), or a template patched for the layout
 * (--dtb-template, rlm_dtgen_patch).  Files named in VMM-ARGS are read
 * relative to the working directory; -k/-i/-f before the VMM name override
 * them.  Anything the model does not know (an option, a device that changes
 * the DTB, images that overlap or leave RAM or the IPA space, a DTB that
 * does not parse) is an error naming the argument: exit 2, no RIM.
 */
#include <stdlib.h>
#include <string.h>

#include "realmctl.h"
#include <realm/launch.h>
#include <realm/dtgen.h>
#include <realm/dt.h>

#ifdef RLMCTL_HAVE_ZLIB
#include <zlib.h>
#endif

#define KIB_ UINT64_C(1024)
#define MIB_ (KIB_ * 1024)
#define GIB_ (MIB_ * 1024)
#define GRANULE_ UINT64_C(4096)
#define QEMU_DTB_SIZE_ MIB_          /* the DTB's slot; the log follows it */
#define VMM_LOG_SIZE_ (64 * KIB_)
#define KVMTOOL_FDT_LIMIT_ (256 * MIB_)
#define KVMTOOL_FDT_ALIGN_ (2 * MIB_)
#define MAX_IMAGES_ 6

struct pfile {
	const char *path;
	uint8_t *buf;
	size_t len;
};

/* A host limit or VMM choice: unset, or a value that can only be lowered
 * (cca-realm-measurements RealmParams::restrict_*). */
struct lim_ {
	bool set;
	uint64_t v;
};

static void restrict_(struct lim_ *l, uint64_t v)
{
	if (!l->set || v <= l->v) {
		l->set = true;
		l->v = v;
	}
}

struct image_ {
	uint64_t ipa;
	const uint8_t *data;
	size_t len;
	bool measured;
	const char *opt, *path;      /* for messages */
};

struct predict_ {
	/* options */
	struct lim_ ipa, bps, wps, ctrs, sve, pmu, lpa2;
	bool json, b64;
	uint8_t rpv[RLM_RPV_SIZE];
	struct pfile dtb, tmpl, kernel_o, initrd_o, fw_o;
	const char *output_dtb, *log_path, *corim, *comid;
	/* from the VMM */
	const char *vmm;
	int hash;
	int rmm;                /* --rmm: enum rlm_rmi_abi (0: 1.0) */
	struct rlm_dtgen_layout l;
	struct pfile kernel, initrd, fw;
	struct image_ im[MAX_IMAGES_];
	size_t nim;
	uint64_t pc, x0, dtb_ipa;
	bool firmware;              /* REMs are the firmware's business */
	bool vmm_log;               /* the VMM's measurement log area */
	uint8_t *gz;                /* decompressed kernel */
	uint8_t *dtb_out;
	size_t dtb_len;
	char bootargs[4096];
};

static int bad_(const char *opt, const char *val, const char *why)
{
	cli_err("predict: %s%s%s: %s", opt, val ? " " : "", val ? val : "", why);
	return CLI_USAGE;
}

static int usage_(void)
{
	cli_err("usage: realmctl predict [--ipa-bits N] [--num-bps N] [--num-wps N]"
		" [--pmu-num-ctrs N] [--sve-vl BITS]\n"
		"         [--pmu true|false] [--lpa2 true|false] [--rpv HEX]"
		" [--dtb FILE | --dtb-template FILE]\n"
		"         [--output-dtb FILE] [--log FILE] [--corim FILE] [--comid FILE]\n"
		"         [--rmm 1.0|2.0]\n"
		"         [-k FILE] [-i FILE] [-f FILE]"
		" [--json | --print-b64]\n"
		"         kvmtool|qemu VMM-ARGS...");
	return CLI_USAGE;
}

static int read_(struct pfile *f, const char *opt)
{
	int rc;

	if (f->buf)
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

static uint64_t le64_(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static uint64_t align_up_(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* A size with an optional suffix (B K M G T P; default MiB), as both VMMs
 * and cca-realm-measurements parse_memory_size read it. */
static int parse_size_(const char *s, uint64_t *out)
{
	uint64_t mul = MIB_, n = 0;
	size_t len = strlen(s), i;
	const char *sfx = "BKMGTP";
	const char *p;

	if (!len)
		return -1;
	p = strchr(sfx, s[len - 1] >= 'a' ? s[len - 1] - 32 : s[len - 1]);
	if (p && *p) {
		mul = UINT64_C(1) << (10 * (p - sfx));
		len--;
	}
	if (!len)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || n > (UINT64_C(1) << 50))
			return -1;
		n = n * 10 + (uint64_t)(s[i] - '0');
	}
	if (n > (UINT64_C(1) << 52) / mul)
		return -1;
	*out = n * mul;
	return 0;
}

static int parse_bool_(const char *v, bool *out)
{
	if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "y"))
		*out = true;
	else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false") ||
		 !strcmp(v, "n"))
		*out = false;
	else if (strcmp(v, "auto"))
		return -1;
	return 0;
}

static int parse_uint_(const char *v, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long n;

	if (!*v || *v < '0' || *v > '9')
		return -1;
	n = strtoull(v, &end, 10);
	if (*end || n > max)
		return -1;
	*out = n;
	return 0;
}

/* Standard base64 (QEMU's personalization-value) into out (cap bytes). */
static long unbase64_(const char *s, uint8_t *out, size_t cap)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t n = 0;

	for (; *s && *s != '='; s++) {
		const char *tab = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		const char *p = strchr(tab, *s);

		if (!p)
			return -1;
		acc = (acc << 6) | (uint32_t)(p - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n == cap)
				return -1;
			out[n++] = (uint8_t)(acc >> bits);
		}
	}
	return (long)n;
}

/* An item of a comma list: key and value (value NULL for a bare word). */
struct kv_ {
	char key[64];
	const char *val;
	char vbuf[512];
};

static const char *next_kv_(const char *p, struct kv_ *kv, bool *ok)
{
	const char *e = strchr(p, ','), *eq;
	size_t n = e ? (size_t)(e - p) : strlen(p);

	*ok = false;
	eq = memchr(p, '=', n);
	if (eq) {
		size_t kl = (size_t)(eq - p), vl = n - kl - 1;

		if (kl >= sizeof(kv->key) || vl >= sizeof(kv->vbuf))
			return NULL;
		memcpy(kv->key, p, kl);
		kv->key[kl] = 0;
		memcpy(kv->vbuf, eq + 1, vl);
		kv->vbuf[vl] = 0;
		kv->val = kv->vbuf;
	} else {
		if (n >= sizeof(kv->key))
			return NULL;
		memcpy(kv->key, p, n);
		kv->key[n] = 0;
		kv->val = NULL;
	}
	*ok = true;
	return e ? e + 1 : p + n;
}

/* ---- kernels ------------------------------------------------------------ */

#ifdef RLMCTL_HAVE_ZLIB
static int gunzip_(const uint8_t *in, size_t len, uint8_t **out, size_t *olen)
{
	z_stream z;
	size_t cap = len * 4 + 4096, n = 0;
	uint8_t *b = malloc(cap);
	int r;

	if (!b)
		return -1;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		free(b);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	do {
		if (n == cap) {
			uint8_t *nb;

			if (cap >= ((size_t)1 << 31)) {   /* zlib's avail_out is 32 bits */
				r = Z_MEM_ERROR;
				break;
			}
			nb = realloc(b, cap * 2);
			if (!nb) {
				r = Z_MEM_ERROR;
				break;
			}
			b = nb;
			cap *= 2;
		}
		z.next_out = b + n;
		z.avail_out = (uInt)(cap - n);
		r = inflate(&z, Z_NO_FLUSH);
		n = cap - z.avail_out;
	} while (r == Z_OK);
	inflateEnd(&z);
	if (r != Z_STREAM_END) {
		free(b);
		return -1;
	}
	*out = b;
	*olen = n;
	return 0;
}
#endif

struct kernel_ {
	const uint8_t *data;
	size_t len;
	uint64_t text_offset, load_size;
};

/* An arm64 Image (Linux Documentation/arch/arm64/booting.rst: text_offset
 * at 8, image_size at 16, magic "ARM\x64" at 0x38), or one gzip'd as QEMU
 * accepts it. */
static int load_kernel_(struct predict_ *o, const char *opt, struct pfile *f,
			struct kernel_ *k)
{
	int rc = read_(f, opt);

	if (rc)
		return rc;
	k->data = f->buf;
	k->len = f->len;
	if (f->len >= 2 && f->buf[0] == 0x1f && f->buf[1] == 0x8b) {
#ifdef RLMCTL_HAVE_ZLIB
		if (gunzip_(f->buf, f->len, &o->gz, &k->len))
			return bad_(opt, f->path, "gzip data that does not decompress");
		k->data = o->gz;
#else
		(void)o;
		cli_err("predict: %s %s: a gzip'd kernel: %s (this realmctl was built"
			" without zlib)", opt, f->path, rlm_strerror(RLM_ENOTSUP));
		return CLI_USAGE;
#endif
	}
	if (k->len < 64 || memcmp(k->data + 0x38, "ARM\x64", 4))
		return bad_(opt, f->path, "not an arm64 Image (no header magic)");
	k->text_offset = le64_(k->data + 8);
	k->load_size = le64_(k->data + 16);
	return 0;
}

static int add_image_(struct predict_ *o, uint64_t ipa, const uint8_t *data, size_t len,
		      bool measured, const char *opt, const char *path)
{
	if (o->nim == MAX_IMAGES_)
		return bad_(opt, path, "too many images");
	o->im[o->nim++] = (struct image_){ ipa, data, len, measured, opt, path };
	return 0;
}

/* ---- QEMU ----------------------------------------------------------------- */

struct qemu_ {
	bool kernel, initrd, bios, mlog, acpi;
	const char *kpath, *ipath, *fpath;
	uint64_t mem, slots, maxmem;
	bool have_maxmem;
	uint64_t cpus, maxcpus, sockets, clusters, cores, threads;
};

static int q_machine_(struct predict_ *o, const char *a, const char *v)
{
	struct kv_ kv;
	const char *p = v;
	bool ok;

	while (p && *p) {
		p = next_kv_(p, &kv, &ok);
		if (!ok)
			return bad_(a, v, "item too long");
		if (!kv.val) {
			if (strcmp(kv.key, "virt"))
				return bad_(a, v, "only the virt machine is supported");
			continue;
		}
		if (!strcmp(kv.key, "gic-version")) {
			if (strcmp(kv.val, "3") && strcmp(kv.val, "host") && strcmp(kv.val, "max"))
				return bad_(a, v, "a realm needs GICv3 (gic-version=3|host|max)");
		} else if (!strcmp(kv.key, "its")) {
			if (parse_bool_(kv.val, &o->l.its))
				return bad_(a, v, "its is on or off");
		} else if (!strcmp(kv.key, "acpi")) {
			bool b;

			if (parse_bool_(kv.val, &b))
				return bad_(a, v, "acpi is on or off");
		} else if (!strcmp(kv.key, "highmem")) {
			return bad_(a, v, "highmem changes the memory map: not supported");
		} else if (strcmp(kv.key, "confidential-guest-support") && strcmp(kv.key, "accel")) {
			return bad_(a, v, "unknown machine property (it may change the DTB)");
		}
	}
	return 0;
}

static int q_object_(struct predict_ *o, struct qemu_ *q, const char *a, const char *v)
{
	struct kv_ kv;
	const char *p = v;
	bool ok;

	p = next_kv_(p, &kv, &ok);
	if (!ok || kv.val)
		return bad_(a, v, "no object type");
	if (strcmp(kv.key, "rme-guest"))
		return 0; /* other objects (memory backends, secrets) change nothing */
	while (p && *p) {
		p = next_kv_(p, &kv, &ok);
		if (!ok || !kv.val)
			return bad_(a, v, "not key=value");
		if (!strcmp(kv.key, "measurement-algorithm")) {
			if (!strcmp(kv.val, "sha256"))
				o->hash = RLM_RMI_HASH_SHA_256;
			else if (!strcmp(kv.val, "sha512"))
				o->hash = RLM_RMI_HASH_SHA_512;
			else
				return bad_(a, v, "measurement-algorithm is sha256 or sha512");
		} else if (!strcmp(kv.key, "personalization-value")) {
			memset(o->rpv, 0, sizeof(o->rpv));
			if (unbase64_(kv.val, o->rpv, sizeof(o->rpv)) < 0)
				return bad_(a, v, "personalization-value: up to 64 bytes of base64");
		} else if (!strcmp(kv.key, "measurement-log")) {
			if (parse_bool_(kv.val, &q->mlog))
				return bad_(a, v, "measurement-log is on or off");
		} else if (strcmp(kv.key, "id")) {
			return bad_(a, v, "unknown rme-guest property");
		}
	}
	return 0;
}

static int q_cpu_(struct predict_ *o, const char *a, const char *v)
{
	struct kv_ kv;
	const char *p = v;
	struct lim_ sve = o->sve;
	bool ok;

	while (p && *p) {
		uint64_t n;

		p = next_kv_(p, &kv, &ok);
		if (!ok)
			return bad_(a, v, "item too long");
		if (!kv.val) {
			if (strcmp(kv.key, "host"))
				return bad_(a, v, "a realm runs the host CPU model (-cpu host)");
			continue;
		}
		if (!strcmp(kv.key, "num-breakpoints") || !strcmp(kv.key, "num-watchpoints")) {
			if (parse_uint_(kv.val, 64, &n) || n < 2)
				return bad_(a, v, "breakpoints and watchpoints are 2..64");
			restrict_(kv.key[4] == 'b' ? &o->bps : &o->wps, n);
		} else if (!strcmp(kv.key, "num-pmu-counters")) {
			if (parse_uint_(kv.val, 31, &n))
				return bad_(a, v, "num-pmu-counters is 0..31");
			restrict_(&o->ctrs, n);
		} else if (!strcmp(kv.key, "pmu")) {
			bool b = o->pmu.set && o->pmu.v;

			if (parse_bool_(kv.val, &b))
				return bad_(a, v, "pmu is on or off");
			restrict_(&o->pmu, b);
		} else if (!strcmp(kv.key, "sve")) {
			bool b = true;

			if (parse_bool_(kv.val, &b))
				return bad_(a, v, "sve is on or off");
			if (!b)
				sve = (struct lim_){ true, 0 };
		} else if (!strncmp(kv.key, "sve", 3)) {
			uint64_t cur = sve.set ? sve.v : 0;
			bool b = false;

			if (parse_uint_(kv.key + 3, 2048, &n) || !n || n % 128 ||
			    parse_bool_(kv.val, &b) || !strcmp(kv.val, "auto"))
				return bad_(a, v, "sve<bits> is on or off, bits a multiple of 128");
			if (!b && cur >= n)
				sve = (struct lim_){ true, n / 2 };
			else if (b && cur < n)
				sve = (struct lim_){ true, n };
		} else {
			return bad_(a, v, "unknown CPU property");
		}
	}
	if (sve.set) {
		if (sve.v && (sve.v % 128 || sve.v > 2048))
			return bad_(a, v, "not an SVE vector length");
		restrict_(&o->sve, sve.v);
	}
	return 0;
}

static int q_smp_(struct qemu_ *q, const char *a, const char *v)
{
	struct kv_ kv;
	const char *p = v;
	bool ok;

	while (p && *p) {
		uint64_t n, *dst;

		p = next_kv_(p, &kv, &ok);
		if (!ok)
			return bad_(a, v, "item too long");
		if (!kv.val) {
			dst = &q->cpus;
			kv.val = kv.key;
		} else if (!strcmp(kv.key, "cpus")) {
			dst = &q->cpus;
		} else if (!strcmp(kv.key, "maxcpus")) {
			dst = &q->maxcpus;
		} else if (!strcmp(kv.key, "sockets")) {
			dst = &q->sockets;
		} else if (!strcmp(kv.key, "clusters")) {
			dst = &q->clusters;
		} else if (!strcmp(kv.key, "cores")) {
			dst = &q->cores;
		} else if (!strcmp(kv.key, "threads")) {
			dst = &q->threads;
		} else {
			return bad_(a, v, "unknown -smp property");
		}
		if (parse_uint_(kv.val, 4096, &n) || !n)
			return bad_(a, v, "not a CPU count (1..4096)");
		*dst = n;
	}
	return 0;
}

/* cca-realm-measurements QemuSmp::to_cpu_map: cores before sockets before
 * threads; clusters never guessed. */
static int q_topology_(struct predict_ *o, const struct qemu_ *q)
{
	uint64_t cpus = 0, s = q->sockets ? q->sockets : 1, c = q->clusters ? q->clusters : 1;
	uint64_t k = q->cores ? q->cores : 1, t = q->threads ? q->threads : 1;

	if (q->maxcpus) {
		if (q->cpus && q->cpus != q->maxcpus)
			return bad_("-smp", NULL, "cpus and maxcpus differ (vCPU hotplug)");
		cpus = q->maxcpus;
	} else if (q->cpus) {
		cpus = q->cpus;
	}
	if (cpus) {
		if (!q->cores)
			k = cpus / (s * c * t);
		if (!q->sockets)
			s = cpus / (c * k * t);
		if (!q->threads)
			t = cpus / (s * c * k);
	}
	if (!s || !c || !k || !t || s * c * k * t > 4096)
		return bad_("-smp", NULL, "an impossible CPU topology");
	if (cpus && s * c * k * t != cpus)
		return bad_("-smp", NULL, "the topology does not give that many CPUs");
	o->l.sockets = (unsigned int)s;
	o->l.clusters = (unsigned int)c;
	o->l.cores = (unsigned int)k;
	o->l.threads = (unsigned int)t;
	return 0;
}

static int q_mem_(struct qemu_ *q, const char *a, const char *v)
{
	struct kv_ kv;
	const char *p = v;
	bool ok;

	while (p && *p) {
		p = next_kv_(p, &kv, &ok);
		if (!ok)
			return bad_(a, v, "item too long");
		if (!kv.val || !strcmp(kv.key, "size")) {
			if (parse_size_(kv.val ? kv.val : kv.key, &q->mem) || !q->mem)
				return bad_(a, v, "not a RAM size");
		} else if (!strcmp(kv.key, "slots")) {
			if (parse_uint_(kv.val, 256, &q->slots))
				return bad_(a, v, "slots: not a count");
		} else if (!strcmp(kv.key, "maxmem")) {
			if (parse_size_(kv.val, &q->maxmem))
				return bad_(a, v, "maxmem: not a size");
			q->have_maxmem = true;
		} else {
			return bad_(a, v, "unknown -m property");
		}
	}
	return 0;
}

static int q_device_(const char *a, const char *v)
{
	/* Devices on PCI that leave the DTB as it is (the list
	 * cca-realm-measurements accepts without a warning). */
	static const char *const ok[] = { "virtconsole", "virtio-blk-pci",
					  "virtio-serial-pci", "virtio-net-pci",
					  "virtio-9p-pci", "virtio-fs-pci" };
	size_t n = strcspn(v, ","), i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strlen(ok[i]) == n && !strncmp(v, ok[i], n))
			return 0;
	return bad_(a, v, "a device this model does not know (it may change the DTB)");
}

static int parse_qemu_(struct predict_ *o, struct qemu_ *q, int argc, char **argv)
{
	static const char *const no_arg[] = { "-enable-kvm", "-nographic", "-nodefaults",
					      "-no-reboot", "-S" };
	static const char *const ignored[] = { "-drive", "-fsdev", "-chardev", "-netdev",
					       "-mon", "-serial", "-name", "-dtb" };
	int i, rc = 0;
	size_t k;

	for (i = 0; i < argc && !rc; i++) {
		char opt[64];
		const char *a = argv[i], *v, *eq = strchr(a, '=');
		bool known = false;

		if (a[0] != '-')
			return bad_(a, NULL, "unexpected QEMU argument");
		/* -opt=value as QEMU reads it */
		if (eq && (size_t)(eq - a) < sizeof(opt)) {
			memcpy(opt, a, (size_t)(eq - a));
			opt[eq - a] = 0;
			v = eq + 1;
		} else {
			snprintf(opt, sizeof(opt), "%s", a);
			v = NULL;
		}
		if (opt[1] == '-')
			memmove(opt, opt + 1, strlen(opt)); /* --opt is -opt */
		for (k = 0; k < sizeof(no_arg) / sizeof(no_arg[0]); k++)
			if (!strcmp(opt, no_arg[k]))
				known = true;
		if (known) {
			if (v)
				return bad_(a, NULL, "takes no value");
			continue;
		}
		if (!v) {
			if (i + 1 >= argc)
				return bad_(a, NULL, "unknown QEMU option or missing value");
			v = argv[++i];
		}
		for (k = 0; k < sizeof(ignored) / sizeof(ignored[0]); k++)
			if (!strcmp(opt, ignored[k]))
				known = true;
		if (known)
			continue;
		if (!strcmp(opt, "-m"))
			rc = q_mem_(q, a, v);
		else if (!strcmp(opt, "-smp"))
			rc = q_smp_(q, a, v);
		else if (!strcmp(opt, "-M") || !strcmp(opt, "-machine"))
			rc = q_machine_(o, a, v);
		else if (!strcmp(opt, "-object"))
			rc = q_object_(o, q, a, v);
		else if (!strcmp(opt, "-cpu"))
			rc = q_cpu_(o, a, v);
		else if (!strcmp(opt, "-device"))
			rc = q_device_(a, v);
		else if (!strcmp(opt, "-append")) {
			if (strlen(v) >= sizeof(o->bootargs))
				return bad_(a, NULL, "command line too long");
			snprintf(o->bootargs, sizeof(o->bootargs), "%s", v);
			o->l.bootargs = o->bootargs;
		} else if (!strcmp(opt, "-kernel")) {
			q->kernel = true;
			q->kpath = v;
		} else if (!strcmp(opt, "-initrd")) {
			q->initrd = true;
			q->ipath = v;
		} else if (!strcmp(opt, "-bios")) {
			q->bios = true;
			q->fpath = v;
		} else {
			return bad_(a, v, "unknown QEMU option");
		}
	}
	return rc;
}

static int build_qemu_(struct predict_ *o, int argc, char **argv)
{
	struct qemu_ q;
	uint64_t base = RLM_DTGEN_QEMU_RAM_BASE, dtb = base;
	int rc;

	memset(&q, 0, sizeof(q));
	q.mem = 128 * MIB_;
	o->hash = RLM_RMI_HASH_SHA_512; /* QEMU's CCA branch default */
	o->l.vmm = RLM_DTGEN_QEMU;
	o->l.its = true;                /* on recent virt machines */
	rc = parse_qemu_(o, &q, argc, argv);
	if (!rc)
		rc = q_topology_(o, &q);
	if (rc)
		return rc;
	if (q.mem % GRANULE_)
		return bad_("-m", NULL, "RAM is not a whole number of 4 KiB granules");
	if (q.have_maxmem && q.maxmem < q.mem)
		return bad_("-m", NULL, "maxmem below the RAM size");
	o->l.ram_base = base;
	o->l.ram_size = q.mem;
	o->l.hotplug_size = (q.have_maxmem ? q.maxmem - q.mem : 0) + q.slots * GIB_;
	o->l.pmu = o->pmu.set && o->pmu.v;
	if (q.initrd && !q.kernel)
		return bad_("-initrd", q.ipath, "needs -kernel");
	if (q.kernel) {
		struct kernel_ k;
		uint64_t kstart, istart, isize = 0;

		if (o->kernel_o.path)
			o->kernel = o->kernel_o;
		else
			o->kernel.path = q.kpath;
		memset(&o->kernel_o, 0, sizeof(o->kernel_o));
		rc = load_kernel_(o, "-kernel", &o->kernel, &k);
		if (rc)
			return rc;
		kstart = base + k.text_offset;
		istart = base + (q.mem / 2 < 128 * MIB_ ? q.mem / 2 : 128 * MIB_);
		if (istart < kstart + k.load_size)
			istart = kstart + k.load_size;
		istart = align_up_(istart, 4 * KIB_);
		/* With firmware the kernel and initrd go through fw_cfg. */
		if (!q.bios) {
			rc = add_image_(o, kstart, k.data, k.len, true, "-kernel", o->kernel.path);
			if (rc)
				return rc;
		}
		if (q.initrd) {
			if (o->initrd_o.path)
				o->initrd = o->initrd_o;
			else
				o->initrd.path = q.ipath;
			memset(&o->initrd_o, 0, sizeof(o->initrd_o));
			rc = read_(&o->initrd, "-initrd");
			if (rc)
				return rc;
			isize = o->initrd.len;
			o->l.initrd = true;
			o->l.initrd_base = istart;
			o->l.initrd_size = isize;
			if (!q.bios) {
				rc = add_image_(o, istart, o->initrd.buf, o->initrd.len, true,
						"-initrd", o->initrd.path);
				if (rc)
					return rc;
			}
		}
		dtb = align_up_(istart + isize, 2 * MIB_);
	}
	if (q.bios) {
		if (o->fw_o.path)
			o->fw = o->fw_o;
		else
			o->fw.path = q.fpath;
		memset(&o->fw_o, 0, sizeof(o->fw_o));
		rc = read_(&o->fw, "-bios");
		if (rc)
			return rc;
		/* The flash at IPA 0, below RAM: measured, no RIPAS over it. */
		rc = add_image_(o, 0, o->fw.buf, o->fw.len, true, "-bios", o->fw.path);
		if (rc)
			return rc;
		dtb = base;
		o->firmware = true;
	}
	if (q.mlog) {
		o->vmm_log = true;
		o->l.log = true;
		o->l.log_base = dtb + QEMU_DTB_SIZE_;
		o->l.log_size = VMM_LOG_SIZE_;
	}
	o->pc = q.bios ? 0 : base;
	o->x0 = q.bios ? 0 : dtb;
	o->dtb_ipa = dtb;
	return 0;
}

/* ---- kvmtool --------------------------------------------------------------- */

struct kvmtool_ {
	bool realm, mlog, pmu, disable_sve, nodefaults;
	const char *cpus, *mem, *kpath, *ipath, *fpath, *params, *algo, *pv;
	const char *sve_max, *pmu_ctrs, *irqchip, *transport, *fw_addr, *dtb, *console;
	unsigned int balloon, rng, p9, vsock, disks;
	const char *net[16];
	unsigned int nnet;
};

struct kopt_ {
	const char *lng;
	char shrt;
	int kind;          /* 0 flag, 1 value, 2 value ignored */
	size_t off;        /* offsetof the field (flags: bool; values: const char *) */
};

#define KF_(f) offsetof(struct kvmtool_, f)

static int parse_kvmtool_(struct kvmtool_ *t, int argc, char **argv)
{
	/* lkvm run's options (kvmtool builtin-run.c) that cca-realm-measurements
	 * knows; the ones marked ignored do not change the realm's layout. */
	static const struct kopt_ opts[] = {
		{ "realm", 0, 0, KF_(realm) }, { "measurement-log", 0, 0, KF_(mlog) },
		{ "pmu", 0, 0, KF_(pmu) }, { "disable-sve", 0, 0, KF_(disable_sve) },
		{ "nodefaults", 0, 0, KF_(nodefaults) },
		{ "balloon", 0, 3, KF_(balloon) }, { "rng", 0, 3, KF_(rng) },
		{ "no-dhcp", 0, 4, 0 }, { "debug", 0, 4, 0 }, { "debug-single-step", 0, 4, 0 },
		{ "debug-ioport", 0, 4, 0 }, { "debug-mmio", 0, 4, 0 },
		{ "no-pvtime", 0, 4, 0 }, { "disable-mte", 0, 4, 0 }, { "force-pci", 0, 4, 0 },
		{ "cpus", 'c', 1, KF_(cpus) }, { "mem", 'm', 1, KF_(mem) },
		{ "kernel", 'k', 1, KF_(kpath) }, { "initrd", 'i', 1, KF_(ipath) },
		{ "params", 'p', 1, KF_(params) }, { "firmware", 'f', 1, KF_(fpath) },
		{ "measurement-algo", 0, 1, KF_(algo) }, { "realm-pv", 0, 1, KF_(pv) },
		{ "sve-max-vl", 0, 1, KF_(sve_max) }, { "pmu-counters", 0, 1, KF_(pmu_ctrs) },
		{ "irqchip", 0, 1, KF_(irqchip) }, { "virtio-transport", 0, 1, KF_(transport) },
		{ "firmware-address", 0, 1, KF_(fw_addr) }, { "dtb", 0, 1, KF_(dtb) },
		{ "console", 0, 1, KF_(console) },
		{ "disk", 'd', 5, KF_(disks) }, { "9p", 0, 5, KF_(p9) },
		{ "vsock", 0, 5, KF_(vsock) }, { "network", 'n', 6, 0 },
		{ "name", 0, 2, 0 }, { "dev", 0, 2, 0 }, { "tty", 0, 2, 0 },
		{ "hugetlbfs", 0, 2, 0 }, { "loglevel", 0, 2, 0 }, { "vfio-pci", 0, 2, 0 },
		{ "debug-iodelay", 0, 2, 0 }, { "vcpu-affinity", 0, 2, 0 },
	};
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = NULL, *name;
		const struct kopt_ *op = NULL;
		size_t k, nl;

		if (a[0] != '-' || !a[1])
			return bad_(a, NULL, "unexpected kvmtool argument");
		if (a[1] == '-') {
			name = a + 2;
			nl = strcspn(name, "=");
			if (name[nl])
				v = name + nl + 1;
			for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
				if (strlen(opts[k].lng) == nl && !strncmp(opts[k].lng, name, nl))
					op = &opts[k];
		} else {
			for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
				if (opts[k].shrt && opts[k].shrt == a[1])
					op = &opts[k];
			if (op && a[2])
				v = a + 2;
		}
		if (!op)
			return bad_(a, NULL, "unknown kvmtool option");
		if (op->kind == 0 || op->kind == 3 || op->kind == 4) {
			if (v)
				return bad_(a, NULL, "takes no value");
			if (op->kind == 0)
				*(bool *)(void *)((char *)t + op->off) = true;
			else if (op->kind == 3)
				(*(unsigned int *)(void *)((char *)t + op->off))++;
			continue;
		}
		if (!v) {
			if (i + 1 >= argc)
				return bad_(a, NULL, "missing value");
			v = argv[++i];
		}
		if (op->kind == 1) {
			*(const char **)(void *)((char *)t + op->off) = v;
		} else if (op->kind == 5) {
			(*(unsigned int *)(void *)((char *)t + op->off))++;
		} else if (op->kind == 6) {
			if (t->nnet == sizeof(t->net) / sizeof(t->net[0]))
				return bad_(a, v, "too many networks");
			t->net[t->nnet++] = v;
		}
	}
	return 0;
}

/* cca-realm-measurements parse_device_cmdline: virtio-mmio devices get DTB
 * nodes (virtio over PCI does not). */
static int k_devices_(struct predict_ *o, const struct kvmtool_ *t)
{
	unsigned int n = 0, nets = 1, i;
	bool mmio = false;

	o->l.its = true;
	if (t->irqchip) {
		if (!strcmp(t->irqchip, "gicv3"))
			o->l.its = false;
		else if (strcmp(t->irqchip, "gicv3-its"))
			return bad_("--irqchip", t->irqchip, "a realm needs gicv3 or gicv3-its");
	}
	if (t->transport) {
		if (!strcmp(t->transport, "mmio"))
			mmio = true;
		else if (strcmp(t->transport, "pci"))
			return bad_("--virtio-transport", t->transport, "pci or mmio");
	}
	n += t->balloon + t->rng + t->p9 + t->vsock + t->disks;
	if (t->console && !strcmp(t->console, "virtio"))
		n++;
	for (i = 0; i < t->nnet; i++) {
		struct kv_ kv;
		const char *p = t->net[i];
		bool ok;

		while (p && *p) {
			p = next_kv_(p, &kv, &ok);
			if (!ok || !kv.val)
				return bad_("--network", t->net[i], "not key=value");
			if (!strcmp(kv.key, "mode")) {
				if (!strcmp(kv.val, "none"))
					nets = 0;
				else
					nets++;
			} else if (!strcmp(kv.key, "trans")) {
				if (strcmp(kv.val, "pci") && strcmp(kv.val, "mmio"))
					return bad_("--network", t->net[i], "trans is pci or mmio");
				if (!strcmp(kv.val, "mmio") != mmio)
					return bad_("--network", t->net[i],
						    "a transport other than --virtio-transport");
			}
		}
	}
	n += nets;
	o->l.virtio_mmio = mmio ? n : 0;
	return 0;
}

static int build_kvmtool_(struct predict_ *o, int argc, char **argv)
{
	struct kvmtool_ t;
	uint64_t base = RLM_DTGEN_KVMTOOL_RAM_BASE, n, dtb, fwbase = base;
	char *at;
	int rc;

	memset(&t, 0, sizeof(t));
	rc = parse_kvmtool_(&t, argc, argv);
	if (rc)
		return rc;
	o->l.vmm = RLM_DTGEN_KVMTOOL;
	o->hash = RLM_RMI_HASH_SHA_256;
	if (!t.realm)
		return bad_("kvmtool", NULL, "not a realm: --realm is missing");
	if (!t.cpus)
		return bad_("--cpus", NULL, "the number of vCPUs is not known: give -c");
	if (parse_uint_(t.cpus, 4096, &n) || !n)
		return bad_("--cpus", t.cpus, "not a CPU count (1..4096)");
	o->l.sockets = o->l.clusters = o->l.threads = 1;
	o->l.cores = (unsigned int)n;
	if (!t.mem)
		return bad_("--mem", NULL, "the RAM size is not known: give -m");
	at = strchr(t.mem, '@');
	if (at)
		return bad_("--mem", t.mem, "moving RAM (@address) is not supported");
	if (parse_size_(t.mem, &o->l.ram_size) || !o->l.ram_size ||
	    o->l.ram_size % (2 * MIB_))
		return bad_("--mem", t.mem, "not a RAM size (a multiple of 2 MiB)");
	o->l.ram_base = base;
	if (t.params) {
		snprintf(o->bootargs, sizeof(o->bootargs), " console=hvc0 root=/dev/vda rw %s%s",
			 *t.params ? " " : "", t.params);
		if (strlen(t.params) + 40 >= sizeof(o->bootargs))
			return bad_("--params", NULL, "command line too long");
	} else {
		snprintf(o->bootargs, sizeof(o->bootargs), " console=hvc0 root=/dev/vda rw ");
	}
	o->l.bootargs = o->bootargs;
	if (t.algo) {
		if (!strcmp(t.algo, "sha256"))
			o->hash = RLM_RMI_HASH_SHA_256;
		else if (!strcmp(t.algo, "sha512"))
			o->hash = RLM_RMI_HASH_SHA_512;
		else
			return bad_("--measurement-algo", t.algo, "sha256 or sha512");
	}
	if (t.pmu)
		restrict_(&o->pmu, 1);
	if (t.pmu_ctrs) {
		if (parse_uint_(t.pmu_ctrs, 31, &n))
			return bad_("--pmu-counters", t.pmu_ctrs, "0..31");
		restrict_(&o->ctrs, n);
	}
	if (t.disable_sve) {
		restrict_(&o->sve, 0);
	} else if (t.sve_max) {
		if (parse_uint_(t.sve_max, 2048, &n) || (n && n % 128))
			return bad_("--sve-max-vl", t.sve_max, "a multiple of 128 up to 2048");
		restrict_(&o->sve, n);
	}
	if (t.pv) {
		if (strlen(t.pv) > sizeof(o->rpv))
			return bad_("--realm-pv", t.pv, "longer than 64 bytes");
		memset(o->rpv, 0, sizeof(o->rpv));
		memcpy(o->rpv, t.pv, strlen(t.pv));
	}
	rc = k_devices_(o, &t);
	if (rc)
		return rc;
	if (t.fw_addr && cli_parse_u64(t.fw_addr, &fwbase))
		return bad_("--firmware-address", t.fw_addr, "not an address");
	dtb = base + o->l.ram_size;
	if (dtb > base + KVMTOOL_FDT_LIMIT_)
		dtb = base + KVMTOOL_FDT_LIMIT_;
	if (t.mlog) {
		o->vmm_log = true;
		o->l.log = true;
		o->l.log_base = dtb - VMM_LOG_SIZE_;
		o->l.log_size = VMM_LOG_SIZE_;
		dtb -= VMM_LOG_SIZE_;
	}
	dtb = align_up_(dtb - KVMTOOL_FDT_ALIGN_ - RLM_DTGEN_KVMTOOL_DTB_SIZE, KVMTOOL_FDT_ALIGN_);
	o->l.pmu = o->pmu.set && o->pmu.v;
	o->pc = 0;
	if (t.kpath) {
		struct kernel_ k;

		if (o->kernel_o.path)
			o->kernel = o->kernel_o;
		else
			o->kernel.path = t.kpath;
		memset(&o->kernel_o, 0, sizeof(o->kernel_o));
		rc = load_kernel_(o, "--kernel", &o->kernel, &k);
		if (rc)
			return rc;
		o->pc = base;
		rc = add_image_(o, base + k.text_offset, k.data, k.len, true, "--kernel",
				o->kernel.path);
		if (rc)
			return rc;
	}
	if (t.ipath) {
		uint64_t start;

		if (o->initrd_o.path)
			o->initrd = o->initrd_o;
		else
			o->initrd.path = t.ipath;
		memset(&o->initrd_o, 0, sizeof(o->initrd_o));
		rc = read_(&o->initrd, "--initrd");
		if (rc)
			return rc;
		if (o->initrd.len + 4 > dtb - base)
			return bad_("--initrd", o->initrd.path, "does not fit in RAM below the DTB");
		start = (dtb - o->initrd.len - 4 + 3) & ~UINT64_C(3);
		o->l.initrd = true;
		o->l.initrd_base = start;
		o->l.initrd_size = o->initrd.len;
		rc = add_image_(o, start, o->initrd.buf, o->initrd.len, true, "--initrd",
				o->initrd.path);
		if (rc)
			return rc;
	}
	if (t.fpath) {
		if (o->fw_o.path)
			o->fw = o->fw_o;
		else
			o->fw.path = t.fpath;
		memset(&o->fw_o, 0, sizeof(o->fw_o));
		rc = read_(&o->fw, "--firmware");
		if (rc)
			return rc;
		o->pc = fwbase;
		o->firmware = true;
		rc = add_image_(o, fwbase, o->fw.buf, o->fw.len, true, "--firmware", o->fw.path);
		if (rc)
			return rc;
	}
	if (t.dtb && !o->dtb.path && !o->tmpl.path)
		o->dtb.path = t.dtb; /* kvmtool loads that DTB instead of its own */
	o->x0 = dtb;
	o->dtb_ipa = dtb;
	return 0;
}

/* ---- the DTB, the checks, the RIM ------------------------------------------ */

static uint32_t be32_(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/*
 * The RAM a DTB describes, as both VMMs write it: the root's children
 * named memory[@...] with a reg of one (address, size) pair in 2+2 cells.
 * The tree has passed the template walker (rlm_dtgen_patch), so the blocks
 * are in bounds; every read is still checked.  0 with *n memory nodes
 * found, -1 if a memory node or the root's cells are not of that form.
 */
static int dtb_ram_(const uint8_t *t, size_t len, uint64_t *base, uint64_t *size, size_t *n)
{
	uint32_t off = be32_(t + 8), soff = be32_(t + 12), ssz = be32_(t + 32);
	uint32_t send = off + be32_(t + 36);
	int depth = 0;
	bool in_mem = false;

	*n = 0;
	while (off + 4 <= send && send <= len) {
		uint32_t tok = be32_(t + off);

		off += 4;
		if (tok == 1) {
			const uint8_t *z = memchr(t + off, 0, send - off);
			size_t nl;

			if (!z)
				return -1;
			nl = (size_t)(z - (t + off));
			depth++;
			in_mem = depth == 2 && (nl == 6 || (nl > 6 && t[off + 6] == '@')) &&
				 !memcmp(t + off, "memory", 6);
			if (in_mem)
				(*n)++;
			off += (uint32_t)((nl + 4) & ~(size_t)3);
		} else if (tok == 2) {
			depth--;
			in_mem = false;
		} else if (tok == 3) {
			uint32_t vl, no;
			const char *name;

			if (off + 8 > send)
				return -1;
			vl = be32_(t + off);
			no = be32_(t + off + 4);
			off += 8;
			if (vl > send - off || no >= ssz)
				return -1;
			name = (const char *)t + soff + no;
			if (depth == 1 && (!strcmp(name, "#address-cells") ||
					   !strcmp(name, "#size-cells")) &&
			    (vl != 4 || be32_(t + off) != 2))
				return -1;
			if (in_mem && !strcmp(name, "reg")) {
				if (vl != 16)
					return -1;
				*base = (uint64_t)be32_(t + off) << 32 | be32_(t + off + 4);
				*size = (uint64_t)be32_(t + off + 8) << 32 | be32_(t + off + 12);
			}
			off += (vl + 3) & ~3u;
		} else if (tok == 9) {
			return 0;
		} else if (tok != 4) {
			return -1;
		}
	}
	return -1;
}

static int make_dtb_(struct predict_ *o)
{
	size_t need = 0;
	int rc;

	if (o->dtb.path) {
		struct rlm_dt_range r[4];
		size_t n = 0;

		rc = read_(&o->dtb, "--dtb");
		if (rc)
			return rc;
		/* It must parse (the template walker's structure checks, libfdt's
		 * when built with it), and describe the VMM's RAM. */
		rc = rlm_dtgen_patch(&o->l, o->dtb.buf, o->dtb.len, NULL, 0, &need);
		if (rc == RLM_EMALFORMED || rc == RLM_ETRUNC) {
			cli_err("predict: --dtb %s: not a device tree: %s", o->dtb.path,
				rlm_strerror(rc));
			return CLI_USAGE;
		}
		rc = rlm_dt_ram_ranges(o->dtb.buf, o->dtb.len, r, 4, &n);
		if (rc && rc != RLM_ENOTSUP && rc != RLM_ENOSPC) {
			cli_err("predict: --dtb %s: not a device tree: %s", o->dtb.path,
				rlm_strerror(rc));
			return CLI_USAGE;
		}
		if (rc == RLM_ENOSPC ||
		    (!rc && (n != 1 || r[0].base != o->l.ram_base || r[0].size != o->l.ram_size)))
			rc = RLM_EMISMATCH;
		if (rc != RLM_EMISMATCH) {
			/* without libfdt, and as a second look with it */
			uint64_t b = 0, sz = 0;

			rc = dtb_ram_(o->dtb.buf, o->dtb.len, &b, &sz, &n) || n != 1 ||
			     b != o->l.ram_base || sz != o->l.ram_size ? RLM_EMISMATCH : 0;
		}
		if (rc == RLM_EMISMATCH) {
			cli_err("predict: --dtb %s: its /memory is not the VMM's RAM"
				" (0x%llx bytes at 0x%llx)", o->dtb.path,
				(unsigned long long)o->l.ram_size,
				(unsigned long long)o->l.ram_base);
			return CLI_USAGE;
		}
		o->dtb_out = o->dtb.buf;
		o->dtb_len = o->dtb.len;
		o->dtb.buf = NULL;
		return 0;
	}
	if (o->tmpl.path) {
		rc = read_(&o->tmpl, "--dtb-template");
		if (rc)
			return rc;
		rc = rlm_dtgen_patch(&o->l, o->tmpl.buf, o->tmpl.len, NULL, 0, &need);
	} else {
		rc = rlm_dtgen_generate(&o->l, NULL, 0, &need);
	}
	if (rc == RLM_ENOSPC) {
		o->dtb_out = malloc(need);
		if (!o->dtb_out)
			return bad_(o->vmm, NULL, "out of memory");
		rc = o->tmpl.path ? rlm_dtgen_patch(&o->l, o->tmpl.buf, o->tmpl.len, o->dtb_out,
						    need, &o->dtb_len)
				  : rlm_dtgen_generate(&o->l, o->dtb_out, need, &o->dtb_len);
	}
	if (rc) {
		if (o->tmpl.path) {
			cli_err("predict: --dtb-template %s: %s", o->tmpl.path,
				rc == RLM_ENOTSUP ? "a layout the patcher cannot re-emit"
						    " (gaps between blocks or NOPs)"
				: rc == RLM_EEXIST ? "patched, it would hold a phandle twice"
						     " (not a tree of this VMM's realm layout)"
						   : rlm_strerror(rc));
			return CLI_USAGE;
		}
		return bad_(o->vmm, NULL, rlm_strerror(rc));
	}
	return 0;
}

static int cmp_image_(const void *a, const void *b)
{
	const struct image_ *x = a, *y = b;

	return x->ipa < y->ipa ? -1 : x->ipa > y->ipa;
}

/* Overlaps (a granule is DATA_CREATEd once), RAM and the IPA space. */
static int check_images_(const struct predict_ *o, unsigned int s2sz)
{
	uint64_t top = UINT64_C(1) << (s2sz - 1), rb = o->l.ram_base;
	uint64_t re = o->l.ram_base + o->l.ram_size;
	size_t i;

	if (re > top) {
		cli_err("predict: %s: RAM [0x%llx, 0x%llx) is outside the protected IPA space"
			" of %u bits (below 0x%llx)", o->vmm, (unsigned long long)rb,
			(unsigned long long)re, s2sz, (unsigned long long)top);
		return CLI_USAGE;
	}
	for (i = 0; i < o->nim; i++) {
		const struct image_ *m = &o->im[i];
		uint64_t e = m->ipa + m->len;

		if (e < m->ipa || e > top) {
			cli_err("predict: %s %s: [0x%llx, 0x%llx) is outside the protected IPA"
				" space of %u bits", m->opt, m->path, (unsigned long long)m->ipa,
				(unsigned long long)e, s2sz);
			return CLI_USAGE;
		}
		if ((m->ipa >= rb && e > re) || (m->ipa < rb && e > rb)) {
			cli_err("predict: %s %s: [0x%llx, 0x%llx) does not fit %s RAM"
				" [0x%llx, 0x%llx)", m->opt, m->path, (unsigned long long)m->ipa,
				(unsigned long long)e, m->ipa < rb ? "below" : "in",
				(unsigned long long)rb, (unsigned long long)re);
			return CLI_USAGE;
		}
		if (i && (o->im[i - 1].ipa + o->im[i - 1].len + GRANULE_ - 1) / GRANULE_ >
			     m->ipa / GRANULE_) {
			cli_err("predict: %s %s at 0x%llx overlaps %s %s at 0x%llx (or shares"
				" its last granule)", m->opt, m->path,
				(unsigned long long)m->ipa, o->im[i - 1].opt, o->im[i - 1].path,
				(unsigned long long)o->im[i - 1].ipa);
			return CLI_USAGE;
		}
	}
	return 0;
}

static int write_file_(const char *opt, const char *path, const uint8_t *b, size_t n)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(b, 1, n, f) == n;

	if (f && fclose(f))
		ok = false;
	if (!ok)
		return bad_(opt, path, "cannot write");
	return 0;
}

static int predict_(struct predict_ *o)
{
	struct rlm_launch_image ims[MAX_IMAGES_ + 2];
	struct rlm_launch_ram ram;
	struct rlm_launch_vcpu vc;
	struct rlm_launch_desc d;
	struct rlm_rtt_geom g;
	struct rlm_rim rim;
	static uint8_t logarea[VMM_LOG_SIZE_];
	unsigned int need, s2sz;
	size_t i, n = 0, hs;
	int rc;

	if (!o->wps.set)
		return bad_("--num-wps", NULL, "the host's watchpoint count is not known");
	if (!o->bps.set)
		return bad_("--num-bps", NULL, "the host's breakpoint count is not known");
	if (o->pmu.set && o->pmu.v && !o->ctrs.set)
		return bad_("--pmu-num-ctrs", NULL, "the PMU is on but the host's counter"
			    " count is not known");
	rc = rlm_dtgen_ipa_bits(&o->l, &need);
	if (rc)
		return bad_(o->vmm, NULL, rlm_strerror(rc));
	/* A host narrower than the map the VMM builds: QEMU would drop its
	 * high windows (another DTB), kvmtool would not start; neither is the
	 * layout modelled here. */
	if (o->ipa.set && o->ipa.v < need) {
		char why[128];

		snprintf(why, sizeof(why), "%s's memory map for this RAM needs %u IPA bits",
			 o->vmm, need);
		return bad_("--ipa-bits", NULL, why);
	}
	restrict_(&o->ipa, need);
	s2sz = (unsigned int)o->ipa.v;
	rc = make_dtb_(o);
	if (rc)
		return rc;
	rc = add_image_(o, o->dtb_ipa, o->dtb_out, o->dtb_len, true, "DTB",
			o->dtb.path ? o->dtb.path : o->tmpl.path ? o->tmpl.path : "(generated)");
	if (rc)
		return rc;
	qsort(o->im, o->nim, sizeof(o->im[0]), cmp_image_);
	rc = check_images_(o, s2sz);
	if (rc)
		return rc;
	memset(&d, 0, sizeof(d));
	memset(&vc, 0, sizeof(vc));
	for (i = 0; i < o->nim; i++)
		ims[n++] = (struct rlm_launch_image){ o->im[i].ipa, o->im[i].data, o->im[i].len,
						      true, o->im[i].opt };
	if (o->vmm_log) {
		/* The VMM's log area: created unmeasured, after the RECs,
		 * above the images (the DTB is always one of them). */
		uint64_t end = n ? (ims[n - 1].ipa + ims[n - 1].len + GRANULE_ - 1) /
					   GRANULE_ * GRANULE_
				 : o->l.ram_base;

		if (o->l.log_base < end ||
		    o->l.log_base + o->l.log_size > o->l.ram_base + o->l.ram_size)
			return bad_("measurement-log", NULL, "the log area does not fit after the"
				    " images in RAM");
		ims[n++] = (struct rlm_launch_image){ o->l.log_base, logarea, o->l.log_size,
						      false, "LOG" };
	}
	ram.base = o->l.ram_base;
	ram.size = o->l.ram_size;
	vc.runnable = true;
	vc.pc = o->pc;
	vc.gprs[0] = o->x0;
	d.params.s2sz = s2sz;
	d.params.num_bps = (uint32_t)o->bps.v - 1;
	d.params.num_wps = (uint32_t)o->wps.v - 1;
	d.params.hash_algo = (uint8_t)o->hash;
	if (o->pmu.set && o->pmu.v) {
		d.params.flags |= RLM_RMI_REALM_PARAM_FLAG_PMU;
		d.params.pmu_num_ctrs = (uint32_t)o->ctrs.v;
	}
	if (o->sve.set && o->sve.v) {
		d.params.flags |= RLM_RMI_REALM_PARAM_FLAG_SVE;
		d.params.sve_vl = (uint32_t)(o->sve.v / 128 - 1);
	}
	if (o->lpa2.set && o->lpa2.v)
		d.params.flags |= RLM_RMI_REALM_PARAM_FLAG_LPA2;
	d.ram = &ram;
	d.nram = 1;
	d.images = ims;
	d.nimages = n;
	d.vcpus = &vc;
	d.nvcpus = 1; /* the secondaries are not runnable: not measured */
	rc = rlm_rtt_geom_default(&g, s2sz, (d.params.flags & RLM_RMI_REALM_PARAM_FLAG_LPA2) != 0);
	if (rc)
		return bad_("--ipa-bits", NULL, s2sz > 48 ? "more than 48 bits needs --lpa2 true"
							  : rlm_strerror(rc));
	d.ripas_level = g.start_level > 1 ? g.start_level : 1;
	d.abi = (enum rlm_rmi_abi)o->rmm;
	rc = rlm_launch_predict_threads(&d, &rim, NULL, 0); /* the pages on every CPU */
	if (rc)
		return bad_(o->vmm, NULL, rlm_strerror(rc));
	if (o->output_dtb) {
		rc = write_file_("--output-dtb", o->output_dtb, o->dtb_out, o->dtb_len);
		if (rc)
			return rc;
	}
	if (o->log_path) {
		/* RIPAS events per entry: at most RAM / 4 KiB of them. */
		size_t cap = 8192 + (size_t)(o->l.ram_size >> 12) * 64;
		uint8_t *lb = malloc(cap);
		size_t ll = 0;

		rc = lb ? rlm_launch_log(&d, o->l.vmm == RLM_DTGEN_QEMU ? "QEMU" : "kvmtool",
					 lb, cap, &ll)
			: RLM_ENOMEM;
		if (!rc)
			rc = write_file_("--log", o->log_path, lb, ll);
		else
			rc = bad_("--log", o->log_path, rlm_strerror(rc));
		free(lb);
		if (rc)
			return rc;
	}
	hs = rlm_hash_size(rim.algo);
	if (o->corim || o->comid) {
		/* REMs: zero at launch, unknown when firmware extends them. */
		struct rlm_realm_mrs m;
		unsigned int fl = o->firmware ? RLM_REFVALS_NO_REMS : 0;

		memset(&m, 0, sizeof(m));
		m.algo = rim.algo;
		m.have_rim = true;
		memcpy(m.rim, rim.value, hs);
		if (o->corim)
			rc = cli_write_corim("--corim", o->corim, &m, o->rpv, fl);
		if (!rc && o->comid)
			rc = cli_write_corim("--comid", o->comid, &m, o->rpv,
					     fl | RLM_REFVALS_COMID);
		if (rc)
			return rc;
	}
	if (o->json) {
		static const uint8_t zero[64];
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "rim");
		json_hex(&j, rim.value, hs);
		json_key(&j, "hash");
		json_str(&j, o->hash == RLM_RMI_HASH_SHA_256 ? "sha256" : "sha512");
		/* Zero at launch unless firmware extends them (its choice). */
		json_key(&j, "rem");
		json_arr_begin(&j);
		for (i = 0; i < 4; i++) {
			if (o->firmware)
				json_null(&j);
			else
				json_hex(&j, zero, hs);
		}
		json_arr_end(&j);
		json_key(&j, "rpv");
		json_hex(&j, o->rpv, sizeof(o->rpv));
		json_obj_end(&j);
		json_finish(&j);
	} else if (o->b64) {
		/* cca-realm-measurements --print-b64: the 64-byte buffer. */
		static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					  "0123456789+/";
		uint8_t m[66];

		memset(m, 0, sizeof(m));
		memcpy(m, rim.value, hs);
		printf("RIM: ");
		for (i = 0; i < 66; i += 3) {
			uint32_t v = (uint32_t)m[i] << 16 | (uint32_t)m[i + 1] << 8 | m[i + 2];

			putchar(tab[v >> 18]);
			putchar(tab[(v >> 12) & 63]);
			putchar(i + 1 < 64 ? tab[(v >> 6) & 63] : '=');
			putchar(i + 2 < 64 ? tab[v & 63] : '=');
		}
		printf("\n");
	} else {
		printf("RIM: ");
		cli_print_hex(stdout, rim.value, hs);
		printf("\n");
	}
	return CLI_OK;
}

static int num_(const char *opt, const char *v, struct lim_ *out, uint64_t lo, uint64_t hi)
{
	uint64_t n;

	if (!v || parse_uint_(v, hi, &n) || n < lo) {
		char why[64];

		snprintf(why, sizeof(why), "want a number in %llu..%llu",
			 (unsigned long long)lo, (unsigned long long)hi);
		bad_(opt, v, why);
		return -1;
	}
	out->set = true;
	out->v = n;
	return 0;
}

int cmd_predict(int argc, char **argv)
{
	struct predict_ o;
	int i, ret = CLI_USAGE;

	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool b = false;

		if (!strcmp(a, "qemu") || !strcmp(a, "kvmtool")) {
			o.vmm = a;
			if (o.dtb.path && o.tmpl.path) {
				ret = bad_("--dtb", o.dtb.path, "either --dtb or --dtb-template,"
					   " not both");
				goto out;
			}
			ret = a[0] == 'q' ? build_qemu_(&o, argc - i - 1, argv + i + 1)
					  : build_kvmtool_(&o, argc - i - 1, argv + i + 1);
			if (!ret)
				ret = predict_(&o);
			goto out;
		}
		if (!strcmp(a, "--json")) {
			o.json = true;
			continue;
		}
		if (!strcmp(a, "--print-b64")) {
			o.b64 = true;
			continue;
		}
		if (a[0] != '-') {
			ret = bad_(a, NULL, "unknown VMM (kvmtool or qemu)");
			goto out;
		}
		if (!v) {
			ret = bad_(a, NULL, "unknown option or missing value");
			goto out;
		}
		i++;
		if (!strcmp(a, "--ipa-bits")) {
			if (num_(a, v, &o.ipa, 32, 52))
				goto out;
		} else if (!strcmp(a, "--num-bps")) {
			if (num_(a, v, &o.bps, 2, 64))
				goto out;
		} else if (!strcmp(a, "--num-wps")) {
			if (num_(a, v, &o.wps, 2, 64))
				goto out;
		} else if (!strcmp(a, "--pmu-num-ctrs")) {
			if (num_(a, v, &o.ctrs, 0, 31))
				goto out;
		} else if (!strcmp(a, "--sve-vl")) {
			if (num_(a, v, &o.sve, 0, 2048))
				goto out;
			if (o.sve.v % 128) {
				ret = bad_(a, v, "a multiple of 128 bits up to 2048 (0: no SVE)");
				goto out;
			}
		} else if (!strcmp(a, "--pmu") || !strcmp(a, "--lpa2")) {
			if (parse_bool_(v, &b) || !strcmp(v, "auto")) {
				ret = bad_(a, v, "true or false");
				goto out;
			}
			(a[2] == 'p' ? &o.pmu : &o.lpa2)->set = true;
			(a[2] == 'p' ? &o.pmu : &o.lpa2)->v = b;
		} else if (!strcmp(a, "--rpv")) {
			if (cli_unhex(v, o.rpv, sizeof(o.rpv)) < 0) {
				ret = bad_(a, v, "up to 64 bytes of hex");
				goto out;
			}
		} else if (!strcmp(a, "--dtb")) {
			o.dtb.path = v;
		} else if (!strcmp(a, "--dtb-template")) {
			o.tmpl.path = v;
		} else if (!strcmp(a, "--output-dtb")) {
			o.output_dtb = v;
		} else if (!strcmp(a, "-k") || !strcmp(a, "--kernel")) {
			o.kernel_o.path = v;
		} else if (!strcmp(a, "-i") || !strcmp(a, "--initrd")) {
			o.initrd_o.path = v;
		} else if (!strcmp(a, "-f") || !strcmp(a, "--firmware")) {
			o.fw_o.path = v;
		} else if (!strcmp(a, "--log")) {
			o.log_path = v;
		} else if (!strcmp(a, "--rmm")) {
			if (strcmp(v, "1.0") && strcmp(v, "2.0")) {
				ret = bad_(a, v, "1.0 or 2.0");
				goto out;
			}
			o.rmm = v[0] == '2' ? RLM_RMI_V2_0 : RLM_RMI_V1_0;
		} else if (!strcmp(a, "--corim")) {
			o.corim = v;
		} else if (!strcmp(a, "--comid")) {
			o.comid = v;
		} else {
			ret = bad_(a, NULL, "unknown option");
			goto out;
		}
	}
	ret = usage_();
out:
	free(o.dtb.buf);
	free(o.tmpl.buf);
	free(o.kernel.buf);
	free(o.initrd.buf);
	free(o.fw.buf);
	free(o.gz);
	free(o.dtb_out);
	return ret;
}
