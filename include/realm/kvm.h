/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * KVM backend for VMMs on Linux (userspace only): launching a realm through
 * whichever CCA host interface the running kernel has.  The interface
 * changed between the host patch series; the ones handled here, with where
 * their numbers and layouts were checked:
 *
 *  v10 (NVIDIA NV-Kernels, RMM 1.0): KVM_CAP_ARM_RME = 244, one
 *      KVM_ENABLE_CAP multiplexed by args[0]: CONFIG_REALM 0 (args[1] ->
 *      struct arm_rme_config {u32 cfg; union {u8 rpv[64]; u32 hash_algo;
 *      u8 reserved[256]}}: 260 bytes), CREATE_REALM 1, INIT_RIPAS_REALM 2
 *      ({u64 base, size; u64 reserved[2]}: 32 bytes), POPULATE_REALM 3
 *      ({u64 base, size; u32 flags; u32 reserved[3]}: 32 bytes),
 *      ACTIVATE_REALM 4; vCPU feature KVM_ARM_VCPU_REC = 9 then
 *      KVM_ARM_VCPU_FINALIZE(9); KVM_ARM_VCPU_RMM_PSCI_COMPLETE =
 *      _IOW(KVMIO, 0xd6, {u64 target_mpidr; u32 psci_status; u32 pad[3]}).
 *      Realm VM type KVM_VM_TYPE_ARM(1) = 1 << 8.
 *      (NV-Kernels arch/arm64/include/uapi/asm/kvm.h; "[PATCH v10] arm64:
 *      RME: ..." include/uapi/linux/kvm.h, arm64/kvm/rme.c
 *      kvm_realm_enable_cap(): args[1] is a user pointer.)
 *  v12 (Dec 2025): KVM_CAP_ARM_RMI = 247; realm built implicitly (no
 *      config/create/init-ripas/activate, no REC feature);
 *      KVM_ARM_RMI_POPULATE = _IOW(KVMIO, 0xd7, {u64 base, size,
 *      source_uaddr; u32 flags; u32 reserved}: 32 bytes);
 *      KVM_ARM_VCPU_RMI_PSCI_COMPLETE = _IOW(KVMIO, 0xd6, 24 bytes).
 *  v13: KVM_CAP_ARM_RMI = 248; POPULATE becomes _IOWR and reports progress
 *      in base/size/source_uaddr; PSCI_COMPLETE still there.
 *  v14 (May 2026, RMM 2.0-bet1): KVM_CAP_ARM_RMI = 249; POPULATE _IOWR with
 *      progress; no PSCI ioctl; realm VM type bit 30 (1 << 30).
 *      ("[PATCH v14 16/44] KVM: arm64: Allow passing machine type".)
 * Stable KVM numbers (torvalds/linux include/uapi/linux/kvm.h): KVMIO 0xAE,
 * KVM_CREATE_VM _IO 0x01, KVM_CHECK_EXTENSION _IO 0x03, KVM_CREATE_VCPU
 * _IO 0x41, KVM_ENABLE_CAP _IOW 0xa3 (struct kvm_enable_cap: u32 cap,
 * flags; u64 args[4]; u8 pad[64]: 104 bytes), KVM_ARM_VCPU_INIT _IOW 0xae
 * and KVM_ARM_PREFERRED_TARGET _IOR 0xaf (struct kvm_vcpu_init: u32
 * target, features[7]: 32 bytes), KVM_ARM_VCPU_FINALIZE _IOW 0xc2 (int),
 * KVM_SET_MEMORY_ATTRIBUTES _IOW 0xd2 ({u64 address, size, attributes,
 * flags}, PRIVATE = 1 << 3).
 *
 * The capability number moved between series and collides with unrelated
 * capabilities of other kernels (244 is KVM_CAP_GUEST_MEMFD_FLAGS from
 * 6.18), so the kernel's own statement wins: NVIDIA kernels publish it in
 * /sys/module/kvm/parameters/kvm_cap_arm_rme (v10 flow) or kvm_cap_arm_rmi.
 * Without those files the candidates are probed newest first (249, 248,
 * 247, then 244), and the result says it was a probe.
 *
 * Every system call goes through struct rlm_kvm_sys_ops so tests replace
 * the kernel with an interposer.  Ioctl numbers are built with our own
 * RLM_IOC macros (the asm-generic encoding used by arm64 and x86), so this
 * compiles anywhere.
 */
#ifndef RLM_KVM_H
#define RLM_KVM_H

#include <realm/env.h>
#include <realm/hash.h>
#include <realm/rmi.h>
#include <realm/launch.h>

