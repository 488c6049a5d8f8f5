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
#define FD_GMEM 14

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
	uint64_t populate_step;      /* v12/v13/v14: bytes done per call */
	bool populate_stuck;
	bool mux;                    /* ENABLE_CAP accepted (v10/NV flow) */
	bool no_realm_vm;            /* KVM_CREATE_VM refuses realm types */
	long page_size;
	unsigned long fail_req;      /* this request fails with fail_errno */
	int fail_errno;
	int open_fds;
	int run_step;                /* KVM_RUN: which scripted exit next */
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

static uint8_t RUN[4096];

static void wr64(uint8_t *b, size_t off, uint64_t v);

/* KVM_RUN script: a RIPAS change to EMPTY (memory fault, -EFAULT), an
 * MMIO read in the unprotected half, then SYSTEM_OFF. */
static long f_run(void)
{
	uint8_t *u = RUN + 32;

	memset(RUN, 0, sizeof(RUN));
	switch (F.run_step++) {
	case 0:
		RUN[8] = 39;
		wr64(u, 0, 0);
		wr64(u, 8, 0x80100000);
		wr64(u, 16, 0x2000);
		return -EFAULT;
	case 1:
		RUN[8] = 6;
		wr64(u, 0, (UINT64_C(1) << 39) | 0x9000000);
		u[16] = 4;
		return 0;
	case 2:
		RUN[8] = 6; /* MMIO in the protected half */
		wr64(u, 0, 0x9000000);
		u[16] = 4;
		return F.run_step > 10 ? 0 : (F.run_step = 3, 0);
	default:
		RUN[8] = 24;
		u[0] = 1; /* SHUTDOWN */
		return 0;
	}
}

static void *f_mmap_run(void *ctx, int fd, size_t len)
{
	(void)ctx;
	assert_int_equal(fd, FD_VCPU);
	assert_true(len == 4096);
	return RUN;
}

