/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * KVM backend through an ioctl interposer: every system call the backend
 * makes is recorded with the bytes of its argument structure (and, for
 * KVM_ENABLE_CAP, of the structure args[1] points to), and checked byte by
 * byte against the layouts of each kernel series written out here from the
 * kernels' headers (see realm/kvm.h for the sources).
 */
#include <errno.h>
#include <fcntl.h>

#include "test_util.h"
#include <realm/realm.h>
#include <realm/kvm.h>
#include <realm/ripas.h>

#define FD_KVM 10
#define FD_VM 11
#define FD_VCPU 12
#define FD_PARAM 13

struct call {
	int fd;
	unsigned long req;
	uintptr_t arg;
	uint8_t bytes[512];   /* the argument structure */
	size_t len;
	uint8_t sub[512];     /* KVM_ENABLE_CAP args[1] target */
	size_t sublen;
};

struct fake {
	bool no_dev;
	const char *rme, *rmi;       /* sysfs contents, NULL = absent */
	long caps[512];              /* KVM_CHECK_EXTENSION answers */
	uint64_t populate_step;      /* v13/v14: bytes done per call */
	bool populate_stuck;
	unsigned long fail_req;      /* this request fails with fail_errno */
	int fail_errno;
	int open_fds;
	struct call calls[64];
	int n;
	uint64_t populated;
};

static struct fake F;

static const char *rme_path = "/fake/kvm_cap_arm_rme";
static const char *rmi_path = "/fake/kvm_cap_arm_rmi";

static int f_open(void *ctx, const char *path, int flags)
{
	(void)ctx;
	(void)flags;
	if (!strcmp(path, "/fake/kvm")) {
		if (F.no_dev)
			return -ENOENT;
		F.open_fds++;
		return FD_KVM;
	}
	if (!strcmp(path, rme_path) && F.rme) {
		F.open_fds++;
		return FD_PARAM + 100;
	}
	if (!strcmp(path, rmi_path) && F.rmi) {
		F.open_fds++;
		return FD_PARAM + 200;
	}
	return -ENOENT;
}

static int f_close(void *ctx, int fd)
{
	(void)ctx;
	(void)fd;
	F.open_fds--;
	return 0;
}

static long f_read(void *ctx, int fd, void *buf, size_t len)
{
	const char *s = fd == FD_PARAM + 100 ? F.rme : F.rmi;
	size_t n = strlen(s);

	(void)ctx;
	if (n > len)
		n = len;
	memcpy(buf, s, n);
	return (long)n;
}

static uint64_t rd64(const uint8_t *b, size_t off)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | b[off + (size_t)i];
	return v;
}

static void wr64(uint8_t *b, size_t off, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[off + (size_t)i] = (uint8_t)(v >> (8 * i));
}

static long f_ioctl(void *ctx, int fd, unsigned long req, uintptr_t arg)
{
	struct call *c;
	size_t len = RLM_IOC_SIZE(req);

	(void)ctx;
	assert_true(F.n < (int)RLM_ARRAY_SIZE(F.calls));
	c = &F.calls[F.n++];
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->req = req;
	c->arg = arg;
	if (len && RLM_IOC_DIR(req) & RLM_IOC_WRITE) {
		assert_true(len <= sizeof(c->bytes));
		memcpy(c->bytes, (const void *)arg, len);
		c->len = len;
	}
	if (req == RLM_KVM_ENABLE_CAP) {
		uint64_t sub = rd64(c->bytes, 8), p = rd64(c->bytes, 16);
		size_t sl = sub == 0 ? 260 : (sub == 2 || sub == 3) ? 32 : 0;

		if (sl) {
			assert_true(p != 0);
			memcpy(c->sub, (const void *)(uintptr_t)p, sl);
			c->sublen = sl;
		} else {
			assert_true(p == 0);
		}
	}
	if (F.fail_req == req)
		return -F.fail_errno;
	switch (req) {
	case RLM_KVM_CHECK_EXTENSION:
		return arg < RLM_ARRAY_SIZE(F.caps) ? F.caps[arg] : 0;
	case RLM_KVM_CREATE_VM:
		F.open_fds++;
		return FD_VM;
	case RLM_KVM_CREATE_VCPU:
		F.open_fds++;
		return FD_VCPU;
	case RLM_KVM_ARM_PREFERRED_TARGET: {
		uint8_t *b = (uint8_t *)arg;

		memset(b, 0xee, RLM_KVM_VCPU_INIT_SIZE); /* features: junk */
		b[0] = 5; b[1] = 0; b[2] = 0; b[3] = 0;  /* GENERIC_V8 */
		return 0;
	}
	case RLM_KVM_ARM_RMI_POPULATE: {
		uint8_t *b = (uint8_t *)arg;
		uint64_t size = rd64(b, 8), step = F.populate_step;

		if (F.populate_stuck)
			return 0;
		if (step > size)
			step = size;
		wr64(b, 0, rd64(b, 0) + step);
		wr64(b, 8, size - step);
		wr64(b, 16, rd64(b, 16) + step);
		F.populated += step;
		return 0;
	}
	default:
		return 0;
	}
}

