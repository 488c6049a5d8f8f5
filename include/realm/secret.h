/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * EFI confidential-computing secret area (the layout Linux's efi_secret
 * driver reads; checked in torvalds/linux
 * drivers/virt/coco/efi_secret/efi_secret.c):
 *
 *   header: GUID 1e74f542-71dd-4d66-963e-ef4287ff173b, u32 total length
 *           (little-endian, including this 20-byte header)
 *   entries, packed: GUID, u32 length (including the 20-byte entry
 *           header), data; an all-zero GUID marks a deleted entry.
 *
 * The EFI configuration table adf956ad-e98c-484c-ae11-b51c7d336447 points
 * at {u64 base, u64 size} of the area; on CCA it must be RIPAS RAM.
 *
 * Portable core: no allocation; entries point into the caller's buffer.
 * Stricter than Linux: entries must fill the declared length exactly (a
 * 1..19-byte tail is refused, Linux ignores it).  Bytes after the declared
 * length (page padding) are allowed.
 */
#ifndef RLM_SECRET_H
#define RLM_SECRET_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_SECRET_HEADER_SIZE 20
#define RLM_SECRET_ENTRY_HEADER_SIZE 20
#define RLM_GUID_STR_LEN 36

/* A GUID in EFI binary layout (first three fields little-endian). */
struct rlm_guid {
	uint8_t b[16];
};

extern const struct rlm_guid rlm_secret_table_header_guid;
extern const struct rlm_guid rlm_secret_config_table_guid;

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (either case, exactly 36 chars
 * then NUL) to binary; RLM_EMALFORMED otherwise. */
int rlm_guid_parse(const char *s, struct rlm_guid *g);
/* Lower-case text, out holds RLM_GUID_STR_LEN + 1 bytes. */
void rlm_guid_format(const struct rlm_guid *g, char *out);
bool rlm_guid_is_null(const struct rlm_guid *g);

struct rlm_secret_entry {
	struct rlm_guid guid;
	const uint8_t *data;   /* inside the area */
	size_t len;            /* data bytes (entry length - 20) */
	size_t offset;         /* of the entry header in the area */
};

/*
 * Validate an area of len bytes: header GUID (RLM_ENOENT if absent:
 * Linux treats that as "no secrets"), total length >= 20 and <= len,
 * every entry length >= 20 and inside the total, nothing left over.
 * *count (optional) = live (non-deleted) entries.
 */
int rlm_secret_area_check(const uint8_t *area, size_t len, size_t *count);

/* Iterate live entries: *cursor starts at 0; RLM_ENOENT after the last.
 * The area must have passed rlm_secret_area_check() (checked again). */
int rlm_secret_area_next(const uint8_t *area, size_t len, size_t *cursor,
			 struct rlm_secret_entry *e);

/* The live entry with this GUID (the first if repeated), RLM_ENOENT. */
int rlm_secret_area_find(const uint8_t *area, size_t len,
			 const struct rlm_guid *g, struct rlm_secret_entry *e);

/* Delete an entry as Linux's unlink does: wipe its data (explicitly) and
 * zero its GUID. */
int rlm_secret_area_delete(uint8_t *area, size_t len, const struct rlm_guid *g);

/* Building an area (a VMM injecting secrets). */
struct rlm_secret_builder {
	uint8_t *buf;
	size_t cap;
	size_t len;
	int err;
};
int rlm_secret_build_init(struct rlm_secret_builder *b, uint8_t *buf, size_t cap);
int rlm_secret_build_add(struct rlm_secret_builder *b, const struct rlm_guid *g,
			 const void *data, size_t len);
/* 0 and *len = area size; the first error otherwise. */
int rlm_secret_build_finish(struct rlm_secret_builder *b, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* RLM_SECRET_H */