static void f_munmap_run(void *ctx, void *p, size_t len)
{
	(void)ctx;
	(void)len;
	assert_ptr_equal(p, RUN);
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
	if (req == RLM_KVM_SET_ONE_REG) {
		/* keep the value the id/addr pair points to */
		uint64_t v = *(const uint64_t *)(uintptr_t)rd64(c->bytes, 8);

		memcpy(c->sub, &v, 8);
		c->sublen = 8;
	}
	if (F.fail_req == req)
		return -F.fail_errno;
	switch (req) {
	case RLM_KVM_ENABLE_CAP:
		return F.mux ? 0 : -EINVAL;
	case RLM_KVM_ARM_RMI_POPULATE_V12: {
		uint64_t size = rd64(c->bytes, 8), step = F.populate_step;

		if (F.populate_stuck)
			return 0;
		if (step > size)
			step = size;
		F.populated += step;
		return (long)step;
	}
	case RLM_KVM_CHECK_EXTENSION:
		return arg < RLM_ARRAY_SIZE(F.caps) ? F.caps[arg] : 0;
	case RLM_KVM_CREATE_VM:
		if (F.no_realm_vm && (arg & ((1ul << 8) | (1ul << 30))))
			return -EINVAL;
		F.open_fds++;
		return FD_VM;
	case RLM_KVM_CREATE_VCPU:
		F.open_fds++;
		return FD_VCPU;
	case RLM_KVM_CREATE_GUEST_MEMFD:
		F.open_fds++;
		return FD_GMEM;
	case RLM_KVM_GET_VCPU_MMAP_SIZE:
		return 4096;
	case RLM_KVM_RUN:
		return f_run();
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

static long f_page_size(void *ctx)
{
	(void)ctx;
	return F.page_size ? F.page_size : 4096;
}

static const struct rlm_kvm_sys_ops fake_ops = {
	.open = f_open, .close = f_close, .read = f_read, .ioctl = f_ioctl,
	.page_size = f_page_size, .mmap_run = f_mmap_run,
	.munmap_run = f_munmap_run,
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
		/* The published number is confirmed with the kernel; an RMI
		 * number is then asked whether it is NVIDIA's multiplexed
		 * flow (a throwaway realm VM refuses CONFIG_REALM). */
		assert_int_equal(F.n, rows[i].rmi ? 3 : 1);
		assert_true(F.calls[0].req == RLM_KVM_CHECK_EXTENSION);
		assert_int_equal(F.calls[0].arg, rows[i].cap);
		assert_int_equal(F.calls[0].fd, FD_KVM);
		if (rows[i].rmi) {
			assert_true(F.calls[1].req == RLM_KVM_CREATE_VM);
			expect_enable_cap(&F.calls[2], rows[i].cap, 0);
			const struct field f[] = { { 0, 4, 1 }, { 4, 4, 0 } };

			expect_bytes(F.calls[2].sub, F.calls[2].sublen, 260, f, 2);
		}
		rlm_kvm_close(&k);
		assert_int_equal(F.open_fds, 0);
	}
}

/*
 * NVIDIA's 6.18 kernels publish kvm_cap_arm_rmi = 247 (the number v12
 * uses) with the multiplexed flow: the old code took it for v12.
 */
static void test_detect_nvidia_multiplexed(void **state)
{
	struct rlm_kvm k;
	struct rlm_kvm_vm vm;
	bool sup;
	uint32_t count;

	(void)state;
	F.rmi = "247\n";
	F.caps[247] = 1;
	F.mux = true;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), 0);
	assert_int_equal(k.series, RLM_KVM_NV_RMI);
	assert_int_equal(k.cap, 247);
	assert_true(rlm_kvm_has_config(&k) && rlm_kvm_has_rec_feature(&k) &&
		    rlm_kvm_has_psci_complete(&k));
	assert_int_equal(F.open_fds, 1); /* the probe VM is closed */
	F.n = 0;
	assert_int_equal(rlm_kvm_create_vm(&k, 40, &vm), 0);
	assert_true(F.calls[0].arg == ((1ul << 8) | 40));
	/* The v10 steps go through KVM_ENABLE_CAP(247, ...). */
	assert_int_equal(rlm_kvm_create_realm(&vm), 0);
	expect_enable_cap(&F.calls[1], 247, 1);
	assert_int_equal(rlm_kvm_config_mec(&vm, false), 0);
	expect_enable_cap(&F.calls[2], 247, 0);
	{
		const struct field f[] = { { 0, 4, 2 }, { 4, 4, 0 } };

		expect_bytes(F.calls[2].sub, F.calls[2].sublen, 260, f, 2);
	}
	assert_int_equal(rlm_kvm_mec_query(&vm, &sup, &count), 0);
	{
		const struct field f[] = { { 0, 4, 3 } };

		expect_bytes(F.calls[3].sub, F.calls[3].sublen, 260, f, 1);
	}
	assert_false(sup);
	assert_int_equal(rlm_kvm_mec_query(&vm, NULL, &count), RLM_EINVAL);
	rlm_kvm_vm_close(&vm);
	rlm_kvm_close(&k);
	assert_int_equal(F.open_fds, 0);
	/* MEC elsewhere is refused without a call. */
	setup(NULL);
	F.rme = "244\n";
	F.caps[244] = 1;
	F.mux = true;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), 0);
	assert_int_equal(rlm_kvm_create_vm(&k, 40, &vm), 0);
	F.n = 0;
	assert_int_equal(rlm_kvm_config_mec(&vm, true), RLM_ENOTSUP);
	assert_int_equal(rlm_kvm_mec_query(&vm, &sup, &count), RLM_ENOTSUP);
	assert_int_equal(F.n, 0);
	rlm_kvm_vm_close(&vm);
	rlm_kvm_close(&k);
}

