/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest agent API (realm/agent.h): backend selection, the parts every
 * backend shares (errors, the firmware's CCEL, the efi_secret files, REM
 * replay) and the two backends that go through the guest API over a
 * conduit: the realm-shim module and direct RSI.  The kernel-interface
 * backend is agent-kernel.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <realm/error.h>
#include <realm/eventlog.h>

#include "agent_int.h"

#if defined(__linux__)
#include <realm/shim-uapi.h>
#else
#define RLM_SHIM_DEVICE "/dev/realm-shim"
#define RLM_SHIM_EVENT_MAX 4096
#endif

/* ---- errors and paths ---------------------------------------------------- */

int rlm_agent_fail_(struct rlm_agent *a, int err, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(a->err, sizeof(a->err), "%s: ",
		     rlm_agent_backend_name(a->backend));
	if (n < 0 || (size_t)n >= sizeof(a->err))
		return err;
	va_start(ap, fmt);
	(void)vsnprintf(a->err + n, sizeof(a->err) - (size_t)n, fmt, ap);
	va_end(ap);
	return err;
}

int rlm_agent_errno_(int e)
{
	switch (e) {
	case ENOENT: return RLM_ENOENT;
	case EINVAL: return RLM_EINVAL;
	case EPERM: case EACCES: return RLM_EPERM;
	case EFBIG: return RLM_E2BIG;
	case ENOSPC: return RLM_ENOSPC;
	case EBUSY: case EAGAIN: return RLM_EBUSY;
	case EEXIST: return RLM_EEXIST;
	case ENOMEM: return RLM_ENOMEM;
	case ENOTSUP: case ENODEV: case ENXIO: return RLM_ENOTSUP;
	default: return RLM_EIO;
	}
}

int rlm_agent_path_(const struct rlm_agent *a, char *out, size_t cap, const char *rel)
{
	int n = snprintf(out, cap, "%s/%s", a->root, rel);

	return n < 0 || (size_t)n >= cap ? RLM_E2BIG : 0;
}

const char *rlm_agent_backend_name(enum rlm_agent_backend b)
{
	switch (b) {
	case RLM_AGENT_AUTO: return "auto";
	case RLM_AGENT_KERNEL: return "kernel";
	case RLM_AGENT_SHIM: return "shim";
	case RLM_AGENT_RSI: return "rsi";
	default: return "?";
	}
}

enum rlm_agent_backend rlm_agent_backend(const struct rlm_agent *a)
{
	return a ? a->backend : RLM_AGENT_AUTO;
}

const char *rlm_agent_error(const struct rlm_agent *a)
{
	return a ? a->err : "";
}

int rlm_agent_log_convention(const struct rlm_agent *a)
{
	return a ? a->log_convention : RLM_EINVAL;
}

/* ---- POSIX file access ---------------------------------------------------- */

static int posix_read(void *ctx, const char *path, uint8_t *buf, size_t cap,
		      size_t *len)
{
	size_t n = 0;
	int fd, e = 0;

	(void)ctx;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t r;
		uint8_t probe;

		if (n == cap) {
			/* one byte more says whether the file is longer */
			r = read(fd, &probe, 1);
			if (r > 0)
				e = -EFBIG;
			else if (r < 0 && errno != EINTR)
				e = -errno;
			else if (r < 0)
				continue;
			break;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = -errno;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return e;
}

static int posix_write(void *ctx, const char *path, const uint8_t *buf, size_t len)
{
	ssize_t r;
	int fd, e = 0;

	(void)ctx;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do
		r = write(fd, buf, len);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		e = -errno;
	else if ((size_t)r != len)
		e = -EIO;
	if (close(fd) && !e)
		e = -errno;
	return e;
}

static int posix_mkdir(void *ctx, const char *path)
{
	(void)ctx;
	return mkdir(path, 0700) ? -errno : 0;
}

static int posix_rmdir(void *ctx, const char *path)
{
	(void)ctx;
	return rmdir(path) ? -errno : 0;
}

static int posix_unlink(void *ctx, const char *path)
{
	(void)ctx;
	return unlink(path) ? -errno : 0;
}

const struct rlm_agent_fs rlm_agent_posix_fs = {
	.read = posix_read,
	.write = posix_write,
	.mkdir = posix_mkdir,
	.rmdir = posix_rmdir,
	.unlink = posix_unlink,
};

int rlm_agent_slurp_(struct rlm_agent *a, const char *path, size_t max,
		     uint8_t **out, size_t *len)
{
	size_t cap = 4096, n = 0;
	uint8_t *buf = NULL;
	int e;

	*out = NULL;
	*len = 0;
	for (;;) {
		uint8_t *nb = realloc(buf, cap);

		if (!nb) {
			free(buf);
			return rlm_agent_fail_(a, RLM_ENOMEM, "%s: out of memory", path);
		}
		buf = nb;
		e = a->fs.read(a->fs.ctx, path, buf, cap, &n);
		/* -EFBIG with a full buffer: the file is longer (read it
		 * again, larger); with less, the kernel's own EFBIG (a report
		 * over configfs-tsm's maximum). */
		if (e != -EFBIG || n < cap || cap >= max)
			break;
		cap = cap * 4 > max ? max : cap * 4;
	}
	if (e) {
		free(buf);
		return rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: %s", path,
				       e == -EFBIG && n == cap ? "larger than the library reads"
							       : strerror(-e));
	}
	*out = buf;
	*len = n;
	return 0;
}

