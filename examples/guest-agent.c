/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An example guest agent (its body: guest-agent-run.c).
 *
 *   guest-agent [--backend auto|kernel|shim|rsi] [--root DIR]
 *               [--rem-log FILE] [NONCE-HEX]
 *
 * NONCE-HEX: 32..64 bytes, random if omitted.  --root points the kernel
 * backend and the firmware files at another tree (a test's fake sysfs).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <realm/agent.h>
#include <realm/error.h>
#include <realm/hex.h>

#include "guest-agent-run.h"

static int usage(void)
{
	fprintf(stderr, "usage: guest-agent [--backend auto|kernel|shim|rsi] [--root DIR]\n"
			"                   [--rem-log FILE] [NONCE-HEX, 32..64 bytes]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct rlm_agent_opts o;
	struct rlm_agent *a = NULL;
	char why[512] = "";
	uint8_t nonce[64];
	size_t nonce_len = 64;
	bool have_nonce = false;
	int i, err;

	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--backend") && i + 1 < argc) {
			const char *b = argv[++i];

			if (!strcmp(b, "auto"))
				o.backend = RLM_AGENT_AUTO;
			else if (!strcmp(b, "kernel"))
				o.backend = RLM_AGENT_KERNEL;
			else if (!strcmp(b, "shim"))
				o.backend = RLM_AGENT_SHIM;
			else if (!strcmp(b, "rsi"))
				o.backend = RLM_AGENT_RSI;
			else
				return usage();
		} else if (!strcmp(argv[i], "--root") && i + 1 < argc) {
			o.root = argv[++i];
		} else if (!strcmp(argv[i], "--rem-log") && i + 1 < argc) {
			o.rem_log = argv[++i];
		} else if (argv[i][0] != '-' && !have_nonce) {
			long n = rlm_hex_decode(argv[i], strlen(argv[i]), nonce,
						sizeof(nonce));

			if (n < 32)
				return usage();
			nonce_len = (size_t)n;
			have_nonce = true;
		} else {
			return usage();
		}
	}
	if (!have_nonce) {
		int fd = open("/dev/urandom", O_RDONLY);

		if (fd < 0 || read(fd, nonce, sizeof(nonce)) != (ssize_t)sizeof(nonce)) {
			fprintf(stderr, "guest-agent: no randomness for a nonce\n");
			return 2;
		}
		close(fd);
	}
	/* Direct RSI needs a conduit a userspace program does not have: the
	 * RSI backend is for code that may issue SMCs (and tests). */
	o.errmsg = why;
	o.errmsg_len = sizeof(why);
	err = rlm_agent_open(&o, &a);
	if (err) {
		fprintf(stderr, "guest-agent: no realm interface here (%s: %s)\n",
			rlm_strerror(err), why);
		return 2;
	}
	err = guest_agent_run(a, nonce, nonce_len, stdout);
	rlm_agent_close(a);
	return err;
}
