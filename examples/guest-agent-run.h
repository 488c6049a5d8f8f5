/* SPDX-License-Identifier: BSD-3-Clause */
/* The example guest agent's body (guest-agent-run.c), shared by its
 * command line (guest-agent.c) and the tests that run it over each backend. */
#ifndef GUEST_AGENT_RUN_H
#define GUEST_AGENT_RUN_H

#include <stdio.h>

#include <realm/agent.h>

/* 0: attestable; 1: not; output lines on out. */
int guest_agent_run(struct rlm_agent *a, const uint8_t *nonce, size_t nonce_len,
		    FILE *out);

#endif
