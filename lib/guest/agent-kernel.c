/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest agent's kernel-interface backend (realm/agent.h): tokens from
 * configfs-tsm reports, the measurement registers from the TSM
 * measurement-register sysfs files, and the REM log the library keeps
 * beside them, since the kernel keeps none.
 *
 * configfs-tsm (torvalds/linux Documentation/ABI/testing/configfs-tsm-report):
 * a report is a directory made under tsm/report; inblob takes up to 64
 * bytes; outblob is the report made from inblob (EFBIG when larger than
 * the kernel's maximum); provider names its format; generation counts the
 * writes to inblob and the options, so a reader that sees it move by more
 * than its own write knows another context wrote in between.
 *
 * Measurement registers (the TSM measurement-register framework, torvalds/
 * linux Documentation/driver-api/coco/measurement-registers.rst; the CCA
 * series "arm64/virt: Add Arm CCA measurement register support" exposes
 * rim and rem0..rem3 under /sys/devices/virtual/misc/arm_cca_guest/
 * measurements/ with a ":<hash>" suffix): reading gives the raw digest,
 * a write must be exactly one digest at offset 0 and extends (RSI
 * MEASUREMENT_EXTEND, DEN0137 1.0-rel0 B5.3.6), anything else is EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <realm/error.h>
#include <realm/eventlog.h>

#include "agent_int.h"

/* One writer at a time: fcntl locks between processes, this mutex between
 * the threads of one process (fcntl locks are per process). */
static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;

static int stat_dir_(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static int hash_of_name_(const char *s, enum rlm_hash_algo *algo)
{
	static const enum rlm_hash_algo all[] = {
		RLM_HASH_SHA256, RLM_HASH_SHA384, RLM_HASH_SHA512,
	};
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!strcmp(s, rlm_hash_name(all[i]))) {
			*algo = all[i];
			return 0;
		}
	return RLM_ENOTSUP;
}

/* The five register files and the algorithm their names carry. */
static int find_mrs_(struct rlm_agent *a, const char *dir)
{
	static const char *const names[5] = { "rim", "rem0", "rem1", "rem2", "rem3" };
	bool seen[5] = { false };
	struct dirent *d;
	DIR *dh;
	int err = 0;
	unsigned int i;

	dh = opendir(dir);
	if (!dh)
		return rlm_agent_fail_(a, rlm_agent_errno_(errno), "%s: %s", dir,
				       strerror(errno));
	while (!err && (d = readdir(dh)) != NULL) {
		const char *colon = strchr(d->d_name, ':');
		enum rlm_hash_algo algo;
		size_t n;

		if (!colon)
			continue;
		n = (size_t)(colon - d->d_name);
		for (i = 0; i < 5; i++)
			if (strlen(names[i]) == n && !strncmp(d->d_name, names[i], n))
				break;
		if (i == 5)
			continue;
		if (hash_of_name_(colon + 1, &algo)) {
			err = rlm_agent_fail_(a, RLM_ENOTSUP, "%s/%s: unknown hash algorithm",
					      dir, d->d_name);
		} else if (a->have_algo && algo != a->algo) {
			err = rlm_agent_fail_(a, RLM_EMALFORMED,
					      "%s/%s: the registers name two algorithms",
					      dir, d->d_name);
		} else if ((size_t)snprintf(a->mr_path[i], sizeof(a->mr_path[i]), "%s/%s",
					    dir, d->d_name) >= sizeof(a->mr_path[i])) {
			err = rlm_agent_fail_(a, RLM_E2BIG, "%s: path too long", dir);
		} else {
			a->algo = algo;
			a->have_algo = true;
			seen[i] = true;
		}
	}
	closedir(dh);
	for (i = 0; !err && i < 5; i++)
		if (!seen[i])
			err = rlm_agent_fail_(a, RLM_EMALFORMED, "%s: no %s:<hash> file",
					      dir, names[i]);
	return err;
}

int rlm_agent_kernel_open_(struct rlm_agent *a)
{
	char tsm[PATH_MAX], mrs[PATH_MAX];

	if (rlm_agent_path_(a, tsm, sizeof(tsm), RLM_AGENT_TSM_REPORT) ||
	    rlm_agent_path_(a, mrs, sizeof(mrs), RLM_AGENT_MEASUREMENTS))
		return rlm_agent_fail_(a, RLM_E2BIG, "%s: root path too long", a->root);
	a->log_convention = RLM_AGENT_LOG_MR_INDEX;
	a->have_tsm = stat_dir_(tsm);
	a->have_mrs = stat_dir_(mrs);
	if (!a->have_tsm && !a->have_mrs)
		return rlm_agent_fail_(a, RLM_ENOENT, "neither %s nor %s exists", tsm, mrs);
	return a->have_mrs ? find_mrs_(a, mrs) : 0;
}

/* ---- configfs-tsm reports ------------------------------------------------ */

static int read_text_(struct rlm_agent *a, const char *path, char *out, size_t cap)
{
	size_t n = 0;
	int e = a->fs.read(a->fs.ctx, path, (uint8_t *)out, cap - 1, &n);

	if (e)
		return rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: %s", path,
				       e == -EFBIG ? "longer than expected" : strerror(-e));
	out[n] = 0;
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = 0;
	return 0;
}

