/*
 * Webhook signatures: "X-GoSendAPI-Signature: sha256=<hex>", the
 * HMAC-SHA256 of the raw body keyed with the webhook's whole secret string.
 * The MAC comes from OpenSSL's libcrypto; comparisons use CRYPTO_memcmp.
 */
#include "gosendapi/webhook_events.h"

#include <limits.h>
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/alloc.h"
#include "core/errors.h"

#define DIGEST_LEN  32
#define HEX_LEN     ((size_t)2 * DIGEST_LEN)
#define PREFIX      "sha256="
#define PREFIX_LEN  (sizeof(PREFIX) - 1)
#define MAX_ENTRIES 8

/* Code for "well-formed header, no secret matches". */
#define SIG_MISMATCH GOSEND_ESIGNATURE

static const unsigned char empty_body[1] = {0};

/* HMAC-SHA256(secret, body) into mac; 0 or -1. */
static int hmac_sha256(unsigned char mac[DIGEST_LEN], const char *secret,
                       size_t secret_len, const void *body, size_t len)
{
	unsigned int mac_len = 0;

	if (!body)
		body = empty_body;
	errno = 0;
	if (!HMAC(EVP_sha256(), secret, (int)secret_len, body, len, mac,
	          &mac_len) ||
	    mac_len != DIGEST_LEN) {
		/* malloc sets errno when memory ran out; leave no OpenSSL
		 * error behind on the application's thread */
		int oom = errno == ENOMEM;
		ERR_clear_error();
		return oom ? GOSEND_ENOMEM : GOSEND_ERROR;
	}
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int is_outer_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_entry_space(char c)
{
	return c == ' ' || c == '\t';
}

/* One entry value[s..e) ("sha256=" and 64 hex digits) into digest; 0, or
 * -1 with *why set. */
static int parse_entry(const char *value, size_t s, size_t e,
                       unsigned char digest[DIGEST_LEN], const char **why)
{
	const char *hex = value + s + PREFIX_LEN;
	size_t i;

	if (e - s < PREFIX_LEN || memcmp(value + s, PREFIX, PREFIX_LEN) != 0) {
		*why = "a signature entry does not start with \"sha256=\"";
		return -1;
	}
	if (e - s - PREFIX_LEN != HEX_LEN) {
		*why = "a signature entry does not have exactly 64 hex digits";
		return -1;
	}
	for (i = 0; i < DIGEST_LEN; i++) {
		int hi = hex_value(hex[2 * i]);
		int lo = hex_value(hex[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			*why = "a signature entry has a character that is not "
			       "a hex digit";
			return -1;
		}
		digest[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/*
 * Parse the header value into up to MAX_ENTRIES digests. Returns the number
 * of entries (>= 1), or -1 with *why set to a static reason.
 */
static int parse_header(const char *value,
                        unsigned char digests[MAX_ENTRIES][DIGEST_LEN],
                        const char **why)
{
	size_t start = 0, end = strlen(value);
	int n = 0;

	while (start < end && is_outer_space(value[start]))
		start++;
	while (end > start && is_outer_space(value[end - 1]))
		end--;
	if (start == end) {
		*why = "the signature header is empty";
		return -1;
	}
	for (;;) {
		size_t s = start, e = start;

		while (e < end && value[e] != ',')
			e++;
		start = e; /* the comma, or end */
		while (s < e && is_entry_space(value[s]))
			s++;
		while (e > s && is_entry_space(value[e - 1]))
			e--;
		if (s == e) {
			*why = "the signature header has an empty entry";
			return -1;
		}
		if (n == MAX_ENTRIES) {
			*why = "the signature header has more than 8 entries";
			return -1;
		}
		if (parse_entry(value, s, e, digests[n], why) < 0)
			return -1;
		n++;
		if (start == end)
			return n;
		start++; /* skip the comma */
	}
}

/* The failure of hmac_sha256 (rc) as an error. */
static int hmac_fail(gosend_error **err, int rc)
{
	return gosend__fail(err, rc, NULL, "%s",
	                    rc == GOSEND_ENOMEM
	                            ? "out of memory"
	                            : "HMAC-SHA256 computation failed");
}

static int check_secret(const char *secret, const char *field,
                        gosend_error **err)
{
	size_t n;

	if (!secret)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s is NULL",
		                    field);
	n = strlen(secret);
	if (n == 0)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s is empty",
		                    field);
	if (n > INT_MAX)
		return gosend__fail(err, GOSEND_EINVAL, field, "%s is too long",
		                    field);
	return GOSEND_OK;
}

static int check_verify_args(const char *const *secrets, size_t nsecrets,
                             const void *body, size_t len, gosend_error **err)
{
	size_t i;

	if (!secrets)
		return gosend__fail(err, GOSEND_EINVAL, "secrets",
		                    "secrets is NULL");
	if (nsecrets == 0)
		return gosend__fail(err, GOSEND_EINVAL, "secrets",
		                    "no secret given (nsecrets is 0)");
	for (i = 0; i < nsecrets; i++) {
		if (!secrets[i] || !*secrets[i] || strlen(secrets[i]) > INT_MAX)
			return gosend__fail(
			        err, GOSEND_EINVAL, "secrets",
			        "secrets[%lu] is NULL, empty or too long",
			        (unsigned long)i);
	}
	if (!body && len)
		return gosend__fail(err, GOSEND_EINVAL, "body",
		                    "body is NULL but len is %lu",
		                    (unsigned long)len);
	return GOSEND_OK;
}

/* 1 when the MAC of the body under any secret is one of the entries, 0
 * when none is, or the negative code of a failed MAC computation. Every
 * secret is tried (no early exit). */
static int any_match(const char *const *secrets, size_t nsecrets,
                     unsigned char digests[MAX_ENTRIES][DIGEST_LEN],
                     int entries, const void *body, size_t len)
{
	unsigned char mac[DIGEST_LEN];
	int matched = 0, failed = 0;
	size_t i;

	for (i = 0; i < nsecrets; i++) {
		int j;

		failed = hmac_sha256(mac, secrets[i], strlen(secrets[i]), body,
		                     len);
		if (failed < 0)
			break;
		for (j = 0; j < entries; j++)
			matched |=
			        CRYPTO_memcmp(mac, digests[j], DIGEST_LEN) == 0;
	}
	OPENSSL_cleanse(mac, sizeof(mac));
	return failed < 0 ? failed : matched;
}

int gosend_webhook_verify(const char *const *secrets, size_t nsecrets,
                          const char *signature_header, const void *body,
                          size_t len, gosend_error **err)
{
	unsigned char digests[MAX_ENTRIES][DIGEST_LEN];
	const char *why = NULL;
	int entries, rc;

	if (err)
		*err = NULL;
	rc = check_verify_args(secrets, nsecrets, body, len, err);
	if (rc < 0)
		return rc;
	if (!signature_header)
		return gosend__fail(err, GOSEND_EPROTOCOL, "signature_header",
		                    "the " GOSEND_WEBHOOK_SIGNATURE_HEADER
		                    " header is missing");
	entries = parse_header(signature_header, digests, &why);
	if (entries < 0)
		return gosend__fail(err, GOSEND_EPROTOCOL, "signature_header",
		                    "malformed " GOSEND_WEBHOOK_SIGNATURE_HEADER
		                    " header: %s",
		                    why);
	rc = any_match(secrets, nsecrets, digests, entries, body, len);
	if (rc < 0)
		return hmac_fail(err, rc);
	if (rc)
		return GOSEND_OK;
	return gosend__fail(err, SIG_MISMATCH, "signature_header",
	                    "webhook signature does not match the body (wrong "
	                    "secret, or the body was altered)");
}

int gosend_webhook_verify_secret(const char *secret,
                                 const char *signature_header, const void *body,
                                 size_t len, gosend_error **err)
{
	int rc;

	if (err)
		*err = NULL;
	rc = check_secret(secret, "secret", err);
	if (rc < 0)
		return rc;
	return gosend_webhook_verify(&secret, 1, signature_header, body, len,
	                             err);
}

int gosend_webhook_sign(char **out_header_value, const char *secret,
                        const void *body, size_t len, gosend_error **err)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char mac[DIGEST_LEN];
	char *out;
	size_t i;
	int rc;

	if (err)
		*err = NULL;
	if (!out_header_value)
		return gosend__fail(err, GOSEND_EINVAL, "out_header_value",
		                    "out_header_value is NULL");
	*out_header_value = NULL;
	rc = check_secret(secret, "secret", err);
	if (rc < 0)
		return rc;
	if (!body && len)
		return gosend__fail(err, GOSEND_EINVAL, "body",
		                    "body is NULL but len is %lu",
		                    (unsigned long)len);
	rc = hmac_sha256(mac, secret, strlen(secret), body, len);
	if (rc < 0)
		return hmac_fail(err, rc);
	out = gosend__malloc(PREFIX_LEN + HEX_LEN + 1);
	if (!out) {
		OPENSSL_cleanse(mac, sizeof(mac));
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	}
	memcpy(out, PREFIX, PREFIX_LEN);
	for (i = 0; i < DIGEST_LEN; i++) {
		out[PREFIX_LEN + 2 * i] = digits[mac[i] >> 4];
		out[PREFIX_LEN + 2 * i + 1] = digits[mac[i] & 0x0f];
	}
	out[PREFIX_LEN + HEX_LEN] = '\0';
	OPENSSL_cleanse(mac, sizeof(mac));
	*out_header_value = out;
	return GOSEND_OK;
}
