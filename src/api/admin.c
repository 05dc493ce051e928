/* Onboarding: POST /admin/tenants/{tenantId}/customers and
 * POST /admin/customers/{customerId}/setup-links. */
#include "gosendapi/admin.h"

#include <stddef.h>
#include <string.h>

#include "core/alloc.h"
#include "json/decoders.h"
#include "core/errors.h"
#include "core/http.h"
#include "json/decode.h"
#include "call/list.h"

#define EXTERNAL_ID_MAX 255
#define EMAIL_MAX       254
#define PHONE_MAX       32

static const char *const customer_statuses[] = {"", "active", "inactive",
                                                "suspended", NULL};

static const gosend__field customer_fields[] = {
        /* never required: a customer only comes in a create answer */
        GOSEND__FIELD(gosend_customer, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_customer, tenant_id, "tenant_id", "tenantId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_customer, name, "name", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_customer, external_id, "external_id", "externalId",
                      GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_customer, email, "email", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_customer, phone, "phone", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_customer, metadata_json, "metadata", NULL,
                      GOSEND__F_JSON, 0),
        GOSEND__FIELD(gosend_customer, status_name, "status", NULL,
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_customer, created_at, "created_at", "createdAt",
                      GOSEND__F_STR, 0),
};

static int customer_post(void *item, const cJSON *json, gosend__holder *h,
                         const char **bad)
{
	gosend_customer *c = item;

	(void)json;
	(void)bad;
	c->status = (gosend_customer_status)gosend__enum_ci(
	        c->status_name, customer_statuses + 1);
	c->meta = h->meta;
	return GOSEND__DECODE_OK;
}

static const gosend__field setup_link_fields[] = {
        /* never required: a setup link only comes in a create answer */
        GOSEND__FIELD(gosend_setup_link, id, "id", NULL, GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_setup_link, url, "url", NULL, GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_setup_link, status, "status", NULL, GOSEND__F_STR,
                      0),
        GOSEND__FIELD(gosend_setup_link, expires_at, "expiresAt", "expires_at",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_setup_link, success_redirect_url,
                      "successRedirectUrl", "success_redirect_url",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_setup_link, failure_redirect_url,
                      "failureRedirectUrl", "failure_redirect_url",
                      GOSEND__F_STR, 0),
        GOSEND__FIELD(gosend_setup_link, customer_id, "customerId",
                      "customer_id", GOSEND__F_ID, 0),
        GOSEND__FIELD(gosend_setup_link, created_at, "createdAt", "created_at",
                      GOSEND__F_STR, 0),
};

static int setup_link_post(void *item, const cJSON *json, gosend__holder *h,
                           const char **bad)
{
	gosend_setup_link *l = item;

	(void)json;
	(void)bad;
	l->meta = h->meta;
	return GOSEND__DECODE_OK;
}

static const gosend__decoder customer_spec =
        GOSEND__DECODER(gosend_customer, customer_fields, customer_post);
static const gosend__decoder setup_link_spec =
        GOSEND__DECODER(gosend_setup_link, setup_link_fields, setup_link_post);

/* Where a create answer may hold the object instead of the top level. */
static const char *const customer_wrappers[] = {"customer", "data", NULL};
static const char *const setup_link_wrappers[] = {"setup_link", "setupLink",
                                                  "data", NULL};

/* Decode a create answer (any 2xx body) held by obj's holder per spec;
 * fails only when memory runs out (obj is then freed). */
static int decode_created(void *obj, const gosend__decoder *spec,
                          const char *const *wrappers, gosend_error **err)
{
	int rc = gosend__decode_answer(obj, gosend__obj_holder(obj), wrappers,
	                               spec->fields, spec->nfields, spec->post,
	                               spec->raw_offset);

	if (rc != GOSEND__DECODE_OK)
		return gosend__decode_fail(obj, rc, NULL, err);
	return GOSEND_OK;
}

