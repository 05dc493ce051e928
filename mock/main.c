/* gosendapi-mock: run the GoSendAPI mock server as a standalone program. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"

/* Long options without a short form. */
enum { OPT_TLS_CERT = 256, OPT_TLS_KEY, OPT_RATE_LIMIT, OPT_FAULT };

static void usage(FILE *out, const char *prog)
{
	fprintf(out,
	        "Usage: %s [--port N] [--seed FILE] [--key KEY] [--quiet]\n"
	        "       [--tls-cert FILE --tls-key FILE] [--rate-limit N]\n"
	        "       [--fault KIND[:PARAM]]...\n"
	        "\n"
	        "Serve a mock of the GoSendAPI Cloud REST API on 127.0.0.1.\n"
	        "\n"
	        "  -p, --port N          TCP port (default 0: pick a free "
	        "one)\n"
	        "  -s, --seed FILE       JSON seed file replacing the "
	        "built-in data\n"
	        "  -k, --key KEY         also accept exactly this API key\n"
	        "  -q, --quiet           do not log requests to stderr\n"
	        "      --tls-cert FILE   serve HTTPS with this PEM "
	        "certificate...\n"
	        "      --tls-key FILE    ...and this PEM private key (both "
	        "needed)\n"
	        "      --rate-limit N    enforce N requests per second per "
	        "API key\n"
	        "                        (over it: 429, not processed)\n"
	        "      --fault KIND[:PARAM]\n"
	        "                        answer the next request with a "
	        "fault; repeat to\n"
	        "                        queue several, used in order, one "
	        "per request.\n"
	        "                        KIND: close, reset, "
	        "process-then-close,\n"
	        "                        delay:MS, truncate, invalid-json,\n"
	        "                        huge-body[:BYTES] (default 8 MiB), "
	        "html-502,\n"
	        "                        wrong-content-type, redirect,\n"
	        "                        empty:STATUS, ignore-page, "
	        "echo-key:TEXT\n"
	        "  -h, --help            show this help\n"
	        "\n"
	        "Prints \"port=<N>\" on stdout once listening; logs "
	        "\"METHOD PATH STATUS\" per\n"
	        "request and one line per webhook delivery attempt on "
	        "stderr (the API key\n"
	        "is never printed); runs until SIGINT or SIGTERM.\n",
	        prog);
}

/*
 * Faults this program scripts itself with gsmock_queue_response(), next to
 * the library's gsmock_fault kinds (which start at 1).
 */
enum {
	/* STATUS with an empty body */
	SCRIPT_EMPTY = 1001,
	/* a page of two messages, X-Per-Page 2, no X-Total-Count */
	SCRIPT_IGNORE_PAGE,
	/* 401 whose message and X-Request-Id carry TEXT */
	SCRIPT_ECHO_KEY
};

/* A --fault argument. */
struct fault_arg {
	int kind; /* a gsmock_fault or a SCRIPT_* value */
	unsigned int param;
	const char *text; /* the PARAM of a text fault, in argv */
};

static const struct {
	const char *name;
	int kind;
	int param; /* 0: none, 1: optional, 2: required, 3: required text */
} fault_names[] = {
        {"close", GSMOCK_FAULT_CLOSE, 0},
        {"reset", GSMOCK_FAULT_RESET, 0},
        {"process-then-close", GSMOCK_FAULT_PROCESS_THEN_CLOSE, 0},
        {"delay", GSMOCK_FAULT_DELAY, 2},
        {"truncate", GSMOCK_FAULT_TRUNCATE, 0},
        {"invalid-json", GSMOCK_FAULT_INVALID_JSON, 0},
        {"huge-body", GSMOCK_FAULT_HUGE_BODY, 1},
        {"html-502", GSMOCK_FAULT_HTML_502, 0},
        {"wrong-content-type", GSMOCK_FAULT_WRONG_CONTENT_TYPE, 0},
        {"redirect", GSMOCK_FAULT_REDIRECT, 0},
        {"empty", SCRIPT_EMPTY, 2},
        {"ignore-page", SCRIPT_IGNORE_PAGE, 0},
        {"echo-key", SCRIPT_ECHO_KEY, 3},
};

