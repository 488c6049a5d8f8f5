// SPDX-License-Identifier: BSD-3-Clause
/*
 * realm-shim: a Linux module exposing the librealm guest API to userspace.
 *
 * /dev/realm-shim ioctls (realm/shim-uapi.h) and a sysfs measurements
 * directory named like Linux's arm-cca-guest driver (rim:<hash>,
 * rem0:<hash>..rem3:<hash>) plus `log`, the TCG2 event log of every
 * extend made through the module; with the mock backend, `platform_key`
 * next to it (the mock platform's attestation public key, hex).  The RSI calls go through the library's
 * portable core, built unchanged into this module; the backend is the
 * arm64 SMC conduit in a realm, or elsewhere (and on arm64 with mock=1)
 * the library's mock RMM inside the kernel with a realm booted in it.
 * The mock backend, whose attestation keys are public knowledge, is built
 * in only with meson's kmod_mock option (SHIM_HAVE_MOCK): a module for a
 * real realm has no mock RMM, no known keys and no mock= parameter.
 *
 * One mutex serialises every call into the library (the guest state, the
 * token granule and the log are shared).
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mutex.h>
#include <linux/capability.h>
#include <linux/device.h>
#include <linux/sysfs.h>
#include <linux/kernel.h>

#include <realm/error.h>
#include <realm/guest.h>
#include <realm/abi.h>
#include <realm/shim-uapi.h>

#include "shim.h"

#if SHIM_HAVE_MOCK
static bool mock;
module_param(mock, bool, 0444);
MODULE_PARM_DESC(mock, "run the in-kernel mock realm even on arm64");
#endif

static DEFINE_MUTEX(shim_lock);
static struct shim_backend backend;
static struct rlm_guest guest;
static struct rlm_guest_log evlog;
static uint8_t *evlog_buf;

static int rlm_to_errno(int err)
{
	switch (err) {
	case 0: return 0;
	case RLM_EINVAL: case RLM_EALIGN: case RLM_ERANGE: return -EINVAL;
	case RLM_E2BIG: return -E2BIG;
	case RLM_ENOSPC: case RLM_ENOMEM: return -ENOSPC;
	case RLM_ERSI: case RLM_ERMI: return -EIO;
	case RLM_ENOTSUP: return -EOPNOTSUPP;
	case RLM_EPERM: return -EPERM;
	case RLM_EBUSY: return -EBUSY;
	default: return -EIO;
	}
}

/* ---- ioctls ------------------------------------------------------------- */

static long shim_version(void __user *arg)
{
	struct rlm_shim_version v;
	uint64_t st;
	int err;

	memset(&v, 0, sizeof(v));
	mutex_lock(&shim_lock);
	err = rlm_guest_version(&guest, RLM_RSI_ABI_VERSION, &v.lower, &v.higher, &st);
	if (!err)
		err = rlm_guest_features(&guest, 0, &v.features0);
	mutex_unlock(&shim_lock);
	if (err)
		return rlm_to_errno(err);
	v.backend = backend.kind;
	return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long shim_config(void __user *arg)
{
	struct rlm_shim_config c;
	struct rlm_guest_config gc;

	memset(&c, 0, sizeof(c));
	mutex_lock(&shim_lock);
	rlm_guest_config(&guest, &gc);
	mutex_unlock(&shim_lock);
	c.ipa_bits = gc.ipa_bits;
	c.hash_algo = gc.hash_algo;
	c.hash_size = (__u32)rlm_hash_size(gc.hash_algo);
	memcpy(c.rpv, gc.rpv, sizeof(c.rpv));
	return copy_to_user(arg, &c, sizeof(c)) ? -EFAULT : 0;
}

static long shim_meas_read(void __user *arg)
{
	struct rlm_shim_measurement m;
	size_t hs = 0;
	int err;

	if (copy_from_user(&m, arg, sizeof(m)))
		return -EFAULT;
	if (m.index >= RLM_GUEST_NUM_MEASUREMENTS)
		return -EINVAL;
	mutex_lock(&shim_lock);
	err = rlm_guest_measurement_read(&guest, m.index, m.value, &hs);
	mutex_unlock(&shim_lock);
	if (err)
		return rlm_to_errno(err);
	m.hash_size = (__u32)hs;
	return copy_to_user(arg, &m, sizeof(m)) ? -EFAULT : 0;
}

static long shim_meas_extend(void __user *arg)
{
	struct rlm_shim_extend e;
	void *event = NULL;
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&e, arg, sizeof(e)))
		return -EFAULT;
	if (e.index < 1 || e.index >= RLM_GUEST_NUM_MEASUREMENTS ||
	    e.event_len > RLM_SHIM_EVENT_MAX ||
	    (e.flags & ~RLM_SHIM_EXTEND_DIGEST) ||
	    (!e.event && e.event_len))
		return -EINVAL;
	if (e.event_len) {
		event = memdup_user(u64_to_user_ptr(e.event), e.event_len);
		if (IS_ERR(event))
			return PTR_ERR(event);
	}
	mutex_lock(&shim_lock);
	if (e.flags & RLM_SHIM_EXTEND_DIGEST)
		err = rlm_guest_extend_digest(&guest, &evlog, e.index,
					      e.event_type, e.digest, event,
					      e.event_len);
	else
		err = rlm_guest_extend_event(&guest, &evlog, e.index,
					     e.event_type, event, e.event_len,
					     e.digest);
	mutex_unlock(&shim_lock);
	kfree(event);
	if (err)
		return rlm_to_errno(err);
	return copy_to_user(arg, &e, sizeof(e)) ? -EFAULT : 0;
}