static const struct rlm_kvm_sys_ops fake_ops = {
	.open = f_open, .close = f_close, .read = f_read, .ioctl = f_ioctl,
};

static const struct rlm_kvm_config fake_cfg = {
	.ops = &fake_ops, .dev = "/fake/kvm",
	.param_rme = "/fake/kvm_cap_arm_rme", .param_rmi = "/fake/kvm_cap_arm_rmi",
};

static int setup(void **state)
{
	(void)state;
	memset(&F, 0, sizeof(F));
	F.populate_step = 0x3000;
	return 0;
}

/* Expected structure: zero bytes with little-endian fields at offsets. */
struct field {
	size_t off, size;
	uint64_t v;
};

static void expect_bytes(const uint8_t *got, size_t len, size_t want_len,
			 const struct field *f, size_t nf)
{
	uint8_t want[512];

	assert_int_equal(len, want_len);
	memset(want, 0, sizeof(want));
	for (size_t i = 0; i < nf; i++)
		for (size_t j = 0; j < f[i].size; j++)
			want[f[i].off + j] = (uint8_t)(f[i].v >> (8 * j));
	assert_memory_equal(got, want, want_len);
}

static void expect_enable_cap(const struct call *c, unsigned int cap,
			      uint64_t sub)
{
	const struct field f[] = {
		{ 0, 4, cap }, { 8, 8, sub }, { 16, 8, rd64(c->bytes, 16) },
	};

	assert_int_equal(c->fd, FD_VM);
	assert_true(c->req == 0x4068aea3ul); /* _IOW(0xAE, 0xa3, 104) */
	expect_bytes(c->bytes, c->len, 104, f, 3);
}

static void test_ioctl_numbers(void **state)
{
	(void)state;
	/* Values as the kernels' _IO* macros produce them. */
	assert_true(RLM_KVM_CREATE_VM == 0xae01ul);
	assert_true(RLM_KVM_CHECK_EXTENSION == 0xae03ul);
	assert_true(RLM_KVM_CREATE_VCPU == 0xae41ul);
	assert_true(RLM_KVM_ENABLE_CAP == 0x4068aea3ul);
	assert_true(RLM_KVM_ARM_VCPU_INIT == 0x4020aeaeul);
	assert_true(RLM_KVM_ARM_PREFERRED_TARGET == 0x8020aeaful);
	assert_true(RLM_KVM_ARM_VCPU_FINALIZE == 0x4004aec2ul);
	assert_true(RLM_KVM_SET_MEMORY_ATTRIBUTES == 0x4020aed2ul);
	assert_true(RLM_KVM_ARM_VCPU_RMM_PSCI_COMPLETE == 0x4018aed6ul);
	assert_true(RLM_KVM_ARM_RMI_POPULATE_V12 == 0x4020aed7ul);
	assert_true(RLM_KVM_ARM_RMI_POPULATE == 0xc020aed7ul);
}

