/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 (beta) at run time: version negotiation (RMI 1.0 / 2.0 and
 * RSI 1.0 / 1.1), the RMM_CONFIG_SET / RMM_ACTIVATE bootstrap, the
 * multi-call engine for RMI_INCOMPLETE answers and typed 2.0 calls.
 * Numbers and behaviour checked against TF-RMM main
 * 9a7f8ef46378320ad69140a42e51c1ccf5914661: runtime/rmi/version.c
 * (smc_version), runtime/rsi/version.c (handle_rsi_version: RSI 1.0 and
 * 1.1), runtime/core/handler.c (only VERSION, FEATURES, RMM_CONFIG_GET and
 * GRANULE_TRACKING_GET before RMM_ACTIVATE; CONFIG_SET / ACTIVATE answer
 * ERROR_GLOBAL outside the init state), runtime/rmi/granule.c
 * (smc_rmm_config_set), runtime/rmi/activate.c; Arm DEN0137 2.0 beta.
 */
#ifndef RLM_RMI2_H
#define RLM_RMI2_H

#include <realm/abi2.h>
#include <realm/conduit.h>
#include <realm/rmi.h>
#include <realm/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The RSI revisions a guest may negotiate (TF-RMM main implements both). */
#define RLM_RSI_ABI_VERSION_1_0 UINT64_C(0x10000)
#define RLM_RSI_ABI_VERSION_1_1 UINT64_C(0x10001)

/* ---- Negotiation ------------------------------------------------------- */

struct rlm_negotiation {
	unsigned int iface;           /* RLM_VERSION_IFACE_RMI / _RSI */
	uint64_t version;             /* the revision agreed; 0: none */
	enum rlm_rmi_abi abi;         /* RMI: the table to drive it with */
	unsigned int asked;           /* VERSION calls made: 1 or 2 */
	struct rlm_version_info first; /* the answer to the preferred revision */
	struct rlm_version_info last;  /* the answer that decided */
};

/*
 * Ask the RMM for RMI 2.0 (prefer RLM_RMI_V2_0) or 1.0 (RLM_RMI_V1_0);
 * when it answers ERROR_INPUT and its range [X1, X2] holds the other
 * revision librealm speaks, ask for that one.  The revision is agreed only
 * on a SUCCESS answer to the revision asked (TF-RMM's smc_version answers
 * SUCCESS with X1 = the request, ERROR_INPUT with X1 = X2 = its highest).
 * 0: out->version / out->abi say which; RLM_EVERSION: neither revision is
 * implemented (out->last tells the RMM's range, rlm_version_describe()
 * prints it); RLM_ERMI: VERSION answered another status; the conduit's
 * error if no RMM answered; RLM_EINVAL for NULL or an unknown prefer.
 */
int rlm_rmi_negotiate(const struct rlm_conduit *c, enum rlm_rmi_abi prefer,
		      struct rlm_negotiation *out);

/*
 * The same for a guest's RSI: prefer RLM_RSI_ABI_VERSION_1_1 (falls back
 * to 1.0) or RLM_RSI_ABI_VERSION_1_0 (falls back to 1.1).  RLM_ERSI for a
 * status other than SUCCESS / ERROR_INPUT.
 */
int rlm_rsi_negotiate(const struct rlm_conduit *c, uint64_t prefer,
		      struct rlm_negotiation *out);

/* ---- RMM bootstrap (2.0) ------------------------------------------------ */

/* RMM_CONFIG_GET / RMM_CONFIG_SET: PA of a 4 KiB-aligned RmiRmmConfig
 * page (realm/pack2.h); RMM_ACTIVATE takes no argument. */
int rlm_rmi2_rmm_config_get(const struct rlm_conduit *c, uint64_t config,
			    struct rlm_rmi_result *res);
int rlm_rmi2_rmm_config_set(const struct rlm_conduit *c, uint64_t config,
			    struct rlm_rmi_result *res);
int rlm_rmi2_rmm_activate(const struct rlm_conduit *c,
			  struct rlm_rmi_result *res);
/*
 * RMM_CONFIG_SET(config) then RMM_ACTIVATE: an RMM 2.0 refuses every
 * command but VERSION, FEATURES, RMM_CONFIG_GET and GRANULE_TRACKING_GET
 * (ERROR_GLOBAL) until both succeeded.  The caller packs the page
 * (rlm_pack_rmm_config2) at config.  RLM_ERMI with res naming the status
 * of the call that failed (ERROR_GLOBAL: the RMM is past its init state,
 * already activated); *step (may be NULL) says which call answered last:
 * 1 CONFIG_SET, 2 ACTIVATE.
 */
int rlm_rmi2_rmm_bootstrap(const struct rlm_conduit *c, uint64_t config,
			   unsigned int *step, struct rlm_rmi_result *res);

#ifdef __cplusplus
}
#endif

#endif /* RLM_RMI2_H */
