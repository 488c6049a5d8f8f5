/* SPDX-License-Identifier: BSD-3-Clause */
/* The shim conduit: RSI over the realm-shim module's ioctls (see header). */
#include <realm/conduit-shim.h>
#include <realm/error.h>

#if defined(__linux__)
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <realm/abi.h>
#include <realm/pack.h>
#include <realm/shim-uapi.h>

#include "core/bytes.h"

/* An ioctl's errno as the RSI status the RMM would have given. */
static int errno_status(struct rlm_smc_regs *r, int e)
{
	switch (e) {
	case EINVAL: r->x[0] = RLM_RSI_ERROR_INPUT; return 0;
	case EIO: r->x[0] = RLM_RSI_ERROR_STATE; return 0;
	default: return RLM_EIO;
	}
}

static int shim_call(void *ctx, struct rlm_smc_regs *r)
{
	struct rlm_shim_conduit *s = ctx;
	unsigned int i;

	switch (r->x[0]) {
	case RLM_SMC_RSI_ABI_VERSION:
	case RLM_SMC_RSI_FEATURES: {
		struct rlm_shim_version v;
		uint64_t fid = r->x[0];

		if (ioctl(s->fd, RLM_SHIM_IOC_VERSION, &v))
			return errno_status(r, errno);
		if (fid == RLM_SMC_RSI_FEATURES) {
			r->x[1] = r->x[1] == 0 ? v.features0 : 0;
		} else {
			/* The module negotiated 1.0: answer a request for the
			 * same major as the RMM does, others with ERROR_INPUT. */
			uint64_t req = r->x[1];

			r->x[1] = v.lower;
			r->x[2] = v.higher;
			r->x[0] = RLM_RSI_ABI_VERSION_GET_MAJOR(req) ==
				  RLM_RSI_ABI_VERSION_MAJOR ? RLM_RSI_SUCCESS
							    : RLM_RSI_ERROR_INPUT;
			return 0;
		}
		break;
	}
	case RLM_SMC_RSI_REALM_CONFIG: {
		struct rlm_shim_config sc;
		struct rlm_rsi_realm_config rc;

		if (r->x[1] != RLM_SHIM_CONDUIT_IPA) {
			r->x[0] = RLM_RSI_ERROR_INPUT;
			return 0;
		}
		if (ioctl(s->fd, RLM_SHIM_IOC_CONFIG, &sc))
			return errno_status(r, errno);
		memset(&rc, 0, sizeof(rc));
		rc.ipa_width = sc.ipa_bits;
		rc.hash_algo = (uint8_t)sc.hash_algo;
		memcpy(rc.rpv, sc.rpv, sizeof(rc.rpv));
		if (rlm_pack_rsi_realm_config(&rc, s->granule, sizeof(s->granule)))
			return RLM_EIO;
		break;
	}
	case RLM_SMC_RSI_MEASUREMENT_READ: {
		struct rlm_shim_measurement m;

		memset(&m, 0, sizeof(m));
		m.index = (uint32_t)(r->x[1] > 0xffffffffu ? 0xffffffffu : r->x[1]);
		if (ioctl(s->fd, RLM_SHIM_IOC_MEAS_READ, &m))
			return errno_status(r, errno);
		for (i = 0; i < 8; i++)
			r->x[1 + i] = rlm_get_le64(m.value + 8 * i);
		break;
	}
	case RLM_SMC_RSI_MEASUREMENT_EXTEND: {
		struct rlm_shim_extend e;
		struct rlm_shim_config sc;

		if (ioctl(s->fd, RLM_SHIM_IOC_CONFIG, &sc))
			return errno_status(r, errno);
		if (r->x[1] < 1 || r->x[1] > 4 || r->x[2] != sc.hash_size) {
			r->x[0] = RLM_RSI_ERROR_INPUT;
			return 0;
		}
		memset(&e, 0, sizeof(e));
		e.index = (uint32_t)r->x[1];
		e.event_type = 0x6; /* EV_EVENT_TAG */
		e.flags = RLM_SHIM_EXTEND_DIGEST;
		for (i = 0; i < 8; i++)
			rlm_put_le64(e.digest + 8 * i, r->x[3 + i]);
		if (ioctl(s->fd, RLM_SHIM_IOC_MEAS_EXTEND, &e))
			return errno == EPERM ? RLM_EPERM : errno_status(r, errno);
		break;
	}
	case RLM_SMC_RSI_ATTESTATION_TOKEN_INIT: {
		struct rlm_shim_token t;

		free(s->token);
		s->token = malloc(RLM_SHIM_TOKEN_MAX);
		s->token_len = s->token_pos = 0;
		if (!s->token)
			return RLM_ENOMEM;
		memset(&t, 0, sizeof(t));
		for (i = 0; i < 8; i++)
			rlm_put_le64(t.challenge + 8 * i, r->x[1 + i]);
		t.challenge_len = 64; /* already zero-padded by the caller */
		t.buf = (uintptr_t)s->token;
		t.len = RLM_SHIM_TOKEN_MAX;
		if (ioctl(s->fd, RLM_SHIM_IOC_TOKEN, &t)) {
			free(s->token);
			s->token = NULL;
			return errno_status(r, errno);
		}
		s->token_len = (size_t)t.len;
		r->x[1] = t.len;
		break;
	}
	case RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE: {
		uint64_t off = r->x[2], size = r->x[3], n;

		if (!s->token) {
			r->x[0] = RLM_RSI_ERROR_STATE;
			return 0;
		}
		if (r->x[1] != RLM_SHIM_CONDUIT_IPA || off > sizeof(s->granule) ||
		    size > sizeof(s->granule) - off) {
			r->x[0] = RLM_RSI_ERROR_INPUT;
			return 0;
		}
		n = s->token_len - s->token_pos;
		if (n > size)
			n = size;
		memcpy(s->granule + off, s->token + s->token_pos, (size_t)n);
		s->token_pos += (size_t)n;
		r->x[1] = n;
		if (s->token_pos < s->token_len) {
			r->x[0] = RLM_RSI_INCOMPLETE;
			return 0;
		}
		free(s->token);
		s->token = NULL;
		break;
	}
	case RLM_SMC_RSI_IPA_STATE_GET: {
		struct rlm_shim_ipa_state st;

		memset(&st, 0, sizeof(st));
		st.base = r->x[1];
		st.end = r->x[2];
		if (ioctl(s->fd, RLM_SHIM_IOC_IPA_STATE_GET, &st))
			return errno_status(r, errno);
		r->x[1] = st.top;
		r->x[2] = st.ripas;
		break;
	}
	default:
		return RLM_ENOTSUP;
	}
	r->x[0] = RLM_RSI_SUCCESS;
	return 0;
}

