/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A realm launch through KVM, the order a VMM uses (kvmtool and NVIDIA
 * QEMU: configure, create, RAM, INIT_RIPAS, populate, vCPUs reset then
 * finalized, activate); see realm/kvm.h.  Userspace.
 */
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS, MAP_NORESERVE */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <realm/kvm.h>
#include <realm/error.h>
#include <realm/rmi.h>

static int step_(struct rlm_kvm_launch *l, const char *what, int ret)
{
	if (ret && !l->failed_step)
		l->failed_step = what;
	return ret;
}

static int populate_images_(struct rlm_kvm_launch *l, const struct rlm_launch_desc *d,
			    bool measured)
{
	size_t i, r;
	int ret;

	for (i = 0; i < d->nimages; i++) {
		const struct rlm_launch_image *im = &d->images[i];
		/* Whole granules: an unaligned image's first granule too. */
		uint64_t start = im->ipa & ~(uint64_t)RLM_GRANULE_MASK;
		uint64_t size = ((im->ipa + im->len + RLM_GRANULE_SIZE - 1) &
				 ~(uint64_t)RLM_GRANULE_MASK) - start;

		if (im->measured != measured)
			continue;
		for (r = 0; r < d->nram; r++)
			if (start >= d->ram[r].base &&
			    start + size <= d->ram[r].base + d->ram[r].size)
				break;
		if (r == d->nram)
			return step_(l, "populate", RLM_ERANGE);
		ret = rlm_kvm_populate(&l->vm, start, size,
				       l->ram[r] + (start - d->ram[r].base), measured);
		if (ret)
			return step_(l, "populate", ret);
	}
	return 0;
}

/*
 * Does the kernel set LPA2 in the realm parameters?  v13/v14: when the
 * host's stage 2 uses LPA2 ("[PATCH v13/v14] arm64: RMI: Basic
 * infrastructure for creating a realm", realm_create_rd():
 * kvm_lpa2_is_enabled()), which userspace sees as an IPA limit above 48
 * bits; v10, NVIDIA and v12 realm_create_rd() never set it.
 */
static int kernel_lpa2_(struct rlm_kvm *k, bool *lpa2)
{
	long lim;

	*lpa2 = false;
	if (k->series != RLM_KVM_V13 && k->series != RLM_KVM_V14)
		return 0;
	lim = k->ops->ioctl(k->ctx, k->fd, RLM_KVM_CHECK_EXTENSION,
			    RLM_KVM_CAP_ARM_VM_IPA_SIZE);
	if (lim < 0) {
		snprintf(k->why, sizeof(k->why),
			 "KVM_CHECK_EXTENSION(KVM_CAP_ARM_VM_IPA_SIZE): errno %ld", -lim);
		return RLM_EIO;
	}
	*lpa2 = lim > 48;
	return 0;
}

int rlm_kvm_launch(struct rlm_kvm *k, const struct rlm_launch_desc *d,
		   struct rlm_kvm_launch *l)
{
	static const uint8_t zero_rpv[64];
	struct rlm_rtt_geom geom;
	size_t i;
	int ret;