static int read_generation_(struct rlm_agent *a, const char *dir, unsigned long long *g)
{
	char path[PATH_MAX], text[32], *end;
	int err;

	if ((size_t)snprintf(path, sizeof(path), "%s/generation", dir) >= sizeof(path))
		return rlm_agent_fail_(a, RLM_E2BIG, "%s: path too long", dir);
	err = read_text_(a, path, text, sizeof(text));
	if (err)
		return err;
	errno = 0;
	*g = strtoull(text, &end, 10);
	if (!text[0] || *end || errno)
		return rlm_agent_fail_(a, RLM_EMALFORMED, "%s: \"%s\" is not a count",
				       path, text);
	return 0;
}

static int report_(struct rlm_agent *a, const char *dir, const uint8_t *challenge,
		   size_t clen, uint8_t *out, size_t cap, size_t *len)
{
	char path[PATH_MAX + 32], provider[64];
	unsigned long long g0 = 0, g1 = 0, g2 = 0;
	uint8_t *blob = NULL;
	size_t n = 0;
	int err, e;

	err = read_generation_(a, dir, &g0);
	if (err)
		return err;
	(void)snprintf(path, sizeof(path), "%s/inblob", dir);
	e = a->fs.write(a->fs.ctx, path, challenge, clen);
	if (e)
		return rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: write: %s", path,
				       strerror(-e));
	err = read_generation_(a, dir, &g1);
	if (err)
		return err;
	if (g1 != g0 + 1)
		return rlm_agent_fail_(a, RLM_EBUSY,
				       "%s/generation: %llu after our write, expected %llu: another writer shares the report",
				       dir, g1, g0 + 1);
	(void)snprintf(path, sizeof(path), "%s/provider", dir);
	err = read_text_(a, path, provider, sizeof(provider));
	if (err)
		return err;
	if (strcmp(provider, RLM_AGENT_TSM_PROVIDER))
		return rlm_agent_fail_(a, RLM_ENOTSUP, "%s: \"%s\", not %s (not an Arm CCA realm)",
				       path, provider, RLM_AGENT_TSM_PROVIDER);
	(void)snprintf(path, sizeof(path), "%s/outblob", dir);
	err = rlm_agent_slurp_(a, path, RLM_AGENT_FILE_MAX, &blob, &n);
	if (err)
		return err;
	err = read_generation_(a, dir, &g2);
	if (!err && g2 != g1)
		err = rlm_agent_fail_(a, RLM_EBUSY,
				      "%s/generation: moved from %llu to %llu while the report was made: it may not be ours",
				      dir, g1, g2);
	if (!err && !n)
		err = rlm_agent_fail_(a, RLM_EMALFORMED, "%s: empty report", path);
	if (!err) {
		*len = n;
		if (n > cap)
			err = RLM_ENOSPC;
		else
			memcpy(out, blob, n);
	}
	free(blob);
	return err;
}

int rlm_agent_kernel_token_(struct rlm_agent *a, const uint8_t *challenge,
			    size_t clen, uint8_t *out, size_t cap, size_t *len)
{
	char base[PATH_MAX], dir[PATH_MAX];
	int err, e;

	if (!a->have_tsm)
		return rlm_agent_fail_(a, RLM_ENOTSUP, "%s/%s: no configfs-tsm reports",
				       a->root, RLM_AGENT_TSM_REPORT);
	if (rlm_agent_path_(a, base, sizeof(base), RLM_AGENT_TSM_REPORT) ||
	    (size_t)snprintf(dir, sizeof(dir), "%s/librealm-%ld-%lu", base,
			     (long)getpid(), ++a->seq) >= sizeof(dir))
		return rlm_agent_fail_(a, RLM_E2BIG, "%s: path too long", base);
	/* A report instance per request: no other context shares it. */
	e = a->fs.mkdir(a->fs.ctx, dir);
	if (e)
		return rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: mkdir: %s", dir,
				       strerror(-e));
	err = report_(a, dir, challenge, clen, out, cap, len);
	e = a->fs.rmdir(a->fs.ctx, dir);
	if (e && (!err || err == RLM_ENOSPC))
		err = rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: rmdir: %s", dir,
				      strerror(-e));
	return err;
}

/* ---- measurement registers ----------------------------------------------- */

