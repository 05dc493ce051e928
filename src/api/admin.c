/* Onboarding: POST /admin/tenants/{tenantId}/customers and
 * POST /admin/customers/{customerId}/setup-links. */
#include "gosendapi/admin.h"

#include <stddef.h>
#include <string.h>

#include "call/endpoint.h"
#include "core/errors.h"
#include "core/check.h"
#include "json/types.h"
#include "json/value.h"

#define EXTERNAL_ID_MAX 255
#define EMAIL_MAX       254
#define PHONE_MAX       32

/* ---- endpoints ---- */

/* a 2xx is the object created, whatever its body */
static const gosend__endpoint ep_customers_create = {
        "POST", "/admin/tenants/{tenant_id}/customers", GOSEND__ANSWER, 0,
        &gosend__type_customer};
static const gosend__endpoint ep_setup_links_create = {
        "POST", "/admin/customers/{customer_id}/setup-links", GOSEND__ANSWER, 0,
        &gosend__type_setup_link};

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

/* ------------------------------------------------------------ requests */

/* The request body of a customer into a->body; takes meta. */
static int customer_body(gosend__ep_args *a, const gosend_customer_params *p,
                         gosend__jv *meta, gosend_error **err)
{
	gosend__jv *root = gosend__jv_object();
	int bad = gosend__jv_set_str(root, "name", p->name) < 0 ||
	          gosend__jv_set_opt_str(root, "external_id", p->external_id) <
	                  0 ||
	          gosend__jv_set_opt_str(root, "email", p->email) < 0 ||
	          gosend__jv_set_opt_str(root, "phone", p->phone) < 0;

	if (bad)
		gosend__jv_free(meta);
	else if (meta)
		bad = gosend__jv_set(root, "metadata", meta) < 0;
	if (gosend__jv_body(root, !bad, &a->body, &a->body_len) < 0)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}

/* Check the parameters; *meta gets the parsed metadata (or NULL). */
static int check_customer(const gosend_customer_params *p, gosend__jv **meta,
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
		*meta = gosend__jv_parse(p->metadata_json,
		                         strlen(p->metadata_json));
		if (!gosend__jv_is_object(*meta)) {
			gosend__jv_free(*meta);
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
	const char *ids[] = {tenant_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};
	gosend__jv *meta = NULL;
	void *obj = NULL;
	int rc = out ? GOSEND_OK
	             : gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");

	if (rc == 0)
		rc = check_customer(params, &meta, err);
	if (rc == 0)
		rc = customer_body(&a, params, meta, err);
	if (rc == 0)
		rc = gosend__ep_call(&ep_customers_create, &a, &obj, err);
	if (out)
		*out = obj;
	return rc;
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

/* The request body of a setup link: its text in a->body, or an error. */
static int link_body(gosend__ep_args *a, const gosend_setup_link_params *p,
                     gosend_error **err)
{
	gosend__jv *root = gosend__jv_object();
	int bad = p && (gosend__jv_set_opt_str(root, "successRedirectUrl",
	                                       p->success_redirect_url) < 0 ||
	                gosend__jv_set_opt_str(root, "failureRedirectUrl",
	                                       p->failure_redirect_url) < 0 ||
	                gosend__jv_set_opt_str(root, "expiresAt",
	                                       p->expires_at) < 0);

	if (gosend__jv_body(root, !bad, &a->body, &a->body_len) < 0)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_OK;
}

int gosend_setup_links_create(gosend_setup_link **out, gosend_client *client,
                              const char *customer_id,
                              const gosend_setup_link_params *params,
                              const gosend_request_options *opts,
                              gosend_error **err)
{
	const char *ids[] = {customer_id};
	gosend__ep_args a = {.client = client, .ids = ids, .opts = opts};
	void *obj = NULL;
	int rc = out ? GOSEND_OK
	             : gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");

	if (rc == 0)
		rc = check_link(params, err);
	if (rc == 0)
		rc = link_body(&a, params, err);
	if (rc == 0)
		rc = gosend__ep_call(&ep_setup_links_create, &a, &obj, err);
	if (out)
		*out = obj;
	return rc;
}

void gosend_customer_free(gosend_customer *customer)
{
	gosend__obj_free(customer);
}

void gosend_setup_link_free(gosend_setup_link *link)
{
	gosend__obj_free(link);
}
