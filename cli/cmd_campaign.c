/*
 * campaign send | resume | status | report: a campaign file (CSV or JSON
 * lines) is loaded into a durable outbox (outbox.h), one SQLite file, and
 * sent from it; a run that stops (Ctrl-C, a crash, a reboot) is resumed
 * from the same file without sending anything twice.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <gosendapi/bulk.h>
#include <gosendapi/outbox.h>
#include <gosendapi/phone.h>

#include "args.h"
#include "csv.h"
#include "limiter.h"
#include "progress.h"
#include "util.h"

/* Longest row of a campaign file, in bytes: a message body is a few KiB;
 * a longer row is a bad row. */
#define CAMPAIGN_MAX_ROW 65536
/* Bad rows printed while loading (all of them are recorded). */
#define BAD_ROWS_SHOWN 20
/* Default time between two plain progress lines. */
#define PROGRESS_DEFAULT_S 5.0
/* Longest campaign name (outbox.h). */
#define CAMPAIGN_NAME_MAX 200
/* Exit status of a run stopped by a signal: 128 + the signal. */
#define EXIT_SIGNAL_BASE 128

/* ---- Ctrl-C ---- */

static gosend_outbox *volatile stop_outbox;
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	static const char msg[] =
	        "\ngosendapi: stopping (a message cut on the wire is sent "
	        "again, with its key, by 'campaign resume'; Ctrl-C again "
	        "quits at once)\n";
	gosend_outbox *ob = stop_outbox;

	stop_signal = sig;
	if (ob)
		gosend_outbox_cancel(ob);
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		return;
}

/* SIGINT and SIGTERM stop the run cleanly; a second one has the default
 * effect (the outbox keeps what was committed). */
static void catch_stop_signals(gosend_outbox *ob)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND | SA_RESTART;
	stop_outbox = ob;
	stop_signal = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void release_stop_signals(void)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	stop_outbox = NULL;
}

/* ---- shared pieces ---- */

#define DB_OPT                                                            \
	{                                                                 \
		"db", 0, 1, OPT_DB, CLI_REQUIRED, "FILE",                 \
		        "the campaign database (SQLite; created by send)" \
	}

/* Report a failed outbox call on the database `db` (frees e). */
static int store_fail(const cli_ctx *ctx, const char *db, int rc,
                      gosend_error *e)
{
	cli_report(ctx, rc, e);
	switch (rc) {
	case GOSEND_ESTORE_CORRUPT:
		fprintf(stderr,
		        "%s: '%s' is not a campaign database, or it is "
		        "damaged\n",
		        ctx->prog, db);
		break;
	case GOSEND_ESTORE_READONLY:
		fprintf(stderr,
		        "%s: '%s' or its directory cannot be written; "
		        "nothing stored was lost\n",
		        ctx->prog, db);
		break;
	case GOSEND_ESTORE_BUSY:
		fprintf(stderr,
		        "%s: '%s' is locked by another process (is a run of "
		        "this campaign going on?)\n",
		        ctx->prog, db);
		break;
	case GOSEND_ESTORE_FULL:
		fprintf(stderr,
		        "%s: the disk is full; nothing stored was lost: free "
		        "some space and resume\n",
		        ctx->prog);
		break;
	default:
		break;
	}
	gosend_error_free(e);
	return cli_exit_code(rc);
}

static int open_db(const cli_ctx *ctx, const char *db, int must_exist,
                   gosend_outbox **ob)
{
	gosend_outbox_options o = GOSEND_OUTBOX_OPTIONS_INIT;
	gosend_error *e = NULL;
	int rc;

	o.must_exist = must_exist;
	rc = gosend_outbox_open(ob, db, &o, &e);
	if (rc == GOSEND_ENOTFOUND) {
		gosend_error_free(e);
		fprintf(stderr, "%s: no campaign database '%s'\n", ctx->prog,
		        db);
		return CLI_EXIT_USAGE;
	}
	if (rc < 0)
		return store_fail(ctx, db, rc, e);
	return 0;
}

/* The name is given to the outbox as is; check it here for a clear
 * message before anything is stored. */
static int check_campaign_name(const cli_ctx *ctx, const char *name)
{
	size_t n = strlen(name), i;

	if (n == 0 || n > CAMPAIGN_NAME_MAX)
		return cli_usage(ctx, "--campaign: 1 to %d bytes",
		                 CAMPAIGN_NAME_MAX);
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return cli_usage(ctx, "--campaign: no control "
			                      "characters");
	return 0;
}

/* Counts of a campaign (or of every one); 0 or an exit code. */
static int counts_of(const cli_ctx *ctx, const char *db, gosend_outbox *ob,
                     const char *campaign, gosend_outbox_counts *c)
{
	gosend_error *e = NULL;
	int rc;

	memset(c, 0, sizeof(*c));
	c->struct_version = 1;
	rc = gosend_outbox_count(ob, campaign, c, &e);
	return rc < 0 ? store_fail(ctx, db, rc, e) : 0;
}

/* Add the counts of every state ("pending": N, ...) and "total" to o. */
static void add_counts(cJSON *o, const gosend_outbox_counts *c)
{
	int s;

	cJSON_AddNumberToObject(o, "total", (double)c->total);
	for (s = 0; s < GOSEND_OUTBOX_STATE_COUNT; s++)
		cJSON_AddNumberToObject(o, gosend_outbox_state_name(s),
		                        (double)c->by_state[s]);
}

/* Print a JSON object on one line and free it. */
static int print_object(const cli_ctx *ctx, cJSON *o)
{
	char *s = o ? cJSON_PrintUnformatted(o) : NULL;

	cJSON_Delete(o);
	if (!s) {
		fprintf(stderr, "%s: out of memory\n", ctx->prog);
		return CLI_EXIT_API;
	}
	fputs(s, stdout);
	fputc('\n', stdout);
	cJSON_free(s);
	return 0;
}

/* A word for a shell command line: as is when it is plain, else in
 * single quotes. */
static void put_shell_word(FILE *f, const char *s)
{
	const char *p;

	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW"
	                    "XYZ0123456789_-.,/:=+@%") == strlen(s)) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (p = s; *p; p++) {
		if (*p == '\'')
			fputs("'\\''", f);
		else
			fputc((unsigned char)*p < 0x20 ? '?' : *p, f);
	}
	fputc('\'', f);
}

