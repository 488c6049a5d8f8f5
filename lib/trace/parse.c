/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI trace runner's parser: values, keys, expectations and lines of
 * the trace format (docs/rmi-trace.md).  Every read is bounded by the
 * caller's length; a malformed line gives a line-numbered error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <realm/hex.h>
#include <realm/rmi.h>

#include "trace_int.h"

int trace_perr_(struct rlm_trace_result *res, unsigned int line,
		const char *what, struct slice tok)
{
	size_t n = tok.n > 40 ? 40 : tok.n;

	if (res->error_line)
		return RLM_EMALFORMED;
	res->error_line = line;
	if (tok.p)
		snprintf(res->error, sizeof(res->error), "%s '%.*s%s'", what,
			 (int)n, tok.p, tok.n > n ? "..." : "");
	else
		snprintf(res->error, sizeof(res->error), "%s", what);
	return RLM_EMALFORMED;
}

/* ---- Values -------------------------------------------------------------- */

enum vres { V_OK = 0, V_BAD = 1, V_RANGE = 2 };

/* *x = *x * 10 + d; nonzero on overflow. */
static int mul10_add(uint64_t *x, unsigned int d)
{
	if (*x > UINT64_MAX / 10 ||
	    (*x == UINT64_MAX / 10 && d > UINT64_MAX % 10))
		return 1;
	*x = *x * 10 + d;
	return 0;
}

/* Digits only (decimal), no sign, no suffix: a granule index. */
static enum vres parse_index(struct slice s, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (!s.n)
		return V_BAD;
	for (i = 0; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return V_BAD;
		if (mul10_add(&x, (unsigned int)(s.p[i] - '0')))
			return V_RANGE;
	}
	*v = x;
	return V_OK;
}

/* [-] (0x HEX | DEC) [K|M|G] */
static enum vres parse_int(struct slice s, uint64_t *v)
{
	bool neg = false;
	unsigned int shift = 0;
	uint64_t x = 0;
	size_t i;

	if (s.n && s.p[0] == '-') {
		neg = true;
		s.p++;
		s.n--;
	}
	if (s.n && (s.p[s.n - 1] == 'K' || s.p[s.n - 1] == 'M' ||
		    s.p[s.n - 1] == 'G')) {
		shift = s.p[s.n - 1] == 'K' ? 10 : s.p[s.n - 1] == 'M' ? 20 : 30;
		s.n--;
	}
	if (!s.n)
		return V_BAD;
	if (s.n > 2 && s.p[0] == '0' && (s.p[1] == 'x' || s.p[1] == 'X')) {
		for (i = 2; i < s.n; i++) {
			int d = rlm_hex_digit(s.p[i]);

			if (d < 0)
				return V_BAD;
			if (x >> 60)
				return V_RANGE;
			x = (x << 4) | (uint64_t)d;
		}
	} else {
		for (i = 0; i < s.n; i++) {
			if (s.p[i] < '0' || s.p[i] > '9')
				return V_BAD;
			if (mul10_add(&x, (unsigned int)(s.p[i] - '0')))
				return V_RANGE;
		}
	}
	if (shift && x > (UINT64_MAX >> shift))
		return V_RANGE;
	x <<= shift;
	if (neg) {
		if (x > (UINT64_C(1) << 63))
			return V_RANGE;
		x = (uint64_t)0 - x;
	}
	*v = x;
	return V_OK;
}

static enum vres parse_term(const struct limits *lim, struct slice s,
			    uint64_t *v)
{
	uint64_t n;
	enum vres r;

	if (s.n >= 2 && s.p[0] == 'g' && s.p[1] >= '0' && s.p[1] <= '9') {
		r = parse_index((struct slice){ s.p + 1, s.n - 1 }, &n);
		if (r)
			return r;
		if (n >= lim->pool_granules)
			return V_RANGE;
		*v = lim->pool_base + n * RLM_GRANULE_SIZE;
		return V_OK;
	}
	if (s.n >= 3 && s.p[0] == 'n' && s.p[1] == 's' && s.p[2] >= '0' &&
	    s.p[2] <= '9') {
		r = parse_index((struct slice){ s.p + 2, s.n - 2 }, &n);
		if (r)
			return r;
		if (n >= lim->ns_granules)
			return V_RANGE;
		*v = lim->ns_base + n * RLM_GRANULE_SIZE;
		return V_OK;
	}
	return parse_int(s, v);
}

