/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The example guest agent's body: what a workload inside a realm does when
 * a verifier asks "prove what you are", through the guest agent API
 * (realm/agent.h), so it runs unchanged over the kernel's own interfaces,
 * the realm-shim module or direct RSI.
 *
 * 1. fetch an attestation token bound to the verifier's nonce and check
 *    it (with OpenSSL: it decodes, the realm signature and the platform
 *    binding verify, it carries the nonce);
 * 2. measure this agent's start into REM3, logged;
 * 3. check every REM against its logs (the firmware's CCEL, then the REM
 *    log), so the verifier can trust every logged event;
 * 4. report the firmware's event log and the boot secrets present;
 * 5. print a verdict.
 */
#include <string.h>

#include <realm/error.h>
#include <realm/eventlog.h>

#include <realm/token.h>

#include "guest-agent-run.h"

static const char agent_event[] = "guest-agent: attestation requested";

static size_t count_events(const uint8_t *log, size_t len)
{
	struct rlm_tcg_log l;
	struct rlm_tcg_event ev;
	size_t pos, n = 0;

	if (rlm_tcg_log_open(&l, log, len, NULL))
		return 0;
	pos = l.first_event;
	while (!rlm_tcg_log_next(&l, &pos, &ev, NULL))
		n++;
	return n;
}

int guest_agent_run(struct rlm_agent *a, const uint8_t *nonce_in, size_t nonce_len,
		    FILE *out)
{
	static uint8_t token[64 * 1024], log[256 * 1024];
	struct rlm_guid guids[16];
	enum rlm_hash_algo algo;
	uint8_t nonce[64], digest[64];
	size_t token_len = 0, log_len = 0, n = 0, i;
	bool token_ok, log_ok;
	int err, bad = -1;

	memset(nonce, 0, sizeof(nonce));
	memcpy(nonce, nonce_in, nonce_len > 64 ? 64 : nonce_len);
	err = rlm_agent_hash_algo(a, &algo);
	fprintf(out, "backend: %s, %s measurements\n",
		rlm_agent_backend_name(rlm_agent_backend(a)),
		err ? "unknown" : rlm_hash_name(algo));

	/* 1. The token, bound to the nonce. */
	err = rlm_agent_token(a, nonce, nonce_len, token, sizeof(token), &token_len);
	token_ok = !err && token_len > 0;
	if (!token_ok)
		fprintf(out, "token: none (%s: %s)\n", rlm_strerror(err), rlm_agent_error(a));
	if (token_ok) {
		static struct rlm_token t;
		struct rlm_token_result res;
		int verr;

		token_ok = !rlm_token_decode(token, token_len, &t) &&
			   t.realm.challenge.len == 64 &&
			   !memcmp(t.realm.challenge.ptr, nonce, 64);
		verr = token_ok ? rlm_token_verify(&t, NULL, &res) : 0;
		if (verr == RLM_ENOTSUP) { /* librealm built without OpenSSL */
			fprintf(out, "token: %zu bytes (not checked: built without OpenSSL)\n",
				token_len);
		} else {
			token_ok = token_ok && (verr == 0 ||
				   (res.realm_signature == RLM_TOKEN_OK &&
				    res.binding == RLM_TOKEN_OK));
			fprintf(out, "token: %zu bytes, %s\n", token_len,
				token_ok ? "realm signature, binding and nonce verified"
					 : "DOES NOT VERIFY");
		}
	}

	/* 2. This agent's start, measured into REM3 and logged. */
	err = rlm_agent_extend(a, 4, RLM_EV_EVENT_TAG, agent_event, sizeof(agent_event) - 1,
			       digest);
	if (err)
		fprintf(out, "extend: REM3 refused (%s: %s)\n", rlm_strerror(err),
			rlm_agent_error(a));
	else
		fprintf(out, "extend: REM3 with \"%s\"\n", agent_event);

	/* 3. Every REM against the firmware's log and the REM log. */
	err = rlm_agent_check_rems(a, &bad);
	if (!err)
		err = rlm_agent_log(a, log, sizeof(log), &log_len);
	log_ok = !err;
	if (log_ok)
		fprintf(out, "event log: %zu events, replay matches the REMs\n",
			count_events(log, log_len));
	else if (bad >= 0)
		fprintf(out, "event log: REM%d does not match the replay (%s)\n", bad,
			rlm_agent_error(a));
	else
		fprintf(out, "event log: unreadable (%s: %s)\n", rlm_strerror(err),
			rlm_agent_error(a));

	/* 4. What the firmware left: its event log and the boot secrets. */
	err = rlm_agent_ccel(a, log, sizeof(log), &log_len);
	if (err == RLM_ENOENT)
		fprintf(out, "CCEL: none\n");
	else if (err)
		fprintf(out, "CCEL: unreadable (%s)\n", rlm_agent_error(a));
	else
		fprintf(out, "CCEL: %zu bytes, %zu events\n", log_len,
			count_events(log, log_len));
	err = rlm_agent_secrets(a, guids, sizeof(guids) / sizeof(guids[0]), &n);
	if (err == RLM_ENOENT) {
		fprintf(out, "secrets: none\n");
	} else if (err && err != RLM_ENOSPC) {
		fprintf(out, "secrets: unreadable (%s)\n", rlm_agent_error(a));
	} else {
		fprintf(out, "secrets: %zu", n);
		for (i = 0; i < n && i < sizeof(guids) / sizeof(guids[0]); i++) {
			char g[RLM_GUID_STR_LEN + 1];

			rlm_guid_format(&guids[i], g);
			fprintf(out, "%s%s", i ? ", " : " (", g);
		}
		fprintf(out, "%s\n", n ? ")" : "");
	}

	/* 5. The verdict. */
	if (token_ok && log_ok) {
		fprintf(out, "VERDICT: attestable (send the token and the logs to the verifier)\n");
		return 0;
	}
	fprintf(out, "VERDICT: not attestable (%s%s%s)\n", token_ok ? "" : "no token",
		!token_ok && !log_ok ? ", " : "", log_ok ? "" : "event log does not replay");
	return 1;
}
