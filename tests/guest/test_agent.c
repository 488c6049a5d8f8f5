/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest agent API over each backend it can reach without a module:
 *
 *  - the kernel backend against a fake tree the test builds with the
 *    kernel's file names (configfs-tsm report directories, the
 *    arm_cca_guest measurement files, the CCEL data file, the efi_secret
 *    securityfs files) and an emulation of their documented semantics
 *    (Documentation/ABI/testing/configfs-tsm-report: inblob up to 64 bytes,
 *    generation counting writes, outblob made from inblob, EFBIG; the
 *    measurement-register files: raw digest reads, writes of exactly one
 *    digest extend, EINVAL otherwise; efi_secret: unlink wipes), backed by
 *    the library's mock RMM so the values are a realm's;
 *  - direct RSI through the mock RMM's RSI conduit;
 *
 * and the example guest agent (examples/guest-agent-run.c) run unchanged
 * over both.  The shim backend runs in the QEMU kernel test.
 */
#include "test_util.h"

#include <errno.h>
#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <realm/agent.h>
#include <realm/error.h>
#include <realm/eventlog.h>
#include <realm/guest.h>
#include <realm/launch.h>
#include <realm/rtt_mgr.h>
#include <realm/testing.h>
#include <realm/realm.h>
#include <realm/token.h>

#include "shim_realm.h"
#include "guest-agent-run.h"

/* ---- a realm in the mock RMM (as test_guest_mock.c boots it) ------------- */

static struct rlm_mock *M;
static struct rlm_launch_state ST;
static struct rlm_rtt_mgr RTT;
static struct rlm_rtt_node RTT_NODES[32];
static uint64_t RECS[17];
static uint64_t next_pa;
static struct rlm_mock_config CFG;
static struct shim_realm_plan PLAN;
static struct rlm_mock_attest_portable ATT;
static struct rlm_conduit RSI;
static void *RSI_BUF;
static struct rlm_guest G; /* the "kernel" behind the fake files */

static int pool_get(void *ctx, unsigned int n, uint64_t *pa)
{
	uint64_t size = (uint64_t)n * RLM_GRANULE_SIZE;
	uint64_t base = (next_pa + size - 1) / size * size;

	(void)ctx;
	if (base + size > CFG.pool_base + CFG.pool_granules * RLM_GRANULE_SIZE)
		return RLM_ENOMEM;
	*pa = base;
	next_pa = base + size;
	return 0;
}

static void pool_put(void *ctx, uint64_t pa)
{
	(void)ctx;
	(void)pa;
}

static void boot_realm(void)
{
	struct rlm_launch_env env;
	struct rlm_conduit rmi;
	struct rlm_mock_attest prov;

	rlm_mock_config_default(&CFG);
	CFG.pool_granules = 256;
	assert_int_equal(rlm_mock_new(&CFG, &M), 0);
	rlm_mock_conduit(M, &rmi);
	next_pa = CFG.pool_base;
	shim_realm_plan(&PLAN);
	memset(&env, 0, sizeof(env));
	env.c = &rmi;
	env.pool.get = pool_get;
	env.pool.put = pool_put;
	env.pool.quarantine = pool_put;
	env.ns_pa = CFG.ns_base;
	env.ns_buf = rlm_mock_ns_ptr(M, CFG.ns_base, RLM_GRANULE_SIZE);
	env.vmid = 1;
	memset(&ST, 0, sizeof(ST));
	ST.rtt = &RTT;
	ST.rtt_nodes = RTT_NODES;
	ST.rtt_cap = RLM_ARRAY_SIZE(RTT_NODES);
	ST.recs = RECS;
	ST.recs_cap = RLM_ARRAY_SIZE(RECS);
	assert_int_equal(rlm_launch_execute(&PLAN.d, &env, &ST), 0);
	assert_int_equal(rlm_mock_attest_portable_init(&ATT, NULL, &prov), 0);
	rlm_mock_set_attest(M, &prov);
	assert_int_equal(rlm_mock_rsi_conduit(M, ST.recs[0], &RSI), 0);
	RSI_BUF = rlm_mock_realm_mem(M, ST.rd, SHIM_REALM_BUF_IPA, RLM_GRANULE_SIZE);
	assert_non_null(RSI_BUF);
	assert_int_equal(rlm_guest_init(&G, &RSI, SHIM_REALM_BUF_IPA, RSI_BUF), 0);
}

/* ---- the fake tree and its kernel semantics -------------------------------- */

static const char secret_a[] = "disk key: 0123456789abcdef";
static const char secret_b[] = "api token";
static const char guid_a[] = "736869e5-84f0-4973-92ec-06879ce3da0b";
static const char guid_b[] = "0e7a1c5e-2f4b-4b3c-9d8e-1a2b3c4d5e6f";

