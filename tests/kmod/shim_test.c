/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runs inside the QEMU guest (static, PID 1's child) after the realm-shim
 * module is loaded: exercises every ioctl, good and bad input, the sysfs
 * measurements directory, the guest API through the shim conduit, an
 * unprivileged caller and concurrent callers.  Prints one
 * "SHIM-TEST: PASS" line, or "SHIM-TEST: FAIL ..." lines.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <realm/realm.h>
#include <realm/conduit-shim.h>
#include <realm/guest.h>
#include <realm/shim-uapi.h>

#include "shim_realm.h"

static int failures;

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			failures++;                                          \
			printf("SHIM-TEST: FAIL %s:%d: %s: ", __FILE__,      \
			       __LINE__, #cond);                             \
			printf(__VA_ARGS__);                                 \
			printf("\n");                                        \
		}                                                            \
	} while (0)

/* ioctl's result as 0 or -errno. */
static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static int fd;
static struct rlm_shim_config cfg;

static void hex(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = 0;
}

static void read_meas(unsigned int index, uint8_t out[64])
{
	struct rlm_shim_measurement m = { .index = index };

	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_READ, &m) == 0, "read %u", index);
	CHECK(m.hash_size == cfg.hash_size, "hash size %u", m.hash_size);
	memcpy(out, m.value, 64);
}

static ssize_t read_file(const char *path, void *buf, size_t cap)
{
	int f = open(path, O_RDONLY);
	ssize_t n, total = 0;

	if (f < 0)
		return -errno;
	while ((n = read(f, (char *)buf + total, cap - (size_t)total)) > 0)
		total += n;
	close(f);
	return n < 0 ? -errno : total;
}

static void test_version_config(void)
{
	struct rlm_shim_version v;

	CHECK(xioctl(fd, RLM_SHIM_IOC_VERSION, &v) == 0, "version");
	CHECK(v.lower == RLM_RSI_ABI_VERSION && v.higher >= RLM_RSI_ABI_VERSION,
	      "rsi %llx %llx", (unsigned long long)v.lower, (unsigned long long)v.higher);
	CHECK(v.features0 == 0, "features %llx", (unsigned long long)v.features0);
	CHECK(v.backend == RLM_SHIM_BACKEND_MOCK, "backend %u", v.backend);
	CHECK(xioctl(fd, RLM_SHIM_IOC_CONFIG, &cfg) == 0, "config");
	CHECK(cfg.ipa_bits == 33 && cfg.hash_algo == 0 && cfg.hash_size == 32,
	      "config %llu %u %u", (unsigned long long)cfg.ipa_bits, cfg.hash_algo,
	      cfg.hash_size);
	/* NULL or bad argument pointers: -EFAULT, never an oops. */
	CHECK(xioctl(fd, RLM_SHIM_IOC_VERSION, NULL) == -EFAULT, "version NULL");
	CHECK(xioctl(fd, RLM_SHIM_IOC_CONFIG, (void *)8) == -EFAULT, "config bad ptr");
	CHECK(xioctl(fd, _IOR(RLM_SHIM_IOC_MAGIC, 0x7f, int), &v) == -ENOTTY, "unknown");
	CHECK(xioctl(fd, _IOWR(RLM_SHIM_IOC_MAGIC, 0x02, int), &v) == -ENOTTY,
	      "wrong size");
}

