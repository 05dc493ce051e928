/**
 * @file async.h
 * @brief Calls that never block: the client on any event loop.
 *
 * A ::gosend_async runs calls of one ::gosend_client without ever blocking
 * or sleeping. It is built on libcurl's multi-socket interface: the library
 * tells the application's event loop which sockets to watch (the `watch`
 * function of ::gosend_async_loop) and when its one timer is due (`timer`),
 * and the loop calls back with gosend_async_on_socket() and
 * gosend_async_on_timeout(). Header-only adapters wire this up for libuv
 * (`adapters/libuv.h`), libevent (`adapters/libevent.h`) and a plain
 * poll(2) loop (`adapters/poll.h`); their library is a dependency only of
 * the program that includes them.
 *
 * Every endpoint has an asynchronous form, `gosend_async_<group>_<verb>()`,
 * taking the same arguments as its blocking form (minus the out-parameter
 * and the client) and checking them the same way: an argument the blocking
 * call refuses is refused at once (the function returns the code, nothing is
 * sent and the callback never runs). Otherwise the call is queued and its
 * ::gosend_async_done_fn runs exactly once, later, from
 * gosend_async_on_socket(), gosend_async_on_timeout(), gosend_async_cancel()
 * or gosend_async_free(), never from the function that started the call.
 *
 * One pipeline: an asynchronous call is the blocking call's request, sent
 * with the same rules (docs/reliability.md): the same Idempotency-Key on
 * every attempt of a send, the same retries, backoff and `Retry-After`
 * handling (waits are timers), the same per-call deadline (from the moment
 * the call is started, its queueing time included), the same client rate
 * limit and the same typed results and errors.
 *
 * Concurrency: at most `max_in_flight` requests are on the wire at once
 * (one connection each over HTTP/1.1); further calls wait in a queue in the
 * order they were started. A queued call holds only its request (URL, body,
 * options); a completed call holds nothing.
 *
 * Thread-safety: a ::gosend_async and its calls belong to the thread that
 * runs its loop: every function of this header must be called on that
 * thread, and every callback runs on it. The ::gosend_client it wraps may be
 * used by other threads meanwhile (blocking calls, other async handles);
 * they share its rate limit.
 *
 * Memory: the arguments are copied when the call starts (ids, bodies,
 * per-call options with their headers, media data), so they may be freed as
 * soon as the starting function returns. A file uploaded by path
 * (gosend_async_media_upload_file()) is checked when the call starts and
 * read when its request is sent: it must still be there then.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_ASYNC_H
#define GOSENDAPI_ASYNC_H

#include "admin.h"
#include "client.h"
#include "conversations.h"
#include "media.h"
#include "me.h"
#include "messages.h"
#include "phone_numbers.h"
#include "templates.h"
#include "wabas.h"
#include "webhooks.h"

GOSEND_BEGIN_DECL

/** Opaque asynchronous front of a client. @since 0.1.0 */
typedef struct gosend_async gosend_async;
/** One started call, valid until its callback returns. @since 0.1.0 */
typedef struct gosend_async_call gosend_async_call;

/** Socket events: readable. @since 0.1.0 */
#define GOSEND_ASYNC_READ 1
/** Socket events: writable. @since 0.1.0 */
#define GOSEND_ASYNC_WRITE 2
/** Socket events (gosend_async_on_socket() only): an error or hang-up
 *  condition. @since 0.1.0 */
#define GOSEND_ASYNC_ERROR 4

/**
 * Watch a socket (loop side).
 * @param fd           The socket.
 * @param events       #GOSEND_ASYNC_READ and/or #GOSEND_ASYNC_WRITE: watch
 *                     for these (replacing what was asked before); 0: stop
 *                     watching it (free what was assigned to it).
 * @param socket_data  What gosend_async_assign() attached to `fd`, or NULL.
 * @param loop_data    The loop's `loop_data`.
 * Must not call back into the ::gosend_async other than
 * gosend_async_assign().
 * @since 0.1.0
 */
typedef void (*gosend_async_watch_fn)(int fd, int events, void *socket_data,
                                      void *loop_data);

