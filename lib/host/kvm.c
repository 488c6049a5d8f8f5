/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * KVM backend (userspace): see realm/kvm.h for the interfaces and where
 * their numbers and layouts were checked.  Argument structures are built
 * byte by byte at the kernel's offsets in the host's byte order (the
 * kernel reads them as native C structures).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <realm/kvm.h>
#include <realm/error.h>
#include <realm/ripas.h>

#define DEFAULT_DEV_ "/dev/kvm"
#define DEFAULT_RME_ "/sys/module/kvm/parameters/kvm_cap_arm_rme"
#define DEFAULT_RMI_ "/sys/module/kvm/parameters/kvm_cap_arm_rmi"

/* ---- the real system calls -------------------------------------------- */

static int sys_open_(void *ctx, const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	(void)ctx;
	return fd < 0 ? -errno : fd;
}

static int sys_close_(void *ctx, int fd)
{
	(void)ctx;
	return close(fd) < 0 ? -errno : 0;
}

static long sys_read_(void *ctx, int fd, void *buf, size_t len)
{
	ssize_t n = read(fd, buf, len);

	(void)ctx;
	return n < 0 ? -errno : (long)n;
}

static long sys_ioctl_(void *ctx, int fd, unsigned long req, uintptr_t arg)
{
	int r = ioctl(fd, req, arg);

	(void)ctx;
	return r < 0 ? -errno : r;
}

const struct rlm_kvm_sys_ops rlm_kvm_sys_linux = {
	.open = sys_open_,
	.close = sys_close_,
	.read = sys_read_,
	.ioctl = sys_ioctl_,
};

/* ---- helpers ----------------------------------------------------------- */

