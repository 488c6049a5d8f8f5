/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The KVM series model over the mock RMM (realm/kvm-model.h).  Each
 * behaviour names the kernel source it follows; where this model makes a
 * choice the sources leave open (an errno, how much one populate call
 * does), the comment says so.  Sources:
 *  [v10]  "[PATCH v10] arm64: RME / KVM: arm64: ..." series (Aug 2025),
 *         arch/arm64/kvm/rme.c: kvm_realm_enable_cap() (CONFIG, CREATE,
 *         INIT_RIPAS, POPULATE, ACTIVATE), realm_init_ipa_state() +
 *         find_map_level(), kvm_create_rec() ("Allocate/free RECs to
 *         match vCPUs": PC and x0..x7 copied at KVM_ARM_VCPU_FINALIZE,
 *         RUNNABLE unless the vCPU was created powered off).
 *  [NV]   NVIDIA/NV-Kernels arch/arm64/include/uapi/asm/kvm.h: the same
 *         flow under kvm_cap_arm_rmi, plus ARM_RMI_CONFIG_MEC (2) and
 *         MEC_QUERY (3); NVIDIA QEMU target/arm/kvm-rme.c reads the
 *         number from /sys/module/kvm/parameters/kvm_cap_arm_rmi.
 *  [v12]  v12 Documentation/virt/kvm/api.rst 4.145 KVM_ARM_RMI_POPULATE:
 *         returns the bytes populated, "might not populate the entire
 *         region"; only before any vCPU has run.
 *  [v13/v14] the same section: _IOWR, base/size/source_uaddr written
 *         back, "implicitly sets the destination region to RIPAS RAM";
 *         v14 rmi-exit.c: a RIPAS change is KVM_EXIT_MEMORY_FAULT with
 *         KVM_RUN returning -EFAULT.
 *  [gmem] torvalds/linux virt/kvm/guest_memfd.c kvm_gmem_populate(): the
 *         range must have the PRIVATE attribute (else -EINVAL).
 *  [v13/v14 rmi.c] realm_ensure_created() (REALM_CREATE at the first
 *         KVM_ARM_RMI_POPULATE, -EBUSY once active), kvm_activate_realm()
 *         at the first KVM_RUN: every vCPU's REC (kvm_create_rec(), RUNNABLE
 *         for vcpu_id 0 only, PSCI 0.2 required), then
 *         set_ripas_of_protected_regions() (INIT_RIPAS over every
 *         guest_memfd memslot, skipping pages already RAM), then
 *         REALM_ACTIVATE; arm.c knows KVM_CAP_ARM_RMI only in
 *         check_extension, so KVM_ENABLE_CAP of it is -EINVAL.
 *
 * v12+ measure in another order than v10/NV: data, RECs, then RIPAS
 * (set_ripas_of_protected_regions() at activation, stepping over
 * populated pages); the planner predicts it with
 * RLM_LAUNCH_ORDER_KVM_ACTIVATE (rlm_kvm_series_order()).
 * Userspace, test tier: allocates.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <realm/kvm-model.h>
#include <realm/alloc.h>
#include <realm/error.h>
#include <realm/launch.h>
#include <realm/rmi.h>
#include <realm/rtt.h>

#define FD_KVM_ 3
#define FD_RME_ 4
#define FD_RMI_ 5
#define FD_VM_ 6
#define FD_VCPU0_ 100
#define FD_GMEM0_ 200
#define FD_GIC_ 300
#define MAX_VCPUS_ 64
#define MAX_SLOTS_ 32
#define MAX_GMEM_ 16
#define RUN_SIZE_ 4096
#define G_ RLM_GRANULE_SIZE

struct slot_ {
	bool used;
	uint64_t gpa, size, uaddr;
	int gmem;            /* -1 none */
	uint8_t *priv;       /* one byte per 4K page: PRIVATE attribute */
};

struct vcpu_ {
	bool used, power_off, inited, rec_made;
	bool sve, pmu, sve_final;   /* features; SVE finalized */
	uint32_t max_vq;            /* from SVE_VLS (0: not set) */
	uint64_t pc, x[8];
	uint64_t rec, aux[RLM_REC_PARAMS_AUX_GRANULES];
	uint8_t run[RUN_SIZE_];
	/* a RIPAS change waiting for the VMM's answer */
	bool ripas_pending;
	uint64_t ripas_base, ripas_top;
	uint8_t ripas_value;
	bool off;
};

struct rtt_ {
	uint64_t ipa, pa;
	int level;
};

struct rlm_kvm_model {
	struct rlm_kvm_model_config cfg;
	struct rlm_mecid_alloc mec;     /* NV: the kernel's MECIDs */
	uint64_t *mec_bits;
	struct rlm_conduit c;
	struct rlm_gpool pool;
	uint64_t *bits;
	uint64_t ns_params, ns_src;     /* NS pages the kernel uses */
	uint64_t ns_run0;               /* run pages, one per vCPU */
	unsigned int cap;
	bool vm_open;
	unsigned int ipa_bits;
	/* realm state */
	bool cfg_done, created, active, any_run;
	uint64_t dfr0;                  /* the VM's ID_AA64DFR0_EL1 */
	uint32_t pmcr_n;                /* PMCR_EL0.N */
	uint8_t hash_algo;
	uint8_t rpv[64];
	uint64_t rd, rtt_base;
	unsigned int num_root;
	struct rlm_rtt_geom geom;
	uint64_t aux_count;
	struct rtt_ *rtts;
	size_t nrtts, rtts_cap;
	uint64_t *data;                 /* ipa, pa pairs */
	size_t ndata, data_cap;
	struct slot_ slots[MAX_SLOTS_];
	uint64_t gmem_size[MAX_GMEM_];
	bool gmem_used[MAX_GMEM_];
	struct vcpu_ v[MAX_VCPUS_];
	struct rlm_kvm_model_info info;
	/* the vGICv3 (KVM_CREATE_DEVICE), one per VM */
	bool gic, gic_dist_set, gic_redist_set;
	uint64_t gic_dist, gic_redist;
	uint32_t gic_nr_irqs;
};

static bool mux_(const struct rlm_kvm_model *m)
{
	return m->cfg.series == RLM_KVM_V10 || m->cfg.series == RLM_KVM_NV_RMI;
}

/* ---- granules ----------------------------------------------------------- */

static int take_(struct rlm_kvm_model *m, unsigned int n, uint64_t *pa)
{
	struct rlm_granule_pool ops;
	unsigned int i;

	rlm_gpool_ops(&m->pool, &ops);
	if (ops.get(ops.ctx, n, pa))
		return -ENOMEM;
	for (i = 0; i < n; i++)
		if (rlm_rmi_granule_delegate(&m->c, *pa + (uint64_t)i * G_, NULL)) {
			m->info.rmi_errors++;
			return -ENXIO;
		}
	return 0;
}

static void give_(struct rlm_kvm_model *m, uint64_t pa)
{
	struct rlm_granule_pool ops;

	rlm_gpool_ops(&m->pool, &ops);
	if (rlm_rmi_granule_undelegate(&m->c, pa, NULL) == 0)
		ops.put(ops.ctx, pa);
	else
		ops.quarantine(ops.ctx, pa);
}

static uint64_t map_size_(int level)
{
	return UINT64_C(1) << (12 + 9 * (3 - level));
}

/* Create tables from level 'from' + 1 down to 'to' over ipa
 * (realm_create_rtt_levels). */
