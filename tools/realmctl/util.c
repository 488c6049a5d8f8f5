/* SPDX-License-Identifier: BSD-3-Clause */
/* realmctl: helpers shared by every command group. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <realm/error.h>
#include <realm/measure.h>

#include "realmctl.h"

void cli_err(const char *fmt, ...)
{
	va_list ap;

	fputs("realmctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_read_file(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	uint8_t *b = NULL, *nb;
	size_t cap = 0, n = 0, r;

	if (!f)
		return RLM_EIO;
	do {
		if (n == cap) {
			if (cap >= ((size_t)1 << 31)) {
				free(b);
				if (f != stdin)
					fclose(f);
				return RLM_E2BIG;
			}
			cap = cap ? cap * 2 : 65536;
			nb = realloc(b, cap);
			if (!nb) {
				free(b);
				if (f != stdin)
					fclose(f);
				return RLM_ENOMEM;
			}
			b = nb;
		}
		r = fread(b + n, 1, cap - n, f);
		n += r;
	} while (r);
	if (ferror(f)) {
		free(b);
		if (f != stdin)
			fclose(f);
		return RLM_EIO;
	}
	if (f != stdin)
		fclose(f);
	*buf = b;
	*len = n;
	return 0;
}

void cli_hex(const uint8_t *p, size_t n, char *out)
{
	rlm_hex_encode(p, n, out);
}

void cli_print_hex(FILE *f, const uint8_t *p, size_t n)
{
	char c[2 * 64 + 1];
	size_t i, k;

	for (i = 0; i < n; i += k) {
		k = n - i < 64 ? n - i : 64;
		rlm_hex_encode(p + i, k, c);
		fputs(c, f);
	}
}

long cli_unhex(const char *s, uint8_t *out, size_t cap)
{
	long n;

	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2))
		s += 2;
	n = rlm_hex_decode(s, strlen(s), out, cap);
	return n < 0 ? -1 : n;
}

int cli_parse_u64(const char *s, uint64_t *v)
{
	char *end;
	unsigned long long x;
	unsigned int shift = 0;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return RLM_EINVAL;
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || end == s)
		return RLM_EINVAL;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M')
		shift = 20;
	else if (*end == 'G')
		shift = 30;
	if (shift) {
		end++;
		if (x > (~0ULL >> shift))
			return RLM_ERANGE;
		x <<= shift;
	}
	if (*end)
		return RLM_EINVAL;
	*v = x;
	return 0;
}

void json_init(struct json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
}

/* Separator before a value or key: none right after a key, else a comma
 * unless it is the first item at this depth. */
static void json_prefix(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->count[j->depth]++)
		fputc(',', j->f);
}

static void json_raw_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void json_key(struct json *j, const char *key)
{
	json_prefix(j);
	json_raw_str(j->f, key);
	fputc(':', j->f);
	j->after_key = true;
}

static void json_open(struct json *j, char c)
{
	json_prefix(j);
	fputc(c, j->f);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->count[j->depth] = 0;
}

static void json_close(struct json *j, char c)
{
	fputc(c, j->f);
	if (j->depth > 0)
		j->depth--;
}

void json_obj_begin(struct json *j) { json_open(j, '{'); }
void json_obj_end(struct json *j) { json_close(j, '}'); }
void json_arr_begin(struct json *j) { json_open(j, '['); }
void json_arr_end(struct json *j) { json_close(j, ']'); }

void json_str(struct json *j, const char *s)
{
	json_prefix(j);
	json_raw_str(j->f, s ? s : "");
}

void json_hex(struct json *j, const uint8_t *p, size_t n)
{
	json_prefix(j);
	fputc('"', j->f);
	cli_print_hex(j->f, p, n);
	fputc('"', j->f);
}

void json_u64(struct json *j, uint64_t v)
{
	json_prefix(j);
	fprintf(j->f, "%llu", (unsigned long long)v);
}

void json_i64(struct json *j, int64_t v)
{
	json_prefix(j);
	fprintf(j->f, "%lld", (long long)v);
}

void json_bool(struct json *j, bool v)
{
	json_prefix(j);
	fputs(v ? "true" : "false", j->f);
}

void json_null(struct json *j)
{
	json_prefix(j);
	fputs("null", j->f);
}

void json_finish(struct json *j)
{
	fputc('\n', j->f);
	fflush(j->f);
}

int cli_write_corim(const char *opt, const char *path, const struct rlm_realm_mrs *m,
		    const uint8_t *rpv, unsigned int flags)
{
	uint8_t *b = NULL;
	size_t n = 0;
	FILE *f;
	bool ok;
	int rc;

	rc = rlm_refvals_corim(m, rpv, NULL, flags, NULL, 0, &n);
	if (rc == RLM_ENOSPC) {
		b = malloc(n);
		rc = b ? rlm_refvals_corim(m, rpv, NULL, flags, b, n, &n) : RLM_ENOMEM;
	}
	if (rc) {
		cli_err("%s %s: %s", opt, path, rlm_strerror(rc));
		free(b);
		return CLI_USAGE;
	}
	f = fopen(path, "wb");
	ok = b && f && fwrite(b, 1, n, f) == n;
	if (f && fclose(f))
		ok = false;
	free(b);
	if (!ok) {
		cli_err("%s %s: cannot write", opt, path);
		return CLI_USAGE;
	}
	return 0;
}
