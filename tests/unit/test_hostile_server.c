/*
 * The hostile test server (tests/support/hostile.h) driven by plain
 * sockets and raw libcurl easy calls: scripted answers byte for byte,
 * the request log, keep-alive and connection numbers, a close on a reused
 * connection, several connections at once, pipelining, 100-continue, the
 * size limits, an endless chunked answer cut by the client, a trickle
 * that trips the client's low-speed limit, a gzip bomb, stopping while
 * answers are in progress, and the stored-once count. Nothing sleeps:
 * waits are the server's condition variable or socket timeouts.
 */
#define _GNU_SOURCE
#include "testsupport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "hostile.h"

#define DEFAULT_ANSWER                                          \
	"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" \
	"Content-Length: 2\r\nConnection: keep-alive\r\n\r\n{}"

static int setup(void **state)
{
	hs_server *s = NULL;
	if (hs_start(&s) != 0)
		return -1;
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	hs_stop(*state); /* NULL when a test stopped it itself */
	return 0;
}

/* ------------------------------------------------------------ sockets */

static int tcp_connect(unsigned short port)
{
	struct sockaddr_in sa;
	struct timeval tv = {5, 0}; /* a guard: no test waits this long */
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(fd >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(port);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(
	        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	return fd;
}

static void send_str(int fd, const char *s)
{
	size_t n = strlen(s), off = 0;
	while (off < n) {
		ssize_t k = send(fd, s + off, n - off, MSG_NOSIGNAL);
		assert_true(k > 0);
		off += (size_t)k;
	}
}

/* Read exactly n bytes (fails on EOF or the receive timeout). */
static void read_n(int fd, char *buf, size_t n)
{
	size_t off = 0;
	while (off < n) {
		ssize_t k = recv(fd, buf + off, n - off, 0);
		if (k <= 0)
			fail_msg("short read: %zu of %zu bytes", off, n);
		off += (size_t)k;
	}
	buf[n] = '\0';
}

/* Expect exactly the bytes of s next on fd. */
static void expect_bytes(int fd, const char *s)
{
	size_t n = strlen(s);
	char *buf = malloc(n + 1);
	assert_non_null(buf);
	read_n(fd, buf, n);
	assert_string_equal(buf, s);
	free(buf);
}

/* Read until the peer closes; returns the bytes read (NUL-terminated). */
static size_t read_to_eof(int fd, char *buf, size_t cap)
{
	size_t off = 0;
	for (;;) {
		ssize_t k = recv(fd, buf + off, cap - 1 - off, 0);
		if (k == 0)
			break;
		if (k < 0)
			fail_msg("no EOF after %zu bytes", off);
		off += (size_t)k;
		if (off == cap - 1)
			off = 0; /* keep draining; only the tail is kept */
	}
	buf[off] = '\0';
	return off;
}

/* ------------------------------------------------------------ libcurl */

struct sink {
	char *p;
	size_t len, cap;
	size_t limit; /* 0: none; else refuse more once this many arrived */
};

static size_t sink_write(char *d, size_t size, size_t n, void *ud)
{
	struct sink *k = ud;
	size_t m = size * n;
	if (k->limit && k->len >= k->limit)
		return 0;
	if (k->cap - k->len < m + 1) {
		size_t cap = k->cap ? k->cap : 4096;
		char *p;
		while (cap - k->len < m + 1)
			cap *= 2;
		p = realloc(k->p, cap);
		assert_non_null(p);
		k->p = p;
		k->cap = cap;
	}
	memcpy(k->p + k->len, d, m);
	k->len += m;
	k->p[k->len] = '\0';
	return m;
}

static CURL *easy(void)
{
	CURL *h = curl_easy_init();
	assert_non_null(h);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 20000L); /* a guard */
	return h;
}

/* One transfer of base_url + path; the body into *body (reset first),
 * the header lines into *hdrs when given. */
static CURLcode perform(CURL *h, hs_server *s, const char *path,
                        struct sink *body, struct sink *hdrs)
{
	char url[256];
	(void)snprintf(url, sizeof(url), "%s%s", hs_base_url(s), path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	body->len = 0;
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, body);
	if (hdrs) {
		hdrs->len = 0;
		curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, sink_write);
		curl_easy_setopt(h, CURLOPT_HEADERDATA, hdrs);
	}
	return curl_easy_perform(h);
}

static long status_of(CURL *h)
{
	long code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	return code;
}