static int rtt_levels_(struct rlm_kvm_model *m, uint64_t ipa, int from, int to)
{
	int level;

	for (level = from + 1; level <= to; level++) {
		uint64_t pa, base = ipa & ~(map_size_(level - 1) - 1);
		struct rlm_rmi_result res;

		if (m->nrtts == m->rtts_cap) {
			size_t cap = m->rtts_cap ? m->rtts_cap * 2 : 64;
			struct rtt_ *n = realloc(m->rtts, cap * sizeof(*n));

			if (!n)
				return -ENOMEM;
			m->rtts = n;
			m->rtts_cap = cap;
		}
		if (take_(m, 1, &pa))
			return -ENOMEM;
		if (rlm_rmi_rtt_create(&m->c, m->rd, pa, base, level, &res)) {
			m->info.rmi_errors++;
			give_(m, pa);
			return -ENXIO;
		}
		m->rtts[m->nrtts].ipa = base;
		m->rtts[m->nrtts].pa = pa;
		m->rtts[m->nrtts].level = level;
		m->nrtts++;
	}
	return 0;
}

/* ---- the realm ---------------------------------------------------------- */

/* REALM_CREATE with the parameters the kernel assembles: s2sz from the VM
 * type, hash/RPV from CONFIG_REALM, the rest from the host CPU ([v10]
 * realm_create_rd()). */
static int realm_create_(struct rlm_kvm_model *m)
{
	struct rlm_realm_params p;
	uint8_t *page;

	int vl = -1;
	size_t i;

	if (m->created)
		return -EEXIST;
	memset(&p, 0, sizeof(p));
	p.s2sz = m->ipa_bits;
	/* [v10] realm_create_rd(): num_bps/num_wps are the BRPs/WRPs fields
	 * of the VM's ID_AA64DFR0_EL1 ("arm64: RME: Propagate number of
	 * breakpoints and watchpoints to userspace"); PMU flag and
	 * pmu_num_ctrs when the vCPUs have a PMU; realm_init_sve_param():
	 * every vCPU's SVE maximum, finalized and equal, as sve_vl = vq - 1
	 * ("arm64: RME: Configure max SVE vector length for a Realm").  The
	 * v13/v14 rmi.c read for this model sets no num_bps/num_wps/SVE in
	 * realm_create_rd(); the model applies v10's rule to every series. */
	p.num_bps = (uint32_t)((m->dfr0 >> RLM_ID_AA64DFR0_BRPS_SHIFT) & 0xf);
	p.num_wps = (uint32_t)((m->dfr0 >> RLM_ID_AA64DFR0_WRPS_SHIFT) & 0xf);
	for (i = 0; i < MAX_VCPUS_; i++) {
		const struct vcpu_ *v = &m->v[i];
		int this_vl = 0;

		if (!v->used || !v->inited)
			continue;
		if (v->pmu) {
			p.flags |= RLM_RMI_REALM_PARAM_FLAG_PMU;
			p.pmu_num_ctrs = m->pmcr_n;
		}
		if (v->sve) {
			if (!v->sve_final)
				return -EINVAL;
			this_vl = (int)v->max_vq;
		}
		if (vl >= 0 && vl != this_vl)
			return -EINVAL;  /* all vCPUs alike */
		vl = this_vl;
	}
	if (vl > 0) {
		p.sve_vl = (uint32_t)vl - 1;
		p.flags |= RLM_RMI_REALM_PARAM_FLAG_SVE;
	}
	p.hash_algo = m->hash_algo;
	memcpy(p.rpv, m->rpv, 64);
	/* [v13/v14 rmi.c] realm_create_rd(): LPA2 when the host uses it
	 * (kvm_lpa2_is_enabled()); the v10/v12 ones never set it. */
	if (m->cfg.host_lpa2 && (m->cfg.series == RLM_KVM_V13 ||
				 m->cfg.series == RLM_KVM_V14))
		p.flags |= RLM_RMI_REALM_PARAM_FLAG_LPA2;
	if (rlm_rtt_geom_default(&m->geom, m->ipa_bits,
				 (p.flags & RLM_RMI_REALM_PARAM_FLAG_LPA2) != 0) ||
	    rlm_rtt_geom_to_params(&m->geom, &p))
		return -EINVAL;
	m->num_root = p.rtt_num_start;
	if (take_(m, 1, &m->rd))
		return -ENOMEM;
	if (take_(m, m->num_root, &m->rtt_base))
		return -ENOMEM;
	p.rtt_base = m->rtt_base;
	p.vmid = 1;
	page = rlm_mock_ns_ptr(m->cfg.mock, m->ns_params, G_);
	if (!page || rlm_pack_realm_params(&p, page, RLM_REALM_PARAMS_SIZE))
		return -EINVAL;
	if (rlm_rmi_realm_create(&m->c, m->rd, m->ns_params, NULL) ||
	    rlm_rmi_rec_aux_count(&m->c, m->rd, &m->aux_count, NULL)) {
		m->info.rmi_errors++;
		return -ENXIO;
	}
	m->created = true;
	m->info.rd = m->rd;
	return 0;
}

/* [v10] find_map_level(): the largest block (not above start + 1) that
 * is aligned and inside [ipa, end); [v12-v14 rmi.c] the same, bounded by
 * the start level itself. */
static int find_map_level_(const struct rlm_kvm_model *m, uint64_t ipa, uint64_t end)
{
	int level = 3;

	while (level > m->geom.start_level + (mux_(m) ? 1 : 0)) {
		uint64_t sz = map_size_(level - 1);

		if ((ipa & (sz - 1)) || ipa + sz > end)
			break;
		level--;
	}
	return level;
}

/* [v10] realm_init_ipa_state(): INIT_RIPAS, creating tables on
 * RMI_ERROR_RTT down to find_map_level(). */
static int init_ripas_(struct rlm_kvm_model *m, uint64_t ipa, uint64_t end)
{
	while (ipa < end) {
		struct rlm_rmi_result res;
		uint64_t next = ipa;
		int r = rlm_rmi_rtt_init_ripas(&m->c, m->rd, ipa, end, &next, &res);

		if (r == RLM_ERMI && res.status == RLM_RMI_ERROR_RTT) {
			int err_level = rlm_rmi_index_level(res.index);
			int level = find_map_level_(m, ipa, end);

			if (err_level >= level) {
				if (mux_(m))
					return -ENXIO;
				/* [v12-v14 rmi.c] ripas_change(): "skip regions
				 * which are already RIPAS_RAM" - a populated
				 * page (ASSIGNED) is stepped over, one host
				 * page at a time. */
				ipa += m->cfg.page_size ? (uint64_t)m->cfg.page_size : G_;
				continue;
			}
			r = rtt_levels_(m, ipa, err_level, level);
			if (r)
				return r;
			continue;
		}
		if (r) {
			m->info.rmi_errors++;
			return -ENXIO;
		}
		ipa = next;
	}
	return 0;
}

static struct slot_ *slot_of_(struct rlm_kvm_model *m, uint64_t gpa)
{
	size_t i;

	for (i = 0; i < MAX_SLOTS_; i++)
		if (m->slots[i].used && gpa >= m->slots[i].gpa &&
		    gpa < m->slots[i].gpa + m->slots[i].size)
			return &m->slots[i];
	return NULL;
}

/* One page: DATA_CREATE from src (a host pointer), creating the level 3
 * table when missing ([v10] realm_create_protected_data_page). */