struct fake {
	char root[256];
	/* configfs-tsm */
	unsigned long long generation;
	uint8_t inblob[64];
	size_t inblob_len;
	bool have_inblob;
	const char *provider;
	unsigned int racer;       /* extra generation bumps per inblob write */
	bool outblob_efbig;
	/* sysfs */
	int rem_write_errno;      /* a REM write fails with this */
	bool rem_short;           /* a REM read gives one byte less */
	/* securityfs */
	uint8_t area[4096];       /* the EFI secret area behind the files */
	size_t area_len;
	int unlink_errno;
	unsigned int writes, extends;
};

static struct fake F;

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

/* "<root>/<rel>/" prefix of path? */
static bool under(const char *path, const char *rel)
{
	char p[512];

	snprintf(p, sizeof(p), "%s/%s/", F.root, rel);
	return !strncmp(path, p, strlen(p));
}

/* 0..4 for rim, rem0..rem3 files, -1 otherwise. */
static int mr_index(const char *path)
{
	const char *name = strrchr(path, '/');

	if (!under(path, RLM_AGENT_MEASUREMENTS) || !name)
		return -1;
	if (!strcmp(name, "/rim:sha256"))
		return 0;
	if (!strncmp(name, "/rem", 4) && name[4] >= '0' && name[4] <= '3' &&
	    !strcmp(name + 5, ":sha256"))
		return name[4] - '0' + 1;
	return -1;
}

static int fake_read(void *ctx, const char *path, uint8_t *buf, size_t cap,
		     size_t *len)
{
	int i = mr_index(path);

	(void)ctx;
	*len = 0;
	if (i >= 0) {
		uint8_t v[64];
		size_t hs, n;

		if (rlm_guest_measurement_read(&G, (unsigned int)i, v, &hs))
			return -EIO;
		n = F.rem_short ? hs - 1 : hs;
		if (n > cap)
			return -EFBIG;
		memcpy(buf, v, n);
		*len = n;
		return 0;
	}
	if (under(path, RLM_AGENT_TSM_REPORT)) {
		char text[32];
		const char *t = NULL;

		if (ends_with(path, "/generation")) {
			snprintf(text, sizeof(text), "%llu\n", F.generation);
			t = text;
		} else if (ends_with(path, "/provider")) {
			snprintf(text, sizeof(text), "%s\n", F.provider);
			t = text;
		} else if (ends_with(path, "/outblob")) {
			static uint8_t tok[16384];
			size_t n = 0;

			if (F.outblob_efbig)
				return -EFBIG; /* over configfs-tsm's maximum */
			/* arm_cca_guest: the challenge is 32..64 bytes */
			if (!F.have_inblob || F.inblob_len < 32)
				return -EINVAL;
			if (rlm_guest_token(&G, F.inblob, F.inblob_len, tok, sizeof(tok), &n))
				return -EIO;
			if (n > cap) {
				memcpy(buf, tok, cap);
				*len = cap;
				return -EFBIG;
			}
			memcpy(buf, tok, n);
			*len = n;
			return 0;
		}
		if (t) {
			size_t n = strlen(t);

			if (n > cap)
				return -EFBIG;
			memcpy(buf, t, n);
			*len = n;
			return 0;
		}
		return -EACCES; /* inblob is write-only */
	}
	return rlm_agent_posix_fs.read(NULL, path, buf, cap, len);
}

static int fake_write(void *ctx, const char *path, const uint8_t *buf, size_t len)
{
	int i = mr_index(path);

	(void)ctx;
	F.writes++;
	if (i >= 0) {
		if (i == 0)
			return -EACCES; /* the RIM is read-only */
		if (F.rem_write_errno)
			return -F.rem_write_errno;
		if (len != 32)
			return -EINVAL; /* exactly one digest */
		if (rlm_guest_measurement_extend(&G, (unsigned int)i, buf, len))
			return -EIO;
		F.extends++;
		return 0;
	}
	if (under(path, RLM_AGENT_TSM_REPORT) && ends_with(path, "/inblob")) {
		if (len > 64)
			return -EINVAL;
		memcpy(F.inblob, buf, len);
		F.inblob_len = len;
		F.have_inblob = true;
		F.generation += 1 + F.racer;
		return 0;
	}
	return -EACCES;
}

static int fake_mkdir(void *ctx, const char *path)
{
	(void)ctx;
	if (under(path, RLM_AGENT_TSM_REPORT)) {
		/* a new report: nothing written yet */
		F.generation = 0;
		F.have_inblob = false;
	}
	return mkdir(path, 0700) ? -errno : 0;
}

static int fake_rmdir(void *ctx, const char *path)
{
	(void)ctx;
	return rmdir(path) ? -errno : 0;
}

static int fake_unlink(void *ctx, const char *path)
{
	const char *name = strrchr(path, '/');
	struct rlm_guid g;

	(void)ctx;
	if (under(path, RLM_AGENT_SECRETS) && name && !rlm_guid_parse(name + 1, &g)) {
		if (F.unlink_errno)
			return -F.unlink_errno;
		/* efi_secret: unlink wipes the entry in the area */
		if (rlm_secret_area_delete(F.area, F.area_len, &g))
			return -EIO;
	}
	return unlink(path) ? -errno : 0;
}

