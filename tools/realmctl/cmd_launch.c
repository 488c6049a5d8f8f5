/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl launch: plan a realm launch, predict its RIM without running
 * anything, run the plan on the mock RMM, compare the realm's RIM with the
 * prediction step by step, tear the realm down and count what came back.
 * The steps live in launch_*.c (see launch.h).
 */
#include <string.h>

#include "launch.h"

static int exit_code_(int step)
{
	switch (step) {
	case LAUNCH_BAD_USAGE:
		launch_usage();
		return CLI_USAGE;
	case LAUNCH_BAD_INPUT:
		return CLI_USAGE;
	default:
		return CLI_FAIL;
	}
}

int cmd_launch(int argc, char **argv)
{
	struct launch_opts o;
	struct launch_plan p;
	struct launch_result r;
	int ret;

	ret = launch_parse_args(argc, argv, &o);
	if (!ret)
		ret = launch_plan_build(&o, &p);
	if (!ret)
		ret = o.kvm_model ? launch_execute_kvm_model(&o, &p, &r) :
		      launch_execute_mock(&o, &p, &r);
	if (!ret)
		launch_print(&o, &p, &r);
	launch_opts_free(&o);
	if (ret)
		return exit_code_(ret);
	return r.match && !r.leaked ? CLI_OK : CLI_FAIL;
}
