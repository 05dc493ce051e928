/*
 * me, wabas, templates, conversations.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "args.h"
#include "run.h"
#include "util.h"

/* ---- adapters ---- */

CLI_GET_ADAPTER(me_get, gosend_me, gosend_me_free, gosend_me_get(&r, c, o, e));
CLI_GET_ADAPTER(waba_get, gosend_waba, gosend_waba_free,
                gosend_wabas_get(&r, c, id[0], o, e));
CLI_GET_ADAPTER(template_sync, gosend_template_sync_result,
                gosend_template_sync_result_free,
                gosend_templates_sync(&r, c, id[0], o, e));
CLI_GET_ADAPTER(conversation_get, gosend_conversation, gosend_conversation_free,
                gosend_conversations_get(&r, c, id[0], o, e));
CLI_GET_ADAPTER(conversation_close, gosend_conversation,
                gosend_conversation_free,
                gosend_conversations_close(&r, c, id[0], o, e));

CLI_LIST_ADAPTER(wabas, gosend_waba, gosend_waba_list, gosend_waba_list_free,
                 gosend_wabas_list(&l, c, p, o, e),
                 gosend_wabas_iter_new(it, c, 0, o, e),
                 gosend_wabas_iter_next(&x, it, e));
CLI_LIST_ADAPTER(phones, gosend_phone_number, gosend_phone_number_list,
                 gosend_phone_number_list_free,
                 gosend_phone_numbers_list(&l, c, parent, p, o, e),
                 gosend_phone_numbers_iter_new(it, c, parent, 0, o, e),
                 gosend_phone_numbers_iter_next(&x, it, e));
CLI_LIST_ADAPTER(templates, gosend_template, gosend_template_list,
                 gosend_template_list_free,
                 gosend_templates_list(&l, c, parent, p, o, e),
                 gosend_templates_iter_new(it, c, parent, 0, o, e),
                 gosend_templates_iter_next(&x, it, e));
CLI_LIST_ADAPTER(conversations, gosend_conversation, gosend_conversation_list,
                 gosend_conversation_list_free,
                 gosend_conversations_list(&l, c, p, o, e),
                 gosend_conversations_iter_new(it, c, 0, o, e),
                 gosend_conversations_iter_next(&x, it, e));

/* ---- templates create ---- */

static const cli_optspec template_create_opts[] = {
        {"json", 0, 1, OPT_JSON, 0, "FILE",
         "the whole template as JSON ('-': stdin): name, category, "
         "language, components"},
        {"name", 0, 1, OPT_NAME, 0, "NAME", "template name: a-z, 0-9 and _"},
        {"category", 0, 1, OPT_CATEGORY, 0, "CATEGORY",
         "UTILITY, AUTHENTICATION or MARKETING"},
        {"language", 0, 1, OPT_LANGUAGE, 0, "CODE",
         "Meta locale code, e.g. en_US, es_AR"},
        {"header", 0, 1, OPT_HEADER, 0, "TEXT", "text header"},
        {"header-example", 0, 1, OPT_HEADER_EXAMPLE, 0, "VALUE",
         "sample value of the header's {{1}}"},
        {"body", 0, 1, OPT_BODY, 0, "TEXT",
         "body text with placeholders {{1}}, {{2}}, ..."},
        {"body-example", 0, 1, OPT_BODY_EXAMPLE, CLI_MULTI, "VALUE",
         "sample value of the next body placeholder"},
        {"footer", 0, 1, OPT_FOOTER, 0, "TEXT", "footer text"},
        {"quick-reply", 0, 1, OPT_QUICK_REPLY, CLI_MULTI, "TEXT",
         "quick-reply button"},
        CLI_OPT_END};

