/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM's DATA granules: DATA_CREATE (measured into the RIM),
 * DATA_CREATE_UNKNOWN and DATA_DESTROY.
 *
 * Each handler performs its checks in the order of the reference RMM,
 * TF-RMM tag rmm-spec-v1.0-rel0 (runtime/rmi/rtt.c), which was read to establish that
 * order; the code here is our own model.
 */
#include "mock_int.h"

#include <core/bytes.h>

/* ---- RMI: data -------------------------------------------------------- */

void mock_rim_extend_data_(struct rlm_mock *m, struct mock_realm *r, uint64_t ipa,
			   uint64_t flags, uint64_t src)
{
	struct rlm_rim rim;

	rim.algo = (enum rlm_hash_algo)r->hash_algo;
	rlm_memcpy(rim.value, r->meas[0], RLM_HASH_MAX_SIZE);
	if (flags == RLM_RMI_MEASURE_CONTENT) {
		const uint8_t *c = mock_ns_read_(m, src);

		if (!m->src_cache_valid || m->src_cache_algo != r->hash_algo ||
		    rlm_memcmp(c, m->src_cache, RLM_GRANULE_SIZE)) {
			rlm_memcpy(m->src_cache, c, RLM_GRANULE_SIZE);
			rlm_rim_granule_hash(rim.algo, c, m->src_cache_hash);
			m->src_cache_algo = r->hash_algo;
			m->src_cache_valid = 1;
		}
		rlm_rim_extend_data_hash(&rim, ipa, flags, m->src_cache_hash);
	} else {
		rlm_rim_extend_data_hash(&rim, ipa, flags, NULL);
	}
	rlm_memcpy(r->meas[0], rim.value, RLM_HASH_MAX_SIZE);
}

/* Keep a DATA granule's initial content when it is not all zero and the
 * page store is less than half full (realm pages are read by RSI calls);
 * otherwise the content is not kept and the realm reads zeros.  Equal
 * contents in a row share one page (copied when the realm writes). */
void mock_store_content_(struct rlm_mock *m, uint64_t data, uint64_t src)
{
	const uint8_t *c;

	/* half of the store stays free for pages RSI calls need (counted in
	 * granules with content, shared pages or not) */
	if (m->cfg.max_pages - m->page_maps <= m->cfg.max_pages / 2)
		return;
	c = mock_ns_read_(m, src);
	/* all zero: byte 0 is, and every byte equals the next (memcmp) */
	if (!c[0] && !rlm_memcmp(c, c + 1, RLM_GRANULE_SIZE - 1))
		return;
	mock_page_store_(m, data, c);
}

static uint64_t data_create_(struct rlm_mock *m, uint64_t rd, uint64_t data,
			     uint64_t ipa, uint64_t src, uint64_t flags, bool unknown)
{
	struct mock_realm *r;
	struct mock_walk w;
	uint64_t *e;

	if (!unknown) {
		if (flags != RLM_RMI_NO_MEASURE_CONTENT && flags != RLM_RMI_MEASURE_CONTENT)
			return RLM_RMI_ERROR_INPUT;
		if (!mock_gis_(m, src, G_NS))
			return RLM_RMI_ERROR_INPUT;
	}
	if (!mock_two_(m, data, G_DELEGATED, rd, G_RD))
		return RLM_RMI_ERROR_INPUT;
	r = mock_realm_of_(m, rd);
	if (!unknown && r->state != REALM_NEW)
		return RLM_RMI_ERROR_REALM;
	if (!mock_in_par_(r, ipa) || !mock_valid_map_addr_(r, ipa, 3))
		return RLM_RMI_ERROR_INPUT;
	if (!r->lpa2 && data >= (UINT64_C(1) << 48))
		return RLM_RMI_ERROR_INPUT;
	mock_walk_(m, r, ipa, 3, &w);
	if (w.level != 3)
		return mock_rtt_err_(w.level);
	e = &m->rtts[w.rtt].e[w.idx];
	if (E_KIND(*e) != K_UNASSIGNED && E_KIND(*e) != K_UNASSIGNED_NS)
		return mock_rtt_err_(3);
	if (!unknown) {
		mock_rim_extend_data_(m, r, ipa, flags, src);
		mock_store_content_(m, data, src);
		*e = E_MAKE(K_ASSIGNED, RLM_RIPAS_RAM, data);
	} else {
		*e = E_MAKE(K_ASSIGNED, E_RIPAS(*e), data);
	}
	m->rtts[w.rtt].refcount++;
	mock_rtt_dirty_(m, w.rtt);
	mock_gset_(m, data, G_DATA);
	return RLM_RMI_SUCCESS;
}

void mock_rmi_data_destroy_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], ipa = x->x[2], *e, pa;
	struct mock_realm *r = mock_realm_of_(m, rd);
	struct mock_walk w;

	x->x[1] = 0;
	x->x[2] = 0;
	if (!r || !mock_in_par_(r, ipa) || !mock_valid_map_addr_(r, ipa, 3)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	mock_walk_(m, r, ipa, 3, &w);
	if (w.level != 3) {
		x->x[0] = mock_rtt_err_(w.level);
		x->x[2] = mock_skip_non_live_(m, ipa, &w);
		return;
	}
	e = &m->rtts[w.rtt].e[w.idx];
	if (E_KIND(*e) != K_ASSIGNED) {
		x->x[0] = mock_rtt_err_(3);
		x->x[2] = mock_skip_non_live_(m, ipa, &w);
		return;
	}
	pa = E_PAYLOAD(*e);
	*e = E_MAKE(K_UNASSIGNED, E_RIPAS(*e) == RLM_RIPAS_EMPTY ? RLM_RIPAS_EMPTY
							   : RLM_RIPAS_DESTROYED, 0);
	m->rtts[w.rtt].refcount--;
	mock_rtt_dirty_(m, w.rtt);
	mock_page_drop_(m, pa);
	mock_gset_(m, pa, G_DELEGATED);
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = pa;
	x->x[2] = mock_skip_non_live_(m, ipa, &w);
}

void mock_rmi_data_create_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = data_create_(m, x->x[1], x->x[2], x->x[3], x->x[4], x->x[5],
			       false);
}

void mock_rmi_data_create_unknown_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = data_create_(m, x->x[1], x->x[2], x->x[3], 0, 0, true);
}
