/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RTT manager's per-table state for the realm memory flows (rmem.c):
 * block records and folds that keep them.  Internal to realm-core.
 */
#ifndef RLM_HOST_RTT_MGR_INT_H
#define RLM_HOST_RTT_MGR_INT_H

#include <realm/rtt_mgr.h>

/* The table at level covering ipa, if the shadow has it. */
struct rlm_rtt_node *rlm_rtt_mgr_node_(const struct rlm_rtt_mgr *m,
				       uint64_t ipa, int level);

/* The entry at level - 1 covering ipa maps the block out (PA | NS attrs):
 * record it (if the shadow has room) so that a table unfolding it starts
 * BASE.  Replaces an older record. */
void rlm_rtt_mgr_block_(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
			uint64_t out);

/* That block is unmapped or destroyed: drop its record. */
void rlm_rtt_mgr_unblock_(struct rlm_rtt_mgr *m, uint64_t ipa, int level);

/* rlm_rtt_mgr_fold(); block: the table maps one block (its node is BASE),
 * whose record the shadow keeps. */
int rlm_rtt_mgr_fold_(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		      bool block, struct rlm_rmi_result *res);

#endif /* RLM_HOST_RTT_MGR_INT_H */