/* Fill a builder from a JSON file holding the whole template. */
static int builder_from_json(cli_ctx *ctx, const char *path,
                             gosend_template_builder **b, gosend_error **e)
{
	static const char *const known[] = {"name", "category", "language",
	                                    "components"};
	const cJSON *name, *category, *language, *components, *item;
	cJSON *root;
	char *text = NULL, *comp;
	size_t len, k;
	int rc;

	rc = cli_read_input(ctx, path, &text, &len);
	if (rc)
		return rc;
	root = cJSON_ParseWithLength(text, len);
	free(text);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return cli_usage(ctx, "--json: '%s' is not a JSON object",
		                 path);
	}
	cJSON_ArrayForEach(item, root)
	{
		for (k = 0; k < sizeof known / sizeof known[0]; k++)
			if (strcmp(item->string, known[k]) == 0)
				break;
		if (k == sizeof known / sizeof known[0]) {
			rc = cli_usage(ctx,
			               "--json: member '%s' is not supported "
			               "(only name, category, language and "
			               "components are sent)",
			               item->string);
			cJSON_Delete(root);
			return rc;
		}
	}
	name = cJSON_GetObjectItemCaseSensitive(root, "name");
	category = cJSON_GetObjectItemCaseSensitive(root, "category");
	language = cJSON_GetObjectItemCaseSensitive(root, "language");
	components = cJSON_GetObjectItemCaseSensitive(root, "components");
	rc = gosend_template_builder_new(b, cJSON_GetStringValue(name),
	                                 cJSON_GetStringValue(category),
	                                 cJSON_GetStringValue(language), e);
	if (rc == 0 && components) {
		comp = cJSON_PrintUnformatted(components);
		if (!comp) {
			cJSON_Delete(root);
			fprintf(stderr, "%s: out of memory\n", ctx->prog);
			return CLI_EXIT_API;
		}
		rc = gosend_template_builder_components_json(*b, comp, e);
		cJSON_free(comp);
	}
	cJSON_Delete(root);
	return rc < 0 ? cli_fail(ctx, rc, *e) : 0;
}

/* Fill a builder from the component flags. */
static int builder_from_flags(cli_ctx *ctx, const cli_args *a,
                              gosend_template_builder **b, gosend_error **e)
{
	const char *const *examples, *const *replies;
	size_t nexamples, nreplies, i;
	int rc;

	if (!cli_has(a, OPT_NAME) || !cli_has(a, OPT_CATEGORY) ||
	    !cli_has(a, OPT_LANGUAGE) || !cli_has(a, OPT_BODY))
		return cli_usage(ctx, "give --json FILE, or --name, "
		                      "--category, --language and --body");
	if (cli_has(a, OPT_HEADER_EXAMPLE) && !cli_has(a, OPT_HEADER))
		return cli_usage(ctx, "--header-example needs --header");
	examples = cli_opt_all(a, OPT_BODY_EXAMPLE, &nexamples);
	replies = cli_opt_all(a, OPT_QUICK_REPLY, &nreplies);
	rc = gosend_template_builder_new(b, cli_opt(a, OPT_NAME),
	                                 cli_opt(a, OPT_CATEGORY),
	                                 cli_opt(a, OPT_LANGUAGE), e);
	if (rc == 0 && cli_has(a, OPT_HEADER))
		rc = gosend_template_builder_header_text(
		        *b, cli_opt(a, OPT_HEADER),
		        cli_opt(a, OPT_HEADER_EXAMPLE), e);
	if (rc == 0)
		rc = gosend_template_builder_body(*b, cli_opt(a, OPT_BODY),
		                                  examples, nexamples, e);
	if (rc == 0 && cli_has(a, OPT_FOOTER))
		rc = gosend_template_builder_footer(*b, cli_opt(a, OPT_FOOTER),
		                                    e);
	for (i = 0; rc == 0 && i < nreplies; i++)
		rc = gosend_template_builder_button_quick_reply(*b, replies[i],
		                                                e);
	return rc < 0 ? cli_fail(ctx, rc, *e) : 0;
}

