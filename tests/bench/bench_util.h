/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared by every benchmark: the machine header printed with the figures
 * (CPU model, cores online, OpenSSL version, load), so a table can always
 * say where it was measured, and the clock.
 */
#ifndef RLM_BENCH_UTIL_H
#define RLM_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rlm_config.h"
#if RLM_HAVE_OPENSSL
#include <openssl/crypto.h>
#endif

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
 * CPU time of the calling thread: for one-threaded figures on a shared
 * machine, where the wall clock also counts the time other processes held
 * the core.  On an idle machine both clocks agree; under load the ratio of
 * CPU times is the steadier one (caches and memory are still shared).
 */
static inline double bench_cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
 * The value of the first "key : value" line of the cpuinfo file at path
 * (/proc/cpuinfo on Linux), NUL-terminated in a buffer the caller frees,
 * or NULL when there is none.  Lines are read whole, however long: an x86
 * "flags" line is 900 to 1,800 characters on current CPUs, and a fixed
 * 512-byte line buffer once cut it before "sha_ni" on an Intel Xeon
 * (family 6 model 207) VM, so the machine line said "SHA extensions no"
 * on a CPU that has them.
 */
static inline char *bench_cpuinfo_value_(const char *path, const char *key)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *v = NULL;
	size_t lcap = 0, kl = strlen(key);

	if (!f)
		return NULL;
	while (getline(&line, &lcap, f) > 0) {
		v = line + kl;
		if (strncmp(line, key, kl)) {
			v = NULL;
			continue;
		}
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v != ':') {
			v = NULL;
			continue;   /* a longer key ("model" vs "model name") */
		}
		v++;
		while (*v == ' ' || *v == '\t')
			v++;
		v[strcspn(v, "\n")] = '\0';
		memmove(line, v, strlen(v) + 1);
		break;
	}
	fclose(f);
	if (!v) {
		free(line);
		return NULL;
	}
	return line;
}

/* bench_cpuinfo_value_ copied to out (cap bytes, cut to fit), "" when none. */
static inline void bench_cpuinfo_from_(const char *path, const char *key,
				       char *out, size_t cap)
{
	char *v = bench_cpuinfo_value_(path, key);

	snprintf(out, cap, "%s", v ? v : "");
	free(v);
}

static inline void bench_cpuinfo_(const char *key, char *out, size_t cap)
{
	bench_cpuinfo_from_("/proc/cpuinfo", key, out, cap);
}

/* Whether the CPU flags (x86 "flags", Arm "Features") of the cpuinfo file
 * at path hold the word w; the whole line is searched, however long. */
static inline int bench_cpu_has_from_(const char *path, const char *w)
{
	char *flags = bench_cpuinfo_value_(path, "flags");
	size_t wl = strlen(w);
	const char *p;
	int found = 0;

	if (!flags || !flags[0]) {
		free(flags);
		flags = bench_cpuinfo_value_(path, "Features");
	}
	for (p = flags; p && !found && (p = strstr(p, w)) != NULL; p += wl)
		found = (p == flags || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\0');
	free(flags);
	return found;
}

static inline int bench_cpu_has_(const char *w)
{
	return bench_cpu_has_from_("/proc/cpuinfo", w);
}

/* 1-minute load average (Linux), or -1. */
static inline double bench_load_(void)
{
	FILE *f = fopen("/proc/loadavg", "r");
	double l = -1;

	if (f) {
		if (fscanf(f, "%lf", &l) != 1)
			l = -1;
		fclose(f);
	}
	return l;
}

/*
 * Print the machine header: one "machine:" line every benchmark starts
 * with.  The figures only mean something next to it: the ratios depend on
 * the CPU (SHA extensions, cache sizes) and on the OpenSSL build.
 */
static inline void bench_print_machine(const char *bench)
{
	char model[256], fam[32], mod[32], impl[32], part[32];
	const char *ossl = "none (not built with OpenSSL)";
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	double load = bench_load_();

	bench_cpuinfo_("model name", model, sizeof(model));
	bench_cpuinfo_("cpu family", fam, sizeof(fam));
	bench_cpuinfo_("model", mod, sizeof(mod));
	bench_cpuinfo_("CPU implementer", impl, sizeof(impl));
	bench_cpuinfo_("CPU part", part, sizeof(part));
#if RLM_HAVE_OPENSSL
	ossl = OpenSSL_version(OPENSSL_VERSION);
#endif
	printf("machine (%s): CPU %s", bench, model[0] ? model : "unknown");
	if (fam[0])
		printf(" (family %s model %s)", fam, mod);
	else if (impl[0])
		printf(" (implementer %s part %s)", impl, part);
	printf(", %ld cores online, SHA extensions %s, %s", cores,
	       bench_cpu_has_("sha_ni") || bench_cpu_has_("sha2") ? "yes" : "no",
	       ossl);
	if (load >= 0)
		printf(", load %.2f", load);
	printf("\n");
}

/* The load at the end of a run: figures taken under load are noisier. */
static inline void bench_print_load(const char *bench)
{
	double load = bench_load_();

	if (load >= 0)
		printf("load at end (%s): %.2f on %ld cores\n", bench, load,
		       sysconf(_SC_NPROCESSORS_ONLN));
}

#endif /* RLM_BENCH_UTIL_H */
