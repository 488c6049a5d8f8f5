/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An example guest agent: what a workload inside a realm does when a
 * verifier asks "prove what you are".
 *
 *   guest-agent [NONCE-HEX]      (32..64 bytes; random if omitted)
 *
 * 1. fetch an attestation token bound to the verifier's nonce;
 * 2. check it: it decodes, the realm signature and the platform binding
 *    verify, it carries the nonce (the verifier checks the platform
 *    signature with the platform's key);
 * 3. replay the event log the realm-shim keeps against the REMs, so the
 *    verifier can trust every logged event;
 * 4. print a verdict.
 *
 * It uses the same guest API a kernel would, through the shim conduit.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <realm/conduit-shim.h>
#include <realm/error.h>
#include <realm/guest.h>
#include <realm/hex.h>

#include <realm/token.h>

int main(int argc, char **argv)
{
	static uint8_t token[64 * 1024], log[64 * 1024];
	struct rlm_shim_conduit shim;
	struct rlm_conduit conduit;
	struct rlm_guest g;
	uint8_t nonce[64], rems[4][64], rem[64];
	size_t token_len = 0, log_len = 0, events = 0;
	int nonce_len = 64, err, i;
	bool token_ok, log_ok = true;

	if (argc > 1) {
		nonce_len = (int)rlm_hex_decode(argv[1], strlen(argv[1]), nonce,
						sizeof(nonce));
		if (nonce_len < RLM_GUEST_CHALLENGE_MIN) {
			fprintf(stderr, "usage: guest-agent [NONCE-HEX, 32..64 bytes]\n");
			return 2;
		}
	} else {
		int fd = open("/dev/urandom", O_RDONLY);

		if (fd < 0 || read(fd, nonce, sizeof(nonce)) != (ssize_t)sizeof(nonce)) {
			fprintf(stderr, "guest-agent: no randomness for a nonce\n");
			return 2;
		}
		close(fd);
	}

	if (rlm_shim_conduit_open(&shim, NULL, &conduit) ||
	    rlm_guest_init(&g, &conduit, RLM_SHIM_CONDUIT_IPA, shim.granule)) {
		fprintf(stderr, "guest-agent: no realm here (is realm-shim loaded?)\n");
		return 2;
	}
	printf("realm: IPA width %u, %s measurements\n", g.cfg.ipa_bits,
	       rlm_hash_name(g.cfg.hash_algo));

	/* 1-2. The token, bound to the nonce. */
	err = rlm_guest_token(&g, nonce, (size_t)nonce_len, token, sizeof(token),
			      &token_len);
	token_ok = !err && token_len > 0;
	if (!token_ok)
		printf("token: none (%s)\n", rlm_strerror(err));
	if (token_ok) {
		static struct rlm_token t;
		struct rlm_token_result res;
		int verr;

		memset(nonce + nonce_len, 0, sizeof(nonce) - (size_t)nonce_len);
		token_ok = !rlm_token_decode(token, token_len, &t) &&
			   t.realm.challenge.len == 64 &&
			   !memcmp(t.realm.challenge.ptr, nonce, 64);
		verr = token_ok ? rlm_token_verify(&t, NULL, &res) : 0;
		if (verr == RLM_ENOTSUP) /* librealm built without OpenSSL */
			printf("token: %zu bytes (not checked: built without OpenSSL)\n",
			       token_len);
		else {
			token_ok = token_ok && (verr == 0 ||
				   (res.realm_signature == RLM_TOKEN_OK &&
				    res.binding == RLM_TOKEN_OK));
			printf("token: %zu bytes, %s\n", token_len,
			       token_ok ? "realm signature, binding and nonce verified"
					: "DOES NOT VERIFY");
		}
	}

	/* 3. The event log, replayed against the REMs the RMM holds. */
	err = rlm_shim_log_read(&shim, log, sizeof(log), &log_len, &events);
	if (!err)
		err = rlm_guest_log_replay(log, log_len, NULL, rems, &events);
	if (err) {
		printf("event log: unreadable (%s)\n", rlm_strerror(err));
		log_ok = false;
	}
	for (i = 0; log_ok && i < 4; i++) {
		if (rlm_guest_measurement_read(&g, (unsigned int)i + 1, rem, NULL) ||
		    memcmp(rem, rems[i], sizeof(rem)) != 0) {
			printf("event log: REM%d does not match the replay\n", i);
			log_ok = false;
		}
	}
	if (log_ok)
		printf("event log: %zu events, replay matches the REMs\n", events);

	/* 4. The verdict. */
	rlm_shim_conduit_close(&shim);
	if (token_ok && log_ok) {
		printf("VERDICT: attestable (send the token and the log to the verifier)\n");
		return 0;
	}
	printf("VERDICT: not attestable (%s%s%s)\n", token_ok ? "" : "no token",
	       !token_ok && !log_ok ? ", " : "", log_ok ? "" : "event log does not replay");
	return 1;
}
