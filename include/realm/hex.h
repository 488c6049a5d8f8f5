/* SPDX-License-Identifier: BSD-3-Clause */
/* Hex text <-> bytes (portable core; used by the CLI, traces, GUIDs). */
#ifndef RLM_HEX_H
#define RLM_HEX_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Value of one hex digit (either case), or -1. */
int rlm_hex_digit(char c);

/*
 * Decode exactly n hex characters of s (no prefix, n even) into out.
 * Returns the byte count, RLM_EMALFORMED for an odd length or a non-hex
 * character, RLM_ENOSPC if n / 2 > cap.  Nothing is written on error.
 */
long rlm_hex_decode(const char *s, size_t n, uint8_t *out, size_t cap);

/* Lower-case hex of n bytes into out (2n + 1 bytes, NUL-terminated). */
void rlm_hex_encode(const uint8_t *p, size_t n, char *out);

#ifdef __cplusplus
}
#endif

#endif /* RLM_HEX_H */
