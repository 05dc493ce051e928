/*
 * Option parsing of the command-line tool: a command's option specs become
 * one getopt_long table; values are collected per option, client options
 * go to the run context. Also the help text of options and commands.
 */
#ifndef GOSENDAPI_CLI_ARGS_H
#define GOSENDAPI_CLI_ARGS_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"

/* Options every client command accepts, before or after the subcommand. */
extern const cli_optspec cli_client_opts[];
/* --all, --page, --per-page. */
extern const cli_optspec cli_list_opts[];

/* Parse argv (argv[0] names the command) with the command's options.
 * Client options found are applied to ctx. Returns 0, CLI_EXIT_HELP or
 * CLI_EXIT_USAGE (message printed). Free with cli_args_free(). */
int cli_args_parse(cli_args *a, cli_ctx *ctx, const cli_cmd *cmd, int argc,
                   char **argv);
/* Parse the options before the subcommand (client options, --version,
 * --help); a->argc/argv get the rest, starting at the subcommand. */
int cli_global_parse(cli_args *a, cli_ctx *ctx, int argc, char **argv);
void cli_args_free(cli_args *a);

/* Apply a client option (from either position). Returns 0 or
 * CLI_EXIT_USAGE (message printed). */
int cli_apply_client_opt(cli_ctx *ctx, int key, const char *value);

/* The last value of an option, or NULL when not given. */
const char *cli_opt(const cli_args *a, int key);
/* Every value of a repeatable option; *n gets the count. */
const char *const *cli_opt_all(const cli_args *a, int key, size_t *n);
/* Whether an option was given. */
int cli_has(const cli_args *a, int key);

/* Print the help of a command to stdout. */
void cli_print_cmd_help(const cli_ctx *ctx, const cli_cmd *cmd);
/* Print text word-wrapped at 79 columns; the cursor is at `col`,
 * continuation lines start at `indent`. Ends the line. */
void cli_wrap(FILE *f, int col, int indent, const char *text);
/* Print the global options' help lines to stdout. */
void cli_print_global_opts(void);

#endif
