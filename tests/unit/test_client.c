/* Client creation, option validation, URL building and transport errors. */
#define _GNU_SOURCE
#include "testsupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/client.h"
#include "core/request.h"
#include "gosendapi/gosendapi.h"

#define KEY "gsk_test_abcdef123456"

static void test_client__new_and_free(void **state)
{
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	(void)state;
	assert_int_equal(gosend_client_new(&c, KEY, NULL, &e), 0);
	assert_non_null(c);
	assert_null(e);
	assert_int_equal(gosend_client_is_test(c), 1);
	assert_string_equal(gosend_client_base_url(c), GOSEND_DEFAULT_BASE_URL);
	gosend_client_free(c);
	gosend_client_free(NULL);
	assert_int_equal(gosend_client_new(&c, "gsk_live_zz9", NULL, NULL), 0);
	assert_int_equal(gosend_client_is_test(c), 0);
	gosend_client_free(c);
	assert_int_equal(gosend_client_is_test(NULL), 0);
}

static void test_client__bad_keys_are_refused(void **state)
{
	static const char *bad[] = {"",
	                            "sk_test_abc",
	                            "gsk_test_",
	                            "gsk_prod_abc",
	                            "gsk_test_ab\r\nX-Evil: 1",
	                            "gsk_test_ab\ncd",
	                            "gsk_test_a b",
	                            "gsk_test_\x7f",
	                            "gsk_test_caf\xc3\xa9"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gosend_client *c = (gosend_client *)1;
		gosend_error *e = NULL;
		assert_int_equal(gosend_client_new(&c, bad[i], NULL, &e),
		                 GOSEND_EINVAL);
		assert_null(c);
		assert_non_null(e);
		assert_int_equal(e->code, GOSEND_EINVAL);
		assert_string_equal(e->field, "api_key");
		assert_int_equal(e->attempts, 0);
		/* The refused key itself is never echoed back. */
		if (strlen(bad[i]) > 10)
			assert_null(strstr(e->message, bad[i]));
		gosend_error_free(e);
	}
}

static void test_client__null_arguments(void **state)
{
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	(void)state;
	assert_int_equal(gosend_client_new(NULL, KEY, NULL, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "out");
	gosend_error_free(e);
	assert_int_equal(gosend_client_new(&c, NULL, NULL, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "api_key");
	gosend_error_free(e);
	assert_int_equal(gosend_client_new(&c, NULL, NULL, NULL),
	                 GOSEND_EINVAL);
	assert_int_equal(gosend_client_options_init(NULL, 1), GOSEND_EINVAL);
}

static void test_client__options(void **state)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	(void)state;
	assert_int_equal(o.version, GOSEND_CLIENT_OPTIONS_VERSION);
	o.base_url = "http://127.0.0.1:9/v1///";
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), 0);
	assert_string_equal(gosend_client_base_url(c), "http://127.0.0.1:9/v1");
	gosend_client_free(c);

	o.base_url = "ftp://example.com";
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "base_url");
	gosend_error_free(e);

	o.base_url = "https://example.com/v1?x=1";
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	gosend_error_free(e);

	o.base_url = NULL;
	o.user_agent = "app/1.0\r\nX-Evil: 1";
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "user_agent");
	gosend_error_free(e);

	o.user_agent = NULL;
	o.timeout_ms = -5;
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	gosend_error_free(e);

	assert_int_equal(gosend_client_options_init(&o, 99), GOSEND_EINVAL);
	assert_int_equal(gosend_client_options_init(&o, 1), 0);
	o.version = 99;
	assert_int_equal(gosend_client_new(&c, KEY, &o, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "options.version");
	gosend_error_free(e);
}