int rlm_agent_kernel_read_(struct rlm_agent *a, unsigned int index, uint8_t value[64])
{
	size_t hs = rlm_hash_size(a->algo), n = 0;
	int e;

	if (!a->have_mrs)
		return rlm_agent_fail_(a, RLM_ENOTSUP, "%s/%s: no measurement registers",
				       a->root, RLM_AGENT_MEASUREMENTS);
	e = a->fs.read(a->fs.ctx, a->mr_path[index], value, 64, &n);
	if (e && e != -EFBIG)
		return rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: %s",
				       a->mr_path[index], strerror(-e));
	if (e || n != hs) {
		memset(value, 0, 64);
		return rlm_agent_fail_(a, RLM_EMALFORMED, "%s: %s bytes, a %s digest is %zu",
				       a->mr_path[index], e ? "more than 64" : "not the",
				       rlm_hash_name(a->algo), hs);
	}
	memset(value + hs, 0, 64 - hs);
	return 0;
}

/* ---- the REM log the library keeps ----------------------------------------- */

/* mkdir -p of the log's directory (the library's own file: POSIX). */
static int make_parents_(struct rlm_agent *a)
{
	char p[PATH_MAX];
	size_t i;

	memcpy(p, a->rem_log, sizeof(p));
	for (i = 1; p[i]; i++) {
		if (p[i] != '/')
			continue;
		p[i] = 0;
		if (mkdir(p, 0700) && errno != EEXIST)
			return rlm_agent_fail_(a, rlm_agent_errno_(errno), "%s: mkdir: %s",
					       p, strerror(errno));
		p[i] = '/';
	}
	return 0;
}

static int lock_(int fd, short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, F_SETLKW, &fl))
		if (errno != EINTR)
			return -errno;
	return 0;
}

/* The whole file (room extra bytes spare) into *buf. */
static int read_fd_(struct rlm_agent *a, int fd, size_t extra, uint8_t **buf,
		    size_t *len)
{
	struct stat st;
	size_t n = 0;

	*buf = NULL;
	*len = 0;
	if (fstat(fd, &st))
		return rlm_agent_fail_(a, RLM_EIO, "%s: %s", a->rem_log, strerror(errno));
	if ((uint64_t)st.st_size > RLM_AGENT_FILE_MAX)
		return rlm_agent_fail_(a, RLM_E2BIG, "%s: larger than %u bytes",
				       a->rem_log, RLM_AGENT_FILE_MAX);
	*buf = malloc((size_t)st.st_size + extra + 1);
	if (!*buf)
		return rlm_agent_fail_(a, RLM_ENOMEM, "%s: out of memory", a->rem_log);
	while (n < (size_t)st.st_size) {
		ssize_t r = pread(fd, *buf + n, (size_t)st.st_size - n, (off_t)n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(*buf);
			*buf = NULL;
			return rlm_agent_fail_(a, RLM_EIO, "%s: read: %s", a->rem_log,
					       r ? strerror(errno) : "shorter than its size");
		}
		n += (size_t)r;
	}
	*len = n;
	return 0;
}