static const struct rlm_conduit_ops shim_ops = {
	.name = "shim",
	.call = shim_call,
};

int rlm_shim_conduit_open(struct rlm_shim_conduit *s, const char *path,
			  struct rlm_conduit *c)
{
	if (!s || !c)
		return RLM_EINVAL;
	memset(s, 0, sizeof(*s));
	s->fd = open(path ? path : RLM_SHIM_DEVICE, O_RDWR | O_CLOEXEC);
	if (s->fd < 0)
		return RLM_EIO;
	c->ops = &shim_ops;
	c->ctx = s;
	return 0;
}

void rlm_shim_conduit_close(struct rlm_shim_conduit *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->token);
	s->token = NULL;
}

static int errno_rlm(int e)
{
	switch (e) {
	case EINVAL: return RLM_EINVAL;
	case EPERM: return RLM_EPERM;
	case ENOSPC: return RLM_ENOSPC;
	case EFAULT: return RLM_EINVAL;
	case E2BIG: return RLM_E2BIG;
	default: return RLM_EIO;
	}
}

int rlm_shim_extend_event(struct rlm_shim_conduit *s, unsigned int index,
			  uint32_t event_type, const void *event, size_t len,
			  uint8_t *digest_out)
{
	struct rlm_shim_extend e;

	if (!s || (!event && len))
		return RLM_EINVAL;
	if (len > RLM_SHIM_EVENT_MAX)
		return RLM_E2BIG;
	memset(&e, 0, sizeof(e));
	e.index = index;
	e.event_type = event_type;
	e.event = (uintptr_t)event;
	e.event_len = (uint32_t)len;
	if (ioctl(s->fd, RLM_SHIM_IOC_MEAS_EXTEND, &e))
		return errno_rlm(errno);
	if (digest_out)
		memcpy(digest_out, e.digest, sizeof(e.digest));
	return 0;
}

int rlm_shim_log_read(struct rlm_shim_conduit *s, uint8_t *buf, size_t cap,
		      size_t *len, size_t *count)
{
	struct rlm_shim_log l;
	int err = 0;

	if (!s || !len || (!buf && cap))
		return RLM_EINVAL;
	memset(&l, 0, sizeof(l));
	l.buf = (uintptr_t)buf;
	l.len = cap;
	if (ioctl(s->fd, RLM_SHIM_IOC_LOG_READ, &l))
		err = errno_rlm(errno);
	if (err && err != RLM_ENOSPC)
		return err;
	*len = (size_t)l.len;
	if (count)
		*count = (size_t)l.count;
	return err;
}

#else /* !__linux__ */

int rlm_shim_conduit_open(struct rlm_shim_conduit *s, const char *path,
			  struct rlm_conduit *c)
{
	return RLM_ENOTSUP;
}

void rlm_shim_conduit_close(struct rlm_shim_conduit *s)
{
}

int rlm_shim_extend_event(struct rlm_shim_conduit *s, unsigned int index,
			  uint32_t event_type, const void *event, size_t len,
			  uint8_t *digest_out)
{
	return RLM_ENOTSUP;
}

int rlm_shim_log_read(struct rlm_shim_conduit *s, uint8_t *buf, size_t cap,
		      size_t *len, size_t *count)
{
	return RLM_ENOTSUP;
}

#endif