static long shim_token(void __user *arg)
{
	struct rlm_shim_token t;
	uint8_t *tok;
	size_t len = 0;
	int err;

	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	if (t.challenge_len < RLM_GUEST_CHALLENGE_MIN ||
	    t.challenge_len > RLM_GUEST_CHALLENGE_MAX || t.reserved || !t.buf)
		return -EINVAL;
	tok = kvzalloc(RLM_SHIM_TOKEN_MAX, GFP_KERNEL);
	if (!tok)
		return -ENOMEM;
	mutex_lock(&shim_lock);
	err = rlm_guest_token(&guest, t.challenge, t.challenge_len, tok,
			      RLM_SHIM_TOKEN_MAX, &len);
	mutex_unlock(&shim_lock);
	if (err) {
		kvfree(tok);
		return rlm_to_errno(err);
	}
	if (len > t.len) {
		t.len = len;
		kvfree(tok);
		return copy_to_user(arg, &t, sizeof(t)) ? -EFAULT : -ENOSPC;
	}
	if (copy_to_user(u64_to_user_ptr(t.buf), tok, len)) {
		kvfree(tok);
		return -EFAULT;
	}
	kvfree(tok);
	t.len = len;
	return copy_to_user(arg, &t, sizeof(t)) ? -EFAULT : 0;
}

static long shim_ipa_state_get(void __user *arg)
{
	struct rlm_shim_ipa_state s;
	uint64_t top;
	uint8_t ripas;
	int err;

	if (copy_from_user(&s, arg, sizeof(s)))
		return -EFAULT;
	if (s.reserved)
		return -EINVAL;
	mutex_lock(&shim_lock);
	err = rlm_guest_ipa_state_get(&guest, s.base, s.end, &top, &ripas);
	mutex_unlock(&shim_lock);
	if (err)
		return rlm_to_errno(err);
	s.top = top;
	s.ripas = ripas;
	return copy_to_user(arg, &s, sizeof(s)) ? -EFAULT : 0;
}

static long shim_log_read(void __user *arg)
{
	struct rlm_shim_log l;
	uint8_t *copy;
	size_t len;
	long ret = 0;

	if (copy_from_user(&l, arg, sizeof(l)))
		return -EFAULT;
	if (!l.buf && l.len)
		return -EINVAL;
	copy = kvmalloc(RLM_SHIM_LOG_MAX, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	/* Snapshot under the lock; copy to user outside it (may fault). */
	mutex_lock(&shim_lock);
	len = evlog.tcg.len;
	memcpy(copy, evlog.tcg.buf, len);
	l.count = evlog.count;
	mutex_unlock(&shim_lock);
	if (len > l.len)
		ret = -ENOSPC;
	else if (copy_to_user(u64_to_user_ptr(l.buf), copy, len))
		ret = -EFAULT;
	kvfree(copy);
	l.len = len;
	if (ret == -EFAULT)
		return ret;
	return copy_to_user(arg, &l, sizeof(l)) ? -EFAULT : ret;
}

static long shim_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case RLM_SHIM_IOC_VERSION: return shim_version(uarg);
	case RLM_SHIM_IOC_CONFIG: return shim_config(uarg);
	case RLM_SHIM_IOC_MEAS_READ: return shim_meas_read(uarg);
	case RLM_SHIM_IOC_MEAS_EXTEND: return shim_meas_extend(uarg);
	case RLM_SHIM_IOC_TOKEN: return shim_token(uarg);
	case RLM_SHIM_IOC_IPA_STATE_GET: return shim_ipa_state_get(uarg);
	case RLM_SHIM_IOC_LOG_READ: return shim_log_read(uarg);
	default: return -ENOTTY;
	}
}

