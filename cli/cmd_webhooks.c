/*
 * webhooks list | create | update | delete | deliveries | sign | verify.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "args.h"
#include "run.h"
#include "util.h"

CLI_LIST_ADAPTER(webhooks, gosend_webhook, gosend_webhook_list,
                 gosend_webhook_list_free, gosend_webhooks_list(&l, c, p, o, e),
                 gosend_webhooks_iter_new(it, c, 0, o, e),
                 gosend_webhooks_iter_next(&x, it, e));
CLI_LIST_ADAPTER(deliveries, gosend_webhook_delivery,
                 gosend_webhook_delivery_list,
                 gosend_webhook_delivery_list_free,
                 gosend_webhook_deliveries_list(&l, c, parent, p, o, e),
                 gosend_webhook_deliveries_iter_new(it, c, parent, 0, o, e),
                 gosend_webhook_deliveries_iter_next(&x, it, e));

/* Secrets: --secret values, else $GOSENDAPI_WEBHOOK_SECRET. */
static const char *const *secrets(const cli_args *a, size_t *n,
                                  const char **env_one)
{
	const char *const *v = cli_opt_all(a, OPT_SECRET, n);
	const char *env = getenv("GOSENDAPI_WEBHOOK_SECRET");

	if (*n)
		return v;
	if (env && *env) {
		*env_one = env;
		*n = 1;
		return env_one;
	}
	return NULL;
}

/* Event names from --event (one each) and --events (comma-separated). */
static int collect_events(cli_ctx *ctx, const cli_args *a, const char ***out,
                          size_t *n)
{
	const char *const *one, *const *lists;
	size_t none, nlists, i, cap, k = 0;
	const char **ev;
	const char *p;

	one = cli_opt_all(a, OPT_EVENT, &none);
	lists = cli_opt_all(a, OPT_EVENTS, &nlists);
	cap = none;
	for (i = 0; i < nlists; i++)
		for (cap++, p = lists[i]; *p; p++)
			cap += *p == ',';
	*out = NULL;
	*n = 0;
	if (!cap)
		return 0;
	ev = malloc(cap * sizeof(*ev));
	if (!cli_own(ctx, (char *)ev)) {
		fprintf(stderr, "%s: out of memory\n", ctx->prog);
		return CLI_EXIT_API;
	}
	for (i = 0; i < none; i++)
		ev[k++] = one[i];
	for (i = 0; i < nlists; i++) {
		const char *s = lists[i];
		for (;;) {
			size_t len = strcspn(s, ",");
			char *item = cli_own(ctx, strndup(s, len));
			if (!item) {
				fprintf(stderr, "%s: out of memory\n",
				        ctx->prog);
				return CLI_EXIT_API;
			}
			ev[k++] = item;
			if (!s[len])
				break;
			s += len + 1;
		}
	}
	*out = ev;
	*n = k;
	return 0;
}

static const cli_optspec create_opts[] = {
        {"url", 0, 1, OPT_URL, CLI_REQUIRED, "URL",
         "endpoint that receives the events"},
        {"event", 0, 1, OPT_EVENT, CLI_MULTI, "NAME",
         "event to subscribe to, e.g. whatsapp.message.received"},
        {"events", 0, 1, OPT_EVENTS, CLI_MULTI, "A,B",
         "events, comma-separated"},
        {"phone-number-id", 0, 1, OPT_PHONE_NUMBER_ID, 0, "ID",
         "scope the webhook to one phone number"},
        {"type", 0, 1, OPT_TYPE, 0, "TYPE",
         "webhook type (default: the server's, gosendapi_events)"},
        CLI_OPT_END};

static int print_webhook(const cli_ctx *ctx, int rc, gosend_webhook *w,
                         gosend_error *e)
{
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(w->raw_json);
	gosend_webhook_free(w);
	return CLI_EXIT_OK;
}

static int run_create(cli_ctx *ctx, const cli_args *a)
{
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;
	const char **events;
	size_t n;
	int rc;

	rc = collect_events(ctx, a, &events, &n);
	if (rc)
		return rc;
	if (!n)
		return cli_usage(ctx, "give at least one --event or --events");
	p.url = cli_opt(a, OPT_URL);
	p.events = events;
	p.events_count = n;
	p.phone_number_id = cli_opt(a, OPT_PHONE_NUMBER_ID);
	p.type = cli_opt(a, OPT_TYPE);
	rc = gosend_webhooks_create(&w, ctx->client, &p, cli_ropts(ctx), &e);
	return print_webhook(ctx, rc, w, e);
}