static const struct rlm_agent_fs FAKE_FS = {
	.read = fake_read, .write = fake_write, .mkdir = fake_mkdir,
	.rmdir = fake_rmdir, .unlink = fake_unlink,
};

static void mkdirs(const char *rel)
{
	char p[512];
	size_t i, n;

	n = (size_t)snprintf(p, sizeof(p), "%s/%s", F.root, rel);
	for (i = strlen(F.root) + 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != 0)
			continue;
		p[i] = 0;
		assert_true(mkdir(p, 0700) == 0 || errno == EEXIST);
		if (i < n)
			p[i] = '/';
	}
}

static void put_file(const char *rel, const void *data, size_t len)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", F.root, rel);
	f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static uint8_t CCEL[8192];
static size_t CCEL_LEN; /* with the trailing zero padding */
static uint8_t FW_DIGEST[3][RLM_HASH_MAX_SIZE]; /* rlm_hash_digest writes RLM_HASH_MAX_SIZE */

/*
 * A firmware CC event log as EDK2 writes it: the index field the CC MR
 * index (PCR already mapped), a RIM event (index 0, not a REM), an
 * EV_NO_ACTION with an unknown signature in the middle, REM0 and REM1
 * events; the area padded with zeros.  The firmware extended the REMs
 * with the same digests.
 */
static void build_ccel(void)
{
	struct rlm_tcg_builder b;
	struct rlm_tcg_digest d;
	uint16_t alg = RLM_TPM_ALG_SHA256;
	static const char *const what[3] = { "UEFI firmware volume", "EFI boot manager",
					      "grub.cfg" };
	static const unsigned int mr[3] = { 1, 2, 2 };
	static const char noact[] = "Vendor Thing\0\x01\x02";
	unsigned int i;

	assert_int_equal(rlm_tcg_build_init(&b, CCEL, sizeof(CCEL), &alg, 1), 0);
	d.alg = alg;
	d.size = 32;
	d.value = FW_DIGEST[0];
	memset(FW_DIGEST[0], 0, 32);
	assert_int_equal(rlm_tcg_build_event(&b, 0, RLM_EV_POST_CODE, &d, 1, "rim", 3), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, what[i], strlen(what[i]),
						 FW_DIGEST[i]), 0);
		d.value = FW_DIGEST[i];
		assert_int_equal(rlm_tcg_build_event(&b, mr[i], RLM_EV_POST_CODE, &d, 1,
						     what[i], strlen(what[i])), 0);
		assert_int_equal(rlm_guest_measurement_extend(&G, mr[i], FW_DIGEST[i], 32), 0);
		if (i == 0) {
			memset(FW_DIGEST[2], 0, 32);
			d.value = FW_DIGEST[2];
			assert_int_equal(rlm_tcg_build_event(&b, 0, RLM_EV_NO_ACTION, &d, 1,
							     noact, sizeof(noact)), 0);
		}
	}
	CCEL_LEN = b.len + 1000; /* the rest of the log area: zeros */
	memset(CCEL + b.len, 0, CCEL_LEN - b.len);
}

static void build_secrets(void)
{
	struct rlm_secret_builder sb;
	struct rlm_guid g;
	char rel[256];

	assert_int_equal(rlm_secret_build_init(&sb, F.area, sizeof(F.area)), 0);
	assert_int_equal(rlm_guid_parse(guid_a, &g), 0);
	assert_int_equal(rlm_secret_build_add(&sb, &g, secret_a, sizeof(secret_a) - 1), 0);
	assert_int_equal(rlm_guid_parse(guid_b, &g), 0);
	assert_int_equal(rlm_secret_build_add(&sb, &g, secret_b, sizeof(secret_b) - 1), 0);
	assert_int_equal(rlm_secret_build_finish(&sb, &F.area_len), 0);
	snprintf(rel, sizeof(rel), "%s/%s", RLM_AGENT_SECRETS, guid_a);
	put_file(rel, secret_a, sizeof(secret_a) - 1);
	snprintf(rel, sizeof(rel), "%s/%s", RLM_AGENT_SECRETS, guid_b);
	put_file(rel, secret_b, sizeof(secret_b) - 1);
}

static int setup(void **state)
{
	static const char *const mrs[] = { "rim:sha256", "rem0:sha256", "rem1:sha256",
					   "rem2:sha256", "rem3:sha256" };
	char rel[256];
	unsigned int i;

	(void)state;
	memset(&F, 0, sizeof(F));
	F.provider = RLM_AGENT_TSM_PROVIDER;
	snprintf(F.root, sizeof(F.root), "/tmp/rlm-agent-XXXXXX");
	assert_non_null(mkdtemp(F.root));
	boot_realm();
	mkdirs(RLM_AGENT_TSM_REPORT);
	mkdirs(RLM_AGENT_MEASUREMENTS);
	mkdirs(RLM_AGENT_SECRETS);
	mkdirs("sys/firmware/acpi/tables/data");
	for (i = 0; i < 5; i++) {
		snprintf(rel, sizeof(rel), "%s/%s", RLM_AGENT_MEASUREMENTS, mrs[i]);
		put_file(rel, "", 0); /* contents served by the fake */
	}
	build_ccel();
	put_file(RLM_AGENT_CCEL, CCEL, CCEL_LEN);
	build_secrets();
	return 0;
}