static void test_client__from_env(void **state)
{
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	(void)state;
	unsetenv("GOSENDAPI_KEY");
	assert_int_equal(gosend_client_new_from_env(&c, NULL, &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "GOSENDAPI_KEY");
	gosend_error_free(e);
	setenv("GOSENDAPI_KEY", KEY, 1);
	setenv("GOSENDAPI_BASE_URL", "http://127.0.0.1:1/v1", 1);
	assert_int_equal(gosend_client_new_from_env(&c, NULL, &e), 0);
	assert_string_equal(gosend_client_base_url(c), "http://127.0.0.1:1/v1");
	gosend_client_free(c);
	unsetenv("GOSENDAPI_KEY");
	unsetenv("GOSENDAPI_BASE_URL");
}

static void test_client__version(void **state)
{
	(void)state;
	assert_string_equal(gosend_version(), GOSENDAPI_VERSION);
	assert_int_equal(gosend_version_num(), GOSENDAPI_VERSION_NUM);
	assert_true(GOSENDAPI_VERSION_AT_LEAST(0, 1, 0));
	assert_false(GOSENDAPI_VERSION_AT_LEAST(0, 2, 0));
	assert_int_equal(gosend_api_key_is_test("gsk_test_x"), 1);
	assert_int_equal(gosend_api_key_is_test(NULL), 0);
	assert_int_equal(gosend_global_init(), 0);
	assert_int_equal(gosend_global_init(), 0);
	gosend_global_shutdown();
	gosend_global_shutdown();
}

static void test_client__path_segments_are_encoded(void **state)
{
	gosend_client *c = NULL;
	gosend__request r;
	gosend_error *e = NULL;

	(void)state;
	assert_int_equal(gosend_client_new(&c, KEY, NULL, NULL), 0);
	assert_int_equal(gosend__req_init(&r, c, "GET", "/messages", NULL, &e),
	                 0);
	assert_int_equal(gosend__req_id(&r, "a/b?c#d %e", "id", &e), 0);
	assert_int_equal(gosend__req_query(&r, "q", "x&y=z é", &e), 0);
	assert_string_equal(
	        r.url.ptr, GOSEND_DEFAULT_BASE_URL
	        "/messages/a%2Fb%3Fc%23d%20%25e?q=x%26y%3Dz%20%C3%A9");
	gosend__req_dispose(&r);

	assert_int_equal(gosend__req_init(&r, c, "GET", "/messages", NULL, &e),
	                 0);
	assert_int_equal(gosend__req_id(&r, "", "id", &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "id");
	gosend_error_free(e);
	assert_int_equal(gosend__req_id(&r, ".", "id", &e), GOSEND_EINVAL);
	gosend_error_free(e);
	assert_int_equal(gosend__req_id(&r, "..", "waba_id", &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "waba_id");
	gosend_error_free(e);
	assert_int_equal(gosend__req_id(&r, NULL, "id", &e), GOSEND_EINVAL);
	gosend_error_free(e);
	assert_int_equal(gosend__req_id(&r, "...", "id", &e), 0);
	assert_string_equal(r.url.ptr, GOSEND_DEFAULT_BASE_URL "/messages/...");
	gosend__req_dispose(&r);
	gosend_client_free(c);
}

static void test_client__list_params_validated(void **state)
{
	gosend_client *c = NULL;
	gosend__request r;
	gosend_error *e = NULL;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;

	(void)state;
	assert_int_equal(gosend_client_new(&c, KEY, NULL, NULL), 0);
	assert_int_equal(gosend__req_init(&r, c, "GET", "/x", NULL, &e), 0);
	p.per_page = 101;
	assert_int_equal(gosend__req_list(&r, &p, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "per_page");
	gosend_error_free(e);
	p.per_page = -1;
	assert_int_equal(gosend__req_list(&r, &p, &e), GOSEND_EINVAL);
	gosend_error_free(e);
	p.per_page = 100;
	p.page = -2;
	assert_int_equal(gosend__req_list(&r, &p, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "page");
	gosend_error_free(e);
	p.page = 3;
	assert_int_equal(gosend__req_list(&r, &p, &e), 0);
	assert_string_equal(r.url.ptr,
	                    GOSEND_DEFAULT_BASE_URL "/x?page=3&per_page=100");
	gosend__req_dispose(&r);
	gosend_client_free(c);
}

static void test_client__bad_request_options(void **state)
{
	static const char *const crlf[] = {"X-Ok: 1",
	                                   "X-Bad: a\r\nX-Injected: 1"};
	static const char *const noname[] = {": value"};
	gosend_request_options o = GOSEND_REQUEST_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_me *me = (gosend_me *)1;
	gosend_error *e = NULL;

	(void)state;
	assert_int_equal(gosend_client_new(&c, KEY, NULL, NULL), 0);
	o.headers = crlf;
	o.headers_count = 2;
	assert_int_equal(gosend_me_get(&me, c, &o, &e), GOSEND_EINVAL);
	assert_null(me);
	assert_string_equal(e->field, "headers");
	assert_int_equal(e->attempts, 0);
	gosend_error_free(e);
	o.headers = noname;
	o.headers_count = 1;
	assert_int_equal(gosend_me_get(&me, c, &o, &e), GOSEND_EINVAL);
	gosend_error_free(e);
	o.headers_count = 0;
	o.idempotency_key = "key with space";
	assert_int_equal(gosend_me_get(&me, c, &o, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "idempotency_key");
	gosend_error_free(e);
	o.idempotency_key = "k\r\n";
	assert_int_equal(gosend_me_get(&me, c, &o, NULL), GOSEND_EINVAL);
	assert_int_equal(gosend_me_get(NULL, c, NULL, NULL), GOSEND_EINVAL);
	assert_int_equal(gosend_me_get(&me, NULL, NULL, &e), GOSEND_EINVAL);
	assert_string_equal(e->field, "client");
	gosend_error_free(e);
	gosend_client_free(c);
}

static void test_client__raw_request_paths(void **state)
{
	static const char *bad[] = {"messages", "/a b", "/a?b=1", "/a#x",
	                            "/a/../b",  "/./a", "/a/..",  "/a\r\n",
	                            "/a\\b",    ""};
	gosend_client *c = NULL;
	gosend_raw_response *res = (gosend_raw_response *)1;
	gosend_error *e = NULL;
	size_t i;

	(void)state;
	assert_int_equal(gosend_client_new(&c, KEY, NULL, NULL), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(gosend_raw_request(&res, c, "GET", bad[i],
		                                    NULL, NULL, NULL, &e),
		                 GOSEND_EINVAL);
		assert_null(res);
		assert_string_equal(e->field, "path");
		gosend_error_free(e);
	}
	assert_int_equal(gosend_raw_request(&res, c, "TRACE", "/me", NULL, NULL,
	                                    NULL, &e),
	                 GOSEND_EINVAL);
	assert_string_equal(e->field, "method");
	gosend_error_free(e);
	assert_int_equal(gosend_raw_request(&res, c, NULL, "/me", NULL, NULL,
	                                    NULL, NULL),
	                 GOSEND_EINVAL);
	gosend_raw_response_free(NULL);
	gosend_client_free(c);
}

/* A port on 127.0.0.1 with nothing listening. */
static unsigned short closed_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

static void test_client__connection_refused(void **state)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	char url[64];

	(void)state;
	(void)snprintf(url, sizeof(url), "http://127.0.0.1:%u/v1",
	               closed_port());
	o.base_url = url;
	o.max_retries = GOSEND_NO_RETRIES;
	assert_int_equal(gosend_client_new(&c, KEY, &o, NULL), 0);
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_ENETWORK);
	assert_null(me);
	assert_int_equal(e->http_status, 0);
	assert_int_equal(e->attempts, 1);
	assert_non_null(e->transport_message);
	assert_non_null(e->message);
	gosend_error_free(e);
	gosend_client_free(c);
}

static void test_client__timeout(void **state)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	gosend_client *c = NULL;
	gosend_me *me = NULL;
	gosend_error *e = NULL;
	char url[64];
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)state;
	/* Listens (the kernel completes the handshake) but never answers. */
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 8), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	(void)snprintf(url, sizeof(url), "http://127.0.0.1:%u/v1",
	               ntohs(a.sin_port));
	o.base_url = url;
	o.timeout_ms = 200;
	o.max_retries = GOSEND_NO_RETRIES;
	assert_int_equal(gosend_client_new(&c, KEY, &o, NULL), 0);
	assert_int_equal(gosend_me_get(&me, c, NULL, &e), GOSEND_ETIMEOUT);
	assert_null(me);
	assert_int_equal(e->code, GOSEND_ETIMEOUT);
	assert_int_equal(e->http_status, 0);
	gosend_error_free(e);
	gosend_client_free(c);
	close(fd);
}

/* Plain http:// only to loopback (the key would cross the network in
 * clear text), decided on the text before any lookup. */
static void test_client__insecure_http_refused(void **state)
{
	static const char *const ok[] = {
	        "http://127.0.0.1:9/v1",    "http://127.1.2.3/v1",
	        "http://localhost:8080/v1", "http://LOCALHOST/v1",
	        "http://[::1]:8080/v1",     "https://example.com/v1",
	        "https://10.0.0.1/v1"};
	static const char *const refused[] = {
	        "http://example.com/v1",
	        "http://10.0.0.1/v1",
	        "http://127.0.0.1.evil.example/v1",
	        "http://localhost.evil.example/v1",
	        "http://128.0.0.1/v1",
	        "http://127.0.0/v1",
	        "http://[::2]/v1",
	        "http://user@127.0.0.1/v1",
	        "http://127.0.0.1@evil.example/v1"};
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_error *e = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		o.base_url = ok[i];
		if (gosend_client_new(&c, KEY, &o, &e) != 0)
			fail_msg("%s refused: %s", ok[i], e->message);
		gosend_client_free(c);
	}
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		o.base_url = refused[i];
		if (gosend_client_new(&c, KEY, &o, &e) != GOSEND_EINVAL)
			fail_msg("%s accepted", refused[i]);
		assert_null(c);
		assert_string_equal(e->field, "base_url");
		gosend_error_free(e);
	}
	/* the caller may opt in, by name */
	o.base_url = "http://example.com/v1";
	o.allow_insecure_http = 1;
	assert_int_equal(gosend_client_new(&c, KEY, &o, NULL), 0);
	gosend_client_free(c);
}