static int data_page_(struct rlm_kvm_model *m, uint64_t ipa, const uint8_t *src,
		      bool measure)
{
	struct slot_ *s = slot_of_(m, ipa);
	uint8_t *ns = rlm_mock_ns_ptr(m->cfg.mock, m->ns_src, G_);
	struct rlm_rmi_result res;
	uint64_t pa, *nd;
	int r;

	if (!s || s->gmem < 0)
		return -EPERM;       /* no guest_memfd behind it ([v10]) */
	if (!s->priv[(ipa - s->gpa) / G_])
		return -EINVAL;      /* [gmem] not PRIVATE */
	if (!ns)
		return -EFAULT;
	memcpy(ns, src, G_);
	if (take_(m, 1, &pa))
		return -ENOMEM;
	for (;;) {
		r = rlm_rmi_data_create(&m->c, m->rd, pa, ipa, m->ns_src,
					measure ? RLM_RMI_MEASURE_CONTENT :
					RLM_RMI_NO_MEASURE_CONTENT, &res);
		if (r == RLM_ERMI && res.status == RLM_RMI_ERROR_RTT &&
		    rlm_rmi_index_level(res.index) < 3) {
			r = rtt_levels_(m, ipa, rlm_rmi_index_level(res.index), 3);
			if (r) {
				give_(m, pa);
				return r;
			}
			continue;
		}
		break;
	}
	if (r) {
		m->info.rmi_errors++;
		give_(m, pa);
		return -ENXIO;
	}
	if (m->ndata + 2 > m->data_cap) {
		size_t cap = m->data_cap ? m->data_cap * 2 : 256;

		nd = realloc(m->data, cap * sizeof(*nd));
		if (!nd)
			return -ENOMEM;
		m->data = nd;
		m->data_cap = cap;
	}
	m->data[m->ndata++] = ipa;
	m->data[m->ndata++] = pa;
	m->info.data_granules++;
	return 0;
}

/* v12+: the realm comes into being at the first populate or run
 * ([v13/v14 rmi.c] realm_ensure_created()); RIPAS comes at activation. */
static int implicit_create_(struct rlm_kvm_model *m)
{
	if (m->created)
		return 0;
	return realm_create_(m);
}

/* [v12-v14 rmi.c] set_ripas_of_protected_regions() at kvm_activate_realm(),
 * after the RECs: INIT_RIPAS over every guest_memfd memslot, whole.  The
 * kernel visits the memslots in its id-hash order; the model in ascending
 * address (the same with one RAM slot, as realmctl and the planner have
 * it). */
static int protected_ripas_(struct rlm_kvm_model *m)
{
	uint64_t done = 0;
	int r = 0;

	for (;;) {
		struct slot_ *next = NULL;
		size_t i;

		for (i = 0; i < MAX_SLOTS_; i++) {
			struct slot_ *s = &m->slots[i];

			if (s->used && s->gmem >= 0 && s->gpa >= done &&
			    (!next || s->gpa < next->gpa))
				next = s;
		}
		if (!next)
			return 0;
		r = init_ripas_(m, next->gpa, next->gpa + next->size);
		if (r)
			return r;
		done = next->gpa + next->size;
	}
}

static int rec_create_(struct rlm_kvm_model *m, unsigned int id)
{
	struct vcpu_ *v = &m->v[id];
	struct rlm_rec_params p;
	uint8_t *page;
	uint64_t i;

	if (!m->created)
		return -EPERM;   /* [v10]: the realm must exist first */
	if (m->aux_count > RLM_REC_PARAMS_AUX_GRANULES)
		return -EINVAL;
	memset(&p, 0, sizeof(p));
	/* [v10] kvm_create_rec(): the vCPU's registers now; RUNNABLE unless
	 * created powered off.  [v13/v14] kvm_create_rec() at activation:
	 * RUNNABLE for vcpu_id 0 only. */
	if (!mux_(m))
		p.flags = id == 0 ? RLM_REC_PARAMS_FLAG_RUNNABLE : 0;
	else
		p.flags = v->power_off ? 0 : RLM_REC_PARAMS_FLAG_RUNNABLE;
	p.mpidr = (uint64_t)(id & 0xf) | ((uint64_t)((id >> 4) & 0xff) << 8);
	p.pc = v->pc;
	memcpy(p.gprs, v->x, sizeof(p.gprs));
	p.num_aux = m->aux_count;
	if (take_(m, 1, &v->rec))
		return -ENOMEM;
	for (i = 0; i < m->aux_count; i++)
		if (take_(m, 1, &v->aux[i]))
			return -ENOMEM;
	memcpy(p.aux, v->aux, sizeof(p.aux));
	page = rlm_mock_ns_ptr(m->cfg.mock, m->ns_params, G_);
	if (!page || rlm_pack_rec_params(&p, page, RLM_REC_PARAMS_SIZE))
		return -EINVAL;
	if (rlm_rmi_rec_create(&m->c, m->rd, v->rec, m->ns_params, NULL)) {
		m->info.rmi_errors++;
		return -ENXIO;
	}
	v->rec_made = true;
	if (m->info.recs == 0) {
		m->info.rec0_pc = p.pc;
		m->info.rec0_x0 = p.gprs[0];
	}
	m->info.recs++;
	if (m->cfg.program)
		(void)rlm_mock_realm_callback(m->cfg.mock, v->rec, m->cfg.program,
					      m->cfg.program_arg);
	return 0;
}

static int activate_(struct rlm_kvm_model *m)
{
	if (!m->created || m->active)
		return -EINVAL;
	if (rlm_rmi_realm_activate(&m->c, m->rd, NULL)) {
		m->info.rmi_errors++;
		return -ENXIO;
	}
	m->active = true;
	return 0;
}

/* ---- ioctls -------------------------------------------------------------- */


static uint64_t rd64_(uintptr_t p, size_t off)
{
	uint64_t v;

	memcpy(&v, (const uint8_t *)p + off, 8);
	return v;
}

static uint32_t rd32_(uintptr_t p, size_t off)
{
	uint32_t v;

	memcpy(&v, (const uint8_t *)p + off, 4);
	return v;
}

static void wr64_(uint8_t *p, size_t off, uint64_t v)
{
	memcpy(p + off, &v, 8);
}

static void wr32_(uint8_t *p, size_t off, uint32_t v)
{
	memcpy(p + off, &v, 4);
}

static long populate_range_(struct rlm_kvm_model *m, uint64_t base, uint64_t size,
			    const uint8_t *src, bool measure)
{
	uint64_t off;
	long r;

	for (off = 0; off < size; off += G_) {
		r = data_page_(m, base + off, src + off, measure);
		if (r)
			return r;
	}
	return 0;
}

