/*
 * A real redis-server for a test: started on a free loopback port with
 * no persistence, waited for until it answers PING, stopped and reaped.
 */
#ifndef GOSEND_TEST_REDISSERVER_H
#define GOSEND_TEST_REDISSERVER_H

#include <sys/types.h>

typedef struct test_redis {
	pid_t pid;
	int port;
	char url[64]; /* redis://127.0.0.1:PORT */
} test_redis;

/* Start one (REDIS_SERVER in the environment, else redis-server on the
 * PATH): 0, or -1 when it did not answer within 10 s. */
int test_redis_start(test_redis *r);
/* Start one on this port (after a stop, to bring it back): 0 or -1. */
int test_redis_start_on(test_redis *r, int port);
/* Stop it (SIGKILL when `hard`, else SIGTERM) and reap it. */
void test_redis_stop(test_redis *r, int hard);
/* Run one command on it (a NULL-terminated argv); the integer reply, or
 * -1 (also for a non-integer reply, whose text goes to out when given). */
long long test_redis_cmd(const test_redis *r, char *out, size_t n, ...);

#endif