static void say_how_to_resume(const cli_ctx *ctx, const char *db,
                              const char *campaign)
{
	fprintf(stderr, "%s: resume with: %s campaign resume --db ", ctx->prog,
	        ctx->prog);
	put_shell_word(stderr, db);
	if (campaign) {
		fputs(" --campaign ", stderr);
		put_shell_word(stderr, campaign);
	}
	fputc('\n', stderr);
}

/* ---- the client ---- */

/* Options shared by send and resume. */
#define CONCURRENCY_OPT                                          \
	{                                                        \
		"concurrency", 0, 1, OPT_CONCURRENCY, 0, "N",    \
		        "requests in flight, 1-256 (default 16)" \
	}
#define PROGRESS_OPT                                                      \
	{                                                                 \
		"progress", 0, 1, OPT_PROGRESS, 0, "SECONDS",             \
		        "off a terminal: seconds between progress lines " \
		        "on stderr (default 5; 0: only the last)"         \
	}
#define RATE_OPT                                                           \
	{                                                                  \
		"rate", 0, 1, OPT_RATE, 0, "N",                            \
		        "the API key's requests per second (the plan's "   \
		        "limit, e.g. 100); default: no limit on this side" \
	}
#define LIMITER_OPT                                                      \
	{                                                                \
		"limiter", 0, 1, OPT_LIMITER, 0, "URL",                  \
		        "share the key's rate limit with every process " \
		        "that uses it: redis://[:password@]host[:port]"  \
		        "[/db] (default: $GOSENDAPI_LIMITER; --rate is " \
		        "the rate stored for a new key; see "            \
		        "docs/scaling.md)"                               \
	}

/* Make the client campaigns send with: the run's client options, and the
 * limits of the key (--rate). Every client setting of the campaign
 * commands is made here. */
static int campaign_client_open(cli_ctx *ctx, const cli_args *a)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	const char *v = cli_opt(a, OPT_RATE);
	long rate;
	int rc;

	if (ctx->idempotency_key)
		return cli_usage(ctx, "--idempotency-key: each message of a "
		                      "campaign gets its own key");
	if (v) {
		rc = cli_parse_long(ctx, "--rate", v, 1, 1000000L, &rate);
		if (rc)
			return rc;
	}
	/* a limiter shared through Redis (--limiter, $GOSENDAPI_LIMITER)
	 * holds the key's rate for every process, --rate being the rate it
	 * stores for a key it meets first; else the client's own limit */
	rc = cli_limiter_open(ctx, cli_opt(a, OPT_LIMITER),
	                      ctx->api_key ? ctx->api_key
	                                   : getenv("GOSENDAPI_KEY"),
	                      v ? (double)rate : 0);
	if (rc)
		return rc;
	if (v && !ctx->limiter)
		o.rate_per_second = (double)rate;
	return cli_client_open_with(ctx, &o);
}

/* ---- running ---- */

typedef struct run_view {
	cli_progress bar;
	gosend_outbox_progress last;
	int seen;
} run_view;

static int on_progress(const gosend_outbox_progress *p, void *payload)
{
	run_view *v = payload;

	v->last = *p;
	v->seen = 1;
	cli_progress_update(&v->bar, p, 0);
	return 0;
}

/* Whether the progress is drawn as a bar: stdout and stderr are a
 * terminal that can move the cursor. */
static int progress_on_terminal(void)
{
	const char *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && isatty(STDERR_FILENO) && term &&
	       strcmp(term, "dumb") != 0;
}

static int parse_run_options(const cli_ctx *ctx, const cli_args *a,
                             gosend_outbox_run_options *ro, long *every_ms)
{
	const char *v;
	double s = PROGRESS_DEFAULT_S;
	long n;
	int rc;

	if ((v = cli_opt(a, OPT_CONCURRENCY)) != NULL) {
		rc = cli_parse_long(ctx, "--concurrency", v, 1,
		                    GOSEND_BULK_MAX_CONCURRENCY, &n);
		if (rc)
			return rc;
		ro->concurrency = (unsigned int)n;
	}
	if ((v = cli_opt(a, OPT_PROGRESS)) != NULL) {
		rc = cli_parse_double(ctx, "--progress", v, 0, 86400, &s);
		if (rc)
			return rc;
	}
	*every_ms = (long)(s * 1000);
	return 0;
}

/* What the run ended with, on stdout. */
static int print_summary(const cli_ctx *ctx, const char *db,
                         const char *campaign, const char *how,
                         const gosend_outbox_counts *c)
{
	cJSON *o = cJSON_CreateObject();

	if (campaign)
		cJSON_AddStringToObject(o, "campaign", campaign);
	cJSON_AddStringToObject(o, "db", db);
	cJSON_AddStringToObject(o, "result", how);
	add_counts(o, c);
	return print_object(ctx, o);
}

/* After the run: the last progress line, notes and the summary; 0 or an
 * exit code. `stopped`: the run ended with messages left. */
static int finish_run(const cli_ctx *ctx, const char *db, const char *campaign,
                      run_view *v, int stopped, gosend_outbox_counts *c)
{
	v->last.counts = *c;
	cli_progress_update(&v->bar, &v->last, 1);
	if (c->by_state[GOSEND_OUTBOX_REVIEW])
		fprintf(stderr,
		        "%s: %zu messages were left in flight longer than "
		        "their key lives: see '%s campaign report --state "
		        "review'\n",
		        ctx->prog, c->by_state[GOSEND_OUTBOX_REVIEW],
		        ctx->prog);
	if (c->by_state[GOSEND_OUTBOX_FAILED])
		fprintf(stderr,
		        "%s: %zu messages failed: see '%s campaign report "
		        "--state failed'\n",
		        ctx->prog, c->by_state[GOSEND_OUTBOX_FAILED],
		        ctx->prog);
	if (stopped) {
		fprintf(stderr, "%s: stopped; %zu messages not sent yet\n",
		        ctx->prog,
		        c->by_state[GOSEND_OUTBOX_PENDING] +
		                c->by_state[GOSEND_OUTBOX_IN_FLIGHT]);
		say_how_to_resume(ctx, db, campaign);
	}
	return print_summary(ctx, db, campaign, stopped ? "stopped" : "done",
	                     c);
}

