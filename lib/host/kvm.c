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
#include <sys/mman.h>
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

static void *sys_mmap_run_(void *ctx, int fd, size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	(void)ctx;
	return p == MAP_FAILED ? NULL : p;
}

static void sys_munmap_run_(void *ctx, void *p, size_t len)
{
	(void)ctx;
	munmap(p, len);
}

static long sys_page_size_(void *ctx)
{
	(void)ctx;
	return sysconf(_SC_PAGESIZE);
}

const struct rlm_kvm_sys_ops rlm_kvm_sys_linux = {
	.open = sys_open_,
	.close = sys_close_,
	.read = sys_read_,
	.ioctl = sys_ioctl_,
	.mmap_run = sys_mmap_run_,
	.munmap_run = sys_munmap_run_,
	.page_size = sys_page_size_,
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
	case RLM_KVM_NV_RMI: return "NVIDIA 6.18 (kvm_cap_arm_rmi, multiplexed)";
	default: return "none";
	}
}

enum rlm_launch_order rlm_kvm_series_order(enum rlm_kvm_series s)
{
	switch (s) {
	case RLM_KVM_V12:
	case RLM_KVM_V13:
	case RLM_KVM_V14:
		return RLM_LAUNCH_ORDER_KVM_ACTIVATE;
	default:
		return RLM_LAUNCH_ORDER_RMM;
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

/* The realm VM type of a series (with the default IPA width). */
static unsigned long realm_type_(enum rlm_kvm_series s)
{
	return s == RLM_KVM_V14 ? RLM_KVM_VM_TYPE_ARM_REALM_V14 :
	       RLM_KVM_VM_TYPE_ARM_REALM_V10;
}

/* Does the kernel create a realm VM of this type?  0 yes, else -errno. */
static long try_realm_vm_(struct rlm_kvm *k, unsigned long type, long *vm_fd)
{
	long r = ioctl_(k, k->fd, RLM_KVM_CREATE_VM, type);

	if (r < 0)
		return r;
	if (vm_fd)
		*vm_fd = r;
	else
		k->ops->close(k->ctx, (int)r);
	return 0;
}

/*
 * NVIDIA's 6.18 kernels publish kvm_cap_arm_rmi yet keep the multiplexed
 * KVM_ENABLE_CAP flow (NV-Kernels arch/arm64/include/uapi/asm/kvm.h:
 * KVM_CAP_ARM_RMI_CONFIG_REALM 0 .. ACTIVATE_REALM 4), with a number that
 * can equal an upstream series' (247).  Ask the kernel: on a fresh realm
 * VM, CONFIG_REALM(HASH_ALGO = SHA-256, the default) is accepted only by
 * the multiplexed flow; upstream v12+ have no KVM_ENABLE_CAP for it.
 * 1 multiplexed, 0 not, < 0 no realm VM could be created (-errno).
 */
static long multiplexed_(struct rlm_kvm *k, unsigned int cap)
{
	uint8_t ec[RLM_KVM_ENABLE_CAP_SIZE], cfg[RLM_KVM_ARM_RME_CONFIG_SIZE];
	long vm, r;

	r = try_realm_vm_(k, RLM_KVM_VM_TYPE_ARM_REALM_V10, &vm);
	if (r < 0)
		return r;
	memset(cfg, 0, sizeof(cfg));
	put32_(cfg, 0, RLM_ARM_RME_CONFIG_HASH_ALGO);
	put32_(cfg, 4, RLM_ARM_RME_CONFIG_HASH_ALGO_SHA256);
	memset(ec, 0, sizeof(ec));
	put32_(ec, 0, cap);
	put64_(ec, 8, RLM_KVM_CAP_ARM_RME_CONFIG_REALM);
	put64_(ec, 16, (uint64_t)(uintptr_t)cfg);
	r = ioctl_(k, (int)vm, RLM_KVM_ENABLE_CAP, (uintptr_t)ec);
	k->ops->close(k->ctx, (int)vm);
	return r == 0;
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
	char seen[160] = "";
	unsigned int cap;
	long r;
	size_t i, used = 0;
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
		if (k->series == RLM_KVM_NONE) {
			r = multiplexed_(k, cap);
			if (r > 0) {
				k->series = RLM_KVM_NV_RMI;
			} else {
				k->series = rmi_series_(cap);
				if (k->series == RLM_KVM_NONE) {
					why_(k, "%s says KVM_CAP_ARM_RMI is %u: "
					     "not a series this library knows "
					     "(247 v12, 248 v13, 249 v14), and "
					     "the multiplexed KVM_ENABLE_CAP "
					     "flow was refused (%s)", prmi, cap,
					     r < 0 ? strerror((int)-r) :
					     "CONFIG_REALM rejected");
					return RLM_ENOTSUP;
				}
			}
		}
		k->cap = cap;
		k->found = RLM_KVM_FOUND_SYSFS;
		return 0;
	}
	/*
	 * No published number: probe newest first, and believe a number only
	 * when the kernel then creates a realm VM of that series' type.  Any
	 * of these numbers can belong to another capability (on 6.18+ 244 is
	 * KVM_CAP_GUEST_MEMFD_FLAGS, 247/248 are s390 capabilities in later
	 * kernels: torvalds/linux include/uapi/linux/kvm.h).
	 */
	for (i = 0; i < RLM_ARRAY_SIZE(probe); i++) {
		r = check_ext_(k, probe[i].cap);
		if (r <= 0)
			continue;
		r = try_realm_vm_(k, realm_type_(probe[i].s), NULL);
		if (r == 0) {
			k->series = probe[i].s;
			k->cap = probe[i].cap;
			k->found = RLM_KVM_FOUND_PROBE;
			return 0;
		}
		if (used < sizeof(seen))
			used += (size_t)snprintf(seen + used, sizeof(seen) - used,
						 "%s%u answers but a realm VM "
						 "is refused (%s)", used ? "; " : "",
						 probe[i].cap, strerror((int)-r));
	}
	if (used)
		why_(k, "no CCA realm support: %s; neither %s nor %s exists "
		     "(244 is KVM_CAP_GUEST_MEMFD_FLAGS on 6.18+ kernels)",
		     seen, prme, prmi);
	else
		why_(k, "no CCA realm support: neither %s nor %s exists, and "
		     "KVM_CHECK_EXTENSION of KVM_CAP_ARM_RMI (249, 248, 247) "
		     "and KVM_CAP_ARM_RME (244) all return 0", prme, prmi);
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
	k->page_size = (uint64_t)(k->ops->page_size ? k->ops->page_size(k->ctx) :
				  sys_page_size_(NULL));
	if (k->page_size != 4096) {
		/*
		 * The CCA host patches support 4K host pages only (RMM granule
		 * 4K; a 64K kernel disables realms and would read as "no
		 * RMM"): say so instead.
		 */
		why_(k, "the host kernel uses %llu-byte pages: CCA realms need "
		     "a 4K-page host kernel", (unsigned long long)k->page_size);
		k->ops->close(k->ctx, k->fd);
		k->fd = -1;
		return RLM_ENOTSUP;
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

static bool mux_(const struct rlm_kvm *k)
{
	return k->series == RLM_KVM_V10 || k->series == RLM_KVM_NV_RMI;
}

bool rlm_kvm_has_config(const struct rlm_kvm *k)
{
	return k && mux_(k);
}

bool rlm_kvm_has_psci_complete(const struct rlm_kvm *k)
{
	return k && (mux_(k) || k->series == RLM_KVM_V12 ||
		     k->series == RLM_KVM_V13);
}

bool rlm_kvm_has_rec_feature(const struct rlm_kvm *k)
{
	return k && mux_(k);
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
	type = realm_type_(k->series) | ipa_bits;
	r = ioctl_(k, k->fd, RLM_KVM_CREATE_VM, type);
	if (r < 0) {
		why_(k, "KVM_CREATE_VM(type %#lx): %s", type, strerror((int)-r));
		return RLM_EIO;
	}
	vm->kvm = k;
	vm->fd = (int)r;
	vm->ipa_bits = ipa_bits;
	vm->mirror_err = 0;
	vm->last_vcpu = -1;
	vm->nvcpus = 0;
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
	if (!mux_(vm->kvm)) {
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
	if (!mux_(vm->kvm))
		return 0; /* created implicitly on first populate / run */
	return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_CREATE_REALM, NULL,
			"CREATE_REALM");
}

static int range_ok_(const struct rlm_kvm_vm *vm, uint64_t base, uint64_t size)
{
	if ((base | size) & (vm->kvm->page_size - 1))
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
	if (!mux_(vm->kvm))
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
	if (!mux_(vm->kvm))
		return 0; /* activated on the first KVM_RUN */
	return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_ACTIVATE_REALM, NULL,
			"ACTIVATE_REALM");
}

static uint32_t get32_(const uint8_t *b, size_t off)
{
	uint32_t v;

	memcpy(&v, b + off, sizeof(v));
	return v;
}

int rlm_kvm_populate(struct rlm_kvm_vm *vm, uint64_t base, uint64_t size,
		     const void *src, bool measure)
{
	uint8_t a[RLM_KVM_ARM_RMI_POPULATE_SIZE];
	struct rlm_kvm *k;
	uint64_t left, pos, from;
	long r;
	int ret;

	if (!vm_ok_(vm))
		return RLM_EINVAL;
	k = vm->kvm;
	ret = range_ok_(vm, base, size);
	if (ret)
		return ret;
	memset(a, 0, sizeof(a));
	if (mux_(k)) {
		put64_(a, 0, base);
		put64_(a, 8, size);
		put32_(a, 16, measure ? RLM_KVM_ARM_RME_POPULATE_FLAGS_MEASURE : 0);
		return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_POPULATE_REALM, a,
				"POPULATE_REALM");
	}
	if (!src)
		return RLM_EINVAL;
	/* v14 refuses an unaligned or NULL source_uaddr; so do we, always. */
	if ((uintptr_t)src & (k->page_size - 1))
		return RLM_EALIGN;
	pos = base;
	left = size;
	from = (uint64_t)(uintptr_t)src;
	if (k->series == RLM_KVM_V12) {
		/*
		 * v12 returns how many bytes it populated, possibly fewer than
		 * asked (the v12 series' Documentation/virt/kvm/api.rst, 4.145
		 * KVM_ARM_RMI_POPULATE: "Returns: number of bytes populated";
		 * "user space may have to repeatedly call it (with updated
		 * pointers)"); call again for the rest.
		 */
		while (left) {
			put64_(a, 0, pos);
			put64_(a, 8, left);
			put64_(a, 16, from);
			put32_(a, 24, measure ? RLM_KVM_ARM_RMI_POPULATE_FLAGS_MEASURE : 0);
			r = ioctl_(k, vm->fd, RLM_KVM_ARM_RMI_POPULATE_V12, (uintptr_t)a);
			if (r < 0) {
				why_(k, "KVM_ARM_RMI_POPULATE at %#llx (%#llx left): %s",
				     (unsigned long long)pos,
				     (unsigned long long)left, strerror((int)-r));
				return RLM_EIO;
			}
			if (r == 0 || (uint64_t)r > left ||
			    ((uint64_t)r & (k->page_size - 1))) {
				why_(k, "KVM_ARM_RMI_POPULATE at %#llx returned %ld "
				     "of %#llx bytes: no progress or an "
				     "inconsistent count", (unsigned long long)pos,
				     r, (unsigned long long)left);
				return RLM_EIO;
			}
			pos += (uint64_t)r;
			from += (uint64_t)r;
			left -= (uint64_t)r;
		}
		return 0;
	}
	/* v13/v14: the kernel writes back how far it got. */
	put64_(a, 0, base);
	put64_(a, 8, size);
	put64_(a, 16, from);
	put32_(a, 24, measure ? RLM_KVM_ARM_RMI_POPULATE_FLAGS_MEASURE : 0);
	while (left) {
		r = ioctl_(k, vm->fd, RLM_KVM_ARM_RMI_POPULATE, (uintptr_t)a);
		if (r < 0 && r != -EAGAIN) {
			why_(k, "KVM_ARM_RMI_POPULATE at %#llx (%#llx left): %s",
			     (unsigned long long)get64_(a, 0),
			     (unsigned long long)left, strerror((int)-r));
			return RLM_EIO;
		}
		if (get64_(a, 8) >= left || get64_(a, 0) != base + size - get64_(a, 8) ||
		    get64_(a, 16) != (uint64_t)(uintptr_t)src + size - get64_(a, 8)) {
			why_(k, "KVM_ARM_RMI_POPULATE made no progress or "
			     "reported an inconsistent position at %#llx",
			     (unsigned long long)get64_(a, 0));
			return RLM_EIO;
		}
		left = get64_(a, 8);
	}
	return 0;
}

/* KVM's MPIDR of vCPU id (arm64 sys_regs.c reset_mpidr): Aff0 = id[3:0],
 * Aff1 = id[11:4], Aff2 = id[19:12]. */
static uint64_t vcpu_mpidr_(unsigned int id)
{
	return (uint64_t)(id & 0xf) | ((uint64_t)((id >> 4) & 0xff) << 8) |
	       ((uint64_t)((id >> 12) & 0xff) << 16);
}

int rlm_kvm_vcpu_create(struct rlm_kvm_vm *vm, unsigned int id,
			unsigned int flags, struct rlm_kvm_vcpu *vcpu)
{
	uint8_t init[RLM_KVM_VCPU_INIT_SIZE];
	struct rlm_kvm *k;
	uint32_t features;
	long r, fd;

	if (!vm_ok_(vm) || !vcpu ||
	    (flags & ~(RLM_KVM_VCPU_POWER_OFF | RLM_KVM_VCPU_PMU | RLM_KVM_VCPU_SVE)))
		return RLM_EINVAL;
	k = vm->kvm;
	if (id >= (1u << 20))
		return RLM_ERANGE;
	if ((int)id <= vm->last_vcpu) {
		/* RECs must be created in ascending MPIDR order (RMM 1.0
		 * REC_CREATE: rec_idx == realm's rec count). */
		why_(k, "vCPU %u after vCPU %d: vCPUs (RECs) are created in "
		     "ascending MPIDR order", id, vm->last_vcpu);
		return RLM_ERANGE;
	}
	memset(vcpu, 0, sizeof(*vcpu));
	vcpu->fd = -1;
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
	/* Keep the target; request PSCI 0.2 (+ REC on v10/NV), POWER_OFF for
	 * a secondary (the kernel creates its REC not runnable), PMU, SVE. */
	memset(init + 4, 0, sizeof(init) - 4);
	features = 1u << RLM_KVM_ARM_VCPU_PSCI_0_2;
	if (mux_(k))
		features |= 1u << RLM_KVM_ARM_VCPU_REC;
	if (flags & RLM_KVM_VCPU_POWER_OFF)
		features |= 1u << RLM_KVM_ARM_VCPU_POWER_OFF;
	if (flags & RLM_KVM_VCPU_PMU)
		features |= 1u << RLM_KVM_ARM_VCPU_PMU_V3;
	if (flags & RLM_KVM_VCPU_SVE)
		features |= 1u << RLM_KVM_ARM_VCPU_SVE;
	put32_(init, 4, features);
	r = ioctl_(k, (int)fd, RLM_KVM_ARM_VCPU_INIT, (uintptr_t)init);
	if (r < 0) {
		why_(k, "KVM_ARM_VCPU_INIT(vCPU %u, features %#x): %s", id,
		     features, strerror((int)-r));
		goto fail;
	}
	vcpu->vm = vm;
	vcpu->fd = (int)fd;
	vcpu->id = id;
	vcpu->mpidr = vcpu_mpidr_(id);
	vcpu->flags = flags;
	vm->last_vcpu = (int)id;
	vm->nvcpus++;
	return 0;
fail:
	k->ops->close(k->ctx, (int)fd);
	return RLM_EIO;
}

static int vcpu_ok_(const struct rlm_kvm_vcpu *v)
{
	return v && vm_ok_(v->vm) && v->fd >= 0;
}

int rlm_kvm_vcpu_set_reg(struct rlm_kvm_vcpu *vcpu, uint64_t reg_id,
			 uint64_t value)
{
	uint8_t a[RLM_KVM_ONE_REG_SIZE];
	long r;

	if (!vcpu_ok_(vcpu))
		return RLM_EINVAL;
	if (vcpu->finalized) {
		why_(vcpu->vm->kvm, "KVM_SET_ONE_REG(%#llx) on vCPU %u: its "
		     "REC is already created, the value would not be "
		     "measured", (unsigned long long)reg_id, vcpu->id);
		return RLM_ESTATE;
	}
	memset(a, 0, sizeof(a));
	put64_(a, 0, reg_id);
	put64_(a, 8, (uint64_t)(uintptr_t)&value);
	r = ioctl_(vcpu->vm->kvm, vcpu->fd, RLM_KVM_SET_ONE_REG, (uintptr_t)a);
	if (r < 0) {
		why_(vcpu->vm->kvm, "KVM_SET_ONE_REG(%#llx) on vCPU %u: %s",
		     (unsigned long long)reg_id, vcpu->id, strerror((int)-r));
		return RLM_EIO;
	}
	return 0;
}

int rlm_kvm_vcpu_get_reg(struct rlm_kvm_vcpu *vcpu, uint64_t reg_id,
			 uint64_t *value)
{
	uint8_t a[RLM_KVM_ONE_REG_SIZE];
	uint64_t v = 0;
	long r;

	if (!vcpu_ok_(vcpu) || !value)
		return RLM_EINVAL;
	memset(a, 0, sizeof(a));
	put64_(a, 0, reg_id);
	put64_(a, 8, (uint64_t)(uintptr_t)&v);
	r = ioctl_(vcpu->vm->kvm, vcpu->fd, RLM_KVM_GET_ONE_REG, (uintptr_t)a);
	if (r < 0) {
		why_(vcpu->vm->kvm, "KVM_GET_ONE_REG(%#llx) on vCPU %u: %s",
		     (unsigned long long)reg_id, vcpu->id, strerror((int)-r));
		return RLM_EIO;
	}
	*value = v;
	return 0;
}

void rlm_kvm_set_limits(struct rlm_kvm *k, uint64_t feat_reg0)
{
	if (!k)
		return;
	rlm_rmi_features0_decode(feat_reg0, &k->limits);
	k->have_limits = true;
}

int rlm_kvm_check_params(struct rlm_kvm *k, const struct rlm_realm_params *p)
{
	const char *field = NULL;
	int ret;

	if (!k || !p)
		return RLM_EINVAL;
	/* What the KVM registers can carry at all. */
	if (p->num_bps == 0 || p->num_bps > 15)
		field = "num_bps";
	else if (p->num_wps == 0 || p->num_wps > 15)
		field = "num_wps";
	else if ((p->flags & RLM_RMI_REALM_PARAM_FLAG_PMU) &&
		 p->pmu_num_ctrs > RLM_PMCR_N_MASK)
		field = "pmu_num_ctrs";
	else if ((p->flags & RLM_RMI_REALM_PARAM_FLAG_SVE) && p->sve_vl > 15)
		field = "sve_vl";
	if (field) {
		why_(k, "realm parameter %s is out of range for KVM", field);
		return RLM_ERANGE;
	}
	if (!k->have_limits)
		return 0;
	ret = rlm_rmi_features0_check(&k->limits, p, &field);
	if (ret)
		why_(k, "realm parameter %s: %s by the RMM (RmiFeatureRegister0: "
		     "s2sz %u, num_bps %u, num_wps %u, sve %s vl %u, pmu %s "
		     "%u counters, sha256 %s, sha512 %s)", field ? field : "?",
		     ret == RLM_ENOTSUP ? "not supported" : "beyond what is allowed",
		     k->limits.s2sz, k->limits.num_bps, k->limits.num_wps,
		     k->limits.sve_en ? "yes" : "no", k->limits.sve_vl,
		     k->limits.pmu_en ? "yes" : "no", k->limits.pmu_num_ctrs,
		     k->limits.hash_sha_256 ? "yes" : "no",
		     k->limits.hash_sha_512 ? "yes" : "no");
	return ret;
}

int rlm_kvm_vcpu_config_realm(struct rlm_kvm_vcpu *vcpu,
			      const struct rlm_realm_params *p)
{
	struct rlm_kvm *k;
	bool sve, pmu;
	uint64_t v;
	int ret;

	if (!vcpu_ok_(vcpu) || !p)
		return RLM_EINVAL;
	k = vcpu->vm->kvm;
	ret = rlm_kvm_check_params(k, p);
	if (ret)
		return ret;
	sve = (p->flags & RLM_RMI_REALM_PARAM_FLAG_SVE) != 0;
	pmu = (p->flags & RLM_RMI_REALM_PARAM_FLAG_PMU) != 0;
	if (sve != ((vcpu->flags & RLM_KVM_VCPU_SVE) != 0) ||
	    pmu != ((vcpu->flags & RLM_KVM_VCPU_PMU) != 0)) {
		why_(k, "vCPU %u: created %s SVE and %s PMU, the realm wants "
		     "%s SVE and %s PMU", vcpu->id,
		     vcpu->flags & RLM_KVM_VCPU_SVE ? "with" : "without",
		     vcpu->flags & RLM_KVM_VCPU_PMU ? "with" : "without",
		     sve ? "with" : "without", pmu ? "with" : "without");
		return RLM_EINVAL;
	}
	ret = rlm_kvm_vcpu_get_reg(vcpu, RLM_KVM_REG_ID_AA64DFR0_EL1, &v);
	if (ret)
		return ret;
	v &= ~((UINT64_C(0xf) << RLM_ID_AA64DFR0_BRPS_SHIFT) |
	       (UINT64_C(0xf) << RLM_ID_AA64DFR0_WRPS_SHIFT));
	v |= ((uint64_t)p->num_bps << RLM_ID_AA64DFR0_BRPS_SHIFT) |
	     ((uint64_t)p->num_wps << RLM_ID_AA64DFR0_WRPS_SHIFT);
	ret = rlm_kvm_vcpu_set_reg(vcpu, RLM_KVM_REG_ID_AA64DFR0_EL1, v);
	if (ret)
		return ret;
	if (pmu) {
		ret = rlm_kvm_vcpu_get_reg(vcpu, RLM_KVM_REG_PMCR_EL0, &v);
		if (ret)
			return ret;
		v &= ~((uint64_t)RLM_PMCR_N_MASK << RLM_PMCR_N_SHIFT);
		v |= (uint64_t)p->pmu_num_ctrs << RLM_PMCR_N_SHIFT;
		ret = rlm_kvm_vcpu_set_reg(vcpu, RLM_KVM_REG_PMCR_EL0, v);
		if (ret)
			return ret;
	}
	if (sve) {
		uint64_t vls[8];
		uint8_t a[RLM_KVM_ONE_REG_SIZE];
		int feature = RLM_KVM_ARM_VCPU_SVE;
		unsigned int vq;
		long r;

		memset(vls, 0, sizeof(vls));
		for (vq = 1; vq <= p->sve_vl + 1; vq++)
			vls[(vq - 1) / 64] |= UINT64_C(1) << ((vq - 1) % 64);
		memset(a, 0, sizeof(a));
		put64_(a, 0, RLM_KVM_REG_ARM64_SVE_VLS);
		put64_(a, 8, (uint64_t)(uintptr_t)vls);
		r = ioctl_(k, vcpu->fd, RLM_KVM_SET_ONE_REG, (uintptr_t)a);
		if (r >= 0)
			r = ioctl_(k, vcpu->fd, RLM_KVM_ARM_VCPU_FINALIZE,
				   (uintptr_t)&feature);
		if (r < 0) {
			why_(k, "vCPU %u: SVE vector lengths up to %u quadwords "
			     "(KVM_REG_ARM64_SVE_VLS, FINALIZE(SVE)): %s", vcpu->id,
			     p->sve_vl + 1, strerror((int)-r));
			return RLM_EIO;
		}
	}
	return 0;
}

int rlm_kvm_vcpu_set_entry(struct rlm_kvm_vcpu *vcpu, uint64_t pc,
			   const uint64_t x[8])
{
	unsigned int i;
	int ret;

	if (!vcpu_ok_(vcpu))
		return RLM_EINVAL;
	if (vcpu->finalized) {
		why_(vcpu->vm->kvm, "vCPU %u: entry registers set after its "
		     "REC was created", vcpu->id);
		return RLM_ESTATE;
	}
	ret = rlm_kvm_vcpu_set_reg(vcpu, RLM_KVM_REG_ARM_PC, pc);
	for (i = 0; !ret && i < 8; i++)
		ret = rlm_kvm_vcpu_set_reg(vcpu, RLM_KVM_REG_ARM_X(i),
					   x ? x[i] : 0);
	return ret;
}

int rlm_kvm_vcpu_finalize(struct rlm_kvm_vcpu *vcpu)
{
	int feature = RLM_KVM_ARM_VCPU_REC;
	long r;

	if (!vcpu_ok_(vcpu))
		return RLM_EINVAL;
	if (vcpu->finalized)
		return RLM_ESTATE;
	if (mux_(vcpu->vm->kvm)) {
		r = ioctl_(vcpu->vm->kvm, vcpu->fd, RLM_KVM_ARM_VCPU_FINALIZE,
			   (uintptr_t)&feature);
		if (r < 0) {
			why_(vcpu->vm->kvm, "KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_REC)"
			     " on vCPU %u: %s", vcpu->id, strerror((int)-r));
			return RLM_EIO;
		}
	}
	vcpu->finalized = true;
	return 0;
}

void rlm_kvm_vcpu_close(struct rlm_kvm_vcpu *vcpu)
{
	if (!vcpu || !vcpu->vm || vcpu->fd < 0)
		return;
	if (vcpu->run) {
		if (vcpu->vm->kvm->ops->munmap_run)
			vcpu->vm->kvm->ops->munmap_run(vcpu->vm->kvm->ctx, vcpu->run,
						       vcpu->run_len);
		else
			sys_munmap_run_(NULL, vcpu->run, vcpu->run_len);
		vcpu->run = NULL;
	}
	vcpu->vm->kvm->ops->close(vcpu->vm->kvm->ctx, vcpu->fd);
	vcpu->fd = -1;
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
	if ((base | size) & (vm->kvm->page_size - 1))
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

/* ---- memory ------------------------------------------------------------ */

int rlm_kvm_guest_memfd(struct rlm_kvm_vm *vm, uint64_t size, int *fd)
{
	uint8_t a[RLM_KVM_CREATE_GUEST_MEMFD_SIZE];
	long r;

	if (!vm_ok_(vm) || !fd)
		return RLM_EINVAL;
	if (!size || (size & (vm->kvm->page_size - 1)))
		return size ? RLM_EALIGN : RLM_ERANGE;
	memset(a, 0, sizeof(a));
	put64_(a, 0, size);
	r = ioctl_(vm->kvm, vm->fd, RLM_KVM_CREATE_GUEST_MEMFD, (uintptr_t)a);
	if (r < 0) {
		why_(vm->kvm, "KVM_CREATE_GUEST_MEMFD(%#llx bytes): %s",
		     (unsigned long long)size, strerror((int)-r));
		return RLM_EIO;
	}
	*fd = (int)r;
	return 0;
}

int rlm_kvm_set_memslot(struct rlm_kvm_vm *vm, unsigned int slot,
			uint64_t gpa, uint64_t size, void *uaddr, int gmem_fd,
			uint64_t gmem_off)
{
	uint8_t a[RLM_KVM_USERSPACE_MEMORY_REGION2_SIZE];
	uint64_t pg;
	long r;

	if (!vm_ok_(vm) || !uaddr || slot > 0x7fff)
		return RLM_EINVAL;
	pg = vm->kvm->page_size - 1;
	if ((gpa | size | (uint64_t)(uintptr_t)uaddr | gmem_off) & pg)
		return RLM_EALIGN;
	if (!size || gpa + size < gpa || gpa + size > (UINT64_C(1) << vm->ipa_bits))
		return RLM_ERANGE;
	memset(a, 0, sizeof(a));
	put32_(a, 0, slot);
	put32_(a, 4, gmem_fd >= 0 ? RLM_KVM_MEM_GUEST_MEMFD : 0);
	put64_(a, 8, gpa);
	put64_(a, 16, size);
	put64_(a, 24, (uint64_t)(uintptr_t)uaddr);
	if (gmem_fd >= 0) {
		put64_(a, 32, gmem_off);
		put32_(a, 40, (uint32_t)gmem_fd);
	}
	r = ioctl_(vm->kvm, vm->fd, RLM_KVM_SET_USER_MEMORY_REGION2, (uintptr_t)a);
	if (r < 0) {
		why_(vm->kvm, "KVM_SET_USER_MEMORY_REGION2(slot %u, %#llx+%#llx%s): %s",
		     slot, (unsigned long long)gpa, (unsigned long long)size,
		     gmem_fd >= 0 ? ", guest_memfd" : "", strerror((int)-r));
		return RLM_EIO;
	}
	return 0;
}

int rlm_kvm_add_ram(struct rlm_kvm_vm *vm, unsigned int slot, int alias_slot,
		    uint64_t gpa, uint64_t size, void *uaddr, int *gmem_fd)
{
	int ret, fd = -1;

	if (!vm_ok_(vm) || !gmem_fd || !uaddr)
		return RLM_EINVAL;
	if (gpa + size > (UINT64_C(1) << (vm->ipa_bits - 1)) || gpa + size < gpa)
		return RLM_ERANGE; /* protected RAM lives in the lower half */
	ret = rlm_kvm_guest_memfd(vm, size, &fd);
	if (!ret)
		ret = rlm_kvm_set_memslot(vm, slot, gpa, size, uaddr, fd, 0);
	if (!ret)
		ret = rlm_kvm_set_private(vm, gpa, size, true);
	if (!ret && alias_slot >= 0)
		ret = rlm_kvm_set_memslot(vm, (unsigned int)alias_slot,
					  gpa | (UINT64_C(1) << (vm->ipa_bits - 1)),
					  size, uaddr, -1, 0);
	if (ret) {
		if (fd >= 0)
			vm->kvm->ops->close(vm->kvm->ctx, fd);
		return ret;
	}
	*gmem_fd = fd;
	return 0;
}

/* ---- MEC (NVIDIA) ------------------------------------------------------- */

static int need_nv_(struct rlm_kvm_vm *vm, const char *what)
{
	if (!vm_ok_(vm))
		return RLM_EINVAL;
	if (vm->kvm->series != RLM_KVM_NV_RMI) {
		why_(vm->kvm, "%s: only NVIDIA's multiplexed kvm_cap_arm_rmi "
		     "interface has MEC configuration, not %s", what,
		     rlm_kvm_series_name(vm->kvm->series));
		return RLM_ENOTSUP;
	}
	return 0;
}

int rlm_kvm_mec_query(struct rlm_kvm_vm *vm, bool *supported, uint32_t *count)
{
	uint8_t cfg[RLM_KVM_ARM_RME_CONFIG_SIZE];
	int ret = need_nv_(vm, "CONFIG_REALM(MEC_QUERY)");

	if (ret)
		return ret;
	if (!supported || !count)
		return RLM_EINVAL;
	memset(cfg, 0, sizeof(cfg));
	put32_(cfg, 0, RLM_ARM_RMI_CONFIG_MEC_QUERY);
	ret = rme_cap_(vm, RLM_KVM_CAP_ARM_RME_CONFIG_REALM, cfg,
		       "CONFIG_REALM(MEC_QUERY)");
	if (ret)
		return ret;
	*supported = get32_(cfg, 4) != 0;
	*count = get32_(cfg, 8);
	return 0;
}

int rlm_kvm_config_mec(struct rlm_kvm_vm *vm, bool shared)
{
	uint8_t cfg[RLM_KVM_ARM_RME_CONFIG_SIZE];
	int ret = need_nv_(vm, "CONFIG_REALM(MEC)");

	if (ret)
		return ret;
	memset(cfg, 0, sizeof(cfg));
	put32_(cfg, 0, RLM_ARM_RMI_CONFIG_MEC);
	put32_(cfg, 4, shared ? 1 : 0);
	return rme_cap_(vm, RLM_KVM_CAP_ARM_RME_CONFIG_REALM, cfg,
			"CONFIG_REALM(MEC)");
}

/* ---- vGICv3 -------------------------------------------------------------- */

static int dev_attr_(struct rlm_kvm_vm *vm, int dev_fd, uint32_t group,
		     uint64_t attr, const void *val, const char *what)
{
	uint8_t a[RLM_KVM_DEVICE_ATTR_SIZE];
	long r;

	memset(a, 0, sizeof(a));
	put32_(a, 4, group);
	put64_(a, 8, attr);
	put64_(a, 16, (uint64_t)(uintptr_t)val);
	r = ioctl_(vm->kvm, dev_fd, RLM_KVM_SET_DEVICE_ATTR, (uintptr_t)a);
	if (r < 0) {
		why_(vm->kvm, "KVM_SET_DEVICE_ATTR(vGICv3 %s): %s", what,
		     strerror((int)-r));
		return RLM_EIO;
	}
	return 0;
}

int rlm_kvm_vgic_create(struct rlm_kvm_vm *vm, const struct rlm_kvm_gic *gic,
			int *dev_fd)
{
	uint8_t cd[RLM_KVM_CREATE_DEVICE_SIZE];
	uint64_t dist_top, rd_top, lim;
	int fd, ret;
	long r;

	if (!vm_ok_(vm) || !gic || !dev_fd || !gic->nr_vcpus)
		return RLM_EINVAL;
	*dev_fd = -1;
	lim = UINT64_C(1) << vm->ipa_bits;
	dist_top = gic->dist_base + RLM_KVM_VGIC_V3_DIST_SIZE;
	rd_top = gic->redist_base + (uint64_t)gic->nr_vcpus * RLM_KVM_VGIC_V3_REDIST_SIZE;
	if ((gic->dist_base | gic->redist_base) & 0xffffu) {
		why_(vm->kvm, "vGICv3: %s base %#llx is not 64K aligned",
		     gic->dist_base & 0xffffu ? "distributor" : "redistributor",
		     (unsigned long long)(gic->dist_base & 0xffffu ? gic->dist_base :
					  gic->redist_base));
		return RLM_EALIGN;
	}
	if (dist_top > lim || rd_top > lim || rd_top < gic->redist_base) {
		why_(vm->kvm, "vGICv3: the %s region ends beyond the %u-bit IPA space",
		     dist_top > lim ? "distributor" : "redistributor", vm->ipa_bits);
		return RLM_ERANGE;
	}
	if (gic->dist_base < rd_top && gic->redist_base < dist_top) {
		why_(vm->kvm, "vGICv3: the distributor [%#llx, %#llx) overlaps the "
		     "redistributors [%#llx, %#llx) of %u vCPUs",
		     (unsigned long long)gic->dist_base, (unsigned long long)dist_top,
		     (unsigned long long)gic->redist_base, (unsigned long long)rd_top,
		     gic->nr_vcpus);
		return RLM_ERANGE;
	}
	if (gic->nr_irqs && (gic->nr_irqs < 64 || gic->nr_irqs > 1024 ||
			     gic->nr_irqs % 32)) {
		why_(vm->kvm, "vGICv3: nr_irqs %u (64..1024, a multiple of 32)",
		     gic->nr_irqs);
		return RLM_ERANGE;
	}
	memset(cd, 0, sizeof(cd));
	put32_(cd, 0, RLM_KVM_DEV_TYPE_ARM_VGIC_V3);
	r = ioctl_(vm->kvm, vm->fd, RLM_KVM_CREATE_DEVICE, (uintptr_t)cd);
	if (r < 0) {
		why_(vm->kvm, "KVM_CREATE_DEVICE(vGICv3): %s", strerror((int)-r));
		return RLM_EIO;
	}
	fd = (int)get32_(cd, 4);
	ret = dev_attr_(vm, fd, RLM_KVM_DEV_ARM_VGIC_GRP_ADDR,
			RLM_KVM_VGIC_V3_ADDR_TYPE_DIST, &gic->dist_base, "distributor");
	if (!ret)
		ret = dev_attr_(vm, fd, RLM_KVM_DEV_ARM_VGIC_GRP_ADDR,
				RLM_KVM_VGIC_V3_ADDR_TYPE_REDIST, &gic->redist_base,
				"redistributors");
	if (!ret && gic->nr_irqs)
		ret = dev_attr_(vm, fd, RLM_KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0,
				&gic->nr_irqs, "nr_irqs");
	if (ret) {
		vm->kvm->ops->close(vm->kvm->ctx, fd);
		return ret;
	}
	*dev_fd = fd;
	return 0;
}

int rlm_kvm_vgic_init(struct rlm_kvm_vm *vm, int dev_fd)
{
	if (!vm_ok_(vm) || dev_fd < 0)
		return RLM_EINVAL;
	return dev_attr_(vm, dev_fd, RLM_KVM_DEV_ARM_VGIC_GRP_CTRL,
			 RLM_KVM_DEV_ARM_VGIC_CTRL_INIT, NULL, "CTRL_INIT");
}

void rlm_kvm_set_mec(struct rlm_kvm *k, enum rlm_mec_policy policy)
{
	if (!k)
		return;
	k->mec_set = true;
	k->mec = policy;
}

/* ---- running ------------------------------------------------------------ */

int rlm_kvm_vcpu_map_run(struct rlm_kvm_vcpu *vcpu)
{
	struct rlm_kvm *k;
	long n;
	void *p;

	if (!vcpu_ok_(vcpu))
		return RLM_EINVAL;
	if (vcpu->run)
		return 0;
	k = vcpu->vm->kvm;
	n = ioctl_(k, k->fd, RLM_KVM_GET_VCPU_MMAP_SIZE, 0);
	if (n < RLM_KVM_RUN_MIN_SIZE) {
		why_(k, "KVM_GET_VCPU_MMAP_SIZE: %s", n < 0 ?
		     strerror((int)-n) : "smaller than struct kvm_run");
		return RLM_EIO;
	}
	p = k->ops->mmap_run ? k->ops->mmap_run(k->ctx, vcpu->fd, (size_t)n) :
	    sys_mmap_run_(NULL, vcpu->fd, (size_t)n);
	if (!p) {
		why_(k, "mmap of vCPU %u's kvm_run failed", vcpu->id);
		return RLM_EIO;
	}
	vcpu->run = p;
	vcpu->run_len = (size_t)n;
	return 0;
}

static void decode_exit_(const uint8_t *run, struct rlm_kvm_exit *ex)
{
	const uint8_t *u = run + RLM_KVM_RUN_EXIT_OFF;
	unsigned int i;

	memset(ex, 0, sizeof(*ex));
	ex->reason = get32_(run, RLM_KVM_RUN_EXIT_REASON_OFF);
	switch (ex->reason) {
	case RLM_KVM_EXIT_MEMORY_FAULT:
		ex->type = RLM_KVM_X_MEMORY_FAULT;
		ex->private_mem = (get64_(u, 0) & RLM_KVM_MEMORY_EXIT_FLAG_PRIVATE) != 0;
		ex->gpa = get64_(u, 8);
		ex->size = get64_(u, 16);
		break;
	case RLM_KVM_EXIT_SYSTEM_EVENT:
		switch (get32_(u, 0)) {
		case RLM_KVM_SYSTEM_EVENT_SHUTDOWN:
			ex->type = RLM_KVM_X_SHUTDOWN;
			break;
		case RLM_KVM_SYSTEM_EVENT_RESET:
			ex->type = RLM_KVM_X_RESET;
			break;
		default:
			ex->type = RLM_KVM_X_OTHER;
			break;
		}
		break;
	case RLM_KVM_EXIT_MMIO:
		ex->type = RLM_KVM_X_MMIO;
		ex->gpa = get64_(u, 0);
		memcpy(ex->data, u + 8, 8);
		ex->size = get32_(u, 16);
		ex->is_write = u[20] != 0;
		break;
	case RLM_KVM_EXIT_HYPERCALL:
		ex->type = RLM_KVM_X_HYPERCALL;
		ex->nr = get64_(u, 0);
		for (i = 0; i < 6; i++)
			ex->args[i] = get64_(u, 8 + 8 * i);
		break;
	default:
		ex->type = RLM_KVM_X_OTHER;
		break;
	}
}

int rlm_kvm_vcpu_run(struct rlm_kvm_vcpu *vcpu, struct rlm_kvm_exit *ex)
{
	struct rlm_kvm *k;
	long r;

	if (!vcpu_ok_(vcpu) || !ex)
		return RLM_EINVAL;
	if (!vcpu->run)
		return RLM_ESTATE;
	k = vcpu->vm->kvm;
	r = ioctl_(k, vcpu->fd, RLM_KVM_RUN, 0);
	decode_exit_(vcpu->run, ex);
	/* A memory fault exit comes with -EFAULT (v14 rmi-exit.c). */
	if (r == -EFAULT && ex->type == RLM_KVM_X_MEMORY_FAULT)
		return 0;
	if (r < 0) {
		why_(k, "KVM_RUN on vCPU %u: %s (exit reason %u)", vcpu->id,
		     strerror((int)-r), ex->reason);
		return RLM_EIO;
	}
	vcpu->finalized = true; /* v12+: the REC exists now */
	return 0;
}

int rlm_kvm_handle_memory_fault(struct rlm_kvm_vm *vm,
				const struct rlm_kvm_exit *ex)
{
	if (!vm_ok_(vm) || !ex || ex->type != RLM_KVM_X_MEMORY_FAULT)
		return RLM_EINVAL;
	return rlm_kvm_set_private(vm, ex->gpa, ex->size, ex->private_mem);
}

int rlm_kvm_check_mmio(const struct rlm_kvm_vm *vm, const struct rlm_kvm_exit *ex)
{
	if (!vm || !ex || ex->type != RLM_KVM_X_MMIO)
		return RLM_EINVAL;
	if (ex->gpa < (UINT64_C(1) << (vm->ipa_bits - 1)))
		return RLM_EPERM;
	return 0;
}

int rlm_kvm_run(struct rlm_kvm_vcpu *vcpu,
		int (*on_exit)(void *arg, struct rlm_kvm_vcpu *vcpu,
			       struct rlm_kvm_exit *ex),
		void *arg, struct rlm_kvm_run_stats *stats)
{
	struct rlm_kvm_run_stats st;
	struct rlm_kvm_exit ex;
	int ret;

	if (!vcpu_ok_(vcpu))
		return RLM_EINVAL;
	memset(&st, 0, sizeof(st));
	ret = rlm_kvm_vcpu_map_run(vcpu);
	while (!ret) {
		ret = rlm_kvm_vcpu_run(vcpu, &ex);
		if (ret)
			break;
		st.exits++;
		st.last = ex.type;
		switch (ex.type) {
		case RLM_KVM_X_MEMORY_FAULT:
			st.memory_faults++;
			ret = rlm_kvm_handle_memory_fault(vcpu->vm, &ex);
			break;
		case RLM_KVM_X_SHUTDOWN:
		case RLM_KVM_X_RESET:
			goto out;
		case RLM_KVM_X_MMIO:
			st.mmio++;
			ret = rlm_kvm_check_mmio(vcpu->vm, &ex);
			if (ret) {
				why_(vcpu->vm->kvm, "MMIO at %#llx: in the "
				     "protected half", (unsigned long long)ex.gpa);
				break;
			}
			if (on_exit)
				ret = on_exit(arg, vcpu, &ex);
			else if (!ex.is_write)
				memset(vcpu->run + RLM_KVM_RUN_EXIT_OFF + 8, 0, 8);
			break;
		case RLM_KVM_X_HYPERCALL:
			st.hypercalls++;
			ret = on_exit ? on_exit(arg, vcpu, &ex) : RLM_ENOTSUP;
			break;
		default:
			ret = on_exit ? on_exit(arg, vcpu, &ex) : RLM_ENOTSUP;
			break;
		}
	}
out:
	if (stats)
		*stats = st;
	return ret;
}
