/*
 * `--limiter URL` / $GOSENDAPI_LIMITER: a limiter shared between
 * processes (libgosendapi-redis when the program is built with it).
 */
#include "limiter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef GOSENDAPI_CLI_REDIS
#include <gosendapi/redis.h>
#endif

#include "util.h"

#ifdef GOSENDAPI_CLI_REDIS
/* The limiter's warnings and errors, always shown. */
static void limiter_log(int level, const char *line, void *payload)
{
	const cli_ctx *ctx = payload;

	fprintf(stderr, "%s: [%s] ", ctx->prog,
	        level <= GOSEND_LOG_ERROR ? "error" : "warn");
	cli_put_text(ctx, stderr, line);
	fputc('\n', stderr);
}

static int open_redis(cli_ctx *ctx, const char *url, const char *key,
                      double rate)
{
	gosend_redis_limiter_options o = GOSEND_REDIS_LIMITER_OPTIONS_INIT;
	gosend_error *e = NULL;
	int rc;

	o.url = url;
	o.api_key = key;
	o.rate_per_second =
	        rate > 0 ? rate : (gosend_api_key_is_test(key) ? 10 : 100);
	o.log = limiter_log;
	o.log_payload = ctx;
	rc = gosend_redis_limiter_new(&ctx->limiter, &o, &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	return 0;
}
#endif

int cli_limiter_open(cli_ctx *ctx, const char *url, const char *key,
                     double rate)
{
	if (!url)
		url = getenv("GOSENDAPI_LIMITER");
	if (!url || !*url)
		return 0;
	if (!key || !*key)
		return 0; /* the client's own check says what is missing */
	if (strncmp(url, "redis://", 8) != 0)
		return cli_usage(ctx,
		                 "--limiter/GOSENDAPI_LIMITER: a "
		                 "redis://[:password@]host[:port][/db] URL "
		                 "expected");
#ifdef GOSENDAPI_CLI_REDIS
	return open_redis(ctx, url, key, rate);
#else
	(void)rate;
	return cli_usage(ctx, "--limiter/GOSENDAPI_LIMITER: this gosendapi "
	                      "was built without Redis support (hiredis)");
#endif
}

void cli_limiter_close(cli_ctx *ctx)
{
	gosend_limiter_free(ctx->limiter);
	ctx->limiter = NULL;
}
