/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI/RSI version handshake.  The rule (RMM spec 1.0 RMI_VERSION and
 * RSI_VERSION; TF-RMM smc_version / handle_rsi_version; Linux
 * rmi_check_version / rsi_version_matches): ask for the revision we speak;
 * SUCCESS means the RMM implements it; ERROR_INPUT means it does not, and
 * X1/X2 still tell which range it implements.
 */
#include <realm/rmi.h>
#include <realm/rsi.h>
#include <realm/version.h>
#include <realm/error.h>
#include "abi/call.h"

int rlm_rmi_handshake(const struct rlm_conduit *c, struct rlm_version_info *info)
{
	struct rlm_rmi_result res;
	uint64_t lower = 0, higher = 0;
	int rc;

	if (!rlm_conduit_ok_(c) || !info)
		return RLM_EINVAL;
	rlm_memset(info, 0, sizeof(*info));
	info->iface = RLM_VERSION_IFACE_RMI;
	info->requested = RLM_RMI_ABI_VERSION(RLM_RMI_ABI_MAJOR_VERSION,
					      RLM_RMI_ABI_MINOR_VERSION);
	rc = rlm_rmi_version(c, info->requested, &lower, &higher, &res);
	if (rc != 0 && rc != RLM_ERMI)
		return rc; /* no RMM answered */
	info->answered = true;
	info->lower = lower;
	info->higher = higher;
	info->status = res.status;
	if (rc == 0)
		return 0;
	return res.status == RLM_RMI_ERROR_INPUT ? RLM_EVERSION : RLM_ERMI;
}

int rlm_rsi_handshake(const struct rlm_conduit *c, struct rlm_version_info *info)
{
	struct rlm_rsi_result res;
	uint64_t lower = 0, higher = 0;
	int rc;

	if (!rlm_conduit_ok_(c) || !info)
		return RLM_EINVAL;
	rlm_memset(info, 0, sizeof(*info));
	info->iface = RLM_VERSION_IFACE_RSI;
	info->requested = RLM_RSI_ABI_VERSION;
	rc = rlm_rsi_version(c, info->requested, &lower, &higher, &res);
	if (rc != 0 && rc != RLM_ERSI)
		return rc;
	info->answered = true;
	info->lower = lower;
	info->higher = higher;
	info->status = res.status;
	if (rc == 0)
		return 0;
	return res.status == RLM_RSI_ERROR_INPUT ? RLM_EVERSION : RLM_ERSI;
}

/* A bounded string builder (no libc in the core). */
struct sbuf_ {
	char *p;
	size_t len;
	size_t pos;
	bool trunc;
};

static void sb_putc_(struct sbuf_ *b, char ch)
{
	if (b->pos + 1 < b->len)
		b->p[b->pos++] = ch;
	else
		b->trunc = true;
	b->p[b->pos] = 0;
}

static void sb_puts_(struct sbuf_ *b, const char *s)
{
	while (*s)
		sb_putc_(b, *s++);
}

static void sb_putu_(struct sbuf_ *b, uint64_t v)
{
	char d[20];
	unsigned int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		sb_putc_(b, d[--n]);
}

static void sb_putver_(struct sbuf_ *b, uint64_t v)
{
	sb_putu_(b, RLM_RMI_ABI_VERSION_GET_MAJOR(v));
	sb_putc_(b, '.');
	sb_putu_(b, RLM_RMI_ABI_VERSION_GET_MINOR(v));
}

int rlm_version_describe(const struct rlm_version_info *info, char *buf,
			 size_t len)
{
	/* the status meaning "not this version", per interface */
	static const uint8_t refused[2] = { RLM_RMI_ERROR_INPUT, RLM_RSI_ERROR_INPUT };
	struct sbuf_ b = { buf, len, 0, false };
	bool rsi;
	const char *iface;

	if (!info || !buf || !len)
		return RLM_EINVAL;
	rsi = info->iface == RLM_VERSION_IFACE_RSI;
	iface = rsi ? "RSI" : "RMI";
	buf[0] = 0;
	if (!info->answered) {
		sb_puts_(&b, "no RMM answered ");
		sb_puts_(&b, iface);
		sb_puts_(&b, "_VERSION");
	} else if (info->status == 0 || info->status == refused[rsi]) {
		sb_puts_(&b, "RMM implements ");
		sb_puts_(&b, iface);
		sb_putc_(&b, ' ');
		sb_putver_(&b, info->lower);
		sb_puts_(&b, "..");
		sb_putver_(&b, info->higher);
	} else {
		sb_puts_(&b, "RMM answered ");
		sb_puts_(&b, iface);
		sb_puts_(&b, "_VERSION with ");
		sb_puts_(&b, rsi ? rlm_rsi_status_name(info->status)
				 : rlm_rmi_status_name(info->status));
	}
	sb_puts_(&b, "; librealm speaks ");
	sb_putver_(&b, info->requested);
	if (info->answered && info->status == 0)
		sb_puts_(&b, " (compatible)");
	return b.trunc ? RLM_ENOSPC : 0;
}
