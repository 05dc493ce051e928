/*
 * conversations: list the project's conversations (24-hour windows), show
 * one, or close one.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] conversations CMD
 *   list        every conversation, all pages
 *   get ID      one conversation in detail
 *   close ID    end it (only templates can be sent to the contact after)
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

#include <gosendapi/conversations.h>
#include <gosendapi/gosendapi.h>

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
		fprintf(stderr, "conversations: %s: HTTP %ld: %s\n", what,
		        e->http_status, e->message);
	else
		fprintf(stderr, "conversations: %s: %s: %s\n", what,
		        gosend_strerror(err), e ? e->message : "");
	retry_verdict("conversations", what, err, e);
	gosend_error_free(e);
	return exit_code(err);
}

static int usage(void)
{
	fprintf(stderr, "usage: conversations list\n"
	                "       conversations get ID\n"
	                "       conversations close ID\n");
	return 2;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void print_detail(const gosend_conversation *c)
{
	printf("id:              %s\n", or_dash(c->id));
	printf("status:          %s\n", or_dash(c->status_name));
	printf("contact:         %s %s\n", or_dash(c->contact_wa_id),
	       c->contact_name ? c->contact_name : "");
	printf("phone_number_id: %s\n", or_dash(c->phone_number_id));
	printf("category:        %s\n", or_dash(c->category));
	printf("opened_at:       %s\n", or_dash(c->opened_at));
	printf("expires_at:      %s\n", or_dash(c->expires_at));
	printf("closed_at:       %s\n", or_dash(c->closed_at));
	if (c->status == GOSEND_CONVERSATION_STATUS_ENDED)
		printf("(window over: only templates can be sent)\n");
}

static int cmd_list(gosend_client *client)
{
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_conversation *c;
	int err;

	err = gosend_conversations_iter_new(&it, client, 0, NULL, &e);
	if (err < 0)
		return report("list", err, e);
	while ((err = gosend_conversations_iter_next(&c, it, &e)) == 1)
		printf("%-10s %-9s %-16s %-14s expires %s\n", c->id,
		       or_dash(c->status_name), or_dash(c->contact_wa_id),
		       or_dash(c->category), or_dash(c->expires_at));
	if (err == 0)
		printf("%zu conversation(s)\n", gosend_iter_count(it));
	gosend_iter_free(it);
	return err < 0 ? report("list", err, e) : 0;
}

int main(int argc, char **argv)
{
	gosend_client *client = NULL;
	gosend_conversation *c = NULL;
	gosend_error *e = NULL;
	int err, rc = 0;

	if (argc < 2 || (strcmp(argv[1], "list") == 0 && argc != 2) ||
	    ((strcmp(argv[1], "get") == 0 || strcmp(argv[1], "close") == 0) &&
	     argc != 3) ||
	    (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "get") != 0 &&
	     strcmp(argv[1], "close") != 0))
		return usage();
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "conversations: set GOSENDAPI_KEY to your API "
		                "key (gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	err = gosend_client_new_from_env(&client, NULL, &e);
	if (err < 0) {
		fprintf(stderr, "conversations: %s\n", e->message);
		gosend_error_free(e);
		return 2;
	}
	if (strcmp(argv[1], "list") == 0) {
		rc = cmd_list(client);
	} else if (strcmp(argv[1], "get") == 0) {
		err = gosend_conversations_get(&c, client, argv[2], NULL, &e);
		if (err < 0) {
			rc = report("get", err, e);
		} else {
			print_detail(c);
			gosend_conversation_free(c);
		}
	} else {
		err = gosend_conversations_close(&c, client, argv[2], NULL, &e);
		if (err < 0) {
			rc = report("close", err, e);
		} else if (c) {
			printf("closed; the conversation is now:\n");
			print_detail(c);
			gosend_conversation_free(c);
		} else {
			printf("closed conversation %s\n", argv[2]);
		}
	}
	gosend_client_free(client);
	return rc;
}
