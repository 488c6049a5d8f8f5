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

#define RLM_KVM_CAP_ARM_RME_V10 244
#define RLM_KVM_CAP_ARM_RMI_V12 247
#define RLM_KVM_CAP_ARM_RMI_V13 248
#define RLM_KVM_CAP_ARM_RMI_V14 249

/* v10 KVM_CAP_ARM_RME sub-commands (args[0]) and config items */
#define RLM_KVM_CAP_ARM_RME_CONFIG_REALM 0
#define RLM_KVM_CAP_ARM_RME_CREATE_REALM 1
#define RLM_KVM_CAP_ARM_RME_INIT_RIPAS_REALM 2
#define RLM_KVM_CAP_ARM_RME_POPULATE_REALM 3
#define RLM_KVM_CAP_ARM_RME_ACTIVATE_REALM 4
#define RLM_ARM_RME_CONFIG_RPV 0
#define RLM_ARM_RME_CONFIG_HASH_ALGO 1
#define RLM_ARM_RME_CONFIG_HASH_ALGO_SHA256 0
#define RLM_ARM_RME_CONFIG_HASH_ALGO_SHA512 1
#define RLM_KVM_ARM_RME_POPULATE_FLAGS_MEASURE 1u
#define RLM_KVM_ARM_RMI_POPULATE_FLAGS_MEASURE 1u

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
	char why[256];                 /* on failure: what is missing */
};

struct rlm_kvm_vm {
	struct rlm_kvm *kvm;
	int fd;
	unsigned int ipa_bits;
	int mirror_err;     /* first failure of rlm_kvm_ripas_mirror() */
};

/* "v10 (KVM_CAP_ARM_RME)", ... */
const char *rlm_kvm_series_name(enum rlm_kvm_series s);

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
 * Populate [base, base + size) from src (userspace memory; v10 ignores it:
 * that kernel copies from the memslot, so the data must already be there).
 * measure: extend the RIM with the content.  v13/v14 loop until the kernel
 * reports size 0; a call that makes no progress is RLM_EIO.
 */
int rlm_kvm_populate(struct rlm_kvm_vm *vm, uint64_t base, uint64_t size,
		     const void *src, bool measure);

/* Create vCPU id, init it as a REC (PSCI 0.2, and on v10 the REC feature
 * and its finalization); *vcpu_fd receives the vCPU's fd. */
int rlm_kvm_create_vcpu(struct rlm_kvm_vm *vm, unsigned int id, int *vcpu_fd);

/* Complete a PSCI request against target_mpidr (v10, v12, v13). */
int rlm_kvm_psci_complete(struct rlm_kvm_vm *vm, int vcpu_fd,
			  uint64_t target_mpidr, uint32_t psci_status);

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

#ifdef __cplusplus
}
#endif

#endif /* RLM_KVM_H */