/* POST path with the JSON body "{}" and an Idempotency-Key (or none). */
static CURLcode post(CURL *h, hs_server *s, const char *path, const char *key)
{
	struct curl_slist *l = NULL;
	struct sink body = {0};
	char kh[128];
	CURLcode rc;
	l = curl_slist_append(l, "Content-Type: application/json");
	l = curl_slist_append(l, "Expect:");
	if (key) {
		(void)snprintf(kh, sizeof(kh), "Idempotency-Key: %s", key);
		l = curl_slist_append(l, kh);
	}
	assert_non_null(l);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, l);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, "{}");
	rc = perform(h, s, path, &body, NULL);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(l);
	free(body.p);
	return rc;
}

/* ------------------------------------------------------------ tests */

static void test_hostile__answers_byte_for_byte(void **state)
{
	hs_server *s = *state;
	char buf[64];
	int fd;

	assert_int_equal(hs_queue_response(s, 201, "X-Test: yes", "{\"a\":1}"),
	                 0);
	assert_int_equal(hs_queue_raw(s,
	                              "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
	                              "X-Odd:   spaced  \r\n\r\nhi",
	                              0),
	                 0);
	assert_int_equal(hs_queue_raw(s, "HTTP/1.0 418 Teapot\r\n\r\nbye", 1),
	                 0);
	assert_int_equal(hs_pending_actions(s), 3);
	fd = tcp_connect(hs_port(s));
	send_str(fd, "GET /v1/x HTTP/1.1\r\nHost: h\r\n\r\n");
	expect_bytes(fd, "HTTP/1.1 201 Created\r\nX-Test: yes\r\n"
	                 "Content-Type: application/json\r\n"
	                 "Content-Length: 7\r\nConnection: keep-alive\r\n\r\n"
	                 "{\"a\":1}");
	send_str(fd, "GET /v1/y HTTP/1.1\r\nHost: h\r\n\r\n");
	expect_bytes(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
	                 "X-Odd:   spaced  \r\n\r\nhi");
	send_str(fd, "GET /v1/z HTTP/1.1\r\nHost: h\r\n\r\n");
	expect_bytes(fd, "HTTP/1.0 418 Teapot\r\n\r\nbye");
	assert_int_equal(read_to_eof(fd, buf, sizeof(buf)), 0);
	close(fd);
	assert_int_equal(hs_pending_actions(s), 0);
	assert_int_equal(hs_request_count(s), 3);
	assert_int_equal(hs_request_at(s, 0)->connection, 1);
	assert_int_equal(hs_request_at(s, 2)->connection, 1);
	assert_int_equal(hs_request_at(s, 2)->kind, HS_RAW);
	assert_int_equal(hs_connection_count(s), 1);
}

static void test_hostile__records_requests(void **state)
{
	hs_server *s = *state;
	CURL *h = easy();
	struct sink body = {0}, hdrs = {0};
	struct curl_slist *l = NULL;
	const hs_request *r;
	long long t0 = hs_now_ms();

	assert_int_equal(
	        hs_queue_response(s, 202, "X-Reply: 1\r\n", "{\"id\":\"m1\"}"),
	        0);
	l = curl_slist_append(l, "Idempotency-Key: k-1");
	l = curl_slist_append(l, "Content-Type: application/json");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, l);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, "{\"to\":\"+1\"}");
	assert_int_equal(perform(h, s, "/messages?dry=1&x=%20", &body, &hdrs),
	                 CURLE_OK);
	assert_int_equal(status_of(h), 202);
	assert_string_equal(body.p, "{\"id\":\"m1\"}");
	assert_non_null(strstr(hdrs.p, "\r\nX-Reply: 1\r\n"));

	assert_int_equal(hs_wait_requests(s, 1, 5000), 0);
	assert_int_equal(hs_request_count(s), 1);
	r = hs_request_at(s, 0);
	assert_non_null(r);
	assert_null(hs_request_at(s, 1));
	assert_string_equal(r->method, "POST");
	assert_string_equal(r->target, "/v1/messages?dry=1&x=%20");
	assert_string_equal(r->path, "/v1/messages");
	assert_string_equal(hs_req_header(r, "idempotency-key"), "k-1");
	assert_string_equal(hs_req_header(r, "CONTENT-TYPE"),
	                    "application/json");
	assert_string_equal(hs_req_header(r, "Content-Length"), "11");
	assert_null(hs_req_header(r, "X-Absent"));
	assert_string_equal(r->body, "{\"to\":\"+1\"}");
	assert_int_equal(r->body_len, 11);
	assert_int_equal(r->connection, 1);
	assert_int_equal(r->kind, HS_RESPONSE);
	assert_int_equal(r->processed, 1);
	assert_true(r->arrived_ms >= t0 && r->arrived_ms <= hs_now_ms());

	curl_slist_free_all(l);
	curl_easy_cleanup(h);
	free(body.p);
	free(hdrs.p);
}