static void test_read_and_sysfs(void)
{
	struct rlm_shim_measurement m;
	char path[256], want[130], got[200];
	uint8_t v[64];
	unsigned int i;
	ssize_t n;

	for (i = 0; i < 5; i++) {
		read_meas(i, v);
		hex(v, cfg.hash_size, want);
		if (i)
			snprintf(path, sizeof(path), "%s/rem%u:sha256", RLM_SHIM_SYSFS, i - 1);
		else
			snprintf(path, sizeof(path), "%s/rim:sha256", RLM_SHIM_SYSFS);
		n = read_file(path, got, sizeof(got) - 1);
		CHECK(n == (ssize_t)cfg.hash_size * 2 + 1, "%s: %zd", path, n);
		if (n > 0) {
			got[n] = 0;
			CHECK(!strncmp(got, want, cfg.hash_size * 2), "%s: %s", path, got);
		}
		CHECK(i == 0 || !memcmp(v, (uint8_t[64]){ 0 }, 64), "REM%u not zero", i - 1);
	}
	read_meas(0, v);
	CHECK(memcmp(v, (uint8_t[64]){ 0 }, 32) != 0, "RIM is zero");
	{
		/* The in-kernel realm was booted from shim_realm.h's plan: its RIM
		 * is what the launch planner predicts without running anything. */
		struct shim_realm_plan plan;
		struct rlm_rim rim;

		shim_realm_plan(&plan);
		CHECK(rlm_launch_predict(&plan.d, &rim, NULL) == 0, "predict");
		CHECK(!memcmp(v, rim.value, 64), "RIM differs from the planner's prediction");
	}
	memset(&m, 0, sizeof(m));
	m.index = 5;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_READ, &m) == -EINVAL, "index 5");
	m.index = 0xffffffffu;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_READ, &m) == -EINVAL, "index -1");
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_READ, NULL) == -EFAULT, "read NULL");
}

static void test_extend_and_log(void)
{
	static uint8_t logbuf[RLM_SHIM_LOG_MAX], logfile[RLM_SHIM_LOG_MAX];
	static uint8_t big[RLM_SHIM_EVENT_MAX + 1];
	struct rlm_shim_extend e;
	struct rlm_shim_log l;
	uint8_t rems[4][64], v[64], d[64];
	char path[256];
	unsigned int i;
	int f;
	ssize_t n;
	size_t count;

	for (i = 0; i < 12; i++) {
		char ev[64];

		snprintf(ev, sizeof(ev), "event %u: loaded something", i);
		memset(&e, 0, sizeof(e));
		e.index = 1 + i % 4;
		e.event_type = RLM_TCG_EV_IPL;
		e.event = (uintptr_t)ev;
		e.event_len = (uint32_t)strlen(ev);
		CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == 0, "extend %u", i);
		rlm_hash_digest(RLM_HASH_SHA256, ev, strlen(ev), d);
		CHECK(!memcmp(e.digest, d, 32), "digest %u", i);
	}
	/* An empty event and a digest given by the caller. */
	memset(&e, 0, sizeof(e));
	e.index = 2;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == 0, "empty event");
	memset(&e, 0, sizeof(e));
	e.index = 3;
	e.flags = RLM_SHIM_EXTEND_DIGEST;
	memset(e.digest, 0xab, 32);
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == 0, "digest extend");
	/* The REM files take exactly one digest. */
	snprintf(path, sizeof(path), "%s/rem3:sha256", RLM_SHIM_SYSFS);
	f = open(path, O_WRONLY);
	CHECK(f >= 0, "open %s: %d", path, errno);
	if (f >= 0) {
		memset(d, 0x5c, sizeof(d));
		CHECK(write(f, d, 32) == 32, "write digest: %d", errno);
		CHECK(write(f, d, 31) < 0 && errno == EINVAL, "short digest");
		CHECK(write(f, d, 33) < 0 && errno == EINVAL, "long digest");
		close(f);
	}
	f = open(RLM_SHIM_SYSFS "/rim:sha256", O_WRONLY);
	CHECK(f < 0, "RIM file is writable");

	/* Bad extends: -EINVAL / -EFAULT, nothing extended or logged. */
	memset(&l, 0, sizeof(l));
	CHECK(xioctl(fd, RLM_SHIM_IOC_LOG_READ, &l) == -ENOSPC, "log size query");
	count = (size_t)l.count;
	memset(&e, 0, sizeof(e));
	e.index = 0;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == -EINVAL, "extend RIM");
	e.index = 5;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == -EINVAL, "extend 5");
	e.index = 1;
	e.flags = 2;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == -EINVAL, "unknown flag");
	e.flags = 0;
	e.event = (uintptr_t)big;
	e.event_len = sizeof(big);
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == -EINVAL, "event too big");
	e.event = 0;
	e.event_len = 16;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == -EINVAL, "NULL event");
	e.event = 0x10;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == -EFAULT, "bad event ptr");
	e.event = (uintptr_t)-4096;
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, &e) == -EFAULT, "kernel ptr");
	CHECK(xioctl(fd, RLM_SHIM_IOC_MEAS_EXTEND, NULL) == -EFAULT, "extend NULL");
	memset(&l, 0, sizeof(l));
	CHECK(xioctl(fd, RLM_SHIM_IOC_LOG_READ, &l) == -ENOSPC, "log size query");
	CHECK(l.count == count, "bad extends were logged: %llu", (unsigned long long)l.count);
	CHECK(l.count == 12 + 2 + 1, "count %llu", (unsigned long long)l.count);

	/* The log: whole, via the ioctl and the sysfs file; replays to the REMs. */
	l.buf = (uintptr_t)logbuf;
	l.len = 10;
	CHECK(xioctl(fd, RLM_SHIM_IOC_LOG_READ, &l) == -ENOSPC, "short log buffer");
	l.len = sizeof(logbuf);
	CHECK(xioctl(fd, RLM_SHIM_IOC_LOG_READ, &l) == 0, "log read");
	l.buf = 0x20;
	l.len = sizeof(logbuf);
	CHECK(xioctl(fd, RLM_SHIM_IOC_LOG_READ, &l) == -EFAULT, "log bad ptr");
	l.buf = (uintptr_t)logbuf;
	CHECK(xioctl(fd, RLM_SHIM_IOC_LOG_READ, &l) == 0, "log read");
	n = read_file(RLM_SHIM_SYSFS "/log", logfile, sizeof(logfile));
	CHECK(n == (ssize_t)l.len && !memcmp(logfile, logbuf, (size_t)l.len),
	      "sysfs log %zd vs %llu", n, (unsigned long long)l.len);
	{
		enum rlm_hash_algo algo;

		CHECK(rlm_guest_log_replay(logbuf, (size_t)l.len, &algo, rems, &count) == 0,
		      "replay");
		CHECK(algo == RLM_HASH_SHA256 && count == l.count, "replay count %zu", count);
	}
	for (i = 0; i < 4; i++) {
		read_meas(1 + i, v);
		CHECK(!memcmp(v, rems[i], 64), "REM%u differs from the log's replay", i);
	}
}