/* term ('|' term)* */
static enum vres parse_expr(const struct limits *lim, struct slice s,
			    uint64_t *v)
{
	uint64_t acc = 0, t;
	size_t i, start = 0;
	enum vres r;

	if (!s.n)
		return V_BAD;
	for (i = 0; i <= s.n; i++) {
		if (i < s.n && s.p[i] != '|')
			continue;
		r = parse_term(lim, (struct slice){ s.p + start, i - start }, &t);
		if (r)
			return r;
		acc |= t;
		start = i + 1;
	}
	*v = acc;
	return V_OK;
}

static enum vres parse_hex(struct slice s, uint8_t *out, size_t cap,
			   size_t *len)
{
	long n;

	if (s.n >= 2 && s.p[0] == '0' && (s.p[1] == 'x' || s.p[1] == 'X')) {
		s.p += 2;
		s.n -= 2;
	}
	if (!s.n)
		return V_BAD;
	n = rlm_hex_decode(s.p, s.n, out, cap);
	if (n == RLM_ENOSPC)
		return V_RANGE;
	if (n < 0)
		return V_BAD;
	*len = (size_t)n;
	return V_OK;
}

/* Find ".." in s; its offset or s.n. */
static size_t find_dots(struct slice s)
{
	size_t i;

	for (i = 0; i + 1 < s.n; i++)
		if (s.p[i] == '.' && s.p[i + 1] == '.')
			return i;
	return s.n;
}

/* Comma-separated items; with ranges (A..B, 4K step) if allow_range. */
static enum vres parse_list(const struct limits *lim, struct slice s,
			    bool allow_range, uint64_t *out, unsigned int cap,
			    unsigned int *count)
{
	size_t i, start = 0;
	unsigned int n = 0;
	enum vres r;

	if (!s.n)
		return V_BAD;
	for (i = 0; i <= s.n; i++) {
		struct slice it;
		size_t dots;
		uint64_t a, b;

		if (i < s.n && s.p[i] != ',')
			continue;
		it = (struct slice){ s.p + start, i - start };
		start = i + 1;
		dots = find_dots(it);
		if (dots < it.n) {
			if (!allow_range)
				return V_BAD;
			r = parse_expr(lim, (struct slice){ it.p, dots }, &a);
			if (!r)
				r = parse_expr(lim, (struct slice){
					it.p + dots + 2, it.n - dots - 2 }, &b);
			if (r)
				return r;
			if (b < a || (b - a) % RLM_GRANULE_SIZE)
				return V_BAD;
			if ((b - a) / RLM_GRANULE_SIZE >= cap - n)
				return V_RANGE;
			for (;;) {
				out[n++] = a;
				if (a == b)
					break;
				a += RLM_GRANULE_SIZE;
			}
		} else {
			if (n >= cap)
				return V_RANGE;
			r = parse_expr(lim, it, &out[n]);
			if (r)
				return r;
			n++;
		}
	}
	*count = n;
	return V_OK;
}

/*
 * An RMI address list (2.0): comma-separated items A (one granule) or A..B
 * (the granules A to B, 4 KiB steps), each one RmiAddrRangeDesc4KB, as
 * (base, count) pairs.  Bases granule aligned, below 2^52; a count fits
 * the descriptor's 10-bit field.
 */
static enum vres parse_alist(const struct limits *lim, struct slice s,
			     uint64_t *out, unsigned int *count)
{
	size_t i, start = 0;
	unsigned int n = 0;
	enum vres r;

	if (!s.n)
		return V_BAD;
	for (i = 0; i <= s.n; i++) {
		struct slice it;
		size_t dots;
		uint64_t a, b;

		if (i < s.n && s.p[i] != ',')
			continue;
		it = (struct slice){ s.p + start, i - start };
		start = i + 1;
		dots = find_dots(it);
		r = parse_expr(lim, (struct slice){ it.p, dots }, &a);
		if (r)
			return r;
		b = a;
		if (dots < it.n) {
			r = parse_expr(lim, (struct slice){ it.p + dots + 2,
							    it.n - dots - 2 }, &b);
			if (r)
				return r;
		}
		if ((a | b) & RLM_GRANULE_MASK || b < a)
			return V_BAD;
		if (b >> 52 || (b - a) / RLM_GRANULE_SIZE >=
		    RLM_RMI_ADDR_RDESC_4K_CNT_MAX || n >= ALIST_MAX_RANGES)
			return V_RANGE;
		out[2 * n] = a;
		out[2 * n + 1] = (b - a) / RLM_GRANULE_SIZE + 1;
		n++;
	}
	*count = 2 * n;
	return V_OK;
}

