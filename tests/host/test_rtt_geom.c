/* SPDX-License-Identifier: BSD-3-Clause */
/* RTT geometry: every (s2sz, start level, LPA2) combination against a table
 * written out by hand from the RMM 1.0 rules (TF-RMM rmm-spec-v1.0-rel0
 * runtime/rmi/realm.c), plus entry sizes, indices, aliases and the RMM's
 * argument checks. */
#include "test_util.h"
#include <realm/realm.h>
#include <realm/rtt.h>

/* The valid combinations, spelled out: (lpa2, start level, s2sz min..max). */
struct valid_row {
	bool lpa2;
	int sl;
	unsigned int lo, hi;
};

static const struct valid_row valid_rows[] = {
	/* Without LPA2: level 0 cannot concatenate (40..48, one table); level 1
	 * resolves 31..39 bits, concatenation to 43; level 2 resolves to 30,
	 * concatenation to 34, and 32 is the minimum s2sz. Level 3 never. */
	{ false, 0, 40, 48 },
	{ false, 1, 32, 43 },
	{ false, 2, 32, 34 },
	/* With LPA2: level -1 (16 entries, 49..52), level 0 may concatenate. */
	{ true, -1, 49, 52 },
	{ true, 0, 40, 52 },
	{ true, 1, 32, 43 },
	{ true, 2, 32, 34 },
};

static unsigned int expect_root(unsigned int s2sz, int sl)
{
	/* Hand-computed: one table at level sl covers 48 (sl 0), 39 (sl 1),
	 * 30 (sl 2) bits; level -1 covers 52. */
	unsigned int cover = sl == -1 ? 52 : sl == 0 ? 48 : sl == 1 ? 39 : 30;

	return s2sz <= cover ? 1 : 1u << (s2sz - cover);
}

static bool expect_valid(unsigned int s2sz, int sl, bool lpa2)
{
	for (size_t i = 0; i < RLM_ARRAY_SIZE(valid_rows); i++)
		if (valid_rows[i].lpa2 == lpa2 && valid_rows[i].sl == sl &&
		    s2sz >= valid_rows[i].lo && s2sz <= valid_rows[i].hi)
			return true;
	return false;
}

static void test_exhaustive(void **state)
{
	unsigned int nvalid = 0;

	(void)state;
	for (int lpa2 = 0; lpa2 < 2; lpa2++)
		for (int sl = -3; sl <= 5; sl++)
			for (unsigned int s2sz = 0; s2sz <= 70; s2sz++) {
				struct rlm_rtt_geom g;
				unsigned int n = 99;
				int r = rlm_rtt_geom_init(&g, s2sz, sl, lpa2);
				int r2 = rlm_rtt_num_root(s2sz, sl, lpa2, &n);

				if (!expect_valid(s2sz, sl, lpa2)) {
					assert_int_equal(r, RLM_ERANGE);
					assert_int_equal(r2, RLM_ERANGE);
					assert_int_equal(n, 99);
					continue;
				}
				nvalid++;
				assert_int_equal(r, 0);
				assert_int_equal(r2, 0);
				assert_int_equal(n, expect_root(s2sz, sl));
				assert_int_equal(g.num_root, n);
				assert_true(n >= 1 && n <= 16);
				assert_int_equal(rlm_rtt_levels(&g), 4 - sl);
				/* Root entries cover exactly the IPA space. */
				assert_true((uint64_t)g.root_entries *
					    rlm_rtt_entry_size(sl) ==
					    rlm_rtt_ipa_size(&g));
				assert_true(g.root_entries <=
					    (sl == -1 ? 16u : 512u * n));
				if (n > 1)
					assert_int_equal(g.root_entries, 512 * n);
				/* Concatenation only where the rules allow. */
				if (sl == -1 || (sl == 0 && !lpa2))
					assert_int_equal(n, 1);
				/* Round trip through realm parameters. */
				struct rlm_realm_params p;
				struct rlm_rtt_geom g2;

				memset(&p, 0, sizeof(p));
				assert_int_equal(rlm_rtt_geom_to_params(&g, &p), 0);
				assert_int_equal(p.rtt_num_start, n);
				assert_int_equal(p.rtt_level_start, sl);
				assert_int_equal(!!(p.flags & RLM_RMI_REALM_PARAM_FLAG_LPA2), lpa2);
				assert_int_equal(rlm_rtt_geom_from_params(&g2, &p), 0);
				assert_true(g.s2sz == g2.s2sz && g.start_level == g2.start_level &&
					    g.lpa2 == g2.lpa2 && g.num_root == g2.num_root &&
					    g.root_entries == g2.root_entries);
				p.rtt_num_start = n * 2;
				assert_int_equal(rlm_rtt_geom_from_params(&g2, &p),
						 RLM_EMISMATCH);
				p.rtt_num_start = n;
				p.flags ^= RLM_RMI_REALM_PARAM_FLAG_LPA2;
				if (!expect_valid(s2sz, sl, !lpa2))
					assert_int_equal(rlm_rtt_geom_from_params(&g2, &p),
							 RLM_ERANGE);
			}
	/* 9 + 12 + 3 without LPA2; 4 + 13 + 12 + 3 with. */
	assert_int_equal(nvalid, 9 + 12 + 3 + 4 + 13 + 12 + 3);
}