/* 6.18+: 244 is KVM_CAP_GUEST_MEMFD_FLAGS; the old code called it v10. */
static void test_detect_244_not_cca(void **state)
{
	struct rlm_kvm k;

	(void)state;
	F.caps[244] = 3;
	F.no_realm_vm = true;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), RLM_ENOTSUP);
	assert_non_null(strstr(k.why, "244 answers but a realm VM is refused"));
	assert_non_null(strstr(k.why, "KVM_CAP_GUEST_MEMFD_FLAGS"));
	assert_int_equal(F.open_fds, 0);
}

/* A 64K-page host: a clear error, not "no RMM". */
static void test_detect_64k_pages(void **state)
{
	struct rlm_kvm k;

	(void)state;
	F.page_size = 65536;
	F.rme = "244\n";
	F.caps[244] = 0; /* such a kernel denies realms */
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), RLM_ENOTSUP);
	assert_non_null(strstr(k.why, "65536-byte pages"));
	assert_null(strstr(k.why, "no RMM"));
	assert_int_equal(F.n, 0);
	assert_int_equal(F.open_fds, 0);
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
	assert_int_equal(F.n, 2); /* 249, then a v14 realm VM to confirm */
	assert_int_equal(F.calls[0].arg, 249);
	assert_true(F.calls[1].req == RLM_KVM_CREATE_VM && F.calls[1].arg == (1ul << 30));
	rlm_kvm_close(&k);

	setup(NULL);
	F.caps[244] = 1;
	assert_int_equal(rlm_kvm_open(&k, &fake_cfg), 0);
	assert_int_equal(k.series, RLM_KVM_V10);
	assert_int_equal(k.cap, 244);
	assert_int_equal(F.n, 5); /* 249, 248, 247, 244, realm VM */
	assert_int_equal(F.calls[0].arg, 249);
	assert_int_equal(F.calls[1].arg, 248);
	assert_int_equal(F.calls[2].arg, 247);
	assert_int_equal(F.calls[3].arg, 244);
	assert_true(F.calls[4].req == RLM_KVM_CREATE_VM && F.calls[4].arg == (1ul << 8));
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
static struct rlm_kvm_vcpu VC;

static void open_series(const char *rme, const char *rmi, unsigned int cap)
{
	setup(NULL);
	F.rme = rme;
	F.rmi = rmi;
	F.caps[cap] = 1;
	F.mux = rme != NULL;
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
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 0, 0, &VC), 0);
	assert_int_equal(rlm_kvm_vcpu_finalize(&VC), 0);
	vcpu = VC.fd;
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
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 1, 0, NULL), RLM_EINVAL);
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 1, 0x80, &VC), RLM_EINVAL);
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 0, 0, &VC), RLM_ERANGE);
	assert_int_equal(rlm_kvm_psci_complete(&VM, -1, 0, 0), RLM_EINVAL);
	assert_int_equal(F.n, 15);
	/* A kernel error is reported with the step's name. */
	F.fail_req = RLM_KVM_ENABLE_CAP;
	F.fail_errno = EBUSY;
	assert_int_equal(rlm_kvm_activate(&VM), RLM_EIO);
	assert_non_null(strstr(K.why, "ACTIVATE_REALM"));
	F.fail_req = RLM_KVM_ARM_VCPU_INIT;
	F.fail_errno = EINVAL;
	int before = F.open_fds;

	assert_int_equal(rlm_kvm_vcpu_create(&VM, 1, 0, &VC), RLM_EIO);
	assert_non_null(strstr(K.why, "KVM_ARM_VCPU_INIT"));
	assert_int_equal(F.open_fds, before); /* the vCPU fd was closed */
	F.fail_req = RLM_KVM_ARM_VCPU_FINALIZE;
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 1, 0, &VC), 0);
	assert_int_equal(rlm_kvm_vcpu_finalize(&VC), RLM_EIO);
	assert_non_null(strstr(K.why, "FINALIZE"));
	rlm_kvm_vcpu_close(&VC);
	rlm_kvm_vm_close(&VM);
	rlm_kvm_close(&K);
	assert_int_equal(F.open_fds, 1); /* the vCPU the test kept */
}

