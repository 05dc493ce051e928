/*
 * verify_webhook: check a webhook delivery's signature from the command
 * line, e.g. to debug a receiver or to replay a delivery saved to a file.
 *
 * Usage: verify_webhook SECRET SIGNATURE_HEADER < body
 *
 *   SECRET            the webhook secret ("whsec_..."); several secrets
 *                     separated by commas are all tried (rotation).
 *   SIGNATURE_HEADER  the value of the X-GoSendAPI-Signature header,
 *                     e.g. "sha256=5f1c...".
 *
 * The raw body is read from standard input, byte for byte. When the
 * signature is valid the program prints the event name (an empty line when
 * the body names no event) and exits 0; otherwise it explains why on stderr
 * and exits 1. Exit code 2 means a usage error.
 *
 * Example:
 *   verify_webhook "$GOSENDAPI_WEBHOOK_SECRET" "sha256=5f1c..." < body.json
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gosendapi/gosendapi.h>
#include <gosendapi/webhook_events.h>

#define MAX_BODY    ((size_t)16 * 1024 * 1024)
#define MAX_SECRETS 8

/* Read all of stdin; NULL on error or when larger than MAX_BODY. */
static char *read_stdin(size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, stdin);
		n += got;
		if (got == 0) {
			if (ferror(stdin)) {
				free(buf);
				return NULL;
			}
			*len = n;
			return buf;
		}
		if (n == cap) {
			char *bigger;
			if (cap >= MAX_BODY) {
				free(buf);
				return NULL;
			}
			bigger = realloc(buf, cap * 2);
			if (!bigger)
				free(buf);
			buf = bigger;
			cap *= 2;
		}
	}
	return NULL;
}

/* Split "a, b,c" in place into trimmed, non-empty secrets. */
static size_t split_secrets(char *list, const char **out, size_t max)
{
	size_t n = 0;
	char *p = list;

	while (p && n < max) {
		char *comma = strchr(p, ',');
		char *end;
		if (comma)
			*comma = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strlen(p);
		while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
		                   end[-1] == '\n' || end[-1] == '\r'))
			*--end = '\0';
		if (*p)
			out[n++] = p;
		p = comma ? comma + 1 : NULL;
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *secrets[MAX_SECRETS];
	gosend_webhook_event *ev = NULL;
	gosend_error *e = NULL;
	size_t nsecrets, len = 0;
	char *body;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: verify_webhook SECRET SIGNATURE_HEADER "
		                "< body\n");
		return 2;
	}
	nsecrets = split_secrets(argv[1], secrets, MAX_SECRETS);
	if (nsecrets == 0) {
		fprintf(stderr, "verify_webhook: SECRET is empty\n");
		return 2;
	}
	body = read_stdin(&len);
	if (!body) {
		fprintf(stderr, "verify_webhook: cannot read the body from "
		                "standard input (limit 16 MiB)\n");
		return 2;
	}
	rc = gosend_webhook_verify(secrets, nsecrets, argv[2], body, len, &e);
	if (rc < 0) {
		fprintf(stderr, "verify_webhook: invalid: %s\n", e->message);
		gosend_error_free(e);
		free(body);
		return rc == GOSEND_EINVAL ? 2 : 1;
	}
	rc = gosend_webhook_event_parse(&ev, body, len, &e);
	if (rc < 0) {
		fprintf(stderr,
		        "verify_webhook: signature valid, but the body is not "
		        "a JSON event: %s\n",
		        e->message);
		gosend_error_free(e);
		free(body);
		return 0;
	}
	printf("%s\n", ev->name);
	gosend_webhook_event_free(ev);
	free(body);
	return 0;
}
