/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rlm_dtgen_*: the DTBs QEMU and kvmtool generate for a realm layout, and
 * templates patched for another layout.  The pinned digests are those of
 * the DTBs whose RIMs equal veraison cca-realm-measurements' published ones
 * (tests/vectors/measurements/cmdline.json; tests/cli/predict_check.py
 * checks the RIMs end to end), so a change to any byte shows here.  The
 * IPA widths are the ones that tool's test_memory_map expects.  Structure
 * is checked with libfdt when the build has it.
 */
#include "test_util.h"
#include "rlm_config.h"
#include <realm/dtgen.h>
#include <realm/error.h>
#include <realm/hash.h>
#if RLM_HAVE_LIBFDT
#include <libfdt.h>
#endif

#define CAP (1u << 20)

static struct rlm_dtgen_layout qemu_layout(unsigned int cpus)
{
	struct rlm_dtgen_layout l;

	memset(&l, 0, sizeof(l));
	l.vmm = RLM_DTGEN_QEMU;
	l.ram_base = RLM_DTGEN_QEMU_RAM_BASE;
	l.ram_size = UINT64_C(1) << 30;
	l.sockets = l.clusters = l.threads = 1;
	l.cores = cpus;
	l.its = true;
	return l;
}

static struct rlm_dtgen_layout kvmtool_layout(void)
{
	struct rlm_dtgen_layout l;

	memset(&l, 0, sizeof(l));
	l.vmm = RLM_DTGEN_KVMTOOL;
	l.ram_base = RLM_DTGEN_KVMTOOL_RAM_BASE;
	l.ram_size = UINT64_C(512) << 20;
	l.sockets = l.clusters = l.threads = l.cores = 1;
	l.its = true;
	l.bootargs = " console=hvc0 root=/dev/vda rw ";
	return l;
}

static void assert_sha256(const uint8_t *b, size_t n, const char *hex)
{
	uint8_t d[RLM_HASH_MAX_SIZE], want[32];

	assert_int_equal(tu_unhex(hex, want, sizeof(want)), 32);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, b, n, d), 0);
	assert_memory_equal(d, want, 32);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint8_t *gen(const struct rlm_dtgen_layout *l, size_t *len)
{
	uint8_t *b = calloc(1, CAP);

	assert_non_null(b);
	assert_int_equal(rlm_dtgen_generate(l, b, CAP, len), 0);
	return b;
}

/* QEMU -smp 2 -m 1G (any of -bios / -kernel without -initrd or -append). */
static void test_qemu_generate(void **state)
{
	struct rlm_dtgen_layout l = qemu_layout(2);
	size_t len = 0, need = 0;
	uint8_t *b = gen(&l, &len);

	(void)state;
	assert_int_equal(len, 6832);
	/* vm-fdt's header: version 17/16, the map at 40, structure at 56,
	 * strings right after it, nothing after them. */
	assert_int_equal(be32(b), 0xd00dfeed);
	assert_int_equal(be32(b + 4), len);
	assert_int_equal(be32(b + 8), 56);
	assert_int_equal(be32(b + 16), 40);
	assert_int_equal(be32(b + 20), 17);
	assert_int_equal(be32(b + 24), 16);
	assert_int_equal(be32(b + 12), be32(b + 8) + be32(b + 36));
	assert_int_equal(be32(b + 12) + be32(b + 32), len);
	assert_sha256(b, len, "6b53b1a356039e7836cc4eb585689f0e8fc44dd63e4697e169a066f42b9477b8");
	/* ENOSPC tells the size. */
	assert_int_equal(rlm_dtgen_generate(&l, b, len - 1, &need), RLM_ENOSPC);
	assert_int_equal(need, len);
	assert_int_equal(rlm_dtgen_generate(&l, NULL, 0, &need), RLM_ENOSPC);
#if RLM_HAVE_LIBFDT
	{
		int n, cpus = 0, len_p;
		const fdt32_t *p;

		assert_int_equal(fdt_check_full(b, len), 0);
		n = fdt_path_offset(b, "/memory@40000000");
		assert_true(n >= 0);
		p = fdt_getprop(b, n, "reg", &len_p);
		assert_int_equal(len_p, 16);
		assert_int_equal(fdt32_to_cpu(p[1]), 0x40000000);
		assert_int_equal(fdt32_to_cpu(p[3]), 0x40000000);
		n = fdt_path_offset(b, "/cpus");
		for (n = fdt_first_subnode(b, n); n >= 0; n = fdt_next_subnode(b, n))
			cpus++;
		assert_int_equal(cpus, 2);
		/* the GIC's phandle: 0x8000 + CPUs + 1 */
		p = fdt_getprop(b, 0, "interrupt-parent", &len_p);
		assert_int_equal(fdt32_to_cpu(*p), 0x8003);
		assert_true(fdt_path_offset(b, "/intc@8000000/its@8080000") >= 0);
		assert_true(fdt_path_offset(b, "/pmu") < 0);
		assert_true(fdt_path_offset(b, "/reserved-memory") < 0);
	}
#endif
	free(b);
}