/* One key=value into the line (keyed by def index). */
static int parse_value(struct ctx *c, struct pline *pl,
		       const struct key_def *k, struct slice val,
		       uint64_t *slot)
{
	enum vres r = V_OK;
	uint64_t v = 0;

	switch (k->kind) {
	case K_HASH:
		if (sl_eq(val, "sha256"))
			v = RLM_RMI_HASH_SHA_256;
		else if (sl_eq(val, "sha512"))
			v = RLM_RMI_HASH_SHA_512;
		else if (c->abi == RLM_RMI_V2_0 && sl_eq(val, "sha384"))
			v = RLM_RMI_HASH_SHA_384;
		else if (!(r = parse_int(val, &v)) && v > 0xff)
			r = V_RANGE;
		break;
	case K_RIPAS:
		if (sl_eq(val, "empty"))
			v = RLM_RIPAS_EMPTY;
		else if (sl_eq(val, "ram"))
			v = RLM_RIPAS_RAM;
		else if (sl_eq(val, "destroyed"))
			v = RLM_RIPAS_DESTROYED;
		else if (!(r = parse_int(val, &v)) && v > 0xff)
			r = V_RANGE;
		break;
	case K_HEX64:
		r = parse_hex(val, pl->hex, 64, &pl->hexlen);
		break;
	case K_HEXPAGE:
		r = parse_hex(val, pl->hex, MAX_HEX, &pl->hexlen);
		break;
	case K_AUX:
		r = parse_list(&c->lim, val, true, pl->aux, MAX_AUX, &pl->naux);
		break;
	case K_GPRS:
		r = parse_list(&c->lim, val, false, pl->gprs, MAX_GPRS,
			       &pl->ngprs);
		break;
	case K_LIST3:
		r = parse_list(&c->lim, val, false, pl->gprs, 3, &pl->ngprs);
		break;
	case K_ALIST:
		r = parse_alist(&c->lim, val, pl->aux, &pl->naux);
		break;
	case K_MSTATE:
		if (sl_eq(val, "delegated"))
			v = RLM_RMI_OP_MEM_DELEGATED;
		else if (sl_eq(val, "undelegated"))
			v = RLM_RMI_OP_MEM_UNDELEGATED;
		else if (!(r = parse_int(val, &v)) && v > 1)
			r = V_RANGE;
		break;
	case K_GRANSZ:
		if (sl_eq(val, "4k"))
			v = RLM_RMI_GRANULE_SIZE_4KB;
		else if (sl_eq(val, "16k"))
			v = RLM_RMI_GRANULE_SIZE_16KB;
		else if (sl_eq(val, "64k"))
			v = RLM_RMI_GRANULE_SIZE_64KB;
		else
			r = parse_int(val, &v);
		break;
	default:
		r = parse_expr(&c->lim, val, &v);
		if (r)
			break;
		if ((k->kind == K_BOOL && v > 1) ||
		    (k->kind == K_U8 && v > 0xff) ||
		    (k->kind == K_U16 && v > 0xffff) ||
		    (k->kind == K_U32 && v > 0xffffffff))
			r = V_RANGE;
		break;
	}
	if (r) {
		char what[48];

		snprintf(what, sizeof(what), "%s for %s",
			 r == V_RANGE ? "value out of range" : "bad value",
			 k->name);
		return trace_perr_(c->res, pl->lineno, what, val);
	}
	*slot = v;
	return 0;
}

static bool key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* A token of a line: its text and the offset of its first '=' (n: none),
 * both found by the one scan of the line (scan_line). */
struct tok {
	const char *p;
	size_t n, eq;
};

static struct slice tok_sl(const struct tok *t)
{
	return (struct slice){ t->p, t->n };
}

