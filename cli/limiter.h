/*
 * The rate limiter of a command that sends (messages send, campaigns):
 * `--limiter URL`, else $GOSENDAPI_LIMITER, names a limiter shared by
 * every process that uses the key; neither: the client's own (none).
 */
#ifndef GOSENDAPI_CLI_LIMITER_H
#define GOSENDAPI_CLI_LIMITER_H

#include "cli.h"

/*
 * Make the limiter `url` names (NULL: $GOSENDAPI_LIMITER; NULL or empty
 * there too: *out NULL, nothing to do) for the API key `key`, and keep it
 * in ctx->limiter, which cli_client_open() gives to the client; the
 * program frees it after the client (cli_limiter_close()). Only
 * redis://... URLs exist: libgosendapi-redis (docs/scaling.md). The rate
 * stored for a new key is the plan's of the key's kind (10/s for
 * gsk_test_, 100/s for gsk_live_) unless `rate` > 0; a key already in
 * Redis keeps its stored rate. Warnings (Redis failed, stored values
 * differ) go to stderr. 0, or an exit code after a message.
 */
int cli_limiter_open(cli_ctx *ctx, const char *url, const char *key,
                     double rate);
/* Free ctx->limiter (after the client). */
void cli_limiter_close(cli_ctx *ctx);

#endif
