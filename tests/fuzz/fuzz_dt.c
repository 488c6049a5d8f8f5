/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz the device-tree checks and fix-ups: any input is either refused as
 * an invalid DTB or checked, and the fix-ups never write past the buffer
 * (ASan) and leave a DTB the check still reads. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <realm/realm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rlm_dt_report r;
	struct rlm_dt_range ram[8];
	size_t n, cap = size + 1024;
	uint8_t *buf;
	int err;

	err = rlm_dt_check(data, size, 33, &r);
	if (err && err != RLM_EMALFORMED && err != RLM_ETRUNC)
		abort();
	if (!err && r.ok != (r.nfindings == 0))
		abort();
	err = rlm_dt_ram_ranges(data, size, ram, 8, &n);
	if (err && err != RLM_EMALFORMED && err != RLM_ETRUNC && err != RLM_ENOSPC)
		abort();
	buf = malloc(cap);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	memset(buf + size, 0, cap - size);
	if (rlm_dt_fixup_console(buf, cap, 33) == 0 &&
	    rlm_dt_check(buf, cap, 33, &r) != 0)
		abort();
	memcpy(buf, data, size);
	if (rlm_dt_add_reserved(buf, cap, "efi-secret", 0x7fff0000, 0x1000) == 0 &&
	    rlm_dt_check(buf, cap, 33, &r) != 0)
		abort();
	free(buf);
	return 0;
}