/* ---- REM replay ------------------------------------------------------------ */

int rlm_agent_replay_rems_(const uint8_t *log, size_t len, int convention,
			   enum rlm_hash_algo algo, uint8_t rems[4][64],
			   size_t *events)
{
	struct rlm_tcg_log l;
	struct rlm_tcg_event ev;
	size_t pos, hs = rlm_hash_size(algo), n = 0;
	uint16_t alg = rlm_tcg_alg_of(algo);
	int err;

	if (!log || !rems || !hs || !alg)
		return RLM_EINVAL;
	err = rlm_tcg_log_open(&l, log, len, NULL);
	if (err)
		return err;
	pos = l.first_event;
	while ((err = rlm_tcg_log_next(&l, &pos, &ev, NULL)) == 0) {
		struct rlm_hash_ctx h;
		const uint8_t *dg;
		unsigned int mr;

		n++;
		/* EV_NO_ACTION: informational, never extended, whatever its
		 * signature (TCG PC Client PFP, "EV_NO_ACTION"). */
		if (ev.type == RLM_EV_NO_ACTION)
			continue;
		if (convention == RLM_AGENT_LOG_PCR)
			mr = rlm_tcg_pcr_to_mr(ev.index);
		else if (ev.index < RLM_MR_COUNT)
			mr = ev.index;
		else
			return RLM_EMALFORMED; /* no CC MR of that index */
		if (mr == RLM_MR_RIM)
			continue; /* the RIM is rebuilt from launch images */
		dg = rlm_tcg_event_digest(&ev, alg);
		if (!dg)
			return RLM_EMALFORMED;
		err = rlm_hash_init(&h, algo);
		if (!err)
			err = rlm_hash_update(&h, rems[mr - 1], hs);
		if (!err)
			err = rlm_hash_update(&h, dg, hs);
		if (!err)
			err = rlm_hash_final(&h, rems[mr - 1]);
		if (err)
			return err;
	}
	if (err != RLM_ENOENT)
		return err;
	if (events)
		*events = n;
	return 0;
}

int rlm_agent_expected_(struct rlm_agent *a, const uint8_t *log, size_t len,
			const char *log_name, uint8_t rems[4][64])
{
	char path[PATH_MAX];
	uint8_t *ccel = NULL;
	size_t clen = 0;
	int err;

	memset(rems, 0, 4 * 64);
	if (!a->have_algo)
		return rlm_agent_fail_(a, RLM_ENOTSUP, "the realm's hash algorithm is unknown");
	err = rlm_agent_path_(a, path, sizeof(path), RLM_AGENT_CCEL);
	if (!err) {
		err = rlm_agent_slurp_(a, path, RLM_AGENT_FILE_MAX, &ccel, &clen);
		if (err == RLM_ENOENT)
			err = 0; /* no firmware log: the REMs start at zero */
		else if (!err) {
			err = rlm_agent_replay_rems_(ccel, clen, RLM_AGENT_LOG_MR_INDEX,
						     a->algo, rems, NULL);
			if (err)
				rlm_agent_fail_(a, err, "%s: does not replay (%s)", path,
						rlm_strerror(err));
		}
		free(ccel);
	}
	if (err)
		return err;
	if (log && len) {
		err = rlm_agent_replay_rems_(log, len, a->log_convention, a->algo,
					     rems, NULL);
		if (err)
			return rlm_agent_fail_(a, err, "%s: does not replay (%s)",
					       log_name, rlm_strerror(err));
	}
	return 0;
}