static long enable_cap_(struct rlm_kvm_model *m, uintptr_t arg)
{
	uint32_t cap = rd32_(arg, 0);
	uint64_t sub = rd64_(arg, 8);
	uintptr_t a1 = (uintptr_t)rd64_(arg, 16);

	if (!mux_(m) || cap != m->cap)
		return -EINVAL;  /* v12+: no KVM_ENABLE_CAP for it */
	switch (sub) {
	case RLM_KVM_CAP_ARM_RME_CONFIG_REALM: {
		uint32_t item;

		if (!a1)
			return -EFAULT;
		item = rd32_(a1, 0);
		/* configuration precedes CREATE; the MEC query changes nothing
		 * and is answered at any time (model choice) */
		if (m->created && item != RLM_ARM_RMI_CONFIG_MEC_QUERY)
			return -EBUSY;
		if (item == RLM_ARM_RME_CONFIG_RPV) {
			memcpy(m->rpv, (const uint8_t *)a1 + 4, 64);
		} else if (item == RLM_ARM_RME_CONFIG_HASH_ALGO) {
			uint32_t h = rd32_(a1, 4);

			if (h > RLM_ARM_RME_CONFIG_HASH_ALGO_SHA512)
				return -EINVAL;
			m->hash_algo = (uint8_t)h;
		} else if (item == RLM_ARM_RMI_CONFIG_MEC_QUERY &&
			   m->cfg.series == RLM_KVM_NV_RMI) {
			/* [NV] struct arm_rmi_config MEC_QUERY output:
			 * mec_supported, mec_count (MECIDs available). */
			wr32_((uint8_t *)a1, 4, m->mec.max ? 1 : 0);
			wr32_((uint8_t *)a1, 8, m->mec.max ?
			      m->mec.max - m->mec.private_used : 0);
		} else if (item == RLM_ARM_RMI_CONFIG_MEC &&
			   m->cfg.series == RLM_KVM_NV_RMI) {
			/* [NV] shared_mec: 0 = a private MECID */
			bool shared = rd32_(a1, 4) != 0, first;
			uint32_t id;
			int r;

			if (m->info.mec_set)
				return -EBUSY;   /* model: configured once */
			if (!m->mec.max && !shared)
				return -EOPNOTSUPP; /* no MEC: no private MECID */
			r = rlm_mecid_get(&m->mec, shared ? RLM_MEC_SHARED :
					  RLM_MEC_PRIVATE, &id, &first);
			if (r)
				return r == RLM_ENOSPC ? -ENOSPC : -EINVAL;
			m->info.mec_set = true;
			m->info.mec_private = !shared;
			m->info.mecid = id;
			m->info.mecids_private_used = m->mec.private_used;
		} else {
			return -EINVAL;
		}
		return 0;
	}
	case RLM_KVM_CAP_ARM_RME_CREATE_REALM:
		return realm_create_(m);
	case RLM_KVM_CAP_ARM_RME_INIT_RIPAS_REALM: {
		uint64_t base = rd64_(a1, 0), size = rd64_(a1, 8);

		if (!m->created || m->active)
			return -EINVAL;
		if ((base | size) & (G_ - 1) || base + size < base)
			return -EINVAL;
		return init_ripas_(m, base, base + size);
	}
	case RLM_KVM_CAP_ARM_RME_POPULATE_REALM: {
		uint64_t base = rd64_(a1, 0), size = rd64_(a1, 8), off;
		bool measure = rd32_(a1, 16) & RLM_KVM_ARM_RME_POPULATE_FLAGS_MEASURE;
		long r;

		if (!m->created || m->active)
			return -EINVAL;
		/* [v10] copies from the memslot's userspace side. */
		for (off = 0; off < size; off += G_) {
			struct slot_ *s = slot_of_(m, base + off);

			if (!s)
				return -EINVAL;
			r = data_page_(m, base + off, (const uint8_t *)(uintptr_t)
				       (s->uaddr + (base + off - s->gpa)), measure);
			if (r)
				return r;
		}
		return 0;
	}
	case RLM_KVM_CAP_ARM_RME_ACTIVATE_REALM:
		return activate_(m);
	default:
		return -EINVAL;
	}
}

static long rmi_populate_(struct rlm_kvm_model *m, unsigned long req, uintptr_t arg)
{
	uint64_t base = rd64_(arg, 0), size = rd64_(arg, 8), src = rd64_(arg, 16);
	bool measure = rd32_(arg, 24) & RLM_KVM_ARM_RMI_POPULATE_FLAGS_MEASURE;
	uint64_t n = size;
	bool v12 = m->cfg.series == RLM_KVM_V12;
	long r;

	if (mux_(m) || (v12 && req != RLM_KVM_ARM_RMI_POPULATE_V12) ||
	    (!v12 && req != RLM_KVM_ARM_RMI_POPULATE))
		return -ENOTTY;
	if (m->any_run || m->active)
		return -EBUSY;    /* [v13/v14] realm_ensure_created(): an active
				   * realm is -EBUSY ([v12] api.rst: "only valid
				   * before any VCPUs have run") */
	if (!size || ((base | size) & (G_ - 1)))
		return -EINVAL;
	if (m->cfg.series == RLM_KVM_V14 && (!src || (src & (G_ - 1))))
		return -EINVAL;   /* v14: source_uaddr page aligned, non-NULL */
	r = implicit_create_(m);
	if (r)
		return r;
	if (m->cfg.populate_chunk && n > m->cfg.populate_chunk)
		n = m->cfg.populate_chunk;  /* model: partial progress */
	r = populate_range_(m, base, n, (const uint8_t *)(uintptr_t)src, measure);
	if (r)
		return r;
	if (v12)
		return (long)n;
	wr64_((uint8_t *)arg, 0, base + n);
	wr64_((uint8_t *)arg, 8, size - n);
	wr64_((uint8_t *)arg, 16, src + n);
	return 0;
}

static long set_memslot_(struct rlm_kvm_model *m, uintptr_t arg)
{
	uint32_t slot = rd32_(arg, 0), flags = rd32_(arg, 4);
	uint64_t gpa = rd64_(arg, 8), size = rd64_(arg, 16);
	struct slot_ *s;
	int g = -1;

	if (slot >= MAX_SLOTS_ || (flags & ~RLM_KVM_MEM_GUEST_MEMFD))
		return -EINVAL;
	s = &m->slots[slot];
	if (s->used || !size || ((gpa | size) & (G_ - 1)))
		return -EINVAL;   /* model: no slot resizing */
	if (flags & RLM_KVM_MEM_GUEST_MEMFD) {
		g = (int)rd32_(arg, 40) - FD_GMEM0_;
		if (g < 0 || g >= MAX_GMEM_ || !m->gmem_used[g] ||
		    rd64_(arg, 32) + size > m->gmem_size[g])
			return -EINVAL;
	}
	s->priv = calloc((size_t)(size / G_), 1);
	if (!s->priv)
		return -ENOMEM;
	s->used = true;
	s->gpa = gpa;
	s->size = size;
	s->uaddr = rd64_(arg, 24);
	s->gmem = g;
	return 0;
}

static long set_attrs_(struct rlm_kvm_model *m, uintptr_t arg)
{
	uint64_t base = rd64_(arg, 0), size = rd64_(arg, 8), a = rd64_(arg, 16), p;

	if ((base | size) & (G_ - 1) || rd64_(arg, 24) ||
	    (a & ~RLM_KVM_MEMORY_ATTRIBUTE_PRIVATE))
		return -EINVAL;
	for (p = base; p < base + size; p += G_) {
		struct slot_ *s = slot_of_(m, p);

		if (s)
			s->priv[(p - s->gpa) / G_] = a ? 1 : 0;
	}
	return 0;
}

static long vcpu_ioctl_(struct rlm_kvm_model *m, unsigned int id,
			unsigned long req, uintptr_t arg);

/* The mock RMM's RMI_FEATURES(0): the limits the kernel applies. */
static void feat_(struct rlm_kvm_model *m, struct rlm_rmi_features0 *f)
{
	if (rlm_rmi_features0_read(&m->c, f))
		memset(f, 0, sizeof(*f));
}

/* ID_AA64DFR0_EL1 and PMCR_EL0 as a realm VM's kernel takes them: the
 * counts bounded by the RMM's (v10 set_id_aa64dfr0_el1() refuses more
 * breakpoints/watchpoints than kvm_realm_get_num_brps/wrps(); PMCR_EL0.N
 * above the RMM's counters is refused the same way: model errno
 * -EINVAL), and fixed once the realm exists (model: -EBUSY). */
static long set_sysreg_(struct rlm_kvm_model *m, uint64_t rid, uint64_t val)
{
	struct rlm_rmi_features0 ft;

	if (m->created)
		return -EBUSY;
	feat_(m, &ft);
	if (rid == RLM_KVM_REG_ID_AA64DFR0_EL1) {
		if (((val >> RLM_ID_AA64DFR0_BRPS_SHIFT) & 0xf) > ft.num_bps ||
		    ((val >> RLM_ID_AA64DFR0_WRPS_SHIFT) & 0xf) > ft.num_wps)
			return -EINVAL;
		m->dfr0 = val;
		return 0;
	}
	if (((val >> RLM_PMCR_N_SHIFT) & RLM_PMCR_N_MASK) > ft.pmu_num_ctrs)
		return -EINVAL;
	m->pmcr_n = (uint32_t)((val >> RLM_PMCR_N_SHIFT) & RLM_PMCR_N_MASK);
	return 0;
}

/* KVM_REG_ARM64_SVE_VLS (512 bits): before SVE finalize (-EPERM after,
 * as KVM), only on an SVE vCPU (-ENOENT), VQ 1 present, the maximum no
 * larger than the RMM's (realm kernels bound it by
 * RMI_FEATURE_REGISTER_0_SVE_VL: -EINVAL). */
