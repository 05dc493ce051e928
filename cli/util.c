/*
 * What every part shares: the client, error reporting and exit codes,
 * number parsing, strings kept for the run, input files and JSON output.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util.h"

/* Shortest API key masked in printed text ("gsk_test_" and one more). */
#define CLI_KEY_MASK_MIN 10

/* The masked form of an API key, as the library shows it: the first 9
 * characters ("gsk_test_"), "..." and, for a long key, the last 4. */
static void put_masked_key(FILE *f, const char *key)
{
	size_t n = strlen(key);

	fwrite(key, 1, n > 9 ? 9 : n, f);
	fputs("...", f);
	if (n > 17)
		fputs(key + n - 4, f);
}

/* Text from the server or the library is printed without control
 * characters, so that a hostile message cannot drive the terminal, and
 * without the API key, should a server echo it back (the library masks it
 * already; this is a second guard on every path the tool prints). */
void cli_put_text(const cli_ctx *ctx, FILE *f, const char *s)
{
	const char *key = ctx ? ctx->key : NULL;
	size_t klen = key ? strlen(key) : 0;

	if (klen < CLI_KEY_MASK_MIN)
		klen = 0; /* too short to tell from other text */
	while (s && *s) {
		if (klen && strncmp(s, key, klen) == 0) {
			put_masked_key(f, key);
			s += klen;
			continue;
		}
		fputc(((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s, f);
		s++;
	}
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

char *cli_clean_copy(const cli_ctx *ctx, const char *s)
{
	const char *key = ctx ? ctx->key : NULL;
	size_t klen = key ? strlen(key) : 0;

	if (klen < CLI_KEY_MASK_MIN)
		klen = 0; /* too short to tell from other text */
	size_t n = strlen(s), o = 0, step;
	/* a byte grows to at most 3 (U+FFFD); a masked key is shorter than
	 * 3 bytes per byte of the key */
	char *out = malloc(3 * n + 1);

	if (!out)
		return NULL;
	while (*s) {
		if (klen && strncmp(s, key, klen) == 0) {
			size_t kn = klen > 9 ? 9 : klen;
			memcpy(out + o, key, kn);
			o += kn;
			memcpy(out + o, "...", 3);
			o += 3;
			if (klen > 17) {
				memcpy(out + o, key + klen - 4, 4);
				o += 4;
			}
			s += klen;
			continue;
		}
		step = utf8_len((const unsigned char *)s);
		if (step) {
			memcpy(out + o, s, step);
			o += step;
			s += step;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			s++;
		}
	}
	out[o] = '\0';
	return out;
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
	case GOSEND_ETIMEOUT: /* an attempt or the whole call (--deadline) */
	case GOSEND_ETLS:
		return CLI_EXIT_NETWORK;
	case GOSEND_EPAGINATION: /* the server's pages do not progress */
		return CLI_EXIT_API;
	default:
		return CLI_EXIT_API;
	}
}

void cli_report(const cli_ctx *ctx, int rc, const gosend_error *e)
{
	fprintf(stderr, "%s: ", ctx->prog);
	if (!e) {
		fputs(gosend_strerror(rc), stderr);
	} else if (rc == GOSEND_EINVAL) {
		fputs("invalid ", stderr);
		cli_put_text(ctx, stderr, e->field ? e->field : "argument");
		fputs(": ", stderr);
		cli_put_text(ctx, stderr, e->message);
	} else if (e->http_status >= 300) {
		char prefix[32];
		const char *msg = e->message;

		/* the library's own text may name the status already */
		snprintf(prefix, sizeof prefix, "HTTP %ld: ", e->http_status);
		if (strncmp(msg, prefix, strlen(prefix)) == 0)
			msg += strlen(prefix);
		fputs(prefix, stderr);
		cli_put_text(ctx, stderr, msg);
		if (e->field) {
			fputs(" (field ", stderr);
			cli_put_text(ctx, stderr, e->field);
			fputc(')', stderr);
		}
	} else {
		fprintf(stderr, "%s: ", gosend_strerror(rc));
		cli_put_text(ctx, stderr, e->message);
	}
	fputc('\n', stderr);
	if (e && ctx->verbose && e->request_id) {
		fprintf(stderr, "%s: request id ", ctx->prog);
		cli_put_text(ctx, stderr, e->request_id);
		fputc('\n', stderr);
	}
}

int cli_fail(const cli_ctx *ctx, int rc, gosend_error *e)
{
	cli_report(ctx, rc, e);
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
	cli_put_text(ctx, stderr, line);
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
	if (ctx->deadline_ms < 0)
		o.deadline_ms = GOSEND_NO_DEADLINE;
	else if (ctx->deadline_ms > 0)
		o.deadline_ms = ctx->deadline_ms;
	o.allow_insecure_http = ctx->allow_insecure_http;
	o.limiter = ctx->limiter;
	if (ctx->verbose) {
		o.log = log_line;
		o.log_level = GOSEND_LOG_INFO;
		o.log_payload = ctx;
	}
	ctx->key = key;
	rc = gosend_client_new(&ctx->client, key, &o, &e);
	if (rc < 0) {
		int insecure = rc == GOSEND_EINVAL && e && e->field &&
		               strcmp(e->field, "base_url") == 0 &&
		               o.base_url &&
		               strncmp(o.base_url, "http://", 7) == 0 &&
		               !ctx->allow_insecure_http;
		rc = cli_fail(ctx, rc, e);
		if (insecure)
			fprintf(stderr,
			        "%s: plain http:// is only used for "
			        "localhost, 127.0.0.0/8 and [::1] unless "
			        "--allow-insecure-http is given (the API key "
			        "would cross the network in clear text)\n",
			        ctx->prog);
		return rc;
	}
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
