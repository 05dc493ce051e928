/* gosendapi-mock: run the GoSendAPI mock server as a standalone program. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsmock.h"

static void usage(FILE *out, const char *prog)
{
	fprintf(out,
	        "Usage: %s [--port N] [--seed FILE] [--key KEY] [--quiet]\n"
	        "\n"
	        "Serve a mock of the GoSendAPI Cloud REST API on 127.0.0.1.\n"
	        "\n"
	        "  -p, --port N     TCP port (default 0: pick a free one)\n"
	        "  -s, --seed FILE  JSON seed file replacing the built-in "
	        "data\n"
	        "  -k, --key KEY    also accept exactly this API key\n"
	        "  -q, --quiet      do not log requests to stderr\n"
	        "  -h, --help       show this help\n"
	        "\n"
	        "Prints \"port=<N>\" on stdout once listening; runs until "
	        "SIGINT or SIGTERM.\n",
	        prog);
}

static int parse_port(const char *s, unsigned short *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < 0 || v > 65535)
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
	        {NULL, 0, NULL, 0}};
	gsmock_options opts;
	memset(&opts, 0, sizeof opts);
	opts.log_requests = 1;
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
		case 'h':
			usage(stdout, argv[0]);
			return 0;
		default:
			usage(stderr, argv[0]);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument: %s\n", argv[0],
		        argv[optind]);
		usage(stderr, argv[0]);
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
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);

	gsmock *m = NULL;
	if (gsmock_start(&m, &opts) != 0) {
		fprintf(stderr, "%s: cannot start the mock server\n", argv[0]);
		return 1;
	}
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
