/*
 * The asynchronous form of every endpoint: each runs the blocking function
 * of the same name in capture mode (call/endpoint.h), so the arguments are
 * checked and the request built by the very same code, then hands the
 * request to the engine. Nothing here knows a method, a path or a field.
 */
#include "async/engine.h"

/* The body of every asynchronous form: `expr` is the blocking call, made
 * with CLIENT for its client and &unused for its out-parameter. */
#define ASYNC_FORM(expr)                                                     \
	do {                                                                 \
		gosend__capture cap_;                                        \
		int rc_ = gosend__async_capture_begin(&cap_, as, done, call, \
		                                      err);                  \
		if (rc_ != 0)                                                \
			return rc_;                                          \
		rc_ = (expr);                                                \
		return gosend__async_capture_end(&cap_, rc_, as, done,       \
		                                 payload, call, err);        \
	} while (0)

#define CLIENT gosend__async_client(as)

/* ---- messages ---- */

int gosend_async_messages_send(gosend_async *as, const gosend_outgoing *msg,
                               const gosend_request_options *opts,
                               gosend_async_done_fn done, void *payload,
                               gosend_async_call **call, gosend_error **err)
{
	gosend_message_result *unused = NULL;

	ASYNC_FORM(gosend_messages_send(&unused, CLIENT, msg, opts, err));
}

int gosend_async_messages_send_text(gosend_async *as,
                                    const char *phone_number_id, const char *to,
                                    const char *body,
                                    const gosend_request_options *opts,
                                    gosend_async_done_fn done, void *payload,
                                    gosend_async_call **call,
                                    gosend_error **err)
{
	gosend_message_result *unused = NULL;

	ASYNC_FORM(gosend_messages_send_text(&unused, CLIENT, phone_number_id,
	                                     to, body, opts, err));
}

int gosend_async_messages_send_json(gosend_async *as, const char *json,
                                    const gosend_request_options *opts,
                                    gosend_async_done_fn done, void *payload,
                                    gosend_async_call **call,
                                    gosend_error **err)
{
	gosend_message_result *unused = NULL;

	ASYNC_FORM(gosend_messages_send_json(&unused, CLIENT, json, opts, err));
}

int gosend_async_messages_list(gosend_async *as,
                               const gosend_list_params *params,
                               const gosend_request_options *opts,
                               gosend_async_done_fn done, void *payload,
                               gosend_async_call **call, gosend_error **err)
{
	gosend_message_list *unused = NULL;

	ASYNC_FORM(gosend_messages_list(&unused, CLIENT, params, opts, err));
}

int gosend_async_messages_get(gosend_async *as, const char *message_id,
                              const gosend_request_options *opts,
                              gosend_async_done_fn done, void *payload,
                              gosend_async_call **call, gosend_error **err)
{
	gosend_message *unused = NULL;

	ASYNC_FORM(gosend_messages_get(&unused, CLIENT, message_id, opts, err));
}

/* ---- media ---- */

int gosend_async_media_upload_file(gosend_async *as,
                                   const char *phone_number_id,
                                   const char *path, const char *mime_type,
                                   const gosend_request_options *opts,
                                   gosend_async_done_fn done, void *payload,
                                   gosend_async_call **call, gosend_error **err)
{
	gosend_media_result *unused = NULL;

	ASYNC_FORM(gosend_media_upload_file(&unused, CLIENT, phone_number_id,
	                                    path, mime_type, opts, err));
}

int gosend_async_media_upload_buffer(
        gosend_async *as, const char *phone_number_id, const void *data,
        size_t len, const char *filename, const char *mime_type,
        const gosend_request_options *opts, gosend_async_done_fn done,
        void *payload, gosend_async_call **call, gosend_error **err)
{
	gosend_media_result *unused = NULL;

	ASYNC_FORM(gosend_media_upload_buffer(&unused, CLIENT, phone_number_id,
	                                      data, len, filename, mime_type,
	                                      opts, err));
}

/* ---- WABAs and phone numbers ---- */

int gosend_async_wabas_list(gosend_async *as, const gosend_list_params *params,
                            const gosend_request_options *opts,
                            gosend_async_done_fn done, void *payload,
                            gosend_async_call **call, gosend_error **err)
{
	gosend_waba_list *unused = NULL;

	ASYNC_FORM(gosend_wabas_list(&unused, CLIENT, params, opts, err));
}

int gosend_async_wabas_get(gosend_async *as, const char *waba_id,
                           const gosend_request_options *opts,
                           gosend_async_done_fn done, void *payload,
                           gosend_async_call **call, gosend_error **err)
{
	gosend_waba *unused = NULL;

	ASYNC_FORM(gosend_wabas_get(&unused, CLIENT, waba_id, opts, err));
}

int gosend_async_phone_numbers_list(gosend_async *as, const char *waba_id,
                                    const gosend_list_params *params,
                                    const gosend_request_options *opts,
                                    gosend_async_done_fn done, void *payload,
                                    gosend_async_call **call,
                                    gosend_error **err)
{
	gosend_phone_number_list *unused = NULL;

	ASYNC_FORM(gosend_phone_numbers_list(&unused, CLIENT, waba_id, params,
	                                     opts, err));
}

/* ---- templates ---- */

int gosend_async_templates_list(gosend_async *as, const char *waba_id,
                                const gosend_list_params *params,
                                const gosend_request_options *opts,
                                gosend_async_done_fn done, void *payload,
                                gosend_async_call **call, gosend_error **err)
{
	gosend_template_list *unused = NULL;

	ASYNC_FORM(gosend_templates_list(&unused, CLIENT, waba_id, params, opts,
	                                 err));
}