/* ---- open and dispatch ------------------------------------------------------ */

static bool is_dir_(const struct rlm_agent *a, const char *rel)
{
	char path[PATH_MAX];
	struct stat st;

	return !rlm_agent_path_(a, path, sizeof(path), rel) && !stat(path, &st) &&
	       S_ISDIR(st.st_mode);
}

int rlm_agent_kernel_probe_(const struct rlm_agent *a)
{
	return is_dir_(a, RLM_AGENT_MEASUREMENTS) || is_dir_(a, RLM_AGENT_TSM_REPORT)
		       ? 0 : RLM_ENOENT;
}

static int guest_open_(struct rlm_agent *a)
{
	int err = rlm_guest_init(&a->guest, &a->conduit,
				 a->backend == RLM_AGENT_SHIM ? RLM_SHIM_CONDUIT_IPA
							      : a->guest.buf_ipa,
				 a->guest.buf);

	if (err)
		return rlm_agent_fail_(a, err, "%s: no realm answers RSI (%s)",
				       a->backend == RLM_AGENT_SHIM ? "RSI_VERSION/REALM_CONFIG through the module"
								    : "RSI_VERSION/REALM_CONFIG",
				       rlm_strerror(err));
	a->algo = a->guest.cfg.hash_algo;
	a->have_algo = true;
	a->log_convention = RLM_AGENT_LOG_MR_INDEX; /* as librealm writes logs */
	return 0;
}

static int shim_open_(struct rlm_agent *a, const char *path)
{
	const char *dev = path ? path : RLM_SHIM_DEVICE;
	int err = rlm_shim_conduit_open(&a->shim, dev, &a->conduit);

	if (err == RLM_ENOTSUP)
		return rlm_agent_fail_(a, err, "%s: not built for this system", dev);
	if (err)
		return rlm_agent_fail_(a, RLM_ENOENT, "%s: cannot open (%s)", dev,
				       strerror(errno));
	a->guest.buf = a->shim.granule;
	err = guest_open_(a);
	if (err)
		rlm_shim_conduit_close(&a->shim);
	return err;
}

static int rsi_open_(struct rlm_agent *a, const struct rlm_agent_opts *o)
{
	int err;

	if (!o->conduit || !o->conduit->ops || !o->buf)
		return rlm_agent_fail_(a, RLM_ENOENT, "no RSI conduit given");
	a->conduit = *o->conduit;
	a->guest.buf_ipa = o->buf_ipa;
	a->guest.buf = o->buf;
	err = guest_open_(a);
	if (err)
		return err;
	a->mem_log = malloc(RLM_AGENT_MEM_LOG);
	if (!a->mem_log)
		return rlm_agent_fail_(a, RLM_ENOMEM, "no memory for the REM log");
	err = rlm_guest_log_init(&a->glog, a->mem_log, RLM_AGENT_MEM_LOG, a->algo);
	if (err)
		return rlm_agent_fail_(a, err, "REM log: %s", rlm_strerror(err));
	return 0;
}

static int open_one_(struct rlm_agent *a, const struct rlm_agent_opts *o,
		     enum rlm_agent_backend b)
{
	a->backend = b;
	a->err[0] = 0;
	switch (b) {
	case RLM_AGENT_KERNEL:
		return rlm_agent_kernel_open_(a);
	case RLM_AGENT_SHIM:
		return shim_open_(a, o->shim_path);
	case RLM_AGENT_RSI:
		return rsi_open_(a, o);
	default:
		return RLM_EINVAL;
	}
}

void rlm_agent_close(struct rlm_agent *a)
{
	if (!a)
		return;
	if (a->backend == RLM_AGENT_SHIM)
		rlm_shim_conduit_close(&a->shim);
	free(a->mem_log);
	free(a);
}

