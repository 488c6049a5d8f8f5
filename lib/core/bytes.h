/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Explicit little-endian packing.  Every ABI page is read and written through
 * these helpers byte by byte, never by casting a buffer to a struct, so the
 * result is the same on any host byte order and any alignment.
 */
#ifndef RLM_CORE_BYTES_H
#define RLM_CORE_BYTES_H

#include <realm/env.h>
#include <realm/error.h>

static inline void rlm_put_le8(uint8_t *p, uint8_t v)
{
	p[0] = v;
}

static inline void rlm_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void rlm_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void rlm_put_le64(uint8_t *p, uint64_t v)
{
	rlm_put_le32(p, (uint32_t)v);
	rlm_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline uint8_t rlm_get_le8(const uint8_t *p)
{
	return p[0];
}

static inline uint16_t rlm_get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (uint16_t)p[1] << 8);
}

static inline uint32_t rlm_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t rlm_get_le64(const uint8_t *p)
{
	return (uint64_t)rlm_get_le32(p) | (uint64_t)rlm_get_le32(p + 4) << 32;
}

static inline void rlm_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void rlm_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void rlm_put_be64(uint8_t *p, uint64_t v)
{
	rlm_put_be32(p, (uint32_t)(v >> 32));
	rlm_put_be32(p + 4, (uint32_t)v);
}

static inline uint16_t rlm_get_be16(const uint8_t *p)
{
	return (uint16_t)((uint16_t)p[0] << 8 | p[1]);
}

static inline uint32_t rlm_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	       (uint32_t)p[3];
}

static inline uint64_t rlm_get_be64(const uint8_t *p)
{
	return (uint64_t)rlm_get_be32(p) << 32 | rlm_get_be32(p + 4);
}

/* n little-endian 64-bit words, as the pages' register arrays hold them */
static inline void rlm_put_le64_array(uint8_t *dst, const uint64_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rlm_put_le64(dst + 8 * i, v[i]);
}

static inline void rlm_get_le64_array(uint64_t *v, const uint8_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = rlm_get_le64(src + 8 * i);
}

/* A page packer's arguments: both pointers, and room for the page
 * (RLM_EINVAL / RLM_ENOSPC, as realm/error.h numbers them). */
static inline int rlm_page_args_check(const void *p, const void *buf, size_t len,
				      size_t need)
{
	if (!p || !buf)
		return RLM_EINVAL;
	if (len < need)
		return RLM_ENOSPC;
	return 0;
}

#endif /* RLM_CORE_BYTES_H */