/* tok is "key=value": find the key in defs and store the value. */
static int parse_kv(struct ctx *c, struct pline *pl, const struct tok *t,
		    const struct key_def *defs, unsigned int ndefs,
		    uint64_t *vals, uint32_t *have)
{
	struct slice key, val;
	size_t eq = t->eq;
	unsigned int i;

	if (eq == t->n || eq == 0)
		return trace_perr_(c->res, pl->lineno, "expected key=value, got",
				   tok_sl(t));
	key = (struct slice){ t->p, eq };
	val = (struct slice){ t->p + eq + 1, t->n - eq - 1 };
	for (i = 0; i < key.n; i++)
		if (!key_char(key.p[i]))
			return trace_perr_(c->res, pl->lineno, "bad key", key);
	for (i = 0; i < ndefs; i++)
		if (sl_eq(key, defs[i].name))
			break;
	if (i == ndefs)
		return trace_perr_(c->res, pl->lineno, "unknown key", key);
	if (*have & (UINT32_C(1) << i))
		return trace_perr_(c->res, pl->lineno, "duplicate key", key);
	*have |= UINT32_C(1) << i;
	return parse_value(c, pl, &defs[i], val, &vals[i]);
}

static int check_required(struct ctx *c, struct pline *pl,
			  const struct key_def *defs, unsigned int ndefs,
			  uint64_t *vals, uint32_t have)
{
	unsigned int i;

	for (i = 0; i < ndefs; i++) {
		if (have & (UINT32_C(1) << i))
			continue;
		if (defs[i].required)
			return trace_perr_(c->res, pl->lineno, "missing required key",
				    (struct slice){ defs[i].name,
						    strlen(defs[i].name) });
		vals[i] = defs[i].dflt;
	}
	return 0;
}

/*
 * The tokens of one line, from one pass over its bytes (scan_line): the
 * command's (before "=>") and the first two after "=>".  A command line
 * parses at most 1 + MAX_KEYS tokens before an error stops it (every key
 * once, at most two positionals, one realm call), so LINE_TOKS never cuts
 * a line that could parse; a longer one is refused at its first token too
 * many, as before.
 */
#define LINE_TOKS 32

struct line_toks {
	struct tok t[LINE_TOKS];
	unsigned int n;
	bool more;              /* tokens past t[LINE_TOKS - 1] */
	bool arrow;             /* the line has "=>" */
	struct tok ex[2];       /* after "=>" */
	unsigned int nex;
};

static void end_tok(struct line_toks *lt, const char *s, const char *e,
		    const char *eq, bool after)
{
	struct tok t = { s, (size_t)(e - s), eq ? (size_t)(eq - s) :
						  (size_t)(e - s) };

	if (after) {
		if (lt->nex < 2)
			lt->ex[lt->nex++] = t;
	} else if (lt->n < LINE_TOKS) {
		lt->t[lt->n++] = t;
	} else {
		lt->more = true;
	}
}

/* Byte classes of scan_line (docs/rmi-trace.md: spaces, tabs and CR
 * separate tokens; '#' starts a comment; other control bytes and bytes
 * outside ASCII are refused). */
enum { C_T, C_B, C_H, C_X, C_E };         /* token byte, blank, '#', bad, '=' */
static const unsigned char byte_classes[256] = {
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_B, C_X, C_X, C_X, C_B, C_X, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
	C_B, C_T, C_T, C_H, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T,
	C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_E, C_T, C_T,
	C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T,
	C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T,
	C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T,
	C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_T, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
	C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X, C_X,
};

/*
 * One pass over the line: refuses a control character or a byte outside
 * ASCII before a '#', stops at the '#', splits tokens at spaces, tabs and
 * CRs and at the first "=>" (which starts the expectation), and notes
 * where each token's first '=' is.
 */
static int scan_line(struct ctx *c, unsigned int lineno, struct slice line,
		     struct line_toks *lt)
{
	const char *p = line.p, *end = line.p + line.n;
	const char *ts = NULL, *eq = NULL;
	bool after = false;

