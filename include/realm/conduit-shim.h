/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The shim conduit (userspace, Linux): RSI calls carried by the realm-shim
 * module's ioctls (realm/shim-uapi.h), so the guest API (realm/guest.h)
 * works unchanged in a guest agent:
 *
 *   struct rlm_shim_conduit s; struct rlm_conduit c; struct rlm_guest g;
 *   rlm_shim_conduit_open(&s, NULL, &c);
 *   rlm_guest_init(&g, &c, RLM_SHIM_CONDUIT_IPA, s.granule);
 *
 * Mapping: VERSION, FEATURES, REALM_CONFIG, MEASUREMENT_READ,
 * IPA_STATE_GET as themselves; MEASUREMENT_EXTEND of exactly one digest
 * (Linux's REM-file rule; other sizes answer RSI_ERROR_INPUT), logged by
 * the module; ATTESTATION_TOKEN_INIT fetches the whole token, CONTINUE
 * hands it out through the conduit's granule.  IPA_STATE_SET and HOST_CALL
 * are not offered (the conduit fails with RLM_ENOTSUP, which the typed
 * calls report as RLM_ECONDUIT).
 */
#ifndef RLM_CONDUIT_SHIM_H
#define RLM_CONDUIT_SHIM_H

#include <realm/env.h>
#include <realm/conduit.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The IPA the conduit gives its granule (any aligned protected IPA). */
#define RLM_SHIM_CONDUIT_IPA 0x1000ULL

struct rlm_shim_conduit {
	int fd;
	uint8_t granule[4096];
	uint8_t *token;       /* the token being handed out (malloc'd) */
	size_t token_len, token_pos;
};

/* Open the device (path NULL: /dev/realm-shim).  RLM_EIO if it cannot. */
int rlm_shim_conduit_open(struct rlm_shim_conduit *s, const char *path,
			  struct rlm_conduit *c);
void rlm_shim_conduit_close(struct rlm_shim_conduit *s);

/*
 * What the module offers beyond RSI: extend REM index (1..4) with
 * H(event) and log the event (digest_out, 64 bytes, may be NULL); read the
 * module's TCG2 event log (RLM_ENOSPC with *len = size needed).
 */
int rlm_shim_extend_event(struct rlm_shim_conduit *s, unsigned int index,
			  uint32_t event_type, const void *event, size_t len,
			  uint8_t *digest_out);
int rlm_shim_log_read(struct rlm_shim_conduit *s, uint8_t *buf, size_t cap,
		      size_t *len, size_t *count);

#ifdef __cplusplus
}
#endif

#endif /* RLM_CONDUIT_SHIM_H */