static void rm_tree(const char *path)
{
	struct dirent *d;
	DIR *dir = opendir(path);

	if (dir) {
		while ((d = readdir(dir)) != NULL) {
			char p[1024];

			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			snprintf(p, sizeof(p), "%s/%s", path, d->d_name);
			rm_tree(p);
		}
		closedir(dir);
		(void)rmdir(path);
	} else {
		(void)unlink(path);
	}
}

static int teardown(void **state)
{
	(void)state;
	rm_tree(F.root);
	rlm_mock_free(M);
	M = NULL;
	return 0;
}

static void kernel_opts(struct rlm_agent_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->backend = RLM_AGENT_KERNEL;
	o->root = F.root;
	o->fs = &FAKE_FS;
}

static void rsi_opts(struct rlm_agent_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->backend = RLM_AGENT_RSI;
	o->root = F.root;
	o->conduit = &RSI;
	o->buf_ipa = SHIM_REALM_BUF_IPA;
	o->buf = RSI_BUF;
}

static struct rlm_agent *open_ok(const struct rlm_agent_opts *o)
{
	struct rlm_agent *a = NULL;

	assert_int_equal(rlm_agent_open(o, &a), 0);
	assert_non_null(a);
	return a;
}

static bool report_dirs_left(void)
{
	char p[512];
	struct dirent *d;
	DIR *dir;
	bool any = false;

	snprintf(p, sizeof(p), "%s/%s", F.root, RLM_AGENT_TSM_REPORT);
	dir = opendir(p);
	assert_non_null(dir);
	while ((d = readdir(dir)) != NULL)
		if (d->d_name[0] != '.')
			any = true;
	closedir(dir);
	return any;
}

/* ---- the example agent, unchanged, over each backend ------------------------- */

static void run_agent(const struct rlm_agent_opts *o, const char *backend)
{
	struct rlm_agent *a = open_ok(o);
	uint8_t nonce[32];
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	char want[64];
	int rc;

	assert_non_null(f);
	memset(nonce, 0x42, sizeof(nonce));
	rc = guest_agent_run(a, nonce, sizeof(nonce), f);
	assert_int_equal(fclose(f), 0);
	printf("%s", out);
	assert_int_equal(rc, 0);
	snprintf(want, sizeof(want), "backend: %s, sha256", backend);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "token: "));
	assert_null(strstr(out, "token: none"));
	assert_non_null(strstr(out, "extend: REM3 with"));
	assert_non_null(strstr(out, "replay matches the REMs"));
	/* the firmware's log: 5 events, padding not counted */
	snprintf(want, sizeof(want), "CCEL: %zu bytes, 5 events", CCEL_LEN);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "secrets: 2 ("));
	assert_non_null(strstr(out, guid_a));
	assert_non_null(strstr(out, "VERDICT: attestable"));
	free(out);
	rlm_agent_close(a);
}

static void test_agent_kernel(void **state)
{
	struct rlm_agent_opts o;

	(void)state;
	kernel_opts(&o);
	run_agent(&o, "kernel");
	assert_false(report_dirs_left());
	assert_int_equal(F.extends, 1);
}

static void test_agent_rsi(void **state)
{
	struct rlm_agent_opts o;

	(void)state;
	rsi_opts(&o);
	run_agent(&o, "rsi");
}

/* Both backends on one realm see the same registers and extends. */
static void test_same_results(void **state)
{
	struct rlm_agent_opts ko, ro;
	struct rlm_agent *k, *r;
	uint8_t vk[64], vr[64], dk[64], dr[64];
	unsigned int i;

	(void)state;
	kernel_opts(&ko);
	rsi_opts(&ro);
	k = open_ok(&ko);
	r = open_ok(&ro);
	for (i = 0; i < 5; i++) {
		assert_int_equal(rlm_agent_measurement_read(k, i, vk, NULL), 0);
		assert_int_equal(rlm_agent_measurement_read(r, i, vr, NULL), 0);
		assert_memory_equal(vk, vr, 64);
	}
	/* the same event gives the same digest and the same REM */
	assert_int_equal(rlm_agent_extend(k, 3, RLM_EV_IPL, "e", 1, dk), 0);
	assert_int_equal(rlm_agent_measurement_read(r, 3, vr, NULL), 0);
	assert_int_equal(rlm_agent_measurement_read(k, 3, vk, NULL), 0);
	assert_memory_equal(vk, vr, 64);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "e", 1, dr), 0);
	assert_memory_equal(dk, dr, 32);
	/* each backend's log accounts only for its own extends: the RSI
	 * one sees the kernel's as unlogged */
	assert_int_equal(rlm_agent_check_rems(k, NULL), 0);
	{
		int bad = -1;

		assert_int_equal(rlm_agent_check_rems(r, &bad), RLM_EMISMATCH);
		assert_int_equal(bad, 2);
		assert_non_null(strstr(rlm_agent_error(r), "rsi: REM2 differs"));
	}
	rlm_agent_close(k);
	rlm_agent_close(r);
}