static long set_vls_(struct rlm_kvm_model *m, struct vcpu_ *v, const uint8_t *p)
{
	struct rlm_rmi_features0 ft;
	uint64_t w[8];
	uint32_t vq, max = 0;

	if (!v->sve)
		return -ENOENT;
	if (v->sve_final)
		return -EPERM;
	memcpy(w, p, sizeof(w));
	for (vq = 1; vq <= 512; vq++)
		if (w[(vq - 1) / 64] & (UINT64_C(1) << ((vq - 1) % 64)))
			max = vq;
	feat_(m, &ft);
	if (!(w[0] & 1) || !max || max - 1 > ft.sve_vl)
		return -EINVAL;
	v->max_vq = max;
	return 0;
}

/* KVM_SET_DEVICE_ATTR on the vGICv3 (arch/arm64/kvm/vgic/vgic-kvm-device.c):
 * addresses 64K aligned and set once (-EINVAL, -EEXIST), nr_irqs before
 * init, CTRL_INIT with both addresses known (-ENXIO) and the vCPUs
 * created. */
static long gic_attr_(struct rlm_kvm_model *m, unsigned long req, uintptr_t arg)
{
	uint32_t group = rd32_(arg, 4);
	uint64_t attr = rd64_(arg, 8);
	uintptr_t val = (uintptr_t)rd64_(arg, 16);
	size_t i;

	if (req != RLM_KVM_SET_DEVICE_ATTR)
		return -ENOTTY;
	if (m->info.gic_ready && group != RLM_KVM_DEV_ARM_VGIC_GRP_CTRL)
		return -EBUSY;
	switch (group) {
	case RLM_KVM_DEV_ARM_VGIC_GRP_ADDR: {
		uint64_t a;
		bool dist = attr == RLM_KVM_VGIC_V3_ADDR_TYPE_DIST;

		if (!val || (!dist && attr != RLM_KVM_VGIC_V3_ADDR_TYPE_REDIST))
			return -ENXIO;
		a = rd64_(val, 0);
		if (a & 0xffffu)
			return -EINVAL;
		if (dist ? m->gic_dist_set : m->gic_redist_set)
			return -EEXIST;
		if (dist) {
			m->gic_dist = a;
			m->gic_dist_set = true;
		} else {
			m->gic_redist = a;
			m->gic_redist_set = true;
		}
		return 0;
	}
	case RLM_KVM_DEV_ARM_VGIC_GRP_NR_IRQS: {
		uint32_t n;

		if (!val)
			return -EFAULT;
		n = rd32_(val, 0);
		if (n < 64 || n > 1024 || n % 32)
			return -EINVAL;
		m->gic_nr_irqs = n;
		return 0;
	}
	case RLM_KVM_DEV_ARM_VGIC_GRP_CTRL:
		if (attr != RLM_KVM_DEV_ARM_VGIC_CTRL_INIT)
			return -ENXIO;
		if (!m->gic_dist_set || !m->gic_redist_set)
			return -ENXIO;
		for (i = 0; i < MAX_VCPUS_ && !m->v[i].used; i++)
			;
		if (i == MAX_VCPUS_ || m->any_run)
			return -EBUSY;
		m->info.gic_ready = true;
		return 0;
	default:
		return -ENXIO;
	}
}

static long model_ioctl_(void *ctx, int fd, unsigned long req, uintptr_t arg)
{
	struct rlm_kvm_model *m = ctx;

	if (fd == FD_KVM_) {
		switch (req) {
		case RLM_KVM_CHECK_EXTENSION:
			if (arg == m->cap)
				return 1;
			if (arg == RLM_KVM_CAP_ARM_VM_IPA_SIZE)
				return m->cfg.host_lpa2 ? 52 : 48;
			/* 6.18+ kernels: 244 is KVM_CAP_GUEST_MEMFD_FLAGS */
			if (arg == RLM_KVM_CAP_GUEST_MEMFD_FLAGS && m->cfg.series != RLM_KVM_V10)
				return 3;
			return 0;
		case RLM_KVM_CREATE_VM: {
			unsigned long want = m->cfg.series == RLM_KVM_V14 ?
				RLM_KVM_VM_TYPE_ARM_REALM_V14 : RLM_KVM_VM_TYPE_ARM_REALM_V10;
			unsigned int ipa = (unsigned int)(arg & 0xff);

			if ((arg & ~(unsigned long)0xff) != want)
				return -EINVAL;
			if (m->vm_open)
				return -EBUSY;  /* model: one VM at a time */
			m->vm_open = true;
			m->ipa_bits = ipa ? ipa : 40;
			{
				/* A realm VM's ID registers start at the RMM's
				 * limits (DebugVer 6: Armv8 debug). */
				struct rlm_rmi_features0 ft;

				feat_(m, &ft);
				m->dfr0 = 6 | ((uint64_t)ft.num_bps << RLM_ID_AA64DFR0_BRPS_SHIFT) |
					  ((uint64_t)ft.num_wps << RLM_ID_AA64DFR0_WRPS_SHIFT);
				m->pmcr_n = ft.pmu_num_ctrs;
			}
			return FD_VM_;
		}
		case RLM_KVM_GET_VCPU_MMAP_SIZE:
			return RUN_SIZE_;
		default:
			return -ENOTTY;
		}
	}
	if (fd == FD_VM_) {
		switch (req) {
		case RLM_KVM_ENABLE_CAP:
			return enable_cap_(m, arg);
		case RLM_KVM_ARM_RMI_POPULATE:
		case RLM_KVM_ARM_RMI_POPULATE_V12:
			return rmi_populate_(m, req, arg);
		case RLM_KVM_CREATE_GUEST_MEMFD: {
			int g;

			for (g = 0; g < MAX_GMEM_ && m->gmem_used[g]; g++)
				;
			if (g == MAX_GMEM_)
				return -EMFILE;
			if (!rd64_(arg, 0) || rd64_(arg, 8))
				return -EINVAL;
			m->gmem_used[g] = true;
			m->gmem_size[g] = rd64_(arg, 0);
			return FD_GMEM0_ + g;
		}
		case RLM_KVM_SET_USER_MEMORY_REGION2:
			return set_memslot_(m, arg);
		case RLM_KVM_SET_MEMORY_ATTRIBUTES:
			return set_attrs_(m, arg);
		case RLM_KVM_CREATE_VCPU:
			if (arg >= MAX_VCPUS_ || m->v[arg].used)
				return -EINVAL;
			if (m->any_run || m->active)
				return -EBUSY;
			m->v[arg].used = true;
			return FD_VCPU0_ + (long)arg;
		case RLM_KVM_CREATE_DEVICE:
			/* virt/kvm/kvm_main.c kvm_ioctl_create_device(); the
			 * model has the vGICv3 only (vgic-kvm-device.c: one per
			 * VM, -EEXIST for a second) */
			if (rd32_(arg, 0) != RLM_KVM_DEV_TYPE_ARM_VGIC_V3)
				return -ENODEV;
			if (m->gic)
				return -EEXIST;
			m->gic = true;
			wr32_((uint8_t *)arg, 4, FD_GIC_);
			return 0;
		case RLM_KVM_ARM_PREFERRED_TARGET:
			memset((void *)arg, 0, RLM_KVM_VCPU_INIT_SIZE);
			wr32_((uint8_t *)arg, 0, 5); /* KVM_ARM_TARGET_GENERIC_V8 */
			return 0;
		default:
			return -ENOTTY;
		}
	}
	if (fd >= FD_VCPU0_ && fd < FD_VCPU0_ + MAX_VCPUS_ &&
	    m->v[fd - FD_VCPU0_].used)
		return vcpu_ioctl_(m, (unsigned int)(fd - FD_VCPU0_), req, arg);
	if (fd == FD_GIC_ && m->gic)
		return gic_attr_(m, req, arg);
	return -EBADF;
}

