/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The benchmarks' machine line reads /proc/cpuinfo (bench_util.h).  These
 * check the reader on cpuinfo files of the shapes Linux prints: an x86
 * file whose "flags" line is longer than a short line buffer, with the
 * SHA flag at its end (a 512-byte buffer once reported "SHA extensions
 * no" on an Intel Xeon that has them), an Arm file ("Features"), and no
 * file at all.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "bench_util.h"

static char path_[64];

static void write_cpuinfo_(const char *text)
{
	int fd;
	FILE *f;

	snprintf(path_, sizeof(path_), "/tmp/rlm-cpuinfo-XXXXXX");
	fd = mkstemp(path_);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* An x86 processor block: "model" before "model name", then a flags line
 * of about 1,000 characters ending in sha_ni, twice (two CPUs). */
static void test_x86_long_flags(void **state)
{
	char text[8192], flags[2048], out[256];
	size_t n = 0;
	int i;

	(void)state;
	for (i = 0; n < 1000; i++)
		n += (size_t)snprintf(flags + n, sizeof(flags) - n, "flag%03d ", i);
	snprintf(flags + n, sizeof(flags) - n, "avx512f sha_ni");
	n = 0;
	for (i = 0; i < 2; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "processor\t: %d\nvendor_id\t: GenuineIntel\n"
				      "cpu family\t: 6\nmodel\t\t: 207\n"
				      "model name\t: Intel(R) Xeon(R) Processor\n"
				      "flags\t\t: %s\n\n", i, flags);
	assert_true(strlen(flags) > 1000 && n < sizeof(text));
	write_cpuinfo_(text);

	assert_int_equal(bench_cpu_has_from_(path_, "sha_ni"), 1);
	assert_int_equal(bench_cpu_has_from_(path_, "avx512f"), 1);
	assert_int_equal(bench_cpu_has_from_(path_, "flag000"), 1);
	/* whole words only */
	assert_int_equal(bench_cpu_has_from_(path_, "sha"), 0);
	assert_int_equal(bench_cpu_has_from_(path_, "avx512"), 0);
	assert_int_equal(bench_cpu_has_from_(path_, "flag00"), 0);
	bench_cpuinfo_from_(path_, "model name", out, sizeof(out));
	assert_string_equal(out, "Intel(R) Xeon(R) Processor");
	bench_cpuinfo_from_(path_, "model", out, sizeof(out));
	assert_string_equal(out, "207");
	bench_cpuinfo_from_(path_, "cpu family", out, sizeof(out));
	assert_string_equal(out, "6");
	bench_cpuinfo_from_(path_, "CPU part", out, sizeof(out));
	assert_string_equal(out, "");
	/* a value longer than the caller's buffer is cut, not overrun */
	bench_cpuinfo_from_(path_, "model name", out, 6);
	assert_string_equal(out, "Intel");
	assert_int_equal(unlink(path_), 0);
}

/* A flags line longer than any fixed buffer the reader might copy it
 * into (20,000 characters), the flag at its very end. */
static void test_x86_huge_flags(void **state)
{
	size_t n = 0, cap = 24000;
	char *text = malloc(cap);

	(void)state;
	assert_non_null(text);
	n += (size_t)snprintf(text, cap, "processor\t: 0\nflags\t\t:");
	while (n < 20000)
		n += (size_t)snprintf(text + n, cap - n, " f%05zu", n);
	snprintf(text + n, cap - n, " sha_ni\n\n");
	write_cpuinfo_(text);
	free(text);
	assert_int_equal(bench_cpu_has_from_(path_, "sha_ni"), 1);
	assert_int_equal(bench_cpu_has_from_(path_, "sha"), 0);
	assert_int_equal(unlink(path_), 0);
}

/* An arm64 file: no "flags", the extensions under "Features". */
static void test_arm_features(void **state)
{
	char out[64];

	(void)state;
	write_cpuinfo_("processor\t: 0\nBogoMIPS\t: 50.00\n"
		       "Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 sha512\n"
		       "CPU implementer\t: 0x41\nCPU architecture: 8\n"
		       "CPU part\t: 0xd0c\n\n");
	assert_int_equal(bench_cpu_has_from_(path_, "sha2"), 1);
	assert_int_equal(bench_cpu_has_from_(path_, "sha512"), 1);
	assert_int_equal(bench_cpu_has_from_(path_, "sha_ni"), 0);
	assert_int_equal(bench_cpu_has_from_(path_, "sha3"), 0);
	bench_cpuinfo_from_(path_, "CPU implementer", out, sizeof(out));
	assert_string_equal(out, "0x41");
	bench_cpuinfo_from_(path_, "CPU part", out, sizeof(out));
	assert_string_equal(out, "0xd0c");
	bench_cpuinfo_from_(path_, "model name", out, sizeof(out));
	assert_string_equal(out, "");
	assert_int_equal(unlink(path_), 0);

	/* an Arm file without SHA2 */
	write_cpuinfo_("processor\t: 0\nFeatures\t: fp asimd sha512\n\n");
	assert_int_equal(bench_cpu_has_from_(path_, "sha2"), 0);
	assert_int_equal(unlink(path_), 0);
}

/* No file, an empty file: nothing found, nothing printed wrong. */
static void test_missing_and_empty(void **state)
{
	char out[16] = "junk";

	(void)state;
	bench_cpuinfo_from_("/nonexistent/cpuinfo", "model name", out, sizeof(out));
	assert_string_equal(out, "");
	assert_int_equal(bench_cpu_has_from_("/nonexistent/cpuinfo", "sha_ni"), 0);
	write_cpuinfo_("");
	snprintf(out, sizeof(out), "junk");
	bench_cpuinfo_from_(path_, "flags", out, sizeof(out));
	assert_string_equal(out, "");
	assert_int_equal(bench_cpu_has_from_(path_, "sha_ni"), 0);
	assert_int_equal(unlink(path_), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x86_long_flags),
		cmocka_unit_test(test_x86_huge_flags),
		cmocka_unit_test(test_arm_features),
		cmocka_unit_test(test_missing_and_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