static int write_all_(int fd, const uint8_t *p, size_t n, size_t off)
{
	while (n) {
		ssize_t r = pwrite(fd, p, n, (off_t)off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r ? -errno : -EIO;
		p += r;
		n -= (size_t)r;
		off += (size_t)r;
	}
	return fsync(fd) ? -errno : 0;
}

static int extend_locked_(struct rlm_agent *a, int fd, unsigned int index,
			  uint32_t type, const void *event, size_t len,
			  uint8_t digest[64])
{
	uint16_t alg = rlm_tcg_alg_of(a->algo);
	size_t hs = rlm_hash_size(a->algo), old = 0, from;
	struct rlm_tcg_builder b;
	struct rlm_tcg_digest d;
	uint8_t rems[4][64], now[64];
	uint8_t *buf = NULL;
	size_t extra = 256 + 12 + 2 + 64 + 4 + len;
	int err, e;

	err = read_fd_(a, fd, extra, &buf, &old);
	if (err)
		return err;
	if (old == 0) {
		err = rlm_tcg_build_init(&b, buf, extra, &alg, 1);
		from = 0;
	} else {
		struct rlm_tcg_log l;

		err = rlm_tcg_log_open(&l, buf, old, NULL);
		if (!err && (l.nalgs != 1 || l.algs[0].id != alg))
			err = RLM_EMISMATCH;
		if (!err) {
			memset(&b, 0, sizeof(b));
			b.buf = buf;
			b.cap = old + extra;
			b.len = old;
			b.nalgs = l.nalgs;
			memcpy(b.algs, l.algs, sizeof(b.algs));
		}
		from = old;
	}
	if (err) {
		free(buf);
		return rlm_agent_fail_(a, err, "%s: not a %s REM log (%s)", a->rem_log,
				       rlm_hash_name(a->algo), rlm_strerror(err));
	}
	/* An extend the log lacks makes every later replay wrong: refuse. */
	err = rlm_agent_expected_(a, old ? buf : NULL, old, a->rem_log, rems);
	if (!err)
		err = rlm_agent_kernel_read_(a, index, now);
	if (!err && memcmp(now, rems[index - 1], hs))
		err = rlm_agent_fail_(a, RLM_EMISMATCH,
				      "REM%u (%s) differs from the replay of the firmware's log and %s: it was extended without a log record",
				      index - 1, a->mr_path[index], a->rem_log);
	if (!err)
		err = rlm_hash_digest(a->algo, event, len, digest);
	if (!err) {
		d.alg = alg;
		d.size = (uint16_t)hs;
		d.value = digest;
		/* The CC MR index, as a CC event log stores it. */
		err = rlm_tcg_build_event(&b, index, type, &d, 1, event, len);
	}
	if (err) {
		free(buf);
		return a->err[0] ? err : rlm_agent_fail_(a, err, "%s: %s", a->rem_log,
							 rlm_strerror(err));
	}
	/* Logged first, durably; withdrawn if the extend fails. */
	e = write_all_(fd, buf + from, b.len - from, from);
	free(buf);
	if (e) {
		if (ftruncate(fd, (off_t)old) == 0)
			(void)fsync(fd);
		return rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: write: %s",
				       a->rem_log, strerror(-e));
	}
	e = a->fs.write(a->fs.ctx, a->mr_path[index], digest, hs);
	if (e) {
		int t = ftruncate(fd, (off_t)old);

		if (!t)
			(void)fsync(fd);
		return rlm_agent_fail_(a, rlm_agent_errno_(-e),
				       "%s: write: %s (the log record was %s)",
				       a->mr_path[index], strerror(-e),
				       t ? "NOT withdrawn" : "withdrawn");
	}
	return 0;
}

int rlm_agent_kernel_extend_(struct rlm_agent *a, unsigned int index,
			     uint32_t type, const void *event, size_t len,
			     uint8_t digest[64])
{
	int fd, err, e;

	if (!a->have_mrs)
		return rlm_agent_fail_(a, RLM_ENOTSUP, "%s/%s: no measurement registers",
				       a->root, RLM_AGENT_MEASUREMENTS);
	err = make_parents_(a);
	if (err)
		return err;
	fd = open(a->rem_log, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return rlm_agent_fail_(a, rlm_agent_errno_(errno), "%s: %s", a->rem_log,
				       strerror(errno));
	pthread_mutex_lock(&log_mutex);
	e = lock_(fd, F_WRLCK);
	if (e)
		err = rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: lock: %s",
				      a->rem_log, strerror(-e));
	else
		err = extend_locked_(a, fd, index, type, event, len, digest);
	close(fd); /* drops the lock */
	pthread_mutex_unlock(&log_mutex);
	return err;
}

int rlm_agent_kernel_log_(struct rlm_agent *a, uint8_t *out, size_t cap, size_t *len)
{
	uint16_t alg = rlm_tcg_alg_of(a->algo);
	uint8_t *buf = NULL;
	size_t n = 0;
	int fd, err, e;

	if (!a->have_algo)
		return rlm_agent_fail_(a, RLM_ENOTSUP, "%s/%s: no measurement registers",
				       a->root, RLM_AGENT_MEASUREMENTS);
	fd = open(a->rem_log, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT)
		return rlm_agent_fail_(a, rlm_agent_errno_(errno), "%s: %s", a->rem_log,
				       strerror(errno));
	if (fd >= 0) {
		pthread_mutex_lock(&log_mutex);
		e = lock_(fd, F_RDLCK);
		if (e)
			err = rlm_agent_fail_(a, rlm_agent_errno_(-e), "%s: lock: %s",
					      a->rem_log, strerror(-e));
		else
			err = read_fd_(a, fd, 0, &buf, &n);
		close(fd);
		pthread_mutex_unlock(&log_mutex);
		if (err)
			return err;
	}
	if (!n) {
		/* Nothing extended yet: the empty log (its header). */
		struct rlm_tcg_builder b;
		uint8_t hdr[256];

		free(buf);
		err = rlm_tcg_build_init(&b, hdr, sizeof(hdr), &alg, 1);
		if (err)
			return rlm_agent_fail_(a, err, "REM log header: %s", rlm_strerror(err));
		*len = b.len;
		if (cap < b.len)
			return RLM_ENOSPC;
		memcpy(out, hdr, b.len);
		return 0;
	}
	*len = n;
	if (n > cap)
		err = RLM_ENOSPC;
	else if (n)
		memcpy(out, buf, n);
	free(buf);
	return err;
}