static void test_token_ipa(void)
{
	static uint8_t tok[8192];
	struct rlm_shim_token t;
	struct rlm_shim_ipa_state s;

	memset(&t, 0, sizeof(t));
	memset(t.challenge, 0x11, 64);
	t.buf = (uintptr_t)tok;
	t.len = sizeof(tok);
	t.challenge_len = 31;
	CHECK(xioctl(fd, RLM_SHIM_IOC_TOKEN, &t) == -EINVAL, "challenge 31");
	t.challenge_len = 65;
	CHECK(xioctl(fd, RLM_SHIM_IOC_TOKEN, &t) == -EINVAL, "challenge 65");
	t.challenge_len = 64;
	t.reserved = 1;
	CHECK(xioctl(fd, RLM_SHIM_IOC_TOKEN, &t) == -EINVAL, "reserved");
	t.reserved = 0;
	t.buf = 0;
	CHECK(xioctl(fd, RLM_SHIM_IOC_TOKEN, &t) == -EINVAL, "NULL buffer");
	CHECK(xioctl(fd, RLM_SHIM_IOC_TOKEN, NULL) == -EFAULT, "token NULL");
	/* The in-kernel realm has no token builder: the RMM's ERROR_STATE. */
	t.buf = (uintptr_t)tok;
	CHECK(xioctl(fd, RLM_SHIM_IOC_TOKEN, &t) == -EIO, "token in the model");

	memset(&s, 0, sizeof(s));
	/* Walk [0, 2 * RAM top): RAM below the top, EMPTY above; the RMM may
	 * answer one RTT entry at a time. */
	{
		uint64_t base = 0, end = 2 * SHIM_REALM_RAM_TOP;
		int calls = 0, bad = 0;

		while (base < end && calls < 4096) {
			memset(&s, 0, sizeof(s));
			s.base = base;
			s.end = end;
			if (xioctl(fd, RLM_SHIM_IOC_IPA_STATE_GET, &s) || s.top <= base ||
			    s.top > end) {
				bad++;
				break;
			}
			if (s.ripas != (base < SHIM_REALM_RAM_TOP ? RLM_RSI_RIPAS_RAM
								  : RLM_RSI_RIPAS_EMPTY) ||
			    (base < SHIM_REALM_RAM_TOP && s.top > SHIM_REALM_RAM_TOP))
				bad++;
			base = s.top;
			calls++;
		}
		CHECK(!bad && base == end, "RIPAS walk: %d bad answers, stopped at %llx",
		      bad, (unsigned long long)base);
	}
	memset(&s, 0, sizeof(s));
	s.end = 0x3000;
	s.base = 0x1001;
	CHECK(xioctl(fd, RLM_SHIM_IOC_IPA_STATE_GET, &s) == -EINVAL, "unaligned");
	s.base = 0x2000;
	s.end = 0x2000;
	CHECK(xioctl(fd, RLM_SHIM_IOC_IPA_STATE_GET, &s) == -EINVAL, "empty range");
	s.end = (1ULL << 32) + 0x1000; /* shared half of a 33-bit space */
	CHECK(xioctl(fd, RLM_SHIM_IOC_IPA_STATE_GET, &s) == -EINVAL, "shared half");
	s.end = 0x3000;
	s.reserved = 7;
	CHECK(xioctl(fd, RLM_SHIM_IOC_IPA_STATE_GET, &s) == -EINVAL, "reserved");
	CHECK(xioctl(fd, RLM_SHIM_IOC_IPA_STATE_GET, (void *)1) == -EFAULT, "bad ptr");
}

