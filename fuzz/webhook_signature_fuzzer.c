/*
 * Fuzz the signature header parser (the input is the header value) and
 * check that signing then verifying any secret/body pair round-trips.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gosendapi/webhook_events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SECRET "whsec_fuzz_secret"
#define BODY   "{\"event\":\"whatsapp.message.received\",\"id\":\"evt_1\"}"

static void header_only(const uint8_t *data, size_t size)
{
	const char *secrets[] = {"whsec_other", SECRET};
	gosend_error *err = NULL;
	char *header = malloc(size + 1);
	int rc;

	if (!header)
		return;
	memcpy(header, data, size);
	header[size] = '\0';
	rc = gosend_webhook_verify(secrets, 2, header, BODY, strlen(BODY),
	                           &err);
	if (rc == 0) {
		if (err)
			__builtin_trap();
	} else if (!err || err->code != rc || !err->message ||
	           (rc != GOSEND_ESIGNATURE && rc != GOSEND_EPROTOCOL &&
	            rc != GOSEND_ENOMEM)) {
		__builtin_trap();
	}
	gosend_error_free(err);
	free(header);
}

static void round_trip(const uint8_t *data, size_t size)
{
	char secret[33];
	char *sig = NULL, *upper, *listed;
	size_t n = 0, i, siglen;

	while (n < size && n < 32 && data[n])
		secret[n] = (char)data[n], n++;
	if (n == 0)
		return;
	secret[n] = '\0';
	if (gosend_webhook_sign(&sig, secret, data, size, NULL) != 0)
		__builtin_trap();
	siglen = strlen(sig);
	if (siglen != 71 ||
	    gosend_webhook_verify_secret(secret, sig, data, size, NULL) != 0)
		__builtin_trap();
	upper = malloc(siglen + 1);
	listed = malloc(2 * siglen + 8);
	if (upper && listed) {
		for (i = 0; i <= siglen; i++)
			upper[i] = i < 7 ? sig[i]
			                 : (char)toupper((unsigned char)sig[i]);
		memcpy(listed, " sha256=", 8);
		memset(listed + 8, '0', 64);
		listed[72] = ',';
		memcpy(listed + 73, sig, siglen + 1);
		if (gosend_webhook_verify_secret(secret, upper, data, size,
		                                 NULL) != 0 ||
		    gosend_webhook_verify_secret(secret, listed, data, size,
		                                 NULL) != 0)
			__builtin_trap();
		/* one body byte less never verifies */
		if (size > 0 && gosend_webhook_verify_secret(
		                        secret, sig, data, size - 1, NULL) == 0)
			__builtin_trap();
	}
	free(upper);
	free(listed);
	gosend_free(sig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	header_only(data, size);
	round_trip(data, size);
	return 0;
}