	lt->n = lt->nex = 0;
	lt->more = lt->arrow = false;
	for (; p < end; p++) {
		unsigned char cl = byte_classes[(unsigned char)*p];

		if (cl == C_T) {
			if (!ts) {
				ts = p;
				eq = NULL;
			}
			continue;
		}
		if (cl == C_B) {
			if (ts)
				end_tok(lt, ts, p, eq, after);
			ts = NULL;
			continue;
		}
		if (cl == C_H)
			break;
		if (cl == C_X)
			return trace_perr_(c->res, lineno,
				    "invalid character in line",
				    (struct slice){ NULL, 0 });
		/* '=' */
		if (!after && p + 1 < end && p[1] == '>') {
			if (ts)
				end_tok(lt, ts, p, eq, after);
			ts = NULL;
			after = lt->arrow = true;
			p++;
			continue;
		}
		if (!ts) {
			ts = p;
			eq = NULL;
		}
		if (!eq)
			eq = p;
	}
	if (ts)
		end_tok(lt, ts, p, eq, after);
	return 0;
}

/* "=> STATUS[/INDEX]": st and rest are the first two tokens after "=>"
 * (n == 0: none). */
static int parse_expect(struct ctx *c, struct pline *pl, struct slice st,
			struct slice rest)
{
	struct slice name, idx;
	size_t slash;
	uint64_t ix;
	unsigned int i;

	if (!st.n)
		return trace_perr_(c->res, pl->lineno, "missing status after =>",
			    (struct slice){ NULL, 0 });
	if (rest.n)
		return trace_perr_(c->res, pl->lineno, "garbage after expectation",
			    rest);
	for (slash = 0; slash < st.n && st.p[slash] != '/'; slash++)
		;
	name = (struct slice){ st.p, slash };
	for (i = 0; i < NSTATUS; i++)
		if (sl_eq(name, rlm_rmi_status_name(i)))
			break;
	if (i == NSTATUS) {
		if (!sl_eq(name, "SMC_UNKNOWN"))
			return trace_perr_(c->res, pl->lineno, "unknown status", name);
		i = ST_SMC_UNKNOWN;
	}
	pl->exp_status = i;
	pl->exp_index = -1;
	if (slash < st.n) {
		idx = (struct slice){ st.p + slash + 1, st.n - slash - 1 };
		if (parse_index(idx, &ix) || ix > 255)
			return trace_perr_(c->res, pl->lineno, "bad expected index",
				    idx);
		pl->exp_index = (int)ix;
	}
	pl->has_exp = true;
	return 0;
}

/*
 * "rmm 1.0" / "rmm 2.0": the RMI version the trace is written for, before
 * its first command.  It must agree with the runner's (env->abi) when the
 * caller fixed one; otherwise it selects the version.
 */
static int parse_rmm(struct ctx *c, struct pline *pl,
		     const struct line_toks *lt)
{
	unsigned int abi;
	struct slice v;

	if (lt->arrow)
		return trace_perr_(c->res, pl->lineno, "no result to expect for",
				   tok_sl(&lt->t[0]));
	if (lt->n != 2)
		return trace_perr_(c->res, pl->lineno,
			    "rmm needs one version: rmm 1.0 or rmm 2.0",
			    (struct slice){ NULL, 0 });
	v = tok_sl(&lt->t[1]);
	if (sl_eq(v, "1.0"))
		abi = RLM_RMI_V1_0;
	else if (sl_eq(v, "2.0"))
		abi = RLM_RMI_V2_0;
	else
		return trace_perr_(c->res, pl->lineno, "unknown RMM version", v);
	if (c->abi_declared)
		return trace_perr_(c->res, pl->lineno, "second rmm line", v);
	if (c->seen_cmd)
		return trace_perr_(c->res, pl->lineno,
			    "rmm must come before the first command", v);
	if (c->abi_fixed && abi != c->abi)
		return trace_perr_(c->res, pl->lineno,
			    c->abi == RLM_RMI_V2_0 ?
			    "the trace is for RMM 1.0 but the runner drives RMM 2.0 (env.abi, --rmm):" :
			    "the trace is for RMM 2.0 but the runner drives RMM 1.0 (env.abi, --rmm):",
			    v);
	c->abi = abi;
	c->abi_declared = true;
	return 0;
}

/* Parse one line (without its newline).  Returns 0 with pl->cmd == NULL
 * for a blank or comment-only line. */