/**
 * Arm the one timer (loop side): call gosend_async_on_timeout() once,
 * after `timeout_ms` (0: as soon as possible, from the loop, not from
 * here); -1: disarm it. Each call replaces the previous one. Must not call
 * back into the ::gosend_async.
 * @since 0.1.0
 */
typedef void (*gosend_async_timer_fn)(long timeout_ms, void *loop_data);

/** Current version of ::gosend_async_loop. @since 0.1.0 */
#define GOSEND_ASYNC_LOOP_VERSION 1

/**
 * How the library talks to the event loop. Copied by gosend_async_new().
 * @since 0.1.0
 */
typedef struct gosend_async_loop {
	/** Must be #GOSEND_ASYNC_LOOP_VERSION. */
	unsigned int version;
	/** Socket watching; not NULL. */
	gosend_async_watch_fn watch;
	/** The timer; not NULL. */
	gosend_async_timer_fn timer;
	/** Passed to `watch`, `timer` and `closed`. */
	void *loop_data;
	/** Optional: called once, last, when the handle is really freed
	 *  (after every socket was unwatched and the timer disarmed), with
	 *  `loop_data`. A loop that dispatches several events in a row
	 *  learns here that the handle is gone, also when a callback freed
	 *  it. */
	void (*closed)(void *loop_data);
} gosend_async_loop;

/** Static initialiser for ::gosend_async_loop. @since 0.1.0 */
#define GOSEND_ASYNC_LOOP_INIT \
	GOSEND_VERSIONED_INIT(gosend_async_loop, GOSEND_ASYNC_LOOP_VERSION)

/** Default `max_in_flight`. @since 0.1.0 */
#define GOSEND_ASYNC_DEFAULT_IN_FLIGHT 32
/** Largest accepted `max_in_flight`. @since 0.1.0 */
#define GOSEND_ASYNC_MAX_IN_FLIGHT 1024

/** Current version of ::gosend_async_options. @since 0.1.0 */
#define GOSEND_ASYNC_OPTIONS_VERSION 1

/**
 * Options of an async handle; NULL for the defaults. Copied.
 * @since 0.1.0
 */
typedef struct gosend_async_options {
	/** Must be #GOSEND_ASYNC_OPTIONS_VERSION. */
	unsigned int version;
	/** Requests on the wire at most (the connection cap); 0:
	 *  #GOSEND_ASYNC_DEFAULT_IN_FLIGHT; at most
	 *  #GOSEND_ASYNC_MAX_IN_FLIGHT. */
	unsigned int max_in_flight;
} gosend_async_options;

/** Static initialiser for ::gosend_async_options. @since 0.1.0 */
#define GOSEND_ASYNC_OPTIONS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_async_options, \
	                      GOSEND_ASYNC_OPTIONS_VERSION)

/**
 * A call ended. Runs exactly once per started call, on the loop's thread.
 *
 * @param call     The call; valid until this function returns.
 * @param code     0, or the negative ::gosend_error_code the blocking form
 *                 would have returned; #GOSEND_ECANCELED when the call was
 *                 cancelled (gosend_async_cancel(), gosend_async_free()).
 * @param result   On success the result, of the type the blocking form
 *                 gives through its out-parameter (documented with each
 *                 function; NULL for calls that return nothing). The
 *                 callback owns it: free it with that type's free function.
 * @param error    On failure the detail (NULL on success). The callback
 *                 owns it: free it with gosend_error_free(). A cancelled
 *                 send that may have reached the server is retryable
 *                 (gosend_error_is_retryable()): send it again with the
 *                 idempotency key in its meta.
 * @param payload  The payload given when the call started.
 *
 * The callback may start new calls, cancel others and free the
 * ::gosend_async (the calls still pending then complete with
 * #GOSEND_ECANCELED, after this callback returns).
 * @since 0.1.0
 */
typedef void (*gosend_async_done_fn)(gosend_async_call *call, int code,
                                     void *result, gosend_error *error,
                                     void *payload);