/* Decode what a create made (rc and obj from the call), into *out. */
static int take_created(int rc, void *obj, const gosend__decoder *spec,
                        const char *const *wrappers, void **out,
                        gosend_error **err)
{
	if (rc < 0 || !obj)
		return rc < 0 ? rc : GOSEND_ERROR;
	rc = decode_created(obj, spec, wrappers, err);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

/* The fixture twin of a create: a JSON body, decoded as a live answer. */
static int from_json(void **out, const gosend__decoder *spec,
                     const char *const *wrappers, const char *body, size_t len,
                     gosend_error **err)
{
	void *obj = NULL;
	int rc;

	*out = NULL;
	rc = gosend__obj_from_body(spec->item_size, body, len, &obj, err);
	return take_created(rc, obj, spec, wrappers, out, err);
}

/* Execute a create: a 2xx is the object created, whatever its body. */
static int create_call(gosend__request *r, const gosend__decoder *spec,
                       const char *const *wrappers, void **out,
                       gosend_error **err)
{
	const gosend_meta *meta = NULL;
	void *obj = NULL;
	int rc;

	*out = NULL;
	rc = gosend__call(r, spec->item_size, &obj, &meta, GOSEND__WRAP_ANY,
	                  err);
	return take_created(rc, obj, spec, wrappers, out, err);
}

int gosend__customer_from_json(gosend_customer **out, const char *body,
                               size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc = from_json(&obj, &customer_spec, customer_wrappers, body, len,
	                   err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

int gosend__setup_link_from_json(gosend_setup_link **out, const char *body,
                                 size_t len, gosend_error **err)
{
	void *obj = NULL;
	int rc = from_json(&obj, &setup_link_spec, setup_link_wrappers, body,
	                   len, err);

	*out = rc < 0 ? NULL : obj;
	return rc;
}

/* ---------------------------------------------------------- validation */

/* Valid UTF-8 without control characters, 1..max bytes. */
static int text_ok(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	if (n == 0 || n > max)
		return 0;
	while (*p) {
		unsigned char c = *p;
		size_t extra, k;
		unsigned long cp;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return 0;
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			extra = 1;
			cp = c & 0x1Fu;
		} else if (c >= 0xE0 && c <= 0xEF) {
			extra = 2;
			cp = c & 0x0Fu;
		} else if (c >= 0xF0 && c <= 0xF4) {
			extra = 3;
			cp = c & 0x07u;
		} else {
			return 0;
		}
		for (k = 1; k <= extra; k++) {
			if ((p[k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[k] & 0x3Fu);
		}
		if ((extra == 2 &&
		     (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		p += extra + 1;
	}
	return 1;
}

static int email_ok(const char *s)
{
	const char *at;
	size_t n, i;

	if (!s)
		return 0;
	n = strlen(s);
	if (n < 3 || n > EMAIL_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f)
			return 0;
	}
	at = strchr(s, '@');
	return at && at != s && at[1] != '\0' && !strchr(at + 1, '@') &&
	       text_ok(s, EMAIL_MAX);
}

static int phone_ok(const char *s)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	return n >= 1 && n <= PHONE_MAX && strspn(s, "0123456789 +-()") == n &&
	       strpbrk(s, "0123456789") != NULL;
}

/* n decimal digits at s in [lo, hi]; 1 or 0. */
static int digits(const char *s, size_t n, int lo, int hi)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v >= lo && v <= hi;
}

/* YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM|+HHMM|-HHMM) */
static int iso8601_ok(const char *s)
{
	size_t i;

	if (!s || strlen(s) < 20)
		return 0;
	if (!digits(s, 4, 0, 9999) || s[4] != '-' || !digits(s + 5, 2, 1, 12) ||
	    s[7] != '-' || !digits(s + 8, 2, 1, 31) || s[10] != 'T' ||
	    !digits(s + 11, 2, 0, 23) || s[13] != ':' ||
	    !digits(s + 14, 2, 0, 59) || s[16] != ':' ||
	    !digits(s + 17, 2, 0, 60))
		return 0;
	i = 19;
	if (s[i] == '.') {
		size_t f = strspn(s + i + 1, "0123456789");
		if (f == 0 || f > 9)
			return 0;
		i += f + 1;
	}
	if (s[i] == 'Z')
		return s[i + 1] == '\0';
	if (s[i] != '+' && s[i] != '-')
		return 0;
	if (!digits(s + i + 1, 2, 0, 23))
		return 0;
	i += 3;
	if (s[i] == ':')
		i++;
	return digits(s + i, 2, 0, 59) && s[i + 2] == '\0';
}

/* Print root (consumed) into the request body. */
static int set_body(gosend__request *r, cJSON *root, int bad,
                    gosend_error **err)
{
	char *txt = bad ? NULL : cJSON_PrintUnformatted(root);
	char *copy;
	size_t len;

	cJSON_Delete(root);
	if (!txt)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	len = strlen(txt);
	copy = gosend__strndup(txt, len);
	cJSON_free(txt);
	if (!copy)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	gosend__req_body(r, copy, len);
	return GOSEND_OK;
}

static int add_opt(cJSON *root, const char *key, const char *value)
{
	return !value || cJSON_AddStringToObject(root, key, value) != NULL;
}

/* ------------------------------------------------------------ requests */

static int check_customer(const gosend_customer_params *p, cJSON **meta,
                          gosend_error **err)
{
	*meta = NULL;
	if (!p)
		return gosend__fail(err, GOSEND_EINVAL, "params",
		                    "params is NULL");
	if (p->version == 0 || p->version > GOSEND_CUSTOMER_PARAMS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "params.version",
		                    "unknown customer params version %u",
		                    p->version);
	if (!p->name)
		return gosend__fail(err, GOSEND_EINVAL, "name",
		                    "name is required");
	if (!text_ok(p->name, GOSEND_CUSTOMER_NAME_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "name",
		                    "name must be 1-%d bytes of UTF-8 text "
		                    "without control characters",
		                    GOSEND_CUSTOMER_NAME_MAX);
	if (p->external_id && !text_ok(p->external_id, EXTERNAL_ID_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "external_id",
		                    "external_id must be 1-%d bytes of UTF-8 "
		                    "text without control characters",
		                    EXTERNAL_ID_MAX);
	if (p->email && !email_ok(p->email))
		return gosend__fail(
		        err, GOSEND_EINVAL, "email",
		        "email must look like local@domain, without "
		        "spaces, at most %d bytes",
		        EMAIL_MAX);
	if (p->phone && !phone_ok(p->phone))
		return gosend__fail(err, GOSEND_EINVAL, "phone",
		                    "phone must be 1-%d of digits, spaces and "
		                    "+ - ( )",
		                    PHONE_MAX);
	if (p->metadata_json) {
		*meta = cJSON_ParseWithOpts(p->metadata_json, NULL, 1);
		if (!cJSON_IsObject(*meta)) {
			cJSON_Delete(*meta);
			*meta = NULL;
			return gosend__fail(
			        err, GOSEND_EINVAL, "metadata",
			        "metadata must be the text of a JSON "
			        "object");
		}
	}
	return GOSEND_OK;
}

int gosend_customers_create(gosend_customer **out, gosend_client *client,
                            const char *tenant_id,
                            const gosend_customer_params *params,
                            const gosend_request_options *opts,
                            gosend_error **err)
{
	gosend__request r;
	cJSON *meta = NULL, *root;
	void *obj = NULL;
	int rc, bad;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = check_customer(params, &meta, err);
	if (rc < 0)
		return rc;
	rc = gosend__req_init(&r, client, "POST", "/admin/tenants", opts, err);
	if (rc == 0)
		rc = gosend__req_id(&r, tenant_id, "tenant_id", err);
	if (rc == 0)
		rc = gosend__req_path(&r, "/customers", err);
	if (rc == 0) {
		root = cJSON_CreateObject();
		bad = !root || !add_opt(root, "name", params->name) ||
		      !add_opt(root, "external_id", params->external_id) ||
		      !add_opt(root, "email", params->email) ||
		      !add_opt(root, "phone", params->phone);
		if (!bad && meta) {
			bad = !cJSON_AddItemToObject(root, "metadata", meta);
			if (!bad)
				meta = NULL;
		}
		rc = set_body(&r, root, bad, err);
	}
	cJSON_Delete(meta);
	if (rc == 0)
		rc = create_call(&r, &customer_spec, customer_wrappers, &obj,
		                 err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

static int check_link(const gosend_setup_link_params *p, gosend_error **err)
{
	if (!p)
		return GOSEND_OK;
	if (p->version == 0 || p->version > GOSEND_SETUP_LINK_PARAMS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "params.version",
		                    "unknown setup link params version %u",
		                    p->version);
	if (p->success_redirect_url &&
	    !gosend__url_ok(p->success_redirect_url, GOSEND_REDIRECT_URL_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "success_redirect_url",
		                    "success_redirect_url must be an http(s) "
		                    "URL of at most %d printable ASCII "
		                    "characters without spaces, CR or LF",
		                    GOSEND_REDIRECT_URL_MAX);
	if (p->failure_redirect_url &&
	    !gosend__url_ok(p->failure_redirect_url, GOSEND_REDIRECT_URL_MAX))
		return gosend__fail(err, GOSEND_EINVAL, "failure_redirect_url",
		                    "failure_redirect_url must be an http(s) "
		                    "URL of at most %d printable ASCII "
		                    "characters without spaces, CR or LF",
		                    GOSEND_REDIRECT_URL_MAX);
	if (p->expires_at && !iso8601_ok(p->expires_at))
		return gosend__fail(err, GOSEND_EINVAL, "expires_at",
		                    "expires_at must be an ISO-8601 date-time "
		                    "with a zone, e.g. 2026-05-25T23:59:59Z");
	return GOSEND_OK;
}

int gosend_setup_links_create(gosend_setup_link **out, gosend_client *client,
                              const char *customer_id,
                              const gosend_setup_link_params *params,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	gosend__request r;
	void *obj = NULL;
	cJSON *root;
	int rc, bad;

	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	rc = check_link(params, err);
	if (rc < 0)
		return rc;
	rc = gosend__req_init(&r, client, "POST", "/admin/customers", opts,
	                      err);
	if (rc == 0)
		rc = gosend__req_id(&r, customer_id, "customer_id", err);
	if (rc == 0)
		rc = gosend__req_path(&r, "/setup-links", err);
	if (rc == 0) {
		root = cJSON_CreateObject();
		bad = !root ||
		      (params &&
		       (!add_opt(root, "successRedirectUrl",
		                 params->success_redirect_url) ||
		        !add_opt(root, "failureRedirectUrl",
		                 params->failure_redirect_url) ||
		        !add_opt(root, "expiresAt", params->expires_at)));
		rc = set_body(&r, root, bad, err);
	}
	if (rc == 0)
		rc = create_call(&r, &setup_link_spec, setup_link_wrappers,
		                 &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0)
		return rc;
	*out = obj;
	return GOSEND_OK;
}

void gosend_customer_free(gosend_customer *customer)
{
	gosend__obj_free(customer);
}

void gosend_setup_link_free(gosend_setup_link *link)
{
	gosend__obj_free(link);
}
