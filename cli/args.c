/*
 * Option parsing: a command's option specs become one getopt_long table;
 * values are collected per option, client options go to the run context.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "util.h"

const cli_optspec cli_client_opts[] = {
        {"api-key", 0, 1, OPT_API_KEY, 0, "KEY",
         "API key (default: $GOSENDAPI_KEY)"},
        {"base-url", 0, 1, OPT_BASE_URL, 0, "URL",
         "API base URL (default: $GOSENDAPI_BASE_URL, else "
         "https://cloud.gosendapi.com/v1)"},
        {"idempotency-key", 0, 1, OPT_IDEMPOTENCY_KEY, 0, "KEY",
         "Idempotency-Key header of the request"},
        {"timeout", 0, 1, OPT_TIMEOUT, 0, "MS",
         "timeout of each HTTP attempt in milliseconds (default 30000)"},
        {"retries", 0, 1, OPT_RETRIES, 0, "N",
         "retries after a failed attempt, 0-20 (default 2)"},
        {"deadline", 0, 1, OPT_DEADLINE, 0, "MS",
         "most milliseconds a call may take, retries and waits included "
         "(default 90000; 0: no overall deadline)"},
        {"allow-insecure-http", 0, 0, OPT_ALLOW_INSECURE_HTTP, 0, NULL,
         "allow a plain http:// base URL to a host that is not "
         "loopback (the key then crosses the network in clear text)"},
        {"verbose", 'v', 0, OPT_VERBOSE, 0, NULL,
         "log each request to stderr (the key is redacted)"},
        CLI_OPT_END};

const cli_optspec cli_list_opts[] = {
        {"all", 0, 0, OPT_ALL, 0, NULL,
         "every item of every page, one JSON object per line"},
        {"page", 0, 1, OPT_PAGE, 0, "N", "page number, from 1"},
        {"per-page", 0, 1, OPT_PER_PAGE, 0, "N", "items per page, 1-100"},
        CLI_OPT_END};

static const cli_optspec help_opts[] = {
        {"help", 'h', 0, OPT_HELP, 0, NULL, "show this help"}, CLI_OPT_END};

static const cli_optspec global_only_opts[] = {
        {"version", 'V', 0, OPT_VERSION, 0, NULL, "print the version"},
        CLI_OPT_END};

/* Append the specs of `set` to `a`. */
static int add_specs(cli_args *a, const cli_optspec *set)
{
	for (; set && set->name; set++) {
		if (a->nspecs == CLI_MAX_SPECS)
			return -1;
		a->specs[a->nspecs++] = set;
	}
	return 0;
}

static int store(cli_args *a, const cli_ctx *ctx, size_t i, const char *v)
{
	const cli_optspec *s = a->specs[i];
	const char **nv;

	if (a->vals[i].n && !(s->flags & CLI_MULTI))
		return cli_usage(ctx, "--%s given more than once", s->name);
	nv = realloc(a->vals[i].v, (a->vals[i].n + 1) * sizeof(*nv));
	if (!nv) {
		fprintf(stderr, "%s: out of memory\n", ctx->prog);
		return CLI_EXIT_API;
	}
	nv[a->vals[i].n++] = v;
	a->vals[i].v = nv;
	return 0;
}