/* ---- selection --------------------------------------------------------------- */

static void test_auto_order(void **state)
{
	struct rlm_agent_opts o;
	struct rlm_agent *a = NULL;
	char why[512], empty[300];

	(void)state;
	/* the kernel's interfaces first */
	kernel_opts(&o);
	o.backend = RLM_AGENT_AUTO;
	o.conduit = &RSI;
	o.buf = RSI_BUF;
	o.buf_ipa = SHIM_REALM_BUF_IPA;
	a = open_ok(&o);
	assert_int_equal(rlm_agent_backend(a), RLM_AGENT_KERNEL);
	rlm_agent_close(a);
	/* no kernel interface, no module: RSI */
	snprintf(empty, sizeof(empty), "%s/sys/firmware", F.root);
	o.root = empty;
	o.shim_path = "/nonexistent/realm-shim";
	a = open_ok(&o);
	assert_int_equal(rlm_agent_backend(a), RLM_AGENT_RSI);
	rlm_agent_close(a);
	/* nothing at all: RLM_ENOENT, and why */
	o.conduit = NULL;
	o.errmsg = why;
	o.errmsg_len = sizeof(why);
	assert_int_equal(rlm_agent_open(&o, &a), RLM_ENOENT);
	assert_null(a);
	assert_non_null(strstr(why, "shim: /nonexistent/realm-shim: cannot open"));
	/* a selected backend that is absent names its files */
	o.backend = RLM_AGENT_KERNEL;
	assert_int_equal(rlm_agent_open(&o, &a), RLM_ENOENT);
	assert_non_null(strstr(why, "kernel: neither "));
	assert_non_null(strstr(why, "tsm/report"));
	o.backend = RLM_AGENT_SHIM;
	assert_int_equal(rlm_agent_open(&o, &a), RLM_ENOENT);
	o.backend = RLM_AGENT_RSI;
	assert_int_equal(rlm_agent_open(&o, &a), RLM_ENOENT);
	assert_non_null(strstr(why, "rsi: no RSI conduit"));
	/* bad input */
	o.backend = (enum rlm_agent_backend)7;
	assert_int_equal(rlm_agent_open(&o, &a), RLM_EINVAL);
	assert_int_equal(rlm_agent_open(NULL, &a), RLM_EINVAL);
	assert_int_equal(rlm_agent_open(&o, NULL), RLM_EINVAL);
	assert_string_equal(rlm_agent_backend_name(RLM_AGENT_SHIM), "shim");
	assert_string_equal(rlm_agent_backend_name((enum rlm_agent_backend)9), "?");
	rlm_agent_close(NULL);
}

/* A measurement directory without rem2 is not the kernel's. */
static void test_kernel_missing_register(void **state)
{
	struct rlm_agent_opts o;
	struct rlm_agent *a = NULL;
	char p[512], why[512];

	(void)state;
	snprintf(p, sizeof(p), "%s/%s/rem2:sha256", F.root, RLM_AGENT_MEASUREMENTS);
	assert_int_equal(unlink(p), 0);
	kernel_opts(&o);
	o.errmsg = why;
	o.errmsg_len = sizeof(why);
	assert_int_equal(rlm_agent_open(&o, &a), RLM_EMALFORMED);
	assert_non_null(strstr(why, "no rem2:<hash> file"));
	/* two algorithms */
	snprintf(p, sizeof(p), "%s/%s/rem2:sha512", F.root, RLM_AGENT_MEASUREMENTS);
	put_file(p + strlen(F.root) + 1, "", 0);
	snprintf(p, sizeof(p), "%s/%s/rem1:sha384", F.root, RLM_AGENT_MEASUREMENTS);
	put_file(p + strlen(F.root) + 1, "", 0);
	assert_int_equal(rlm_agent_open(&o, &a), RLM_EMALFORMED);
	assert_non_null(strstr(why, "two algorithms"));
}

/* ---- configfs-tsm -------------------------------------------------------------- */

static void test_token_kernel(void **state)
{
	static uint8_t tok[16384];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	struct rlm_token t;
	uint8_t ch[64];
	size_t len = 0;

	(void)state;
	kernel_opts(&o);
	a = open_ok(&o);
	memset(ch, 0x17, sizeof(ch));
	assert_int_equal(rlm_agent_token(a, ch, 48, tok, sizeof(tok), &len), 0);
	assert_int_equal(F.inblob_len, 48);
	assert_int_equal(rlm_token_decode(tok, len, &t), 0);
	assert_int_equal(t.realm.challenge.len, 64);
	assert_memory_equal(t.realm.challenge.ptr, ch, 48);
	assert_false(report_dirs_left());
	/* too small a buffer: the size needed */
	assert_int_equal(rlm_agent_token(a, ch, 64, tok, 10, &len), RLM_ENOSPC);
	assert_true(len > 10);
	assert_false(report_dirs_left());
	/* challenge sizes */
	assert_int_equal(rlm_agent_token(a, ch, 31, tok, sizeof(tok), &len), RLM_EINVAL);
	assert_int_equal(len, 0);
	assert_non_null(strstr(rlm_agent_error(a), "32..64"));
	assert_int_equal(rlm_agent_token(a, ch, 65, tok, sizeof(tok), &len), RLM_EINVAL);
	assert_int_equal(rlm_agent_token(a, NULL, 32, tok, sizeof(tok), &len), RLM_EINVAL);
	assert_int_equal(rlm_agent_token(a, ch, 32, NULL, 5, &len), RLM_EINVAL);
	rlm_agent_close(a);
}

