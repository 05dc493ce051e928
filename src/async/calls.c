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