static void test_hostile__keep_alive_and_close_on_reused(void **state)
{
	hs_server *s = *state;
	CURL *h = easy(), *h2 = easy();
	struct sink body = {0};

	assert_int_equal(perform(h, s, "/a", &body, NULL), CURLE_OK);
	assert_string_equal(body.p, "{}");
	assert_int_equal(perform(h, s, "/b", &body, NULL), CURLE_OK);
	assert_int_equal(hs_request_at(s, 0)->connection, 1);
	assert_int_equal(hs_request_at(s, 1)->connection, 1);
	assert_int_equal(hs_connection_count(s), 1);

	/* A close on the reused connection: libcurl quietly sends the
	   request again on a fresh one -- the server saw it twice. */
	assert_int_equal(hs_queue_close(s, 0), 0);
	assert_int_equal(perform(h, s, "/c", &body, NULL), CURLE_OK);
	assert_int_equal(status_of(h), 200);
	assert_int_equal(hs_request_count(s), 4);
	assert_string_equal(hs_request_at(s, 2)->target, "/v1/c");
	assert_int_equal(hs_request_at(s, 2)->kind, HS_CLOSE);
	assert_int_equal(hs_request_at(s, 2)->connection, 1);
	assert_string_equal(hs_request_at(s, 3)->target, "/v1/c");
	assert_int_equal(hs_request_at(s, 3)->kind, HS_RESPONSE);
	assert_int_equal(hs_request_at(s, 3)->connection, 2);

	/* on a fresh connection there is no retry */
	assert_int_equal(hs_queue_close(s, 0), 0);
	assert_int_equal(perform(h2, s, "/d", &body, NULL), CURLE_GOT_NOTHING);
	assert_int_equal(hs_request_count(s), 5);
	assert_int_equal(hs_request_at(s, 4)->connection, 3);
	assert_int_equal(hs_connection_count(s), 3);

	/* "Connection: close" from the client is honoured */
	{
		int fd = tcp_connect(hs_port(s));
		char buf[256];
		send_str(fd, "GET /v1/e HTTP/1.1\r\nConnection: close\r\n\r\n");
		read_to_eof(fd, buf, sizeof(buf));
		assert_non_null(strstr(buf, "Connection: close\r\n\r\n{}"));
		close(fd);
	}
	curl_easy_cleanup(h);
	curl_easy_cleanup(h2);
	free(body.p);
}

static void test_hostile__connections_at_once(void **state)
{
	hs_server *s = *state;
	struct pollfd p;
	int a, b;

	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_SILENT}), 0);
	a = tcp_connect(hs_port(s));
	send_str(a, "GET /v1/hang HTTP/1.1\r\n\r\n");
	assert_int_equal(hs_wait_requests(s, 1, 5000), 0);
	/* a hanging connection does not hold up another one */
	b = tcp_connect(hs_port(s));
	send_str(b, "GET /v1/ok HTTP/1.1\r\n\r\n");
	expect_bytes(b, DEFAULT_ANSWER);
	assert_int_equal(hs_request_at(s, 0)->connection, 1);
	assert_int_equal(hs_request_at(s, 0)->kind, HS_SILENT);
	assert_int_equal(hs_request_at(s, 1)->connection, 2);
	/* nothing came on the silent one, and it is still open */
	p.fd = a;
	p.events = POLLIN;
	p.revents = 0;
	assert_int_equal(poll(&p, 1, 0), 0);
	close(a);
	close(b);
}

