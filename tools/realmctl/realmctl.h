/* SPDX-License-Identifier: BSD-3-Clause */
/* realmctl: shared declarations of the command-line tool. */
#ifndef REALMCTL_H
#define REALMCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <realm/testing.h>

/* Exit codes shared by every command. */
#define CLI_OK 0      /* success / verified / ok */
#define CLI_FAIL 1    /* the answer is "no" (findings, failed verification) */
#define CLI_USAGE 2   /* bad usage or unreadable input */

/* A command group: `realmctl NAME ...` calls fn(argc, argv) with argv[0] = NAME. */
struct cli_command {
	const char *name;
	const char *summary;
	int (*fn)(int argc, char **argv);
};

/* Every command group, one line each (see commands.def). */
#define CLI_COMMAND(name, fn, summary) int fn(int argc, char **argv);
#include "commands.def"
#undef CLI_COMMAND

/* Print "realmctl: msg" to stderr. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Read a whole file (or "-" for stdin) into a malloc'd buffer. 0 or RLM_E*. */
int cli_read_file(const char *path, uint8_t **buf, size_t *len);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void cli_hex(const uint8_t *p, size_t n, char *out);
/* Print lower-case hex of n bytes to f. */
void cli_print_hex(FILE *f, const uint8_t *p, size_t n);
/* Parse hex (optional 0x) into out; returns bytes or -1. */
long cli_unhex(const char *s, uint8_t *out, size_t cap);
/* Parse an unsigned integer: decimal, 0x hex, optional K/M/G suffix. */
int cli_parse_u64(const char *s, uint64_t *v);

/* Write the reference values as a CoRIM (flags: RLM_REFVALS_*) to path;
 * opt names the option in errors.  0 or CLI_USAGE (message printed). */
struct rlm_realm_mrs;
int cli_write_corim(const char *opt, const char *path, const struct rlm_realm_mrs *m,
		    const uint8_t *rpv, unsigned int flags);

/*
 * A minimal JSON writer: keeps track of commas and nesting.
 * json_key() before a value inside an object; values inside arrays need none.
 */
#define JSON_MAX_DEPTH 32
struct json {
	FILE *f;
	int depth;
	bool after_key;
	unsigned int count[JSON_MAX_DEPTH];
};
void json_init(struct json *j, FILE *f);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s);
void json_hex(struct json *j, const uint8_t *p, size_t n);
void json_u64(struct json *j, uint64_t v);
void json_i64(struct json *j, int64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* Ends the document with a newline. */
void json_finish(struct json *j);

#endif /* REALMCTL_H */
