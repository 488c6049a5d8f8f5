/* SPDX-License-Identifier: BSD-3-Clause */
/* realmctl launch: the report, as text or JSON. */
#include "launch.h"

static void print_json_(const struct launch_opts *o, const struct launch_plan *p,
			const struct launch_result *r)
{
	size_t hs = rlm_hash_size(p->pred.algo);
	struct json j;

	json_init(&j, stdout);
	json_obj_begin(&j);
	json_key(&j, "hash");
	json_str(&j, rlm_hash_name(p->pred.algo));
	json_key(&j, "rim_predicted");
	json_hex(&j, p->pred.value, hs);
	json_key(&j, "rim_realm");
	json_hex(&j, r->rim, hs);
	json_key(&j, "match");
	json_bool(&j, r->match);
	json_key(&j, "rmi_calls");
	json_u64(&j, r->calls);
	json_key(&j, "granules_leaked");
	json_u64(&j, r->leaked);
	json_key(&j, "rtts");
	json_u64(&j, p->cnt.rtts_ram + p->cnt.rtts_data);
	json_key(&j, "data_granules");
	json_u64(&j, p->cnt.data_measured + p->cnt.data_unmeasured);
	json_key(&j, "ripas_measurements");
	json_u64(&j, p->cnt.ripas_entries);
	json_key(&j, "recs");
	json_u64(&j, p->cnt.recs);
	if (r->kvm) {
		json_key(&j, "kvm_series");
		json_str(&j, r->series);
		json_key(&j, "entry_pc");
		json_u64(&j, r->entry_pc);
		json_key(&j, "x0");
		json_u64(&j, r->x0);
		json_key(&j, "exits");
		json_obj_begin(&j);
		json_key(&j, "total");
		json_u64(&j, r->exits);
		json_key(&j, "memory_fault");
		json_u64(&j, r->memory_faults);
		json_key(&j, "mmio");
		json_u64(&j, r->mmio);
		json_key(&j, "hypercall");
		json_u64(&j, r->hypercalls);
		json_key(&j, "shutdown");
		json_u64(&j, r->shutdowns);
		json_key(&j, "reset");
		json_u64(&j, r->resets);
		json_obj_end(&j);
		json_key(&j, "token_bytes");
		json_u64(&j, r->token_len);
		json_key(&j, "vgic");
		json_bool(&j, r->gic);
		json_key(&j, "token_verified");
		if (r->token < 0)
			json_null(&j);
		else
			json_bool(&j, r->token == 1);
		if (o->mec) {
			json_key(&j, "mec");
			json_str(&j, !r->mec_set ? "none" : r->mec_private ? "private" : "shared");
			json_key(&j, "mecid");
			json_u64(&j, r->mecid);
		}
	}
	if (o->log_path) {
		json_key(&j, "log_bytes");
		json_u64(&j, p->log_len);
	}
	if (r->ret) {
		json_key(&j, "failed_step");
		json_u64(&j, r->failed_step);
		json_key(&j, "failed_op");
		json_str(&j, rlm_launch_op_name(r->failed_op));
	}
	json_obj_end(&j);
	json_finish(&j);
}

static void print_text_(const struct launch_opts *o, const struct launch_plan *p,
			const struct launch_result *r)
{
	size_t hs = rlm_hash_size(p->pred.algo);

	printf("realm launched on the mock RMM (%s, %u-bit IPA, %zu RAM range%s)\n",
	       rlm_hash_name(p->pred.algo), (unsigned int)o->ipa_bits, o->nram,
	       o->nram == 1 ? "" : "s");
	printf("  rim predicted:   ");
	cli_print_hex(stdout, p->pred.value, hs);
	printf("\n  rim realm:       ");
	cli_print_hex(stdout, r->rim, hs);
	printf("\n  match:           %s\n", r->match ? "yes" : "NO");
	printf("  rmi calls:       %llu\n", (unsigned long long)r->calls);
	printf("  granules leaked: %llu\n", (unsigned long long)r->leaked);
	if (r->kvm) {
		printf("  kvm series:      %s\n", r->series);
		printf("  entry pc, x0:    %#llx, %#llx\n", (unsigned long long)r->entry_pc,
		       (unsigned long long)r->x0);
		printf("  exits handled:   %llu (%llu memory fault, %llu mmio, %llu hypercall, "
		       "%s)\n", (unsigned long long)r->exits,
		       (unsigned long long)r->memory_faults, (unsigned long long)r->mmio,
		       (unsigned long long)r->hypercalls,
		       r->shutdowns ? "shutdown" : r->resets ? "reset" : "no shutdown");
		printf("  token:           %s\n", r->token < 0 ? "not fetched" :
		       r->token ? "verified" : "FAILED");
		if (o->mec)
			printf("  mec:             %s, MECID %u\n", !r->mec_set ? "none" :
			       r->mec_private ? "private" : "shared", (unsigned)r->mecid);
	}
}

void launch_print(const struct launch_opts *o, const struct launch_plan *p,
		  const struct launch_result *r)
{
	if (o->json)
		print_json_(o, p, r);
	else
		print_text_(o, p, r);
}