static void test_token_generation_race(void **state)
{
	static uint8_t tok[16384];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	uint8_t ch[32];
	size_t len;

	(void)state;
	kernel_opts(&o);
	a = open_ok(&o);
	memset(ch, 1, sizeof(ch));
	F.racer = 1; /* someone else writes the report too */
	assert_int_equal(rlm_agent_token(a, ch, 32, tok, sizeof(tok), &len), RLM_EBUSY);
	assert_non_null(strstr(rlm_agent_error(a), "kernel: "));
	assert_non_null(strstr(rlm_agent_error(a), "/generation: 2 after our write, expected 1"));
	assert_false(report_dirs_left());
	rlm_agent_close(a);
}

static void test_token_provider_and_efbig(void **state)
{
	static uint8_t tok[16384];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	uint8_t ch[32];
	size_t len;

	(void)state;
	kernel_opts(&o);
	a = open_ok(&o);
	memset(ch, 1, sizeof(ch));
	F.provider = "tdx_guest";
	assert_int_equal(rlm_agent_token(a, ch, 32, tok, sizeof(tok), &len), RLM_ENOTSUP);
	assert_non_null(strstr(rlm_agent_error(a), "/provider: \"tdx_guest\", not arm_cca_guest"));
	F.provider = RLM_AGENT_TSM_PROVIDER;
	F.outblob_efbig = true;
	assert_int_equal(rlm_agent_token(a, ch, 32, tok, sizeof(tok), &len), RLM_E2BIG);
	assert_non_null(strstr(rlm_agent_error(a), "/outblob: File too large"));
	assert_false(report_dirs_left());
	rlm_agent_close(a);
}

static void test_token_no_tsm(void **state)
{
	static uint8_t tok[1024];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	char p[512];
	uint8_t ch[32] = { 0 };
	size_t len;

	(void)state;
	snprintf(p, sizeof(p), "%s/%s", F.root, RLM_AGENT_TSM_REPORT);
	assert_int_equal(rmdir(p), 0);
	kernel_opts(&o);
	a = open_ok(&o); /* the registers are enough to open */
	assert_int_equal(rlm_agent_token(a, ch, 32, tok, sizeof(tok), &len), RLM_ENOTSUP);
	assert_non_null(strstr(rlm_agent_error(a), "no configfs-tsm reports"));
	rlm_agent_close(a);
}

/* ---- measurement registers and the REM log ------------------------------------- */

static void read_log_file(uint8_t *buf, size_t cap, size_t *len)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", F.root, RLM_AGENT_REM_LOG);
	f = fopen(p, "rb");
	assert_non_null(f);
	*len = fread(buf, 1, cap, f);
	fclose(f);
}

static void test_extend_logged(void **state)
{
	static uint8_t log[65536], file[65536];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	struct rlm_tcg_log l;
	struct rlm_tcg_event ev;
	uint8_t v[64], d[64];
	size_t len, flen, pos, hs;
	unsigned int i;

	(void)state;
	kernel_opts(&o);
	a = open_ok(&o);
	/* an empty log before any extend: a header that replays */
	assert_int_equal(rlm_agent_log(a, log, sizeof(log), &len), 0);
	assert_int_equal(rlm_tcg_log_open(&l, log, len, NULL), 0);
	assert_int_equal(rlm_agent_check_rems(a, NULL), 0);
	for (i = 1; i <= 4; i++)
		assert_int_equal(rlm_agent_extend(a, i, RLM_EV_EVENT_TAG, "ev", 2, d), 0);
	assert_int_equal(F.extends, 4);
	assert_int_equal(rlm_agent_check_rems(a, NULL), 0);
	/* the log is the file, its index the CC MR index (REM3 = 4, not 16) */
	assert_int_equal(rlm_agent_log(a, log, sizeof(log), &len), 0);
	read_log_file(file, sizeof(file), &flen);
	assert_int_equal(len, flen);
	assert_memory_equal(log, file, len);
	assert_int_equal(rlm_agent_log_convention(a), RLM_AGENT_LOG_MR_INDEX);
	assert_int_equal(rlm_tcg_log_open(&l, log, len, NULL), 0);
	pos = l.first_event;
	for (i = 1; i <= 4; i++) {
		assert_int_equal(rlm_tcg_log_next(&l, &pos, &ev, NULL), 0);
		assert_int_equal(ev.index, i);
		assert_int_equal(ev.type, RLM_EV_EVENT_TAG);
	}
	assert_int_equal(rlm_tcg_log_next(&l, &pos, &ev, NULL), RLM_ENOENT);
	/* reads: index, size */
	assert_int_equal(rlm_agent_measurement_read(a, 0, v, &hs), 0);
	assert_int_equal(hs, 32);
	assert_int_equal(rlm_agent_measurement_read(a, 5, v, &hs), RLM_ERANGE);
	assert_int_equal(rlm_agent_measurement_read(a, 1, NULL, &hs), RLM_EINVAL);
	/* extend: bad input */
	assert_int_equal(rlm_agent_extend(a, 0, 1, "x", 1, d), RLM_ERANGE);
	assert_int_equal(rlm_agent_extend(a, 5, 1, "x", 1, d), RLM_ERANGE);
	assert_int_equal(rlm_agent_extend(a, 1, 1, NULL, 1, d), RLM_EINVAL);
	assert_int_equal(rlm_agent_extend(a, 1, 1, "x", RLM_GUEST_EVENT_MAX + 1, d), RLM_E2BIG);
	assert_int_equal(F.extends, 4);
	/* a short register read */
	F.rem_short = true;
	assert_int_equal(rlm_agent_measurement_read(a, 2, v, NULL), RLM_EMALFORMED);
	assert_non_null(strstr(rlm_agent_error(a), "rem1:sha256"));
	rlm_agent_close(a);
}