static long run_(struct rlm_kvm_model *m, unsigned int id);

static long vcpu_ioctl_(struct rlm_kvm_model *m, unsigned int id,
			unsigned long req, uintptr_t arg)
{
	struct vcpu_ *v = &m->v[id];

	switch (req) {
	case RLM_KVM_ARM_VCPU_INIT: {
		uint32_t f = rd32_(arg, 4);
		bool rec = f & (1u << RLM_KVM_ARM_VCPU_REC);

		if (v->inited)
			return -EINVAL;   /* model: no re-init */
		/* v10/NV realm vCPUs need the REC feature; later kernels
		 * know no feature 9. */
		if (rec != mux_(m))
			return -EINVAL;
		/* kvm_create_rec(): a REC needs PSCI 0.2+ (-EINVAL); checked
		 * here, where the features are known. */
		if (!(f & (1u << RLM_KVM_ARM_VCPU_PSCI_0_2)))
			return -EINVAL;
		v->power_off = f & (1u << RLM_KVM_ARM_VCPU_POWER_OFF);
		v->sve = f & (1u << RLM_KVM_ARM_VCPU_SVE);
		v->pmu = f & (1u << RLM_KVM_ARM_VCPU_PMU_V3);
		{
			struct rlm_rmi_features0 ft;

			feat_(m, &ft);
			/* [v10] kvm_rme_supports_sve/pmu(): the features need
			 * the RMM's support (model errno: -EINVAL, as
			 * kvm_vcpu_init_check_features() answers) */
			if ((v->sve && !ft.sve_en) || (v->pmu && !ft.pmu_en))
				return -EINVAL;
		}
		v->inited = true;
		return 0;
	}
	case RLM_KVM_SET_ONE_REG: {
		uint64_t rid = rd64_(arg, 0), val;

		if (!v->inited)
			return -ENOEXEC;
		if (v->rec_made)
			return -EPERM;   /* model: the REC holds them now */
		if (rid == RLM_KVM_REG_ARM64_SVE_VLS)
			return set_vls_(m, v, (const uint8_t *)(uintptr_t)rd64_(arg, 8));
		memcpy(&val, (const void *)(uintptr_t)rd64_(arg, 8), 8);
		if (rid == RLM_KVM_REG_ID_AA64DFR0_EL1 || rid == RLM_KVM_REG_PMCR_EL0)
			return set_sysreg_(m, rid, val);
		if (rid == RLM_KVM_REG_ARM_PC)
			v->pc = val;
		else if (rid >= RLM_KVM_REG_ARM_X(0) && rid <= RLM_KVM_REG_ARM_X(7) &&
			 !(rid & 1))
			v->x[(rid - RLM_KVM_REG_ARM_X(0)) / 2] = val;
		return 0;
	}
	case RLM_KVM_GET_ONE_REG: {
		uint64_t rid = rd64_(arg, 0), val;

		if (!v->inited)
			return -ENOEXEC;
		if (rid == RLM_KVM_REG_ID_AA64DFR0_EL1)
			val = m->dfr0;
		else if (rid == RLM_KVM_REG_PMCR_EL0)
			val = (uint64_t)m->pmcr_n << RLM_PMCR_N_SHIFT;
		else
			return -ENOENT;
		memcpy((void *)(uintptr_t)rd64_(arg, 8), &val, 8);
		return 0;
	}
	case RLM_KVM_ARM_VCPU_FINALIZE: {
		int what;

		memcpy(&what, (const void *)arg, sizeof(what));
		if (what == RLM_KVM_ARM_VCPU_SVE) {
			/* KVM: SVE finalize once, on an SVE vCPU, before its
			 * REC (kvm_arm_vcpu_finalize(); -EPERM again) */
			if (!v->inited || !v->sve)
				return -EINVAL;
			if (v->sve_final)
				return -EPERM;
			if (!v->max_vq) {
				struct rlm_rmi_features0 ft;

				feat_(m, &ft);
				v->max_vq = ft.sve_vl + 1;
			}
			v->sve_final = true;
			return 0;
		}
		if (!mux_(m) || what != RLM_KVM_ARM_VCPU_REC || !v->inited)
			return -EINVAL;
		if (v->rec_made)
			return -EBUSY;   /* kvm_create_rec(): rec->run exists */
		return rec_create_(m, id);
	}
	case RLM_KVM_ARM_VCPU_RMM_PSCI_COMPLETE:
		if (m->cfg.series == RLM_KVM_V14)
			return -ENOTTY;
		return 0;  /* the kernel completes PSCI itself in this model */
	case RLM_KVM_RUN:
		return run_(m, id);
	default:
		return -ENOTTY;
	}
}

/* ---- KVM_RUN ------------------------------------------------------------ */

static bool range_private_(struct rlm_kvm_model *m, uint64_t base, uint64_t top,
			   bool want)
{
	uint64_t p;

	for (p = base; p < top; p += G_) {
		struct slot_ *s = slot_of_(m, p);

		if (!s || (s->priv[(p - s->gpa) / G_] != 0) != want)
			return false;
	}
	return true;
}

/* [v14] kvm_complete_ripas_change() -> ripas_change(RIPAS_SET):
 * RTT_SET_RIPAS, creating the missing tables down to find_map_level() on
 * RMI_ERROR_RTT (a change inside a block mapped at level 2 needs its
 * level 3 table). */
static int set_ripas_(struct rlm_kvm_model *m, uint64_t rec, uint64_t ipa, uint64_t end)
{
	while (ipa < end) {
		struct rlm_rmi_result res;
		uint64_t next = ipa;
		int r = rlm_rmi_rtt_set_ripas(&m->c, m->rd, rec, ipa, end, &next, &res);

		if (r == RLM_ERMI && res.status == RLM_RMI_ERROR_RTT) {
			int err_level = rlm_rmi_index_level(res.index);
			int level = find_map_level_(m, ipa, end);

			if (err_level >= level || rtt_levels_(m, ipa, err_level, level))
				return -ENXIO;
			continue;
		}
		if (r || next <= ipa)
			return -ENXIO;
		ipa = next;
	}
	return 0;
}