static void test_hostile__pipelining_and_continue(void **state)
{
	hs_server *s = *state;
	int fd = tcp_connect(hs_port(s));

	send_str(fd, "\r\nGET /v1/p1 HTTP/1.1\r\nHost: h\r\n\r\n"
	             "POST /v1/p2 HTTP/1.1\nContent-Length: 3\n\nabc");
	expect_bytes(fd, DEFAULT_ANSWER);
	expect_bytes(fd, DEFAULT_ANSWER);
	assert_int_equal(hs_request_count(s), 2);
	assert_string_equal(hs_request_at(s, 0)->target, "/v1/p1");
	assert_string_equal(hs_request_at(s, 1)->body, "abc");

	send_str(fd, "POST /v1/up HTTP/1.1\r\nHost: h\r\n"
	             "Expect: 100-continue\r\nContent-Length: 5\r\n\r\n");
	expect_bytes(fd, "HTTP/1.1 100 Continue\r\n\r\n");
	assert_int_equal(hs_request_count(s), 2);
	send_str(fd, "hello");
	expect_bytes(fd, DEFAULT_ANSWER);
	assert_string_equal(hs_request_at(s, 2)->body, "hello");
	assert_int_equal(hs_request_at(s, 2)->connection, 1);
	close(fd);
}

static void test_hostile__limits(void **state)
{
	hs_server *s = *state;
	char buf[512];
	int fd;

	fd = tcp_connect(hs_port(s));
	send_str(fd,
	         "POST /v1/big HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n");
	read_to_eof(fd, buf, sizeof(buf));
	assert_true(strncmp(buf, "HTTP/1.1 413 ", 13) == 0);
	close(fd);

	fd = tcp_connect(hs_port(s));
	send_str(fd, "NONSENSE\r\n\r\n");
	read_to_eof(fd, buf, sizeof(buf));
	assert_true(strncmp(buf, "HTTP/1.1 400 ", 13) == 0);
	close(fd);

	fd = tcp_connect(hs_port(s));
	send_str(fd,
	         "POST /v1/c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
	read_to_eof(fd, buf, sizeof(buf));
	assert_true(strncmp(buf, "HTTP/1.1 501 ", 13) == 0);
	close(fd);

	/* 64 KiB of headers without an end */
	{
		char line[1024];
		int i;
		fd = tcp_connect(hs_port(s));
		send_str(fd, "GET /v1/h HTTP/1.1\r\n");
		memset(line, 'a', sizeof(line));
		memcpy(line, "X-A: ", 5);
		line[sizeof(line) - 3] = '\r';
		line[sizeof(line) - 2] = '\n';
		line[sizeof(line) - 1] = '\0';
		for (i = 0; i < 70; i++)
			send_str(fd, line);
		read_to_eof(fd, buf, sizeof(buf));
		assert_true(strncmp(buf, "HTTP/1.1 431 ", 13) == 0);
		close(fd);
	}
	assert_int_equal(hs_request_count(s), 0);

	/* the largest allowed body is taken */
	{
		CURL *h = easy();
		struct sink body = {0};
		char *big = malloc(1048577);
		assert_non_null(big);
		memset(big, 'b', 1048576);
		big[1048576] = '\0';
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, big);
		assert_int_equal(perform(h, s, "/big", &body, NULL), CURLE_OK);
		assert_int_equal(status_of(h), 200);
		assert_int_equal(hs_request_at(s, 0)->body_len, 1048576);
		curl_easy_cleanup(h);
		free(big);
		free(body.p);
	}

	/* invalid actions */
	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_RAW}), -1);
	assert_int_equal(hs_queue(s, &(hs_action){.kind = (hs_kind)99}), -1);
	assert_int_equal(hs_queue_raw(s, "", 0), -1);
	assert_int_equal(hs_pending_actions(s), 0);
}

static void test_hostile__endless_chunked_cut_by_client(void **state)
{
	hs_server *s = *state;
	CURL *h = easy(), *h2 = easy();
	struct sink body = {0}, hdrs = {0};

	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_ENDLESS_CHUNKED,
	                                          .chunk_size = 4000}),
	                 0);
	body.limit = 1 << 20;
	assert_int_equal(perform(h, s, "/messages", &body, &hdrs),
	                 CURLE_WRITE_ERROR);
	assert_int_equal(status_of(h), 200);
	assert_non_null(strstr(hdrs.p, "Transfer-Encoding: chunked"));
	assert_true(body.len >= (size_t)1 << 20);
	assert_true(strncmp(body.p, "[{\"n\":1},{\"n\":1},", 17) == 0);
	/* the server goes on serving */
	body.limit = 0;
	assert_int_equal(perform(h2, s, "/next", &body, NULL), CURLE_OK);
	assert_string_equal(body.p, "{}");
	curl_easy_cleanup(h);
	curl_easy_cleanup(h2);
	free(body.p);
	free(hdrs.p);
}