static void test_unlogged_extend_detected(void **state)
{
	static uint8_t log[65536];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	uint8_t dg[32], d[64];
	size_t before, after;
	int bad = -1;

	(void)state;
	kernel_opts(&o);
	a = open_ok(&o);
	assert_int_equal(rlm_agent_extend(a, 2, RLM_EV_EVENT_TAG, "ok", 2, d), 0);
	assert_int_equal(rlm_agent_log(a, log, sizeof(log), &before), 0);
	/* someone writes REM1's file directly */
	memset(dg, 0xee, sizeof(dg));
	assert_int_equal(rlm_guest_measurement_extend(&G, 2, dg, 32), 0);
	assert_int_equal(rlm_agent_check_rems(a, &bad), RLM_EMISMATCH);
	assert_int_equal(bad, 1);
	assert_non_null(strstr(rlm_agent_error(a), "kernel: REM1 differs"));
	/* further extends of that REM are refused, nothing logged */
	assert_int_equal(rlm_agent_extend(a, 2, RLM_EV_EVENT_TAG, "more", 4, d), RLM_EMISMATCH);
	assert_non_null(strstr(rlm_agent_error(a), "REM1 ("));
	assert_non_null(strstr(rlm_agent_error(a), "rem1:sha256) differs"));
	assert_int_equal(rlm_agent_log(a, log, sizeof(log), &after), 0);
	assert_int_equal(before, after);
	/* the others still work */
	assert_int_equal(rlm_agent_extend(a, 3, RLM_EV_EVENT_TAG, "fine", 4, d), 0);
	rlm_agent_close(a);
}

static void test_extend_failure_withdraws(void **state)
{
	static uint8_t log[65536];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	uint8_t d[64];
	size_t before, after;

	(void)state;
	kernel_opts(&o);
	a = open_ok(&o);
	assert_int_equal(rlm_agent_extend(a, 1, RLM_EV_EVENT_TAG, "a", 1, d), 0);
	assert_int_equal(rlm_agent_log(a, log, sizeof(log), &before), 0);
	F.rem_write_errno = EIO;
	assert_int_equal(rlm_agent_extend(a, 1, RLM_EV_EVENT_TAG, "b", 1, d), RLM_EIO);
	assert_non_null(strstr(rlm_agent_error(a), "rem0:sha256: write:"));
	assert_non_null(strstr(rlm_agent_error(a), "withdrawn"));
	assert_int_equal(rlm_agent_log(a, log, sizeof(log), &after), 0);
	assert_int_equal(before, after);
	F.rem_write_errno = 0;
	assert_int_equal(rlm_agent_check_rems(a, NULL), 0);
	/* a log that is not one */
	{
		char p[512];
		FILE *f;

		snprintf(p, sizeof(p), "%s/%s", F.root, RLM_AGENT_REM_LOG);
		f = fopen(p, "wb");
		assert_non_null(f);
		fputs("garbage, not TCG2", f);
		fclose(f);
	}
	assert_int_equal(rlm_agent_extend(a, 1, RLM_EV_EVENT_TAG, "c", 1, d), RLM_ETRUNC);
	assert_non_null(strstr(rlm_agent_error(a), "rem-log: not a sha256 REM log"));
	rlm_agent_close(a);
}

struct racer_arg {
	unsigned int index;
	int err;
};

static void *racer(void *p)
{
	struct racer_arg *r = p;
	struct rlm_agent_opts o;
	struct rlm_agent *a = NULL;
	unsigned int i;

	kernel_opts(&o);
	r->err = rlm_agent_open(&o, &a);
	for (i = 0; !r->err && i < 10; i++)
		r->err = rlm_agent_extend(a, r->index, RLM_EV_EVENT_TAG, &i, sizeof(i), NULL);
	rlm_agent_close(a);
	return NULL;
}