/* The same guest API a kernel would use, through the shim conduit. */
static void test_guest_api(void)
{
	struct rlm_shim_conduit s;
	struct rlm_conduit c;
	struct rlm_guest g;
	struct rlm_guest_config gc;
	uint8_t v[64], w[64], d[64], tok[256];
	size_t hs, len;
	bool ok;

	CHECK(rlm_shim_conduit_open(&s, NULL, &c) == 0, "conduit open");
	CHECK(rlm_guest_init(&g, &c, RLM_SHIM_CONDUIT_IPA, s.granule) == 0, "guest init");
	CHECK(rlm_guest_config(&g, &gc) == 0 && gc.ipa_bits == SHIM_REALM_IPA_BITS &&
	      gc.hash_algo == RLM_HASH_SHA256 &&
	      !memcmp(gc.rpv, shim_realm_rpv, 64), "config");
	CHECK(rlm_guest_shared_alias(&g, 0x1000) == 0x100001000ULL, "alias");
	CHECK(rlm_guest_measurement_read(&g, 0, v, &hs) == 0 && hs == 32, "RIM");
	read_meas(0, w);
	CHECK(!memcmp(v, w, 64), "RIM via the guest API");
	memset(d, 0x42, sizeof(d));
	read_meas(4, w);
	CHECK(rlm_guest_measurement_extend(&g, 4, d, 32) == 0, "raw extend");
	rlm_rem_extend(RLM_HASH_SHA256, w, d, 32);
	read_meas(4, v);
	CHECK(!memcmp(v, w, 64), "raw extend result");
	CHECK(rlm_guest_measurement_extend(&g, 4, d, 20) == RLM_ERSI, "short raw extend");
	CHECK(rlm_guest_range_may_map_encrypted(&g, 0, SHIM_REALM_RAM_TOP, &ok) == 0 && ok,
	      "RAM may map encrypted");
	CHECK(rlm_guest_range_may_map_encrypted(&g, SHIM_REALM_RAM_TOP - 0x1000,
						SHIM_REALM_RAM_TOP + 0x1000, &ok) == 0 &&
	      !ok, "EMPTY may not");
	CHECK(rlm_guest_token(&g, d, 32, tok, sizeof(tok), &len) == RLM_ERSI, "token");
	CHECK(rlm_guest_set_ripas(&g, 0, 0x1000, RLM_RSI_RIPAS_RAM, 0, NULL) ==
	      RLM_ECONDUIT, "set ripas not offered");
	CHECK(rlm_shim_extend_event(&s, 1, RLM_TCG_EV_IPL, "agent", 5, d) == 0, "event");
	CHECK(rlm_shim_log_read(&s, NULL, 0, &len, &hs) == RLM_ENOSPC && len > 0,
	      "log size");
	rlm_shim_conduit_close(&s);
}

