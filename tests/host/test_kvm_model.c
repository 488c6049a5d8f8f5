/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The KVM backend on the model of each kernel series (realm/kvm-model.h):
 * a whole VMM launch whose realm's RIM must equal the launch planner's
 * prediction, with a non-zero entry PC and x0; then the boot vCPU runs
 * the guest program (RIM read, a RIPAS change seen as a memory fault,
 * PSCI CPU_ON, SYSTEM_OFF); teardown leaks nothing.
 */
#include "test_util.h"
#include <realm/realm.h>
#include <realm/kvm.h>
#include <realm/kvm-model.h>
#include <realm/launch.h>
#include <realm/token.h>

struct env {
	struct rlm_mock_config mc;
	struct rlm_mock *mock;
	struct rlm_kvm_model *model;
	struct rlm_kvm kvm;
	struct rlm_kvm_model_program prog;
	struct rlm_mock_attest_portable att;
	struct rlm_launch_ram ram;
	struct rlm_launch_image img[2];
	struct rlm_launch_vcpu vcpus[3];
	struct rlm_launch_desc d;
	uint8_t dtb[0x1800], blob[0x1000];
};

static bool HOST_LPA2;   /* the next env_init's model host uses LPA2 */
static uint32_t MAX_MECID; /* ... and its kernel's MECIDs (NV) */

static void env_init(struct env *e, enum rlm_kvm_series s, uint32_t chunk)
{
	struct rlm_kvm_model_config c;
	struct rlm_kvm_config kc;

	memset(e, 0, sizeof(*e));
	rlm_mock_config_default(&e->mc);
	assert_int_equal(rlm_mock_new(&e->mc, &e->mock), 0);
	memset(&c, 0, sizeof(c));
	c.series = s;
	c.mock = e->mock;
	c.mock_cfg = &e->mc;
	c.populate_chunk = chunk;
	c.host_lpa2 = HOST_LPA2;
	c.max_mecid = MAX_MECID;
	c.program = rlm_kvm_model_program;
	c.program_arg = &e->prog;
	assert_int_equal(rlm_kvm_model_new(&c, &e->model), 0);
	rlm_kvm_model_kvm_config(e->model, &kc);
	assert_int_equal(rlm_kvm_open(&e->kvm, &kc), 0);
	assert_int_equal(e->kvm.series, s);

	for (size_t i = 0; i < sizeof(e->dtb); i++)
		e->dtb[i] = (uint8_t)(i * 7 + 1);
	memset(e->blob, 0x5a, sizeof(e->blob));
	e->ram.base = 0x40000000;
	e->ram.size = 0x400000;
	e->img[0] = (struct rlm_launch_image){ .ipa = 0x40200000, .data = e->dtb,
		.len = sizeof(e->dtb), .measured = true, .name = "dtb" };
	e->img[1] = (struct rlm_launch_image){ .ipa = 0x40300000, .data = e->blob,
		.len = sizeof(e->blob), .measured = false, .name = "log" };
	for (unsigned int i = 0; i < 3; i++) {
		e->vcpus[i].mpidr = i;
		e->vcpus[i].pc = 0x40000000;
		e->vcpus[i].runnable = i == 0;
	}
	e->vcpus[0].gprs[0] = 0x40200000; /* x0: the DTB */
	e->d.params.s2sz = 40;
	e->d.params.num_bps = 1;
	e->d.params.num_wps = 1;
	e->d.params.hash_algo = RLM_RMI_HASH_SHA_256;
	e->d.ram = &e->ram;
	e->d.nram = 1;
	e->d.images = e->img;
	e->d.nimages = 2;
	e->d.vcpus = e->vcpus;
	e->d.nvcpus = 3;
	e->d.ripas_level = 2;
	e->d.order = rlm_kvm_series_order(s);
	e->prog.nvcpus = 3;
	e->prog.entry = 0x40000000;
	e->prog.empty_base = 0x40380000;
	e->prog.empty_top = 0x40382000;
	{
		struct rlm_mock_attest prov;

		assert_int_equal(rlm_mock_attest_portable_init(&e->att, NULL, &prov), 0);
		rlm_mock_set_attest(e->mock, &prov);
		e->prog.token_ipa = 0x40200000;    /* the DTB's first granule */
		memset(e->prog.challenge, 0x77, sizeof(e->prog.challenge));
	}
}

