/*
 * Internal interface of the gosendapi command-line tool.
 *
 * The tool is a table of commands (group, verb, positional arguments,
 * options, handler). main.c parses the global options and finds the
 * command; args.c turns the command's option specs into a getopt_long
 * table and collects the values; util.c holds what every handler shares
 * (client, request options, error report and exit code, JSON output, file
 * and stdin reading, and the generic "get one object" and "list a page or
 * everything" runners). The cmd_*.c files hold the handlers and the
 * command tables of each group.
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
	/* templates create */
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
	gosend_request_options ropts;
	/* strings allocated during the run, freed at the end */
	char **owned;
	size_t nowned;
} cli_ctx;

/* Command flags. */
enum {
	CLI_NEEDS_CLIENT = 1, /* takes the client options; a client is made */
	CLI_LIST_OPTS = 2     /* takes --all, --page and --per-page */
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

/* ---- args.c ---- */

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

/* ---- util.c ---- */

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
/* Per-call options for the run (Idempotency-Key). */
const gosend_request_options *cli_ropts(const cli_ctx *ctx);

/* Print a JSON text on its own (a trailing newline is added when missing).
 */
void cli_print_json(const char *json);
/* Print a JSON text on one line (insignificant whitespace removed). */
void cli_print_json_line(const char *json);

/* A library object whose JSON text is printed, with its free function. */
typedef struct cli_obj {
	void *p;
	const char *raw_json;
	void (*free_fn)(void *p);
} cli_obj;

/* Fetch one object; `ids` are the command's positional arguments. */
typedef int (*cli_get_fn)(cli_obj *out, gosend_client *c,
                          const char *const *ids,
                          const gosend_request_options *o, gosend_error **e);
typedef struct cli_get_ops {
	cli_get_fn get;
} cli_get_ops;

/* Fetch one page; `parent` is the first positional argument or NULL. */
typedef int (*cli_page_fn)(cli_obj *out, gosend_client *c, const char *parent,
                           const gosend_list_params *p,
                           const gosend_request_options *o, gosend_error **e);
typedef int (*cli_iter_new_fn)(gosend_iter **out, gosend_client *c,
                               const char *parent,
                               const gosend_request_options *o,
                               gosend_error **e);
/* Next item of an iterator: its JSON text in *raw_json; returns 1, 0 at the
 * end, or a negative gosend_error_code. */
typedef int (*cli_iter_next_fn)(const char **raw_json, gosend_iter *it,
                                gosend_error **e);
typedef struct cli_list_ops {
	cli_page_fn page;
	cli_iter_new_fn iter_new;
	cli_iter_next_fn iter_next;
} cli_list_ops;

/* Print {"deleted":true,"id":ID} (delete calls return no object). */
int cli_print_deleted(const char *id);

/* Handlers: `data` of the command is a cli_get_ops / cli_list_ops. */
int cli_run_get(cli_ctx *ctx, const cli_args *a);
int cli_run_list(cli_ctx *ctx, const cli_args *a);

/*
 * Adapters from the library's typed calls to the generic runners. `call` is
 * the library call written with the adapter's parameter names: `r` (the
 * result pointer), `c` (client), `id` (positional arguments), `o` (request
 * options), `e` (error); for lists `l`, `parent`, `p` (page parameters) and
 * `it`, `x` (the current item) in the iterator calls.
 */
#define CLI_GET_ADAPTER(name, T, free_call, call)                              \
	static void name##_free(void *r)                                       \
	{                                                                      \
		free_call((T *)r);                                             \
	}                                                                      \
	static int name(cli_obj *out, gosend_client *c, const char *const *id, \
	                const gosend_request_options *o, gosend_error **e)     \
	{                                                                      \
		T *r = NULL;                                                   \
		int rc;                                                        \
		(void)id;                                                      \
		rc = (call);                                                   \
		if (rc == 0) {                                                 \
			out->p = r;                                            \
			out->raw_json = r->raw_json;                           \
			out->free_fn = name##_free;                            \
		}                                                              \
		return rc;                                                     \
	}                                                                      \
	static const cli_get_ops name##_ops = {name}

#define CLI_LIST_ADAPTER(name, T, LT, free_call, page_call, iter_call,        \
                         next_call)                                           \
	static void name##_free(void *l)                                      \
	{                                                                     \
		free_call((LT *)l);                                           \
	}                                                                     \
	static int name##_page(                                               \
	        cli_obj *out, gosend_client *c, const char *parent,           \
	        const gosend_list_params *p, const gosend_request_options *o, \
	        gosend_error **e)                                             \
	{                                                                     \
		LT *l = NULL;                                                 \
		int rc;                                                       \
		(void)parent;                                                 \
		rc = (page_call);                                             \
		if (rc == 0) {                                                \
			out->p = l;                                           \
			out->raw_json = l->raw_json;                          \
			out->free_fn = name##_free;                           \
		}                                                             \
		return rc;                                                    \
	}                                                                     \
	static int name##_iter(                                               \
	        gosend_iter **it, gosend_client *c, const char *parent,       \
	        const gosend_request_options *o, gosend_error **e)            \
	{                                                                     \
		(void)parent;                                                 \
		return (iter_call);                                           \
	}                                                                     \
	static int name##_next(const char **raw_json, gosend_iter *it,        \
	                       gosend_error **e)                              \
	{                                                                     \
		const T *x = NULL;                                            \
		int rc = (next_call);                                         \
		*raw_json = rc == 1 && x ? x->raw_json : NULL;                \
		return rc;                                                    \
	}                                                                     \
	static const cli_list_ops name##_ops = {name##_page, name##_iter,     \
	                                        name##_next}

#endif