static void test_v12_launch(void **state)
{
	static _Alignas(4096) uint8_t src[0x3000];
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
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 3, 0, &VC), 0);
	assert_int_equal(rlm_kvm_vcpu_finalize(&VC), 0);
	vcpu = VC.fd;
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
	uint8_t *src = aligned_alloc(4096, 0x10000);
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
		assert_int_equal(rlm_kvm_vcpu_create(&VM, 0, 0, &VC), 0);
		vcpu = VC.fd;
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

/*
 * The v10 kernel copies PC and x0..x7 into the REC at FINALIZE: the
 * registers are set first, and not at all after (the old
 * rlm_kvm_create_vcpu finalized before the caller could set them).
 */
static void test_v10_vcpu_registers_before_finalize(void **state)
{
	const uint64_t x[8] = { 0x88000000, 1, 2, 3, 4, 5, 6, 0x77 };
	struct rlm_kvm_vcpu v1;

	(void)state;
	open_series("244\n", NULL, 244);
	assert_int_equal(rlm_kvm_create_vm(&K, 40, &VM), 0);
	F.n = 0;
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 0, 0, &VC), 0);
	assert_int_equal(VC.mpidr, 0);
	assert_int_equal(rlm_kvm_vcpu_set_entry(&VC, 0x80000000, x), 0);
	assert_int_equal(rlm_kvm_vcpu_finalize(&VC), 0);
	assert_int_equal(F.n, 3 + 9 + 1);
	for (int i = 0; i < 9; i++) {
		const struct call *c = &F.calls[3 + i];
		uint64_t id = i == 0 ? UINT64_C(0x6030000000100040) :
			      UINT64_C(0x6030000000100000) + 2u * (unsigned)(i - 1);
		uint64_t want = i == 0 ? 0x80000000 : x[i - 1];

		assert_true(c->req == 0x4010aeacul); /* _IOW(0xAE, 0xac, 16) */
		assert_int_equal(c->fd, FD_VCPU);
		assert_true(rd64(c->bytes, 0) == id);
		assert_true(rd64(c->sub, 0) == want);
	}
	assert_true(F.calls[12].req == RLM_KVM_ARM_VCPU_FINALIZE);
	/* After finalize the REC is fixed: refused before any ioctl. */
	assert_int_equal(rlm_kvm_vcpu_set_entry(&VC, 0x1000, NULL), RLM_ESTATE);
	assert_int_equal(rlm_kvm_vcpu_set_reg(&VC, RLM_KVM_REG_ARM_X(0), 1), RLM_ESTATE);
	assert_int_equal(rlm_kvm_vcpu_finalize(&VC), RLM_ESTATE);
	assert_int_equal(F.n, 13);
	/* A secondary starts powered off (its REC is not runnable); MPIDR
	 * order is enforced. */
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 17, RLM_KVM_VCPU_POWER_OFF |
					     RLM_KVM_VCPU_PMU, &v1), 0);
	assert_true(v1.mpidr == 0x101);
	{
		const struct field f[] = { { 0, 4, 5 },
			{ 4, 4, (1u << 0) | (1u << 2) | (1u << 3) | (1u << 9) } };

		expect_bytes(F.calls[15].bytes, F.calls[15].len, 32, f, 2);
	}
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 16, 0, &v1), RLM_ERANGE);
	assert_non_null(strstr(K.why, "ascending"));
	assert_int_equal(rlm_kvm_vcpu_set_entry(NULL, 0, NULL), RLM_EINVAL);
	F.fail_req = RLM_KVM_SET_ONE_REG;
	F.fail_errno = EPERM;
	assert_int_equal(rlm_kvm_vcpu_set_entry(&v1, 0x1000, NULL), RLM_EIO);
	assert_non_null(strstr(K.why, "KVM_SET_ONE_REG"));
	F.fail_req = 0;
	rlm_kvm_vcpu_close(&v1);
	rlm_kvm_vcpu_close(&VC);
	rlm_kvm_vm_close(&VM);
	rlm_kvm_close(&K);
	assert_int_equal(F.open_fds, 0);
}

