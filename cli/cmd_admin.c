/*
 * Onboarding: customers create, setup-links create.
 */
#include <stdio.h>

#include "args.h"
#include "util.h"

static const cli_optspec customer_opts[] = {
        {"name", 0, 1, OPT_NAME, CLI_REQUIRED, "NAME", "customer name"},
        {"external-id", 0, 1, OPT_EXTERNAL_ID, 0, "ID",
         "your own id for the customer"},
        {"email", 0, 1, OPT_EMAIL, 0, "EMAIL", "contact e-mail"},
        {"phone", 0, 1, OPT_PHONE, 0, "PHONE", "contact phone"},
        {"metadata", 0, 1, OPT_METADATA, 0, "JSON",
         "free-form JSON object, e.g. '{\"plan\":\"pro\"}'"},
        CLI_OPT_END};

static int run_customer(cli_ctx *ctx, const cli_args *a)
{
	gosend_customer_params p = GOSEND_CUSTOMER_PARAMS_INIT;
	gosend_customer *r = NULL;
	gosend_error *e = NULL;
	int rc;

	p.name = cli_opt(a, OPT_NAME);
	p.external_id = cli_opt(a, OPT_EXTERNAL_ID);
	p.email = cli_opt(a, OPT_EMAIL);
	p.phone = cli_opt(a, OPT_PHONE);
	p.metadata_json = cli_opt(a, OPT_METADATA);
	rc = gosend_customers_create(&r, ctx->client, a->argv[0], &p,
	                             cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(r->raw_json);
	gosend_customer_free(r);
	return CLI_EXIT_OK;
}

static const cli_optspec link_opts[] = {
        {"success-url", 0, 1, OPT_SUCCESS_URL, 0, "URL",
         "where the customer lands after signing up"},
        {"failure-url", 0, 1, OPT_FAILURE_URL, 0, "URL",
         "where the customer lands when signup fails"},
        {"expires-at", 0, 1, OPT_EXPIRES_AT, 0, "TIME",
         "expiry, ISO-8601 with a zone, e.g. 2026-05-25T23:59:59Z"},
        CLI_OPT_END};

static int run_link(cli_ctx *ctx, const cli_args *a)
{
	gosend_setup_link_params p = GOSEND_SETUP_LINK_PARAMS_INIT;
	gosend_setup_link *r = NULL;
	gosend_error *e = NULL;
	int rc;

	p.success_redirect_url = cli_opt(a, OPT_SUCCESS_URL);
	p.failure_redirect_url = cli_opt(a, OPT_FAILURE_URL);
	p.expires_at = cli_opt(a, OPT_EXPIRES_AT);
	rc = gosend_setup_links_create(&r, ctx->client, a->argv[0], &p,
	                               cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(r->raw_json);
	gosend_setup_link_free(r);
	return CLI_EXIT_OK;
}

const cli_cmd cli_cmds_admin[] = {
        {"customers", "create", "TENANT", 1, CLI_NEEDS_CLIENT, customer_opts,
         run_customer, NULL, "create a customer of project TENANT",
         "TENANT is the project id ('gosendapi me' prints it as id).\n"
         "\nExample:\n  gosendapi customers create 42 --name 'Clinica San "
         "Lucas' --external-id clinic_001\n"},
        {"setup-links", "create", "CUSTOMER", 1, CLI_NEEDS_CLIENT, link_opts,
         run_link, NULL, "create an Embedded Signup link",
         "Example:\n  gosendapi setup-links create 7 --success-url "
         "https://example.com/ok \\\n"
         "      --failure-url https://example.com/ko --expires-at "
         "2026-05-25T23:59:59Z\n"},
        {NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL}};