int cli_apply_client_opt(cli_ctx *ctx, int key, const char *value)
{
	long n;
	int rc;

	switch (key) {
	case OPT_API_KEY:
		if (ctx->api_key)
			return cli_usage(ctx, "--api-key given more than once");
		ctx->api_key = value;
		return 0;
	case OPT_BASE_URL:
		if (ctx->base_url)
			return cli_usage(ctx,
			                 "--base-url given more than once");
		ctx->base_url = value;
		return 0;
	case OPT_IDEMPOTENCY_KEY:
		if (ctx->idempotency_key)
			return cli_usage(
			        ctx, "--idempotency-key given more than once");
		ctx->idempotency_key = value;
		return 0;
	case OPT_TIMEOUT:
		rc = cli_parse_long(ctx, "--timeout", value, 1, 86400000L, &n);
		if (rc)
			return rc;
		ctx->timeout_ms = n;
		return 0;
	case OPT_RETRIES:
		rc = cli_parse_long(ctx, "--retries", value, 0, 20, &n);
		if (rc)
			return rc;
		ctx->retries = (int)n;
		return 0;
	case OPT_DEADLINE:
		if (ctx->deadline_ms)
			return cli_usage(ctx,
			                 "--deadline given more than once");
		rc = cli_parse_long(ctx, "--deadline", value, 0, 86400000L, &n);
		if (rc)
			return rc;
		ctx->deadline_ms = n ? n : -1;
		return 0;
	case OPT_ALLOW_INSECURE_HTTP:
		ctx->allow_insecure_http = 1;
		return 0;
	case OPT_VERBOSE:
		ctx->verbose = 1;
		return 0;
	default:
		return -1; /* not a client option */
	}
}

/* One getopt_long pass over argv with the specs in `a`. `permute`: allow
 * options after positional arguments (else stop at the first one). */
static int parse(cli_args *a, cli_ctx *ctx, int argc, char **argv, int permute)
{
	struct option longopts[CLI_MAX_SPECS + 1];
	char optstring[2 * CLI_MAX_SPECS + 2];
	size_t i, k = 0;
	int c;

	/* '+': stop at the first positional argument (the subcommand);
	 * without it GNU getopt permutes, so options may follow arguments. */
	if (!permute)
		optstring[k++] = '+';
	for (i = 0; i < a->nspecs; i++) {
		const cli_optspec *s = a->specs[i];
		longopts[i].name = s->name;
		longopts[i].has_arg =
		        s->has_arg ? required_argument : no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = s->key;
		if (s->shortopt) {
			optstring[k++] = (char)s->shortopt;
			if (s->has_arg)
				optstring[k++] = ':';
		}
	}
	memset(&longopts[a->nspecs], 0, sizeof(longopts[0]));
	optstring[k] = '\0';

	/* Start afresh: 0 makes glibc re-read the optstring's mode. */
#ifdef __GLIBC__
	optind = 0;
#else
	optind = 1;
#endif
	opterr = 1;
	while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
		int rc;

		if (c == '?' || c == ':')
			return cli_usage(ctx, NULL);
		for (i = 0; i < a->nspecs; i++)
			if (a->specs[i]->key == c || a->specs[i]->shortopt == c)
				break;
		if (i == a->nspecs)
			return cli_usage(ctx, NULL);
		if (c == OPT_HELP || a->specs[i]->key == OPT_HELP)
			return CLI_EXIT_HELP;
		rc = cli_apply_client_opt(ctx, a->specs[i]->key, optarg);
		if (rc > 0)
			return rc;
		if (rc < 0) {
			rc = store(a, ctx, i,
			           a->specs[i]->has_arg ? optarg : "1");
			if (rc)
				return rc;
		}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	return 0;
}

int cli_global_parse(cli_args *a, cli_ctx *ctx, int argc, char **argv)
{
	memset(a, 0, sizeof(*a));
	add_specs(a, cli_client_opts);
	add_specs(a, global_only_opts);
	add_specs(a, help_opts);
	return parse(a, ctx, argc, argv, 0);
}

int cli_args_parse(cli_args *a, cli_ctx *ctx, const cli_cmd *cmd, int argc,
                   char **argv)
{
	size_t i;
	int rc;

	memset(a, 0, sizeof(*a));
	if (add_specs(a, cmd->opts) ||
	    ((cmd->flags & CLI_LIST_OPTS) && add_specs(a, cli_list_opts)) ||
	    ((cmd->flags & CLI_NEEDS_CLIENT) &&
	     add_specs(a, cli_client_opts)) ||
	    add_specs(a, help_opts)) {
		fprintf(stderr, "%s: too many options\n", ctx->prog);
		return CLI_EXIT_API;
	}
	rc = parse(a, ctx, argc, argv, 1);
	if (rc)
		return rc;
	for (i = 0; i < a->nspecs; i++)
		if ((a->specs[i]->flags & CLI_REQUIRED) && !a->vals[i].n)
			return cli_usage(ctx, "missing --%s",
			                 a->specs[i]->name);
	if (a->argc < cmd->nargs)
		return cli_usage(ctx, "missing argument%s: %s",
		                 cmd->nargs - a->argc > 1 ? "s" : "",
		                 cmd->synopsis);
	if (a->argc > cmd->nargs)
		return cli_usage(ctx, "unexpected argument '%s'",
		                 a->argv[cmd->nargs]);
	return 0;
}