/* What a run is given: its options and the client, made before anything
 * is stored so that a bad option stores nothing. */
typedef struct run_setup {
	gosend_outbox_run_options ro;
	long every_ms;
} run_setup;

static int prepare_run(cli_ctx *ctx, const cli_args *a, run_setup *rs)
{
	gosend_outbox_run_options ro = GOSEND_OUTBOX_RUN_OPTIONS_INIT;
	int rc;

	rs->ro = ro;
	rc = parse_run_options(ctx, a, &rs->ro, &rs->every_ms);
	if (rc == 0)
		rc = campaign_client_open(ctx, a);
	return rc;
}

/* Send what is pending in `campaign` (NULL: every campaign). */
static int run_outbox(cli_ctx *ctx, run_setup *rs, const char *db,
                      gosend_outbox *ob, const char *campaign)
{
	gosend_outbox_counts c;
	gosend_error *e = NULL;
	run_view v;
	int rc, out, bar = progress_on_terminal();

	memset(&v, 0, sizeof v);
	cli_progress_init(&v.bar, stderr, ctx->prog, campaign, bar,
	                  rs->every_ms);
	rs->ro.progress = on_progress;
	rs->ro.progress_payload = &v;
	rs->ro.progress_interval_ms = 1000;
	if (bar)
		rs->ro.progress_interval_ms = 200;
	else if (rs->every_ms > 0 && rs->every_ms < 1000)
		rs->ro.progress_interval_ms = rs->every_ms;
	memset(&c, 0, sizeof c);
	c.struct_version = 1;
	catch_stop_signals(ob);
	rc = gosend_outbox_run(ob, ctx->client, campaign, &rs->ro, &c, &e);
	release_stop_signals();
	cli_progress_clear(&v.bar);
	if (rc < 0 && rc != GOSEND_ECANCELED && rc != GOSEND_ETIMEOUT) {
		rc = store_fail(ctx, db, rc, e);
		say_how_to_resume(ctx, db, campaign);
		return rc;
	}
	/* ETIMEOUT: the rate limit would hold a message past its call's
	 * deadline (--deadline); what is left waits for the next run */
	if (rc == GOSEND_ETIMEOUT)
		cli_report(ctx, rc, e);
	gosend_error_free(e);
	out = finish_run(ctx, db, campaign, &v, rc < 0, &c);
	if (out || rc == 0)
		return out;
	if (rc == GOSEND_ETIMEOUT)
		return CLI_EXIT_NETWORK;
	return EXIT_SIGNAL_BASE + (stop_signal ? stop_signal : SIGINT);
}

/* ---- campaign files ---- */

/* Kinds of CSV column. */
enum {
	COL_TO = 1,
	COL_PARAM,
	COL_HEADER_TEXT,
	COL_HEADER_IMAGE,
	COL_HEADER_VIDEO,
	COL_HEADER_DOCUMENT,
	COL_BUTTON_PAYLOAD,
	COL_BUTTON_URL
};

#define MAX_PARAMS  100
#define MAX_BUTTONS 10

typedef struct column {
	int kind;
	unsigned int n; /* param number or button index */
	char name[32];  /* as the header names it, lower case */
} column;

/* Where each part of the message is in a CSV row. */
typedef struct layout {
	column *cols;
	size_t ncols;
	size_t to;
	size_t params[MAX_PARAMS]; /* column of param i+1 */
	size_t nparams;
	size_t header; /* column of the header parameter, if any */
	int header_kind;
	size_t buttons[MAX_BUTTONS]; /* columns, in index order */
	size_t nbuttons;
} layout;

/* The template every CSV row is sent with. */
typedef struct tmpl {
	const char *from, *name, *language;
} tmpl;

/* Parse a whole number 0..max written without sign or leading zero;
 * -1 otherwise. */