static const cli_optspec update_opts[] = {
        {"url", 0, 1, OPT_URL, 0, "URL", "new endpoint URL"},
        {"events", 0, 1, OPT_EVENTS, CLI_MULTI, "A,B",
         "new complete list of events, comma-separated"},
        {"event", 0, 1, OPT_EVENT, CLI_MULTI, "NAME",
         "one event of the new list"},
        {"enable", 0, 0, OPT_ENABLE, 0, NULL, "enable the webhook"},
        {"disable", 0, 0, OPT_DISABLE, 0, NULL, "disable the webhook"},
        CLI_OPT_END};

static int run_update(cli_ctx *ctx, const cli_args *a)
{
	gosend_webhook_update_params p = GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;
	const char **events;
	size_t n;
	int rc;

	if (cli_has(a, OPT_ENABLE) && cli_has(a, OPT_DISABLE))
		return cli_usage(ctx, "give --enable or --disable, not both");
	rc = collect_events(ctx, a, &events, &n);
	if (rc)
		return rc;
	if (!n && !cli_has(a, OPT_URL) && !cli_has(a, OPT_ENABLE) &&
	    !cli_has(a, OPT_DISABLE))
		return cli_usage(ctx, "nothing to change: give --url, "
		                      "--events, --enable or --disable");
	p.url = cli_opt(a, OPT_URL);
	p.events = n ? events : NULL;
	p.events_count = n;
	p.set_enabled = cli_has(a, OPT_ENABLE) || cli_has(a, OPT_DISABLE);
	p.enabled = cli_has(a, OPT_ENABLE);
	rc = gosend_webhooks_update(&w, ctx->client, a->argv[0], &p,
	                            cli_ropts(ctx), &e);
	return print_webhook(ctx, rc, w, e);
}