static void test_unprivileged(void)
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) {
		struct rlm_shim_extend e;
		struct rlm_shim_measurement m = { .index = 1 };
		int f, bad = 0;

		if (setgid(65534) || setuid(65534))
			_exit(10);
		f = open(RLM_SHIM_DEVICE, O_RDWR);
		if (f < 0)
			_exit(11);
		memset(&e, 0, sizeof(e));
		e.index = 1;
		if (xioctl(f, RLM_SHIM_IOC_MEAS_EXTEND, &e) != -EPERM)
			bad |= 1;
		e.flags = RLM_SHIM_EXTEND_DIGEST;
		if (xioctl(f, RLM_SHIM_IOC_MEAS_EXTEND, &e) != -EPERM)
			bad |= 2;
		if (xioctl(f, RLM_SHIM_IOC_MEAS_READ, &m) != 0) /* reading is fine */
			bad |= 4;
		if (open(RLM_SHIM_SYSFS "/rem0:sha256", O_WRONLY) >= 0 || errno != EACCES)
			bad |= 8;
		_exit(bad);
	}
	CHECK(pid > 0, "fork");
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "unprivileged child: status %d", status);
}

#define THREADS 4
#define ROUNDS 64

static void *hammer(void *arg)
{
	int t = (int)(intptr_t)arg, i, f = open(RLM_SHIM_DEVICE, O_RDWR);
	long bad = 0;

	for (i = 0; i < ROUNDS; i++) {
		struct rlm_shim_extend e;
		struct rlm_shim_measurement m = { .index = (uint32_t)(i % 5) };
		char ev[32];

		snprintf(ev, sizeof(ev), "thread %d round %d", t, i);
		memset(&e, 0, sizeof(e));
		e.index = 1 + (uint32_t)((t + i) % 4);
		e.event = (uintptr_t)ev;
		e.event_len = (uint32_t)strlen(ev);
		bad += xioctl(f, RLM_SHIM_IOC_MEAS_EXTEND, &e) != 0;
		bad += xioctl(f, RLM_SHIM_IOC_MEAS_READ, &m) != 0;
	}
	close(f);
	return (void *)bad;
}

static void test_concurrency(void)
{
	static uint8_t logbuf[RLM_SHIM_LOG_MAX];
	pthread_t th[THREADS];
	struct rlm_shim_log l;
	uint8_t rems[4][64], v[64];
	size_t before, count;
	int i;

	memset(&l, 0, sizeof(l));
	xioctl(fd, RLM_SHIM_IOC_LOG_READ, &l);
	before = (size_t)l.count;
	for (i = 0; i < THREADS; i++)
		CHECK(pthread_create(&th[i], NULL, hammer, (void *)(intptr_t)i) == 0, "thread");
	for (i = 0; i < THREADS; i++) {
		void *r;

		pthread_join(th[i], &r);
		CHECK(r == NULL, "thread %d: %ld failed calls", i, (long)(intptr_t)r);
	}
	l.buf = (uintptr_t)logbuf;
	l.len = sizeof(logbuf);
	CHECK(xioctl(fd, RLM_SHIM_IOC_LOG_READ, &l) == 0, "log");
	CHECK(l.count == before + THREADS * ROUNDS, "count %llu",
	      (unsigned long long)l.count);
	CHECK(rlm_guest_log_replay(logbuf, (size_t)l.len, NULL, rems, &count) == 0, "replay");
	for (i = 0; i < 4; i++) {
		read_meas(1 + (unsigned int)i, v);
		CHECK(!memcmp(v, rems[i], 64), "REM%d differs from the replay after threads", i);
	}
}

int main(void)
{
	fd = open(RLM_SHIM_DEVICE, O_RDWR);
	if (fd < 0) {
		printf("SHIM-TEST: FAIL cannot open %s: %s\n", RLM_SHIM_DEVICE,
		       strerror(errno));
		return 1;
	}
	test_version_config();
	test_read_and_sysfs();
	test_extend_and_log();
	test_token_ipa();
	test_guest_api();
	test_unprivileged();
	test_concurrency();
	close(fd);
	if (failures) {
		printf("SHIM-TEST: FAIL (%d checks failed)\n", failures);
		return 1;
	}
	printf("SHIM-TEST: PASS\n");
	return 0;
}
