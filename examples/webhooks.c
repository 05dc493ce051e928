/*
 * webhooks: manage the endpoints GoSendAPI posts events to.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] webhooks CMD
 *   create URL EVENT...       register URL for the events; prints the
 *                             signing secret, which is shown ONLY ONCE
 *   list                      every webhook
 *   update ID [--url U] [--enable|--disable] [--events a,b,...]
 *   delete ID
 *   deliveries ID             the delivery log of one webhook
 *
 *   webhooks create https://example.com/hooks whatsapp.message.received
 *
 * Keep the secret (e.g. in your secret manager) and verify every delivery
 * with gosend_webhook_verify(); a lost secret can only be rotated in the
 * dashboard.
 *
 * Exit codes shared by every example: 0 success, 1 API error (the HTTP
 * status and the server's message go to stderr), 2 usage error, 3 network
 * error or timeout.
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gosendapi/gosendapi.h>
#include <gosendapi/webhooks.h>

#define MAX_EVENTS 32

static int exit_code(int err)
{
	switch (err) {
	case GOSEND_EINVAL:
		return 2;
	case GOSEND_ENETWORK:
	case GOSEND_ETIMEOUT:
	case GOSEND_ETLS:
		return 3;
	default:
		return 1;
	}
}

/* Whether the library says repeating a failed change (create, update,
 * sync, delete, close) is safe: it was not done, or repeating it does no
 * harm. Reads are always safe to repeat. */
static void retry_verdict(const char *prog, const char *what, int err,
                          const gosend_error *e)
{
	if (!e || err == GOSEND_EINVAL || strcmp(what, "list") == 0 ||
	    strcmp(what, "get") == 0 || strcmp(what, "deliveries") == 0)
		return;
	if (gosend_error_is_retryable(e))
		fprintf(stderr, "%s: %s: safe to try again\n", prog, what);
	else
		fprintf(stderr,
		        "%s: %s: do not repeat it as is: it was refused (fix "
		        "it first), or it may have taken effect (check "
		        "first)\n",
		        prog, what);
}

static int report(const char *what, int err, gosend_error *e)
{
	if (e && e->http_status)
		fprintf(stderr, "webhooks: %s: HTTP %ld: %s\n", what,
		        e->http_status, e->message);
	else if (e && e->field)
		fprintf(stderr, "webhooks: %s: %s (%s)\n", what, e->message,
		        e->field);
	else
		fprintf(stderr, "webhooks: %s: %s: %s\n", what,
		        gosend_strerror(err), e ? e->message : "");
	retry_verdict("webhooks", what, err, e);
	gosend_error_free(e);
	return exit_code(err);
}

