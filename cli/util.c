/*
 * What every handler shares: the client, error reporting and exit codes,
 * JSON output, input files, and the generic get / list runners.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* Print text from the server or the library without control characters,
 * so that a hostile message cannot drive the terminal. */
static void put_clean(FILE *f, const char *s)
{
	for (; s && *s; s++)
		fputc(((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s, f);
}

static void hint(const cli_ctx *ctx)
{
	if (ctx->cmd)
		fprintf(stderr, "Try '%s %s%s%s --help'.\n", ctx->prog,
		        ctx->cmd->group, ctx->cmd->verb ? " " : "",
		        ctx->cmd->verb ? ctx->cmd->verb : "");
	else
		fprintf(stderr, "Try '%s --help'.\n", ctx->prog);
}

int cli_usage(const cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		fprintf(stderr, "%s: ", ctx->prog);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	hint(ctx);
	return CLI_EXIT_USAGE;
}

int cli_exit_code(int rc)
{
	switch (rc) {
	case GOSEND_OK:
		return CLI_EXIT_OK;
	case GOSEND_EINVAL:
		return CLI_EXIT_USAGE;
	case GOSEND_ENETWORK:
	case GOSEND_ETIMEOUT:
	case GOSEND_ETLS:
		return CLI_EXIT_NETWORK;
	default:
		return CLI_EXIT_API;
	}
}

int cli_fail(const cli_ctx *ctx, int rc, gosend_error *e)
{
	fprintf(stderr, "%s: ", ctx->prog);
	if (!e) {
		fputs(gosend_strerror(rc), stderr);
	} else if (rc == GOSEND_EINVAL) {
		fputs("invalid ", stderr);
		put_clean(stderr, e->field ? e->field : "argument");
		fputs(": ", stderr);
		put_clean(stderr, e->message);
	} else if (e->http_status >= 300) {
		fprintf(stderr, "HTTP %ld: ", e->http_status);
		put_clean(stderr, e->message);
		if (e->field) {
			fputs(" (field ", stderr);
			put_clean(stderr, e->field);
			fputc(')', stderr);
		}
	} else {
		fprintf(stderr, "%s: ", gosend_strerror(rc));
		put_clean(stderr, e->message);
	}
	fputc('\n', stderr);
	if (e && ctx->verbose && e->request_id) {
		fprintf(stderr, "%s: request id ", ctx->prog);
		put_clean(stderr, e->request_id);
		fputc('\n', stderr);
	}
	gosend_error_free(e);
	return cli_exit_code(rc);
}

int cli_parse_long(const cli_ctx *ctx, const char *flag, const char *s,
                   long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max)
		return cli_usage(ctx,
		                 "%s: expected a whole number from %ld to "
		                 "%ld, got '%s'",
		                 flag, min, max, s);
	*out = v;
	return 0;
}

int cli_parse_double(const cli_ctx *ctx, const char *flag, const char *s,
                     double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v < min || v > max)
		return cli_usage(ctx,
		                 "%s: expected a number from %g to %g, "
		                 "got '%s'",
		                 flag, min, max, s);
	*out = v;
	return 0;
}

char *cli_own(cli_ctx *ctx, char *s)
{
	char **n;

	if (!s)
		return NULL;
	n = realloc(ctx->owned, (ctx->nowned + 1) * sizeof(*n));
	if (!n) {
		free(s);
		return NULL;
	}
	n[ctx->nowned++] = s;
	ctx->owned = n;
	return s;
}

void cli_free_owned(cli_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nowned; i++)
		free(ctx->owned[i]);
	free(ctx->owned);
	ctx->owned = NULL;
	ctx->nowned = 0;
}

