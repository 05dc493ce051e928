/*
 * Types of the gosendapi command-line tool: run context, parsed arguments,
 * option specs and commands.
 *
 * The tool is a table of commands (group, verb, positional arguments,
 * options, handler). main.c parses the global options and finds the
 * command; args.c turns the command's option specs into a getopt_long
 * table and collects the values; util.c holds what every part shares
 * (client, request options, error report and exit code, JSON output, file
 * and stdin reading); run.c holds the generic "get one object" and "list a
 * page or everything" handlers. The cmd_*.c files hold the handlers and the
 * command tables of each group. Each file uses only those listed before
 * it: util.c, then limiter.c, args.c, run.c, the cmd_*.c files and main.c.
 *
 * The program is single-threaded.
 */
#ifndef GOSENDAPI_CLI_H
#define GOSENDAPI_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <gosendapi/gosendapi.h>

/* Exit codes. */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_API = 1,     /* HTTP error, protocol error, bad signature,
	                         pages that do not progress */
	CLI_EXIT_USAGE = 2,   /* bad flags or arguments, GOSEND_EINVAL */
	CLI_EXIT_NETWORK = 3, /* network, timeout (also the deadline), TLS */
	CLI_EXIT_HELP = -1    /* internal: --help was given, exit 0 */
};

/* Option keys: getopt_long returns them; handlers look values up by them.
 * Every key is above the range of short option characters. */
enum cli_opt_key {
	OPT_HELP = 256,
	/* client options, accepted before and after the subcommand */
	OPT_API_KEY,
	OPT_BASE_URL,
	OPT_IDEMPOTENCY_KEY,
	OPT_TIMEOUT,
	OPT_RETRIES,
	OPT_DEADLINE,
	OPT_ALLOW_INSECURE_HTTP,
	OPT_VERBOSE,
	OPT_VERSION,
	/* lists */
	OPT_ALL,
	OPT_PAGE,
	OPT_PER_PAGE,
	/* messages send / media upload */
	OPT_FROM,
	OPT_TO,
	OPT_TEXT,
	OPT_PREVIEW_URL,
	OPT_TEMPLATE,
	OPT_LANGUAGE,
	OPT_PARAM,
	OPT_IMAGE,
	OPT_VIDEO,
	OPT_AUDIO,
	OPT_DOCUMENT,
	OPT_STICKER,
	OPT_FILE,
	OPT_MIME,
	OPT_TYPE,
	OPT_CAPTION,
	OPT_FILENAME,
	OPT_LATITUDE,
	OPT_LONGITUDE,
	OPT_NAME,
	OPT_ADDRESS,
	OPT_JSON,
	OPT_LIMITER,
	OPT_REPLY_TO,
	OPT_REPLY_BUTTON,
	OPT_CTA_URL,
	OPT_DISPLAY_TEXT,
	OPT_FLOW,
	OPT_LOCATION_REQUEST,
	OPT_HEADER_IMAGE,
	OPT_HEADER_VIDEO,
	OPT_HEADER_DOCUMENT,
	OPT_HEADER_FILENAME,
	OPT_BUTTON_URL,
	OPT_BUTTON_PAYLOAD,
	OPT_BUTTON_COPY_CODE,
	OPT_BUTTON_FLOW,
	OPT_BUTTON_FLOW_DATA,
	/* templates create (--header, --footer and --body also: interactive
	   messages) */
	OPT_CATEGORY,
	OPT_HEADER,
	OPT_HEADER_EXAMPLE,
	OPT_BODY,
	OPT_BODY_EXAMPLE,
	OPT_FOOTER,
	OPT_QUICK_REPLY,
	/* webhooks */
	OPT_URL,
	OPT_EVENT,
	OPT_EVENTS,
	OPT_PHONE_NUMBER_ID,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_SECRET,
	OPT_SIGNATURE,
	/* customers, setup links */
	OPT_EXTERNAL_ID,
	OPT_EMAIL,
	OPT_PHONE,
	OPT_METADATA,
	OPT_SUCCESS_URL,
	OPT_FAILURE_URL,
	OPT_EXPIRES_AT
};

/* Flags of an option spec. */
enum {
	CLI_MULTI = 1,   /* may be repeated; every value is kept */
	CLI_REQUIRED = 2 /* must be given */
};

/* One command-line option. */
typedef struct cli_optspec {
	const char *name; /* long name without "--" */
	int shortopt;     /* short option character, or 0 */
	int has_arg;      /* 0: flag, 1: takes a value */
	int key;          /* enum cli_opt_key */
	unsigned int flags;
	const char *metavar; /* name of the value in the help, e.g. "ID" */
	const char *help;
} cli_optspec;

/* End marker of an option spec array. */
#define CLI_OPT_END                          \
	{                                    \
		NULL, 0, 0, 0, 0, NULL, NULL \
	}

/* Most options one command can take, its own and the shared ones. */
#define CLI_MAX_SPECS 64

/* Parsed arguments of one command. */
typedef struct cli_args {
	const cli_optspec *specs[CLI_MAX_SPECS];
	size_t nspecs;
	struct {
		const char **v; /* values, pointing into argv */
		size_t n;
	} vals[CLI_MAX_SPECS];
	int argc;    /* positional arguments */
	char **argv; /* borrowed from main's argv */
} cli_args;

struct cli_cmd;

/* State of one run. */
typedef struct cli_ctx {
	const char *prog;
	const struct cli_cmd *cmd;
	const char *api_key;
	const char *base_url;
	const char *idempotency_key;
	long timeout_ms;  /* 0: the library's default */
	int retries;      /* -1: the library's default */
	long deadline_ms; /* 0: the library's default; -1: none */
	int allow_insecure_http;
	int verbose;
	const char *key; /* the API key the client uses, once it is made */
	gosend_client *client;
	/* the client's limiter (--limiter, cli/limiter.h), or NULL */
	gosend_limiter *limiter;
	gosend_request_options ropts;
	/* strings allocated during the run, freed at the end */
	char **owned;
	size_t nowned;
} cli_ctx;

/* Command flags. */
enum {
	CLI_NEEDS_CLIENT = 1, /* takes the client options; a client is made */
	CLI_LIST_OPTS = 2,    /* takes --all, --page and --per-page */
	CLI_LIMITED = 4       /* sends: its --limiter (OPT_LIMITER) or
	                         $GOSENDAPI_LIMITER limits the client */
};

typedef int (*cli_run_fn)(cli_ctx *ctx, const cli_args *a);

/* One subcommand. */
typedef struct cli_cmd {
	const char *group; /* e.g. "messages" */
	const char *verb;  /* e.g. "send"; NULL for a group without verbs */
	/* positional arguments, e.g. "WABA TEMPLATE_ID" */
	const char *synopsis;
	int nargs; /* exact number of positional arguments */
	unsigned int flags;
	const cli_optspec *opts; /* the command's own options, or NULL */
	cli_run_fn run;
	const void *data; /* handler data, e.g. a cli_get_ops */
	const char *summary;
	const char *help; /* longer text and examples, or NULL */
} cli_cmd;

/* Command tables, each ended by an entry with a NULL group. */
extern const cli_cmd cli_cmds_messages[];
extern const cli_cmd cli_cmds_resources[];
extern const cli_cmd cli_cmds_webhooks[];
extern const cli_cmd cli_cmds_admin[];

#endif