static void why_(struct rlm_kvm *k, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void why_(struct rlm_kvm *k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(k->why, sizeof(k->why), fmt, ap);
	va_end(ap);
}

/* Native-order stores at a byte offset (the kernel's C layout). */
static void put32_(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static void put64_(uint8_t *b, size_t off, uint64_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static uint64_t get64_(const uint8_t *b, size_t off)
{
	uint64_t v;

	memcpy(&v, b + off, sizeof(v));
	return v;
}

static long ioctl_(struct rlm_kvm *k, int fd, unsigned long req, uintptr_t arg)
{
	long r;

	do {
		r = k->ops->ioctl(k->ctx, fd, req, arg);
	} while (r == -EINTR);
	return r;
}

/* Read a small decimal number from a sysfs file: 1 read, 0 absent, <0 bad */
static int read_param_(struct rlm_kvm *k, const char *path, unsigned int *out)
{
	char buf[32];
	unsigned long v = 0;
	long n;
	int fd, i, digits = 0;

	fd = k->ops->open(k->ctx, path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = k->ops->read(k->ctx, fd, buf, sizeof(buf) - 1);
	k->ops->close(k->ctx, fd);
	if (n <= 0)
		return -1;
	for (i = 0; i < n && buf[i] != '\n'; i++) {
		if (buf[i] < '0' || buf[i] > '9' || ++digits > 9)
			return -1;
		v = v * 10 + (unsigned long)(buf[i] - '0');
	}
	if (!digits)
		return -1;
	*out = (unsigned int)v;
	return 1;
}

static long check_ext_(struct rlm_kvm *k, unsigned int cap)
{
	return ioctl_(k, k->fd, RLM_KVM_CHECK_EXTENSION, cap);
}

const char *rlm_kvm_series_name(enum rlm_kvm_series s)
{
	switch (s) {
	case RLM_KVM_V10: return "v10 (KVM_CAP_ARM_RME, multiplexed)";
	case RLM_KVM_V12: return "v12 (KVM_CAP_ARM_RMI, POPULATE _IOW)";
	case RLM_KVM_V13: return "v13 (KVM_CAP_ARM_RMI, POPULATE _IOWR)";
	case RLM_KVM_V14: return "v14 (KVM_CAP_ARM_RMI, no PSCI ioctl)";
	default: return "none";
	}
}

static enum rlm_kvm_series rmi_series_(unsigned int cap)
{
	switch (cap) {
	case RLM_KVM_CAP_ARM_RMI_V12: return RLM_KVM_V12;
	case RLM_KVM_CAP_ARM_RMI_V13: return RLM_KVM_V13;
	case RLM_KVM_CAP_ARM_RMI_V14: return RLM_KVM_V14;
	default: return RLM_KVM_NONE;
	}
}

static int detect_(struct rlm_kvm *k, const char *prme, const char *prmi)
{
	static const struct {
		unsigned int cap;
		enum rlm_kvm_series s;
	} probe[] = {
		{ RLM_KVM_CAP_ARM_RMI_V14, RLM_KVM_V14 },
		{ RLM_KVM_CAP_ARM_RMI_V13, RLM_KVM_V13 },
		{ RLM_KVM_CAP_ARM_RMI_V12, RLM_KVM_V12 },
		{ RLM_KVM_CAP_ARM_RME_V10, RLM_KVM_V10 },
	};
	unsigned int cap;
	long r;
	size_t i;
	int p;

	p = read_param_(k, prme, &cap);
	if (p < 0) {
		why_(k, "%s is not a capability number", prme);
		return RLM_ENOTSUP;
	}
	if (p > 0) {
		k->series = RLM_KVM_V10;
	} else {
		p = read_param_(k, prmi, &cap);
		if (p < 0) {
			why_(k, "%s is not a capability number", prmi);
			return RLM_ENOTSUP;
		}
		if (p > 0) {
			k->series = rmi_series_(cap);
			if (k->series == RLM_KVM_NONE) {
				why_(k, "%s says KVM_CAP_ARM_RMI is %u: not a "
				     "series this library knows (247 v12, 248 "
				     "v13, 249 v14)", prmi, cap);
				return RLM_ENOTSUP;
			}
		}
	}
	if (p > 0) {
		r = check_ext_(k, cap);
		if (r <= 0) {
			why_(k, "the kernel publishes capability %u but "
			     "KVM_CHECK_EXTENSION(%u) = %ld: realms are not "
			     "available (no RMM, or RME disabled)", cap, cap, r);
			k->series = RLM_KVM_NONE;
			return RLM_ENOTSUP;
		}
		k->cap = cap;
		k->found = RLM_KVM_FOUND_SYSFS;
		return 0;
	}
	for (i = 0; i < RLM_ARRAY_SIZE(probe); i++) {
		r = check_ext_(k, probe[i].cap);
		if (r > 0) {
			k->series = probe[i].s;
			k->cap = probe[i].cap;
			k->found = RLM_KVM_FOUND_PROBE;
			return 0;
		}
	}
	why_(k, "no CCA realm support: neither %s nor %s exists, and "
	     "KVM_CHECK_EXTENSION of KVM_CAP_ARM_RMI (249, 248, 247) and "
	     "KVM_CAP_ARM_RME (244) all return 0", prme, prmi);
	return RLM_ENOTSUP;
}

int rlm_kvm_open(struct rlm_kvm *k, const struct rlm_kvm_config *cfg)
{
	const char *dev = DEFAULT_DEV_, *prme = DEFAULT_RME_, *prmi = DEFAULT_RMI_;
	int ret;

	if (!k)
		return RLM_EINVAL;
	memset(k, 0, sizeof(*k));
	k->fd = -1;
	k->ops = &rlm_kvm_sys_linux;
	if (cfg) {
		if (cfg->ops)
			k->ops = cfg->ops;
		k->ctx = cfg->ctx;
		if (cfg->dev)
			dev = cfg->dev;
		if (cfg->param_rme)
			prme = cfg->param_rme;
		if (cfg->param_rmi)
			prmi = cfg->param_rmi;
	}
	if (!k->ops->open || !k->ops->close || !k->ops->read || !k->ops->ioctl)
		return RLM_EINVAL;
	k->fd = k->ops->open(k->ctx, dev, O_RDWR);
	if (k->fd < 0) {
		why_(k, "cannot open %s: %s", dev, strerror(-k->fd));
		k->fd = -1;
		return RLM_EIO;
	}
	ret = detect_(k, prme, prmi);
	if (ret) {
		k->ops->close(k->ctx, k->fd);
		k->fd = -1;
	}
	return ret;
}

void rlm_kvm_close(struct rlm_kvm *k)
{
	if (k && k->fd >= 0) {
		k->ops->close(k->ctx, k->fd);
		k->fd = -1;
	}
}

bool rlm_kvm_has_config(const struct rlm_kvm *k)
{
	return k && k->series == RLM_KVM_V10;
}

bool rlm_kvm_has_psci_complete(const struct rlm_kvm *k)
{
	return k && (k->series == RLM_KVM_V10 || k->series == RLM_KVM_V12 ||
		     k->series == RLM_KVM_V13);
}

bool rlm_kvm_has_rec_feature(const struct rlm_kvm *k)
{
	return k && k->series == RLM_KVM_V10;
}

static int vm_ok_(const struct rlm_kvm_vm *vm)
{
	return vm && vm->kvm && vm->fd >= 0 && vm->kvm->series != RLM_KVM_NONE;
}

int rlm_kvm_create_vm(struct rlm_kvm *k, unsigned int ipa_bits,
		      struct rlm_kvm_vm *vm)
{
	unsigned long type;
	long r;

	if (!k || !vm || k->fd < 0 || k->series == RLM_KVM_NONE)
		return RLM_EINVAL;
	if (ipa_bits < 32 || ipa_bits > 52)
		return RLM_ERANGE;
	type = (k->series == RLM_KVM_V14 ? RLM_KVM_VM_TYPE_ARM_REALM_V14 :
		RLM_KVM_VM_TYPE_ARM_REALM_V10) | ipa_bits;
	r = ioctl_(k, k->fd, RLM_KVM_CREATE_VM, type);
	if (r < 0) {
		why_(k, "KVM_CREATE_VM(type %#lx): %s", type, strerror((int)-r));
		return RLM_EIO;
	}
	vm->kvm = k;
	vm->fd = (int)r;
	vm->ipa_bits = ipa_bits;
	vm->mirror_err = 0;
	return 0;
}

void rlm_kvm_vm_close(struct rlm_kvm_vm *vm)
{
	if (vm && vm->kvm && vm->fd >= 0) {
		vm->kvm->ops->close(vm->kvm->ctx, vm->fd);
		vm->fd = -1;
	}
}

/* v10: KVM_ENABLE_CAP(cap, args[0] = sub, args[1] = arg). */
static int rme_cap_(struct rlm_kvm_vm *vm, unsigned int sub, const void *arg,
		    const char *what)
{
	uint8_t ec[RLM_KVM_ENABLE_CAP_SIZE];
	struct rlm_kvm *k = vm->kvm;
	long r;

	memset(ec, 0, sizeof(ec));
	put32_(ec, 0, k->cap);                 /* cap */
	put64_(ec, 8, sub);                    /* args[0] */
	put64_(ec, 16, (uint64_t)(uintptr_t)arg); /* args[1] */
	r = ioctl_(k, vm->fd, RLM_KVM_ENABLE_CAP, (uintptr_t)ec);
	if (r < 0) {
		why_(k, "KVM_ENABLE_CAP(%u, %s): %s", k->cap, what,
		     strerror((int)-r));
		return RLM_EIO;
	}
	return 0;
}

static int need_v10_(struct rlm_kvm_vm *vm, const char *what)
{
	if (!vm_ok_(vm))
		return RLM_EINVAL;
	if (vm->kvm->series != RLM_KVM_V10) {
		why_(vm->kvm, "%s: the %s interface has no such step", what,
		     rlm_kvm_series_name(vm->kvm->series));
		return RLM_ENOTSUP;
	}
	return 0;
}

int rlm_kvm_config_rpv(struct rlm_kvm_vm *vm, const uint8_t rpv[64])
{
	uint8_t cfg[RLM_KVM_ARM_RME_CONFIG_SIZE];
	int ret = need_v10_(vm, "CONFIG_REALM(RPV)");

	if (ret)
		return ret;
	if (!rpv)
		return RLM_EINVAL;
	memset(cfg, 0, sizeof(cfg));
	put32_(cfg, 0, RLM_ARM_RME_CONFIG_RPV);
	memcpy(cfg + 4, rpv, 64);
	return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_CONFIG_REALM, cfg,
			"CONFIG_REALM(RPV)");
}

int rlm_kvm_config_hash(struct rlm_kvm_vm *vm, enum rlm_hash_algo algo)
{
	uint8_t cfg[RLM_KVM_ARM_RME_CONFIG_SIZE];
	int ret = need_v10_(vm, "CONFIG_REALM(HASH_ALGO)");
	uint32_t a;

	if (ret)
		return ret;
	if (algo == RLM_HASH_SHA256)
		a = RLM_ARM_RME_CONFIG_HASH_ALGO_SHA256;
	else if (algo == RLM_HASH_SHA512)
		a = RLM_ARM_RME_CONFIG_HASH_ALGO_SHA512;
	else
		return RLM_EINVAL;
	memset(cfg, 0, sizeof(cfg));
	put32_(cfg, 0, RLM_ARM_RME_CONFIG_HASH_ALGO);
	put32_(cfg, 4, a);
	return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_CONFIG_REALM, cfg,
			"CONFIG_REALM(HASH_ALGO)");
}

int rlm_kvm_create_realm(struct rlm_kvm_vm *vm)
{
	if (!vm_ok_(vm))
		return RLM_EINVAL;
	if (vm->kvm->series != RLM_KVM_V10)
		return 0; /* created implicitly on first populate / run */
	return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_CREATE_REALM, NULL,
			"CREATE_REALM");
}

static int range_ok_(const struct rlm_kvm_vm *vm, uint64_t base, uint64_t size)
{
	if ((base | size) & 0xfff)
		return RLM_EALIGN;
	if (!size || base + size < base ||
	    base + size > (UINT64_C(1) << (vm->ipa_bits - 1)))
		return RLM_ERANGE;
	return 0;
}

int rlm_kvm_init_ripas(struct rlm_kvm_vm *vm, uint64_t base, uint64_t size)
{
	uint8_t a[RLM_KVM_ARM_RME_INIT_RIPAS_SIZE];
	int ret;

	if (!vm_ok_(vm))
		return RLM_EINVAL;
	ret = range_ok_(vm, base, size);
	if (ret)
		return ret;
	if (vm->kvm->series != RLM_KVM_V10)
		return 0; /* the kernel sets RAM RIPAS at activation */
	memset(a, 0, sizeof(a));
	put64_(a, 0, base);
	put64_(a, 8, size);
	return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_INIT_RIPAS_REALM, a,
			"INIT_RIPAS_REALM");
}