/**
 * Create an async handle on a client and an event loop.
 * @param[out] out    The handle; free with gosend_async_free().
 * @param client      The client whose options, key, connection settings
 *                    and rate limit the calls use. Not NULL; it must
 *                    outlive the handle.
 * @param loop        The loop's functions (copied). Not NULL.
 * @param opts        Options, or NULL.
 * @param[out] err    Optional detail on failure.
 * @return 0, #GOSEND_EINVAL or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_new(gosend_async **out, gosend_client *client,
                                   const gosend_async_loop *loop,
                                   const gosend_async_options *opts,
                                   gosend_error **err);

/**
 * Free the handle. Every call still pending completes first, with
 * #GOSEND_ECANCELED (requests on the wire are cut); then every socket is
 * unwatched and the timer disarmed. Called from a callback, the handle is
 * freed when the library's function that ran the callback returns. NULL is
 * a no-op.
 * @param as  The handle, or NULL.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_async_free(gosend_async *as);

/**
 * Attach loop data to a watched socket; it is passed to later `watch`
 * calls for that socket. May be called from `watch`.
 * @param as           The handle.
 * @param fd           A socket the handle watches.
 * @param socket_data  The loop's data for it (not freed by the library).
 * @return 0, #GOSEND_EINVAL (unknown socket, NULL handle).
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_assign(gosend_async *as, int fd,
                                      void *socket_data);

/**
 * The loop saw `events` (GOSEND_ASYNC_READ, _WRITE, _ERROR) on a watched
 * socket. Runs the transfers and the callbacks of calls that ended.
 * @param as      The handle.
 * @param fd      The socket.
 * @param events  What the loop saw on it.
 * @return 0, #GOSEND_EINVAL (NULL handle) or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_on_socket(gosend_async *as, int fd, int events);

/**
 * The timer armed through `timer` expired. Runs what is due: transfer
 * timeouts, retries after their wait, calls held by the rate limit.
 * @param as  The handle.
 * @return 0, #GOSEND_EINVAL (NULL handle) or #GOSEND_ENOMEM.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_on_timeout(gosend_async *as);

/**
 * Calls started and not completed yet (queued, waiting for a retry or the
 * rate limit, or on the wire).
 * @param as  The handle (NULL: 0).
 * @return The number of pending calls.
 * @since 0.1.0
 */
GOSEND_EXTERN size_t gosend_async_pending(const gosend_async *as);

/**
 * The handle's clock: the client's `clock` hook (CLOCK_MONOTONIC by
 * default), in ms. Loops without a clock of their own (adapters/poll.h)
 * time the timer with it.
 * @param as  The handle.
 * @return Milliseconds; 0 for a NULL handle.
 * @since 0.1.0
 */
GOSEND_EXTERN long long gosend_async_now_ms(const gosend_async *as);

/**
 * Cancel a call. Its callback runs before this returns, with
 * #GOSEND_ECANCELED: a queued call was never sent; a call waiting for a
 * retry was sent before (its last answer is lost); a request on the wire
 * is cut (it may have reached the server). Called from the call's own
 * callback it does nothing; it must not be called for a call whose
 * callback has returned.
 * @param call  The call (NULL: nothing happens).
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_async_cancel(gosend_async_call *call);

/**
 * The Idempotency-Key a call sends (a send's generated or given key), or
 * NULL. Valid as long as the call.
 * @param call  The call.
 * @return The key, or NULL (no key, NULL call).
 * @since 0.1.0
 */
GOSEND_EXTERN const char *
gosend_async_call_idempotency_key(const gosend_async_call *call);

/**
 * @name Asynchronous forms of every endpoint
 * Each takes the arguments of the blocking function of the same name
 * without `gosend_async_` (see its header), minus its out-parameter and its
 * client, then:
 * - `done`, `payload`: the completion callback (not NULL) and its payload;
 * - `call`: optional; receives the call (for gosend_async_cancel());
 * - `err`: optional detail when the call is refused at once.
 *
 * Each returns 0 when the call started (the callback will run), or the
 * negative code of a refused argument (nothing sent, no callback). The
 * `result` given to the callback has the type named.
 * @{
 */
