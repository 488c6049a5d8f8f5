/* SPDX-License-Identifier: BSD-3-Clause */
#include <realm/hex.h>
#include <realm/error.h>

int rlm_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long rlm_hex_decode(const char *s, size_t n, uint8_t *out, size_t cap)
{
	size_t i;

	if ((!s && n) || n % 2)
		return RLM_EMALFORMED;
	for (i = 0; i < n; i++)
		if (rlm_hex_digit(s[i]) < 0)
			return RLM_EMALFORMED;
	if (n / 2 > cap || (!out && n))
		return RLM_ENOSPC;
	for (i = 0; i < n / 2; i++)	/* every digit was checked above */
		out[i] = (uint8_t)((unsigned int)rlm_hex_digit(s[2 * i]) << 4 |
				   (unsigned int)rlm_hex_digit(s[2 * i + 1]));
	return (long)(n / 2);
}

void rlm_hex_encode(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = 0;
}