#ifdef __cplusplus
extern "C" {
#endif

/* asm-generic ioctl encoding: dir[31:30] size[29:16] type[15:8] nr[7:0] */
#define RLM_IOC_NONE 0u
#define RLM_IOC_WRITE 1u
#define RLM_IOC_READ 2u
#define RLM_IOC(dir, type, nr, size) \
	(((unsigned long)(dir) << 30) | ((unsigned long)(size) << 16) | \
	 ((unsigned long)(type) << 8) | (unsigned long)(nr))
#define RLM_IO(type, nr) RLM_IOC(RLM_IOC_NONE, type, nr, 0)
#define RLM_IOR(type, nr, size) RLM_IOC(RLM_IOC_READ, type, nr, size)
#define RLM_IOW(type, nr, size) RLM_IOC(RLM_IOC_WRITE, type, nr, size)
#define RLM_IOWR(type, nr, size) \
	RLM_IOC(RLM_IOC_READ | RLM_IOC_WRITE, type, nr, size)
#define RLM_IOC_SIZE(req) (((req) >> 16) & 0x3fff)
#define RLM_IOC_DIR(req) (((req) >> 30) & 3)

#define RLM_KVMIO 0xAE
/* Argument sizes (bytes) of the structures, as laid out by the kernel. */
#define RLM_KVM_ENABLE_CAP_SIZE 104
#define RLM_KVM_VCPU_INIT_SIZE 32
#define RLM_KVM_MEMORY_ATTRIBUTES_SIZE 32
#define RLM_KVM_ARM_RME_CONFIG_SIZE 260
#define RLM_KVM_ARM_RME_INIT_RIPAS_SIZE 32
#define RLM_KVM_ARM_RME_POPULATE_SIZE 32
#define RLM_KVM_ARM_RMI_POPULATE_SIZE 32
#define RLM_KVM_ARM_PSCI_COMPLETE_SIZE 24
#define RLM_KVM_ONE_REG_SIZE 16
#define RLM_KVM_CREATE_GUEST_MEMFD_SIZE 64
#define RLM_KVM_USERSPACE_MEMORY_REGION2_SIZE 160

#define RLM_KVM_CREATE_VM RLM_IO(RLM_KVMIO, 0x01)
#define RLM_KVM_CHECK_EXTENSION RLM_IO(RLM_KVMIO, 0x03)
#define RLM_KVM_CREATE_VCPU RLM_IO(RLM_KVMIO, 0x41)
#define RLM_KVM_ENABLE_CAP RLM_IOW(RLM_KVMIO, 0xa3, RLM_KVM_ENABLE_CAP_SIZE)
#define RLM_KVM_ARM_VCPU_INIT RLM_IOW(RLM_KVMIO, 0xae, RLM_KVM_VCPU_INIT_SIZE)
#define RLM_KVM_ARM_PREFERRED_TARGET RLM_IOR(RLM_KVMIO, 0xaf, RLM_KVM_VCPU_INIT_SIZE)
#define RLM_KVM_ARM_VCPU_FINALIZE RLM_IOW(RLM_KVMIO, 0xc2, 4)
#define RLM_KVM_SET_MEMORY_ATTRIBUTES \
	RLM_IOW(RLM_KVMIO, 0xd2, RLM_KVM_MEMORY_ATTRIBUTES_SIZE)
#define RLM_KVM_ARM_VCPU_RMM_PSCI_COMPLETE \
	RLM_IOW(RLM_KVMIO, 0xd6, RLM_KVM_ARM_PSCI_COMPLETE_SIZE)
#define RLM_KVM_ARM_VCPU_RMI_PSCI_COMPLETE RLM_KVM_ARM_VCPU_RMM_PSCI_COMPLETE
#define RLM_KVM_ARM_RMI_POPULATE_V12 \
	RLM_IOW(RLM_KVMIO, 0xd7, RLM_KVM_ARM_RMI_POPULATE_SIZE)
#define RLM_KVM_ARM_RMI_POPULATE \
	RLM_IOWR(RLM_KVMIO, 0xd7, RLM_KVM_ARM_RMI_POPULATE_SIZE)
/*
 * Memory and vCPU ioctls (torvalds/linux include/uapi/linux/kvm.h):
 * KVM_GET_VCPU_MMAP_SIZE _IO 0x04; KVM_SET_USER_MEMORY_REGION2 _IOW 0x49
 * (struct kvm_userspace_memory_region2: u32 slot, flags; u64
 * guest_phys_addr, memory_size, userspace_addr, guest_memfd_offset; u32
 * guest_memfd, pad1; u64 pad2[14]: 160 bytes; flag KVM_MEM_GUEST_MEMFD =
 * 1 << 2); KVM_RUN _IO 0x80; KVM_SET_ONE_REG _IOW 0xac (struct
 * kvm_one_reg {u64 id, addr}); KVM_CREATE_GUEST_MEMFD _IOWR 0xd4 (struct
 * kvm_create_guest_memfd {u64 size, flags; u64 reserved[6]}: 64 bytes).
 */
#define RLM_KVM_GET_VCPU_MMAP_SIZE RLM_IO(RLM_KVMIO, 0x04)
#define RLM_KVM_SET_USER_MEMORY_REGION2 \
	RLM_IOW(RLM_KVMIO, 0x49, RLM_KVM_USERSPACE_MEMORY_REGION2_SIZE)
#define RLM_KVM_RUN RLM_IO(RLM_KVMIO, 0x80)
#define RLM_KVM_SET_ONE_REG RLM_IOW(RLM_KVMIO, 0xac, RLM_KVM_ONE_REG_SIZE)
#define RLM_KVM_CREATE_GUEST_MEMFD \
	RLM_IOWR(RLM_KVMIO, 0xd4, RLM_KVM_CREATE_GUEST_MEMFD_SIZE)
#define RLM_KVM_MEM_GUEST_MEMFD (1u << 2)

/*
 * arm64 core register ids for KVM_SET_ONE_REG: KVM_REG_ARM64 |
 * KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | (offset in struct kvm_regs / 4);
 * regs[n] at 8n, pc at 256 (arch/arm64/include/uapi/asm/kvm.h).
 */
#define RLM_KVM_REG_ARM64_CORE_U64 UINT64_C(0x6030000000100000)
#define RLM_KVM_REG_ARM_X(n) (RLM_KVM_REG_ARM64_CORE_U64 | (uint64_t)(2u * (n)))
#define RLM_KVM_REG_ARM_PC (RLM_KVM_REG_ARM64_CORE_U64 | 64u)
/*
 * System registers: KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG
 * (0x13 << 16) | op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2
 * (arch/arm64/include/uapi/asm/kvm.h).  ID_AA64DFR0_EL1 (3,0,0,5,0):
 * BRPs [15:12], WRPs [23:20], each "number minus one"; the realm kernels
 * take RmiRealmParams num_bps/num_wps from these fields of the VM's
 * register ("[PATCH] arm64: RME: Propagate number of breakpoints and
 * watchpoints to userspace": realm_create_rd() reads
 * kvm_read_vm_id_reg(ID_AA64DFR0_EL1)).  PMCR_EL0 (3,3,9,12,0): N
 * [15:11], the event counters (pmu_num_ctrs with the PMU flag when the
 * vCPUs have KVM_ARM_VCPU_PMU_V3).  KVM_REG_ARM64_SVE_VLS: KVM_REG_ARM64 |
 * KVM_REG_SIZE_U512 | KVM_REG_ARM64_SVE (0x15 << 16) | 0xffff, a bitmap
 * of the vector quadwords (bit vq - 1) the vCPU may use; every vCPU's
 * maximum must agree and becomes sve_vl = vq - 1 with the SVE flag
 * (realm_init_sve_param(), "arm64: RME: Configure max SVE vector length
 * for a Realm"); finalized with KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_SVE).
 */
#define RLM_KVM_REG_ARM64_SYSREG_U64(op0, op1, crn, crm, op2) \
	(UINT64_C(0x6030000000130000) | ((uint64_t)(op0) << 14) | \
	 ((uint64_t)(op1) << 11) | ((uint64_t)(crn) << 7) | \
	 ((uint64_t)(crm) << 3) | (uint64_t)(op2))
#define RLM_KVM_REG_ID_AA64DFR0_EL1 RLM_KVM_REG_ARM64_SYSREG_U64(3, 0, 0, 5, 0)
#define RLM_KVM_REG_PMCR_EL0 RLM_KVM_REG_ARM64_SYSREG_U64(3, 3, 9, 12, 0)
#define RLM_KVM_REG_ARM64_SVE_VLS UINT64_C(0x606000000015ffff)
#define RLM_ID_AA64DFR0_BRPS_SHIFT 12
#define RLM_ID_AA64DFR0_WRPS_SHIFT 20
#define RLM_PMCR_N_SHIFT 11
#define RLM_PMCR_N_MASK 0x1fu
#define RLM_KVM_GET_ONE_REG RLM_IOW(RLM_KVMIO, 0xab, RLM_KVM_ONE_REG_SIZE)

/*
 * struct kvm_run (include/uapi/linux/kvm.h): exit_reason u32 at 8, the
 * exit union at 32.  Exit reasons and the union members used here:
 * KVM_EXIT_HYPERCALL 3 ({u64 nr, args[6], ret; u64 flags}), KVM_EXIT_MMIO
 * 6 ({u64 phys_addr; u8 data[8]; u32 len; u8 is_write}),
 * KVM_EXIT_SYSTEM_EVENT 24 ({u32 type, ndata; u64 data[16]}; SHUTDOWN 1,
 * RESET 2), KVM_EXIT_MEMORY_FAULT 39 ({u64 flags, gpa, size}; flag
 * KVM_MEMORY_EXIT_FLAG_PRIVATE = 1 << 3).
 */
#define RLM_KVM_RUN_EXIT_REASON_OFF 8
#define RLM_KVM_RUN_EXIT_OFF 32
#define RLM_KVM_RUN_MIN_SIZE 304
#define RLM_KVM_EXIT_HYPERCALL 3
#define RLM_KVM_EXIT_MMIO 6
#define RLM_KVM_EXIT_SYSTEM_EVENT 24
#define RLM_KVM_EXIT_MEMORY_FAULT 39
#define RLM_KVM_SYSTEM_EVENT_SHUTDOWN 1
#define RLM_KVM_SYSTEM_EVENT_RESET 2
#define RLM_KVM_MEMORY_EXIT_FLAG_PRIVATE (1ull << 3)

/* KVM_CHECK_EXTENSION(KVM_CAP_ARM_VM_IPA_SIZE): the host's largest stage 2
 * IPA width; above 48 bits (4K pages) the host's stage 2 uses LPA2
 * (include/uapi/linux/kvm.h). */
#define RLM_KVM_CAP_ARM_VM_IPA_SIZE 165
#define RLM_KVM_CAP_ARM_RME_V10 244
#define RLM_KVM_CAP_ARM_RMI_V12 247
#define RLM_KVM_CAP_ARM_RMI_V13 248
#define RLM_KVM_CAP_ARM_RMI_V14 249
/* 6.18+: the number v10 used belongs to another capability. */
#define RLM_KVM_CAP_GUEST_MEMFD_FLAGS 244

/* v10 KVM_CAP_ARM_RME sub-commands (args[0]) and config items */
#define RLM_KVM_CAP_ARM_RME_CONFIG_REALM 0
#define RLM_KVM_CAP_ARM_RME_CREATE_REALM 1
#define RLM_KVM_CAP_ARM_RME_INIT_RIPAS_REALM 2
#define RLM_KVM_CAP_ARM_RME_POPULATE_REALM 3
#define RLM_KVM_CAP_ARM_RME_ACTIVATE_REALM 4
#define RLM_ARM_RME_CONFIG_RPV 0
#define RLM_ARM_RME_CONFIG_HASH_ALGO 1
/* NVIDIA's multiplexed kvm_cap_arm_rmi flow adds (NV-Kernels
 * arch/arm64/include/uapi/asm/kvm.h, struct arm_rmi_config): MEC
 * {u32 shared_mec} at 4, MEC_QUERY output {u32 mec_supported, mec_count}
 * at 4 and 8. */
#define RLM_ARM_RMI_CONFIG_MEC 2
#define RLM_ARM_RMI_CONFIG_MEC_QUERY 3
#define RLM_ARM_RME_CONFIG_HASH_ALGO_SHA256 0
#define RLM_ARM_RME_CONFIG_HASH_ALGO_SHA512 1
#define RLM_KVM_ARM_RME_POPULATE_FLAGS_MEASURE 1u
#define RLM_KVM_ARM_RMI_POPULATE_FLAGS_MEASURE 1u

#define RLM_KVM_ARM_VCPU_POWER_OFF 0
#define RLM_KVM_ARM_VCPU_SVE 4
#define RLM_KVM_ARM_VCPU_PMU_V3 3
#define RLM_KVM_ARM_VCPU_PSCI_0_2 2
#define RLM_KVM_ARM_VCPU_REC 9
#define RLM_KVM_VM_TYPE_ARM_REALM_V10 (1ul << 8)
#define RLM_KVM_VM_TYPE_ARM_REALM_V14 (1ul << 30)
#define RLM_KVM_VM_TYPE_ARM_IPA_SIZE_MASK 0xfful
#define RLM_KVM_MEMORY_ATTRIBUTE_PRIVATE (1ull << 3)

enum rlm_kvm_series {
	RLM_KVM_NONE = 0,
	RLM_KVM_V10,   /* multiplexed KVM_CAP_ARM_RME */
	RLM_KVM_V12,   /* KVM_CAP_ARM_RMI, POPULATE _IOW */
	RLM_KVM_V13,   /* KVM_CAP_ARM_RMI, POPULATE _IOWR with progress */
	RLM_KVM_V14,   /* ... no PSCI ioctl, VM type bit 30 */
	RLM_KVM_NV_RMI,/* NVIDIA 6.18: kvm_cap_arm_rmi, multiplexed like v10, MEC */
};

/* How the interface was found. */
enum rlm_kvm_found {
	RLM_KVM_FOUND_SYSFS = 1,  /* the kernel's module parameter */
	RLM_KVM_FOUND_PROBE,      /* KVM_CHECK_EXTENSION on candidates */
};

/*
 * System calls.  Each returns >= 0 on success or -errno.  ioctl's arg is
 * the integer or the pointer the request takes.
 */
struct rlm_kvm_sys_ops {
	int (*open)(void *ctx, const char *path, int flags);
	int (*close)(void *ctx, int fd);
	long (*read)(void *ctx, int fd, void *buf, size_t len);
	long (*ioctl)(void *ctx, int fd, unsigned long req, uintptr_t arg);
	/* Optional (NULL: the real ones): map a vCPU's struct kvm_run, and
	 * the host's page size. */
	void *(*mmap_run)(void *ctx, int vcpu_fd, size_t len);
	void (*munmap_run)(void *ctx, void *p, size_t len);
	long (*page_size)(void *ctx);
};

/* The real system calls. */
extern const struct rlm_kvm_sys_ops rlm_kvm_sys_linux;

struct rlm_kvm_config {
	const struct rlm_kvm_sys_ops *ops;   /* NULL: rlm_kvm_sys_linux */
	void *ctx;
	const char *dev;                     /* NULL: "/dev/kvm" */
	const char *param_rme;   /* NULL: /sys/module/kvm/parameters/kvm_cap_arm_rme */
	const char *param_rmi;   /* NULL: /sys/module/kvm/parameters/kvm_cap_arm_rmi */
};

struct rlm_kvm {
	const struct rlm_kvm_sys_ops *ops;
	void *ctx;
	int fd;                        /* /dev/kvm */
	enum rlm_kvm_series series;
	enum rlm_kvm_found found;
	unsigned int cap;              /* the capability number in use */
	uint64_t page_size;            /* the host's (4096) */
	/* The RMM's limits (RmiFeatureRegister0) when the caller knows them
	 * (rlm_kvm_set_limits): KVM itself does not publish the register. */
	bool have_limits;
	struct rlm_rmi_features0 limits;
	/* rlm_kvm_set_mec(): the MEC policy rlm_kvm_launch() configures */
	bool mec_set;
	enum rlm_mec_policy mec;
	char why[256];                 /* on failure: what is missing */
};

struct rlm_kvm_vm {
	struct rlm_kvm *kvm;
	int fd;
	unsigned int ipa_bits;
	int mirror_err;     /* first failure of rlm_kvm_ripas_mirror() */
	int last_vcpu;      /* highest vCPU id created (-1: none) */
	unsigned int nvcpus;
};

/* A vCPU (and, once finalized or first run, its REC). */
struct rlm_kvm_vcpu {
	struct rlm_kvm_vm *vm;
	int fd;
	unsigned int id;
	uint64_t mpidr;       /* the MPIDR KVM gives vCPU id */
	unsigned int flags;   /* RLM_KVM_VCPU_* it was created with */
	bool finalized;       /* v10/NV: REC created; registers fixed */
	uint8_t *run;         /* struct kvm_run, after rlm_kvm_vcpu_map_run */
	size_t run_len;
};

/* "v10 (KVM_CAP_ARM_RME)", ... */
const char *rlm_kvm_series_name(enum rlm_kvm_series s);

/*
 * The order in which a series' kernel has the RMM measure a launch
 * (realm/launch.h): RLM_LAUNCH_ORDER_RMM for v10 and NVIDIA's multiplexed
 * kernels (the VMM drives INIT_RIPAS, populate, RECs and activation), and
 * RLM_LAUNCH_ORDER_KVM_ACTIVATE for v12, v13 and v14 (RIPAS initialised at
 * the first KVM_RUN, after the data and the RECs).  A plan predicts the
 * realm's RIM only with its kernel's order in rlm_launch_desc.order.
 */
enum rlm_launch_order rlm_kvm_series_order(enum rlm_kvm_series s);

/*
 * Open /dev/kvm and find the kernel's CCA interface.  RLM_EIO (cannot open
 * the device), RLM_ENOTSUP (no realm support, or a published capability
 * the kernel then denies, or an unknown series); k->why names what is
 * missing.
 */
int rlm_kvm_open(struct rlm_kvm *k, const struct rlm_kvm_config *cfg);
void rlm_kvm_close(struct rlm_kvm *k);

/* Per-series properties. */
bool rlm_kvm_has_config(const struct rlm_kvm *k);  /* RPV, hash, create, init RIPAS, activate */
bool rlm_kvm_has_psci_complete(const struct rlm_kvm *k);
bool rlm_kvm_has_rec_feature(const struct rlm_kvm *k);

/* KVM_CREATE_VM of a realm with an IPA width of ipa_bits (32..52). */
int rlm_kvm_create_vm(struct rlm_kvm *k, unsigned int ipa_bits,
		      struct rlm_kvm_vm *vm);
void rlm_kvm_vm_close(struct rlm_kvm_vm *vm);

/* v10 configuration and construction steps; RLM_ENOTSUP on later series
 * for RPV/hash (they lost the choice), and a no-op (0) for create, init
 * RIPAS and activate, which those kernels do implicitly. */
int rlm_kvm_config_rpv(struct rlm_kvm_vm *vm, const uint8_t rpv[64]);
int rlm_kvm_config_hash(struct rlm_kvm_vm *vm, enum rlm_hash_algo algo);
int rlm_kvm_create_realm(struct rlm_kvm_vm *vm);
int rlm_kvm_init_ripas(struct rlm_kvm_vm *vm, uint64_t base, uint64_t size);
int rlm_kvm_activate(struct rlm_kvm_vm *vm);

/*
 * Populate [base, base + size) from src (userspace memory).  v10 and NV
 * ignore src: those kernels copy from the memslot's userspace_addr, so
 * the data must already be there, and the range must be private
 * (rlm_kvm_add_ram does both).  measure: extend the RIM with the content.
 * base and size are aligned to the host page size (RLM_EALIGN); src too
 * (v14 refuses anything else).  The kernel may do part of the work per
 * call: v12 returns the bytes it populated, v13/v14 write the position
 * back; every series is called again for the rest.  A call that makes no
 * progress is RLM_EIO.
 */
int rlm_kvm_populate(struct rlm_kvm_vm *vm, uint64_t base, uint64_t size,
		     const void *src, bool measure);

/*
 * vCPUs, the VMM's way: create in ascending id (so ascending MPIDR: the
 * RMM wants RECs in that order; RLM_ERANGE otherwise), set the entry
 * registers, then finalize.  v10/NV: KVM_ARM_VCPU_FINALIZE(REC) creates
 * the REC and copies PC and x0..x7 into its parameters at that moment
 * ("[PATCH v10] arm64: RME: Allocate/free RECs to match vCPUs",
 * kvm_create_rec()), so rlm_kvm_vcpu_set_entry() after finalize is
 * RLM_ESTATE.  v12+: the kernel creates the REC at the first KVM_RUN;
 * finalize only marks the registers fixed.
 */
#define RLM_KVM_VCPU_POWER_OFF (1u << 0) /* secondary: not runnable */
#define RLM_KVM_VCPU_PMU (1u << 1)       /* KVM_ARM_VCPU_PMU_V3 */
#define RLM_KVM_VCPU_SVE (1u << 2)       /* KVM_ARM_VCPU_SVE */
int rlm_kvm_vcpu_create(struct rlm_kvm_vm *vm, unsigned int id,
			unsigned int flags, struct rlm_kvm_vcpu *vcpu);
int rlm_kvm_vcpu_set_reg(struct rlm_kvm_vcpu *vcpu, uint64_t reg_id,
			 uint64_t value);
/* PC and x0..x7 (x may be NULL: all zero). */
int rlm_kvm_vcpu_set_entry(struct rlm_kvm_vcpu *vcpu, uint64_t pc,
			   const uint64_t x[8]);
int rlm_kvm_vcpu_finalize(struct rlm_kvm_vcpu *vcpu);
void rlm_kvm_vcpu_close(struct rlm_kvm_vcpu *vcpu);
/* KVM_GET_ONE_REG of a 64-bit register. */
int rlm_kvm_vcpu_get_reg(struct rlm_kvm_vcpu *vcpu, uint64_t reg_id,
			 uint64_t *value);

/*
 * The RMM's limits, RmiFeatureRegister0 as RMI_FEATURES(0) gives it (from
 * the shim module, the platform's documentation, or the model).  Once
 * set, rlm_kvm_launch() and rlm_kvm_vcpu_config_realm() refuse realm
 * parameters beyond them before any ioctl.
 */
void rlm_kvm_set_limits(struct rlm_kvm *k, uint64_t feat_reg0);

/*
 * Give a vCPU the realm features of p the way the kernel reads them when
 * it creates the realm (see the register ids above): ID_AA64DFR0_EL1
 * BRPs/WRPs = num_bps/num_wps (read, changed, written back), PMCR_EL0.N =
 * pmu_num_ctrs if p has the PMU flag (the vCPU must have been created
 * with RLM_KVM_VCPU_PMU), SVE_VLS = vector quadwords 1..sve_vl + 1 then
 * KVM_ARM_VCPU_FINALIZE(SVE) if p has the SVE flag (created with
 * RLM_KVM_VCPU_SVE).  Every vCPU, before the realm is created (v10/NV:
 * CREATE_REALM; v12+: the first populate).  RLM_ERANGE / RLM_ENOTSUP
 * with k->why naming the field when p exceeds the register widths or the
 * limits; RLM_EINVAL when the vCPU's features do not match p's flags.
 */
int rlm_kvm_vcpu_config_realm(struct rlm_kvm_vcpu *vcpu,
			      const struct rlm_realm_params *p);
/* p against the register widths and (if set) k's limits; 0 or RLM_ERANGE /
 * RLM_ENOTSUP with k->why naming the field. */
int rlm_kvm_check_params(struct rlm_kvm *k, const struct rlm_realm_params *p);

/* Complete a PSCI request against target_mpidr (v10, v12, v13, NV). */
int rlm_kvm_psci_complete(struct rlm_kvm_vm *vm, int vcpu_fd,
			  uint64_t target_mpidr, uint32_t psci_status);

/* ---- Memory ------------------------------------------------------------ */

/* KVM_CREATE_GUEST_MEMFD of size bytes; *fd receives it. */
int rlm_kvm_guest_memfd(struct rlm_kvm_vm *vm, uint64_t size, int *fd);

/*
 * KVM_SET_USER_MEMORY_REGION2: slot at gpa of size bytes, backed by
 * uaddr (shared view, and what v10/NV populate copies from) and, when
 * gmem_fd >= 0, by guest_memfd gmem_fd at gmem_off (private view).
 */
int rlm_kvm_set_memslot(struct rlm_kvm_vm *vm, unsigned int slot,
			uint64_t gpa, uint64_t size, void *uaddr, int gmem_fd,
			uint64_t gmem_off);

/*
 * Protected RAM as a VMM sets it up: a guest_memfd, a memslot at gpa
 * with uaddr as its userspace side, and the range marked private
 * (NVIDIA QEMU marks RAM private before populating it); then, if
 * alias_slot >= 0, the same uaddr as a plain memslot at the unprotected
 * alias gpa | 2^(ipa_bits - 1).  *gmem_fd receives the guest_memfd
 * (closed by the caller with the VM).  Every failure names its step.
 */
int rlm_kvm_add_ram(struct rlm_kvm_vm *vm, unsigned int slot, int alias_slot,
		    uint64_t gpa, uint64_t size, void *uaddr, int *gmem_fd);

/* KVM_SET_MEMORY_ATTRIBUTES: private (guest_memfd) or shared. */
int rlm_kvm_set_private(struct rlm_kvm_vm *vm, uint64_t base, uint64_t size,
			bool private_mem);

/*
 * An rlm_ripas_change_fn (realm/ripas.h) that mirrors RIPAS changes into
 * memory attributes: arg is a struct rlm_kvm_vm; RAM/DESTROYED/DEV become
 * private, EMPTY shared.  The first failure is kept in vm->mirror_err
 * (and described in vm->kvm->why).
 */
void rlm_kvm_ripas_mirror(void *arg, uint64_t base, uint64_t top,
			  uint8_t old_ripas, uint8_t new_ripas);

/* ---- Configuration (v10 and NV) ---------------------------------------- */

/* NV: MEC query (config item MEC_QUERY) and configuration (MEC: shared
 * or a private MECID).  RLM_ENOTSUP on every other series. */
int rlm_kvm_mec_query(struct rlm_kvm_vm *vm, bool *supported,
		      uint32_t *count);
int rlm_kvm_config_mec(struct rlm_kvm_vm *vm, bool shared);

/*
 * The MEC policy rlm_kvm_launch() gives the realm (NV only): it asks
 * CONFIG_REALM(MEC_QUERY) first and refuses a private MECID when the
 * kernel reports no MEC support (RLM_ENOTSUP) or none left (RLM_ENOSPC),
 * then configures CONFIG_REALM(MEC) before CREATE_REALM; the kernel
 * takes the MECID from its allocator.  On any other series a launch with
 * a policy set is RLM_ENOTSUP (those kernels have no MEC configuration).
 * Not calling it configures nothing (the kernel's default).
 */
void rlm_kvm_set_mec(struct rlm_kvm *k, enum rlm_mec_policy policy);

/* ---- The interrupt controller: an in-kernel vGICv3 ------------------------ */

/*
 * KVM's device API (torvalds/linux include/uapi/linux/kvm.h):
 * KVM_CREATE_DEVICE _IOWR 0xe0 (struct kvm_create_device {u32 type, fd,
 * flags}: 12 bytes; KVM_DEV_TYPE_ARM_VGIC_V3 = 7), KVM_SET_DEVICE_ATTR _IOW
 * 0xe1 (struct kvm_device_attr {u32 flags, group; u64 attr, addr}: 24
 * bytes, addr pointing at the value); arm64 (arch/arm64/include/uapi/asm/
 * kvm.h, NV-Kernels too): KVM_DEV_ARM_VGIC_GRP_ADDR 0 with
 * KVM_VGIC_V3_ADDR_TYPE_DIST 2 / _REDIST 3 (u64 addresses; 64K for the
 * distributor, 128K per vCPU for the redistributors),
 * KVM_DEV_ARM_VGIC_GRP_NR_IRQS 3 (u32), KVM_DEV_ARM_VGIC_GRP_CTRL 4 with
 * KVM_DEV_ARM_VGIC_CTRL_INIT 0.  A realm needs GICv3 (the RMM virtualises
 * its CPU interface with RmiFeatureRegister0.GICV3_NUM_LRS list
 * registers); the distributor and redistributors stay emulated by KVM.
 */
#define RLM_KVM_CREATE_DEVICE_SIZE 12
#define RLM_KVM_DEVICE_ATTR_SIZE 24
#define RLM_KVM_CREATE_DEVICE RLM_IOWR(RLM_KVMIO, 0xe0, RLM_KVM_CREATE_DEVICE_SIZE)
#define RLM_KVM_SET_DEVICE_ATTR RLM_IOW(RLM_KVMIO, 0xe1, RLM_KVM_DEVICE_ATTR_SIZE)
#define RLM_KVM_DEV_TYPE_ARM_VGIC_V3 7
#define RLM_KVM_DEV_ARM_VGIC_GRP_ADDR 0
#define RLM_KVM_DEV_ARM_VGIC_GRP_NR_IRQS 3
#define RLM_KVM_DEV_ARM_VGIC_GRP_CTRL 4
#define RLM_KVM_DEV_ARM_VGIC_CTRL_INIT 0
#define RLM_KVM_VGIC_V3_ADDR_TYPE_DIST 2
#define RLM_KVM_VGIC_V3_ADDR_TYPE_REDIST 3
#define RLM_KVM_VGIC_V3_DIST_SIZE 0x10000u
#define RLM_KVM_VGIC_V3_REDIST_SIZE 0x20000u   /* per vCPU */

struct rlm_kvm_gic {
	uint64_t dist_base;    /* 64K aligned */
	uint64_t redist_base;  /* 64K aligned; 128K per vCPU from here */
	unsigned int nr_vcpus; /* the redistributor region's size */
	uint32_t nr_irqs;      /* 0: KVM's default; else 64..1024, a multiple of 32 */
};

/*
 * Create the vGICv3 and give it its addresses (and the number of
 * interrupts): after KVM_CREATE_VM, before the first vCPU runs.  The
 * regions are checked first: aligned, inside the IPA space, not
 * overlapping (RLM_EALIGN / RLM_ERANGE naming the region in k->why).
 * *dev_fd receives the device (closed by the caller).
 */
int rlm_kvm_vgic_create(struct rlm_kvm_vm *vm, const struct rlm_kvm_gic *gic,
			int *dev_fd);
/* KVM_DEV_ARM_VGIC_CTRL_INIT: once every vCPU exists (KVM sizes the
 * redistributors by them), before the first KVM_RUN. */
int rlm_kvm_vgic_init(struct rlm_kvm_vm *vm, int dev_fd);

/* ---- Running ------------------------------------------------------------ */

enum rlm_kvm_exit_type {
	RLM_KVM_X_NONE = 0,
	RLM_KVM_X_MEMORY_FAULT,  /* RIPAS change: convert [gpa, gpa + size) */
	RLM_KVM_X_SHUTDOWN,      /* PSCI SYSTEM_OFF */
	RLM_KVM_X_RESET,         /* PSCI SYSTEM_RESET */
	RLM_KVM_X_MMIO,
	RLM_KVM_X_HYPERCALL,     /* an SMCCC call forwarded to userspace
				  * (RSI host calls, PSCI with a filter) */
	RLM_KVM_X_OTHER,
};

struct rlm_kvm_exit {
	enum rlm_kvm_exit_type type;
	uint32_t reason;          /* KVM_EXIT_* */
	uint64_t gpa, size;       /* MEMORY_FAULT, MMIO (size = len) */
	bool private_mem;         /* MEMORY_FAULT: the guest wants it private */
	bool is_write;            /* MMIO */
	uint8_t data[8];          /* MMIO */
	uint64_t nr, args[6];     /* HYPERCALL */
};

/* Map the vCPU's struct kvm_run (KVM_GET_VCPU_MMAP_SIZE + mmap). */
int rlm_kvm_vcpu_map_run(struct rlm_kvm_vcpu *vcpu);

/*
 * One KVM_RUN and its exit decoded.  A RIPAS change arrives as
 * KVM_EXIT_MEMORY_FAULT with KVM_RUN failing with EFAULT ("[PATCH v14]
 * KVM: arm64: Handle realm exits", rmi-exit.c); that is a normal exit
 * here (type MEMORY_FAULT), not an error.  RLM_EIO for other failures.
 */
int rlm_kvm_vcpu_run(struct rlm_kvm_vcpu *vcpu, struct rlm_kvm_exit *ex);

/* Convert the range of a MEMORY_FAULT exit (KVM_SET_MEMORY_ATTRIBUTES). */
int rlm_kvm_handle_memory_fault(struct rlm_kvm_vm *vm,
				const struct rlm_kvm_exit *ex);

/* An MMIO exit in the protected half is a realm bug: RLM_EPERM. */
int rlm_kvm_check_mmio(const struct rlm_kvm_vm *vm,
		       const struct rlm_kvm_exit *ex);

/*
 * A minimal VMM loop over vCPU 0 (the boot vCPU; the kernel runs PSCI
 * CPU_ON itself and the others are run by the caller or never, as here):
 * run, convert memory on RIPAS changes, hand MMIO and hypercalls to
 * on_exit (NULL: MMIO reads return 0, hypercalls fail), stop at SHUTDOWN
 * or RESET.  counts (optional) gets the exits handled per type.
 */
struct rlm_kvm_run_stats {
	uint64_t exits, memory_faults, mmio, hypercalls;
	enum rlm_kvm_exit_type last;
};
int rlm_kvm_run(struct rlm_kvm_vcpu *vcpu,
		int (*on_exit)(void *arg, struct rlm_kvm_vcpu *vcpu,
			       struct rlm_kvm_exit *ex),
		void *arg, struct rlm_kvm_run_stats *stats);

/* ---- A whole launch, the VMM's way --------------------------------------- */

#define RLM_KVM_LAUNCH_MAX_RAM 16
#define RLM_KVM_LAUNCH_MAX_VCPUS 64

struct rlm_kvm_launch {
	struct rlm_kvm_vm vm;
	struct rlm_kvm_vcpu vcpus[RLM_KVM_LAUNCH_MAX_VCPUS];
	size_t nvcpus;
	uint8_t *ram[RLM_KVM_LAUNCH_MAX_RAM];   /* host memory of each range */
	uint64_t ram_len[RLM_KVM_LAUNCH_MAX_RAM];
	int gmem[RLM_KVM_LAUNCH_MAX_RAM];
	size_t nram;
	const char *failed_step;                /* on failure */
};

/*
 * Launch the realm a launch plan describes (realm/launch.h) through KVM,
 * in the order the RIM needs: d->params checked (register widths, and
 * k's limits if set) before any ioctl; configuration (v10/NV: hash, RPV);
 * the vCPUs in ascending MPIDR with their realm features (PMU/SVE
 * features, PMCR_EL0.N, SVE_VLS, ID_AA64DFR0_EL1: what the kernel reads
 * into RmiRealmParams, so the measured parameters are the plan's; see
 * rlm_kvm_vcpu_config_realm); the realm; protected RAM (guest_memfd,
 * memslots, private) with an unprotected alias; the images copied into
 * RAM; INIT_RIPAS; measured populate; PC and x0..x7 set before each REC is
 * finalized (secondaries powered off); unmeasured populate; activation.
 * On v12+ the kernel creates the RECs, initialises RIPAS and activates at
 * the first KVM_RUN, which it refuses until the vGICv3 is initialised
 * (rlm_kvm_vgic_create/_init once the vCPUs exist: the caller's step).
 * With rlm_kvm_set_mec() (NV) the MEC policy is configured first.
 * LPA2 is not the VMM's choice: v13/v14 set it exactly when the host's
 * stage 2 uses LPA2 (realm_create_rd(): kvm_lpa2_is_enabled(), seen here
 * as KVM_CAP_ARM_VM_IPA_SIZE above 48), v10, NV and v12 never, so a plan
 * whose LPA2 flag differs is refused (the RIM would not hold); so is one
 * whose order is not rlm_kvm_series_order(k->series), and on v12+ any
 * hash but SHA-256 or an RPV (those kernels lost the configuration).
 * On failure l->failed_step and k->why say where;
 * rlm_kvm_launch_close() releases what exists.
 */
int rlm_kvm_launch(struct rlm_kvm *k, const struct rlm_launch_desc *d,
		   struct rlm_kvm_launch *l);
void rlm_kvm_launch_close(struct rlm_kvm_launch *l);
#ifdef __cplusplus
}
#endif

#endif /* RLM_KVM_H */