static int run_template_create(cli_ctx *ctx, const cli_args *a)
{
	static const int flag_keys[] = {
	        OPT_NAME,         OPT_CATEGORY,       OPT_LANGUAGE,
	        OPT_HEADER,       OPT_HEADER_EXAMPLE, OPT_BODY,
	        OPT_BODY_EXAMPLE, OPT_FOOTER,         OPT_QUICK_REPLY};
	gosend_template_builder *b = NULL;
	gosend_template *t = NULL;
	gosend_error *e = NULL;
	size_t i;
	int rc;

	if (cli_has(a, OPT_JSON)) {
		for (i = 0; i < sizeof flag_keys / sizeof flag_keys[0]; i++)
			if (cli_has(a, flag_keys[i]))
				return cli_usage(ctx, "--json cannot be "
				                      "combined with the "
				                      "template flags");
		rc = builder_from_json(ctx, cli_opt(a, OPT_JSON), &b, &e);
	} else {
		rc = builder_from_flags(ctx, a, &b, &e);
	}
	if (rc) {
		gosend_template_builder_free(b);
		return rc;
	}
	rc = gosend_templates_create(&t, ctx->client, a->argv[0], b,
	                             cli_ropts(ctx), &e);
	gosend_template_builder_free(b);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(t->raw_json);
	gosend_template_free(t);
	return CLI_EXIT_OK;
}

/* ---- templates delete ---- */

static int run_template_delete(cli_ctx *ctx, const cli_args *a)
{
	gosend_error *e = NULL;
	int rc;

	rc = gosend_templates_delete(ctx->client, a->argv[0], a->argv[1],
	                             cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	return cli_print_deleted(a->argv[1]);
}

#define C CLI_NEEDS_CLIENT
#define L (CLI_NEEDS_CLIENT | CLI_LIST_OPTS)

const cli_cmd cli_cmds_resources[] = {
        {"me", NULL, "", 0, C, NULL, cli_run_get, &me_get_ops,
         "show the project of the API key (GET /me)",
         "Example:\n  gosendapi me\n"},
        {"wabas", "list", "", 0, L, NULL, cli_run_list, &wabas_ops,
         "list WhatsApp Business Accounts",
         "Examples:\n  gosendapi wabas list\n"
         "  gosendapi wabas list --all\n"},
        {"wabas", "get", "ID", 1, C, NULL, cli_run_get, &waba_get_ops,
         "show one WABA", "Example:\n  gosendapi wabas get 1\n"},
        {"wabas", "phone-numbers", "ID", 1, L, NULL, cli_run_list, &phones_ops,
         "list a WABA's phone numbers",
         "Example:\n  gosendapi wabas phone-numbers 1\n"},
        {"templates", "list", "WABA", 1, L, NULL, cli_run_list, &templates_ops,
         "list a WABA's message templates",
         "Example:\n  gosendapi templates list 1 --all\n"},
        {"templates", "create", "WABA", 1, C, template_create_opts,
         run_template_create, NULL, "submit a template for Meta's review",
         "Examples:\n"
         "  gosendapi templates create 1 --name order_update "
         "--category UTILITY \\\n"
         "      --language en_US --body 'Hi {{1}}, order {{2}} ships "
         "today.' \\\n"
         "      --body-example Ana --body-example '#1234' --quick-reply "
         "Thanks\n"
         "  gosendapi templates create 1 --json template.json\n"
         "\nWith --json the file holds name, category, language and "
         "components\n(Meta's component array); no other member is "
         "accepted.\n"},
        {"templates", "sync", "WABA", 1, C, NULL, cli_run_get,
         &template_sync_ops, "refresh a WABA's templates from Meta",
         "Example:\n  gosendapi templates sync 1\n"},
        {"templates", "delete", "WABA TEMPLATE_ID", 2, C, NULL,
         run_template_delete, NULL, "delete a template",
         "Prints {\"deleted\":true,\"id\":TEMPLATE_ID}.\n"
         "\nExample:\n  gosendapi templates delete 1 1002\n"},
        {"conversations", "list", "", 0, L, NULL, cli_run_list,
         &conversations_ops, "list conversations",
         "Example:\n  gosendapi conversations list --page 2 --per-page "
         "10\n"},
        {"conversations", "get", "ID", 1, C, NULL, cli_run_get,
         &conversation_get_ops, "show one conversation",
         "Example:\n  gosendapi conversations get 7\n"},
        {"conversations", "close", "ID", 1, C, NULL, cli_run_get,
         &conversation_close_ops, "close a conversation",
         "Example:\n  gosendapi conversations close 7\n"},
        {NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL}};