static long small_number(const char *s, size_t len, long max)
{
	long v = 0;
	size_t i;

	if (len == 0 || len > 3 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

/* The kind of a column from its (lower-case) name; 0 when unknown. */
static int column_kind(const char *name, unsigned int *n)
{
	static const struct {
		const char *name;
		int kind;
	} fixed[] = {{"to", COL_TO},
	             {"header_text", COL_HEADER_TEXT},
	             {"header_image", COL_HEADER_IMAGE},
	             {"header_video", COL_HEADER_VIDEO},
	             {"header_document", COL_HEADER_DOCUMENT}};
	size_t i, len = strlen(name);
	long v;

	*n = 0;
	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (strcmp(name, fixed[i].name) == 0)
			return fixed[i].kind;
	if (strncmp(name, "param", 5) == 0) {
		v = small_number(name + 5, len - 5, MAX_PARAMS);
		*n = (unsigned int)v;
		return v >= 1 ? COL_PARAM : 0;
	}
	if (strncmp(name, "button", 6) == 0 && len > 7) {
		const char *us = strchr(name + 6, '_');
		if (!us)
			return 0;
		v = small_number(name + 6, (size_t)(us - name - 6),
		                 MAX_BUTTONS - 1);
		if (v < 0)
			return 0;
		*n = (unsigned int)v;
		if (strcmp(us, "_payload") == 0)
			return COL_BUTTON_PAYLOAD;
		if (strcmp(us, "_url") == 0)
			return COL_BUTTON_URL;
	}
	return 0;
}

static const char columns_help[] =
        "to, param1..paramN, header_text, header_image, header_video, "
        "header_document, buttonN_payload, buttonN_url (N 0-9)";

/* Name one column of the header: trimmed, lower case. */
static int name_column(const cli_ctx *ctx, const char *raw, size_t i,
                       column *col)
{
	size_t len;

	while (*raw == ' ' || *raw == '\t')
		raw++;
	len = strlen(raw);
	while (len && (raw[len - 1] == ' ' || raw[len - 1] == '\t'))
		len--;
	if (len >= sizeof col->name)
		len = sizeof col->name - 1;
	memcpy(col->name, raw, len);
	col->name[len] = '\0';
	for (len = 0; col->name[len]; len++)
		if (col->name[len] >= 'A' && col->name[len] <= 'Z')
			col->name[len] = (char)(col->name[len] - 'A' + 'a');
	col->kind = column_kind(col->name, &col->n);
	if (!col->kind) {
		fprintf(stderr, "%s: column %zu of the header, '", ctx->prog,
		        i + 1);
		cli_put_text(ctx, stderr, raw);
		fprintf(stderr, "': not a known column (%s)\n", columns_help);
		return CLI_EXIT_USAGE;
	}
	return 0;
}

/* Place one named column in the layout; a usage error when it repeats
 * or conflicts. */
static int place_column(const cli_ctx *ctx, layout *l, size_t i,
                        unsigned int *buttons_seen, unsigned char *params_seen)
{
	const column *c = &l->cols[i];

	switch (c->kind) {
	case COL_TO:
		if (l->to != (size_t)-1)
			return cli_usage(ctx, "the header names 'to' twice");
		l->to = i;
		return 0;
	case COL_PARAM:
		if (params_seen[c->n])
			return cli_usage(ctx, "the header names '%s' twice",
			                 c->name);
		params_seen[c->n] = 1;
		l->params[c->n - 1] = i;
		if (c->n > l->nparams)
			l->nparams = c->n;
		return 0;
	case COL_BUTTON_PAYLOAD:
	case COL_BUTTON_URL:
		if (*buttons_seen & (1u << c->n))
			return cli_usage(ctx,
			                 "the header names button %u twice "
			                 "(one of buttonN_payload and "
			                 "buttonN_url per button)",
			                 c->n);
		*buttons_seen |= 1u << c->n;
		return 0;
	default:
		if (l->header_kind)
			return cli_usage(ctx, "the header names two header "
			                      "parameters (one of header_text, "
			                      "header_image, header_video, "
			                      "header_document)");
		l->header_kind = c->kind;
		l->header = i;
		return 0;
	}
}

/* Read the header row into the layout. */
static int make_layout(const cli_ctx *ctx, const csv_record *rec, layout *l)
{
	unsigned char params_seen[MAX_PARAMS + 1];
	unsigned int buttons_seen = 0, b;
	size_t i;
	int rc;

	memset(params_seen, 0, sizeof params_seen);
	l->to = (size_t)-1;
	l->ncols = rec->nfields;
	l->cols = calloc(rec->nfields, sizeof(*l->cols));
	if (!l->cols) {
		fprintf(stderr, "%s: out of memory\n", ctx->prog);
		return CLI_EXIT_API;
	}
	for (i = 0; i < rec->nfields; i++) {
		rc = name_column(ctx, rec->fields[i], i, &l->cols[i]);
		if (rc == 0)
			rc = place_column(ctx, l, i, &buttons_seen,
			                  params_seen);
		if (rc)
			return rc;
	}
	if (l->to == (size_t)-1)
		return cli_usage(ctx, "the header has no 'to' column "
		                      "(the recipient)");
	for (i = 1; i <= l->nparams; i++)
		if (!params_seen[i])
			return cli_usage(ctx,
			                 "the header has param%zu but no "
			                 "param%zu",
			                 l->nparams, i);
	for (b = 0; b < MAX_BUTTONS; b++)
		for (i = 0; i < l->ncols; i++)
			if ((l->cols[i].kind == COL_BUTTON_PAYLOAD ||
			     l->cols[i].kind == COL_BUTTON_URL) &&
			    l->cols[i].n == b)
				l->buttons[l->nbuttons++] = i;
	return 0;
}

/* A media parameter: a link when it starts with http:// or https://,
 * else a media id. */
static int add_header_media(gosend_outgoing *m, int kind, const char *v,
                            gosend_error **e)
{
	int type = kind == COL_HEADER_IMAGE   ? GOSEND_MESSAGE_TYPE_IMAGE
	           : kind == COL_HEADER_VIDEO ? GOSEND_MESSAGE_TYPE_VIDEO
	                                      : GOSEND_MESSAGE_TYPE_DOCUMENT;
	int link =
	        strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0;

	return gosend_outgoing_template_add_media(m, GOSEND_TEMPLATE_HEADER,
	                                          type, link ? v : NULL,
	                                          link ? NULL : v, NULL, e);
}

/* Add the header, body and button parameters of a row; *col gets the
 * column being added when it fails. */
static int add_row_params(gosend_outgoing *m, const layout *l, char **f,
                          size_t *col, gosend_error **e)
{
	size_t i;
	int rc = 0;

	if (l->header_kind) {
		*col = l->header;
		rc = l->header_kind == COL_HEADER_TEXT
		             ? gosend_outgoing_template_add_text(
		                       m, GOSEND_TEMPLATE_HEADER, f[*col], e)
		             : add_header_media(m, l->header_kind, f[*col], e);
	}
	for (i = 0; rc == 0 && i < l->nparams; i++) {
		*col = l->params[i];
		rc = gosend_outgoing_template_add_text(m, GOSEND_TEMPLATE_BODY,
		                                       f[*col], e);
	}
	for (i = 0; rc == 0 && i < l->nbuttons; i++) {
		const column *c = &l->cols[l->buttons[i]];
		int payload = c->kind == COL_BUTTON_PAYLOAD;

		*col = l->buttons[i];
		rc = gosend_outgoing_template_button(
		        m, payload ? "quick_reply" : "url", c->n, e);
		if (rc == 0)
			rc = payload ? gosend_outgoing_template_add_payload(
			                       m, GOSEND_TEMPLATE_BUTTON(c->n),
			                       f[*col], e)
			             : gosend_outgoing_template_add_text(
			                       m, GOSEND_TEMPLATE_BUTTON(c->n),
			                       f[*col], e);
	}
	return rc;
}

/* Build the message of one CSV row. On a bad row returns GOSEND_EINVAL
 * with `why` written; another failure is returned as is. */
static int build_row(const tmpl *t, const layout *l, const csv_record *rec,
                     gosend_outgoing **m, char *why, size_t whylen)
{
	gosend_error *e = NULL;
	char *to = NULL;
	size_t col = l->to;
	int rc;

	*m = NULL;
	if (rec->nfields != l->ncols) {
		snprintf(why, whylen, "%zu fields, the header has %zu",
		         rec->nfields, l->ncols);
		return GOSEND_EINVAL;
	}
	rc = gosend_phone_normalize(&to, rec->fields[l->to], &e);
	if (rc == 0)
		rc = gosend_outgoing_template_new(m, t->from, to, t->name,
		                                  t->language, &e);
	gosend_free(to);
	if (rc == 0)
		rc = add_row_params(*m, l, rec->fields, &col, &e);
	if (rc == GOSEND_EINVAL)
		snprintf(why, whylen, "%s: %s", l->cols[col].name,
		         e && e->message ? e->message : "invalid");
	gosend_error_free(e);
	if (rc < 0) {
		gosend_outgoing_free(*m);
		*m = NULL;
	}
	return rc;
}

/* ---- loading ---- */

typedef struct loader {
	cli_ctx *ctx;
	const char *db, *campaign;
	gosend_outbox *ob;
	const tmpl *t;   /* CSV: the template; NULL for JSON lines */
	const layout *l; /* CSV: the columns */
	size_t queued, bad;
} loader;

/* Record a bad row: printed (the first few) and stored as failed. */
static int bad_row(loader *ld, unsigned long line, const char *why)
{
	char source[48];
	gosend_error *e = NULL;
	int rc;

	ld->bad++;
	if (ld->bad <= BAD_ROWS_SHOWN) {
		fprintf(stderr, "%s: line %lu: ", ld->ctx->prog, line);
		cli_put_text(ld->ctx, stderr, why);
		fputc('\n', stderr);
	}
	snprintf(source, sizeof source, "line %lu", line);
	rc = gosend_outbox_record_invalid(ld->ob, ld->campaign, source, why,
	                                  &e);
	return rc < 0 ? store_fail(ld->ctx, ld->db, rc, e) : 0;
}

/* Store one row: enqueued, or recorded as bad. */
static int load_row(loader *ld, const csv_record *rec)
{
	char why[512];
	gosend_outgoing *m = NULL;
	gosend_error *e = NULL;
	int rc;

	if (rec->status == CSV_ETOOLONG) {
		snprintf(why, sizeof why, "longer than %d bytes",
		         CAMPAIGN_MAX_ROW);
		return bad_row(ld, rec->line, why);
	}
	if (rec->status != CSV_OK)
		return bad_row(ld, rec->line, csv_status_text(rec->status));
	if (!ld->t && strspn(rec->fields[0], " \t") == rec->lens[0])
		return 0; /* a blank line */
	if (ld->t) {
		rc = build_row(ld->t, ld->l, rec, &m, why, sizeof why);
		if (rc == GOSEND_EINVAL)
			return bad_row(ld, rec->line, why);
		if (rc == 0)
			rc = gosend_outbox_enqueue(ld->ob, ld->campaign, m,
			                           NULL, NULL, &e);
		gosend_outgoing_free(m);
	} else {
		rc = gosend_outbox_enqueue_json(ld->ob, ld->campaign,
		                                rec->fields[0], NULL, NULL, &e);
	}
	if (rc == GOSEND_EINVAL) {
		snprintf(why, sizeof why, "%s%s%s",
		         e && e->field ? e->field : "",
		         e && e->field ? ": " : "",
		         e && e->message ? e->message : "invalid");
		gosend_error_free(e);
		return bad_row(ld, rec->line, why);
	}
	if (rc < 0)
		return store_fail(ld->ctx, ld->db, rc, e);
	ld->queued++;
	return 0;
}

/* Every row of the file, in one transaction. */
static int load_rows(loader *ld, csv_reader *rd, const char *path)
{
	csv_record rec;
	int rc, got;

	while ((got = csv_next(rd, &rec)) == 1) {
		if (stop_signal) {
			fprintf(stderr,
			        "%s: stopped while loading '%s': "
			        "nothing was stored\n",
			        ld->ctx->prog, path);
			return EXIT_SIGNAL_BASE + stop_signal;
		}
		rc = load_row(ld, &rec);
		if (rc)
			return rc;
	}
	if (got < 0) {
		fprintf(stderr, "%s: %s '%s'\n", ld->ctx->prog,
		        got == CSV_ERR_READ ? "cannot read"
		                            : "out of memory "
		                              "reading",
		        path);
		return got == CSV_ERR_READ ? CLI_EXIT_USAGE : CLI_EXIT_API;
	}
	if (ld->queued + ld->bad == 0)
		return cli_usage(ld->ctx, "no messages in '%s'", path);
	return 0;
}

/* CSV: the header row first. */
static int load_csv(loader *ld, csv_reader *rd, const char *path, layout *l)
{
	csv_record rec;
	int got = csv_next(rd, &rec);

	if (got == 0)
		return cli_usage(ld->ctx, "'%s' is empty", path);
	if (got < 0)
		return cli_usage(ld->ctx, "cannot read '%s'", path);
	if (rec.status != CSV_OK)
		return cli_usage(ld->ctx, "'%s' line %lu, the header: %s", path,
		                 rec.line, csv_status_text(rec.status));
	got = make_layout(ld->ctx, &rec, l);
	if (got)
		return got;
	ld->l = l;
	return load_rows(ld, rd, path);
}

/* Load the file into the outbox: all of it, or nothing. */
static int load_file(loader *ld, FILE *f, const char *path)
{
	gosend_error *e = NULL;
	layout l;
	csv_reader *rd;
	int rc;

	memset(&l, 0, sizeof l);
	rd = csv_new_file(f, CAMPAIGN_MAX_ROW, ld->t ? 0 : CSV_LINES);
	if (!rd) {
		fprintf(stderr, "%s: out of memory\n", ld->ctx->prog);
		return CLI_EXIT_API;
	}
	rc = gosend_outbox_begin(ld->ob, &e);
	if (rc < 0) {
		csv_free(rd);
		return store_fail(ld->ctx, ld->db, rc, e);
	}
	catch_stop_signals(NULL);
	rc = ld->t ? load_csv(ld, rd, path, &l) : load_rows(ld, rd, path);
	if (rc == 0) {
		rc = gosend_outbox_commit(ld->ob, &e);
		if (rc < 0)
			rc = store_fail(ld->ctx, ld->db, rc, e);
	} else {
		gosend_outbox_rollback(ld->ob);
	}
	release_stop_signals();
	csv_free(rd);
	free(l.cols);
	ld->l = NULL;
	return rc;
}

/* ---- campaign send ---- */

static const cli_optspec send_opts[] = {
        DB_OPT,
        {"campaign", 0, 1, OPT_CAMPAIGN, 0, "NAME",
         "name of the campaign in the database (default: FILE's name)"},
        {"format", 0, 1, OPT_FORMAT, 0, "FORMAT",
         "csv or jsonl (default: from FILE's extension)"},
        {"from", 0, 1, OPT_FROM, 0, "ID",
         "CSV: sender, Meta's phone number id"},
        {"template", 0, 1, OPT_TEMPLATE, 0, "NAME",
         "CSV: the approved template every row is sent with"},
        {"language", 0, 1, OPT_LANGUAGE, 0, "CODE",
         "CSV: the template's language, e.g. es_AR"},
        RATE_OPT,
        LIMITER_OPT,
        CONCURRENCY_OPT,
        PROGRESS_OPT,
        CLI_OPT_END};

/* Whether FILE is CSV (1) or JSON lines (0); -1 with a message. */
static int file_is_csv(const cli_ctx *ctx, const cli_args *a, const char *path)
{
	const char *fmt = cli_opt(a, OPT_FORMAT);
	const char *dot = strrchr(path, '.');

	if (fmt) {
		if (strcmp(fmt, "csv") == 0)
			return 1;
		if (strcmp(fmt, "jsonl") == 0)
			return 0;
		cli_usage(ctx, "--format: csv or jsonl, not '%s'", fmt);
		return -1;
	}
	if (dot && strcasecmp(dot, ".csv") == 0)
		return 1;
	if (dot &&
	    (strcasecmp(dot, ".jsonl") == 0 ||
	     strcasecmp(dot, ".ndjson") == 0 || strcasecmp(dot, ".json") == 0))
		return 0;
	cli_usage(ctx,
	          "cannot tell the format of '%s' from its name: give "
	          "--format csv or --format jsonl",
	          path);
	return -1;
}

/* CSV needs --from, --template and --language, valid (checked on a
 * sample message before anything is stored); JSON lines takes none. */
static int check_template(const cli_ctx *ctx, const cli_args *a, int csv,
                          tmpl *t)
{
	gosend_outgoing *m = NULL;
	gosend_error *e = NULL;
	int rc;

	t->from = cli_opt(a, OPT_FROM);
	t->name = cli_opt(a, OPT_TEMPLATE);
	t->language = cli_opt(a, OPT_LANGUAGE);
	if (!csv) {
		if (t->from || t->name || t->language)
			return cli_usage(ctx, "--from, --template and "
			                      "--language are for CSV files; "
			                      "each JSON line is a whole "
			                      "message");
		return 0;
	}
	if (!t->from || !t->name || !t->language)
		return cli_usage(ctx, "a CSV file needs --from, --template "
		                      "and --language");
	rc = gosend_outgoing_template_new(&m, t->from, "15550000000", t->name,
	                                  t->language, &e);
	gosend_outgoing_free(m);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	return 0;
}

/* The campaign's name: --campaign, else the file's name. */
static const char *campaign_name(const cli_args *a, const char *path)
{
	const char *name = cli_opt(a, OPT_CAMPAIGN);
	const char *slash;

	if (name)
		return name;
	if (strcmp(path, "-") == 0)
		return "stdin";
	slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* A campaign is loaded once; a second send of it would send it twice. */
static int check_new_campaign(const cli_ctx *ctx, const char *db,
                              gosend_outbox *ob, const char *campaign)
{
	gosend_outbox_counts c;
	int rc = counts_of(ctx, db, ob, campaign, &c);

	if (rc || c.total == 0)
		return rc;
	fprintf(stderr, "%s: campaign '", ctx->prog);
	cli_put_text(ctx, stderr, campaign);
	fprintf(stderr,
	        "' is already in '%s' (%zu messages); nothing was loaded "
	        "again. Give another --campaign for a new one.\n",
	        db, c.total);
	say_how_to_resume(ctx, db, campaign);
	return CLI_EXIT_USAGE;
}

static int open_input(const cli_ctx *ctx, const char *path, FILE **f)
{
	*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!*f)
		return cli_usage(ctx, "cannot open '%s': %s", path,
		                 strerror(errno));
	return 0;
}

static int run_send(cli_ctx *ctx, const cli_args *a)
{
	const char *path = a->argv[0], *db = cli_opt(a, OPT_DB);
	const char *campaign = campaign_name(a, path);
	gosend_outbox *ob = NULL;
	run_setup rs;
	loader ld;
	tmpl t;
	FILE *f = NULL;
	int csv = file_is_csv(ctx, a, path), rc;

	if (csv < 0)
		return CLI_EXIT_USAGE;
	rc = check_template(ctx, a, csv, &t);
	if (rc == 0)
		rc = prepare_run(ctx, a, &rs);
	if (rc == 0)
		rc = check_campaign_name(ctx, campaign);
	if (rc == 0)
		rc = open_input(ctx, path, &f);
	if (rc == 0)
		rc = open_db(ctx, db, 0, &ob);
	if (rc == 0)
		rc = check_new_campaign(ctx, db, ob, campaign);
	if (rc == 0) {
		memset(&ld, 0, sizeof ld);
		ld.ctx = ctx;
		ld.db = db;
		ld.campaign = campaign;
		ld.ob = ob;
		ld.t = csv ? &t : NULL;
		rc = load_file(&ld, f, path);
	}
	if (f && f != stdin)
		fclose(f);
	if (rc == 0 && stop_signal) {
		fprintf(stderr, "%s: stopped before sending\n", ctx->prog);
		say_how_to_resume(ctx, db, campaign);
		rc = EXIT_SIGNAL_BASE + stop_signal;
	}
	if (rc == 0) {
		fprintf(stderr, "%s: campaign ", ctx->prog);
		cli_put_text(ctx, stderr, campaign);
		fprintf(stderr, " loaded: %zu to send, %zu bad rows%s\n",
		        ld.queued, ld.bad,
		        ld.bad ? " (recorded as failed, not sent)" : "");
		rc = run_outbox(ctx, &rs, db, ob, campaign);
	}
	gosend_outbox_close(ob);
	return rc;
}

/* ---- campaign resume ---- */

static const cli_optspec resume_opts[] = {
        DB_OPT,
        {"campaign", 0, 1, OPT_CAMPAIGN, 0, "NAME",
         "the campaign to resume (default: every campaign in the "
         "database)"},
        RATE_OPT,
        LIMITER_OPT,
        CONCURRENCY_OPT,
        PROGRESS_OPT,
        CLI_OPT_END};

/* The campaign must be in the database. */
static int check_known_campaign(const cli_ctx *ctx, const char *db,
                                gosend_outbox *ob, const char *campaign)
{
	gosend_outbox_counts c;
	int rc;

	if (!campaign)
		return 0;
	rc = check_campaign_name(ctx, campaign);
	if (rc == 0)
		rc = counts_of(ctx, db, ob, campaign, &c);
	if (rc || c.total)
		return rc;
	fprintf(stderr, "%s: no campaign '", ctx->prog);
	cli_put_text(ctx, stderr, campaign);
	fprintf(stderr, "' in '%s'\n", db);
	return CLI_EXIT_USAGE;
}

static int run_resume(cli_ctx *ctx, const cli_args *a)
{
	const char *db = cli_opt(a, OPT_DB);
	const char *campaign = cli_opt(a, OPT_CAMPAIGN);
	gosend_outbox *ob = NULL;
	run_setup rs;
	int rc = prepare_run(ctx, a, &rs);

	if (rc == 0)
		rc = open_db(ctx, db, 1, &ob);
	if (rc == 0)
		rc = check_known_campaign(ctx, db, ob, campaign);
	if (rc == 0)
		rc = run_outbox(ctx, &rs, db, ob, campaign);
	gosend_outbox_close(ob);
	return rc;
}

/* ---- campaign status ---- */

static const cli_optspec status_opts[] = {
        DB_OPT,
        {"campaign", 0, 1, OPT_CAMPAIGN, 0, "NAME",
         "one campaign (default: every campaign in the database)"},
        CLI_OPT_END};

/* Recent sending rate: outcomes recorded in the last minute of activity.
 */
#define STATUS_RATE_WINDOW_MS 60000

typedef struct status_scan {
	cJSON *names; /* campaigns seen */
	const char *last_name;
	long long first_ms; /* earliest outcome in the window */
	long long last_ms;  /* latest outcome of a sent item */
	size_t in_window;
} status_scan;

/* Whether an item counts for the rate: it was sent and has an outcome
 * (a recorded bad row was never sent). */
static int item_sent(const gosend_outbox_item *it)
{
	return it->idempotency_key && it->finished_ms > 0 &&
	       it->state != GOSEND_OUTBOX_PENDING &&
	       it->state != GOSEND_OUTBOX_IN_FLIGHT;
}

static void note_name(status_scan *s, const char *name)
{
	cJSON *n;

	if (!name || (s->last_name && strcmp(s->last_name, name) == 0))
		return;
	for (n = s->names->child; n; n = n->next)
		if (strcmp(n->valuestring, name) == 0) {
			s->last_name = n->valuestring;
			return;
		}
	n = cJSON_CreateString(name);
	if (!n)
		return;
	cJSON_AddItemToArray(s->names, n);
	s->last_name = n->valuestring;
}

/* Walk the items: pass 0 finds the campaigns and the last outcome, pass
 * 1 counts the outcomes of the minute before it. */
static int scan_items(const cli_ctx *ctx, const char *db, gosend_outbox *ob,
                      const char *campaign, int pass, status_scan *s)
{
	gosend_outbox_iter *it = NULL;
	const gosend_outbox_item *item;
	gosend_error *e = NULL;
	int rc = gosend_outbox_iter_new(&it, ob, campaign, -1, &e);

	while (rc >= 0 && (rc = gosend_outbox_iter_next(&item, it, &e)) == 1) {
		if (pass == 0)
			note_name(s, item->campaign);
		if (!item_sent(item))
			continue;
		if (pass == 0 && item->finished_ms > s->last_ms)
			s->last_ms = item->finished_ms;
		if (pass == 1 &&
		    item->finished_ms >= s->last_ms - STATUS_RATE_WINDOW_MS) {
			s->in_window++;
			if (s->first_ms == 0 || item->finished_ms < s->first_ms)
				s->first_ms = item->finished_ms;
		}
	}
	gosend_outbox_iter_free(it);
	return rc < 0 ? store_fail(ctx, db, rc, e) : 0;
}

/* "rate_per_s" and "eta_s" (null when not known). */
static void add_rate(cJSON *o, const status_scan *s,
                     const gosend_outbox_counts *c)
{
	size_t left = c->by_state[GOSEND_OUTBOX_PENDING] +
	              c->by_state[GOSEND_OUTBOX_IN_FLIGHT];
	long long span = s->last_ms - s->first_ms;
	double rate = -1;

	if (s->in_window >= 2 && span > 0)
		rate = (double)(s->in_window - 1) * 1000.0 / (double)span;
	if (rate > 0)
		cJSON_AddNumberToObject(o, "rate_per_s",
		                        (double)(long long)(rate * 10) / 10);
	else
		cJSON_AddNullToObject(o, "rate_per_s");
	if (left == 0)
		cJSON_AddNumberToObject(o, "eta_s", 0);
	else if (rate > 0)
		cJSON_AddNumberToObject(
		        o, "eta_s",
		        (double)(long long)((double)left / rate + 0.5));
	else
		cJSON_AddNullToObject(o, "eta_s");
	if (s->last_ms)
		cJSON_AddNumberToObject(o, "last_sent_ms", (double)s->last_ms);
}

static int run_status(cli_ctx *ctx, const cli_args *a)
{
	const char *db = cli_opt(a, OPT_DB);
	const char *campaign = cli_opt(a, OPT_CAMPAIGN);
	gosend_outbox *ob = NULL;
	gosend_outbox_counts c;
	status_scan s;
	cJSON *o = cJSON_CreateObject();
	int rc = open_db(ctx, db, 1, &ob);

	memset(&s, 0, sizeof s);
	s.names = cJSON_CreateArray();
	if (rc == 0)
		rc = check_known_campaign(ctx, db, ob, campaign);
	if (rc == 0)
		rc = counts_of(ctx, db, ob, campaign, &c);
	if (rc == 0)
		rc = scan_items(ctx, db, ob, campaign, 0, &s);
	if (rc == 0)
		rc = scan_items(ctx, db, ob, campaign, 1, &s);
	gosend_outbox_close(ob);
	if (rc || !o || !s.names) {
		cJSON_Delete(o);
		cJSON_Delete(s.names);
		return rc ? rc : CLI_EXIT_API;
	}
	cJSON_AddStringToObject(o, "db", db);
	if (campaign)
		cJSON_AddStringToObject(o, "campaign", campaign);
	cJSON_AddItemToObject(o, "campaigns", s.names);
	add_counts(o, &c);
	add_rate(o, &s, &c);
	return print_object(ctx, o);
}

/* ---- campaign report ---- */

static const cli_optspec report_opts[] = {
        DB_OPT,
        {"campaign", 0, 1, OPT_CAMPAIGN, 0, "NAME",
         "one campaign (default: every campaign in the database)"},
        {"state", 0, 1, OPT_STATE, 0, "STATE",
         "only messages in this state: pending, in_flight, sent, "
         "accepted, failed or review"},
        {"with-body", 0, 0, OPT_WITH_BODY, 0, NULL,
         "add each message's JSON body"},
        CLI_OPT_END};

static int write_line(const char *line, size_t len, void *payload)
{
	(void)payload;
	return fwrite(line, 1, len, stdout) == len ? 0 : 1;
}

static int parse_state(const cli_ctx *ctx, const char *v, int *state)
{
	int s;

	*state = -1;
	if (!v)
		return 0;
	for (s = 0; s < GOSEND_OUTBOX_STATE_COUNT; s++)
		if (strcmp(v, gosend_outbox_state_name(s)) == 0) {
			*state = s;
			return 0;
		}
	return cli_usage(ctx,
	                 "--state: pending, in_flight, sent, accepted, "
	                 "failed or review, not '%s'",
	                 v);
}

static int run_report(cli_ctx *ctx, const cli_args *a)
{
	const char *db = cli_opt(a, OPT_DB);
	const char *campaign = cli_opt(a, OPT_CAMPAIGN);
	gosend_outbox *ob = NULL;
	gosend_error *e = NULL;
	int state, rc = parse_state(ctx, cli_opt(a, OPT_STATE), &state);

	if (rc == 0)
		rc = open_db(ctx, db, 1, &ob);
	if (rc == 0)
		rc = check_known_campaign(ctx, db, ob, campaign);
	if (rc == 0) {
		rc = gosend_outbox_export(ob, campaign, state,
		                          cli_has(a, OPT_WITH_BODY), write_line,
		                          NULL, &e);
		if (rc == GOSEND_ECANCELED) {
			gosend_error_free(e);
			rc = CLI_EXIT_API; /* main reports the write error */
		} else if (rc < 0) {
			rc = store_fail(ctx, db, rc, e);
		}
	}
	gosend_outbox_close(ob);
	return rc;
}

/* ---- the table ---- */

#define SENDS (CLI_NEEDS_CLIENT | CLI_OWN_CLIENT)

const cli_cmd cli_cmds_campaign[] = {
        {"campaign", "send", "FILE", 1, SENDS, send_opts, run_send, NULL,
         "load a campaign file into a database and send it",
         "FILE ('-': stdin) is JSON lines or CSV:\n"
         "  JSON lines: one whole message body per line, as 'messages "
         "send --json'\n"
         "    takes it (phone_number_id, to, type, ...).\n"
         "  CSV: one template to many recipients (--from, --template, "
         "--language);\n"
         "    a header row names the columns, in any order:\n"
         "      to                  the recipient (\"+54 9 11 4012-3456\" "
         "is fine)\n"
         "      param1..paramN      the body's {{1}}..{{N}}\n"
         "      header_text         the header's {{1}}\n"
         "      header_image, header_video, header_document\n"
         "                          the header's media: an http(s) URL "
         "or a media id\n"
         "      buttonN_payload     quick-reply button N (0-9): its "
         "payload\n"
         "      buttonN_url         URL button N (0-9): its {{1}}\n"
         "The file is loaded whole into the database (--db) before "
         "anything is sent,\n"
         "each message with its own Idempotency-Key. A bad row (bad "
         "number, missing\n"
         "column, bad JSON, over 64 KiB) is reported with its line and "
         "recorded as\n"
         "failed; it is never sent and the others go on.\n"
         "Off a terminal a progress line goes to stderr every few "
         "seconds; at the end\n"
         "a summary is printed on stdout. Ctrl-C stops cleanly (exit "
         "130) and says\n"
         "how to resume; after a crash or a reboot, 'campaign resume' "
         "sends the rest,\n"
         "nothing twice.\n"
         "\nExamples:\n"
         "  gosendapi campaign send customers.csv --db promo.db --rate "
         "100 \\\n"
         "      --from 555123456789 --template summer_sale --language "
         "es_AR\n"
         "  gosendapi campaign send messages.jsonl --db promo.db\n"},
        {"campaign", "resume", "", 0, SENDS, resume_opts, run_resume, NULL,
         "send what a stopped campaign has left",
         "Messages left in flight by a run that died are sent again with "
         "their key:\n"
         "the API answers a repeated key with its first answer, so each "
         "is stored\n"
         "once. One left longer than a key lives (24 h) is not sent but "
         "put in state\n"
         "review.\n"
         "\nExample:\n"
         "  gosendapi campaign resume --db promo.db --rate 100\n"},
        {"campaign", "status", "", 0, 0, status_opts, run_status, NULL,
         "counts by state, sending rate and ETA",
         "Prints one JSON object: the counts by state, the rate of the "
         "last minute of\n"
         "sending (rate_per_s) and the seconds left at that rate "
         "(eta_s).\n"
         "\nExample:\n"
         "  gosendapi campaign status --db promo.db\n"},
        {"campaign", "report", "", 0, 0, report_opts, run_report, NULL,
         "every message and its outcome, as JSON lines",
         "One JSON object per message: id, campaign, state, "
         "idempotency_key,\n"
         "message_id, code, http_status, error, source (the line of a bad "
         "row),\n"
         "attempts and times.\n"
         "\nExample:\n"
         "  gosendapi campaign report --db promo.db --state failed\n"},
        {NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL}};