static int run_delete(cli_ctx *ctx, const cli_args *a)
{
	gosend_error *e = NULL;
	int rc;

	rc = gosend_webhooks_delete(ctx->client, a->argv[0], cli_ropts(ctx),
	                            &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	return cli_print_deleted(a->argv[0]);
}

/* ---- sign / verify (no network) ---- */

static const cli_optspec sign_opts[] = {
        {"secret", 0, 1, OPT_SECRET, 0, "SECRET",
         "the webhook's secret, whsec_... (default: "
         "$GOSENDAPI_WEBHOOK_SECRET)"},
        CLI_OPT_END};

static int run_sign(cli_ctx *ctx, const cli_args *a)
{
	const char *env_one = NULL;
	const char *const *s;
	gosend_error *e = NULL;
	char *body, *header = NULL;
	size_t n, len;
	int rc;

	s = secrets(a, &n, &env_one);
	if (!n)
		return cli_usage(ctx, "give --secret or set "
		                      "GOSENDAPI_WEBHOOK_SECRET");
	rc = cli_read_input(ctx, "-", &body, &len);
	if (rc)
		return rc;
	rc = gosend_webhook_sign(&header, s[0], body, len, &e);
	free(body);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	printf("%s\n", header);
	gosend_free(header);
	return CLI_EXIT_OK;
}

static const cli_optspec verify_opts[] = {
        {"secret", 0, 1, OPT_SECRET, CLI_MULTI, "SECRET",
         "a secret to try, whsec_... (default: "
         "$GOSENDAPI_WEBHOOK_SECRET)"},
        {"signature", 0, 1, OPT_SIGNATURE, CLI_REQUIRED, "HEADER",
         "value of the X-GoSendAPI-Signature header"},
        CLI_OPT_END};

/* Print {"valid":true,"event":NAME,"id":ID} for a verified delivery. */
static int print_verified(const gosend_webhook_event *ev)
{
	cJSON *o = cJSON_CreateObject();
	char *s = NULL;

	if (o && cJSON_AddTrueToObject(o, "valid") &&
	    cJSON_AddStringToObject(o, "event", ev->name) &&
	    (ev->id ? cJSON_AddStringToObject(o, "id", ev->id)
	            : cJSON_AddNullToObject(o, "id")))
		s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		return CLI_EXIT_API;
	cli_print_json(s);
	cJSON_free(s);
	return CLI_EXIT_OK;
}

static int run_verify(cli_ctx *ctx, const cli_args *a)
{
	const char *env_one = NULL;
	const char *const *s;
	gosend_webhook_event *ev = NULL;
	gosend_error *e = NULL;
	char *body;
	size_t n, len;
	int rc;

	s = secrets(a, &n, &env_one);
	if (!n)
		return cli_usage(ctx, "give --secret or set "
		                      "GOSENDAPI_WEBHOOK_SECRET");
	rc = cli_read_input(ctx, "-", &body, &len);
	if (rc)
		return rc;
	rc = gosend_webhook_verify(s, n, cli_opt(a, OPT_SIGNATURE), body, len,
	                           &e);
	if (rc == GOSEND_ESIGNATURE || rc == GOSEND_EPROTOCOL) {
		/* Not a server answer: say what was wrong with the header. */
		free(body);
		fprintf(stderr, "%s: invalid signature: %s\n", ctx->prog,
		        e ? e->message : gosend_strerror(rc));
		gosend_error_free(e);
		return CLI_EXIT_API;
	}
	if (rc == 0)
		rc = gosend_webhook_event_parse(&ev, body, len, &e);
	free(body);
	if (rc == GOSEND_EPROTOCOL) {
		fprintf(stderr,
		        "%s: the signature matches, but the body is not a "
		        "JSON object\n",
		        ctx->prog);
		gosend_error_free(e);
		return CLI_EXIT_API;
	}
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	rc = print_verified(ev);
	gosend_webhook_event_free(ev);
	return rc;
}

#define C CLI_NEEDS_CLIENT
#define L (CLI_NEEDS_CLIENT | CLI_LIST_OPTS)

const cli_cmd cli_cmds_webhooks[] = {
        {"webhooks", "list", "", 0, L, NULL, cli_run_list, &webhooks_ops,
         "list webhooks (without secrets)",
         "Example:\n  gosendapi webhooks list\n"},
        {"webhooks", "create", "", 0, C, create_opts, run_create, NULL,
         "register a webhook, print its secret",
         "Example:\n  gosendapi webhooks create --url "
         "https://example.com/hook \\\n"
         "      --event whatsapp.message.received --event "
         "whatsapp.message.delivered\n"},
        {"webhooks", "update", "ID", 1, C, update_opts, run_update, NULL,
         "change URL, events or enabled state",
         "Examples:\n  gosendapi webhooks update 1 --disable\n"
         "  gosendapi webhooks update 1 --url https://example.com/new "
         "--events a.b,c.d\n"},
        {"webhooks", "delete", "ID", 1, C, NULL, run_delete, NULL,
         "delete a webhook",
         "Prints {\"deleted\":true,\"id\":ID}.\n"
         "\nExample:\n  gosendapi webhooks delete 1\n"},
        {"webhooks", "deliveries", "ID", 1, L, NULL, cli_run_list,
         &deliveries_ops, "list a webhook's delivery log",
         "Example:\n  gosendapi webhooks deliveries 1 --all\n"},
        {"webhooks", "sign", "", 0, 0, sign_opts, run_sign, NULL,
         "sign the body on stdin",
         "The body is read from stdin as raw bytes; the output is one "
         "line, sha256=<hex>.\n"
         "\nExample:\n  gosendapi webhooks sign --secret whsec_... < "
         "body.json\n"},
        {"webhooks", "verify", "", 0, 0, verify_opts, run_verify, NULL,
         "check a signature (body on stdin)",
         "Exit status 0 when the signature matches one of the secrets "
         "(prints\n{\"valid\":true,\"event\":NAME,\"id\":ID}); 1 when it "
         "does not match, the header is\nmalformed, or the body is not a "
         "JSON object.\n"
         "\nExample:\n  gosendapi webhooks verify --secret whsec_... "
         "--signature \"sha256=...\" < body.json\n"},
        {NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL}};