static int parse_line(struct ctx *c, struct pline *pl, struct slice line)
{
	struct line_toks lt;
	struct slice tok;
	unsigned int ti;
	int err;

	pl->cmd = NULL;
	pl->call = NULL;
	/* Every key gets its value or default in check_required(); zeroing
	 * first keeps a stale value from an earlier line out of reach. */
	memset(pl->v, 0, sizeof(pl->v));
	memset(pl->cv, 0, sizeof(pl->cv));
	pl->have = pl->chave = 0;
	pl->npos = pl->naux = pl->ngprs = 0;
	pl->hexlen = 0;
	pl->has_exp = false;
	pl->exp_index = -1;

	err = scan_line(c, pl->lineno, line, &lt);
	if (err)
		return err;
	if (lt.arrow) {
		struct slice none = { NULL, 0 };

		if (!lt.n)
			return trace_perr_(c->res, pl->lineno,
				    "expectation without a command",
				    (struct slice){ NULL, 0 });
		err = parse_expect(c, pl, lt.nex > 0 ? tok_sl(&lt.ex[0]) : none,
				   lt.nex > 1 ? tok_sl(&lt.ex[1]) : none);
		if (err)
			return err;
	}
	if (!lt.n)
		return 0;
	tok = tok_sl(&lt.t[0]);
	if (sl_eq(tok, "rmm"))
		return parse_rmm(c, pl, &lt);
	pl->cmd = trace_cmd_find_(c->abi, tok);
	if (!pl->cmd) {
		const struct cmd_def *other = trace_cmd_find_(
			c->abi == RLM_RMI_V2_0 ? RLM_RMI_V1_0 : RLM_RMI_V2_0, tok);

		if (other)
			return trace_perr_(c->res, pl->lineno,
				    c->abi == RLM_RMI_V2_0 ?
				    "an RMI 1.0 command in an RMM 2.0 trace" :
				    "an RMI 2.0 command in an RMM 1.0 trace (rmm 2.0 / --rmm 2.0)",
				    tok);
		return trace_perr_(c->res, pl->lineno, "unknown command", tok);
	}
	if (pl->cmd->type == T_UNKNOWN)
		return trace_perr_(c->res, pl->lineno,
			    "no registers known for this command at TF-RMM 9a7f8ef",
			    tok);
	c->seen_cmd = true;

	if (pl->cmd->type == T_NS_FILL || pl->cmd->type == T_NS_WRITE ||
	    pl->cmd->type == T_REALM)
		if (pl->has_exp)
			return trace_perr_(c->res, pl->lineno,
				    "no result to expect for", tok);

	for (ti = 1; ti < lt.n; ti++) {
		const struct tok *t = &lt.t[ti];
		bool has_eq = t->eq < t->n;

		tok = tok_sl(t);
		if (pl->cmd->type == T_NS_FILL || pl->cmd->type == T_NS_WRITE) {
			if (!has_eq) {
				enum vres r;

				if (pl->npos >= (pl->cmd->type == T_NS_FILL ?
						 2u : 1u))
					return trace_perr_(c->res, pl->lineno,
						    "too many values", tok);
				r = parse_expr(&c->lim, tok,
					       &pl->pos[pl->npos]);
				if (r == V_RANGE)
					return trace_perr_(c->res, pl->lineno,
						    "value out of range", tok);
				if (r)
					return trace_perr_(c->res, pl->lineno,
						    "bad value", tok);
				pl->npos++;
				continue;
			}
		} else if (pl->cmd->type == T_REALM && !has_eq) {
			if (pl->call)
				return trace_perr_(c->res, pl->lineno,
					    "second realm call", tok);
			pl->call = trace_call_find_(tok);
			if (!pl->call)
				return trace_perr_(c->res, pl->lineno,
					    "unknown realm call", tok);
			continue;
		}
		if (pl->call)
			err = parse_kv(c, pl, t, pl->call->keys,
				       pl->call->nkeys, pl->cv, &pl->chave);
		else
			err = parse_kv(c, pl, t, pl->cmd->keys,
				       pl->cmd->nkeys, pl->v, &pl->have);
		if (err)
			return err;
	}
	if (lt.more)    /* cannot happen: see LINE_TOKS */
		return trace_perr_(c->res, pl->lineno, "too many tokens",
				   (struct slice){ NULL, 0 });

	err = check_required(c, pl, pl->cmd->keys, pl->cmd->nkeys, pl->v,
			     pl->have);
	if (err)
		return err;
	switch (pl->cmd->type) {
	case T_NS_FILL:
		if (pl->npos != 2)
			return trace_perr_(c->res, pl->lineno,
				    "ns_fill needs an address and a byte",
				    (struct slice){ NULL, 0 });
		if (pl->pos[0] & RLM_GRANULE_MASK)
			return trace_perr_(c->res, pl->lineno,
				    "ns_fill address is not granule aligned",
				    (struct slice){ NULL, 0 });
		if (pl->pos[1] > 0xff)
			return trace_perr_(c->res, pl->lineno,
				    "ns_fill byte out of range",
				    (struct slice){ NULL, 0 });
		break;
	case T_NS_WRITE:
		if (pl->npos != 1)
			return trace_perr_(c->res, pl->lineno,
				    "ns_write needs an address",
				    (struct slice){ NULL, 0 });
		if (pl->pos[0] & RLM_GRANULE_MASK)
			return trace_perr_(c->res, pl->lineno,
				    "ns_write address is not granule aligned",
				    (struct slice){ NULL, 0 });
		/* off + hex must stay inside the granule */
		if (pl->v[0] >= RLM_GRANULE_SIZE ||
		    pl->hexlen > RLM_GRANULE_SIZE - pl->v[0])
			return trace_perr_(c->res, pl->lineno,
				    "ns_write off/hex out of range: past the granule",
				    (struct slice){ NULL, 0 });
		break;
	case T_REALM:
		if (!pl->call)
			return trace_perr_(c->res, pl->lineno,
				    "realm line without a call",
				    (struct slice){ NULL, 0 });
		err = check_required(c, pl, pl->call->keys, pl->call->nkeys,
				     pl->cv, pl->chave);
		if (err)
			return err;
		break;
	default:
		break;
	}
	return 0;
}