static const struct file_operations shim_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = shim_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

/* ---- sysfs: measurements/{rim,rem0..rem3}:<hash> and log ---------------- */

static char meas_names[RLM_GUEST_NUM_MEASUREMENTS][16];
static struct device_attribute meas_attrs[RLM_GUEST_NUM_MEASUREMENTS];

static int attr_index(const struct device_attribute *a)
{
	return (int)(a - meas_attrs);
}

static ssize_t meas_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	uint8_t v[64];
	size_t hs = 0;
	int err;

	mutex_lock(&shim_lock);
	err = rlm_guest_measurement_read(&guest, attr_index(attr), v, &hs);
	mutex_unlock(&shim_lock);
	if (err)
		return rlm_to_errno(err);
	return sysfs_emit(buf, "%*phN\n", (int)hs, v);
}

/* Linux's rule: a write is exactly one raw digest, and extends. */
static ssize_t meas_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t len)
{
	int err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len != rlm_hash_size(guest.cfg.hash_algo))
		return -EINVAL;
	mutex_lock(&shim_lock);
	err = rlm_guest_extend_digest(&guest, &evlog, attr_index(attr),
				      RLM_TCG_EV_EVENT_TAG,
				      (const uint8_t *)buf, NULL, 0);
	mutex_unlock(&shim_lock);
	return err ? rlm_to_errno(err) : (ssize_t)len;
}

static ssize_t log_read(struct file *f, struct kobject *kobj,
			struct bin_attribute *attr, char *buf, loff_t off,
			size_t count)
{
	ssize_t n = 0;

	mutex_lock(&shim_lock);
	if (off >= 0 && (size_t)off < evlog.tcg.len) {
		n = (ssize_t)min(count, evlog.tcg.len - (size_t)off);
		memcpy(buf, evlog.tcg.buf + off, n);
	}
	mutex_unlock(&shim_lock);
	return n;
}

static struct bin_attribute log_attr = {
	.attr = { .name = "log", .mode = 0444 },
	.size = RLM_SHIM_LOG_MAX,
	.read = log_read,
};

/* platform_key: the platform attestation key's public point (hex,
 * uncompressed), known only with the in-kernel mock backend. */
static ssize_t platform_key_show(struct device *dev, struct device_attribute *attr,
				 char *buf)
{
	char *end;

	if (!backend.platform_key_len)
		return -ENODEV;
	/* bin2hex: %*phN stops at 64 bytes, a P-384 point has 97 */
	end = bin2hex(buf, backend.platform_key, backend.platform_key_len);
	*end++ = '\n';
	return end - buf;
}
static DEVICE_ATTR_RO(platform_key);

static struct attribute *top_attrs[] = { &dev_attr_platform_key.attr, NULL };
static const struct attribute_group top_group = { .attrs = top_attrs };

static struct attribute *meas_attr_ptrs[RLM_GUEST_NUM_MEASUREMENTS + 1];
static struct bin_attribute *meas_bin_attrs[] = { &log_attr, NULL };
static const struct attribute_group meas_group = {
	.name = "measurements",
	.attrs = meas_attr_ptrs,
	.bin_attrs = meas_bin_attrs,
};
static const struct attribute_group *shim_groups[] = { &meas_group, &top_group, NULL };

static void setup_attrs(void)
{
	const char *hash = rlm_hash_name(guest.cfg.hash_algo);
	int i;

	for (i = 0; i < RLM_GUEST_NUM_MEASUREMENTS; i++) {
		if (i == 0)
			snprintf(meas_names[i], sizeof(meas_names[i]), "rim:%s", hash);
		else
			snprintf(meas_names[i], sizeof(meas_names[i]), "rem%d:%s",
				 i - 1, hash);
		sysfs_attr_init(&meas_attrs[i].attr);
		meas_attrs[i].attr.name = meas_names[i];
		meas_attrs[i].attr.mode = i ? 0644 : 0444;
		meas_attrs[i].show = meas_show;
		meas_attrs[i].store = i ? meas_store : NULL;
		meas_attr_ptrs[i] = &meas_attrs[i].attr;
	}
	meas_attr_ptrs[i] = NULL;
}