int rlm_kvm_activate(struct rlm_kvm_vm *vm)
{
	if (!vm_ok_(vm))
		return RLM_EINVAL;
	if (vm->kvm->series != RLM_KVM_V10)
		return 0; /* activated on the first KVM_RUN */
	return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_ACTIVATE_REALM, NULL,
			"ACTIVATE_REALM");
}

int rlm_kvm_populate(struct rlm_kvm_vm *vm, uint64_t base, uint64_t size,
		     const void *src, bool measure)
{
	uint8_t a[RLM_KVM_ARM_RMI_POPULATE_SIZE];
	struct rlm_kvm *k;
	uint64_t left;
	long r;
	int ret;

	if (!vm_ok_(vm))
		return RLM_EINVAL;
	k = vm->kvm;
	ret = range_ok_(vm, base, size);
	if (ret)
		return ret;
	memset(a, 0, sizeof(a));
	if (k->series == RLM_KVM_V10) {
		put64_(a, 0, base);
		put64_(a, 8, size);
		put32_(a, 16, measure ? RLM_KVM_ARM_RME_POPULATE_FLAGS_MEASURE : 0);
		return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_POPULATE_REALM, a,
				"POPULATE_REALM");
	}
	if (!src)
		return RLM_EINVAL;
	put64_(a, 0, base);
	put64_(a, 8, size);
	put64_(a, 16, (uint64_t)(uintptr_t)src);
	put32_(a, 24, measure ? RLM_KVM_ARM_RMI_POPULATE_FLAGS_MEASURE : 0);
	if (k->series == RLM_KVM_V12) {
		r = ioctl_(k, vm->fd, RLM_KVM_ARM_RMI_POPULATE_V12, (uintptr_t)a);
		if (r < 0) {
			why_(k, "KVM_ARM_RMI_POPULATE(%#llx, %#llx): %s",
			     (unsigned long long)base, (unsigned long long)size,
			     strerror((int)-r));
			return RLM_EIO;
		}
		return 0;
	}
	/* v13/v14: the kernel writes back how far it got. */
	left = size;
	while (left) {
		r = ioctl_(k, vm->fd, RLM_KVM_ARM_RMI_POPULATE, (uintptr_t)a);
		if (r < 0 && r != -EAGAIN) {
			why_(k, "KVM_ARM_RMI_POPULATE at %#llx (%#llx left): %s",
			     (unsigned long long)get64_(a, 0),
			     (unsigned long long)left, strerror((int)-r));
			return RLM_EIO;
		}
		if (get64_(a, 8) >= left || get64_(a, 0) != base + size - get64_(a, 8)) {
			why_(k, "KVM_ARM_RMI_POPULATE made no progress or "
			     "reported an inconsistent position at %#llx",
			     (unsigned long long)get64_(a, 0));
			return RLM_EIO;
		}
		left = get64_(a, 8);
	}
	return 0;
}