/* Layout choices show up where the VMM puts them. */
static void test_qemu_options(void **state)
{
	struct rlm_dtgen_layout l = qemu_layout(2);
	size_t len0, len;
	uint8_t *b0 = gen(&l, &len0), *b;

	(void)state;
	l.bootargs = "root=/dev/vda2";
	l.initrd = true;
	l.initrd_base = 0x48000000;
	l.initrd_size = 14;
	l.log = true;
	l.log_base = 0x48300000;
	l.log_size = 0x10000;
	l.pmu = true;
	l.its = false;
	b = gen(&l, &len);
	assert_true(len != len0);
#if RLM_HAVE_LIBFDT
	{
		int n, plen;
		const char *s;
		const void *q;

		assert_int_equal(fdt_check_full(b, len), 0);
		n = fdt_path_offset(b, "/chosen");
		s = fdt_getprop(b, n, "bootargs", &plen);
		assert_string_equal(s, "root=/dev/vda2");
		q = fdt_getprop(b, n, "linux,initrd-end", &plen);
		assert_int_equal(plen, 8);
		/* a property is only 4-byte aligned: read it bytewise */
		assert_true(fdt64_ld((const fdt64_t *)q) == 0x4800000e);
		assert_true(fdt_path_offset(b, "/reserved-memory/event-log@48300000") >= 0);
		assert_true(fdt_path_offset(b, "/pmu") >= 0);
		assert_true(fdt_path_offset(b, "/intc@8000000/its@8080000") < 0);
		n = fdt_path_offset(b, "/pcie@10000000");
		assert_null(fdt_getprop(b, n, "msi-map", &plen));
	}
#endif
	/* 124 vCPUs need the high redistributor region. */
	free(b);
	l = qemu_layout(124);
	b = gen(&l, &len);
#if RLM_HAVE_LIBFDT
	{
		int plen, n = fdt_path_offset(b, "/intc@8000000");
		const fdt32_t *p = fdt_getprop(b, n, "#redistributor-regions", &plen);

		assert_int_equal(fdt32_to_cpu(*p), 2);
		assert_non_null(fdt_getprop(b, n, "reg", &plen));
		assert_int_equal(plen, 48);
	}
#endif
	free(b);
	free(b0);
}

static void test_kvmtool_generate(void **state)
{
	struct rlm_dtgen_layout l = kvmtool_layout();
	size_t len = 0, i;
	uint8_t *b = gen(&l, &len);

	(void)state;
	/* the 64 KiB blob kvmtool loads, zero after the tree */
	assert_int_equal(len, RLM_DTGEN_KVMTOOL_DTB_SIZE);
	for (i = be32(b + 4); i < len; i++)
		assert_int_equal(b[i], 0);
	assert_sha256(b, len, "ab6b78f0244b8a346ed9eb8e8b7560c59cd8f93a4a9f0a1cfbb7fcd1ed3a9c13");
#if RLM_HAVE_LIBFDT
	assert_int_equal(fdt_check_full(b, be32(b + 4)), 0);
	assert_true(fdt_path_offset(b, "/intc/msic") >= 0);
	assert_true(fdt_path_offset(b, "/virtio@3000000") < 0);
#endif
	free(b);
	/* virtio-mmio devices get nodes; too many vCPUs outgrow 64 KiB */
	l.virtio_mmio = 3;
	b = gen(&l, &len);
#if RLM_HAVE_LIBFDT
	assert_true(fdt_path_offset(b, "/virtio@3000400") >= 0);
#endif
	l.cores = 2048;
	assert_int_equal(rlm_dtgen_generate(&l, b, CAP, &len), RLM_E2BIG);
	free(b);
}