/**
 * Asynchronous gosend_messages_send(). Result: ::gosend_message_result.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param msg,opts  As for gosend_messages_send().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_messages_send(gosend_async *as, const gosend_outgoing *msg,
                           const gosend_request_options *opts,
                           gosend_async_done_fn done, void *payload,
                           gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_messages_send_text(). Result: ::gosend_message_result.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param phone_number_id,to,body,opts  As for gosend_messages_send_text().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_messages_send_text(gosend_async *as, const char *phone_number_id,
                                const char *to, const char *body,
                                const gosend_request_options *opts,
                                gosend_async_done_fn done, void *payload,
                                gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_messages_send_json(). Result: ::gosend_message_result.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param json,opts  As for gosend_messages_send_json().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_messages_send_json(gosend_async *as, const char *json,
                                const gosend_request_options *opts,
                                gosend_async_done_fn done, void *payload,
                                gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_messages_list(). Result: ::gosend_message_list.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param params,opts  As for gosend_messages_list().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_messages_list(gosend_async *as, const gosend_list_params *params,
                           const gosend_request_options *opts,
                           gosend_async_done_fn done, void *payload,
                           gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_messages_get(). Result: ::gosend_message.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param message_id,opts  As for gosend_messages_get().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_messages_get(gosend_async *as, const char *message_id,
                          const gosend_request_options *opts,
                          gosend_async_done_fn done, void *payload,
                          gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_media_upload_file(). Result: ::gosend_media_result. The
 * file is checked when the call starts and read when its request is sent: keep
 * it until the callback runs.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param phone_number_id,path,mime_type,opts  As for
 * gosend_media_upload_file().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_media_upload_file(gosend_async *as, const char *phone_number_id,
                               const char *path, const char *mime_type,
                               const gosend_request_options *opts,
                               gosend_async_done_fn done, void *payload,
                               gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_media_upload_buffer(). Result: ::gosend_media_result. The
 * bytes are copied.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param phone_number_id,data,len,filename,mime_type,opts  As for
 * gosend_media_upload_buffer().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_media_upload_buffer(
        gosend_async *as, const char *phone_number_id, const void *data,
        size_t len, const char *filename, const char *mime_type,
        const gosend_request_options *opts, gosend_async_done_fn done,
        void *payload, gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_wabas_list(). Result: ::gosend_waba_list.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param params,opts  As for gosend_wabas_list().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_wabas_list(gosend_async *as, const gosend_list_params *params,
                        const gosend_request_options *opts,
                        gosend_async_done_fn done, void *payload,
                        gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_wabas_get(). Result: ::gosend_waba.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param waba_id,opts  As for gosend_wabas_get().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_wabas_get(gosend_async *as, const char *waba_id,
                                         const gosend_request_options *opts,
                                         gosend_async_done_fn done,
                                         void *payload,
                                         gosend_async_call **call,
                                         gosend_error **err);
/**
 * Asynchronous gosend_phone_numbers_list(). Result: ::gosend_phone_number_list.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param waba_id,params,opts  As for gosend_phone_numbers_list().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_phone_numbers_list(
        gosend_async *as, const char *waba_id, const gosend_list_params *params,
        const gosend_request_options *opts, gosend_async_done_fn done,
        void *payload, gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_templates_list(). Result: ::gosend_template_list.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param waba_id,params,opts  As for gosend_templates_list().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_templates_list(
        gosend_async *as, const char *waba_id, const gosend_list_params *params,
        const gosend_request_options *opts, gosend_async_done_fn done,
        void *payload, gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_templates_create(). Result: ::gosend_template.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param waba_id,b,opts  As for gosend_templates_create().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_templates_create(
        gosend_async *as, const char *waba_id, const gosend_template_builder *b,
        const gosend_request_options *opts, gosend_async_done_fn done,
        void *payload, gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_templates_sync(). Result: ::gosend_template_sync_result.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param waba_id,opts  As for gosend_templates_sync().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_templates_sync(gosend_async *as, const char *waba_id,
                            const gosend_request_options *opts,
                            gosend_async_done_fn done, void *payload,
                            gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_templates_delete(). Result: none (NULL).
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param waba_id,template_id,opts  As for gosend_templates_delete().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_templates_delete(
        gosend_async *as, const char *waba_id, const char *template_id,
        const gosend_request_options *opts, gosend_async_done_fn done,
        void *payload, gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_conversations_list(). Result: ::gosend_conversation_list.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param params,opts  As for gosend_conversations_list().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_conversations_list(
        gosend_async *as, const gosend_list_params *params,
        const gosend_request_options *opts, gosend_async_done_fn done,
        void *payload, gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_conversations_get(). Result: ::gosend_conversation.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param conversation_id,opts  As for gosend_conversations_get().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_conversations_get(gosend_async *as, const char *conversation_id,
                               const gosend_request_options *opts,
                               gosend_async_done_fn done, void *payload,
                               gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_conversations_close(). Result: ::gosend_conversation, or
 * NULL on success when the answer is not the conversation (as
 * gosend_conversations_close()).
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param conversation_id,opts  As for gosend_conversations_close().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_conversations_close(gosend_async *as, const char *conversation_id,
                                 const gosend_request_options *opts,
                                 gosend_async_done_fn done, void *payload,
                                 gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_webhooks_create(). Result: ::gosend_webhook.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param params,opts  As for gosend_webhooks_create().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_webhooks_create(
        gosend_async *as, const gosend_webhook_params *params,
        const gosend_request_options *opts, gosend_async_done_fn done,
        void *payload, gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_webhooks_list(). Result: ::gosend_webhook_list.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param params,opts  As for gosend_webhooks_list().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_webhooks_list(gosend_async *as, const gosend_list_params *params,
                           const gosend_request_options *opts,
                           gosend_async_done_fn done, void *payload,
                           gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_webhooks_update(). Result: ::gosend_webhook, or NULL on
 * success when the answer is not the webhook (as gosend_webhooks_update()).
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param webhook_id,params,opts  As for gosend_webhooks_update().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_webhooks_update(gosend_async *as, const char *webhook_id,
                             const gosend_webhook_update_params *params,
                             const gosend_request_options *opts,
                             gosend_async_done_fn done, void *payload,
                             gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_webhooks_delete(). Result: none (NULL).
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param webhook_id,opts  As for gosend_webhooks_delete().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_webhooks_delete(gosend_async *as, const char *webhook_id,
                             const gosend_request_options *opts,
                             gosend_async_done_fn done, void *payload,
                             gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_webhook_deliveries_list(). Result:
 * ::gosend_webhook_delivery_list.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param webhook_id,params,opts  As for gosend_webhook_deliveries_list().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_webhook_deliveries_list(
        gosend_async *as, const char *webhook_id,
        const gosend_list_params *params, const gosend_request_options *opts,
        gosend_async_done_fn done, void *payload, gosend_async_call **call,
        gosend_error **err);
/**
 * Asynchronous gosend_me_get(). Result: ::gosend_me.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param opts  As for gosend_me_get().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_async_me_get(gosend_async *as,
                                      const gosend_request_options *opts,
                                      gosend_async_done_fn done, void *payload,
                                      gosend_async_call **call,
                                      gosend_error **err);
/**
 * Asynchronous gosend_customers_create(). Result: ::gosend_customer.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param tenant_id,params,opts  As for gosend_customers_create().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_customers_create(gosend_async *as, const char *tenant_id,
                              const gosend_customer_params *params,
                              const gosend_request_options *opts,
                              gosend_async_done_fn done, void *payload,
                              gosend_async_call **call, gosend_error **err);
/**
 * Asynchronous gosend_setup_links_create(). Result: ::gosend_setup_link.
 * @param as  The handle.
 * @param done,payload,call,err  See above.
 * @param customer_id,params,opts  As for gosend_setup_links_create().
 * @return 0 (started), or the code of a refused argument.
 * @since 0.1.0
 */
GOSEND_EXTERN int
gosend_async_setup_links_create(gosend_async *as, const char *customer_id,
                                const gosend_setup_link_params *params,
                                const gosend_request_options *opts,
                                gosend_async_done_fn done, void *payload,
                                gosend_async_call **call, gosend_error **err);

/** @} */

GOSEND_END_DECL

#endif