static void test_detect_sysfs(void **state)
{
	static const struct {
		const char *rme, *rmi;
		unsigned int cap;
		enum rlm_kvm_series s;
	} rows[] = {
		{ "244\n", NULL, 244, RLM_KVM_V10 },
		{ "300\n", NULL, 300, RLM_KVM_V10 }, /* whatever it publishes */
		{ NULL, "247\n", 247, RLM_KVM_V12 },
		{ NULL, "248", 248, RLM_KVM_V13 },
		{ NULL, "249\n", 249, RLM_KVM_V14 },
	};
	struct rlm_kvm k;

	(void)state;
	for (size_t i = 0; i < RLM_ARRAY_SIZE(rows); i++) {
		setup(NULL);
		F.rme = rows[i].rme;
		F.rmi = rows[i].rmi;
		F.caps[rows[i].cap] = 1;
		F.caps[244] = 3; /* KVM_CAP_GUEST_MEMFD_FLAGS on newer kernels */
		assert_int_equal(rlm_kvm_open(&k, &fake_cfg), 0);
		assert_int_equal(k.series, rows[i].s);
		assert_int_equal(k.cap, rows[i].cap);
		assert_int_equal(k.found, RLM_KVM_FOUND_SYSFS);
		/* The published number is confirmed with the kernel. */
		assert_int_equal(F.n, 1);
		assert_true(F.calls[0].req == RLM_KVM_CHECK_EXTENSION);
		assert_int_equal(F.calls[0].arg, rows[i].cap);
		assert_int_equal(F.calls[0].fd, FD_KVM);
		rlm_kvm_close(&k);
		assert_int_equal(F.open_fds, 0);
	}
}

static void test_detect_probe(void **state)
{
	struct rlm_kvm k;

	(void)state;
	/* Newest first: with 249 and 244 both answering, v14 wins. */
	F.caps[249] = 1;
	F.caps[244] = 1;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), 0);
	assert_int_equal(k.series, RLM_KVM_V14);
	assert_int_equal(k.found, RLM_KVM_FOUND_PROBE);
	assert_int_equal(F.n, 1);
	assert_int_equal(F.calls[0].arg, 249);
	rlm_kvm_close(&k);

	setup(NULL);
	F.caps[244] = 1;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), 0);
	assert_int_equal(k.series, RLM_KVM_V10);
	assert_int_equal(k.cap, 244);
	assert_int_equal(F.n, 4); /* 249, 248, 247, 244 */
	assert_int_equal(F.calls[0].arg, 249);
	assert_int_equal(F.calls[1].arg, 248);
	assert_int_equal(F.calls[2].arg, 247);
	assert_int_equal(F.calls[3].arg, 244);
	rlm_kvm_close(&k);

	setup(NULL);
	F.caps[247] = 1;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), 0);
	assert_int_equal(k.series, RLM_KVM_V12);
	rlm_kvm_close(&k);
	assert_int_equal(F.open_fds, 0);
}

static void test_detect_errors(void **state)
{
	struct rlm_kvm k;

	(void)state;
	/* Nothing at all: the message names both files and all caps. */
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), RLM_ENOTSUP);
	assert_non_null(strstr(k.why, "kvm_cap_arm_rme"));
	assert_non_null(strstr(k.why, "kvm_cap_arm_rmi"));
	assert_non_null(strstr(k.why, "249"));
	assert_non_null(strstr(k.why, "244"));
	assert_int_equal(F.open_fds, 0);

	/* Published but denied by the kernel. */
	setup(NULL);
	F.rme = "244\n";
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), RLM_ENOTSUP);
	assert_non_null(strstr(k.why, "KVM_CHECK_EXTENSION(244)"));
	assert_int_equal(F.open_fds, 0);

	/* An RMI number this library does not know. */
	setup(NULL);
	F.rmi = "251\n";
	F.caps[251] = 1;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), RLM_ENOTSUP);
	assert_non_null(strstr(k.why, "251"));
	assert_int_equal(F.open_fds, 0);

	/* Garbage in the parameter files. */
	static const char *bad[] = { "", "abc", "24x4", "\n", "12345678901" };

	for (size_t i = 0; i < RLM_ARRAY_SIZE(bad); i++) {
		setup(NULL);
		F.rmi = bad[i];
		F.caps[249] = 1;
		assert_int_equal(rlm_kvm_open(&k, &fake_cfg), RLM_ENOTSUP);
		assert_non_null(strstr(k.why, "not a capability number"));
		assert_int_equal(F.open_fds, 0);
	}

	/* No /dev/kvm. */
	setup(NULL);
	F.no_dev = true;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), RLM_EIO);
	assert_non_null(strstr(k.why, "/fake/kvm"));
	assert_int_equal(rlm_kvm_open(NULL, &fake_cfg), RLM_EINVAL);
	struct rlm_kvm_sys_ops broken = fake_ops;
	struct rlm_kvm_config cfg = fake_cfg;

	broken.ioctl = NULL;
	cfg.ops = &broken;
	assert_int_equal(rlm_kvm_open(&k, &cfg), RLM_EINVAL);
}

