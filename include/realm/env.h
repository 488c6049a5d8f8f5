/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * librealm environment header: the ONLY place where the portable core learns
 * about integer types, byte order and the few memory helpers it needs.
 *
 * Three environments:
 *   - Linux kernel (__KERNEL__): the kernel's own types and string helpers.
 *   - Freestanding (RLM_ENV_FREESTANDING): compiler headers only; memcpy,
 *     memset, memmove and memcmp come from lib/core/freestanding.c.  Used by
 *     the build check that proves the core never calls libc by accident.
 *   - Hosted userspace (default): C11 <stdint.h> & co. and <string.h>.
 */
#ifndef RLM_ENV_H
#define RLM_ENV_H

#if defined(__KERNEL__)
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/limits.h>
#define RLM_ENV_KERNEL 1
/* <stdint.h> names the kernel does not provide. */
#ifndef UINT8_C
#define UINT8_C(c) c
#define UINT16_C(c) c
#define UINT32_C(c) c##U
#define UINT64_C(c) c##ULL
#define INT32_C(c) c
#define INT64_C(c) c##LL
#endif
#ifndef UINT8_MAX
#define UINT8_MAX U8_MAX
#define UINT16_MAX U16_MAX
#define UINT32_MAX U32_MAX
#define UINT64_MAX U64_MAX
#define INT8_MAX S8_MAX
#define INT16_MAX S16_MAX
#define INT32_MAX S32_MAX
#define INT64_MAX S64_MAX
#define INT32_MIN S32_MIN
#define INT64_MIN S64_MIN
#endif
#elif defined(RLM_ENV_FREESTANDING)
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#else
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define rlm_memcpy(d, s, n) memcpy((d), (s), (n))
#define rlm_memmove(d, s, n) memmove((d), (s), (n))
#define rlm_memset(d, c, n) memset((d), (c), (n))
#define rlm_memcmp(a, b, n) memcmp((a), (b), (n))

/* Wipe memory that held a secret; the compiler may not drop it. */
static inline void rlm_memzero_explicit(void *p, size_t n)
{
	volatile uint8_t *v = (volatile uint8_t *)p;

	while (n--)
		*v++ = 0;
}

#if defined(__GNUC__)
#define RLM_UNUSED __attribute__((unused))
#define RLM_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define RLM_UNUSED
#define RLM_WARN_UNUSED
#endif

#if defined(__cplusplus)
#define RLM_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define RLM_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif
#define RLM_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#ifdef __cplusplus
}
#endif

#endif /* RLM_ENV_H */