static long run_(struct rlm_kvm_model *m, unsigned int id)
{
	struct vcpu_ *v = &m->v[id];
	uint8_t *run = v->run, *u = run + RLM_KVM_RUN_EXIT_OFF;
	struct rlm_rec_enter en;
	struct rlm_rec_exit ex;
	unsigned int i, idle = 0;
	long r;

	if (!v->inited)
		return -ENOEXEC;
	if (!mux_(m) && !m->active) {
		/* v12+: realm, RECs (ascending) and activation at first run;
		 * [v12-v14 rmi.c] kvm_activate_realm() wants the in-kernel
		 * irqchip initialised (-EOPNOTSUPP otherwise) */
		if (!m->info.gic_ready)
			return -EOPNOTSUPP;
		r = implicit_create_(m);
		for (i = 0; !r && i < MAX_VCPUS_; i++)
			if (m->v[i].used && !m->v[i].rec_made)
				r = rec_create_(m, i);
		if (!r)
			r = protected_ripas_(m);
		if (!r)
			r = activate_(m);
		if (r)
			return r;
	}
	if (!m->active || !v->rec_made)
		return -EPERM;   /* model: v10 needs ACTIVATE and FINALIZE */
	m->any_run = true;
	if (v->off)
		return -EPERM;
	memset(&en, 0, sizeof(en));
	if (v->ripas_pending) {
		/* The VMM converted the range (or not): complete the change
		 * ([v14] rmi-exit.c: RTT_SET_RIPAS then enter; reject when the
		 * memory does not match). */
		bool want = v->ripas_value == RLM_RIPAS_RAM;

		v->ripas_pending = false;
		if (range_private_(m, v->ripas_base, v->ripas_top, want)) {
			if (set_ripas_(m, v->rec, v->ripas_base, v->ripas_top)) {
				m->info.rmi_errors++;
				en.flags |= RLM_REC_ENTER_FLAG_RIPAS_RESPONSE;
			} else {
				m->info.ripas_changes++;
			}
		} else {
			en.flags |= RLM_REC_ENTER_FLAG_RIPAS_RESPONSE;
		}
	}
	for (;;) {
		uint64_t run_pa = m->ns_run0 + (uint64_t)id * G_;

		memset(run, 0, 64);
		if (rlm_rmi_rec_enter_run(&m->c, v->rec, run_pa, &en, &ex, NULL)) {
			m->info.rmi_errors++;
			return -ENXIO;
		}
		memset(&en, 0, sizeof(en));
		switch (ex.exit_reason) {
		case RLM_RMI_EXIT_RIPAS_CHANGE:
			v->ripas_pending = true;
			v->ripas_base = ex.ripas_base;
			v->ripas_top = ex.ripas_top;
			v->ripas_value = ex.ripas_value;
			wr32_(run, RLM_KVM_RUN_EXIT_REASON_OFF, RLM_KVM_EXIT_MEMORY_FAULT);
			wr64_(u, 0, ex.ripas_value == RLM_RIPAS_RAM ?
			      RLM_KVM_MEMORY_EXIT_FLAG_PRIVATE : 0);
			wr64_(u, 8, ex.ripas_base);
			wr64_(u, 16, ex.ripas_top - ex.ripas_base);
			return -EFAULT;
		case RLM_RMI_EXIT_PSCI: {
			uint32_t fid = (uint32_t)ex.gprs[0];

			if (fid == RLM_PSCI_SYSTEM_OFF || fid == 0x84000009u) {
				v->off = true;
				wr32_(run, RLM_KVM_RUN_EXIT_REASON_OFF,
				      RLM_KVM_EXIT_SYSTEM_EVENT);
				wr32_(u, 0, fid == RLM_PSCI_SYSTEM_OFF ?
				      RLM_KVM_SYSTEM_EVENT_SHUTDOWN :
				      RLM_KVM_SYSTEM_EVENT_RESET);
				return 0;
			}
			if (fid == RLM_PSCI_CPU_ON_AARCH64 || fid == 0x84000003u ||
			    fid == 0xC4000004u || fid == 0x84000004u) {
				/* The kernel handles PSCI and completes it with
				 * the target REC ([v10] "Handle realm PSCI
				 * requests": kvm_psci_call + rmi_psci_complete). */
				uint64_t idx = rlm_rmi_mpidr_to_index(ex.gprs[1]);

				if (idx >= MAX_VCPUS_ || !m->v[idx].rec_made) {
					m->info.rmi_errors++;
					return -EINVAL;
				}
				if (rlm_rmi_psci_complete(&m->c, v->rec, m->v[idx].rec,
							  RLM_PSCI_RET_SUCCESS, NULL)) {
					m->info.rmi_errors++;
					return -ENXIO;
				}
				if ((fid & 0xff) == 3)
					m->info.psci_cpu_on++;
			}
			continue;
		}
		case RLM_RMI_EXIT_IRQ:
			/* Nothing pending in this model: enter again; a realm
			 * that only idles is a signal to the VMM. */
			if (++idle > 16)
				return -EINTR;
			continue;
		case RLM_RMI_EXIT_HOST_CALL:
			/* model: host calls answered unchanged */
			for (i = 0; i < 7; i++)
				en.gprs[i] = ex.gprs[i];
			continue;
		default:
			wr32_(run, RLM_KVM_RUN_EXIT_REASON_OFF, 17); /* INTERNAL_ERROR */
			return -EFAULT;
		}
	}
}

/* ---- files --------------------------------------------------------------- */

static int model_open_(void *ctx, const char *path, int flags)
{
	struct rlm_kvm_model *m = ctx;

	(void)flags;
	if (!strcmp(path, "/model/kvm"))
		return FD_KVM_;
	if (!strcmp(path, "/model/kvm_cap_arm_rme") && m->cfg.series == RLM_KVM_V10)
		return FD_RME_;
	if (!strcmp(path, "/model/kvm_cap_arm_rmi") && m->cfg.series == RLM_KVM_NV_RMI)
		return FD_RMI_;
	return -ENOENT;
}

static int model_close_(void *ctx, int fd)
{
	struct rlm_kvm_model *m = ctx;

	if (fd == FD_VM_)
		m->vm_open = false;
	else if (fd >= FD_GMEM0_ && fd < FD_GMEM0_ + MAX_GMEM_)
		m->gmem_used[fd - FD_GMEM0_] = false;
	else if (fd == FD_GIC_)
		m->gic = m->gic_dist_set = m->gic_redist_set = m->info.gic_ready = false;
	return 0;
}

static long model_read_(void *ctx, int fd, void *buf, size_t len)
{
	struct rlm_kvm_model *m = ctx;
	const char *s = fd == FD_RME_ ? "244\n" : "247\n";
	size_t n = strlen(s);

	(void)m;
	if (n > len)
		n = len;
	memcpy(buf, s, n);
	return (long)n;
}

static void *model_mmap_(void *ctx, int fd, size_t len)
{
	struct rlm_kvm_model *m = ctx;

	if (fd < FD_VCPU0_ || fd >= FD_VCPU0_ + MAX_VCPUS_ || len > RUN_SIZE_)
		return NULL;
	return m->v[fd - FD_VCPU0_].run;
}

static void model_munmap_(void *ctx, void *p, size_t len)
{
	(void)ctx;
	(void)p;
	(void)len;
}

static long model_page_size_(void *ctx)
{
	struct rlm_kvm_model *m = ctx;

	return m->cfg.page_size ? m->cfg.page_size : 4096;
}

static const struct rlm_kvm_sys_ops model_ops_ = {
	.open = model_open_,
	.close = model_close_,
	.read = model_read_,
	.ioctl = model_ioctl_,
	.mmap_run = model_mmap_,
	.munmap_run = model_munmap_,
	.page_size = model_page_size_,
};

void rlm_kvm_model_kvm_config(struct rlm_kvm_model *m, struct rlm_kvm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->ops = &model_ops_;
	cfg->ctx = m;
	cfg->dev = "/model/kvm";
	cfg->param_rme = "/model/kvm_cap_arm_rme";
	cfg->param_rmi = "/model/kvm_cap_arm_rmi";
}

int rlm_kvm_model_new(const struct rlm_kvm_model_config *cfg,
		      struct rlm_kvm_model **model)
{
	struct rlm_kvm_model *m;
	const struct rlm_mock_config *mc;
	size_t words;