/* The page the ignore-page fault serves, whatever page was asked for. */
static const char ignore_page_body[] =
        "[{\"id\":\"wamid.LOOP1\",\"phone_number_id\":\"555123456789\","
        "\"to\":\"5491140123456\",\"from\":\"555123456789\",\"type\":"
        "\"text\",\"status\":\"sent\",\"created_at\":"
        "\"2026-11-25T22:16:55Z\",\"text\":{\"body\":\"loop 1\"}},"
        "{\"id\":\"wamid.LOOP2\",\"phone_number_id\":\"555123456789\","
        "\"to\":\"5491140123456\",\"from\":\"555123456789\",\"type\":"
        "\"text\",\"status\":\"sent\",\"created_at\":"
        "\"2026-11-25T22:16:56Z\",\"text\":{\"body\":\"loop 2\"}}]";

/* Text of the echo-key fault: printable ASCII but '"' and '\\', so that
 * it fits a header value and a JSON string as is. */
static int echo_text_ok(const char *s)
{
	if (!*s || strlen(s) > 512)
		return 0;
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
			return 0;
	return 1;
}

/* Queue one --fault. Returns 0 or -1. */
static int queue_fault(gsmock *m, const struct fault_arg *f)
{
	char headers[600], body[700];

	switch (f->kind) {
	case SCRIPT_EMPTY:
		return gsmock_queue_response(m, f->param, NULL, NULL, NULL);
	case SCRIPT_IGNORE_PAGE:
		return gsmock_queue_response(m, 200, "X-Per-Page: 2", NULL,
		                             ignore_page_body);
	case SCRIPT_ECHO_KEY:
		snprintf(headers, sizeof headers, "X-Request-Id: req-%s",
		         f->text);
		snprintf(body, sizeof body,
		         "{\"statusCode\":401,\"message\":\"Invalid API "
		         "key %s\",\"error\":\"Unauthorized\"}",
		         f->text);
		return gsmock_queue_response(m, 401, headers, NULL, body);
	default:
		return gsmock_queue_fault(m, (gsmock_fault)f->kind, f->param);
	}
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

static int parse_fault(const char *arg, struct fault_arg *out)
{
	const char *colon = strchr(arg, ':');
	size_t nlen = colon ? (size_t)(colon - arg) : strlen(arg);
	for (size_t i = 0; i < sizeof fault_names / sizeof fault_names[0];
	     i++) {
		if (strlen(fault_names[i].name) != nlen ||
		    strncmp(fault_names[i].name, arg, nlen) != 0)
			continue;
		unsigned long v = 0;
		out->kind = fault_names[i].kind;
		out->text = NULL;
		if (fault_names[i].param == 3) {
			if (!colon || !echo_text_ok(colon + 1))
				return -1;
			out->text = colon + 1;
			out->param = 0;
			return 0;
		}
		if (colon && (fault_names[i].param == 0 ||
		              parse_uint(colon + 1, 0xffffffffUL, &v) != 0))
			return -1;
		if (!colon && fault_names[i].param == 2)
			return -1;
		if (out->kind == SCRIPT_EMPTY && (v < 200 || v > 599))
			return -1;
		out->param = (unsigned int)v;
		return 0;
	}
	return -1;
}

static int parse_port(const char *s, unsigned short *out)
{
	unsigned long v;
	if (parse_uint(s, 65535, &v) != 0)
		return -1;
	*out = (unsigned short)v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"port", required_argument, NULL, 'p'},
	        {"seed", required_argument, NULL, 's'},
	        {"key", required_argument, NULL, 'k'},
	        {"quiet", no_argument, NULL, 'q'},
	        {"help", no_argument, NULL, 'h'},
	        {"tls-cert", required_argument, NULL, OPT_TLS_CERT},
	        {"tls-key", required_argument, NULL, OPT_TLS_KEY},
	        {"rate-limit", required_argument, NULL, OPT_RATE_LIMIT},
	        {"fault", required_argument, NULL, OPT_FAULT},
	        {NULL, 0, NULL, 0}};
	gsmock_options opts;
	memset(&opts, 0, sizeof opts);
	opts.log_requests = 1;
	unsigned long rate_limit = 0;
	struct fault_arg *faults = NULL;
	size_t nfaults = 0;
	int c;
	while ((c = getopt_long(argc, argv, "p:s:k:qh", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'p':
			if (parse_port(optarg, &opts.port) != 0) {
				fprintf(stderr, "%s: invalid port: %s\n",
				        argv[0], optarg);
				return 2;
			}
			break;
		case 's':
			opts.seed_file = optarg;
			break;
		case 'k':
			opts.fixed_key = optarg;
			break;
		case 'q':
			opts.log_requests = 0;
			break;
		case OPT_TLS_CERT:
			opts.tls_cert_file = optarg;
			break;
		case OPT_TLS_KEY:
			opts.tls_key_file = optarg;
			break;
		case OPT_RATE_LIMIT:
			if (parse_uint(optarg, 1000000, &rate_limit) != 0 ||
			    rate_limit == 0) {
				fprintf(stderr,
				        "%s: invalid rate limit: %s "
				        "(1..1000000)\n",
				        argv[0], optarg);
				free(faults);
				return 2;
			}
			break;
		case OPT_FAULT: {
			struct fault_arg f;
			struct fault_arg *nf;
			if (parse_fault(optarg, &f) != 0) {
				fprintf(stderr, "%s: invalid fault: %s\n",
				        argv[0], optarg);
				usage(stderr, argv[0]);
				free(faults);
				return 2;
			}
			nf = realloc(faults, (nfaults + 1) * sizeof *nf);
			if (!nf) {
				free(faults);
				return 1;
			}
			faults = nf;
			faults[nfaults++] = f;
			break;
		}
		case 'h':
			usage(stdout, argv[0]);
			free(faults);
			return 0;
		default:
			usage(stderr, argv[0]);
			free(faults);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument: %s\n", argv[0],
		        argv[optind]);
		usage(stderr, argv[0]);
		free(faults);
		return 2;
	}
	if ((opts.tls_cert_file != NULL) != (opts.tls_key_file != NULL)) {
		fprintf(stderr, "%s: --tls-cert and --tls-key go together\n",
		        argv[0]);
		free(faults);
		return 2;
	}

	/* Block the stop signals before any server thread exists, so that
	   they are only ever taken by sigwait() below. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) {
		fprintf(stderr, "%s: cannot block signals\n", argv[0]);
		free(faults);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);

	gsmock *m = NULL;
	if (gsmock_start(&m, &opts) != 0) {
		fprintf(stderr, "%s: cannot start the mock server\n", argv[0]);
		free(faults);
		return 1;
	}
	if (rate_limit)
		gsmock_set_rate_limit(m, (unsigned int)rate_limit, 1);
	for (size_t i = 0; i < nfaults; i++) {
		if (queue_fault(m, &faults[i]) != 0) {
			fprintf(stderr, "%s: cannot queue a fault\n", argv[0]);
			gsmock_stop(m);
			free(faults);
			return 1;
		}
	}
	free(faults);
	printf("port=%u\n", (unsigned int)gsmock_port(m));
	fflush(stdout);
	if (opts.log_requests)
		fprintf(stderr, "gosendapi-mock listening on %s\n",
		        gsmock_base_url(m));

	int sig = 0;
	if (sigwait(&set, &sig) != 0)
		sig = 0;
	if (opts.log_requests)
		fprintf(stderr, "gosendapi-mock: signal %d, stopping\n", sig);
	gsmock_stop(m);
	return 0;
}