/* Two writers at once: every extend is in the log. */
static void test_two_writers(void **state)
{
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	struct racer_arg r[2] = { { 1, -1 }, { 1, -1 } };
	pthread_t t[2];
	int i;

	(void)state;
	/* (the fake's realm is touched only under the library's log lock,
	 * which serialises the writers as the kernel serialises the RMM) */
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, racer, &r[i]), 0);
	for (i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(r[i].err, 0);
	}
	assert_int_equal(F.extends, 20);
	kernel_opts(&o);
	a = open_ok(&o);
	assert_int_equal(rlm_agent_check_rems(a, NULL), 0);
	rlm_agent_close(a);
}

/* ---- the firmware's log and the secrets ------------------------------------------ */

static void test_ccel(void **state)
{
	static uint8_t buf[16384];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	size_t len;
	char p[512];

	(void)state;
	kernel_opts(&o);
	a = open_ok(&o);
	assert_int_equal(rlm_agent_ccel(a, buf, sizeof(buf), &len), 0);
	assert_int_equal(len, CCEL_LEN);
	assert_memory_equal(buf, CCEL, len);
	/* the REMs the firmware extended replay from it (index = MR index,
	 * the RIM event and EV_NO_ACTION skipped, padding not events) */
	assert_int_equal(rlm_agent_check_rems(a, NULL), 0);
	assert_int_equal(rlm_agent_ccel(a, buf, 10, &len), RLM_ENOSPC);
	assert_int_equal(len, CCEL_LEN);
	assert_int_equal(rlm_agent_ccel(a, NULL, 10, &len), RLM_EINVAL);
	/* a CCEL that does not replay is named */
	CCEL[60] ^= 0xff;
	put_file(RLM_AGENT_CCEL, CCEL, CCEL_LEN);
	assert_true(rlm_agent_check_rems(a, NULL) < 0);
	assert_non_null(strstr(rlm_agent_error(a), "data/CCEL"));
	/* none */
	snprintf(p, sizeof(p), "%s/%s", F.root, RLM_AGENT_CCEL);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(rlm_agent_ccel(a, buf, sizeof(buf), &len), RLM_ENOENT);
	assert_non_null(strstr(rlm_agent_error(a), "data/CCEL: No such file"));
	rlm_agent_close(a);
}

static void test_secrets(void **state)
{
	uint8_t buf[256];
	struct rlm_agent_opts o;
	struct rlm_agent *a;
	struct rlm_guid g[4], ga;
	struct rlm_secret_entry e;
	size_t n, len;
	char p[512];

	(void)state;
	kernel_opts(&o);
	a = open_ok(&o);
	assert_int_equal(rlm_agent_secrets(a, g, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rlm_agent_secrets(a, g, 1, &n), RLM_ENOSPC);
	assert_int_equal(n, 2);
	assert_int_equal(rlm_guid_parse(guid_a, &ga), 0);
	/* a refused wipe returns nothing */
	F.unlink_errno = EPERM;
	memset(buf, 0x55, sizeof(buf));
	assert_int_equal(rlm_agent_secret_take(a, &ga, buf, sizeof(buf), &len), RLM_EPERM);
	assert_int_equal(len, 0);
	assert_int_equal(buf[0], 0x55);
	assert_non_null(strstr(rlm_agent_error(a), "unlink (wipe)"));
	F.unlink_errno = 0;
	/* too small: nothing wiped */
	assert_int_equal(rlm_agent_secret_take(a, &ga, buf, 3, &len), RLM_ENOSPC);
	assert_int_equal(len, sizeof(secret_a) - 1);
	assert_int_equal(rlm_secret_area_find(F.area, F.area_len, &ga, &e), 0);
	/* read, then wiped: gone from the directory and the area */
	assert_int_equal(rlm_agent_secret_take(a, &ga, buf, sizeof(buf), &len), 0);
	assert_int_equal(len, sizeof(secret_a) - 1);
	assert_memory_equal(buf, secret_a, len);
	assert_int_equal(rlm_secret_area_find(F.area, F.area_len, &ga, &e), RLM_ENOENT);
	assert_int_equal(rlm_agent_secrets(a, g, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rlm_agent_secret_take(a, &ga, buf, sizeof(buf), &len), RLM_ENOENT);
	assert_non_null(strstr(rlm_agent_error(a), guid_a));
	/* no securityfs directory */
	snprintf(p, sizeof(p), "%s/%s", F.root, RLM_AGENT_SECRETS);
	rm_tree(p);
	assert_int_equal(rlm_agent_secrets(a, g, 4, &n), RLM_ENOENT);
	assert_non_null(strstr(rlm_agent_error(a), "secrets/coco"));
	rlm_agent_close(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_agent_kernel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agent_rsi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_auto_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kernel_missing_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_kernel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_generation_race, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_provider_and_efbig, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_no_tsm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extend_logged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unlogged_extend_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extend_failure_withdraws, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_writers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ccel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secrets, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