static int usage(void)
{
	fprintf(stderr,
	        "usage: webhooks create URL EVENT...\n"
	        "       webhooks list\n"
	        "       webhooks update ID [--url U] [--enable|--disable] "
	        "[--events a,b,...]\n"
	        "       webhooks delete ID\n"
	        "       webhooks deliveries ID\n");
	return 2;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void print_events(const gosend_webhook *w)
{
	size_t i;

	for (i = 0; i < w->events_count; i++)
		printf("%s%s", i ? "," : "", w->events[i]);
	if (!w->events_count)
		printf("-");
}

static int cmd_create(gosend_client *client, int argc, char **argv)
{
	gosend_webhook_params p = GOSEND_WEBHOOK_PARAMS_INIT;
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;
	int err;

	p.url = argv[0];
	p.events = (const char *const *)(argv + 1);
	p.events_count = (size_t)(argc - 1);
	err = gosend_webhooks_create(&w, client, &p, NULL, &e);
	if (err < 0)
		return report("create", err, e);
	/* a 2xx is a created webhook, even when its answer has no id */
	printf("created webhook %s -> %s\nevents: ",
	       w->id ? w->id : "(id unknown)", or_dash(w->url));
	print_events(w);
	printf("\n\n");
	printf("=====================================================\n");
	printf(" SIGNING SECRET -- SHOWN ONLY THIS ONCE, STORE IT NOW\n");
	printf("   %s\n", w->secret ? w->secret : "(the server sent none)");
	printf(" The API never returns it again. If you lose it,\n");
	printf(" rotate it in the dashboard (app.gosendapi.com).\n");
	printf("=====================================================\n");
	gosend_webhook_free(w); /* also wipes the secret from memory */
	return 0;
}

static int cmd_list(gosend_client *client)
{
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_webhook *w;
	int err;

	err = gosend_webhooks_iter_new(&it, client, 0, NULL, &e);
	if (err < 0)
		return report("list", err, e);
	while ((err = gosend_webhooks_iter_next(&w, it, &e)) == 1) {
		printf("%-6s %-8s %-40s ", or_dash(w->id),
		       w->enabled == 0 ? "disabled" : "enabled",
		       or_dash(w->url));
		print_events(w);
		if (w->phone_number_id)
			printf(" (phone %s)", w->phone_number_id);
		putchar('\n');
	}
	gosend_iter_free(it);
	return err < 0 ? report("list", err, e) : 0;
}

/* Split "a,b,c" in place into at most MAX_EVENTS names. */
static size_t split_events(char *s, const char **out)
{
	size_t n = 0;

	while (s && n < MAX_EVENTS) {
		char *comma = strchr(s, ',');
		if (comma)
			*comma = '\0';
		out[n++] = s;
		s = comma ? comma + 1 : NULL;
	}
	return n;
}

static int cmd_update(gosend_client *client, int argc, char **argv)
{
	gosend_webhook_update_params u = GOSEND_WEBHOOK_UPDATE_PARAMS_INIT;
	gosend_webhook *w = NULL;
	gosend_error *e = NULL;
	const char *events[MAX_EVENTS];
	int i, err;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--url") == 0 && i + 1 < argc) {
			u.url = argv[++i];
		} else if (strcmp(argv[i], "--enable") == 0) {
			u.set_enabled = 1;
			u.enabled = 1;
		} else if (strcmp(argv[i], "--disable") == 0) {
			u.set_enabled = 1;
			u.enabled = 0;
		} else if (strcmp(argv[i], "--events") == 0 && i + 1 < argc) {
			u.events = events;
			u.events_count = split_events(argv[++i], events);
		} else {
			return usage();
		}
	}
	err = gosend_webhooks_update(&w, client, argv[0], &u, NULL, &e);
	if (err < 0)
		return report("update", err, e);
	if (w) {
		printf("webhook %s: %s %s ", or_dash(w->id),
		       w->enabled == 0 ? "disabled" : "enabled",
		       or_dash(w->url));
		print_events(w);
		putchar('\n');
		gosend_webhook_free(w);
	} else {
		printf("updated webhook %s\n", argv[0]);
	}
	return 0;
}

static int cmd_deliveries(gosend_client *client, const char *id)
{
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_webhook_delivery *d;
	int err;

	err = gosend_webhook_deliveries_iter_new(&it, client, id, 0, NULL, &e);
	if (err < 0)
		return report("deliveries", err, e);
	while ((err = gosend_webhook_deliveries_iter_next(&d, it, &e)) == 1) {
		printf("%-12s %-30s %-10s attempts=%lld", or_dash(d->id),
		       or_dash(d->event), or_dash(d->status), d->attempts);
		if (d->response_status >= 0)
			printf(" http=%lld", d->response_status);
		if (d->next_attempt_at)
			printf(" next=%s", d->next_attempt_at);
		putchar('\n');
	}
	gosend_iter_free(it);
	return err < 0 ? report("deliveries", err, e) : 0;
}

int main(int argc, char **argv)
{
	gosend_client *client = NULL;
	gosend_error *e = NULL;
	const char *cmd;
	int err, rc;

	if (argc < 2)
		return usage();
	cmd = argv[1];
	if (!((strcmp(cmd, "create") == 0 && argc >= 4) ||
	      (strcmp(cmd, "list") == 0 && argc == 2) ||
	      (strcmp(cmd, "update") == 0 && argc >= 4) ||
	      (strcmp(cmd, "delete") == 0 && argc == 3) ||
	      (strcmp(cmd, "deliveries") == 0 && argc == 3)))
		return usage();
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "webhooks: set GOSENDAPI_KEY to your API key "
		                "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	err = gosend_client_new_from_env(&client, NULL, &e);
	if (err < 0) {
		fprintf(stderr, "webhooks: %s\n", e->message);
		gosend_error_free(e);
		return 2;
	}
	if (strcmp(cmd, "create") == 0) {
		rc = cmd_create(client, argc - 2, argv + 2);
	} else if (strcmp(cmd, "list") == 0) {
		rc = cmd_list(client);
	} else if (strcmp(cmd, "update") == 0) {
		rc = cmd_update(client, argc - 2, argv + 2);
	} else if (strcmp(cmd, "delete") == 0) {
		err = gosend_webhooks_delete(client, argv[2], NULL, &e);
		rc = err < 0 ? report("delete", err, e) : 0;
		if (rc == 0)
			printf("deleted webhook %s\n", argv[2]);
	} else {
		rc = cmd_deliveries(client, argv[2]);
	}
	gosend_client_free(client);
	return rc;
}