static struct miscdevice shim_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "realm-shim",
	.fops = &shim_fops,
	.groups = shim_groups,
	.mode = 0666,
};

/* ---- load / unload ------------------------------------------------------- */

static int start_backend(void)
{
#if SHIM_HAVE_MOCK
#ifdef CONFIG_ARM64
	if (!mock)
		return shim_smc_start(&backend);
#endif
	return shim_mock_start(&backend);
#elif defined(CONFIG_ARM64)
	return shim_smc_start(&backend);
#else
	pr_err("realm-shim: no RMM on this architecture and no mock backend built in (kmod_mock)\n");
	return -ENODEV;
#endif
}

static void stop_backend(void)
{
#ifdef CONFIG_ARM64
	if (backend.kind == RLM_SHIM_BACKEND_SMC) {
		shim_smc_stop(&backend);
		return;
	}
#endif
#if SHIM_HAVE_MOCK
	shim_mock_stop(&backend);
#endif
}

static int __init shim_init(void)
{
	int err;

#if SHIM_HAVE_KERNEL_HASH
	/* Hash with the kernel crypto API when it has SHA-256 and SHA-512
	 * (sha512 may be a module not loaded yet); the library's SHA-2
	 * otherwise. */
	if (rlm_hash_kernel_setup() || rlm_hash_set_provider(&rlm_hash_kernel)) {
		rlm_hash_kernel_teardown();
		pr_info("realm-shim: kernel crypto API lacks SHA-256/512, using the library's SHA-2\n");
	}
	pr_info("realm-shim: hashing with %s\n", rlm_hash_get_provider()->name);
#endif
	err = start_backend();
	if (err)
		goto fail_hash;
	err = rlm_guest_init(&guest, &backend.conduit, backend.buf_ipa, backend.buf);
	if (err) {
		if (backend.kind == RLM_SHIM_BACKEND_SMC)
			pr_err("realm-shim: not a realm (RSI handshake: %s)\n", rlm_strerror(err));
		else
			pr_err("realm-shim: RSI handshake failed: %s\n", rlm_strerror(err));
		err = -ENODEV;
		goto fail_backend;
	}
	evlog_buf = vzalloc(RLM_SHIM_LOG_MAX);
	if (!evlog_buf) {
		err = -ENOMEM;
		goto fail_backend;
	}
	rlm_guest_log_init(&evlog, evlog_buf, RLM_SHIM_LOG_MAX, guest.cfg.hash_algo);
	setup_attrs();
	err = misc_register(&shim_misc);
	if (err) {
		vfree(evlog_buf);
		goto fail_backend;
	}
	pr_info("realm-shim: RSI %llu.%llu, IPA width %u, %s, %s backend\n",
		(unsigned long long)RLM_RSI_ABI_VERSION_GET_MAJOR(guest.rsi_version),
		(unsigned long long)RLM_RSI_ABI_VERSION_GET_MINOR(guest.rsi_version),
		guest.cfg.ipa_bits, rlm_hash_name(guest.cfg.hash_algo),
		backend.kind == RLM_SHIM_BACKEND_SMC ? "smc" : "mock RMM");
	return 0;

fail_backend:
	stop_backend();
fail_hash:
#if SHIM_HAVE_KERNEL_HASH
	rlm_hash_set_provider(NULL);
	rlm_hash_kernel_teardown();
#endif
	return err;
}

static void __exit shim_exit(void)
{
	misc_deregister(&shim_misc);
	vfree(evlog_buf);
	stop_backend();
#if SHIM_HAVE_KERNEL_HASH
	rlm_hash_set_provider(NULL);
	rlm_hash_kernel_teardown();
#endif
	memzero_explicit(&guest, sizeof(guest));
	pr_info("realm-shim: unloaded\n");
}

module_init(shim_init);
module_exit(shim_exit);
MODULE_DESCRIPTION("librealm guest shim: RSI measurements, attestation and RIPAS for userspace");
MODULE_LICENSE("Dual BSD/GPL");