static void env_fini(struct env *e)
{
	assert_true(rlm_kvm_model_teardown(e->model) == 0);
	assert_true(rlm_mock_delegated_count(e->mock) == 0);
	rlm_kvm_close(&e->kvm);
	rlm_kvm_model_free(e->model);
	rlm_mock_free(e->mock);
}

/* The vGICv3 every VMM creates once its vCPUs exist (v12+ refuse to
 * activate without it); the caller closes *dev. */
static void add_gic(struct env *e, struct rlm_kvm_vm *vm, int *dev)
{
	struct rlm_kvm_gic gic = { 0x08000000, 0x080a0000, 3, 0 };

	assert_int_equal(rlm_kvm_vgic_create(vm, &gic, dev), 0);
	assert_int_equal(rlm_kvm_vgic_init(vm, *dev), 0);
	(void)e;
}

static void realm_rim(struct env *e, uint8_t rim[64])
{
	struct rlm_kvm_model_info info;
	size_t hs;

	rlm_kvm_model_info(e->model, &info);
	assert_true(info.rd != 0);
	assert_int_equal(rlm_mock_measurement(e->mock, info.rd, 0, rim, &hs), 0);
}

/* Mock features wider than the default: SVE up to VQ 4, 5 breakpoints,
 * 4 watchpoints, 31 PMU counters. */
#define FEAT_WIDE(base) (((base) & ~(RLM_RMI_FEATURE_REGISTER_0_SVE_VL | \
	RLM_RMI_FEATURE_REGISTER_0_NUM_BPS | RLM_RMI_FEATURE_REGISTER_0_NUM_WPS)) | \
	RLM_RMI_FEATURE_REGISTER_0_SVE_EN | \
	RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_SVE_VL, 3) | \
	RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, 5) | \
	RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, 4))

/* Non-default realm features: SVE VL 3 quadwords, 4 PMU counters, 3
 * breakpoints, 2 watchpoints. */
static void wide_params(struct env *e)
{
	assert_int_equal(rlm_mock_set_features(e->mock, FEAT_WIDE(e->mc.feat_reg0)), 0);
	e->d.params.flags = RLM_RMI_REALM_PARAM_FLAG_SVE | RLM_RMI_REALM_PARAM_FLAG_PMU;
	e->d.params.sve_vl = 2;
	e->d.params.pmu_num_ctrs = 4;
	e->d.params.num_bps = 3;
	e->d.params.num_wps = 2;
}

