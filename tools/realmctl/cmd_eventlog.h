/* SPDX-License-Identifier: BSD-3-Clause */
/* realmctl: event-log helpers shared by cmd_eventlog.c and cmd_measure.c. */
#ifndef REALMCTL_CMD_EVENTLOG_H
#define REALMCTL_CMD_EVENTLOG_H

#include "realmctl.h"

#define EVL_MAX_IMAGES 16

/* Images given with --image, matched to blob events by digest. */
struct evl_images {
	unsigned int n;
	const char *path[EVL_MAX_IMAGES];
	uint8_t *data[EVL_MAX_IMAGES];
	size_t len[EVL_MAX_IMAGES];
};

/* 0, or CLI_USAGE after printing why. */
int evl_images_add(struct evl_images *im, const char *path);
void evl_images_free(struct evl_images *im);
/* Replay options that look images up in im. */
void evl_opts(struct rlm_tcg_replay_opts *o, struct evl_images *im, bool pcr);
/* Print a parse/replay error about path; returns CLI_USAGE. */
int evl_report(const char *path, int rc, const struct rlm_tcg_error *err);

#endif