/* v12 returns a byte count, possibly short: the old code stopped there. */
static void test_v12_short_populate(void **state)
{
	static _Alignas(4096) uint8_t src[0x4000];

	(void)state;
	open_series(NULL, "247\n", 247);
	assert_int_equal(K.series, RLM_KVM_V12);
	assert_int_equal(rlm_kvm_create_vm(&K, 40, &VM), 0);
	F.n = 0;
	F.populate_step = 0x1000;
	assert_int_equal(rlm_kvm_populate(&VM, 0x40000000, 0x4000, src, true), 0);
	assert_int_equal(F.n, 4);
	assert_true(F.populated == 0x4000);
	for (int i = 0; i < 4; i++) {
		const struct field f[] = {
			{ 0, 8, 0x40000000 + 0x1000u * (unsigned)i },
			{ 8, 8, 0x4000 - 0x1000u * (unsigned)i },
			{ 16, 8, (uintptr_t)src + 0x1000u * (unsigned)i }, { 24, 4, 1 },
		};

		assert_true(F.calls[i].req == 0x4020aed7ul);
		expect_bytes(F.calls[i].bytes, F.calls[i].len, 32, f, 4);
	}
	/* No progress, or a count that is not whole pages: an error. */
	F.populate_stuck = true;
	assert_int_equal(rlm_kvm_populate(&VM, 0x40000000, 0x1000, src, true), RLM_EIO);
	assert_non_null(strstr(K.why, "no progress"));
	F.populate_stuck = false;
	F.populate_step = 0x800;
	assert_int_equal(rlm_kvm_populate(&VM, 0x40000000, 0x1000, src, true), RLM_EIO);
	/* Source and range alignment to the host page. */
	F.n = 0;
	assert_int_equal(rlm_kvm_populate(&VM, 0x40000000, 0x1000, src + 8, true), RLM_EALIGN);
	assert_int_equal(rlm_kvm_populate(&VM, 0x40000800, 0x1000, src, true), RLM_EALIGN);
	assert_int_equal(F.n, 0);
	rlm_kvm_vm_close(&VM);
	rlm_kvm_close(&K);
}

/* guest_memfd, memslots, attributes; and a VMM's run loop. */
/* The vGICv3 a realm needs: KVM_CREATE_DEVICE(7), the two addresses, the
 * interrupt count and CTRL_INIT, each structure byte for byte; bad regions
 * are refused before any ioctl, naming the region. */
