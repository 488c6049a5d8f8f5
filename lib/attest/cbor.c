/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Strict CBOR decoder and small encoder (RFC 8949), portable core.
 * See include/realm/cbor.h for the rules enforced.
 */
#include <realm/cbor.h>
#include <realm/error.h>

/* Spelled out: the kernel has no INT64_MAX. */
#define CBOR_INT64_MAX_ 0x7fffffffffffffffull

/* Read the header at pos: fills it (and the string content) and *next
 * (after the header, or after the content for strings). */
static int cbor_head_(const uint8_t *b, size_t len, size_t pos,
		      struct rlm_cbor_item *it, size_t *next)
{
	uint8_t ib, ai;
	size_t n = 0, i;
	uint64_t v;

	if (pos >= len)
		return RLM_ETRUNC;
	ib = b[pos];
	it->start = b + pos;
	it->major = (uint8_t)(ib >> 5);
	it->ptr = NULL;
	it->len = 0;
	ai = ib & 31;
	pos++;
	if (ai < 24) {
		v = ai;
	} else if (ai <= 27) {
		n = (size_t)1 << (ai - 24);
		if (len - pos < n)
			return RLM_ETRUNC;
		v = 0;
		for (i = 0; i < n; i++)
			v = v << 8 | b[pos + i];
		pos += n;
		if (it->major != RLM_CBOR_SIMPLE) {
			/* shortest form only */
			if ((n == 1 && v < 24) || (n == 2 && v <= 0xff) ||
			    (n == 4 && v <= 0xffff) ||
			    (n == 8 && v <= 0xffffffffu))
				return RLM_EMALFORMED;
		}
	} else {
		return RLM_EMALFORMED; /* reserved (28..30) or indefinite (31) */
	}
	it->val = v;
	if (it->major == RLM_CBOR_SIMPLE) {
		/* false, true, null, undefined; floats (ai 25..27) opaque */
		if (ai == 24 || (ai < 24 && (v < RLM_CBOR_FALSE || v > RLM_CBOR_UNDEFINED)))
			return RLM_EMALFORMED;
	}
	if (it->major == RLM_CBOR_BSTR || it->major == RLM_CBOR_TSTR) {
		if (v > len - pos)
			return RLM_ETRUNC;
		it->ptr = b + pos;
		it->len = (size_t)v;
		pos += (size_t)v;
	}
	*next = pos;
	return 0;
}

/* Skip one whole item, iteratively (no recursion, no depth state). */
static int cbor_skip_(const uint8_t *b, size_t len, size_t *pos)
{
	struct rlm_cbor_item it;
	uint64_t todo = 1;
	size_t p = *pos;
	int ret;

	while (todo) {
		ret = cbor_head_(b, len, p, &it, &p);
		if (ret)
			return ret;
		todo--;
		switch (it.major) {
		case RLM_CBOR_ARRAY:
			/* every element takes at least one byte */
			if (it.val > len - p)
				return RLM_ETRUNC;
			todo += it.val;
			break;
		case RLM_CBOR_MAP:
			if (it.val > (len - p) / 2)
				return RLM_ETRUNC;
			todo += 2 * it.val;
			break;
		case RLM_CBOR_TAG:
			todo += 1;
			break;
		default:
			break;
		}
		if (todo > len - p && todo)
			return RLM_ETRUNC;
	}
	*pos = p;
	return 0;
}

static bool cbor_utf8_ok_(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = s[i];
		uint32_t cp;
		size_t k, extra;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			extra = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			extra = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			extra = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i - 1 < extra)
			return false;
		for (k = 1; k <= extra; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
		    (extra == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += extra + 1;
	}
	return true;
}

/* Does the key at [ks, ks+kl) occur among the first nkeys keys of the map
 * whose first key is at first? (region already checked) */
static int cbor_dup_key_(const uint8_t *b, size_t len, size_t first,
			 uint64_t nkeys, size_t ks, size_t kl)
{
	size_t p = first, s;
	uint64_t i;
	int ret;

	for (i = 0; i < nkeys; i++) {
		s = p;
		ret = cbor_skip_(b, len, &p);
		if (ret)
			return ret;
		if (p - s == kl && !rlm_memcmp(b + s, b + ks, kl))
			return RLM_EMALFORMED;
		ret = cbor_skip_(b, len, &p);
		if (ret)
			return ret;
	}
	return 0;
}

