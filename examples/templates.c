/*
 * templates: list, create, sync and delete the message templates of a WABA.
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] templates CMD
 *   list   WABA_ID
 *   create WABA_ID NAME CATEGORY LANGUAGE BODY_TEXT [SAMPLE...]
 *   create WABA_ID NAME CATEGORY LANGUAGE --json FILE
 *   sync   WABA_ID
 *   delete WABA_ID TEMPLATE_ID
 *
 * CATEGORY is UTILITY, AUTHENTICATION or MARKETING. BODY_TEXT may hold
 * placeholders {{1}}, {{2}}...; give one SAMPLE value for each (Meta
 * reviews templates with their samples). With --json, FILE holds the
 * components as a JSON array in Meta's shape, for templates the builder does
 * not model. A new template starts PENDING until Meta reviews it.
 *
 *   templates create 1 order_update UTILITY en_US \
 *       "Hi {{1}}, your order ships {{2}}." Ana today
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
#include <gosendapi/templates.h>

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
		fprintf(stderr, "templates: %s: HTTP %ld: %s\n", what,
		        e->http_status, e->message);
	else if (e && e->field)
		fprintf(stderr, "templates: %s: %s (%s)\n", what, e->message,
		        e->field);
	else
		fprintf(stderr, "templates: %s: %s: %s\n", what,
		        gosend_strerror(err), e ? e->message : "");
	retry_verdict("templates", what, err, e);
	gosend_error_free(e);
	return exit_code(err);
}

static int usage(void)
{
	fprintf(stderr,
	        "usage: templates list WABA_ID\n"
	        "       templates create WABA_ID NAME CATEGORY LANGUAGE "
	        "BODY_TEXT [SAMPLE...]\n"
	        "       templates create WABA_ID NAME CATEGORY LANGUAGE "
	        "--json FILE\n"
	        "       templates sync WABA_ID\n"
	        "       templates delete WABA_ID TEMPLATE_ID\n");
	return 2;
}

/* Whole file as a NUL-terminated string (at most 1 MiB), or NULL. */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = malloc((1u << 20) + 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, 1u << 20, f);
	if (ferror(f) || !feof(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int cmd_list(gosend_client *client, const char *waba_id)
{
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const gosend_template *t;
	int err;

	err = gosend_templates_iter_new(&it, client, waba_id, 0, NULL, &e);
	if (err < 0)
		return report("list", err, e);
	while ((err = gosend_templates_iter_next(&t, it, &e)) == 1) {
		printf("%-8s %-32s %-6s %-15s %s", t->id ? t->id : "-",
		       t->name ? t->name : "-", t->language ? t->language : "-",
		       t->category_name ? t->category_name : "-",
		       t->status_name ? t->status_name : "-");
		if (t->rejection_reason)
			printf(" (%s)", t->rejection_reason);
		putchar('\n');
	}
	gosend_iter_free(it);
	return err < 0 ? report("list", err, e) : 0;
}

static int cmd_create(gosend_client *client, int argc, char **argv)
{
	gosend_template_builder *b = NULL;
	gosend_template *t = NULL;
	gosend_error *e = NULL;
	int err;

	/* argv: WABA_ID NAME CATEGORY LANGUAGE (BODY [SAMPLE...] | --json F) */
	if (argc < 5)
		return usage();
	err = gosend_template_builder_new(&b, argv[1], argv[2], argv[3], &e);
	if (err < 0)
		return report("create", err, e);
	if (strcmp(argv[4], "--json") == 0) {
		char *json;
		if (argc != 6) {
			gosend_template_builder_free(b);
			return usage();
		}
		json = read_file(argv[5]);
		if (!json) {
			fprintf(stderr, "templates: cannot read %s\n", argv[5]);
			gosend_template_builder_free(b);
			return 2;
		}
		err = gosend_template_builder_components_json(b, json, &e);
		free(json);
	} else {
		err = gosend_template_builder_body(
		        b, argv[4], (const char *const *)(argv + 5),
		        (size_t)(argc - 5), &e);
	}
	if (err == 0)
		err = gosend_templates_create(&t, client, argv[0], b, NULL, &e);
	gosend_template_builder_free(b);
	if (err < 0)
		return report("create", err, e);
	/* a 2xx is a created template, even when its answer has no id */
	printf("created template %s \"%s\" (%s): status %s\n",
	       t->id ? t->id : "(id unknown)", t->name ? t->name : "",
	       t->language ? t->language : "",
	       t->status_name ? t->status_name : "unknown");
	gosend_template_free(t);
	return 0;
}

static int cmd_sync(gosend_client *client, const char *waba_id)
{
	gosend_template_sync_result *s = NULL;
	gosend_error *e = NULL;
	int err = gosend_templates_sync(&s, client, waba_id, NULL, &e);

	if (err < 0)
		return report("sync", err, e);
	if (s->synced >= 0)
		printf("synced %lld template(s) from Meta\n", s->synced);
	else
		printf("sync requested\n");
	gosend_template_sync_result_free(s);
	return 0;
}

static int cmd_delete(gosend_client *client, const char *waba_id,
                      const char *template_id)
{
	gosend_error *e = NULL;
	int err =
	        gosend_templates_delete(client, waba_id, template_id, NULL, &e);

	if (err < 0)
		return report("delete", err, e);
	printf("deleted template %s\n", template_id);
	return 0;
}

int main(int argc, char **argv)
{
	gosend_client *client = NULL;
	gosend_error *e = NULL;
	const char *cmd;
	int err, rc;

	if (argc < 3)
		return usage();
	cmd = argv[1];
	if (!((strcmp(cmd, "list") == 0 && argc == 3) ||
	      (strcmp(cmd, "sync") == 0 && argc == 3) ||
	      (strcmp(cmd, "delete") == 0 && argc == 4) ||
	      (strcmp(cmd, "create") == 0 && argc >= 7)))
		return usage();
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "templates: set GOSENDAPI_KEY to your API key "
		                "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	err = gosend_client_new_from_env(&client, NULL, &e);
	if (err < 0) {
		fprintf(stderr, "templates: %s\n", e->message);
		gosend_error_free(e);
		return 2;
	}
	if (strcmp(cmd, "list") == 0)
		rc = cmd_list(client, argv[2]);
	else if (strcmp(cmd, "sync") == 0)
		rc = cmd_sync(client, argv[2]);
	else if (strcmp(cmd, "delete") == 0)
		rc = cmd_delete(client, argv[2], argv[3]);
	else
		rc = cmd_create(client, argc - 2, argv + 2);
	gosend_client_free(client);
	return rc;
}
