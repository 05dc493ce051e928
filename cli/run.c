/*
 * Handlers shared by the command tables: one object, a page or every item
 * of a list, and the answer of a delete.
 */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "args.h"
#include "run.h"
#include "util.h"

int cli_run_get(cli_ctx *ctx, const cli_args *a)
{
	const cli_get_ops *ops = ctx->cmd->data;
	cli_obj obj = {NULL, NULL, NULL};
	gosend_error *e = NULL;
	int rc;

	rc = ops->get(&obj, ctx->client, (const char *const *)a->argv,
	              cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(obj.raw_json);
	obj.free_fn(obj.p);
	return CLI_EXIT_OK;
}

static int run_all(cli_ctx *ctx, const cli_list_ops *ops, const char *parent)
{
	gosend_iter *it = NULL;
	gosend_error *e = NULL;
	const char *raw;
	int rc;

	rc = ops->iter_new(&it, ctx->client, parent, cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	while ((rc = ops->iter_next(&raw, it, &e)) == 1)
		cli_print_json_line(raw);
	gosend_iter_free(it);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	return CLI_EXIT_OK;
}

int cli_run_list(cli_ctx *ctx, const cli_args *a)
{
	const cli_list_ops *ops = ctx->cmd->data;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	const char *parent = a->argc > 0 ? a->argv[0] : NULL;
	const char *page = cli_opt(a, OPT_PAGE);
	const char *per_page = cli_opt(a, OPT_PER_PAGE);
	cli_obj obj = {NULL, NULL, NULL};
	gosend_error *e = NULL;
	int rc;

	if (cli_has(a, OPT_ALL)) {
		if (page || per_page)
			return cli_usage(ctx, "--all walks every page: it "
			                      "takes no --page or --per-page");
		return run_all(ctx, ops, parent);
	}
	if (page &&
	    (rc = cli_parse_long(ctx, "--page", page, 1, 1000000000L, &p.page)))
		return rc;
	if (per_page && (rc = cli_parse_long(ctx, "--per-page", per_page, 1,
	                                     GOSEND_PER_PAGE_MAX, &p.per_page)))
		return rc;
	rc = ops->page(&obj, ctx->client, parent, &p, cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(obj.raw_json);
	obj.free_fn(obj.p);
	return CLI_EXIT_OK;
}

/* Print {"deleted":true,"id":ID}: the library keeps no delete answer. */
int cli_print_deleted(const char *id)
{
	cJSON *o = cJSON_CreateObject();
	char *s = NULL;

	if (o && cJSON_AddTrueToObject(o, "deleted") &&
	    cJSON_AddStringToObject(o, "id", id))
		s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		return CLI_EXIT_API;
	cli_print_json(s);
	cJSON_free(s);
	return CLI_EXIT_OK;
}
