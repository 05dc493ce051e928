/*
 * What every part of the command-line tool shares: error reports and exit
 * codes, number parsing, strings kept for the run, input files, the client
 * and JSON output.
 */
#ifndef GOSENDAPI_CLI_UTIL_H
#define GOSENDAPI_CLI_UTIL_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"

/* Print "gosendapi: <message>" to stderr and return CLI_EXIT_USAGE, with a
 * hint to the command's --help. */
int cli_usage(const cli_ctx *ctx, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        ;

/* Report a failed library call (frees e) and return its exit code. */
int cli_fail(const cli_ctx *ctx, int rc, gosend_error *e);
/* Print the error line(s) of cli_fail without freeing e. */
void cli_report(const cli_ctx *ctx, int rc, const gosend_error *e);
/* Print text from the server or the library: the API key masked, control
 * characters as '?'. No newline. */
void cli_put_text(const cli_ctx *ctx, FILE *f, const char *s);
/* A malloc'd copy of s with the API key masked and bytes that are not
 * UTF-8 replaced by U+FFFD, fit for a JSON string; NULL when out of
 * memory. */
char *cli_clean_copy(const cli_ctx *ctx, const char *s);
/* The exit code of a gosend_error_code. */
int cli_exit_code(int rc);

/* Parse numbers; on error print a usage message and return
 * CLI_EXIT_USAGE. */
int cli_parse_long(const cli_ctx *ctx, const char *flag, const char *s,
                   long min, long max, long *out);
int cli_parse_double(const cli_ctx *ctx, const char *flag, const char *s,
                     double min, double max, double *out);

/* Keep a malloc'd string until the end of the run; returns it (NULL when
 * s is NULL or memory ran out). */
char *cli_own(cli_ctx *ctx, char *s);
void cli_free_owned(cli_ctx *ctx);

/* Read a whole file ("-": stdin) as bytes, NUL-terminated. Returns 0, or
 * CLI_EXIT_USAGE with a message printed. *out is malloc'd. */
int cli_read_input(const cli_ctx *ctx, const char *path, char **out,
                   size_t *len);

/* Make ctx->client from the client options and the environment. Returns 0
 * or an exit code (message printed). */
int cli_client_open(cli_ctx *ctx);
/* The same, starting from `opts` (initialised with
 * GOSEND_CLIENT_OPTIONS_INIT, with the command's own settings, such as
 * `rate_per_second`); the client options of the run are applied over it. */
int cli_client_open_with(cli_ctx *ctx, const gosend_client_options *opts);
/* Per-call options for the run (Idempotency-Key). */
const gosend_request_options *cli_ropts(const cli_ctx *ctx);

/* Print a JSON text on its own (a trailing newline is added when missing).
 */
void cli_print_json(const char *json);
/* Print a JSON text on one line (insignificant whitespace removed). */
void cli_print_json_line(const char *json);

#endif