static void test_hostile__trickle(void **state)
{
	hs_server *s = *state;
	CURL *h = easy();
	struct sink body = {0};
	char big[201];
	long long t0, took;

	/* fast enough to finish: 10 bytes 20 ms apart */
	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_TRICKLE,
	                                          .body = "0123456789",
	                                          .interval_ms = 20}),
	                 0);
	t0 = hs_now_ms();
	assert_int_equal(perform(h, s, "/slow", &body, NULL), CURLE_OK);
	took = hs_now_ms() - t0;
	assert_string_equal(body.p, "0123456789");
	assert_true(took >= 190);

	/* 2 bytes/s against a client that wants 10 bytes/s over 1 s */
	memset(big, 'x', 200);
	big[200] = '\0';
	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_TRICKLE,
	                                          .body = big,
	                                          .interval_ms = 500}),
	                 0);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 10L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 1L);
	t0 = hs_now_ms();
	assert_int_equal(perform(h, s, "/slower", &body, NULL),
	                 CURLE_OPERATION_TIMEDOUT);
	took = hs_now_ms() - t0;
	assert_int_equal(status_of(h), 200); /* the head came at once */
	assert_true(body.len < 20);
	assert_true(took >= 900 && took < 10000);
	curl_easy_cleanup(h);
	free(body.p);
}

static void test_hostile__gzip_bomb(void **state)
{
	hs_server *s = *state;
	CURL *h = easy();
	struct sink body = {0}, hdrs = {0};
	const size_t inflated = (size_t)8 << 20;
	curl_off_t clen = -1;

	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_GZIP_BOMB,
	                                          .inflated_bytes = inflated}),
	                 0);
	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_GZIP_BOMB,
	                                          .inflated_bytes = 7}),
	                 0);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	assert_int_equal(perform(h, s, "/bomb", &body, &hdrs), CURLE_OK);
	assert_non_null(strstr(hdrs.p, "Content-Encoding: gzip\r\n"));
	curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &clen);
	assert_true(clen > 0 && (size_t)clen < inflated / 500);
	assert_int_equal(body.len, inflated);
	assert_true(strncmp(body.p, "{\"pad\":\"   ", 11) == 0);
	assert_string_equal(body.p + inflated - 4, "  \"}");

	/* below the JSON frame: only spaces; undecoded: the gzip bytes */
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, NULL);
	assert_int_equal(perform(h, s, "/small", &body, NULL), CURLE_OK);
	assert_true(body.len > 10);
	assert_int_equal((unsigned char)body.p[0], 0x1f);
	assert_int_equal((unsigned char)body.p[1], 0x8b);
	curl_easy_cleanup(h);
	free(body.p);
	free(hdrs.p);
}

static void test_hostile__stop_while_answering(void **state)
{
	hs_server *s = *state;
	char buf[4096];
	long long t0;
	int a, b, c;

	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_ENDLESS_CHUNKED}),
	                 0);
	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_TRICKLE,
	                                          .body = "slow",
	                                          .interval_ms = 60000}),
	                 0);
	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_SILENT}), 0);
	a = tcp_connect(hs_port(s));
	send_str(a, "GET /v1/endless HTTP/1.1\r\n\r\n");
	read_n(a, buf, 1024); /* it is streaming */
	b = tcp_connect(hs_port(s));
	send_str(b, "GET /v1/trickle HTTP/1.1\r\n\r\n");
	/* actions go to requests in the order they are read */
	assert_int_equal(hs_wait_requests(s, 2, 5000), 0);
	c = tcp_connect(hs_port(s));
	send_str(c, "GET /v1/silent HTTP/1.1\r\n\r\n");
	assert_int_equal(hs_wait_requests(s, 3, 5000), 0);

	t0 = hs_now_ms();
	hs_stop(s);
	*state = NULL;
	assert_true(hs_now_ms() - t0 < 2000);
	/* every connection was closed */
	read_to_eof(a, buf, sizeof(buf));
	read_to_eof(b, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Content-Length: 4\r\n"));
	assert_int_equal(read_to_eof(c, buf, sizeof(buf)), 0);
	close(a);
	close(b);
	close(c);
}

static size_t open_fds(void)
{
	size_t n = 0;
	int fd;
	for (fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) != -1)
			n++;
	return n;
}