static void test_vgic(void **state)
{
	struct rlm_kvm_gic gic = { 0x08000000, 0x080a0000, 4, 256 };
	int dev = -1;

	(void)state;
	open_series(NULL, "249\n", 249);
	assert_int_equal(rlm_kvm_create_vm(&K, 40, &VM), 0);
	F.n = 0;
	assert_int_equal(rlm_kvm_vgic_create(&VM, &gic, &dev), 0);
	assert_int_equal(F.n, 4);
	assert_true(F.calls[0].req == 0xc00caee0ul && F.calls[0].fd == FD_VM);
	{
		const struct field f[] = { { 0, 4, 7 } };

		expect_bytes(F.calls[0].bytes, F.calls[0].len, 12, f, 1);
	}
	assert_true(F.calls[1].req == 0x4018aee1ul);
	{
		const struct field f[] = { { 4, 4, 0 }, { 8, 8, 2 },
					   { 16, 8, (uintptr_t)&gic.dist_base } };

		expect_bytes(F.calls[1].bytes, F.calls[1].len, 24, f, 3);
	}
	{
		const struct field f[] = { { 4, 4, 0 }, { 8, 8, 3 },
					   { 16, 8, (uintptr_t)&gic.redist_base } };

		expect_bytes(F.calls[2].bytes, F.calls[2].len, 24, f, 3);
	}
	{
		const struct field f[] = { { 4, 4, 3 }, { 8, 8, 0 },
					   { 16, 8, (uintptr_t)&gic.nr_irqs } };

		expect_bytes(F.calls[3].bytes, F.calls[3].len, 24, f, 3);
	}
	assert_int_equal(rlm_kvm_vgic_init(&VM, dev), 0);
	{
		const struct field f[] = { { 4, 4, 4 }, { 8, 8, 0 } };

		expect_bytes(F.calls[4].bytes, F.calls[4].len, 24, f, 2);
	}
	/* refused before any ioctl */
	F.n = 0;
	gic.dist_base = 0x08001000;
	assert_int_equal(rlm_kvm_vgic_create(&VM, &gic, &dev), RLM_EALIGN);
	assert_non_null(strstr(K.why, "distributor base 0x8001000"));
	gic.dist_base = 0x080b0000;            /* inside 4 vCPUs' redistributors */
	assert_int_equal(rlm_kvm_vgic_create(&VM, &gic, &dev), RLM_ERANGE);
	assert_non_null(strstr(K.why, "overlaps"));
	gic.dist_base = 0x08000000;
	gic.redist_base = (UINT64_C(1) << 40) - 0x20000;
	assert_int_equal(rlm_kvm_vgic_create(&VM, &gic, &dev), RLM_ERANGE);
	assert_non_null(strstr(K.why, "40-bit"));
	gic.redist_base = 0x080a0000;
	gic.nr_irqs = 100;
	assert_int_equal(rlm_kvm_vgic_create(&VM, &gic, &dev), RLM_ERANGE);
	assert_non_null(strstr(K.why, "nr_irqs 100"));
	gic.nr_irqs = 0;
	gic.nr_vcpus = 0;
	assert_int_equal(rlm_kvm_vgic_create(&VM, &gic, &dev), RLM_EINVAL);
	assert_int_equal(F.n, 0);
	/* the kernel's refusal names the step and closes the device */
	gic.nr_vcpus = 4;
	F.fail_req = RLM_KVM_SET_DEVICE_ATTR;
	F.fail_errno = EEXIST;
	assert_int_equal(rlm_kvm_vgic_create(&VM, &gic, &dev), RLM_EIO);
	assert_non_null(strstr(K.why, "vGICv3 distributor"));
	assert_int_equal(dev, -1);
	rlm_kvm_vm_close(&VM);
	rlm_kvm_close(&K);
}

