/* SPDX-License-Identifier: BSD-3-Clause */
#include <realm/error.h>

struct rlm_errdesc {
	const char *name;
	const char *text;
};

/* Indexed by -code. */
static const struct rlm_errdesc rlm_errors[] = {
	{ "RLM_OK", "success" },
	{ "RLM_EINVAL", "invalid argument" },
	{ "RLM_EALIGN", "address not aligned as required" },
	{ "RLM_ERANGE", "index or value out of range" },
	{ "RLM_E2BIG", "size over the limit" },
	{ "RLM_ENOSPC", "buffer too small" },
	{ "RLM_ERMI", "RMM returned an RMI error status" },
	{ "RLM_ERSI", "RMM returned an RSI error status" },
	{ "RLM_EVERSION", "unsupported RMM ABI version" },
	{ "RLM_ECONDUIT", "conduit failure (unknown function or transport error)" },
	{ "RLM_ENOTSUP", "not supported" },
	{ "RLM_ENOMEM", "out of capacity" },
	{ "RLM_EMALFORMED", "malformed input" },
	{ "RLM_ETRUNC", "truncated input" },
	{ "RLM_EVERIFY", "verification failed" },
	{ "RLM_EMISMATCH", "value mismatch" },
	{ "RLM_ESTATE", "wrong state for this operation" },
	{ "RLM_ENOENT", "not found" },
	{ "RLM_EIO", "I/O error" },
	{ "RLM_EPERM", "operation refused" },
	{ "RLM_EBUSY", "resource busy" },
	{ "RLM_ECRYPTO", "cryptographic provider failure" },
	{ "RLM_EEXIST", "already exists" },
};

RLM_STATIC_ASSERT(RLM_ARRAY_SIZE(rlm_errors) == (size_t)-RLM_ERR_MIN_,
		  "every error code has a description");

static const struct rlm_errdesc *rlm_errlookup(int err)
{
	if (err > 0 || err <= RLM_ERR_MIN_)
		return NULL;
	return &rlm_errors[-err];
}

const char *rlm_strerror(int err)
{
	const struct rlm_errdesc *d = rlm_errlookup(err);

	return d ? d->text : "unknown error";
}

const char *rlm_errname(int err)
{
	const struct rlm_errdesc *d = rlm_errlookup(err);

	return d ? d->name : "RLM_E?";
}
