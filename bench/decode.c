/*
 * bench-decode: the SDK's list decoder (what the iterator runs per page)
 * against cJSON_Parse + cJSON_Delete of the same 100-item page, CPU only.
 * It reaches the library's internal decoder, so it links the object
 * library. Driven by bench/run.sh.
 *
 *   bench-decode raw-decode M FILE   cJSON_Parse + cJSON_Delete, M times
 *   bench-decode sdk-decode M FILE   the SDK's list decoder, M times
 *
 * Prints one line: mode, count, seconds, per second, peak RSS (kB).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "call/endpoint.h"
#include "json/types.h"
#include "gosendapi/gosendapi.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "bench-decode: %s\n", what);
	exit(1);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		die("cannot open page file");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die("read");
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void decode_once(const char *page, size_t len, int sdk)
{
	if (sdk) {
		void *o = NULL;
		gosend_message_list *l;
		if (gosend__decode(&gosend__type_message, GOSEND__PAGE, page,
		                   len, &o, NULL) != 0)
			die("sdk decode");
		l = o;
		if (l->count != 100)
			die("sdk decode");
		gosend_message_list_free(l);
	} else {
		cJSON *r = cJSON_ParseWithLength(page, len);
		if (cJSON_GetArraySize(r) != 100)
			die("raw decode");
		cJSON_Delete(r);
	}
}

int main(int argc, char **argv)
{
	struct rusage ru;
	size_t len;
	char *page;
	double t0, secs;
	long i, reps;
	int sdk;

	if (argc < 4 ||
	    (strcmp(argv[1], "raw-decode") && strcmp(argv[1], "sdk-decode"))) {
		fprintf(stderr, "usage: bench-decode raw-decode|sdk-decode M "
		                "FILE\n");
		return 2;
	}
	sdk = !strcmp(argv[1], "sdk-decode");
	reps = atol(argv[2]);
	page = slurp(argv[3], &len);
	t0 = now_s();
	for (i = 0; i < reps; i++)
		decode_once(page, len, sdk);
	secs = now_s() - t0;
	getrusage(RUSAGE_SELF, &ru);
	printf("mode=%s n=%ld seconds=%.4f per_sec=%.1f maxrss_kb=%ld\n",
	       argv[1], reps, secs, secs > 0 ? (double)reps / secs : 0.0,
	       ru.ru_maxrss);
	free(page);
	return 0;
}