static void test_memory_setup(void **state)
{
	static _Alignas(4096) uint8_t ram[0x4000];
	int gmem = -1;
	struct rlm_kvm_run_stats st;

	(void)state;
	open_series(NULL, "249\n", 249);
	assert_int_equal(rlm_kvm_create_vm(&K, 40, &VM), 0);
	F.n = 0;
	assert_int_equal(rlm_kvm_add_ram(&VM, 0, 1, 0x80000000, 0x4000, ram, &gmem), 0);
	assert_int_equal(gmem, FD_GMEM);
	assert_int_equal(F.n, 4);
	assert_true(F.calls[0].req == 0xc040aed4ul); /* _IOWR(0xAE, 0xd4, 64) */
	{
		const struct field f[] = { { 0, 8, 0x4000 } };

		expect_bytes(F.calls[0].bytes, F.calls[0].len, 64, f, 1);
	}
	assert_true(F.calls[1].req == 0x40a0ae49ul); /* _IOW(0xAE, 0x49, 160) */
	{
		const struct field f[] = { { 0, 4, 0 }, { 4, 4, 1u << 2 },
			{ 8, 8, 0x80000000 }, { 16, 8, 0x4000 },
			{ 24, 8, (uintptr_t)ram }, { 32, 8, 0 }, { 40, 4, FD_GMEM } };

		expect_bytes(F.calls[1].bytes, F.calls[1].len, 160, f, 7);
	}
	assert_true(F.calls[2].req == RLM_KVM_SET_MEMORY_ATTRIBUTES);
	{
		const struct field f[] = { { 0, 8, 0x80000000 }, { 8, 8, 0x4000 },
					   { 16, 8, 1u << 3 } };

		expect_bytes(F.calls[2].bytes, F.calls[2].len, 32, f, 3);
	}
	{
		const struct field f[] = { { 0, 4, 1 }, { 8, 8, (UINT64_C(1) << 39) | 0x80000000 },
			{ 16, 8, 0x4000 }, { 24, 8, (uintptr_t)ram } };

		expect_bytes(F.calls[3].bytes, F.calls[3].len, 160, f, 4);
	}
	/* Bad input, and a failing step that names itself. */
	F.n = 0;
	assert_int_equal(rlm_kvm_add_ram(&VM, 2, -1, 0x80000000, 0x4000, ram + 1, &gmem),
			 RLM_EALIGN);
	assert_int_equal(rlm_kvm_add_ram(&VM, 2, -1, UINT64_C(1) << 39, 0x4000, ram, &gmem),
			 RLM_ERANGE);
	assert_int_equal(rlm_kvm_add_ram(&VM, 2, -1, 0x80000000, 0x4000, NULL, &gmem),
			 RLM_EINVAL);
	int fds = F.open_fds;

	F.fail_req = RLM_KVM_SET_USER_MEMORY_REGION2;
	F.fail_errno = EEXIST;
	assert_int_equal(rlm_kvm_add_ram(&VM, 2, -1, 0x90000000, 0x4000, ram, &gmem), RLM_EIO);
	assert_non_null(strstr(K.why, "KVM_SET_USER_MEMORY_REGION2(slot 2"));
	assert_int_equal(F.open_fds, fds); /* the guest_memfd was closed */
	F.fail_req = 0;

	/* The run loop: RIPAS change -> shared, MMIO in the shared half,
	 * then MMIO in the protected half is refused. */
	assert_int_equal(rlm_kvm_vcpu_create(&VM, 0, 0, &VC), 0);
	F.n = 0;
	assert_int_equal(rlm_kvm_run(&VC, NULL, NULL, &st), RLM_EPERM);
	assert_true(st.exits == 3 && st.memory_faults == 1 && st.mmio == 2);
	assert_true(F.calls[2].req == RLM_KVM_SET_MEMORY_ATTRIBUTES);
	{
		const struct field f[] = { { 0, 8, 0x80100000 }, { 8, 8, 0x2000 } };

		expect_bytes(F.calls[2].bytes, F.calls[2].len, 32, f, 2);
	}
	/* Going on: SYSTEM_OFF ends the loop. */
	assert_int_equal(rlm_kvm_run(&VC, NULL, NULL, &st), 0);
	assert_int_equal(st.last, RLM_KVM_X_SHUTDOWN);
	rlm_kvm_vcpu_close(&VC);
	K.ops->close(K.ctx, gmem);
	rlm_kvm_vm_close(&VM);
	rlm_kvm_close(&K);
	assert_int_equal(F.open_fds, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ioctl_numbers),
		cmocka_unit_test_setup(test_detect_sysfs, setup),
		cmocka_unit_test_setup(test_detect_probe, setup),
		cmocka_unit_test_setup(test_detect_errors, setup),
		cmocka_unit_test_setup(test_detect_nvidia_multiplexed, setup),
		cmocka_unit_test_setup(test_detect_244_not_cca, setup),
		cmocka_unit_test_setup(test_detect_64k_pages, setup),
		cmocka_unit_test_setup(test_v10_vcpu_registers_before_finalize, setup),
		cmocka_unit_test_setup(test_v12_short_populate, setup),
		cmocka_unit_test_setup(test_memory_setup, setup),
		cmocka_unit_test_setup(test_vgic, setup),
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
