/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm-vmm: the minimal loop a VMM writes to launch and run a realm through
 * KVM with librealm's KVM backend (public API only: realm/kvm.h).
 *
 *   kvm-vmm                 the host's /dev/kvm (an arm64 CCA host kernel)
 *   kvm-vmm --model SERIES  the model of a kernel series (v10, nv, v12,
 *                           v13, v14) over the mock RMM, as the tests run it
 *
 * Steps: open /dev/kvm and find the kernel's interface; a realm VM; its
 * vCPUs (created before the realm: the kernel reads their SVE/PMU and
 * debug configuration when it creates it); the realm; protected RAM
 * (guest_memfd + memslot + private) with an unprotected alias; a "kernel"
 * copied into RAM; INIT_RIPAS; measured populate; PC and x0 set, then
 * each REC finalized; activation; then the run loop on the boot vCPU:
 * memory-fault exits convert private <-> shared, MMIO is only allowed in
 * the unprotected half, hypercalls (RSI host calls) are answered, and
 * SYSTEM_OFF ends it.  Exit status 0 when the realm powered off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <realm/kvm.h>
#include <realm/kvm-model.h>

#define RAM_BASE UINT64_C(0x40000000)
#define RAM_SIZE UINT64_C(0x400000)          /* 4 MiB */
#define IPA_BITS 40
#define NVCPUS 2

/* A VMM's exit handler: what rlm_kvm_run() hands over. */
static int on_exit(void *arg, struct rlm_kvm_vcpu *vcpu, struct rlm_kvm_exit *ex)
{
	unsigned int *counts = arg;

	(void)vcpu;
	switch (ex->type) {
	case RLM_KVM_X_MMIO:
		/* a device model would go here; reads return zeros */
		counts[0]++;
		return 0;
	case RLM_KVM_X_HYPERCALL:
		counts[1]++;
		return 0;
	default:
		fprintf(stderr, "kvm-vmm: unexpected exit %u\n", ex->reason);
		return -1;
	}
}

static int fail(const char *what, int ret, const struct rlm_kvm *k)
{
	fprintf(stderr, "kvm-vmm: %s: error %d (%s)\n", what, ret, k ? k->why : "");
	return 1;
}