int rlm_agent_open(const struct rlm_agent_opts *o, struct rlm_agent **out)
{
	struct rlm_agent *a;
	const char *root;
	size_t n;
	int err;

	if (!out)
		return RLM_EINVAL;
	*out = NULL;
	if (!o || o->backend > RLM_AGENT_RSI)
		return RLM_EINVAL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return RLM_ENOMEM;
	a->shim.fd = -1;
	root = o->root ? o->root : "";
	n = strlen(root);
	while (n && root[n - 1] == '/')
		n--;
	if (n >= sizeof(a->root)) {
		free(a);
		return RLM_E2BIG;
	}
	memcpy(a->root, root, n);
	a->fs = o->fs ? *o->fs : rlm_agent_posix_fs;
	if (!a->fs.read || !a->fs.write || !a->fs.mkdir || !a->fs.rmdir ||
	    !a->fs.unlink) {
		free(a);
		return RLM_EINVAL;
	}
	if (o->rem_log)
		n = (size_t)snprintf(a->rem_log, sizeof(a->rem_log), "%s", o->rem_log);
	else
		n = (size_t)snprintf(a->rem_log, sizeof(a->rem_log), "%s/%s", a->root,
				     RLM_AGENT_REM_LOG);
	if (n >= sizeof(a->rem_log)) {
		free(a);
		return RLM_E2BIG;
	}
	if (o->backend != RLM_AGENT_AUTO) {
		err = open_one_(a, o, o->backend);
	} else {
		/* The kernel's interfaces when they are there, then the shim,
		 * then RSI: the first that opens (its failure is reported if
		 * none does). */
		if (!rlm_agent_kernel_probe_(a)) {
			err = open_one_(a, o, RLM_AGENT_KERNEL);
		} else {
			err = open_one_(a, o, RLM_AGENT_SHIM);
			if (err == RLM_ENOENT && o->conduit)
				err = open_one_(a, o, RLM_AGENT_RSI);
		}
	}
	if (err) {
		if (o->errmsg && o->errmsg_len)
			(void)snprintf(o->errmsg, o->errmsg_len, "%s",
				       a->err[0] ? a->err : rlm_strerror(err));
		rlm_agent_close(a);
		return err;
	}
	*out = a;
	return 0;
}

/* ---- the operations ------------------------------------------------------------- */

int rlm_agent_hash_algo(const struct rlm_agent *a, enum rlm_hash_algo *algo)
{
	if (!a || !algo)
		return RLM_EINVAL;
	if (!a->have_algo)
		return RLM_ENOTSUP;
	*algo = a->algo;
	return 0;
}

int rlm_agent_token(struct rlm_agent *a, const uint8_t *challenge, size_t clen,
		    uint8_t *out, size_t cap, size_t *len)
{
	int err;

	if (len)
		*len = 0;
	if (!a || !challenge || !len || (!out && cap))
		return RLM_EINVAL;
	if (clen < RLM_GUEST_CHALLENGE_MIN || clen > RLM_GUEST_CHALLENGE_MAX)
		return rlm_agent_fail_(a, RLM_EINVAL,
				       "a challenge is 32..64 bytes, not %zu", clen);
	if (a->backend == RLM_AGENT_KERNEL)
		return rlm_agent_kernel_token_(a, challenge, clen, out, cap, len);
	err = rlm_guest_token(&a->guest, challenge, clen, out, cap, len);
	if (err && err != RLM_ENOSPC)
		rlm_agent_fail_(a, err, "attestation token: %s", rlm_strerror(err));
	return err;
}

int rlm_agent_measurement_read(struct rlm_agent *a, unsigned int index,
			       uint8_t value[64], size_t *hash_size)
{
	int err;

	if (!a || !value)
		return RLM_EINVAL;
	if (index >= RLM_GUEST_NUM_MEASUREMENTS)
		return rlm_agent_fail_(a, RLM_ERANGE, "no measurement %u (0..4)", index);
	memset(value, 0, 64);
	if (a->backend == RLM_AGENT_KERNEL) {
		err = rlm_agent_kernel_read_(a, index, value);
	} else {
		err = rlm_guest_measurement_read(&a->guest, index, value, NULL);
		if (err)
			rlm_agent_fail_(a, err, "MEASUREMENT_READ(%u): %s", index,
					rlm_strerror(err));
	}
	if (!err && hash_size)
		*hash_size = rlm_hash_size(a->algo);
	return err;
}