/* A caller of options version 1 allocated only the version-1 fields: the
 * library must not read further (ASan and valgrind see any over-read of
 * this exactly sized block). */
static void test_client__older_options_read_to_their_size(void **state)
{
	size_t v1 = offsetof(gosend_client_options, allow_insecure_http);
	unsigned char *block = malloc(v1);
	gosend_client_options full;
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	(void)state;
	assert_non_null(block);
	/* the library's initialiser writes only the version-1 part */
	assert_int_equal(gosend_client_options_init(
	                         (gosend_client_options *)(void *)block, 1),
	                 0);
	memset(&full, 0, sizeof(full));
	memcpy(&full, block, v1);
	assert_int_equal(full.version, 1);
	full.base_url = "http://127.0.0.1:9/v1";
	full.timeout_ms = 1234;
	memcpy(block, &full, v1);
	if (gosend_client_new(&c, KEY,
	                      (const gosend_client_options *)(void *)block,
	                      &e) != 0)
		fail_msg("v1 options: %s", e->message);
	assert_string_equal(gosend_client_base_url(c), "http://127.0.0.1:9/v1");
	gosend_client_free(c);
	/* and a non-loopback http:// URL is refused for them too */
	full.base_url = "http://example.com/v1";
	memcpy(block, &full, v1);
	assert_int_equal(
	        gosend_client_new(&c, KEY,
	                          (const gosend_client_options *)(void *)block,
	                          &e),
	        GOSEND_EINVAL);
	gosend_error_free(e);
	free(block);
}