static void test_ipa_bits(void **state)
{
	struct rlm_dtgen_layout l = qemu_layout(1);
	unsigned int bits = 0;

	(void)state;
	l.ram_size = UINT64_C(1) << 20;
	assert_int_equal(rlm_dtgen_ipa_bits(&l, &bits), 0);
	assert_int_equal(bits, 41);
	l.hotplug_size = (UINT64_C(1) << 40) - l.ram_size;
	assert_int_equal(rlm_dtgen_ipa_bits(&l, &bits), 0);
	assert_int_equal(bits, 42);
	l.hotplug_size = (UINT64_C(256) << 40) - l.ram_size + 12 * (UINT64_C(1) << 30);
	assert_int_equal(rlm_dtgen_ipa_bits(&l, &bits), 0);
	assert_int_equal(bits, 50);
	l = kvmtool_layout();
	assert_int_equal(rlm_dtgen_ipa_bits(&l, &bits), 0);
	assert_int_equal(bits, 33);
	l.ram_size = UINT64_C(2) << 30;
	assert_int_equal(rlm_dtgen_ipa_bits(&l, &bits), 0);
	assert_int_equal(bits, 33);
	l.ram_size = (UINT64_C(6) << 30) + 4096; /* last byte at 2^33 */
	assert_int_equal(rlm_dtgen_ipa_bits(&l, &bits), 0);
	assert_int_equal(bits, 34);
	assert_int_equal(rlm_dtgen_ipa_bits(&l, NULL), RLM_EINVAL);
}

static void test_patch(void **state)
{
	struct rlm_dtgen_layout l = qemu_layout(2);
	size_t len, plen, plen2;
	uint8_t *t = gen(&l, &len), *p = calloc(1, CAP), *p2 = calloc(1, CAP);

	(void)state;
	assert_non_null(p);
	assert_non_null(p2);
	/* -smp 8 on the -smp 2 template: upstream's 68308d30... case */
	l = qemu_layout(8);
	assert_int_equal(rlm_dtgen_patch(&l, t, len, p, CAP, &plen), 0);
	assert_sha256(p, plen, "b8d59435851129aa601c568e26e1ee071ce8a9e77a46a35d61f9654ff0efd344");
	/* the template's strings come first and stay where they were */
	assert_memory_equal(p + be32(p + 12), t + be32(t + 12), be32(t + 32));
	/* patching the result again changes nothing */
	assert_int_equal(rlm_dtgen_patch(&l, p, plen, p2, CAP, &plen2), 0);
	assert_int_equal(plen2, plen);
	assert_memory_equal(p, p2, plen);
#if RLM_HAVE_LIBFDT
	assert_int_equal(fdt_check_full(p, plen), 0);
	assert_true(fdt_path_offset(p, "/cpus/cpu-map/socket0/cluster0/core7") >= 0);
	assert_true(fdt_path_offset(p, "/cpus/cpu@7") >= 0);
#endif
	/* a template larger than its tree keeps its total size */
	{
		uint8_t *big = calloc(1, len + 4096);

		memcpy(big, t, len);
		big[4] = (uint8_t)((len + 4096) >> 24);
		big[5] = (uint8_t)((len + 4096) >> 16);
		big[6] = (uint8_t)((len + 4096) >> 8);
		big[7] = (uint8_t)(len + 4096);
		assert_int_equal(rlm_dtgen_patch(&l, big, len + 4096, p2, CAP, &plen2), 0);
		assert_int_equal(plen2, len + 4096);
		assert_int_equal(be32(p2 + 4), len + 4096);
		assert_memory_equal(p2, p, 4);
		assert_memory_equal(p2 + 8, p + 8, plen - 8);
		free(big);
	}
	/* kvmtool: the 64 KiB blob again, its cpus and GIC rewritten */
	{
		struct rlm_dtgen_layout k = kvmtool_layout();
		size_t kl, ol;
		uint8_t *kb = gen(&k, &kl);

		k.cores = 4;
		k.ram_size = UINT64_C(1) << 30;
		assert_int_equal(rlm_dtgen_patch(&k, kb, kl, p2, CAP, &ol), 0);
		assert_int_equal(ol, RLM_DTGEN_KVMTOOL_DTB_SIZE);
#if RLM_HAVE_LIBFDT
		assert_int_equal(fdt_check_full(p2, be32(p2 + 4)), 0);
		assert_true(fdt_path_offset(p2, "/cpus/cpu@3") >= 0);
#endif
		free(kb);
	}
	free(t);
	free(p);
	free(p2);
}