static void launch_and_run(enum rlm_kvm_series s, uint32_t chunk, bool wide)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rlm_kvm_launch *l = calloc(1, sizeof(*l));
	struct rlm_kvm_model_info info;
	struct rlm_kvm_run_stats st;
	struct rlm_rim pred;
	uint8_t rim[64];
	int gic_fd = -1;

	assert_non_null(e);
	assert_non_null(l);
	env_init(e, s, chunk);
	if (wide)
		wide_params(e);
	/* A plan in the other series' order is refused before any ioctl. */
	e->d.order = e->d.order == RLM_LAUNCH_ORDER_RMM ? RLM_LAUNCH_ORDER_KVM_ACTIVATE :
		     RLM_LAUNCH_ORDER_RMM;
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_EINVAL);
	assert_string_equal(l->failed_step, "plan: measurement order");
	assert_non_null(strstr(e->kvm.why, "rlm_kvm_series_order"));
	assert_int_equal(l->vm.fd, -1);
	rlm_kvm_launch_close(l);
	/* ... and predicts another RIM than the realm will have */
	assert_int_equal(rlm_launch_predict(&e->d, &pred, NULL), 0);
	memcpy(rim, pred.value, 64);
	e->d.order = rlm_kvm_series_order(s);
	assert_int_equal(rlm_launch_predict(&e->d, &pred, NULL), 0);
	assert_memory_not_equal(rim, pred.value, 32);
	int ret = rlm_kvm_launch(&e->kvm, &e->d, l);

	if (ret)
		print_message("launch failed at %s: %s\n", l->failed_step, e->kvm.why);
	assert_int_equal(ret, 0);
	if (rlm_kvm_has_rec_feature(&e->kvm)) {
		/* v10/NV: the RIM is final before any vCPU runs */
		realm_rim(e, rim);
		assert_memory_equal(rim, pred.value, 32);
	} else {
		/* v12+ activate at the first KVM_RUN, and not without an
		 * initialised irqchip */
		assert_int_equal(rlm_kvm_run(&l->vcpus[0], NULL, NULL, &st), RLM_EIO);
		assert_non_null(strstr(e->kvm.why, "Operation not supported"));
	}
	add_gic(e, &l->vm, &gic_fd);
	ret = rlm_kvm_run(&l->vcpus[0], NULL, NULL, &st);
	if (ret)
		print_message("run: %s\n", e->kvm.why);
	assert_int_equal(ret, 0);
	assert_int_equal(st.last, RLM_KVM_X_SHUTDOWN);
	assert_true(st.memory_faults == 1);
	if (!rlm_kvm_has_rec_feature(&e->kvm)) {
		/* an active realm takes no more populate: realm_ensure_created()
		 * answers -EBUSY (v13/v14 rmi.c) */
		assert_int_equal(rlm_kvm_populate(&l->vm, 0x40100000, 0x1000,
						  l->ram[0] + 0x100000, true), RLM_EIO);
		assert_non_null(strstr(e->kvm.why, "busy"));
	}
	realm_rim(e, rim);
	assert_memory_equal(rim, pred.value, 32);
	/* ... and the realm read that same RIM itself */
	assert_true(e->prog.rim_read);
	assert_memory_equal(e->prog.rim, pred.value, 32);
	/* ... and fetched a token whose RIM claim is the prediction */
	{
		static struct rlm_token tok;
		const uint8_t *tb;
		const char *claim = NULL;
		struct rlm_token_refvals ref;

		assert_true(e->prog.token_done);
		assert_true(e->prog.token_error == 0);
		assert_true(e->prog.token_len > 512 && e->prog.token_len < 4096);
		rlm_kvm_model_info(e->model, &info);
		tb = rlm_mock_realm_mem(e->mock, info.rd, 0x40200000, (size_t)e->prog.token_len);
		assert_non_null(tb);
		assert_int_equal(rlm_token_decode(tb, (size_t)e->prog.token_len, &tok), 0);
		memset(&ref, 0, sizeof(ref));
		ref.challenge = e->prog.challenge;
		ref.challenge_len = 64;
		ref.rim = pred.value;
		ref.rim_len = 32;
		assert_int_equal(rlm_token_check_refvals(&tok, &ref, &claim), 0);
		ref.rim = rim + 1;          /* any other RIM is caught */
		assert_int_equal(rlm_token_check_refvals(&tok, &ref, &claim), RLM_EMISMATCH);
		assert_string_equal(claim, "rim");
	}
	rlm_kvm_model_info(e->model, &info);
	assert_true(info.rec0_pc == 0x40000000 && info.rec0_x0 == 0x40200000);
	assert_true(info.recs == 3);
	assert_true(info.ripas_changes == 1);
	assert_true(info.psci_cpu_on == 2);
	assert_true(info.rmi_errors == 0);
	if (wide) {
		/* the features reached the RMM: the default ones predict
		 * another RIM */
		e->d.params.flags = 0;
		e->d.params.num_bps = e->d.params.num_wps = 1;
		assert_int_equal(rlm_launch_predict(&e->d, &pred, NULL), 0);
		assert_memory_not_equal(rim, pred.value, 32);
	}
	e->kvm.ops->close(e->kvm.ctx, gic_fd);
	rlm_kvm_launch_close(l);
	env_fini(e);
	free(l);
	free(e);
}