	if (!k || !d || !l)
		return RLM_EINVAL;
	memset(l, 0, sizeof(*l));
	l->vm.fd = -1;
	for (i = 0; i < RLM_KVM_LAUNCH_MAX_RAM; i++)
		l->gmem[i] = -1;
	ret = rlm_launch_check(d, &geom);
	if (ret)
		return step_(l, "plan", ret);
	if (d->nram > RLM_KVM_LAUNCH_MAX_RAM || d->nvcpus > RLM_KVM_LAUNCH_MAX_VCPUS)
		return step_(l, "plan", RLM_ERANGE);
	if (d->order != rlm_kvm_series_order(k->series)) {
		/*
		 * v12+ kernels initialise RIPAS at the first KVM_RUN, after
		 * every populate and the RECs; v10/NV in the VMM's INIT_RIPAS
		 * step before any data.  A plan in the other order predicts
		 * another RIM.
		 */
		snprintf(k->why, sizeof(k->why),
			 "the plan's measurement order (%s) is not the one %s "
			 "measures in (%s): set rlm_launch_desc.order to "
			 "rlm_kvm_series_order()",
			 d->order == RLM_LAUNCH_ORDER_KVM_ACTIVATE ? "INIT_RIPAS at activation" :
			 "INIT_RIPAS first", rlm_kvm_series_name(k->series),
			 rlm_kvm_series_order(k->series) == RLM_LAUNCH_ORDER_KVM_ACTIVATE ?
			 "INIT_RIPAS at activation" : "INIT_RIPAS first");
		return step_(l, "plan: measurement order", RLM_EINVAL);
	}
	ret = rlm_kvm_check_params(k, &d->params);
	if (ret)
		return step_(l, "realm parameters", ret);
	{
		bool want = (d->params.flags & RLM_RMI_REALM_PARAM_FLAG_LPA2) != 0, has;

		ret = kernel_lpa2_(k, &has);
		if (ret)
			return step_(l, "realm parameters", ret);
		if (want != has) {
			snprintf(k->why, sizeof(k->why),
				 "realm parameter lpa2: the plan has it %s, %s creates "
				 "the realm %s it (%s)", want ? "set" : "clear",
				 rlm_kvm_series_name(k->series), has ? "with" : "without",
				 k->series == RLM_KVM_V13 || k->series == RLM_KVM_V14 ?
				 "taken from the host's stage 2" : "never set by that series");
			return step_(l, "realm parameters", RLM_ENOTSUP);
		}
	}
	ret = rlm_kvm_create_vm(k, d->params.s2sz, &l->vm);
	if (ret)
		return step_(l, "KVM_CREATE_VM", ret);
	if (k->mec_set) {
		bool supported = false;
		uint32_t count = 0;

		/* NV: MEC_QUERY, then MEC (a private MECID or the shared one) */
		ret = rlm_kvm_mec_query(&l->vm, &supported, &count);
		if (!ret && k->mec == RLM_MEC_PRIVATE && (!supported || !count)) {
			snprintf(k->why, sizeof(k->why),
				 "a private MECID was asked for; the kernel reports %s",
				 supported ? "none left (mec_count 0)" : "no MEC support");
			ret = supported ? RLM_ENOSPC : RLM_ENOTSUP;
		}
		if (!ret)
			ret = rlm_kvm_config_mec(&l->vm, k->mec == RLM_MEC_SHARED);
		if (ret)
			return step_(l, "configure MEC", ret);
	}
	if (rlm_kvm_has_config(k)) {
		ret = rlm_kvm_config_hash(&l->vm, d->params.hash_algo == RLM_RMI_HASH_SHA_512 ?
					  RLM_HASH_SHA512 : RLM_HASH_SHA256);
		if (!ret && memcmp(d->params.rpv, zero_rpv, 64))
			ret = rlm_kvm_config_rpv(&l->vm, d->params.rpv);
		if (ret)
			return step_(l, "configure", ret);
	} else if (d->params.hash_algo != RLM_RMI_HASH_SHA_256 ||
		   memcmp(d->params.rpv, zero_rpv, 64)) {
		/* v12+ lost the choice: the prediction would not hold. */
		return step_(l, "configure", RLM_ENOTSUP);
	}
	/*
	 * The vCPUs exist before the realm: the kernel reads their SVE
	 * configuration, the PMU and the VM's ID_AA64DFR0_EL1 when it
	 * creates the realm (realm_create_rd()); their RECs come later.
	 */
	for (i = 0; i < d->nvcpus; i++) {
		const struct rlm_launch_vcpu *v = &d->vcpus[i];
		unsigned int id = (unsigned int)rlm_rmi_mpidr_to_index(v->mpidr);
		unsigned int flags = v->runnable ? 0 : RLM_KVM_VCPU_POWER_OFF;

		if (d->params.flags & RLM_RMI_REALM_PARAM_FLAG_SVE)
			flags |= RLM_KVM_VCPU_SVE;
		if (d->params.flags & RLM_RMI_REALM_PARAM_FLAG_PMU)
			flags |= RLM_KVM_VCPU_PMU;
		ret = rlm_kvm_vcpu_create(&l->vm, id, flags, &l->vcpus[i]);
		if (ret)
			return step_(l, "vCPU", ret);
		l->nvcpus++;
		if (l->vcpus[i].mpidr != v->mpidr)
			return step_(l, "vCPU", RLM_ERANGE);
		ret = rlm_kvm_vcpu_config_realm(&l->vcpus[i], &d->params);
		if (ret)
			return step_(l, "vCPU realm features", ret);
	}
	ret = rlm_kvm_create_realm(&l->vm);
	if (ret)
		return step_(l, "create realm", ret);
	for (i = 0; i < d->nram; i++) {
		void *p = mmap(NULL, (size_t)d->ram[i].size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		if (p == MAP_FAILED)
			return step_(l, "RAM", RLM_ENOMEM);
		l->ram[i] = p;
		l->ram_len[i] = d->ram[i].size;
		l->nram++;
		ret = rlm_kvm_add_ram(&l->vm, (unsigned int)i,
				      (int)(RLM_KVM_LAUNCH_MAX_RAM + i),
				      d->ram[i].base, d->ram[i].size, p, &l->gmem[i]);
		if (ret)
			return step_(l, "RAM", ret);
	}
	for (i = 0; i < d->nimages; i++) {
		const struct rlm_launch_image *im = &d->images[i];
		size_t r;

		for (r = 0; r < d->nram; r++)
			if (im->ipa >= d->ram[r].base &&
			    im->ipa + im->len <= d->ram[r].base + d->ram[r].size)
				break;
		if (r == d->nram)
			return step_(l, "load images", RLM_ERANGE);
		memcpy(l->ram[r] + (im->ipa - d->ram[r].base), im->data, (size_t)im->len);
	}
	for (i = 0; i < d->nram; i++) {
		ret = rlm_kvm_init_ripas(&l->vm, d->ram[i].base, d->ram[i].size);
		if (ret)
			return step_(l, "INIT_RIPAS", ret);
	}
	ret = populate_images_(l, d, true);
	if (ret)
		return ret;
	for (i = 0; i < d->nvcpus; i++) {
		const struct rlm_launch_vcpu *v = &d->vcpus[i];

		ret = rlm_kvm_vcpu_set_entry(&l->vcpus[i], v->pc, v->gprs);
		if (!ret)
			ret = rlm_kvm_vcpu_finalize(&l->vcpus[i]);
		if (ret)
			return step_(l, "vCPU", ret);
	}
	ret = populate_images_(l, d, false);
	if (ret)
		return ret;
	return step_(l, "activate", rlm_kvm_activate(&l->vm));
}

void rlm_kvm_launch_close(struct rlm_kvm_launch *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->nvcpus; i++)
		rlm_kvm_vcpu_close(&l->vcpus[i]);
	l->nvcpus = 0;
	for (i = 0; i < RLM_KVM_LAUNCH_MAX_RAM; i++)
		if (l->gmem[i] >= 0 && l->vm.kvm) {
			l->vm.kvm->ops->close(l->vm.kvm->ctx, l->gmem[i]);
			l->gmem[i] = -1;
		}
	rlm_kvm_vm_close(&l->vm);
	for (i = 0; i < l->nram; i++)
		munmap(l->ram[i], (size_t)l->ram_len[i]);
	l->nram = 0;
}