	if (!cfg || !model || !cfg->mock || !cfg->mock_cfg)
		return RLM_EINVAL;
	switch (cfg->series) {
	case RLM_KVM_V10: case RLM_KVM_V12: case RLM_KVM_V13:
	case RLM_KVM_V14: case RLM_KVM_NV_RMI:
		break;
	default:
		return RLM_EINVAL;
	}
	mc = cfg->mock_cfg;
	if (mc->ns_granules < 2 + MAX_VCPUS_)
		return RLM_ERANGE;
	m = calloc(1, sizeof(*m));
	words = RLM_GPOOL_WORDS(mc->pool_granules);
	if (!m || !(m->bits = calloc(words, sizeof(uint64_t)))) {
		free(m);
		return RLM_ENOMEM;
	}
	m->cfg = *cfg;
	if (cfg->max_mecid) {
		size_t mw = RLM_ALLOC_WORDS((size_t)cfg->max_mecid + 1);

		m->mec_bits = calloc(mw, sizeof(uint64_t));
		if (!m->mec_bits ||
		    rlm_mecid_init(&m->mec, m->mec_bits, mw, cfg->max_mecid,
				   cfg->shared_mecid)) {
			free(m->mec_bits);
			free(m->bits);
			free(m);
			return RLM_EINVAL;
		}
	} else {
		(void)rlm_mecid_init(&m->mec, NULL, 0, 0, 0);
	}
	rlm_mock_conduit(cfg->mock, &m->c);
	rlm_gpool_init(&m->pool, mc->pool_base, mc->pool_granules, m->bits, words);
	m->ns_params = mc->ns_base;
	m->ns_src = mc->ns_base + G_;
	m->ns_run0 = mc->ns_base + 2 * G_;
	switch (cfg->series) {
	case RLM_KVM_V10: m->cap = RLM_KVM_CAP_ARM_RME_V10; break;
	case RLM_KVM_NV_RMI: /* NVIDIA's kernels publish v12's number */
	case RLM_KVM_V12: m->cap = RLM_KVM_CAP_ARM_RMI_V12; break;
	case RLM_KVM_V13: m->cap = RLM_KVM_CAP_ARM_RMI_V13; break;
	default: m->cap = RLM_KVM_CAP_ARM_RMI_V14; break;
	}
	*model = m;
	return 0;
}

uint64_t rlm_kvm_model_teardown(struct rlm_kvm_model *m)
{
	uint64_t before, i, pa, top;
	size_t k;

	if (!m || !m->created)
		return 0;
	before = m->pool.quarantined;
	for (k = 0; k < m->ndata; k += 2)
		if (rlm_rmi_data_destroy(&m->c, m->rd, m->data[k], &pa, &top, NULL) == 0)
			give_(m, m->data[k + 1]);
	m->ndata = 0;
	for (k = 0; k < MAX_VCPUS_; k++) {
		struct vcpu_ *v = &m->v[k];

		if (!v->rec_made)
			continue;
		if (rlm_rmi_rec_destroy(&m->c, v->rec, NULL) == 0) {
			give_(m, v->rec);
			for (i = 0; i < m->aux_count; i++)
				give_(m, v->aux[i]);
		}
		v->rec_made = false;
	}
	while (m->nrtts) {
		struct rtt_ *t = &m->rtts[--m->nrtts];

		if (rlm_rmi_rtt_destroy(&m->c, m->rd, t->ipa, t->level, &pa, &top, NULL) == 0)
			give_(m, t->pa);
	}
	if (rlm_rmi_realm_destroy(&m->c, m->rd, NULL) == 0) {
		for (i = 0; i < m->num_root; i++)
			give_(m, m->rtt_base + i * G_);
		give_(m, m->rd);
	}
	m->created = m->active = false;
	if (m->info.mec_set) {
		bool last;

		/* the realm is gone: its MECID goes back */
		if (rlm_mecid_put(&m->mec, m->info.mecid, &last) == 0) {
			m->info.mec_set = false;
			m->info.mecids_private_used = m->mec.private_used;
		}
	}
	return m->pool.quarantined - before + rlm_mock_delegated_count(m->cfg.mock);
}

void rlm_kvm_model_free(struct rlm_kvm_model *m)
{
	size_t i;

	if (!m)
		return;
	(void)rlm_kvm_model_teardown(m);
	for (i = 0; i < MAX_SLOTS_; i++)
		free(m->slots[i].priv);
	free(m->rtts);
	free(m->data);
	free(m->bits);
	free(m->mec_bits);
	free(m);
}

void rlm_kvm_model_info(const struct rlm_kvm_model *m, struct rlm_kvm_model_info *info)
{
	if (m && info)
		*info = m->info;
}

/* ---- the guest program --------------------------------------------------- */

enum prog_step_ {
	PROG_RIM_ = 0,     /* MEASUREMENT_READ issued */
	PROG_TOK_INIT_,    /* TOKEN_INIT issued */
	PROG_TOK_CONT_,    /* TOKEN_CONTINUE issued */
	PROG_RIPAS_,       /* IPA_STATE_SET issued */
	PROG_CPU_ON_,      /* CPU_ON issued (cpu - 1) */
	PROG_OFF_,
};

static void token_continue_(struct rlm_kvm_model_program *p, struct rlm_smc_regs *next)
{
	next->x[0] = RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE;
	next->x[1] = p->token_ipa;
	next->x[2] = p->token_len;
	next->x[3] = G_ - p->token_len;
	p->step = PROG_TOK_CONT_;
}

/* After the token (or without one): the RIPAS change, CPU_ON, OFF. */
static void after_token_(struct rlm_kvm_model_program *p, struct rlm_smc_regs *next)
{
	if (p->step < PROG_RIPAS_ && p->empty_top > p->empty_base) {
		next->x[0] = RLM_SMC_RSI_IPA_STATE_SET;
		next->x[1] = p->empty_base;
		next->x[2] = p->empty_top;
		next->x[3] = RLM_RIPAS_EMPTY;
		next->x[4] = RLM_RSI_NO_CHANGE_DESTROYED;
		p->step = PROG_RIPAS_;
		return;
	}
	if (p->cpu == 0)
		p->cpu = 1;
	if (p->cpu < p->nvcpus) {
		next->x[0] = RLM_PSCI_CPU_ON_AARCH64;
		next->x[1] = rlm_rmi_index_to_mpidr(p->cpu);
		next->x[2] = p->entry;
		p->cpu++;
		p->step = PROG_CPU_ON_;
		return;
	}
	next->x[0] = RLM_PSCI_SYSTEM_OFF;
	p->step = PROG_OFF_;
}

int rlm_kvm_model_program(void *arg, uint64_t rec, const struct rlm_smc_regs *prev,
			  struct rlm_smc_regs *next)
{
	struct rlm_kvm_model_program *p = arg;
	unsigned int i, b;

	(void)rec;
	memset(next, 0, sizeof(*next));
	if (!prev) {
		/* first entry: read the RIM */
		next->x[0] = RLM_SMC_RSI_MEASUREMENT_READ;
		next->x[1] = 0;
		p->step = PROG_RIM_;
		return 1;
	}
	switch (p->step) {
	case PROG_RIM_:
		if (prev->x[0] == RLM_RSI_SUCCESS) {
			for (i = 0; i < 8; i++)
				for (b = 0; b < 8; b++)
					p->rim[i * 8 + b] = (uint8_t)(prev->x[1 + i] >> (8 * b));
			p->rim_read = true;
		}
		if (p->token_ipa) {
			next->x[0] = RLM_SMC_RSI_ATTESTATION_TOKEN_INIT;
			for (i = 0; i < 8; i++)
				for (b = 0; b < 8; b++)
					next->x[1 + i] |= (uint64_t)p->challenge[i * 8 + b] << (8 * b);
			p->step = PROG_TOK_INIT_;
			return 1;
		}
		break;
	case PROG_TOK_INIT_:
		if (prev->x[0] != RLM_RSI_SUCCESS) {
			p->token_error = prev->x[0] ? prev->x[0] : 1;
			break;
		}
		token_continue_(p, next);
		return 1;
	case PROG_TOK_CONT_:
		if (prev->x[0] == RLM_RSI_SUCCESS || prev->x[0] == RLM_RSI_INCOMPLETE)
			p->token_len += prev->x[1];
		if (prev->x[0] == RLM_RSI_INCOMPLETE && p->token_len < G_) {
			token_continue_(p, next);
			return 1;
		}
		if (prev->x[0] == RLM_RSI_SUCCESS)
			p->token_done = true;
		else
			p->token_error = prev->x[0] == RLM_RSI_INCOMPLETE ?
					 RLM_RSI_INCOMPLETE : prev->x[0];
		break;
	default:
		break;
	}
	after_token_(p, next);
	return 1;
}
