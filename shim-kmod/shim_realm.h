/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm the shim runs inside the kernel when there is no RMM (shared
 * with the QEMU test, which predicts its RIM from the same description).
 */
#ifndef RLM_SHIM_REALM_H
#define RLM_SHIM_REALM_H

#include <realm/env.h>

#define SHIM_REALM_IPA_BITS 33
#define SHIM_REALM_RAM_TOP (64ULL << 20)   /* protected RAM [0, 64 MiB) */
#define SHIM_REALM_BUF_IPA 0x10000ULL      /* the shim's RSI buffer granule */
#define SHIM_REALM_IMAGE_IPA 0x80000ULL    /* a measured boot image */

static const uint8_t shim_realm_rpv[64] = "librealm realm-shim realm";
static const char shim_realm_image[] =
	"librealm realm-shim: the boot image the in-kernel realm measures\n";

#include <realm/launch.h>

struct shim_realm_plan {
	struct rlm_launch_desc d;
	struct rlm_launch_ram ram;
	struct rlm_launch_image images[2];
	struct rlm_launch_vcpu vcpu;
};

/* RAM, the measured image, the unmeasured buffer granule, one vCPU. */
static inline void shim_realm_plan(struct shim_realm_plan *p)
{
	static const uint8_t zero[1];

	rlm_memset(p, 0, sizeof(*p));
	p->ram.base = 0;
	p->ram.size = SHIM_REALM_RAM_TOP;
	p->images[0].ipa = SHIM_REALM_BUF_IPA;
	p->images[0].data = zero;
	p->images[0].len = sizeof(zero);
	p->images[0].measured = false;
	p->images[0].name = "rsi-buffer";
	p->images[1].ipa = SHIM_REALM_IMAGE_IPA;
	p->images[1].data = (const uint8_t *)shim_realm_image;
	p->images[1].len = sizeof(shim_realm_image) - 1;
	p->images[1].measured = true;
	p->images[1].name = "image";
	p->vcpu.pc = SHIM_REALM_IMAGE_IPA;
	p->vcpu.runnable = true;
	p->d.params.s2sz = SHIM_REALM_IPA_BITS;
	p->d.params.hash_algo = RLM_RMI_HASH_SHA_256;
	rlm_memcpy(p->d.params.rpv, shim_realm_rpv, sizeof(shim_realm_rpv));
	p->d.params.vmid = 1;
	p->d.params.num_bps = 1;   /* RmiRealmParams: count minus one */
	p->d.params.num_wps = 1;
	p->d.ram = &p->ram;
	p->d.nram = 1;
	p->d.images = p->images;
	p->d.nimages = 2;
	p->d.vcpus = &p->vcpu;
	p->d.nvcpus = 1;
	p->d.ripas_level = 2;
}

#endif /* RLM_SHIM_REALM_H */