/* Templates that do not parse, or that the model cannot re-emit. */
static void test_patch_bad(void **state)
{
	struct rlm_dtgen_layout l = qemu_layout(2);
	size_t len, n;
	uint8_t *t = gen(&l, &len), *b = malloc(len + 64), *o = malloc(CAP);
	uint32_t off_struct = be32(t + 8);

	(void)state;
	assert_int_equal(rlm_dtgen_patch(&l, t, 39, o, CAP, &n), RLM_ETRUNC);
	memcpy(b, t, len);
	b[0] ^= 1;
	assert_int_equal(rlm_dtgen_patch(&l, b, len, o, CAP, &n), RLM_EMALFORMED);
	/* cut: the header promises more than there is */
	assert_int_equal(rlm_dtgen_patch(&l, t, len - 4, o, CAP, &n), RLM_ETRUNC);
	/* an unknown token in the structure block */
	memcpy(b, t, len);
	b[off_struct + 3] = 7;
	assert_int_equal(rlm_dtgen_patch(&l, b, len, o, CAP, &n), RLM_EMALFORMED);
	/* a NOP (valid, but vm-fdt cannot re-emit it) */
	b[off_struct + 3] = 1;
	{
		size_t i = off_struct + 8; /* root: token, "\0" padded to 4 */

		assert_int_equal(be32(b + i), 3); /* its first property */
		/* turn the whole first property into NOPs: len 17 "linux,dummy-virt" */
		for (n = 0; n < 3 + 5; n++) {
			b[i + 4 * n] = 0;
			b[i + 4 * n + 1] = 0;
			b[i + 4 * n + 2] = 0;
			b[i + 4 * n + 3] = 4;
		}
	}
	assert_int_equal(rlm_dtgen_patch(&l, b, len, o, CAP, &n), RLM_ENOTSUP);
	/* a property name outside the strings block */
	memcpy(b, t, len);
	b[off_struct + 8 + 8] = 0x7f;
	assert_int_equal(rlm_dtgen_patch(&l, b, len, o, CAP, &n), RLM_EMALFORMED);
	/* a gap between the structure and the strings */
	memcpy(b, t, len);
	memset(b + len, 0, 4);
	put32(b + 4, (uint32_t)len + 4);
	put32(b + 12, be32(t + 12) + 4);
	assert_int_equal(rlm_dtgen_patch(&l, b, len + 4, o, CAP, &n), RLM_ENOTSUP);
	/* the structure block cut before FDT_END */
	memcpy(b, t, len);
	put32(b + 36, be32(t + 36) - 8);
	assert_true(rlm_dtgen_patch(&l, b, len, o, CAP, &n) < 0);
	/* a phandle the layout assigns already in the template: apb-pclk's
	 * (the last 0x8000 in the structure) made 0x8001, a CPU's now */
	memcpy(b, t, len);
	for (n = be32(t + 12) - 4; n > off_struct; n -= 4)
		if (be32(b + n) == 0x8000)
			break;
	put32(b + n, 0x8001);
	assert_int_equal(rlm_dtgen_patch(&l, b, len, o, CAP, &n), RLM_EEXIST);
	/* bad layouts */
	l.cores = 0;
	assert_int_equal(rlm_dtgen_patch(&l, t, len, o, CAP, &n), RLM_EINVAL);
	assert_int_equal(rlm_dtgen_generate(&l, o, CAP, &n), RLM_EINVAL);
	l = qemu_layout(1);
	l.vmm = (enum rlm_dtgen_vmm)0;
	assert_int_equal(rlm_dtgen_generate(&l, o, CAP, &n), RLM_EINVAL);
	l = qemu_layout(1);
	l.ram_size = 0;
	assert_int_equal(rlm_dtgen_generate(&l, o, CAP, &n), RLM_EINVAL);
	assert_int_equal(rlm_dtgen_generate(NULL, o, CAP, &n), RLM_EINVAL);
	l = qemu_layout(1);
	assert_int_equal(rlm_dtgen_patch(&l, NULL, len, o, CAP, &n), RLM_EINVAL);
	free(t);
	free(b);
	free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_generate),
		cmocka_unit_test(test_qemu_options),
		cmocka_unit_test(test_kvmtool_generate),
		cmocka_unit_test(test_ipa_bits),
		cmocka_unit_test(test_patch),
		cmocka_unit_test(test_patch_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