static struct rlm_kvm K;
static struct rlm_kvm_vm VM;

static void open_series(const char *rme, const char *rmi, unsigned int cap)
{
	setup(NULL);
	F.rme = rme;
	F.rmi = rmi;
	F.caps[cap] = 1;
	assert_int_equal(rlm_kvm_open(&K, &fake_cfg), 0);
	F.n = 0;
}

static void test_v10_launch(void **state)
{
	uint8_t rpv[64];
	uint8_t src[0x4000];
	int vcpu;

	(void)state;
	open_series("244\n", NULL, 244);
	assert_true(rlm_kvm_has_config(&K) && rlm_kvm_has_psci_complete(&K) &&
		    rlm_kvm_has_rec_feature(&K));
	assert_int_equal(rlm_kvm_create_vm(&K, 40, &VM), 0);
	assert_true(F.calls[0].req == RLM_KVM_CREATE_VM);
	assert_true(F.calls[0].arg == ((1ul << 8) | 40));

	for (int i = 0; i < 64; i++)
		rpv[i] = (uint8_t)(0xa0 + i);
	assert_int_equal(rlm_kvm_config_rpv(&VM, rpv), 0);
	expect_enable_cap(&F.calls[1], 244, 0);
	{
		uint8_t want[260];

		memset(want, 0, sizeof(want));
		want[0] = 0; /* ARM_RME_CONFIG_RPV */
		memcpy(want + 4, rpv, 64);
		assert_int_equal(F.calls[1].sublen, 260);
		assert_memory_equal(F.calls[1].sub, want, 260);
	}
	assert_int_equal(rlm_kvm_config_hash(&VM, RLM_HASH_SHA512), 0);
	expect_enable_cap(&F.calls[2], 244, 0);
	{
		const struct field f[] = { { 0, 4, 1 }, { 4, 4, 1 } };

		expect_bytes(F.calls[2].sub, F.calls[2].sublen, 260, f, 2);
	}
	assert_int_equal(rlm_kvm_config_hash(&VM, RLM_HASH_SHA256), 0);
	{
		const struct field f[] = { { 0, 4, 1 }, { 4, 4, 0 } };

		expect_bytes(F.calls[3].sub, F.calls[3].sublen, 260, f, 2);
	}
	assert_int_equal(rlm_kvm_config_hash(&VM, RLM_HASH_SHA384), RLM_EINVAL);
	assert_int_equal(F.n, 4);

	assert_int_equal(rlm_kvm_create_realm(&VM), 0);
	expect_enable_cap(&F.calls[4], 244, 1);
	assert_int_equal(F.calls[4].sublen, 0);
	assert_true(rd64(F.calls[4].bytes, 16) == 0);

	assert_int_equal(rlm_kvm_init_ripas(&VM, 0x80000000, 0x40000000), 0);
	expect_enable_cap(&F.calls[5], 244, 2);
	{
		const struct field f[] = { { 0, 8, 0x80000000 }, { 8, 8, 0x40000000 } };

		expect_bytes(F.calls[5].sub, F.calls[5].sublen, 32, f, 2);
	}
	assert_int_equal(rlm_kvm_populate(&VM, 0x80000000, 0x4000, src, true), 0);
	expect_enable_cap(&F.calls[6], 244, 3);
	{
		const struct field f[] = { { 0, 8, 0x80000000 }, { 8, 8, 0x4000 },
					   { 16, 4, 1 } };

		expect_bytes(F.calls[6].sub, F.calls[6].sublen, 32, f, 3);
	}
	/* Unmeasured, and v10 needs no source (copies from the memslot). */
	assert_int_equal(rlm_kvm_populate(&VM, 0x80004000, 0x1000, NULL, false), 0);
	{
		const struct field f[] = { { 0, 8, 0x80004000 }, { 8, 8, 0x1000 } };

		expect_bytes(F.calls[7].sub, F.calls[7].sublen, 32, f, 2);
	}
	assert_int_equal(rlm_kvm_create_vcpu(&VM, 0, &vcpu), 0);
	assert_int_equal(vcpu, FD_VCPU);
	assert_true(F.calls[8].req == RLM_KVM_CREATE_VCPU && F.calls[8].arg == 0);
	assert_true(F.calls[9].req == RLM_KVM_ARM_PREFERRED_TARGET);
	assert_true(F.calls[10].req == RLM_KVM_ARM_VCPU_INIT);
	assert_int_equal(F.calls[10].fd, FD_VCPU);
	{
		/* target 5; features[0] = PSCI_0_2 (bit 2) | REC (bit 9). */
		const struct field f[] = { { 0, 4, 5 }, { 4, 4, (1u << 2) | (1u << 9) } };

		expect_bytes(F.calls[10].bytes, F.calls[10].len, 32, f, 2);
	}
	assert_true(F.calls[11].req == RLM_KVM_ARM_VCPU_FINALIZE);
	{
		const struct field f[] = { { 0, 4, 9 } };

		expect_bytes(F.calls[11].bytes, F.calls[11].len, 4, f, 1);
	}
	assert_int_equal(rlm_kvm_activate(&VM), 0);
	expect_enable_cap(&F.calls[12], 244, 4);
	assert_int_equal(rlm_kvm_psci_complete(&VM, vcpu, 0x80000001, 0), 0);
	assert_true(F.calls[13].req == 0x4018aed6ul);
	assert_int_equal(F.calls[13].fd, FD_VCPU);
	{
		const struct field f[] = { { 0, 8, 0x80000001 }, { 8, 4, 0 } };

		expect_bytes(F.calls[13].bytes, F.calls[13].len, 24, f, 2);
	}
	assert_int_equal(rlm_kvm_psci_complete(&VM, vcpu, 1, (uint32_t)-3), 0);
	{
		const struct field f[] = { { 0, 8, 1 }, { 8, 4, 0xfffffffd } };

		expect_bytes(F.calls[14].bytes, F.calls[14].len, 24, f, 2);
	}
	assert_int_equal(F.n, 15);
	/* Bad input: nothing reaches the kernel. */
	assert_int_equal(rlm_kvm_init_ripas(&VM, 0x80000800, 0x1000), RLM_EALIGN);
	assert_int_equal(rlm_kvm_init_ripas(&VM, 0, 0), RLM_ERANGE);
	assert_int_equal(rlm_kvm_init_ripas(&VM, UINT64_C(1) << 39, 0x1000), RLM_ERANGE);
	assert_int_equal(rlm_kvm_populate(&VM, ~UINT64_C(0xfff), 0x2000, src, true), RLM_ERANGE);
	assert_int_equal(rlm_kvm_config_rpv(&VM, NULL), RLM_EINVAL);
	assert_int_equal(rlm_kvm_create_vcpu(&VM, 1, NULL), RLM_EINVAL);
	assert_int_equal(rlm_kvm_psci_complete(&VM, -1, 0, 0), RLM_EINVAL);
	assert_int_equal(F.n, 15);
	/* A kernel error is reported with the step's name. */
	F.fail_req = RLM_KVM_ENABLE_CAP;
	F.fail_errno = EBUSY;
	assert_int_equal(rlm_kvm_activate(&VM), RLM_EIO);
	assert_non_null(strstr(K.why, "ACTIVATE_REALM"));
	F.fail_req = RLM_KVM_ARM_VCPU_FINALIZE;
	F.fail_errno = EINVAL;
	int before = F.open_fds;

	assert_int_equal(rlm_kvm_create_vcpu(&VM, 1, &vcpu), RLM_EIO);
	assert_non_null(strstr(K.why, "FINALIZE"));
	assert_int_equal(F.open_fds, before); /* the vCPU fd was closed */
	rlm_kvm_vm_close(&VM);
	rlm_kvm_close(&K);
	assert_int_equal(F.open_fds, 1); /* the vCPU the test kept */
}

