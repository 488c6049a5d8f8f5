/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz the TCG2 event-log reader: any input replays or is refused, never
 * read past; iterating agrees with the replay's event count. */
#include <stdint.h>
#include <stdlib.h>

#include <realm/realm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rlm_guest_log_event ev;
	uint8_t rems[4][64];
	size_t count = 0, off = 0, n = 0;
	int err, it;

	err = rlm_guest_log_replay(data, size, NULL, rems, &count);
	if (err && err != RLM_EMALFORMED && err != RLM_ETRUNC)
		abort();
	while ((it = rlm_guest_log_next(data, size, &off, &ev)) == 0) {
		if (ev.index < 1 || ev.index > 4 || ev.data + ev.data_len > data + size)
			abort();
		n++;
	}
	if (!err && (it != RLM_ENOENT || n != count))
		abort();
	return 0;
}
