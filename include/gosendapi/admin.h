/**
 * @file admin.h
 * @brief Onboarding: create customers and Embedded Signup setup links.
 *
 * Thread-safety: every function here may be called from any number of
 * threads on a shared ::gosend_client. Returned customers and setup links
 * are immutable and may be read from any thread. Parameter structs are only
 * read, and copied during the call.
 *
 * Where these endpoints live: the documentation shows
 * `POST /admin/tenants/{tenantId}/customers` and
 * `POST /admin/customers/{customerId}/setup-links` in its guides but not in
 * the API reference, and does not say whether they sit under the same base
 * URL or accept the same `X-API-Key`. This library assumes both: they are
 * sent to the client's base URL (by default
 * `https://cloud.gosendapi.com/v1/admin/...`) with the client's key. If the
 * service places them elsewhere, create a client with that base URL.
 *
 * Typical flow: create a customer under your project (the tenant id is the
 * project id from gosend_me_get()), then create a setup link for it and send
 * the customer its single-use `url`; once they finish Meta's Embedded Signup,
 * GoSendAPI provisions the WABA and phone numbers and emits
 * `whatsapp.phone_number.created`.
 *
 * Decoding rules as in wabas.h: ids as strings (or integers up to 2^53),
 * optional strings NULL when absent, a field of another JSON type left
 * unset; both snake_case and camelCase keys are accepted. Both calls create
 * something on the server, so any 2xx answer is success whatever its body
 * (empty, not JSON, cut short, fields of other types): the object is read
 * from the top level, or from a `customer` (`setup_link`, `setupLink`) or
 * `data` member when the top level has no `id`, what cannot be read is left
 * unset, and the whole body is in `raw_json`. Do not create again because
 * an answer lacks fields: that makes a second customer or link.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_ADMIN_H
#define GOSENDAPI_ADMIN_H

#include "client.h"

GOSEND_BEGIN_DECL

/** Largest customer name accepted, in bytes. @since 0.1.0 */
#define GOSEND_CUSTOMER_NAME_MAX 255
/** Largest redirect URL accepted, in bytes. @since 0.1.0 */
#define GOSEND_REDIRECT_URL_MAX 2048

/**
 * Status of a customer (`status`). Append-only.
 * @since 0.1.0
 */
typedef enum gosend_customer_status {
	/** Absent, or a value this version does not know. */
	GOSEND_CUSTOMER_STATUS_UNKNOWN = 0,
	/** `active`. */
	GOSEND_CUSTOMER_STATUS_ACTIVE = 1,
	/** `inactive`. */
	GOSEND_CUSTOMER_STATUS_INACTIVE = 2,
	/** `suspended`. */
	GOSEND_CUSTOMER_STATUS_SUSPENDED = 3
} gosend_customer_status;

/**
 * A customer (an end business of the project). Read-only,
 * library-allocated; fields are only appended; never copy, embed or take the
 * size of it. Strings live as long as the object.
 * @since 0.1.0
 */
typedef struct gosend_customer {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Customer id, or NULL when the answer had none usable (the customer
	 *  was created all the same: find it by `external_id`). */
	const char *id;
	/** Owning project (`tenant_id`), or NULL. */
	const char *tenant_id;
	/** Name, or NULL. */
	const char *name;
	/** Your own id for it (`external_id`), or NULL. */
	const char *external_id;
	/** Contact e-mail, or NULL. */
	const char *email;
	/** Contact phone, or NULL. */
	const char *phone;
	/** `metadata` as JSON text, or NULL. */
	const char *metadata_json;
	/** `status` as an enumeration. */
	gosend_customer_status status;
	/** `status` as sent, or NULL. */
	const char *status_name;
	/** Creation time, ISO-8601 text as sent, or NULL. */
	const char *created_at;
	/** The whole response body as received ("" when empty). */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_customer;

/** Current version of ::gosend_customer_params. @since 0.1.0 */
#define GOSEND_CUSTOMER_PARAMS_VERSION 1

/**
 * What gosend_customers_create() sends. NULL optional fields are not sent.
 * Initialise with #GOSEND_CUSTOMER_PARAMS_INIT; fields are only appended.
 * @since 0.1.0
 */
typedef struct gosend_customer_params {
	/** Must be #GOSEND_CUSTOMER_PARAMS_VERSION. */
	unsigned int version;
	/** Required: 1 to #GOSEND_CUSTOMER_NAME_MAX bytes of text without
	 *  control characters (field "name"). */
	const char *name;
	/** Your own id for the customer (recommended: it maps webhooks back
	 *  to your records); 1-255 bytes without control characters, or NULL
	 *  (field "external_id"). */
	const char *external_id;
	/** Contact e-mail `local@domain`, at most 254 bytes, no spaces, or
	 *  NULL (field "email"). */
	const char *email;
	/** Contact phone (not a WhatsApp sender): 1-32 of digits, spaces and
	 *  `+ - ( )`, or NULL (field "phone"). */
	const char *phone;
	/** Free-form metadata: the text of a JSON object (e.g.
	 *  `{"plan":"pro"}`), sent as an object; or NULL (field "metadata").
	 */
	const char *metadata_json;
} gosend_customer_params;

/** Static initialiser for ::gosend_customer_params. @since 0.1.0 */
#define GOSEND_CUSTOMER_PARAMS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_customer_params, \
	                      GOSEND_CUSTOMER_PARAMS_VERSION)