static void test_v12_launch(void **state)
{
	uint8_t src[0x3000];
	int vcpu;

	(void)state;
	open_series(NULL, "247\n", 247);
	assert_false(rlm_kvm_has_config(&K));
	assert_true(rlm_kvm_has_psci_complete(&K));
	assert_false(rlm_kvm_has_rec_feature(&K));
	assert_int_equal(rlm_kvm_create_vm(&K, 33, &VM), 0);
	assert_true(F.calls[0].arg == ((1ul << 8) | 33));
	/* The steps the kernel does itself make no call. */
	assert_int_equal(rlm_kvm_create_realm(&VM), 0);
	assert_int_equal(rlm_kvm_init_ripas(&VM, 0, 0x100000), 0);
	assert_int_equal(rlm_kvm_activate(&VM), 0);
	assert_int_equal(F.n, 1);
	uint8_t rpv[64] = { 0 };

	assert_int_equal(rlm_kvm_config_rpv(&VM, rpv), RLM_ENOTSUP);
	assert_non_null(strstr(K.why, "v12"));
	assert_int_equal(rlm_kvm_config_hash(&VM, RLM_HASH_SHA256), RLM_ENOTSUP);
	assert_int_equal(F.n, 1);
	/* One _IOW populate with the source address. */
	assert_int_equal(rlm_kvm_populate(&VM, 0x10000, 0x3000, src, true), 0);
	assert_true(F.calls[1].req == 0x4020aed7ul);
	assert_int_equal(F.calls[1].fd, FD_VM);
	{
		const struct field f[] = { { 0, 8, 0x10000 }, { 8, 8, 0x3000 },
					   { 16, 8, (uintptr_t)src }, { 24, 4, 1 } };

		expect_bytes(F.calls[1].bytes, F.calls[1].len, 32, f, 4);
	}
	assert_int_equal(rlm_kvm_populate(&VM, 0x10000, 0x3000, NULL, true), RLM_EINVAL);
	assert_int_equal(rlm_kvm_create_vcpu(&VM, 3, &vcpu), 0);
	{
		const struct field f[] = { { 0, 4, 5 }, { 4, 4, 1u << 2 } };

		expect_bytes(F.calls[4].bytes, F.calls[4].len, 32, f, 2);
	}
	assert_int_equal(F.n, 5); /* no FINALIZE */
	assert_int_equal(rlm_kvm_psci_complete(&VM, vcpu, 0x3, 0), 0);
	assert_true(F.calls[5].req == 0x4018aed6ul);
	rlm_kvm_vm_close(&VM);
	rlm_kvm_close(&K);
}

