/* SPDX-License-Identifier: BSD-3-Clause */
/* realmctl: the librealm command-line tool. */
#include <string.h>

#include "realmctl.h"

static const struct cli_command commands[] = {
#define CLI_COMMAND(name, fn, summary) { #name, summary, fn },
#include "commands.def"
#undef CLI_COMMAND
	{ NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	const struct cli_command *c;

	fprintf(f, "usage: realmctl COMMAND [ARGS...]\n\ncommands:\n");
	for (c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\n'realmctl COMMAND --help' describes a command.\n");
}

int main(int argc, char **argv)
{
	const struct cli_command *c;

	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return CLI_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("realmctl (librealm) %d.%d\n", RLM_RMI_ABI_MAJOR_VERSION,
		       RLM_RMI_ABI_MINOR_VERSION);
		return CLI_OK;
	}
	for (c = commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->fn(argc - 1, argv + 1);
	cli_err("unknown command '%s' (try 'realmctl --help')", argv[1]);
	return CLI_USAGE;
}
