/* SPDX-License-Identifier: BSD-3-Clause */
/* EFI secret area: parse, find, delete, build (portable core). */
#include <realm/error.h>
#include <realm/secret.h>
#include <realm/hex.h>

#include "core/bytes.h"

#define SECRET_U32_MAX_ 0xffffffffu /* the kernel has no UINT32_MAX */

/* 1e74f542-71dd-4d66-963e-ef4287ff173b in EFI byte order */
const struct rlm_guid rlm_secret_table_header_guid = { {
	0x42, 0xf5, 0x74, 0x1e, 0xdd, 0x71, 0x66, 0x4d,
	0x96, 0x3e, 0xef, 0x42, 0x87, 0xff, 0x17, 0x3b,
} };

/* adf956ad-e98c-484c-ae11-b51c7d336447 */
const struct rlm_guid rlm_secret_config_table_guid = { {
	0xad, 0x56, 0xf9, 0xad, 0x8c, 0xe9, 0x4c, 0x48,
	0xae, 0x11, 0xb5, 0x1c, 0x7d, 0x33, 0x64, 0x47,
} };

/* Position of each text byte pair in the binary GUID. */
static const uint8_t guid_order_[16] = {
	3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15,
};

int rlm_guid_parse(const char *s, struct rlm_guid *g)
{
	size_t i, k = 0;

	if (!s || !g)
		return RLM_EINVAL;
	for (i = 0; i < RLM_GUID_STR_LEN;) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return RLM_EMALFORMED;
			i++;
			continue;
		}
		if (!s[i] || !s[i + 1])
			return RLM_EMALFORMED;
		hi = rlm_hex_digit(s[i]);
		lo = rlm_hex_digit(s[i + 1]);
		if (hi < 0 || lo < 0)
			return RLM_EMALFORMED;
		g->b[guid_order_[k++]] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	if (s[RLM_GUID_STR_LEN])
		return RLM_EMALFORMED;
	return 0;
}

void rlm_guid_format(const struct rlm_guid *g, char *out)
{
	uint8_t b[16];
	char hex[2 * 16 + 1];
	size_t i, o = 0;

	for (i = 0; i < 16; i++)   /* text order */
		b[i] = g->b[guid_order_[i]];
	rlm_hex_encode(b, 16, hex);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[2 * i];
		out[o++] = hex[2 * i + 1];
	}
	out[o] = 0;
}

bool rlm_guid_is_null(const struct rlm_guid *g)
{
	size_t i;

	for (i = 0; i < 16; i++)
		if (g->b[i])
			return false;
	return true;
}

/* The declared total length, after header checks. */
static int area_total_(const uint8_t *area, size_t len, size_t *total)
{
	uint32_t t;

	if (!area)
		return RLM_EINVAL;
	if (len < RLM_SECRET_HEADER_SIZE)
		return RLM_ETRUNC;
	if (rlm_memcmp(area, rlm_secret_table_header_guid.b, 16))
		return RLM_ENOENT;
	t = rlm_get_le32(area + 16);
	if (t < RLM_SECRET_HEADER_SIZE)
		return RLM_EMALFORMED;
	if (t > len)
		return RLM_ETRUNC;
	*total = t;
	return 0;
}

/* Read the entry header at *pos (inside [20, total)). */
static int entry_at_(const uint8_t *area, size_t total, size_t pos,
		     struct rlm_secret_entry *e, size_t *next)
{
	uint32_t el;

	if (total - pos < RLM_SECRET_ENTRY_HEADER_SIZE)
		return RLM_EMALFORMED; /* leftover bytes after the last entry */
	el = rlm_get_le32(area + pos + 16);
	if (el < RLM_SECRET_ENTRY_HEADER_SIZE)
		return RLM_EMALFORMED;
	if (el > total - pos)
		return RLM_ETRUNC; /* entry runs past the declared length */
	rlm_memcpy(e->guid.b, area + pos, 16);
	e->offset = pos;
	e->data = area + pos + RLM_SECRET_ENTRY_HEADER_SIZE;
	e->len = el - RLM_SECRET_ENTRY_HEADER_SIZE;
	*next = pos + el;
	return 0;
}