static int parse_series(const char *s, enum rlm_kvm_series *out)
{
	static const struct { const char *name; enum rlm_kvm_series s; } t[] = {
		{ "v10", RLM_KVM_V10 }, { "nv", RLM_KVM_NV_RMI }, { "v12", RLM_KVM_V12 },
		{ "v13", RLM_KVM_V13 }, { "v14", RLM_KVM_V14 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(s, t[i].name)) {
			*out = t[i].s;
			return 0;
		}
	return -1;
}

int main(int argc, char **argv)
{
	static _Alignas(4096) uint8_t ram[RAM_SIZE];  /* the VMM's view of RAM */
	struct rlm_realm_params params;
	struct rlm_kvm_vcpu vcpu[NVCPUS];
	struct rlm_kvm_run_stats st;
	struct rlm_kvm_config kc, *kcp = NULL;
	struct rlm_kvm_model_program prog;
	struct rlm_kvm_model *model = NULL;
	struct rlm_mock *mock = NULL;
	struct rlm_mock_config mc;
	struct rlm_kvm_vm vm;
	struct rlm_kvm k;
	unsigned int counts[2] = { 0, 0 };
	uint64_t x[8] = { RAM_BASE + 0x1000 };        /* x0: where a DTB would be */
	int gmem = -1, gic_fd = -1, ret, status = 1;
	unsigned int i;

	memset(&prog, 0, sizeof(prog));
	if (argc == 3 && !strcmp(argv[1], "--model")) {
		struct rlm_kvm_model_config c;

		memset(&c, 0, sizeof(c));
		if (parse_series(argv[2], &c.series)) {
			fprintf(stderr, "kvm-vmm: unknown series %s\n", argv[2]);
			return 2;
		}
		rlm_mock_config_default(&mc);
		if (rlm_mock_new(&mc, &mock))
			return fail("mock RMM", -1, NULL);
		prog.nvcpus = NVCPUS;
		prog.entry = RAM_BASE;
		prog.empty_base = RAM_BASE + RAM_SIZE - 0x2000; /* shares 8K */
		prog.empty_top = RAM_BASE + RAM_SIZE;
		c.mock = mock;
		c.mock_cfg = &mc;
		c.program = rlm_kvm_model_program;
		c.program_arg = &prog;
		if (rlm_kvm_model_new(&c, &model))
			return fail("KVM model", -1, NULL);
		rlm_kvm_model_kvm_config(model, &kc);
		kcp = &kc;
	} else if (argc != 1) {
		fprintf(stderr, "usage: kvm-vmm [--model v10|nv|v12|v13|v14]\n");
		return 2;
	}

	/* 1. /dev/kvm, and which CCA interface this kernel has */
	ret = rlm_kvm_open(&k, kcp);
	if (ret)
		return fail("open", ret, &k);
	printf("kvm: %s, capability %u\n", rlm_kvm_series_name(k.series), k.cap);
	if (mock)
		rlm_kvm_set_limits(&k, mc.feat_reg0);   /* RMI_FEATURES(0) */

	/* 2. the realm VM and its configuration (v10/NV only) */
	ret = rlm_kvm_create_vm(&k, IPA_BITS, &vm);
	if (ret)
		return fail("create VM", ret, &k);
	memset(&params, 0, sizeof(params));
	params.s2sz = IPA_BITS;
	params.num_bps = 1;
	params.num_wps = 1;
	params.hash_algo = RLM_RMI_HASH_SHA_256;
	ret = rlm_kvm_check_params(&k, &params);
	if (!ret && rlm_kvm_has_config(&k))
		ret = rlm_kvm_config_hash(&vm, RLM_HASH_SHA256);
	if (ret)
		return fail("configure", ret, &k);

	/* 3. vCPUs in ascending MPIDR, configured before the realm exists */
	for (i = 0; i < NVCPUS; i++) {
		ret = rlm_kvm_vcpu_create(&vm, i, i ? RLM_KVM_VCPU_POWER_OFF : 0, &vcpu[i]);
		if (!ret)
			ret = rlm_kvm_vcpu_config_realm(&vcpu[i], &params);
		if (ret)
			return fail("vCPU", ret, &k);
	}

	/* 4. the realm, its RAM, the image, RIPAS, measured populate */
	ret = rlm_kvm_create_realm(&vm);
	if (!ret)
		ret = rlm_kvm_add_ram(&vm, 0, 1, RAM_BASE, RAM_SIZE, ram, &gmem);
	if (ret)
		return fail("RAM", ret, &k);
	for (i = 0; i < 0x1000; i++)
		ram[i] = (uint8_t)(i * 13);               /* the "kernel" */
	ret = rlm_kvm_init_ripas(&vm, RAM_BASE, RAM_SIZE);
	if (!ret)
		ret = rlm_kvm_populate(&vm, RAM_BASE, 0x2000, ram, true);
	if (ret)
		return fail("populate", ret, &k);

	/* 5. entry registers, then the RECs; activation */
	for (i = 0; i < NVCPUS && !ret; i++) {
		ret = rlm_kvm_vcpu_set_entry(&vcpu[i], RAM_BASE, i ? NULL : x);
		if (!ret)
			ret = rlm_kvm_vcpu_finalize(&vcpu[i]);
	}
	if (!ret)
		ret = rlm_kvm_activate(&vm);
	if (ret)
		return fail("RECs / activate", ret, &k);

	/* 6. the interrupt controller: a vGICv3, initialised once every
	 * vCPU exists (QEMU virt's addresses) */
	{
		struct rlm_kvm_gic gic = { 0x08000000, 0x080a0000, NVCPUS, 0 };

		ret = rlm_kvm_vgic_create(&vm, &gic, &gic_fd);
		if (!ret)
			ret = rlm_kvm_vgic_init(&vm, gic_fd);
		if (ret)
			return fail("vGICv3", ret, &k);
	}

	/* 7. the run loop (the kernel runs PSCI CPU_ON itself) */
	ret = rlm_kvm_run(&vcpu[0], on_exit, counts, &st);
	if (ret)
		return fail("run", ret, &k);
	printf("run: %llu exits (%llu memory faults, %u mmio, %u hypercalls), %s\n",
	       (unsigned long long)st.exits, (unsigned long long)st.memory_faults,
	       counts[0], counts[1],
	       st.last == RLM_KVM_X_SHUTDOWN ? "powered off" : "did not power off");
	if (st.last == RLM_KVM_X_SHUTDOWN)
		status = 0;

	for (i = 0; i < NVCPUS; i++)
		rlm_kvm_vcpu_close(&vcpu[i]);
	k.ops->close(k.ctx, gmem);
	k.ops->close(k.ctx, gic_fd);
	rlm_kvm_vm_close(&vm);
	rlm_kvm_close(&k);
	if (model) {
		struct rlm_kvm_model_info info;

		rlm_kvm_model_info(model, &info);
		printf("model: %llu RECs, REC 0 entry %#llx x0 %#llx, RIM read by the "
		       "realm: %s; %llu RIPAS change(s); %llu granules not returned\n",
		       (unsigned long long)info.recs, (unsigned long long)info.rec0_pc,
		       (unsigned long long)info.rec0_x0, prog.rim_read ? "yes" : "no",
		       (unsigned long long)info.ripas_changes,
		       (unsigned long long)rlm_kvm_model_teardown(model));
		if (!prog.rim_read || info.rec0_pc != RAM_BASE || info.rec0_x0 != x[0] ||
		    info.recs != NVCPUS || info.ripas_changes != 1 ||
		    st.memory_faults != 1)
			status = 1;
		rlm_kvm_model_free(model);
		rlm_mock_free(mock);
	}
	return status;
}