static void test_v13_v14_populate_loop(void **state)
{
	uint8_t *src = malloc(0x10000);
	int vcpu;

	(void)state;
	assert_non_null(src);
	for (int v = 13; v <= 14; v++) {
		open_series(NULL, v == 13 ? "248" : "249", v == 13 ? 248 : 249);
		assert_int_equal(rlm_kvm_create_vm(&K, 48, &VM), 0);
		assert_true(F.calls[0].arg ==
			    ((v == 14 ? (1ul << 30) : (1ul << 8)) | 48));
		F.populate_step = 0x3000;
		assert_int_equal(rlm_kvm_populate(&VM, 0x200000, 0x10000, src, false), 0);
		/* 0x10000 in steps of 0x3000: 6 calls, each sent the position
		 * the previous one reported. */
		assert_int_equal(F.n, 1 + 6);
		for (int i = 0; i < 6; i++) {
			uint64_t done = (uint64_t)i * 0x3000;
			const struct field f[] = {
				{ 0, 8, 0x200000 + done }, { 8, 8, 0x10000 - done },
				{ 16, 8, (uintptr_t)src + done },
			};

			assert_true(F.calls[1 + i].req == 0xc020aed7ul);
			expect_bytes(F.calls[1 + i].bytes, F.calls[1 + i].len, 32, f, 3);
		}
		assert_true(F.populated == 0x10000);
		/* A kernel that stops making progress is an error, not a hang. */
		F.populate_stuck = true;
		assert_int_equal(rlm_kvm_populate(&VM, 0x200000, 0x1000, src, true), RLM_EIO);
		assert_non_null(strstr(K.why, "no progress"));
		F.populate_stuck = false;
		F.fail_req = RLM_KVM_ARM_RMI_POPULATE;
		F.fail_errno = EFAULT;
		assert_int_equal(rlm_kvm_populate(&VM, 0x200000, 0x1000, src, true), RLM_EIO);
		assert_non_null(strstr(K.why, "0x200000"));
		F.fail_req = 0;
		assert_int_equal(rlm_kvm_has_psci_complete(&K), v == 13);
		assert_int_equal(rlm_kvm_create_vcpu(&VM, 0, &vcpu), 0);
		int n = F.n;

		assert_int_equal(rlm_kvm_psci_complete(&VM, vcpu, 1, 0),
				 v == 13 ? 0 : RLM_ENOTSUP);
		assert_int_equal(F.n, n + (v == 13));
		rlm_kvm_vm_close(&VM);
		rlm_kvm_close(&K);
	}
	free(src);
}