static void test_hostile__no_fd_left(void **state)
{
	size_t before = open_fds();
	hs_server *s = NULL;
	int a, b;
	(void)state;
	assert_int_equal(hs_start(&s), 0);
	assert_int_equal(hs_queue(s, &(hs_action){.kind = HS_SILENT}), 0);
	a = tcp_connect(hs_port(s));
	send_str(a, "GET /v1/a HTTP/1.1\r\n\r\n");
	b = tcp_connect(hs_port(s));
	assert_int_equal(hs_wait_requests(s, 1, 5000), 0);
	send_str(b, "GET /v1/b HTTP/1.1\r\n\r\n");
	expect_bytes(b, DEFAULT_ANSWER);
	hs_stop(s);
	close(a);
	close(b);
	assert_int_equal(open_fds(), before);
	hs_stop(NULL);
}

static void test_hostile__stored_once(void **state)
{
	hs_server *s = *state;
	CURL *h = easy(), *fresh = easy();

	assert_int_equal(hs_stored_count(s), 0);
	assert_int_equal(post(h, s, "/messages", "k1"), CURLE_OK);
	assert_int_equal(post(h, s, "/messages", "k1"), CURLE_OK);
	assert_int_equal(hs_stored_count(s), 1);
	assert_int_equal(post(h, s, "/messages?x=1", "k2"), CURLE_OK);
	assert_int_equal(hs_stored_count(s), 2);
	/* without a key every request is stored */
	assert_int_equal(post(h, s, "/messages", NULL), CURLE_OK);
	assert_int_equal(post(h, s, "/messages", NULL), CURLE_OK);
	assert_int_equal(hs_stored_count(s), 4);
	/* not processed, not POST, not .../messages */
	assert_int_equal(hs_queue_response(s, 500, NULL, "{}"), 0);
	assert_int_equal(post(h, s, "/messages", "k3"), CURLE_OK);
	assert_int_equal(status_of(h), 500);
	assert_int_equal(
	        hs_queue(s, &(hs_action){.kind = HS_RESPONSE, .processed = 0}),
	        0);
	assert_int_equal(post(h, s, "/messages", "k3"), CURLE_OK);
	assert_int_equal(post(h, s, "/templates", "k4"), CURLE_OK);
	assert_int_equal(post(h, s, "/messages/m1", "k4"), CURLE_OK);
	{
		struct sink body = {0};
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		assert_int_equal(perform(h, s, "/messages", &body, NULL),
		                 CURLE_OK);
		free(body.p);
	}
	assert_int_equal(hs_stored_count(s), 4);
	/* processed, then the answer is lost */
	assert_int_equal(hs_queue_close(s, 1), 0);
	assert_int_equal(post(fresh, s, "/messages", "k5"), CURLE_GOT_NOTHING);
	assert_int_equal(hs_stored_count(s), 5);
	/* the replay with the same key is not stored again */
	assert_int_equal(post(fresh, s, "/messages", "k5"), CURLE_OK);
	assert_int_equal(hs_stored_count(s), 5);
	/* a default that does not process */
	assert_int_equal(hs_set_default(s, &(hs_action){.kind = HS_RESPONSE,
	                                                .status = 503}),
	                 0);
	assert_int_equal(post(h, s, "/messages", "k6"), CURLE_OK);
	assert_int_equal(status_of(h), 503);
	assert_int_equal(hs_stored_count(s), 5);
	curl_easy_cleanup(h);
	curl_easy_cleanup(fresh);
}

static void test_hostile__wait_times_out(void **state)
{
	hs_server *s = *state;
	long long t0 = hs_now_ms();
	assert_int_equal(hs_wait_requests(s, 1, 50), -1);
	assert_true(hs_now_ms() - t0 >= 45);
	assert_int_equal(hs_wait_requests(s, 0, 0), 0);
	assert_true(hs_port(s) > 0);
	assert_non_null(strstr(hs_base_url(s), "http://127.0.0.1:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(
	                test_hostile__answers_byte_for_byte, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hostile__records_requests,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_hostile__keep_alive_and_close_on_reused, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_hostile__connections_at_once, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_hostile__pipelining_and_continue, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hostile__limits, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_hostile__endless_chunked_cut_by_client, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(test_hostile__trickle, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_hostile__gzip_bomb, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_hostile__stop_while_answering, setup, teardown),
	        cmocka_unit_test(test_hostile__no_fd_left),
	        cmocka_unit_test_setup_teardown(test_hostile__stored_once,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hostile__wait_times_out,
	                                        setup, teardown),
	};
	int rc;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