void cli_args_free(cli_args *a)
{
	size_t i;

	for (i = 0; i < a->nspecs; i++)
		free(a->vals[i].v);
	memset(a, 0, sizeof(*a));
}

static size_t find(const cli_args *a, int key)
{
	size_t i;

	for (i = 0; i < a->nspecs; i++)
		if (a->specs[i]->key == key)
			return i;
	return (size_t)-1;
}

const char *cli_opt(const cli_args *a, int key)
{
	size_t i = find(a, key);

	if (i == (size_t)-1 || !a->vals[i].n)
		return NULL;
	return a->vals[i].v[a->vals[i].n - 1];
}

const char *const *cli_opt_all(const cli_args *a, int key, size_t *n)
{
	size_t i = find(a, key);

	if (i == (size_t)-1 || !a->vals[i].n) {
		*n = 0;
		return NULL;
	}
	*n = a->vals[i].n;
	return a->vals[i].v;
}

int cli_has(const cli_args *a, int key)
{
	return cli_opt(a, key) != NULL;
}

/* ---- help ---- */

void cli_wrap(FILE *f, int col, int indent, const char *text)
{
	const int width = 79;

	while (*text) {
		size_t w = strcspn(text, " ");

		if (col > indent && col + 1 + (int)w > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fwrite(text, 1, w, f);
		col += (int)w;
		text += w;
		while (*text == ' ')
			text++;
	}
	fputc('\n', f);
}

static void print_opt(const cli_optspec *s)
{
	char left[64], help[256];
	int n;

	if (s->shortopt)
		n = snprintf(left, sizeof left, "  -%c, --%s%s%s", s->shortopt,
		             s->name, s->metavar ? " " : "",
		             s->metavar ? s->metavar : "");
	else
		n = snprintf(left, sizeof left, "      --%s%s%s", s->name,
		             s->metavar ? " " : "",
		             s->metavar ? s->metavar : "");
	snprintf(help, sizeof help, "%s%s%s", s->help,
	         (s->flags & CLI_MULTI) ? " (repeatable)" : "",
	         (s->flags & CLI_REQUIRED) ? " (required)" : "");
	if (n >= 28) {
		printf("%s\n%30s", left, "");
	} else {
		printf("%-30s", left);
	}
	cli_wrap(stdout, 30, 30, help);
}

static void print_opts(const char *title, const cli_optspec *set)
{
	printf("\n%s:\n", title);
	for (; set && set->name; set++)
		print_opt(set);
}

void cli_print_cmd_help(const cli_ctx *ctx, const cli_cmd *cmd)
{
	printf("Usage: %s %s%s%s%s%s [OPTIONS]\n\n", ctx->prog, cmd->group,
	       cmd->verb ? " " : "", cmd->verb ? cmd->verb : "",
	       cmd->synopsis[0] ? " " : "", cmd->synopsis);
	cli_wrap(stdout, 0, 0, cmd->summary);
	if (cmd->opts && cmd->opts->name)
		print_opts("Options", cmd->opts);
	if (cmd->flags & CLI_LIST_OPTS)
		print_opts("Paging", cli_list_opts);
	if (cmd->flags & CLI_NEEDS_CLIENT)
		print_opts("Client options (also accepted before the command)",
		           cli_client_opts);
	print_opts("Other", help_opts);
	if (cmd->help)
		printf("\n%s", cmd->help);
}

void cli_print_global_opts(void)
{
	print_opts("Global options", cli_client_opts);
	print_opt(&global_only_opts[0]);
	print_opt(&help_opts[0]);
}