static void test_memory_attributes_mirror(void **state)
{
	struct rlm_ripas *t;

	(void)state;
	open_series(NULL, "249\n", 249);
	assert_int_equal(rlm_kvm_create_vm(&K, 40, &VM), 0);
	assert_int_equal(rlm_ripas_new(UINT64_C(1) << 39, RLM_RIPAS_EMPTY, &t), 0);
	/* RAM becomes private; DESTROYED from RAM stays private (no call). */
	assert_int_equal(rlm_ripas_set_grow(t, 0x80000000, 0x80400000, RLM_RIPAS_RAM,
					    rlm_kvm_ripas_mirror, &VM), 0);
	assert_int_equal(F.n, 2);
	assert_true(F.calls[1].req == 0x4020aed2ul);
	{
		const struct field f[] = { { 0, 8, 0x80000000 }, { 8, 8, 0x400000 },
					   { 16, 8, 1u << 3 } };

		expect_bytes(F.calls[1].bytes, F.calls[1].len, 32, f, 3);
	}
	assert_int_equal(rlm_ripas_set_grow(t, 0x80000000, 0x80001000, RLM_RIPAS_DESTROYED,
					    rlm_kvm_ripas_mirror, &VM), 0);
	assert_int_equal(F.n, 2);
	/* Sharing a page in the middle: one shared call for exactly it. */
	assert_int_equal(rlm_ripas_set_grow(t, 0x80100000, 0x80102000, RLM_RIPAS_EMPTY,
					    rlm_kvm_ripas_mirror, &VM), 0);
	assert_int_equal(F.n, 3);
	{
		const struct field f[] = { { 0, 8, 0x80100000 }, { 8, 8, 0x2000 } };

		expect_bytes(F.calls[2].bytes, F.calls[2].len, 32, f, 2);
	}
	assert_int_equal(VM.mirror_err, 0);
	F.fail_req = RLM_KVM_SET_MEMORY_ATTRIBUTES;
	F.fail_errno = ENOMEM;
	assert_int_equal(rlm_ripas_set_grow(t, 0x90000000, 0x90001000, RLM_RIPAS_RAM,
					    rlm_kvm_ripas_mirror, &VM), 0);
	assert_int_equal(VM.mirror_err, RLM_EIO);
	assert_int_equal(rlm_kvm_set_private(&VM, 0x1800, 0x1000, true), RLM_EALIGN);
	assert_int_equal(rlm_kvm_set_private(&VM, 0x1000, 0, true), RLM_ERANGE);
	rlm_ripas_free(t);
	rlm_kvm_vm_close(&VM);
	rlm_kvm_close(&K);
	/* VM creation bounds. */
	open_series(NULL, "249\n", 249);
	assert_int_equal(rlm_kvm_create_vm(&K, 31, &VM), RLM_ERANGE);
	assert_int_equal(rlm_kvm_create_vm(&K, 53, &VM), RLM_ERANGE);
	assert_int_equal(rlm_kvm_create_vm(NULL, 40, &VM), RLM_EINVAL);
	F.fail_req = RLM_KVM_CREATE_VM;
	F.fail_errno = EPERM;
	assert_int_equal(rlm_kvm_create_vm(&K, 40, &VM), RLM_EIO);
	assert_non_null(strstr(K.why, "KVM_CREATE_VM"));
	rlm_kvm_close(&K);
	assert_string_equal(rlm_kvm_series_name(RLM_KVM_NONE), "none");
	assert_non_null(strstr(rlm_kvm_series_name(RLM_KVM_V10), "KVM_CAP_ARM_RME"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ioctl_numbers),
		cmocka_unit_test_setup(test_detect_sysfs, setup),
		cmocka_unit_test_setup(test_detect_probe, setup),
		cmocka_unit_test_setup(test_detect_errors, setup),
		cmocka_unit_test_setup(test_v10_launch, setup),
		cmocka_unit_test_setup(test_v12_launch, setup),
		cmocka_unit_test_setup(test_v13_v14_populate_loop, setup),
		cmocka_unit_test_setup(test_memory_attributes_mirror, setup),
	};
	const uint16_t one = 1;

	/* The expected layouts below are little-endian, as arm64 Linux is. */
	if (*(const uint8_t *)&one != 1) {
		fprintf(stderr, "test_kvm: expected layouts are little-endian\n");
		return 1;
	}
	return cmocka_run_group_tests_name("kvm", tests, NULL, NULL);
}