int rlm_kvm_create_vcpu(struct rlm_kvm_vm *vm, unsigned int id, int *vcpu_fd)
{
	uint8_t init[RLM_KVM_VCPU_INIT_SIZE];
	struct rlm_kvm *k;
	uint32_t features;
	int feature = RLM_KVM_ARM_VCPU_REC;
	long r, fd;

	if (!vm_ok_(vm) || !vcpu_fd)
		return RLM_EINVAL;
	k = vm->kvm;
	fd = ioctl_(k, vm->fd, RLM_KVM_CREATE_VCPU, id);
	if (fd < 0) {
		why_(k, "KVM_CREATE_VCPU(%u): %s", id, strerror((int)-fd));
		return RLM_EIO;
	}
	memset(init, 0, sizeof(init));
	r = ioctl_(k, vm->fd, RLM_KVM_ARM_PREFERRED_TARGET, (uintptr_t)init);
	if (r < 0) {
		why_(k, "KVM_ARM_PREFERRED_TARGET: %s", strerror((int)-r));
		goto fail;
	}
	/* Keep the target; request PSCI 0.2 (+ REC on v10). */
	memset(init + 4, 0, sizeof(init) - 4);
	features = 1u << RLM_KVM_ARM_VCPU_PSCI_0_2;
	if (k->series == RLM_KVM_V10)
		features |= 1u << RLM_KVM_ARM_VCPU_REC;
	put32_(init, 4, features);
	r = ioctl_(k, (int)fd, RLM_KVM_ARM_VCPU_INIT, (uintptr_t)init);
	if (r < 0) {
		why_(k, "KVM_ARM_VCPU_INIT(features %#x): %s", features,
		     strerror((int)-r));
		goto fail;
	}
	if (k->series == RLM_KVM_V10) {
		r = ioctl_(k, (int)fd, RLM_KVM_ARM_VCPU_FINALIZE,
			   (uintptr_t)&feature);
		if (r < 0) {
			why_(k, "KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_REC): %s",
			     strerror((int)-r));
			goto fail;
		}
	}
	*vcpu_fd = (int)fd;
	return 0;
fail:
	k->ops->close(k->ctx, (int)fd);
	return RLM_EIO;
}