/* ---- The compiled trace ------------------------------------------------- */

static size_t rec_words(const struct pline *pl)
{
	return REC_HDR_WORDS + pl->cmd->nkeys +
	       (pl->call ? pl->call->nkeys : 0) + pl->npos + pl->naux +
	       pl->ngprs + (pl->hexlen + 7) / 8;
}

static int prog_add(struct trace_prog *pg, const struct pline *pl)
{
	struct trace_chunk *ch = pg->tail;
	size_t nw = rec_words(pl), nk = pl->cmd->nkeys;
	struct rec_hdr h;
	uint64_t *w;

	if (!ch || TRACE_CHUNK_WORDS - ch->used < nw) {
		ch = malloc(sizeof(*ch));
		if (!ch)
			return RLM_ENOMEM;
		ch->next = NULL;
		ch->used = 0;
		if (pg->tail)
			pg->tail->next = ch;
		else
			pg->head = ch;
		pg->tail = ch;
	}
	w = ch->w + ch->used;
	memset(&h, 0, sizeof(h));
	h.lineno = pl->lineno;
	h.have = pl->have;
	h.chave = pl->chave;
	h.hexlen = (uint16_t)pl->hexlen;
	h.exp_status = (uint16_t)pl->exp_status;
	h.cmd = (uint8_t)trace_cmd_idx_(pl->cmd);
	h.call = pl->call ? (uint8_t)(trace_call_idx_(pl->call) + 1) : 0;
	h.npos = (uint8_t)pl->npos;
	h.naux = (uint8_t)pl->naux;
	h.ngprs = (uint8_t)pl->ngprs;
	h.has_exp = pl->has_exp;
	h.exp_index = (int16_t)pl->exp_index;
	memcpy(w, &h, sizeof(h));
	w += REC_HDR_WORDS;
	memcpy(w, pl->v, nk * sizeof(*w));
	w += nk;
	if (pl->call) {
		memcpy(w, pl->cv, pl->call->nkeys * sizeof(*w));
		w += pl->call->nkeys;
	}
	memcpy(w, pl->pos, pl->npos * sizeof(*w));
	w += pl->npos;
	memcpy(w, pl->aux, pl->naux * sizeof(*w));
	w += pl->naux;
	memcpy(w, pl->gprs, pl->ngprs * sizeof(*w));
	w += pl->ngprs;
	if (pl->hexlen) {
		w[(pl->hexlen + 7) / 8 - 1] = 0;
		memcpy(w, pl->hex, pl->hexlen);
	}
	ch->used += nw;
	return 0;
}

