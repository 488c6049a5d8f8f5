/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl launch, in four steps that each fit in a head:
 *
 *   launch_args.c    argv -> struct launch_opts     (the option table)
 *   launch_plan.c    opts -> struct launch_plan     (descriptor, RIM prediction, log)
 *   launch_exec.c    plan -> struct launch_result   (run on the mock RMM, tear down)
 *   launch_output.c  plan + result -> stdout        (text or JSON)
 *
 * cmd_launch.c strings them together.  To add a flag: a field in
 * struct launch_opts, a setter and one row in the table in launch_args.c;
 * the usage text is generated from the table.
 */
#ifndef REALMCTL_LAUNCH_H
#define REALMCTL_LAUNCH_H

#include "realmctl.h"
#include <realm/launch.h>

#define LAUNCH_MAX_RAM 16
#define LAUNCH_MAX_LOAD 16
#define LAUNCH_MAX_VCPUS 16

/* Setter and step results: 0, a usage error, or a failure already reported. */
#define LAUNCH_OK 0
#define LAUNCH_BAD_USAGE (-1) /* print the usage text, exit CLI_USAGE */
#define LAUNCH_BAD_INPUT (-2) /* reported with cli_err, exit CLI_USAGE */
#define LAUNCH_FAILED (-3)    /* reported with cli_err, exit CLI_FAIL */

/* An image named on the command line and the file contents it owns. */
struct launch_load {
	struct rlm_launch_image im;
	uint8_t *buf; /* malloc'd; freed by launch_opts_free() */
};

/* What the command line asked for. */
struct launch_opts {
	bool mock;
	int kvm_model;        /* --kvm-model: enum rlm_kvm_series, 0 none */
	bool have_dtb;        /* --dtb: x0 of the boot vCPU = dtb_ipa */
	uint64_t dtb_ipa;
	bool json;
	bool have_entry;
	int hash;             /* RLM_RMI_HASH_* */
	uint64_t ipa_bits;
	uint64_t nvcpus;
	uint64_t entry;
	uint64_t ripas_level;
	/* Realm parameters: the host's limits and the VMM's choices. */
	uint64_t num_bps, num_wps;   /* counts (RMI fields hold count - 1) */
	uint64_t sve_vl;             /* bits, 0: no SVE */
	bool pmu;
	uint64_t pmu_num_ctrs;
	bool lpa2;
	int mec;              /* --mec: 0 none, 1 shared, 2 private */
	uint8_t rpv[RLM_RPV_SIZE];
	bool have_gpr[8];
	uint64_t gpr[8];             /* --gpr N=VALUE: boot vCPU x0..x7 */
	const char *log_path; /* NULL: no launch log */
	const char *corim_path; /* --corim: the reference values as a CoRIM */
	const char *refvals_path; /* --refvals: the reference values as JSON */
	int rmm;              /* --rmm: enum rlm_rmi_abi (0: 1.0) */
	struct rlm_launch_ram ram[LAUNCH_MAX_RAM];
	size_t nram;
	struct launch_load loads[LAUNCH_MAX_LOAD];
	size_t nload;
};

/* The launch, planned: the descriptor and what it predicts. */
struct launch_plan {
	struct rlm_launch_image images[LAUNCH_MAX_LOAD];
	struct rlm_launch_vcpu vcpus[LAUNCH_MAX_VCPUS];
	struct rlm_launch_desc d;     /* points into opts (RAM) and this plan */
	struct rlm_launch_counts cnt;
	struct rlm_rim pred;
	uint64_t img_granules;
	size_t log_len;               /* bytes written to opts->log_path */
};

/* What running the plan on the mock RMM gave. */
struct launch_result {
	int ret;                      /* rlm_launch_execute's answer */
	size_t failed_step;
	enum rlm_launch_op_type failed_op;
	uint8_t rim[64];              /* the realm's RIM; zero if the launch failed */
	uint64_t calls;               /* RMI calls, launch and teardown */
	uint64_t leaked;              /* granules left delegated or quarantined */
	bool match;
	/* --kvm-model only */
	bool kvm;
	const char *series;
	uint64_t entry_pc, x0;        /* REC 0's, as the kernel created it */
	uint64_t exits, memory_faults, mmio, hypercalls, shutdowns, resets;
	int token;                    /* 1 verified, 0 failed, -1 not fetched */
	bool gic;                     /* the vGICv3 was created and initialised */
	bool mec_set;                 /* --mec: the MECID the kernel gave */
	bool mec_private;
	uint32_t mecid;
	uint64_t token_len;
};

/* Parse argv[1..argc) into o (defaults first). LAUNCH_OK or LAUNCH_BAD_*. */
int launch_parse_args(int argc, char **argv, struct launch_opts *o);
/* Print the usage text (generated from the option table) to stderr. */
void launch_usage(void);
/* Free what launch_parse_args read. */
void launch_opts_free(struct launch_opts *o);

/* Sort and complete the options, predict the RIM, write the log if asked. */
int launch_plan_build(struct launch_opts *o, struct launch_plan *p);

/* Run the plan on a mock RMM sized for it and tear it down again. */
int launch_execute_mock(const struct launch_opts *o, const struct launch_plan *p,
			struct launch_result *r);

/* Print the report, text or JSON as o->json says. */
/* --kvm-model: the same launch through the KVM backend on the model of a
 * kernel series, then the boot vCPU runs the guest program. */
int launch_execute_kvm_model(const struct launch_opts *o, const struct launch_plan *p,
			     struct launch_result *r);

void launch_print(const struct launch_opts *o, const struct launch_plan *p,
		  const struct launch_result *r);

#endif /* REALMCTL_LAUNCH_H */