int rlm_agent_log(struct rlm_agent *a, uint8_t *buf, size_t cap, size_t *len)
{
	int err;

	if (!a || !len || (!buf && cap))
		return RLM_EINVAL;
	*len = 0;
	switch (a->backend) {
	case RLM_AGENT_KERNEL:
		return rlm_agent_kernel_log_(a, buf, cap, len);
	case RLM_AGENT_SHIM:
		err = rlm_shim_log_read(&a->shim, buf, cap, len, NULL);
		if (err && err != RLM_ENOSPC)
			rlm_agent_fail_(a, err, "%s: log read: %s", RLM_SHIM_DEVICE,
					rlm_strerror(err));
		return err;
	default:
		*len = a->glog.tcg.len;
		if (cap < a->glog.tcg.len)
			return RLM_ENOSPC;
		memcpy(buf, a->glog.tcg.buf, a->glog.tcg.len);
		return 0;
	}
}

/* The backend's log in a malloc'd buffer. */
static int log_dup_(struct rlm_agent *a, uint8_t **log, size_t *len)
{
	size_t cap = 64 * 1024;
	int err;

	*log = NULL;
	for (;;) {
		uint8_t *b = malloc(cap);

		if (!b)
			return rlm_agent_fail_(a, RLM_ENOMEM, "no memory for the REM log");
		err = rlm_agent_log(a, b, cap, len);
		if (err == RLM_ENOSPC && *len > cap && *len <= RLM_AGENT_FILE_MAX) {
			free(b);
			cap = *len;
			continue;
		}
		if (err) {
			free(b);
			return err;
		}
		*log = b;
		return 0;
	}
}

static int check_one_(struct rlm_agent *a, unsigned int rem,
		      const uint8_t expected[64])
{
	uint8_t v[64];
	int err = rlm_agent_measurement_read(a, rem + 1, v, NULL);

	if (err)
		return err;
	if (memcmp(v, expected, rlm_hash_size(a->algo)))
		return rlm_agent_fail_(a, RLM_EMISMATCH,
				       "REM%u differs from the replay of the firmware's log and %s: it was extended without a log record",
				       rem, a->backend == RLM_AGENT_KERNEL ? a->rem_log
						: a->backend == RLM_AGENT_SHIM ? "the module's log"
									       : "the in-memory log");
	return 0;
}

int rlm_agent_check_rems(struct rlm_agent *a, int *bad)
{
	uint8_t rems[4][64];
	uint8_t *log = NULL;
	size_t len = 0;
	unsigned int i;
	int err;

	if (bad)
		*bad = -1;
	if (!a)
		return RLM_EINVAL;
	err = log_dup_(a, &log, &len);
	if (!err)
		err = rlm_agent_expected_(a, log, len, "the REM log", rems);
	free(log);
	for (i = 0; !err && i < 4; i++) {
		err = check_one_(a, i, rems[i]);
		if (err == RLM_EMISMATCH && bad)
			*bad = (int)i;
	}
	return err;
}

int rlm_agent_extend(struct rlm_agent *a, unsigned int index, uint32_t event_type,
		     const void *event, size_t len, uint8_t digest_out[64])
{
	uint8_t rems[4][64], digest[64];
	uint8_t *log = NULL;
	size_t loglen = 0;
	int err;

	if (!a || (!event && len))
		return RLM_EINVAL;
	if (index < 1 || index >= RLM_GUEST_NUM_MEASUREMENTS)
		return rlm_agent_fail_(a, RLM_ERANGE, "REMs are indexes 1..4, not %u", index);
	if (len > RLM_GUEST_EVENT_MAX)
		return rlm_agent_fail_(a, RLM_E2BIG, "an event is at most %u bytes",
				       RLM_GUEST_EVENT_MAX);
	memset(digest, 0, sizeof(digest));
	if (a->backend == RLM_AGENT_KERNEL) {
		err = rlm_agent_kernel_extend_(a, index, event_type, event, len, digest);
	} else {
		/* The log must account for the REM before it grows. */
		err = log_dup_(a, &log, &loglen);
		if (!err)
			err = rlm_agent_expected_(a, log, loglen, "the REM log", rems);
		free(log);
		if (!err)
			err = check_one_(a, index - 1, rems[index - 1]);
		if (err)
			return err;
		if (a->backend == RLM_AGENT_SHIM) {
			if (a->shim.fd >= 0 && len > RLM_SHIM_EVENT_MAX)
				return rlm_agent_fail_(a, RLM_E2BIG, "%s: an event is at most %u bytes",
						       RLM_SHIM_DEVICE, RLM_SHIM_EVENT_MAX);
			err = rlm_shim_extend_event(&a->shim, index, event_type, event,
						    len, digest);
		} else {
			err = rlm_guest_extend_event(&a->guest, &a->glog, index,
						     event_type, event, len, digest);
		}
		if (err)
			rlm_agent_fail_(a, err, "extend of REM%u: %s", index - 1,
					rlm_strerror(err));
	}
	if (!err && digest_out)
		memcpy(digest_out, digest, 64);
	return err;
}