static void test_v10(void **state) { (void)state; launch_and_run(RLM_KVM_V10, 0, false); }
static void test_nv(void **state) { (void)state; launch_and_run(RLM_KVM_NV_RMI, 0, false); }
static void test_v12(void **state) { (void)state; launch_and_run(RLM_KVM_V12, 0x1000, false); }
static void test_v13(void **state) { (void)state; launch_and_run(RLM_KVM_V13, 0x1000, false); }
static void test_v14(void **state) { (void)state; launch_and_run(RLM_KVM_V14, 0, false); }

/* SVE, PMU, breakpoints and watchpoints other than the defaults: the
 * kernel takes them from the vCPUs and the ID registers, and the realm's
 * RIM is still the plan's. */
static void test_features_every_series(void **state)
{
	static const enum rlm_kvm_series all[] = {
		RLM_KVM_V10, RLM_KVM_NV_RMI, RLM_KVM_V12, RLM_KVM_V13, RLM_KVM_V14,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		launch_and_run(all[i], i == 2 ? 0x1000 : 0, true);
}

/* Parameters beyond the RMM's limits: refused before any ioctl when the
 * limits are known, naming the field; otherwise the kernel refuses. */
static void test_features_limits(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rlm_kvm_launch *l = calloc(1, sizeof(*l));
	struct rlm_kvm_model_info info;
	uint64_t wide;

	(void)state;
	assert_non_null(e);
	assert_non_null(l);
	env_init(e, RLM_KVM_V10, 0);
	wide_params(e);
	wide = FEAT_WIDE(e->mc.feat_reg0);
	rlm_kvm_set_limits(&e->kvm, wide);
	/* one breakpoint more than the RMM has */
	e->d.params.num_bps = 6;
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ERANGE);
	assert_string_equal(l->failed_step, "realm parameters");
	assert_non_null(strstr(e->kvm.why, "num_bps"));
	assert_int_equal(l->vm.fd, -1);        /* no VM was created */
	rlm_kvm_launch_close(l);
	e->d.params.num_bps = 3;
	e->d.params.num_wps = 5;
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ERANGE);
	assert_non_null(strstr(e->kvm.why, "num_wps"));
	rlm_kvm_launch_close(l);
	e->d.params.num_wps = 2;
	e->d.params.sve_vl = 4;
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ERANGE);
	assert_non_null(strstr(e->kvm.why, "sve_vl"));
	rlm_kvm_launch_close(l);
	e->d.params.sve_vl = 2;
	/* an RMM without SVE */
	rlm_kvm_set_limits(&e->kvm, wide & ~RLM_RMI_FEATURE_REGISTER_0_SVE_EN);
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ENOTSUP);
	assert_non_null(strstr(e->kvm.why, "parameter sve: not supported"));
	rlm_kvm_launch_close(l);
	/* widths no KVM register can carry, limits or not */
	e->kvm.have_limits = false;
	e->d.params.pmu_num_ctrs = 32;
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ERANGE);
	assert_non_null(strstr(e->kvm.why, "pmu_num_ctrs"));
	rlm_kvm_launch_close(l);
	e->d.params.pmu_num_ctrs = 4;
	/* without the limits the kernel refuses the register write */
	e->d.params.num_bps = 6;
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_EIO);
	assert_string_equal(l->failed_step, "vCPU realm features");
	assert_non_null(strstr(e->kvm.why, "KVM_SET_ONE_REG"));
	rlm_kvm_launch_close(l);
	rlm_kvm_model_info(e->model, &info);
	assert_true(info.rd == 0);             /* no realm was created */
	env_fini(e);
	free(e);
	free(l);
}

/*
 * The old rlm_kvm_create_vcpu finalized the REC before the caller could
 * set PC and x0: on v10 the REC (and the RIM) then holds zeros.
 */