static int cbor_check_(const uint8_t *b, size_t len, size_t *pos,
		       unsigned int depth, const struct rlm_cbor_limits *lim)
{
	struct rlm_cbor_item it;
	size_t p = *pos, first, ks;
	uint64_t i;
	int ret;

	ret = cbor_head_(b, len, p, &it, &p);
	if (ret)
		return ret;
	switch (it.major) {
	case RLM_CBOR_TSTR:
		if (!cbor_utf8_ok_(it.ptr, it.len))
			return RLM_EMALFORMED;
		break;
	case RLM_CBOR_ARRAY:
	case RLM_CBOR_MAP:
		if (depth >= lim->max_depth || it.val > lim->max_entries)
			return RLM_E2BIG;
		if (it.val > (len - p) / (it.major == RLM_CBOR_MAP ? 2 : 1))
			return RLM_ETRUNC;
		first = p;
		for (i = 0; i < it.val; i++) {
			ks = p;
			ret = cbor_check_(b, len, &p, depth + 1, lim);
			if (ret)
				return ret;
			if (it.major == RLM_CBOR_ARRAY)
				continue;
			ret = cbor_dup_key_(b, len, first, i, ks, p - ks);
			if (ret)
				return ret;
			ret = cbor_check_(b, len, &p, depth + 1, lim);
			if (ret)
				return ret;
		}
		break;
	case RLM_CBOR_TAG:
		if (depth >= lim->max_depth)
			return RLM_E2BIG;
		ret = cbor_check_(b, len, &p, depth + 1, lim);
		if (ret)
			return ret;
		break;
	default:
		break;
	}
	*pos = p;
	return 0;
}

void rlm_cbor_init(struct rlm_cbor *c, const uint8_t *buf, size_t len)
{
	c->buf = buf;
	c->len = buf ? len : 0;
	c->pos = 0;
}

int rlm_cbor_decode(struct rlm_cbor *c, const uint8_t *buf, size_t len,
		    const struct rlm_cbor_limits *lim)
{
	static const struct rlm_cbor_limits def = {
		RLM_CBOR_DEFAULT_MAX_DEPTH, RLM_CBOR_DEFAULT_MAX_ENTRIES,
		RLM_CBOR_DEFAULT_MAX_SIZE,
	};
	size_t pos = 0;
	int ret;

	if (!c || (!buf && len))
		return RLM_EINVAL;
	rlm_cbor_init(c, NULL, 0);
	if (!lim)
		lim = &def;
	if (len > lim->max_size)
		return RLM_E2BIG;
	if (!len)
		return RLM_ETRUNC;
	ret = cbor_check_(buf, len, &pos, 0, lim);
	if (ret)
		return ret;
	if (pos != len)
		return RLM_EMALFORMED; /* trailing bytes */
	rlm_cbor_init(c, buf, len);
	return 0;
}

bool rlm_cbor_at_end(const struct rlm_cbor *c)
{
	return c->pos >= c->len;
}

int rlm_cbor_peek(const struct rlm_cbor *c, struct rlm_cbor_item *it)
{
	size_t next;

	if (!c || !it)
		return RLM_EINVAL;
	return cbor_head_(c->buf, c->len, c->pos, it, &next);
}

int rlm_cbor_next(struct rlm_cbor *c, struct rlm_cbor_item *it)
{
	size_t next;
	int ret;

	if (!c || !it)
		return RLM_EINVAL;
	ret = cbor_head_(c->buf, c->len, c->pos, it, &next);
	if (ret)
		return ret;
	c->pos = next;
	return 0;
}

int rlm_cbor_skip(struct rlm_cbor *c, const uint8_t **start, size_t *len)
{
	size_t p;
	int ret;

	if (!c)
		return RLM_EINVAL;
	p = c->pos;
	ret = cbor_skip_(c->buf, c->len, &p);
	if (ret)
		return ret;
	if (start)
		*start = c->buf + c->pos;
	if (len)
		*len = p - c->pos;
	c->pos = p;
	return 0;
}

