/*
 * gosendapi: command-line client of the GoSendAPI Cloud REST API.
 *
 *   gosendapi [GLOBAL OPTIONS] GROUP [VERB] [ARGS] [OPTIONS]
 *
 * Global options are parsed up to the first argument that is not an
 * option (the group); the command is looked up in the command tables and
 * its own options are parsed with a fresh getopt_long pass.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "limiter.h"
#include "util.h"

static const cli_cmd *const tables[] = {cli_cmds_resources, cli_cmds_messages,
                                        cli_cmds_webhooks, cli_cmds_admin};

#define NTABLES (sizeof(tables) / sizeof(tables[0]))

/* Loop over every command of every table, in order. */
#define FOR_EACH_CMD(c)                         \
	for (size_t t_ = 0; t_ < NTABLES; t_++) \
		for (const cli_cmd *c = tables[t_]; c->group; c++)

static int group_exists(const char *group)
{
	FOR_EACH_CMD(c)
	{
		if (strcmp(c->group, group) == 0)
			return 1;
	}
	return 0;
}

static const cli_cmd *find_cmd(const char *group, const char *verb)
{
	FOR_EACH_CMD(c)
	{
		if (strcmp(c->group, group) == 0 &&
		    ((!c->verb && !verb) ||
		     (c->verb && verb && strcmp(c->verb, verb) == 0)))
			return c;
	}
	return NULL;
}

static void print_cmd_line(FILE *f, const cli_cmd *c)
{
	char left[64];

	snprintf(left, sizeof left, "%s%s%s%s%s", c->group, c->verb ? " " : "",
	         c->verb ? c->verb : "", c->synopsis[0] ? " " : "",
	         c->synopsis);
	if (strlen(left) > 34)
		fprintf(f, "  %s\n%38s", left, "");
	else
		fprintf(f, "  %-34s  ", left);
	cli_wrap(f, 38, 38, c->summary);
}

static void print_group(FILE *f, const char *prog, const char *group)
{
	fprintf(f, "Usage: %s %s COMMAND [ARGS] [OPTIONS]\n\nCommands:\n", prog,
	        group);
	FOR_EACH_CMD(c)
	{
		if (strcmp(c->group, group) == 0)
			print_cmd_line(f, c);
	}
	fprintf(f, "\nRun '%s %s COMMAND --help' for a command's options.\n",
	        prog, group);
}

static void print_main_help(const char *prog)
{
	printf("Usage: %s [GLOBAL OPTIONS] COMMAND [ARGS] [OPTIONS]\n"
	       "\n"
	       "Command-line client of the GoSendAPI Cloud REST API "
	       "(WhatsApp messaging).\n"
	       "Results are printed as JSON on stdout; errors go to "
	       "stderr.\n"
	       "\n"
	       "Commands:\n",
	       prog);
	FOR_EACH_CMD(c)
	{
		print_cmd_line(stdout, c);
	}
	cli_print_global_opts();
	printf("\n"
	       "Environment:\n"
	       "  GOSENDAPI_KEY             API key (gsk_test_... or "
	       "gsk_live_...)\n"
	       "  GOSENDAPI_BASE_URL        API base URL\n"
	       "  GOSENDAPI_WEBHOOK_SECRET  secret for webhooks sign and "
	       "verify\n"
	       "\n"
	       "Exit status: 0 success, 1 API error (HTTP error, bad answer, "
	       "signature\n"
	       "mismatch, list pages that do not progress), 2 usage error "
	       "(also input the\n"
	       "library refuses), 3 network error, timeout (also --deadline) "
	       "or TLS failure.\n"
	       "\n"
	       "Run '%s COMMAND --help' for a command's options.\n",
	       prog);
}