/**
 * `POST /admin/tenants/{tenantId}/customers`: create a customer.
 * @param[out] out   On success the customer (never NULL, though any of its
 *                   fields may be), else NULL. Free with
 *                   gosend_customer_free().
 * @param client     Client. Not NULL.
 * @param tenant_id  The project id (gosend_me::id); percent-encoded; refused
 *                   (field "tenant_id") when NULL, empty, "." or "..".
 * @param params     The customer. Not NULL (field "params"). Copied.
 * @param opts       Per-call options, or NULL. Without an
 *                   `idempotency_key` a failed attempt is not retried once
 *                   the request may have reached the server.
 * @param[out] err   Optional detail on failure; free with
 *                   gosend_error_free().
 * @return 0 (for every 2xx answer), #GOSEND_EINVAL (nothing sent),
 *         #GOSEND_EBADREQUEST, #GOSEND_EFORBIDDEN, #GOSEND_ENOTFOUND,
 *         #GOSEND_ENOMEM (also when memory ran out reading a 2xx answer:
 *         the customer may exist) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_customers_create(gosend_customer **out,
                                          gosend_client *client,
                                          const char *tenant_id,
                                          const gosend_customer_params *params,
                                          const gosend_request_options *opts,
                                          gosend_error **err);

/**
 * Free a customer.
 * @param customer  The customer; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_customer_free(gosend_customer *customer);

/**
 * A setup link: a single-use URL that takes a customer through Meta's
 * Embedded Signup. Read-only, library-allocated; fields are only appended;
 * never copy, embed or take the size of it.
 *
 * Keys: `expiresAt`/`expires_at`, `successRedirectUrl`/
 * `success_redirect_url`, `failureRedirectUrl`/`failure_redirect_url`,
 * `customerId`/`customer_id`, `createdAt`/`created_at`.
 * @since 0.1.0
 */
typedef struct gosend_setup_link {
	/** Layout version; 1 for 0.1.0. */
	unsigned int struct_version;
	/** Link id, or NULL when the answer had none usable. */
	const char *id;
	/** The URL to send to the customer (single use), or NULL. */
	const char *url;
	/** Status as sent (the docs show only "pending"), or NULL. */
	const char *status;
	/** Expiry, ISO-8601 text as sent, or NULL. */
	const char *expires_at;
	/** Where the customer lands after success, or NULL. */
	const char *success_redirect_url;
	/** Where the customer lands after failure, or NULL. */
	const char *failure_redirect_url;
	/** The customer, or NULL. */
	const char *customer_id;
	/** Creation time, ISO-8601 text as sent, or NULL. */
	const char *created_at;
	/** The whole response body as received ("" when empty). */
	const char *raw_json;
	/** Response metadata, never NULL. */
	const gosend_meta *meta;
} gosend_setup_link;

/** Current version of ::gosend_setup_link_params. @since 0.1.0 */
#define GOSEND_SETUP_LINK_PARAMS_VERSION 1

/**
 * What gosend_setup_links_create() sends; every field is optional and NULL
 * ones are not sent (the server then applies its defaults). Initialise with
 * #GOSEND_SETUP_LINK_PARAMS_INIT; fields are only appended.
 * @since 0.1.0
 */
typedef struct gosend_setup_link_params {
	/** Must be #GOSEND_SETUP_LINK_PARAMS_VERSION. */
	unsigned int version;
	/** `successRedirectUrl`: http(s) URL of at most
	 *  #GOSEND_REDIRECT_URL_MAX printable ASCII characters without spaces
	 *  (field "success_redirect_url"). */
	const char *success_redirect_url;
	/** `failureRedirectUrl`: same rules (field "failure_redirect_url"). */
	const char *failure_redirect_url;
	/** `expiresAt`: ISO-8601 date-time with a zone, e.g.
	 *  "2026-05-25T23:59:59Z" or "2026-05-25T20:59:59-03:00" (field
	 *  "expires_at"). */
	const char *expires_at;
} gosend_setup_link_params;

/** Static initialiser for ::gosend_setup_link_params. @since 0.1.0 */
#define GOSEND_SETUP_LINK_PARAMS_INIT                   \
	GOSEND_VERSIONED_INIT(gosend_setup_link_params, \
	                      GOSEND_SETUP_LINK_PARAMS_VERSION)

/**
 * `POST /admin/customers/{customerId}/setup-links`: create a setup link.
 * @param[out] out     On success the link (never NULL, though any of its
 *                     fields may be), else NULL. Free with
 *                     gosend_setup_link_free().
 * @param client       Client. Not NULL.
 * @param customer_id  The customer (gosend_customer::id); percent-encoded;
 *                     refused (field "customer_id") when NULL, empty, "."
 *                     or "..".
 * @param params       The link's options, or NULL to send `{}`. Copied.
 * @param opts         Per-call options, or NULL.
 * @param[out] err     Optional detail on failure.
 * @return 0 (for every 2xx answer), #GOSEND_EINVAL (nothing sent),
 *         #GOSEND_EBADREQUEST, #GOSEND_ENOTFOUND, #GOSEND_EFORBIDDEN,
 *         #GOSEND_ENOMEM (also when memory ran out reading a 2xx answer:
 *         the link may exist) or another negative ::gosend_error_code.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_setup_links_create(
        gosend_setup_link **out, gosend_client *client, const char *customer_id,
        const gosend_setup_link_params *params,
        const gosend_request_options *opts, gosend_error **err);

/**
 * Free a setup link.
 * @param link  The link; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_setup_link_free(gosend_setup_link *link);

GOSEND_END_DECL

#endif
