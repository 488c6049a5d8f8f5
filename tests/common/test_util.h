/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the cmocka suites (header-only, test code only). */
#ifndef RLM_TEST_UTIL_H
#define RLM_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/*
 * Path of a file under tests/vectors (env RLM_VECTORS, set by meson; without
 * it, relative to the source root).
 */
static inline const char *tu_vector_path(const char *rel, char *buf, size_t len)
{
	const char *base = getenv("RLM_VECTORS");

	snprintf(buf, len, "%s/%s", base ? base : "tests/vectors", rel);
	return buf;
}

/* Path of a file in the source tree (env RLM_SRCDIR). */
static inline const char *tu_src_path(const char *rel, char *buf, size_t len)
{
	const char *base = getenv("RLM_SRCDIR");

	snprintf(buf, len, "%s/%s", base ? base : ".", rel);
	return buf;
}

/* Read a whole file; fails the test if it cannot.  free() the result. */
static inline uint8_t *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		fail_msg("cannot open %s", path);
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t r = fread(buf + n, 1, cap - n, f);

		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Decode lower/upper-case hex into out; returns bytes written or -1. */
static inline long tu_unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex), i;

	if (n % 2 || n / 2 > cap)
		return -1;
	for (i = 0; i < n / 2; i++) {
		unsigned int v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return (long)(n / 2);
}

static inline void tu_hex(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = 0;
}

#endif /* RLM_TEST_UTIL_H */