static void test_v10_finalize_first_rim_differs(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rlm_kvm_vm vm;
	struct rlm_kvm_vcpu v;
	static _Alignas(4096) uint8_t ram[0x400000];
	struct rlm_rim pred;
	uint8_t rim[64];
	int g;

	(void)state;
	assert_non_null(e);
	env_init(e, RLM_KVM_V10, 0);
	e->d.nimages = 0;
	e->d.nvcpus = 1;
	assert_int_equal(rlm_launch_predict(&e->d, &pred, NULL), 0);
	assert_int_equal(rlm_kvm_create_vm(&e->kvm, 40, &vm), 0);
	assert_int_equal(rlm_kvm_config_hash(&vm, RLM_HASH_SHA256), 0);
	assert_int_equal(rlm_kvm_create_realm(&vm), 0);
	assert_int_equal(rlm_kvm_add_ram(&vm, 0, -1, 0x40000000, sizeof(ram), ram, &g), 0);
	assert_int_equal(rlm_kvm_init_ripas(&vm, 0x40000000, sizeof(ram)), 0);
	assert_int_equal(rlm_kvm_vcpu_create(&vm, 0, 0, &v), 0);
	/* the old order: finalize, then the registers (refused now) */
	assert_int_equal(rlm_kvm_vcpu_finalize(&v), 0);
	assert_int_equal(rlm_kvm_vcpu_set_entry(&v, 0x40000000, e->vcpus[0].gprs), RLM_ESTATE);
	assert_int_equal(rlm_kvm_activate(&vm), 0);
	realm_rim(e, rim);
	assert_memory_not_equal(rim, pred.value, 32);
	/* the same with zero registers predicts what the realm has */
	e->vcpus[0].pc = 0;
	e->vcpus[0].gprs[0] = 0;
	assert_int_equal(rlm_launch_predict(&e->d, &pred, NULL), 0);
	assert_memory_equal(rim, pred.value, 32);
	rlm_kvm_vcpu_close(&v);
	e->kvm.ops->close(e->kvm.ctx, g);
	rlm_kvm_vm_close(&vm);
	env_fini(e);
	free(e);
}

/*
 * v13/v14 take LPA2 from the host (realm_create_rd(): kvm_lpa2_is_enabled()),
 * v10/NV/v12 never set it: a plan that disagrees is refused before any VM
 * exists, naming the rule; one that agrees launches with the predicted RIM.
 */
static void lpa2_case(enum rlm_kvm_series s, bool host, bool plan, int want)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rlm_kvm_launch *l = calloc(1, sizeof(*l));
	struct rlm_rim pred;
	uint8_t rim[64];
	int ret;

	assert_non_null(e);
	assert_non_null(l);
	HOST_LPA2 = host;
	env_init(e, s, 0);
	HOST_LPA2 = false;
	if (plan)
		e->d.params.flags |= RLM_RMI_REALM_PARAM_FLAG_LPA2;
	ret = rlm_kvm_launch(&e->kvm, &e->d, l);
	if (ret != want)
		print_message("%s: %s\n", l->failed_step ? l->failed_step : "-", e->kvm.why);
	assert_int_equal(ret, want);
	if (want) {
		assert_string_equal(l->failed_step, "realm parameters");
		assert_non_null(strstr(e->kvm.why, "lpa2"));
		assert_non_null(strstr(e->kvm.why, s == RLM_KVM_V13 || s == RLM_KVM_V14 ?
				       "taken from the host" : "never set"));
		assert_int_equal(l->vm.fd, -1);
	} else {
		struct rlm_kvm_run_stats st;
		int dev;

		add_gic(e, &l->vm, &dev);
		assert_int_equal(rlm_kvm_run(&l->vcpus[0], NULL, NULL, &st), 0);
		e->kvm.ops->close(e->kvm.ctx, dev);
		assert_int_equal(rlm_launch_predict(&e->d, &pred, NULL), 0);
		realm_rim(e, rim);
		assert_memory_equal(rim, pred.value, 32);
	}
	rlm_kvm_launch_close(l);
	env_fini(e);
	free(l);
	free(e);
}

