/*
 * TLS: certificate verification is always on. A local HTTPS mock with a
 * self-signed certificate made at test time with `openssl req`: the default
 * client refuses it, a client given that certificate as its CA file
 * succeeds.
 */
#define _GNU_SOURCE
#include "testsupport.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"

extern char **environ;

typedef struct tls_fixture {
	char dir[64];
	char cert[96];
	char key[96];
	gsmock *mock;
} tls_fixture;

static int run(char *const argv[])
{
	pid_t pid;
	int status = 0;
	posix_spawn_file_actions_t fa;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int setup(void **state)
{
	tls_fixture *f = calloc(1, sizeof(*f));
	gsmock_options o;

	assert_non_null(f);
	(void)snprintf(f->dir, sizeof(f->dir), "/tmp/gosend-tls-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	(void)snprintf(f->cert, sizeof(f->cert), "%s/cert.pem", f->dir);
	(void)snprintf(f->key, sizeof(f->key), "%s/key.pem", f->dir);
	{
		char *argv[] = {"openssl",  "req",
		                "-x509",    "-newkey",
		                "rsa:2048", "-nodes",
		                "-days",    "1",
		                "-subj",    "/CN=127.0.0.1",
		                "-addext",  "subjectAltName=IP:127.0.0.1",
		                "-keyout",  f->key,
		                "-out",     f->cert,
		                NULL};
		assert_int_equal(run(argv), 0);
	}
	memset(&o, 0, sizeof(o));
	o.tls_cert_file = f->cert;
	o.tls_key_file = f->key;
	assert_int_equal(gsmock_start(&f->mock, &o), 0);
	assert_memory_equal(gsmock_base_url(f->mock), "https://", 8);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	tls_fixture *f = *state;

	gsmock_stop(f->mock);
	unlink(f->cert);
	unlink(f->key);
	rmdir(f->dir);
	free(f);
	return 0;
}

static int get_me(tls_fixture *f, const char *ca_file, gosend_error **e)
{
	gosend_client_options o = GOSEND_CLIENT_OPTIONS_INIT;
	gosend_client *c = NULL;
	gosend_me *me = NULL;
	int rc;

	o.base_url = gsmock_base_url(f->mock);
	o.ca_file = ca_file;
	o.max_retries = GOSEND_NO_RETRIES;
	/* the handshake is slow under valgrind: no connect timeout in play */
	o.connect_timeout_ms = 120000;
	o.timeout_ms = 120000;
	assert_int_equal(gosend_client_new(&c, "gsk_test_tls0001", &o, NULL),
	                 0);
	rc = gosend_me_get(&me, c, NULL, e);
	if (rc == 0)
		assert_string_equal(me->id, "42");
	gosend_me_free(me);
	gosend_client_free(c);
	return rc;
}

static void test_tls__self_signed_refused_by_default(void **state)
{
	tls_fixture *f = *state;
	gosend_error *e = NULL;

	assert_int_equal(get_me(f, NULL, &e), GOSEND_ETLS);
	assert_int_equal(e->code, GOSEND_ETLS);
	assert_int_equal(e->http_status, 0);
	assert_non_null(e->transport_message);
	gosend_error_free(e);
	/* the handshake failed: no request reached the application */
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

static void test_tls__trusted_with_its_ca_file(void **state)
{
	tls_fixture *f = *state;

	assert_int_equal(get_me(f, f->cert, NULL), 0);
	assert_int_equal(gsmock_request_count(f->mock), 1);
}

static void test_tls__missing_ca_file(void **state)
{
	tls_fixture *f = *state;
	gosend_error *e = NULL;

	assert_int_equal(get_me(f, "/nonexistent/ca.pem", &e), GOSEND_ETLS);
	gosend_error_free(e);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(
	                test_tls__self_signed_refused_by_default, setup,
	                teardown),
	        cmocka_unit_test_setup_teardown(
	                test_tls__trusted_with_its_ca_file, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_tls__missing_ca_file,
	                                        setup, teardown),
	};
	gosend_global_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