static void wipe_(void *p, size_t n)
{
	volatile uint8_t *v = p;

	while (n--)
		*v++ = 0;
}

/* ---- firmware log and secrets (the kernel's files, any backend) ------------------- */

int rlm_agent_ccel(struct rlm_agent *a, uint8_t *buf, size_t cap, size_t *len)
{
	char path[PATH_MAX];
	uint8_t *data;
	size_t n;
	int err;

	if (!a || !len || (!buf && cap))
		return RLM_EINVAL;
	*len = 0;
	err = rlm_agent_path_(a, path, sizeof(path), RLM_AGENT_CCEL);
	if (err)
		return rlm_agent_fail_(a, err, "%s/%s: path too long", a->root, RLM_AGENT_CCEL);
	err = rlm_agent_slurp_(a, path, RLM_AGENT_FILE_MAX, &data, &n);
	if (err)
		return err;
	*len = n;
	if (n > cap) {
		free(data);
		return RLM_ENOSPC;
	}
	if (n)
		memcpy(buf, data, n);
	free(data);
	return 0;
}

int rlm_agent_secrets(struct rlm_agent *a, struct rlm_guid *guids, size_t max,
		      size_t *n)
{
	char path[PATH_MAX];
	struct dirent *d;
	DIR *dir;
	size_t count = 0;

	if (!a || !n || (!guids && max))
		return RLM_EINVAL;
	*n = 0;
	if (rlm_agent_path_(a, path, sizeof(path), RLM_AGENT_SECRETS))
		return rlm_agent_fail_(a, RLM_E2BIG, "secrets: path too long");
	dir = opendir(path);
	if (!dir)
		return rlm_agent_fail_(a, rlm_agent_errno_(errno), "%s: %s", path,
				       strerror(errno));
	while ((d = readdir(dir)) != NULL) {
		struct rlm_guid g;

		/* efi_secret names each entry by its GUID; nothing else is
		 * a secret. */
		if (rlm_guid_parse(d->d_name, &g))
			continue;
		if (count < max)
			guids[count] = g;
		count++;
	}
	closedir(dir);
	*n = count;
	return count > max ? RLM_ENOSPC : 0;
}

int rlm_agent_secret_take(struct rlm_agent *a, const struct rlm_guid *g,
			  uint8_t *buf, size_t cap, size_t *len)
{
	char path[PATH_MAX], name[RLM_GUID_STR_LEN + 1], rel[PATH_MAX];
	uint8_t *data;
	size_t n;
	int err, e;

	if (!a || !g || !len || (!buf && cap))
		return RLM_EINVAL;
	*len = 0;
	rlm_guid_format(g, name);
	if ((size_t)snprintf(rel, sizeof(rel), "%s/%s", RLM_AGENT_SECRETS, name) >= sizeof(rel) ||
	    rlm_agent_path_(a, path, sizeof(path), rel))
		return rlm_agent_fail_(a, RLM_E2BIG, "secrets: path too long");
	err = rlm_agent_slurp_(a, path, RLM_AGENT_FILE_MAX, &data, &n);
	if (err)
		return err;
	*len = n;
	if (n > cap) {
		wipe_(data, n);
		free(data);
		return rlm_agent_fail_(a, RLM_ENOSPC, "%s: %zu bytes, the buffer holds %zu",
				       path, n, cap);
	}
	/* Wipe first: the data leaves the library only once the kernel has
	 * zeroed it in the secret area (efi_secret's unlink). */
	e = a->fs.unlink(a->fs.ctx, path);
	if (e) {
		wipe_(data, n);
		free(data);
		*len = 0;
		return rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: unlink (wipe): %s",
				       path, strerror(-e));
	}
	if (n)
		memcpy(buf, data, n);
	wipe_(data, n);
	free(data);
	return 0;
}