static void test_lpa2_from_host(void **state)
{
	(void)state;
	lpa2_case(RLM_KVM_V14, true, true, 0);
	lpa2_case(RLM_KVM_V13, true, true, 0);
	lpa2_case(RLM_KVM_V14, false, false, 0);
	lpa2_case(RLM_KVM_V14, true, false, RLM_ENOTSUP);
	lpa2_case(RLM_KVM_V13, false, true, RLM_ENOTSUP);
	lpa2_case(RLM_KVM_V12, true, true, RLM_ENOTSUP);
	lpa2_case(RLM_KVM_V10, false, true, RLM_ENOTSUP);
	lpa2_case(RLM_KVM_NV_RMI, true, true, RLM_ENOTSUP);
	/* the hash is fixed to SHA-256 on v12+ (no CONFIG_REALM) */
	{
		struct env *e = calloc(1, sizeof(*e));
		struct rlm_kvm_launch *l = calloc(1, sizeof(*l));

		assert_non_null(e);
		assert_non_null(l);
		env_init(e, RLM_KVM_V12, 0);
		e->d.params.hash_algo = RLM_RMI_HASH_SHA_512;
		assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ENOTSUP);
		assert_string_equal(l->failed_step, "configure");
		rlm_kvm_launch_close(l);
		env_fini(e);
		free(l);
		free(e);
	}
}

/*
 * NVIDIA's MEC configuration (CONFIG_REALM items MEC 2 and MEC_QUERY 3,
 * NV-Kernels uapi struct arm_rmi_config) wired to the kernel's MECID
 * allocator: a private MECID is taken and counted, given back at teardown;
 * refused with no MEC support and on every other series.
 */
static void test_nv_mec(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rlm_kvm_launch *l = calloc(1, sizeof(*l));
	struct rlm_kvm_model_info info;
	struct rlm_rim pred;
	uint8_t rim[64];
	bool sup = false;
	uint32_t count = 99;

	(void)state;
	assert_non_null(e);
	assert_non_null(l);
	MAX_MECID = 1;                       /* one private MECID (1), shared 0 */
	env_init(e, RLM_KVM_NV_RMI, 0);
	rlm_kvm_set_mec(&e->kvm, RLM_MEC_PRIVATE);
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), 0);
	rlm_kvm_model_info(e->model, &info);
	assert_true(info.mec_set && info.mec_private && info.mecid == 1);
	assert_true(info.mecids_private_used == 1);
	/* the kernel now reports none left */
	assert_int_equal(rlm_kvm_mec_query(&l->vm, &sup, &count), 0);
	assert_true(sup && count == 0);
	/* MEC is not measured: the RIM is the plan's */
	assert_int_equal(rlm_launch_predict(&e->d, &pred, NULL), 0);
	realm_rim(e, rim);
	assert_memory_equal(rim, pred.value, 32);
	rlm_kvm_launch_close(l);
	assert_true(rlm_kvm_model_teardown(e->model) == 0);
	rlm_kvm_model_info(e->model, &info);
	assert_true(!info.mec_set && info.mecids_private_used == 0);
	env_fini(e);
	/* no MEC in the kernel: a private MECID is refused, shared is fine */
	MAX_MECID = 0;
	env_init(e, RLM_KVM_NV_RMI, 0);
	rlm_kvm_set_mec(&e->kvm, RLM_MEC_PRIVATE);
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ENOTSUP);
	assert_string_equal(l->failed_step, "configure MEC");
	assert_non_null(strstr(e->kvm.why, "no MEC support"));
	rlm_kvm_launch_close(l);
	rlm_kvm_set_mec(&e->kvm, RLM_MEC_SHARED);
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), 0);
	rlm_kvm_model_info(e->model, &info);
	assert_true(info.mec_set && !info.mec_private && info.mecid == 0);
	rlm_kvm_launch_close(l);
	env_fini(e);
	/* the other series have no MEC configuration */
	env_init(e, RLM_KVM_V10, 0);
	rlm_kvm_set_mec(&e->kvm, RLM_MEC_SHARED);
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ENOTSUP);
	assert_non_null(strstr(e->kvm.why, "NVIDIA"));
	rlm_kvm_launch_close(l);
	env_fini(e);
	free(l);
	free(e);
}

/* The vGICv3 on the model: CTRL_INIT wants both addresses and the vCPUs,
 * a second device is -EEXIST; after init the realm runs as before. */