int cli_read_input(const cli_ctx *ctx, const char *path, char **out,
                   size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t n = 0, cap = 0, got;
	int failed;

	*out = NULL;
	*len = 0;
	if (!f)
		return cli_usage(ctx, "cannot open '%s': %s", path,
		                 strerror(errno));
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				if (f != stdin)
					fclose(f);
				fprintf(stderr, "%s: out of memory\n",
				        ctx->prog);
				return CLI_EXIT_API;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	failed = ferror(f);
	if (f != stdin)
		fclose(f);
	if (failed) {
		free(buf);
		return cli_usage(ctx, "cannot read '%s'", path);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static void log_line(int level, const char *line, void *payload)
{
	static const char *const names[] = {"none", "error", "warn",
	                                    "info", "debug", "trace"};
	const cli_ctx *ctx = payload;

	fprintf(stderr, "%s: [%s] ", ctx->prog,
	        level >= 0 && level <= GOSEND_LOG_TRACE ? names[level] : "?");
	put_clean(stderr, line);
	fputc('\n', stderr);
}

int cli_client_open(cli_ctx *ctx)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_error *e = NULL;
	const char *key = ctx->api_key;
	const char *env_base = getenv("GOSENDAPI_BASE_URL");
	int rc;

	if (!key)
		key = getenv("GOSENDAPI_KEY");
	if (!key || !*key)
		return cli_usage(ctx, "no API key: set GOSENDAPI_KEY or pass "
		                      "--api-key (gsk_test_... or "
		                      "gsk_live_...)");
	o.base_url = ctx->base_url ? ctx->base_url
	                           : (env_base && *env_base ? env_base : NULL);
	o.user_agent = "gosendapi-cli/" GOSENDAPI_VERSION;
	if (ctx->timeout_ms > 0) {
		o.timeout_ms = ctx->timeout_ms;
		o.connect_timeout_ms = ctx->timeout_ms;
	}
	if (ctx->retries == 0)
		o.max_retries = GOSEND_NO_RETRIES;
	else if (ctx->retries > 0)
		o.max_retries = ctx->retries;
	if (ctx->verbose) {
		o.log = log_line;
		o.log_level = GOSEND_LOG_INFO;
		o.log_payload = ctx;
	}
	rc = gosend_client_new(&ctx->client, key, &o, &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	return 0;
}

const gosend_request_options *cli_ropts(const cli_ctx *ctx)
{
	return &ctx->ropts;
}

void cli_print_json(const char *json)
{
	size_t n = json ? strlen(json) : 0;

	if (!n) {
		/* A 2xx answer without a body. */
		fputs("{}\n", stdout);
		return;
	}
	fwrite(json, 1, n, stdout);
	if (json[n - 1] != '\n')
		fputc('\n', stdout);
}

void cli_print_json_line(const char *json)
{
	char *copy;

	if (!json || !*json) {
		fputs("{}\n", stdout);
		return;
	}
	copy = strdup(json);
	if (!copy) {
		/* Fall back to the text as received. */
		cli_print_json(json);
		return;
	}
	cJSON_Minify(copy);
	fputs(copy, stdout);
	fputc('\n', stdout);
	free(copy);
}

int cli_run_get(cli_ctx *ctx, const cli_args *a)
{
	const cli_get_ops *ops = ctx->cmd->data;
	cli_obj obj = {NULL, NULL, NULL};
	gosend_error *e = NULL;
	int rc;

	rc = ops->get(&obj, ctx->client, (const char *const *)a->argv,
	              cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(obj.raw_json);
	obj.free_fn(obj.p);
	return CLI_EXIT_OK;
}

static int run_all(cli_ctx *ctx, const cli_list_ops *ops, const char *parent)
{
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const char *raw;
	int rc;

	rc = ops->iter_new(&it, ctx->client, parent, cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	while ((rc = ops->iter_next(&raw, it, &e)) == 1)
		cli_print_json_line(raw);
	gosend_iter_free(it);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	return CLI_EXIT_OK;
}

int cli_run_list(cli_ctx *ctx, const cli_args *a)
{
	const cli_list_ops *ops = ctx->cmd->data;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	const char *parent = a->argc > 0 ? a->argv[0] : NULL;
	const char *page = cli_opt(a, OPT_PAGE);
	const char *per_page = cli_opt(a, OPT_PER_PAGE);
	cli_obj obj = {NULL, NULL, NULL};
	gosend_error *e = NULL;
	int rc;

	if (cli_has(a, OPT_ALL)) {
		if (page || per_page)
			return cli_usage(ctx, "--all walks every page: it "
			                      "takes no --page or --per-page");
		return run_all(ctx, ops, parent);
	}
	if (page &&
	    (rc = cli_parse_long(ctx, "--page", page, 1, 1000000000L, &p.page)))
		return rc;
	if (per_page && (rc = cli_parse_long(ctx, "--per-page", per_page, 1,
	                                     GOSEND_PER_PAGE_MAX, &p.per_page)))
		return rc;
	rc = ops->page(&obj, ctx->client, parent, &p, cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(obj.raw_json);
	obj.free_fn(obj.p);
	return CLI_EXIT_OK;
}
