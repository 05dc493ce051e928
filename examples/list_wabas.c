/*
 * list_wabas: print every WhatsApp Business Account of the project with its
 * phone numbers (GET /wabas and GET /wabas/{id}/phone-numbers), walking all
 * pages with the auto-paginating iterators.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] list_wabas
 *
 * The phone_number_id printed for each number is the value message sends
 * take as their sender.
 *
 * Exit codes shared by every example: 0 success, 1 API error (the HTTP
 * status and the server's message go to stderr), 2 usage error, 3 network
 * error or timeout.
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#include <stdio.h>
#include <stdlib.h>

#include <gosendapi/gosendapi.h>
#include <gosendapi/phone_numbers.h>
#include <gosendapi/wabas.h>

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

static int report(const char *what, int err, gosend_error *e)
{
	if (e && e->http_status)
		fprintf(stderr, "list_wabas: %s: HTTP %ld: %s\n", what,
		        e->http_status, e->message);
	else
		fprintf(stderr, "list_wabas: %s: %s: %s\n", what,
		        gosend_strerror(err), e ? e->message : "");
	gosend_error_free(e);
	return exit_code(err);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

/* Print the phone numbers of one WABA; 0 or an exit code. */
static int print_numbers(gosend_client *client, const char *waba_id)
{
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_phone_number *n;
	int err;

	err = gosend_phone_numbers_iter_new(&it, client, waba_id, 0, NULL, &e);
	if (err < 0)
		return report("phone numbers", err, e);
	while ((err = gosend_phone_numbers_iter_next(&n, it, &e)) == 1) {
		printf("  %-16s %-20s %-24s quality=%s %s status=%s\n",
		       or_dash(n->phone_number_id),
		       or_dash(n->display_phone_number),
		       or_dash(n->display_name),
		       or_dash(n->quality_rating_name),
		       or_dash(n->connection_type_name),
		       or_dash(n->status_name));
	}
	if (gosend_iter_count(it) == 0 && err == 0)
		printf("  (no phone numbers)\n");
	gosend_iter_free(it);
	return err < 0 ? report("phone numbers", err, e) : 0;
}

int main(void)
{
	gosend_client *client = NULL;
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_waba *w;
	int err, rc = 0;

	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "list_wabas: set GOSENDAPI_KEY to your API key "
		                "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	err = gosend_client_new_from_env(&client, NULL, &e);
	if (err < 0) {
		fprintf(stderr, "list_wabas: %s\n", e->message);
		gosend_error_free(e);
		return 2;
	}
	err = gosend_wabas_iter_new(&it, client, 0, NULL, &e);
	if (err < 0) {
		rc = report("WABAs", err, e);
		gosend_client_free(client);
		return rc;
	}
	while (rc == 0 && (err = gosend_wabas_iter_next(&w, it, &e)) == 1) {
		printf("WABA %s \"%s\" (Meta id %s) %s\n", w->id,
		       or_dash(w->display_name), or_dash(w->waba_id),
		       or_dash(w->status_name));
		rc = print_numbers(client, w->id);
	}
	if (rc == 0 && err < 0)
		rc = report("WABAs", err, e);
	else if (rc == 0 && gosend_iter_count(it) == 0)
		printf("no WABAs yet: onboard a customer with a setup link\n");
	gosend_iter_free(it);
	gosend_client_free(client);
	return rc;
}