int rlm_kvm_psci_complete(struct rlm_kvm_vm *vm, int vcpu_fd,
			  uint64_t target_mpidr, uint32_t psci_status)
{
	uint8_t a[RLM_KVM_ARM_PSCI_COMPLETE_SIZE];
	long r;

	if (!vm_ok_(vm) || vcpu_fd < 0)
		return RLM_EINVAL;
	if (!rlm_kvm_has_psci_complete(vm->kvm)) {
		why_(vm->kvm, "PSCI_COMPLETE: the %s interface completes PSCI "
		     "requests itself", rlm_kvm_series_name(vm->kvm->series));
		return RLM_ENOTSUP;
	}
	memset(a, 0, sizeof(a));
	put64_(a, 0, target_mpidr);
	put32_(a, 8, psci_status);
	r = ioctl_(vm->kvm, vcpu_fd, RLM_KVM_ARM_VCPU_RMM_PSCI_COMPLETE,
		   (uintptr_t)a);
	if (r < 0) {
		why_(vm->kvm, "KVM_ARM_VCPU_RMI_PSCI_COMPLETE(%#llx): %s",
		     (unsigned long long)target_mpidr, strerror((int)-r));
		return RLM_EIO;
	}
	return 0;
}

int rlm_kvm_set_private(struct rlm_kvm_vm *vm, uint64_t base, uint64_t size,
			bool private_mem)
{
	uint8_t a[RLM_KVM_MEMORY_ATTRIBUTES_SIZE];
	long r;

	if (!vm_ok_(vm))
		return RLM_EINVAL;
	if ((base | size) & 0xfff)
		return RLM_EALIGN;
	if (!size || base + size < base)
		return RLM_ERANGE;
	memset(a, 0, sizeof(a));
	put64_(a, 0, base);
	put64_(a, 8, size);
	put64_(a, 16, private_mem ? RLM_KVM_MEMORY_ATTRIBUTE_PRIVATE : 0);
	r = ioctl_(vm->kvm, vm->fd, RLM_KVM_SET_MEMORY_ATTRIBUTES, (uintptr_t)a);
	if (r < 0) {
		why_(vm->kvm, "KVM_SET_MEMORY_ATTRIBUTES(%#llx, %#llx, %s): %s",
		     (unsigned long long)base, (unsigned long long)size,
		     private_mem ? "private" : "shared", strerror((int)-r));
		return RLM_EIO;
	}
	return 0;
}

void rlm_kvm_ripas_mirror(void *arg, uint64_t base, uint64_t top,
			  uint8_t old_ripas, uint8_t new_ripas)
{
	struct rlm_kvm_vm *vm = arg;
	bool p = rlm_ripas_is_private(new_ripas);

	int r;

	if (!vm || rlm_ripas_is_private(old_ripas) == p)
		return;
	r = rlm_kvm_set_private(vm, base, top - base, p);
	if (r && !vm->mirror_err)
		vm->mirror_err = r;
}