static int cbor_expect_(struct rlm_cbor *c, uint8_t major,
			struct rlm_cbor_item *it)
{
	size_t next;
	int ret;

	if (!c)
		return RLM_EINVAL;
	ret = cbor_head_(c->buf, c->len, c->pos, it, &next);
	if (ret)
		return ret;
	if (it->major != major)
		return RLM_EMALFORMED;
	c->pos = next;
	return 0;
}

int rlm_cbor_get_uint(struct rlm_cbor *c, uint64_t *v)
{
	struct rlm_cbor_item it;
	int ret = cbor_expect_(c, RLM_CBOR_UINT, &it);

	if (!ret && v)
		*v = it.val;
	return ret;
}

int rlm_cbor_get_int(struct rlm_cbor *c, int64_t *v)
{
	struct rlm_cbor_item it;
	int ret;

	if (!c)
		return RLM_EINVAL;
	ret = rlm_cbor_peek(c, &it);
	if (ret)
		return ret;
	if ((it.major != RLM_CBOR_UINT && it.major != RLM_CBOR_NINT) ||
	    it.val > CBOR_INT64_MAX_)
		return RLM_EMALFORMED;
	ret = rlm_cbor_next(c, &it);
	if (ret)
		return ret;
	if (v)
		*v = it.major == RLM_CBOR_UINT ? (int64_t)it.val
					       : -1 - (int64_t)it.val;
	return 0;
}

int rlm_cbor_get_bstr(struct rlm_cbor *c, const uint8_t **p, size_t *len)
{
	struct rlm_cbor_item it;
	int ret = cbor_expect_(c, RLM_CBOR_BSTR, &it);

	if (ret)
		return ret;
	if (p)
		*p = it.ptr;
	if (len)
		*len = it.len;
	return 0;
}

int rlm_cbor_get_tstr(struct rlm_cbor *c, const char **p, size_t *len)
{
	struct rlm_cbor_item it;
	int ret = cbor_expect_(c, RLM_CBOR_TSTR, &it);

	if (ret)
		return ret;
	if (p)
		*p = (const char *)it.ptr;
	if (len)
		*len = it.len;
	return 0;
}

int rlm_cbor_get_array(struct rlm_cbor *c, uint64_t *n)
{
	struct rlm_cbor_item it;
	int ret = cbor_expect_(c, RLM_CBOR_ARRAY, &it);

	if (!ret && n)
		*n = it.val;
	return ret;
}

int rlm_cbor_get_map(struct rlm_cbor *c, uint64_t *n)
{
	struct rlm_cbor_item it;
	int ret = cbor_expect_(c, RLM_CBOR_MAP, &it);

	if (!ret && n)
		*n = it.val;
	return ret;
}

int rlm_cbor_get_tag(struct rlm_cbor *c, uint64_t *tag)
{
	struct rlm_cbor_item it;
	int ret = cbor_expect_(c, RLM_CBOR_TAG, &it);

	if (!ret && tag)
		*tag = it.val;
	return ret;
}

int rlm_cbor_get_bool(struct rlm_cbor *c, bool *v)
{
	struct rlm_cbor_item it;
	size_t next;
	int ret;

	if (!c)
		return RLM_EINVAL;
	ret = cbor_head_(c->buf, c->len, c->pos, &it, &next);
	if (ret)
		return ret;
	if (it.major != RLM_CBOR_SIMPLE ||
	    (it.val != RLM_CBOR_FALSE && it.val != RLM_CBOR_TRUE) ||
	    next != c->pos + 1)
		return RLM_EMALFORMED;
	c->pos = next;
	if (v)
		*v = it.val == RLM_CBOR_TRUE;
	return 0;
}

bool rlm_cbor_tstr_eq(const char *p, size_t len, const char *s)
{
	size_t i;

	if (!p || !s)
		return false;
	for (i = 0; i < len; i++)
		if (!s[i] || s[i] != p[i])
			return false;
	return s[len] == 0;
}

