/* SPDX-License-Identifier: BSD-3-Clause */
/* The recording / scripted conduit for tests (see realm/conduit-record.h). */
#include <realm/conduit-record.h>
#include <realm/error.h>

void rlm_record_init(struct rlm_record *r, struct rlm_record_call *log,
		     size_t log_cap)
{
	if (!r)
		return;
	rlm_memset(r, 0, sizeof(*r));
	r->log = log;
	r->log_cap = log ? log_cap : 0;
}

void rlm_record_script(struct rlm_record *r, const struct rlm_smc_regs *script,
		       size_t n)
{
	if (!r)
		return;
	r->script = script;
	r->script_len = script ? n : 0;
	r->script_pos = 0;
	r->fn = NULL;
	r->fn_arg = NULL;
}

void rlm_record_callback(struct rlm_record *r, rlm_record_fn fn, void *arg)
{
	if (!r)
		return;
	r->fn = fn;
	r->fn_arg = arg;
	r->script = NULL;
	r->script_len = 0;
	r->script_pos = 0;
}

void rlm_record_ns(struct rlm_record *r, uint64_t base, uint8_t *mem, size_t len)
{
	if (!r)
		return;
	r->ns_base = base;
	r->ns_mem = mem;
	r->ns_len = mem ? len : 0;
}

void rlm_record_reset(struct rlm_record *r)
{
	if (r)
		r->calls = 0;
}

static int record_call_(void *ctx, struct rlm_smc_regs *regs)
{
	struct rlm_record *r = ctx;
	struct rlm_record_call *entry = NULL;
	size_t index;
	int rc;

	if (!r || !regs)
		return RLM_EINVAL;
	index = r->calls++;
	if (index < r->log_cap) {
		entry = &r->log[index];
		entry->in = *regs;
	}
	if (r->fn) {
		rc = r->fn(r->fn_arg, index, regs);
	} else if (r->script_pos < r->script_len) {
		*regs = r->script[r->script_pos++];
		rc = 0;
	} else {
		rc = RLM_ECONDUIT; /* the script ran out */
	}
	if (entry) {
		entry->out = *regs;
		entry->rc = rc;
	}
	return rc;
}

static void *record_ns_map_(void *ctx, uint64_t pa, size_t len)
{
	struct rlm_record *r = ctx;
	uint64_t off;

	if (!r || !r->ns_mem || pa < r->ns_base)
		return NULL;
	off = pa - r->ns_base;
	if (off > r->ns_len || len > r->ns_len - off)
		return NULL;
	return r->ns_mem + off;
}

const struct rlm_conduit_ops rlm_record_ops = {
	.name = "record",
	.call = record_call_,
	.ns_map = record_ns_map_,
};

void rlm_record_conduit(struct rlm_record *r, struct rlm_conduit *c)
{
	if (!c)
		return;
	c->ops = &rlm_record_ops;
	c->ctx = r;
}

size_t rlm_record_count(const struct rlm_record *r)
{
	return r ? r->calls : 0;
}

const struct rlm_record_call *rlm_record_get(const struct rlm_record *r,
					     size_t i)
{
	if (!r || i >= r->calls || i >= r->log_cap)
		return NULL;
	return &r->log[i];
}

size_t rlm_record_script_left(const struct rlm_record *r)
{
	return r ? r->script_len - r->script_pos : 0;
}
