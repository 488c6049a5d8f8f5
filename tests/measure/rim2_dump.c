/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Prints the RIMs librealm predicts under RMM 2.0's rules for fixed
 * inputs, one "name hex" line each; rim2_check.py rebuilds every hashed
 * byte string from TF-RMM main 9a7f8ef's layouts with Python's hashlib
 * and compares (an independent computation, not this library's SHA-2).
 * The inputs here and in rim2_check.py must match.
 */
#include <stdio.h>
#include <string.h>

#include <realm/measure.h>
#include <realm/launch.h>
#include <realm/error.h>

static void put_(const char *name, int algo, const struct rlm_rim *r)
{
	size_t i, n = rlm_hash_size(r->algo);

	printf("%s %d ", name, algo);
	for (i = 0; i < n; i++)
		printf("%02x", r->value[i]);
	printf("\n");
}

static int steps_(int algo)
{
	static uint8_t page[RLM_GRANULE_SIZE];
	struct rlm_realm_params2 p;
	struct rlm_rec_params2 rp;
	struct rlm_rim rim;
	size_t i;

	memset(&p, 0, sizeof(p));
	/* measured */
	p.flags0 = RLM_RMI_REALM_FLAGS0_SVE | RLM_RMI_REALM_FLAGS0_PMU |
		   RLM_RMI_REALM_FLAGS0_DA | (UINT64_C(2) << 7); /* MEC policy 2 */
	p.s2sz = 48;
	p.sve_vl = 3;
	p.num_bps = 6;
	p.num_wps = 4;
	p.pmu_num_ctrs = 8;
	p.hash_algo = (uint8_t)algo;
	/* not measured (TF-RMM 9a7f8ef rmm_stub/src/rim.c) */
	p.num_aux_planes = 2;
	memset(p.rpv, 0xAA, sizeof(p.rpv));
	p.ats_plane = 1;
	p.rtt_base = 0x80000000;
	p.rtt_level_start = 1;
	p.rtt_num_start = 2;
	p.flags1 = RLM_RMI_REALM_FLAGS1_RTT_TREE_PP | RLM_RMI_REALM_FLAGS1_S2AP_ENC;
	p.aux_rtt_base[0] = 0x80002000;
	if (rlm_rim_init2(&rim, &p))
		return 1;
	put_("init2", algo, &rim);
	for (i = 0; i < sizeof(page); i++)
		page[i] = (uint8_t)(i * 7 + 3);
	if (rlm_rim_extend_data(&rim, 0x80000000, RLM_RMI_MEASURE_CONTENT, page))
		return 1;
	put_("data1", algo, &rim);
	if (rlm_rim_extend_data(&rim, 0x80001000, RLM_RMI_NO_MEASURE_CONTENT, NULL))
		return 1;
	put_("data0", algo, &rim);
	memset(&rp, 0, sizeof(rp));
	rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	rp.mpidr = 0x100;  /* not measured */
	rp.pc = 0x80000000;
	for (i = 0; i < RLM_REC_CREATE_NR_GPRS; i++)
		rp.gprs[i] = 0x1000 + i;
	if (rlm_rim_extend_rec2(&rim, &rp))
		return 1;
	put_("rec", algo, &rim);
	/* RSI_MEASUREMENT_EXTEND on a REM of this algorithm */
	memset(&rim, 0, sizeof(rim));
	rim.algo = (enum rlm_hash_algo)algo;
	for (i = 0; i < 64; i++)
		page[i] = (uint8_t)(0x40 + i);
	if (rlm_rem_extend(rim.algo, rim.value, page, 20) ||
	    rlm_rem_extend(rim.algo, rim.value, page, 64))
		return 1;
	put_("rem", algo, &rim);
	return 0;
}

static int plan_(int algo)
{
	static uint8_t img0[5000], img1[100];
	static const struct rlm_launch_ram ram[] = { { 0x80000000, 0x200000 } };
	struct rlm_launch_image im[2];
	struct rlm_launch_vcpu v[2];
	struct rlm_launch_desc d;
	struct rlm_launch_counts c;
	struct rlm_rim rim;
	size_t i;

	for (i = 0; i < sizeof(img0); i++)
		img0[i] = (uint8_t)(i * 13 + 1);
	for (i = 0; i < sizeof(img1); i++)
		img1[i] = (uint8_t)(0xF0 ^ i);
	memset(im, 0, sizeof(im));
	im[0].ipa = 0x80000000;
	im[0].data = img0;
	im[0].len = sizeof(img0);
	im[0].measured = true;
	im[1].ipa = 0x80100000;
	im[1].data = img1;
	im[1].len = sizeof(img1);
	im[1].measured = false;
	memset(v, 0, sizeof(v));
	v[0].mpidr = 0;
	v[0].pc = 0x80000000;
	v[0].gprs[0] = 0x88000000;
	v[0].runnable = true;
	v[1].mpidr = 1;
	v[1].pc = 0x80000000;
	v[1].runnable = false;
	memset(&d, 0, sizeof(d));
	d.params.flags = RLM_RMI_REALM_FLAGS0_SVE | RLM_RMI_REALM_FLAGS0_PMU;
	d.params.s2sz = 40;
	d.params.sve_vl = 1;
	d.params.num_bps = 2;
	d.params.num_wps = 2;
	d.params.pmu_num_ctrs = 4;
	d.params.hash_algo = (uint8_t)algo;
	memset(d.params.rpv, 0x55, sizeof(d.params.rpv)); /* not measured */
	d.ram = ram;
	d.nram = 1;
	d.images = im;
	d.nimages = 2;
	d.vcpus = v;
	d.nvcpus = 2;
	d.ripas_level = 2;
	d.abi = RLM_RMI_V2_0;
	if (rlm_launch_predict(&d, &rim, &c))
		return 1;
	put_("plan", algo, &rim);
	printf("plan-counts %d %llu %llu %llu %llu\n", algo,
	       (unsigned long long)c.ripas_entries,
	       (unsigned long long)c.data_measured,
	       (unsigned long long)c.data_unmeasured,
	       (unsigned long long)c.recs_runnable);
	return 0;
}

int main(void)
{
	static const int algos[] = { RLM_HASH_SHA256, RLM_HASH_SHA512, RLM_HASH_SHA384 };
	size_t i;

	for (i = 0; i < sizeof(algos) / sizeof(algos[0]); i++)
		if (steps_(algos[i]) || plan_(algos[i])) {
			fprintf(stderr, "rim2_dump: librealm refused algo %d\n", algos[i]);
			return 1;
		}
	return 0;
}