void trace_prog_free_(struct trace_prog *prog)
{
	struct trace_chunk *ch, *next;

	for (ch = prog->head; ch; ch = next) {
		next = ch->next;
		free(ch);
	}
	prog->head = prog->tail = NULL;
}

int trace_compile_(struct ctx *c, const char *buf, size_t len,
		   struct trace_prog *prog)
{
	struct pline pl;
	size_t pos = 0;
	unsigned int lineno = 0;
	int err = 0;

	if (prog)
		memset(prog, 0, sizeof(*prog));
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;

		lineno++;
		c->res->lines = lineno;
		pl.lineno = lineno;
		if (end - pos > RLM_TRACE_MAX_LINE) {
			err = trace_perr_(c->res, lineno, "line too long",
					  (struct slice){ NULL, 0 });
			break;
		}
		err = parse_line(c, &pl, (struct slice){ buf + pos, end - pos });
		if (err)
			break;
		if (pl.cmd && prog) {
			err = prog_add(prog, &pl);
			if (err)
				break;
		}
		pos = nl ? end + 1 : end;
	}
	if (err) {
		if (prog)
			trace_prog_free_(prog);
		return err;
	}
	if (prog)
		prog->lines = lineno;
	return 0;
}

/* ---- Entry points: the context, the check -------------------------------- */

void trace_ctx_init_(struct ctx *c, const struct rlm_trace_env *env,
		     struct rlm_trace_result *res)
{
	memset(res, 0, sizeof(*res));
	memset(c, 0, sizeof(*c));
	c->env = env;
	c->res = res;
	c->abi = RLM_RMI_V1_0;
	if (env) {
		c->abi = env->abi;
		c->abi_fixed = true;
		c->lim.pool_base = env->pool_base;
		c->lim.pool_granules = env->pool_granules;
		c->lim.ns_base = env->ns_base;
		c->lim.ns_granules = env->ns_granules;
	} else {
		/* the spec's minimum pools, at arbitrary distinct bases */
		c->lim.pool_base = UINT64_C(0x1000000000);
		c->lim.pool_granules = 16384;
		c->lim.ns_base = UINT64_C(0x2000000000);
		c->lim.ns_granules = 1024;
	}
}

int rlm_trace_check(const char *buf, size_t len,
		    const struct rlm_trace_env *env,
		    struct rlm_trace_result *res)
{
	struct ctx c;

	if (!res)
		return RLM_EINVAL;
	trace_ctx_init_(&c, env, res);
	if ((!buf && len) || (env && env->abi != RLM_RMI_V1_0 &&
			      env->abi != RLM_RMI_V2_0))
		return RLM_EINVAL;
	return trace_compile_(&c, buf, len, NULL);
}

int rlm_trace_abi(const char *buf, size_t len, enum rlm_rmi_abi *abi,
		  bool *declared)
{
	struct rlm_trace_result res;
	struct line_toks lt;
	struct pline pl;
	struct ctx c;
	size_t pos = 0;
	unsigned int lineno = 0;
	int err;

	if (!abi || (!buf && len))
		return RLM_EINVAL;
	trace_ctx_init_(&c, NULL, &res);
	/* only the lines up to the first one with a token */
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;

		pl.lineno = ++lineno;
		if (end - pos > RLM_TRACE_MAX_LINE)
			break;
		err = scan_line(&c, lineno, (struct slice){ buf + pos,
							    end - pos }, &lt);
		if (err)
			break;
		if (lt.n || lt.arrow) {
			if (lt.n && sl_eq(tok_sl(&lt.t[0]), "rmm")) {
				err = parse_rmm(&c, &pl, &lt);
				if (err)
					return err;
			}
			break;
		}
		pos = nl ? end + 1 : end;
	}
	*abi = (enum rlm_rmi_abi)c.abi;
	if (declared)
		*declared = c.abi_declared;
	return 0;
}