static void test_vgic_model(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rlm_kvm_launch *l = calloc(1, sizeof(*l));
	struct rlm_kvm_model_info info;
	struct rlm_kvm_run_stats st;
	struct rlm_kvm_gic gic = { 0x08000000, 0x080a0000, 3, 0 };
	struct rlm_kvm_vm vm;
	int dev, dev2;

	(void)state;
	assert_non_null(e);
	assert_non_null(l);
	env_init(e, RLM_KVM_V14, 0);
	/* no vCPU yet: CTRL_INIT is refused */
	assert_int_equal(rlm_kvm_create_vm(&e->kvm, 40, &vm), 0);
	assert_int_equal(rlm_kvm_vgic_create(&vm, &gic, &dev), 0);
	assert_int_equal(rlm_kvm_vgic_init(&vm, dev), RLM_EIO);
	assert_non_null(strstr(e->kvm.why, "CTRL_INIT"));
	assert_int_equal(rlm_kvm_vgic_create(&vm, &gic, &dev2), RLM_EIO);
	assert_non_null(strstr(e->kvm.why, "KVM_CREATE_DEVICE"));
	e->kvm.ops->close(e->kvm.ctx, dev);
	rlm_kvm_vm_close(&vm);
	/* the launch, then the GIC, then the run */
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), 0);
	assert_int_equal(rlm_kvm_vgic_create(&l->vm, &gic, &dev), 0);
	assert_int_equal(rlm_kvm_vgic_init(&l->vm, dev), 0);
	rlm_kvm_model_info(e->model, &info);
	assert_true(info.gic_ready);
	assert_int_equal(rlm_kvm_run(&l->vcpus[0], NULL, NULL, &st), 0);
	assert_int_equal(st.last, RLM_KVM_X_SHUTDOWN);
	e->kvm.ops->close(e->kvm.ctx, dev);
	rlm_kvm_launch_close(l);
	env_fini(e);
	free(l);
	free(e);
}

/* What each series' kernel refuses, and with which errno. */
static void test_refusals(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct rlm_kvm_launch *l = calloc(1, sizeof(*l));
	static _Alignas(4096) uint8_t src[0x2000];

	(void)state;
	assert_non_null(e);
	assert_non_null(l);
	/* v14: no RPV or hash choice; populate before private is refused */
	env_init(e, RLM_KVM_V14, 0);
	e->d.nimages = 1;
	e->d.params.hash_algo = RLM_RMI_HASH_SHA_512;
	assert_int_equal(rlm_kvm_launch(&e->kvm, &e->d, l), RLM_ENOTSUP);
	assert_string_equal(l->failed_step, "configure");
	rlm_kvm_launch_close(l);
	struct rlm_kvm_vm vm;
	int g;

	assert_int_equal(rlm_kvm_create_vm(&e->kvm, 40, &vm), 0);
	assert_int_equal(rlm_kvm_guest_memfd(&vm, 0x2000, &g), 0);
	assert_int_equal(rlm_kvm_set_memslot(&vm, 0, 0x40000000, 0x2000, src, g, 0), 0);
	/* not PRIVATE yet: kvm_gmem_populate refuses */
	assert_int_equal(rlm_kvm_populate(&vm, 0x40000000, 0x2000, src, true), RLM_EIO);
	assert_non_null(strstr(e->kvm.why, "Invalid argument"));
	assert_int_equal(rlm_kvm_set_private(&vm, 0x40000000, 0x2000, true), 0);
	assert_int_equal(rlm_kvm_populate(&vm, 0x40000000, 0x2000, src, true), 0);
	/* v14 has no PSCI ioctl, no multiplexed steps */
	assert_int_equal(rlm_kvm_config_rpv(&vm, src), RLM_ENOTSUP);
	e->kvm.ops->close(e->kvm.ctx, g);
	rlm_kvm_vm_close(&vm);
	env_fini(e);
	free(e);
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v10),
		cmocka_unit_test(test_nv),
		cmocka_unit_test(test_v12),
		cmocka_unit_test(test_v13),
		cmocka_unit_test(test_v14),
		cmocka_unit_test(test_features_every_series),
		cmocka_unit_test(test_features_limits),
		cmocka_unit_test(test_v10_finalize_first_rim_differs),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_lpa2_from_host),
		cmocka_unit_test(test_nv_mec),
		cmocka_unit_test(test_vgic_model),
	};

	return cmocka_run_group_tests_name("kvm_model", tests, NULL, NULL);
}