/* gosendapi help [GROUP [VERB]] */
static int run_help(const char *prog, int argc, char **argv)
{
	const cli_cmd *c;
	cli_ctx ctx;

	if (argc == 0) {
		print_main_help(prog);
		return CLI_EXIT_OK;
	}
	memset(&ctx, 0, sizeof ctx);
	ctx.prog = prog;
	c = find_cmd(argv[0], argc > 1 ? argv[1] : NULL);
	if (c && argc <= 2) {
		cli_print_cmd_help(&ctx, c);
		return CLI_EXIT_OK;
	}
	if (argc == 1 && group_exists(argv[0])) {
		print_group(stdout, prog, argv[0]);
		return CLI_EXIT_OK;
	}
	fprintf(stderr, "%s: no help for '%s%s%s'\n", prog, argv[0],
	        argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
	return CLI_EXIT_USAGE;
}

static int is_help_flag(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* Find the command named by argv (group, then verb when the group has
 * verbs); *skip gets the number of words used minus one. Prints the
 * problem and returns NULL on failure with *rc set. */
static const cli_cmd *resolve(const cli_ctx *ctx, int argc, char **argv,
                              int *skip, int *rc)
{
	const char *group = argv[0];
	const cli_cmd *c;

	*skip = 0;
	if (!group_exists(group)) {
		*rc = cli_usage(ctx, "unknown command '%s'", group);
		return NULL;
	}
	c = find_cmd(group, NULL);
	if (c)
		return c;
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && is_help_flag(argv[1])) {
			print_group(stdout, ctx->prog, group);
			*rc = CLI_EXIT_HELP;
			return NULL;
		}
		fprintf(stderr, "%s: '%s' needs a subcommand\n", ctx->prog,
		        group);
		print_group(stderr, ctx->prog, group);
		*rc = CLI_EXIT_USAGE;
		return NULL;
	}
	c = find_cmd(group, argv[1]);
	if (!c) {
		fprintf(stderr, "%s: unknown command '%s %s'\n", ctx->prog,
		        group, argv[1]);
		print_group(stderr, ctx->prog, group);
		*rc = CLI_EXIT_USAGE;
		return NULL;
	}
	*skip = 1;
	return c;
}

static int run(cli_ctx *ctx, int argc, char **argv)
{
	cli_args g, a;
	const cli_cmd *cmd;
	char name[128];
	int rc, skip;

	rc = cli_global_parse(&g, ctx, argc, argv);
	if (rc == CLI_EXIT_HELP) {
		cli_args_free(&g);
		print_main_help(ctx->prog);
		return CLI_EXIT_OK;
	}
	if (rc) {
		cli_args_free(&g);
		return rc;
	}
	if (cli_has(&g, OPT_VERSION)) {
		cli_args_free(&g);
		printf("gosendapi %s (libgosendapi %s)\n", GOSENDAPI_VERSION,
		       gosend_version());
		return CLI_EXIT_OK;
	}
	argc = g.argc;
	argv = g.argv;
	cli_args_free(&g);
	if (argc == 0)
		return cli_usage(ctx, "missing command");
	if (strcmp(argv[0], "help") == 0)
		return run_help(ctx->prog, argc - 1, argv + 1);

	cmd = resolve(ctx, argc, argv, &skip, &rc);
	if (!cmd)
		return rc == CLI_EXIT_HELP ? CLI_EXIT_OK : rc;
	ctx->cmd = cmd;
	argc -= skip;
	argv += skip;
	/* getopt_long names the command in its messages. */
	snprintf(name, sizeof name, "%s %s%s%s", ctx->prog, cmd->group,
	         cmd->verb ? " " : "", cmd->verb ? cmd->verb : "");
	argv[0] = name;

	rc = cli_args_parse(&a, ctx, cmd, argc, argv);
	if (rc == CLI_EXIT_HELP) {
		cli_print_cmd_help(ctx, cmd);
		rc = CLI_EXIT_OK;
	} else if (rc == 0) {
		ctx->ropts.idempotency_key = ctx->idempotency_key;
		if (cmd->flags & CLI_LIMITED)
			rc = cli_limiter_open(ctx, cli_opt(&a, OPT_LIMITER),
			                      ctx->api_key
			                              ? ctx->api_key
			                              : getenv("GOSENDAPI_KEY"),
			                      0);
		if (rc == 0 && (cmd->flags & CLI_NEEDS_CLIENT))
			rc = cli_client_open(ctx);
		if (rc == 0)
			rc = cmd->run(ctx, &a);
	}
	cli_args_free(&a);
	return rc;
}

int main(int argc, char **argv)
{
	gosend_request_options ropts = GOSEND_REQUEST_OPTIONS_INIT;
	cli_ctx ctx;
	int rc;

	memset(&ctx, 0, sizeof ctx);
	ctx.prog = "gosendapi";
	ctx.retries = -1;
	ctx.ropts = ropts;
	if (argc < 1)
		return CLI_EXIT_USAGE;
	argv[0] = (char *)ctx.prog; /* for getopt_long's messages */
	if (gosend_global_init() < 0) {
		fprintf(stderr, "%s: cannot initialise libcurl\n", ctx.prog);
		return CLI_EXIT_API;
	}
	rc = run(&ctx, argc, argv);
	gosend_client_free(ctx.client);
	cli_limiter_close(&ctx);
	cli_free_owned(&ctx);
	gosend_global_shutdown();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output\n", ctx.prog);
		if (rc == CLI_EXIT_OK)
			rc = CLI_EXIT_API;
	}
	return rc;
}