int gosend_async_templates_create(gosend_async *as, const char *waba_id,
                                  const gosend_template_builder *b,
                                  const gosend_request_options *opts,
                                  gosend_async_done_fn done, void *payload,
                                  gosend_async_call **call, gosend_error **err)
{
	gosend_template *unused = NULL;

	ASYNC_FORM(gosend_templates_create(&unused, CLIENT, waba_id, b, opts,
	                                   err));
}

int gosend_async_templates_sync(gosend_async *as, const char *waba_id,
                                const gosend_request_options *opts,
                                gosend_async_done_fn done, void *payload,
                                gosend_async_call **call, gosend_error **err)
{
	gosend_template_sync_result *unused = NULL;

	ASYNC_FORM(gosend_templates_sync(&unused, CLIENT, waba_id, opts, err));
}

int gosend_async_templates_delete(gosend_async *as, const char *waba_id,
                                  const char *template_id,
                                  const gosend_request_options *opts,
                                  gosend_async_done_fn done, void *payload,
                                  gosend_async_call **call, gosend_error **err)
{
	ASYNC_FORM(gosend_templates_delete(CLIENT, waba_id, template_id, opts,
	                                   err));
}

/* ---- conversations ---- */

int gosend_async_conversations_list(gosend_async *as,
                                    const gosend_list_params *params,
                                    const gosend_request_options *opts,
                                    gosend_async_done_fn done, void *payload,
                                    gosend_async_call **call,
                                    gosend_error **err)
{
	gosend_conversation_list *unused = NULL;

	ASYNC_FORM(
	        gosend_conversations_list(&unused, CLIENT, params, opts, err));
}

int gosend_async_conversations_get(gosend_async *as,
                                   const char *conversation_id,
                                   const gosend_request_options *opts,
                                   gosend_async_done_fn done, void *payload,
                                   gosend_async_call **call, gosend_error **err)
{
	gosend_conversation *unused = NULL;

	ASYNC_FORM(gosend_conversations_get(&unused, CLIENT, conversation_id,
	                                    opts, err));
}

int gosend_async_conversations_close(gosend_async *as,
                                     const char *conversation_id,
                                     const gosend_request_options *opts,
                                     gosend_async_done_fn done, void *payload,
                                     gosend_async_call **call,
                                     gosend_error **err)
{
	gosend_conversation *unused = NULL;

	ASYNC_FORM(gosend_conversations_close(&unused, CLIENT, conversation_id,
	                                      opts, err));
}

/* ---- webhooks ---- */

int gosend_async_webhooks_create(gosend_async *as,
                                 const gosend_webhook_params *params,
                                 const gosend_request_options *opts,
                                 gosend_async_done_fn done, void *payload,
                                 gosend_async_call **call, gosend_error **err)
{
	gosend_webhook *unused = NULL;

	ASYNC_FORM(gosend_webhooks_create(&unused, CLIENT, params, opts, err));
}

int gosend_async_webhooks_list(gosend_async *as,
                               const gosend_list_params *params,
                               const gosend_request_options *opts,
                               gosend_async_done_fn done, void *payload,
                               gosend_async_call **call, gosend_error **err)
{
	gosend_webhook_list *unused = NULL;

	ASYNC_FORM(gosend_webhooks_list(&unused, CLIENT, params, opts, err));
}

int gosend_async_webhooks_update(gosend_async *as, const char *webhook_id,
                                 const gosend_webhook_update_params *params,
                                 const gosend_request_options *opts,
                                 gosend_async_done_fn done, void *payload,
                                 gosend_async_call **call, gosend_error **err)
{
	gosend_webhook *unused = NULL;

	ASYNC_FORM(gosend_webhooks_update(&unused, CLIENT, webhook_id, params,
	                                  opts, err));
}

int gosend_async_webhooks_delete(gosend_async *as, const char *webhook_id,
                                 const gosend_request_options *opts,
                                 gosend_async_done_fn done, void *payload,
                                 gosend_async_call **call, gosend_error **err)
{
	ASYNC_FORM(gosend_webhooks_delete(CLIENT, webhook_id, opts, err));
}

int gosend_async_webhook_deliveries_list(
        gosend_async *as, const char *webhook_id,
        const gosend_list_params *params, const gosend_request_options *opts,
        gosend_async_done_fn done, void *payload, gosend_async_call **call,
        gosend_error **err)
{
	gosend_webhook_delivery_list *unused = NULL;

	ASYNC_FORM(gosend_webhook_deliveries_list(&unused, CLIENT, webhook_id,
	                                          params, opts, err));
}

/* ---- the project, onboarding ---- */

int gosend_async_me_get(gosend_async *as, const gosend_request_options *opts,
                        gosend_async_done_fn done, void *payload,
                        gosend_async_call **call, gosend_error **err)
{
	gosend_me *unused = NULL;

	ASYNC_FORM(gosend_me_get(&unused, CLIENT, opts, err));
}

int gosend_async_customers_create(gosend_async *as, const char *tenant_id,
                                  const gosend_customer_params *params,
                                  const gosend_request_options *opts,
                                  gosend_async_done_fn done, void *payload,
                                  gosend_async_call **call, gosend_error **err)
{
	gosend_customer *unused = NULL;

	ASYNC_FORM(gosend_customers_create(&unused, CLIENT, tenant_id, params,
	                                   opts, err));
}

int gosend_async_setup_links_create(gosend_async *as, const char *customer_id,
                                    const gosend_setup_link_params *params,
                                    const gosend_request_options *opts,
                                    gosend_async_done_fn done, void *payload,
                                    gosend_async_call **call,
                                    gosend_error **err)
{
	gosend_setup_link *unused = NULL;

	ASYNC_FORM(gosend_setup_links_create(&unused, CLIENT, customer_id,
	                                     params, opts, err));
}