static void test_known_examples(void **state)
{
	struct rlm_rtt_geom g;

	(void)state;
	/* rmi-trace.md and Linux: s2sz 40 -> start level 1, 2 root tables. */
	assert_int_equal(rlm_rtt_geom_default(&g, 40, false), 0);
	assert_int_equal(g.start_level, 1);
	assert_int_equal(g.num_root, 2);
	assert_int_equal(g.root_entries, 1024);
	assert_int_equal(rlm_rtt_geom_default(&g, 48, false), 0);
	assert_int_equal(g.start_level, 0);
	assert_int_equal(g.num_root, 1);
	assert_int_equal(rlm_rtt_geom_default(&g, 33, false), 0);
	assert_int_equal(g.start_level, 2);
	assert_int_equal(g.num_root, 8);
	assert_int_equal(rlm_rtt_geom_default(&g, 52, true), 0);
	assert_int_equal(g.start_level, 0);
	assert_int_equal(g.num_root, 16);
	assert_int_equal(rlm_rtt_geom_init(&g, 52, -1, true), 0);
	assert_int_equal(g.num_root, 1);
	assert_int_equal(g.root_entries, 16);
	assert_int_equal(rlm_rtt_geom_default(&g, 49, false), RLM_ERANGE);
	assert_int_equal(rlm_rtt_geom_default(&g, 31, true), RLM_ERANGE);
	assert_int_equal(rlm_rtt_geom_default(NULL, 40, false), RLM_EINVAL);
	assert_int_equal(rlm_rtt_geom_init(NULL, 40, 1, false), RLM_EINVAL);
	assert_int_equal(rlm_rtt_num_root(40, 1, false, NULL), RLM_EINVAL);

	/* PA width rule for start level 0. */
	assert_int_equal(rlm_rtt_geom_init(&g, 44, 0, false), 0);
	assert_int_equal(rlm_rtt_geom_check_pa_bits(&g, 43), RLM_ERANGE);
	assert_int_equal(rlm_rtt_geom_check_pa_bits(&g, 44), 0);
	assert_int_equal(rlm_rtt_geom_init(&g, 40, 1, false), 0);
	assert_int_equal(rlm_rtt_geom_check_pa_bits(&g, 40), 0);
	assert_int_equal(rlm_rtt_geom_check_pa_bits(NULL, 48), RLM_EINVAL);

	struct rlm_realm_params p;

	memset(&p, 0, sizeof(p));
	p.s2sz = 40;
	p.rtt_level_start = 7;
	assert_int_equal(rlm_rtt_geom_from_params(&g, &p), RLM_ERANGE);
	p.rtt_level_start = -5;
	assert_int_equal(rlm_rtt_geom_from_params(&g, &p), RLM_ERANGE);
	assert_int_equal(rlm_rtt_geom_from_params(NULL, &p), RLM_EINVAL);
	assert_int_equal(rlm_rtt_geom_from_params(&g, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rtt_geom_to_params(NULL, &p), RLM_EINVAL);
	assert_int_equal(rlm_rtt_geom_to_params(&g, NULL), RLM_EINVAL);
}

static void test_entry_sizes(void **state)
{
	(void)state;
	assert_int_equal(rlm_rtt_entry_size(3), 0x1000);
	assert_int_equal(rlm_rtt_entry_size(2), 0x200000);
	assert_int_equal(rlm_rtt_entry_size(1), 0x40000000);
	assert_true(rlm_rtt_entry_size(0) == UINT64_C(0x8000000000));
	assert_true(rlm_rtt_entry_size(-1) == UINT64_C(1) << 48);
}

static void test_alias_and_index(void **state)
{
	struct rlm_rtt_geom g;
	uint64_t a;
	unsigned int idx;

	(void)state;
	assert_int_equal(rlm_rtt_geom_init(&g, 33, 2, false), 0);
	/* Linux arm-cca.rst: 33-bit IPA, UART at 0x1000000 -> 0x101000000 */
	assert_int_equal(rlm_rtt_unprotected_alias(&g, 0x1000000, &a), 0);
	assert_true(a == UINT64_C(0x101000000));
	assert_int_equal(rlm_rtt_protected_of(&g, a, &a), 0);
	assert_true(a == 0x1000000);
	assert_true(rlm_rtt_is_protected(&g, 0xffffffff));
	assert_false(rlm_rtt_is_protected(&g, 0x100000000));
	assert_int_equal(rlm_rtt_unprotected_alias(&g, 0x100000000, &a), RLM_ERANGE);
	assert_int_equal(rlm_rtt_protected_of(&g, 0x1000, &a), RLM_ERANGE);
	assert_int_equal(rlm_rtt_protected_of(&g, UINT64_C(0x200000000), &a), RLM_ERANGE);
	assert_int_equal(rlm_rtt_unprotected_alias(NULL, 0, &a), RLM_EINVAL);
	assert_int_equal(rlm_rtt_unprotected_alias(&g, 0, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rtt_protected_of(&g, 0, NULL), RLM_EINVAL);

	/* Start level 2 with 8 concatenated tables: root index up to 4095. */
	assert_int_equal(rlm_rtt_index(&g, UINT64_C(0x1ffffffff), 2, &idx), 0);
	assert_int_equal(idx, 4095);
	assert_int_equal(rlm_rtt_index(&g, UINT64_C(0x1ffffffff), 3, &idx), 0);
	assert_int_equal(idx, 511);
	assert_int_equal(rlm_rtt_index(&g, 0x203000, 3, &idx), 0);
	assert_int_equal(idx, 3);
	assert_int_equal(rlm_rtt_index(&g, 0x203000, 2, &idx), 0);
	assert_int_equal(idx, 1);
	assert_int_equal(rlm_rtt_index(&g, 0, 1, &idx), RLM_ERANGE);
	assert_int_equal(rlm_rtt_index(&g, 0, 4, &idx), RLM_ERANGE);
	assert_int_equal(rlm_rtt_index(&g, UINT64_C(0x200000000), 3, &idx), RLM_ERANGE);
	assert_int_equal(rlm_rtt_index(NULL, 0, 3, &idx), RLM_EINVAL);
	assert_int_equal(rlm_rtt_index(&g, 0, 3, NULL), RLM_EINVAL);

	/* LPA2 level -1: 16 entries of 256 TiB. */
	assert_int_equal(rlm_rtt_geom_init(&g, 52, -1, true), 0);
	assert_int_equal(rlm_rtt_index(&g, UINT64_C(0xf000000000000), -1, &idx), 0);
	assert_int_equal(idx, 15);
	assert_int_equal(rlm_rtt_index(&g, UINT64_C(0xf008000000000), 0, &idx), 0);
	assert_int_equal(idx, 1);
	assert_int_equal(rlm_rtt_unprotected_alias(&g, 0, &a), 0);
	assert_true(a == UINT64_C(1) << 51);
}

static void test_checks(void **state)
{
	struct rlm_rtt_geom g;

	(void)state;
	assert_int_equal(rlm_rtt_geom_init(&g, 40, 1, false), 0);
	/* RTT_CREATE: levels 2..3, aligned to the parent entry. */
	assert_int_equal(rlm_rtt_check_structure(&g, 0x40000000, 2), 0);
	assert_int_equal(rlm_rtt_check_structure(&g, 0x200000, 3), 0);
	assert_int_equal(rlm_rtt_check_structure(&g, 0x200000, 2), RLM_EALIGN);
	assert_int_equal(rlm_rtt_check_structure(&g, 0x1000, 3), RLM_EALIGN);
	assert_int_equal(rlm_rtt_check_structure(&g, 0, 1), RLM_ERANGE);
	assert_int_equal(rlm_rtt_check_structure(&g, 0, 4), RLM_ERANGE);
	assert_int_equal(rlm_rtt_check_structure(&g, UINT64_C(1) << 40, 2), RLM_ERANGE);
	assert_int_equal(rlm_rtt_check_structure(NULL, 0, 2), RLM_EINVAL);
	/* MAP_UNPROTECTED: levels 1..3, aligned at the level. */
	assert_int_equal(rlm_rtt_check_map(&g, UINT64_C(0x8000000000), 1), 0);
	assert_int_equal(rlm_rtt_check_map(&g, UINT64_C(0x8000001000), 3), 0);
	assert_int_equal(rlm_rtt_check_map(&g, UINT64_C(0x8000001000), 2), RLM_EALIGN);
	assert_int_equal(rlm_rtt_check_map(&g, 0, 0), RLM_ERANGE);
	assert_int_equal(rlm_rtt_check_map(&g, UINT64_C(1) << 41, 3), RLM_ERANGE);
	assert_int_equal(rlm_rtt_check_map(NULL, 0, 3), RLM_EINVAL);
	/* READ_ENTRY: levels start..3. */
	assert_int_equal(rlm_rtt_check_entry(&g, 0, 1), 0);
	assert_int_equal(rlm_rtt_check_entry(&g, 0, 0), RLM_ERANGE);
	assert_int_equal(rlm_rtt_check_entry(&g, 0x1000, 2), RLM_EALIGN);
	assert_int_equal(rlm_rtt_check_entry(NULL, 0, 3), RLM_EINVAL);
	assert_true(rlm_rtt_aligned(&g, 0x200000, 2));
	assert_false(rlm_rtt_aligned(&g, 0x201000, 2));
	assert_false(rlm_rtt_aligned(&g, UINT64_C(1) << 40, 3));
	assert_false(rlm_rtt_aligned(&g, 0, 5));
	assert_false(rlm_rtt_aligned(NULL, 0, 3));
}

static void test_tables_for_range(void **state)
{
	struct rlm_rtt_geom g;
	uint64_t n, per[5];

	(void)state;
	assert_int_equal(rlm_rtt_geom_init(&g, 40, 1, false), 0);
	/* 1 GiB at L3: one L2 table + 512 L3 tables. */
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0, 0x40000000, 3, &n, per), 0);
	assert_true(n == 513 && per[3] == 1 && per[4] == 512 && per[2] == 0);
	/* [2M - 4K, 2M + 4K) straddles two L3 tables. */
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0x1ff000, 0x201000, 3, &n, NULL), 0);
	assert_true(n == 3);
	/* Range crossing a 1 GiB boundary at L2: two L2 tables. */
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0x3fe00000, 0x40200000, 2, &n, per), 0);
	assert_true(n == 2 && per[3] == 2);
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0, 0, 3, &n, NULL), 0);
	assert_true(n == 0);
	/* At the start level nothing is needed. */
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0, 0x40000000, 1, &n, NULL), 0);
	assert_true(n == 0);
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0, 0x800, 3, &n, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0x2000, 0x1000, 3, &n, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0, UINT64_C(1) << 41, 3, &n, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0, 0x1000, 0, &n, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rtt_tables_for_range(&g, 0, 0x1000, 3, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rtt_tables_for_range(NULL, 0, 0x1000, 3, &n, NULL), RLM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exhaustive),
		cmocka_unit_test(test_known_examples),
		cmocka_unit_test(test_entry_sizes),
		cmocka_unit_test(test_alias_and_index),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_tables_for_range),
	};

	return cmocka_run_group_tests_name("rtt_geom", tests, NULL, NULL);
}