/* ---- Encoder ------------------------------------------------------------- */

void rlm_cbor_enc_init(struct rlm_cbor_enc *e, uint8_t *buf, size_t cap)
{
	e->buf = buf;
	e->cap = buf ? cap : 0;
	e->len = 0;
	e->err = 0;
}

void rlm_cbor_put_raw(struct rlm_cbor_enc *e, const void *p, size_t len)
{
	if (len > (size_t)-1 - e->len) {
		e->err = RLM_E2BIG;
		return;
	}
	if (!e->err && len <= e->cap - e->len) {
		if (len)
			rlm_memcpy(e->buf + e->len, p, len);
	} else if (!e->err) {
		e->err = RLM_ENOSPC;
	}
	e->len += len;
}

size_t rlm_cbor_head_size(uint64_t n)
{
	if (n < 24)
		return 1;
	if (n <= 0xff)
		return 2;
	if (n <= 0xffff)
		return 3;
	if (n <= 0xffffffffu)
		return 5;
	return 9;
}

void rlm_cbor_put_head(struct rlm_cbor_enc *e, uint8_t major, uint64_t n)
{
	uint8_t h[9];
	size_t sz = rlm_cbor_head_size(n), i;

	if (sz == 1) {
		h[0] = (uint8_t)(major << 5 | n);
	} else {
		h[0] = (uint8_t)(major << 5 |
				 (sz == 2 ? 24 : sz == 3 ? 25 : sz == 5 ? 26 : 27));
		for (i = 1; i < sz; i++)
			h[i] = (uint8_t)(n >> (8 * (sz - 1 - i)));
	}
	rlm_cbor_put_raw(e, h, sz);
}

void rlm_cbor_put_uint(struct rlm_cbor_enc *e, uint64_t v)
{
	rlm_cbor_put_head(e, RLM_CBOR_UINT, v);
}

void rlm_cbor_put_int(struct rlm_cbor_enc *e, int64_t v)
{
	if (v >= 0)
		rlm_cbor_put_head(e, RLM_CBOR_UINT, (uint64_t)v);
	else
		rlm_cbor_put_head(e, RLM_CBOR_NINT, (uint64_t)(-1 - v));
}

void rlm_cbor_put_bstr(struct rlm_cbor_enc *e, const void *p, size_t len)
{
	rlm_cbor_put_head(e, RLM_CBOR_BSTR, len);
	rlm_cbor_put_raw(e, p, len);
}

void rlm_cbor_put_tstr_n(struct rlm_cbor_enc *e, const char *s, size_t len)
{
	rlm_cbor_put_head(e, RLM_CBOR_TSTR, len);
	rlm_cbor_put_raw(e, s, len);
}

void rlm_cbor_put_tstr(struct rlm_cbor_enc *e, const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	rlm_cbor_put_tstr_n(e, s, n);
}

void rlm_cbor_put_array(struct rlm_cbor_enc *e, uint64_t n)
{
	rlm_cbor_put_head(e, RLM_CBOR_ARRAY, n);
}

void rlm_cbor_put_map(struct rlm_cbor_enc *e, uint64_t n)
{
	rlm_cbor_put_head(e, RLM_CBOR_MAP, n);
}

void rlm_cbor_put_tag(struct rlm_cbor_enc *e, uint64_t tag)
{
	rlm_cbor_put_head(e, RLM_CBOR_TAG, tag);
}

void rlm_cbor_put_bool(struct rlm_cbor_enc *e, bool v)
{
	rlm_cbor_put_head(e, RLM_CBOR_SIMPLE, v ? RLM_CBOR_TRUE : RLM_CBOR_FALSE);
}

void rlm_cbor_put_null(struct rlm_cbor_enc *e)
{
	rlm_cbor_put_head(e, RLM_CBOR_SIMPLE, RLM_CBOR_NULL);
}

int rlm_cbor_enc_finish(const struct rlm_cbor_enc *e, size_t *len)
{
	if (!e)
		return RLM_EINVAL;
	if (len)
		*len = e->len;
	return e->err;
}