int rlm_secret_area_check(const uint8_t *area, size_t len, size_t *count)
{
	struct rlm_secret_entry e;
	size_t total, pos = RLM_SECRET_HEADER_SIZE, n = 0;
	int ret;

	ret = area_total_(area, len, &total);
	if (ret)
		return ret;
	while (pos < total) {
		ret = entry_at_(area, total, pos, &e, &pos);
		if (ret)
			return ret;
		if (!rlm_guid_is_null(&e.guid))
			n++;
	}
	if (count)
		*count = n;
	return 0;
}

int rlm_secret_area_next(const uint8_t *area, size_t len, size_t *cursor,
			 struct rlm_secret_entry *e)
{
	size_t total, pos;
	int ret;

	if (!cursor || !e)
		return RLM_EINVAL;
	ret = area_total_(area, len, &total);
	if (ret)
		return ret;
	pos = *cursor < RLM_SECRET_HEADER_SIZE ? RLM_SECRET_HEADER_SIZE : *cursor;
	while (pos < total) {
		ret = entry_at_(area, total, pos, e, &pos);
		if (ret)
			return ret;
		if (!rlm_guid_is_null(&e->guid)) {
			*cursor = pos;
			return 0;
		}
	}
	*cursor = pos;
	return RLM_ENOENT;
}

int rlm_secret_area_find(const uint8_t *area, size_t len,
			 const struct rlm_guid *g, struct rlm_secret_entry *e)
{
	size_t cur = 0;
	int ret;

	if (!g || !e)
		return RLM_EINVAL;
	ret = rlm_secret_area_check(area, len, NULL);
	if (ret)
		return ret;
	while (!(ret = rlm_secret_area_next(area, len, &cur, e)))
		if (!rlm_memcmp(e->guid.b, g->b, 16))
			return 0;
	return ret;
}

int rlm_secret_area_delete(uint8_t *area, size_t len, const struct rlm_guid *g)
{
	struct rlm_secret_entry e;
	int ret = rlm_secret_area_find(area, len, g, &e);

	if (ret)
		return ret;
	rlm_memzero_explicit(area + e.offset + RLM_SECRET_ENTRY_HEADER_SIZE, e.len);
	rlm_memzero_explicit(area + e.offset, 16);
	return 0;
}

int rlm_secret_build_init(struct rlm_secret_builder *b, uint8_t *buf, size_t cap)
{
	if (!b || !buf)
		return RLM_EINVAL;
	b->buf = buf;
	b->cap = cap;
	b->len = 0;
	b->err = 0;
	if (cap < RLM_SECRET_HEADER_SIZE) {
		b->err = RLM_ENOSPC;
		return b->err;
	}
	rlm_memcpy(buf, rlm_secret_table_header_guid.b, 16);
	rlm_put_le32(buf + 16, RLM_SECRET_HEADER_SIZE);
	b->len = RLM_SECRET_HEADER_SIZE;
	return 0;
}

int rlm_secret_build_add(struct rlm_secret_builder *b, const struct rlm_guid *g,
			 const void *data, size_t len)
{
	size_t el;

	if (!b || !g || (!data && len))
		return RLM_EINVAL;
	if (b->err)
		return b->err;
	if (rlm_guid_is_null(g))
		return RLM_EINVAL; /* the null GUID means "deleted" */
	if (len > SECRET_U32_MAX_ - RLM_SECRET_ENTRY_HEADER_SIZE ||
	    b->len + RLM_SECRET_ENTRY_HEADER_SIZE + len > SECRET_U32_MAX_) {
		b->err = RLM_E2BIG;
		return b->err;
	}
	el = RLM_SECRET_ENTRY_HEADER_SIZE + len;
	if (el > b->cap - b->len) {
		b->err = RLM_ENOSPC;
		return b->err;
	}
	rlm_memcpy(b->buf + b->len, g->b, 16);
	rlm_put_le32(b->buf + b->len + 16, (uint32_t)el);
	if (len)
		rlm_memcpy(b->buf + b->len + RLM_SECRET_ENTRY_HEADER_SIZE, data, len);
	b->len += el;
	rlm_put_le32(b->buf + 16, (uint32_t)b->len);
	return 0;
}

int rlm_secret_build_finish(struct rlm_secret_builder *b, size_t *len)
{
	if (!b || !len)
		return RLM_EINVAL;
	*len = b->len;
	return b->err;
}