/* The key a child made by `spawn` (fork or _Fork) takes first, in
 * child[37]; the parent's next key must differ from it. */
static void child_key(pid_t (*spawn)(void), char child[37])
{
	char next[37];
	int fd[2], status = 0;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	pid = spawn();
	assert_true(pid >= 0);
	if (pid == 0) {
		char k[37];
		ssize_t w = -1;
		if (gosend__uuid4(k) == 0)
			w = write(fd[1], k, 37);
		_exit(w == 37 ? 0 : 1);
	}
	close(fd[1]);
	assert_int_equal(read(fd[0], child, 37), 37);
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	assert_int_equal(gosend__uuid4(next), 0);
	assert_string_not_equal(child, next);
}

/* Keys are version-4 UUIDs, all different, also across a fork: the child
 * must not take the bytes its parent would use next. */
static void test_client__keys_unique_across_fork(void **state)
{
	char a[37], b[37], child[37] = {0};
	int i;

	(void)state;
	assert_int_equal(gosend__uuid4(a), 0);
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[14], '4');
	assert_non_null(strchr("89ab", a[19]));
	for (i = 0; i < 100; i++) {
		assert_int_equal(gosend__uuid4(b), 0);
		assert_string_not_equal(a, b);
	}
	child_key(fork, child);
	assert_string_not_equal(child, b);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
	/* _Fork() runs no atfork handler: the kernel's wipe still holds */
	child_key(_Fork, child);
	assert_string_not_equal(child, b);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_client__new_and_free),
	        cmocka_unit_test(test_client__keys_unique_across_fork),
	        cmocka_unit_test(test_client__bad_keys_are_refused),
	        cmocka_unit_test(test_client__null_arguments),
	        cmocka_unit_test(test_client__options),
	        cmocka_unit_test(test_client__from_env),
	        cmocka_unit_test(test_client__version),
	        cmocka_unit_test(test_client__path_segments_are_encoded),
	        cmocka_unit_test(test_client__list_params_validated),
	        cmocka_unit_test(test_client__bad_request_options),
	        cmocka_unit_test(test_client__raw_request_paths),
	        cmocka_unit_test(test_client__connection_refused),
	        cmocka_unit_test(test_client__timeout),
	        cmocka_unit_test(test_client__insecure_http_refused),
	        cmocka_unit_test(test_client__older_options_read_to_their_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
