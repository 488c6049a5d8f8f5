/* SPDX-License-Identifier: BSD-3-Clause */
/* The guest agent API's private state, shared by its backends. */
#ifndef RLM_AGENT_INT_H
#define RLM_AGENT_INT_H

#include <limits.h>

#include <realm/agent.h>
#include <realm/conduit-shim.h>
#include <realm/guest.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* Largest file the agent reads whole (tokens, logs, CCEL, a secret). */
#define RLM_AGENT_FILE_MAX (1024 * 1024)
#define RLM_AGENT_MEM_LOG (64 * 1024)

struct rlm_agent {
	enum rlm_agent_backend backend;
	char root[PATH_MAX];          /* "" for "/" */
	char rem_log[PATH_MAX];
	struct rlm_agent_fs fs;
	char err[768];
	enum rlm_hash_algo algo;
	bool have_algo;
	int log_convention;
	/* kernel */
	char mr_path[5][PATH_MAX];     /* rim:<h>, rem0:<h>..rem3:<h> */
	bool have_mrs, have_tsm;
	unsigned long seq;
	/* shim and RSI: the guest API over a conduit */
	struct rlm_shim_conduit shim;
	struct rlm_conduit conduit;
	struct rlm_guest guest;
	uint8_t *mem_log;              /* RSI: the in-memory REM log */
	struct rlm_guest_log glog;
};

/* Record the failure (prefixed by the backend's name) and return err. */
int rlm_agent_fail_(struct rlm_agent *a, int err, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* -errno as an RLM_E* code. */
int rlm_agent_errno_(int e);
/* root + "/" + rel into out (RLM_E2BIG if too long). */
int rlm_agent_path_(const struct rlm_agent *a, char *out, size_t cap, const char *rel);


/*
 * Replay a TCG2 log's REM events onto rems (values so far, not reset):
 * REM n = H(REM n || digest of the realm hash).  convention says how the
 * index reads (RLM_AGENT_LOG_MR_INDEX: 1..4 = REM0..3, 0 = RIM, skipped;
 * RLM_AGENT_LOG_PCR: the UEFI CC mapping).  EV_NO_ACTION events are not
 * extended; trailing zero padding ends the log.
 */
int rlm_agent_replay_rems_(const uint8_t *log, size_t len, int convention,
			   enum rlm_hash_algo algo, uint8_t rems[4][64],
			   size_t *events);

/*
 * What the REMs should hold: zero, then the firmware's CCEL (if the kernel
 * exposes one; index = CC MR index), then log (the backend's REM log, in
 * a->log_convention).  Errors name the file that does not replay.
 */
int rlm_agent_expected_(struct rlm_agent *a, const uint8_t *log, size_t len,
			const char *log_name, uint8_t rems[4][64]);

/* The kernel backend (agent-kernel.c). */
int rlm_agent_kernel_probe_(const struct rlm_agent *a);
int rlm_agent_kernel_open_(struct rlm_agent *a);
int rlm_agent_kernel_token_(struct rlm_agent *a, const uint8_t *challenge,
			    size_t clen, uint8_t *out, size_t cap, size_t *len);
int rlm_agent_kernel_read_(struct rlm_agent *a, unsigned int index,
			   uint8_t value[64]);
int rlm_agent_kernel_extend_(struct rlm_agent *a, unsigned int index,
			     uint32_t type, const void *event, size_t len,
			     uint8_t digest[64]);
int rlm_agent_kernel_log_(struct rlm_agent *a, uint8_t *buf, size_t cap,
			  size_t *len);

/* Read a whole file through a->fs into a malloc'd buffer (*out, *len). */
int rlm_agent_slurp_(struct rlm_agent *a, const char *path, size_t max,
		     uint8_t **out, size_t *len);

#endif /* RLM_AGENT_INT_H */
