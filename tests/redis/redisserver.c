#define _GNU_SOURCE
#include "redisserver.h"

#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* A port nothing listens on right now. */
static int free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* Whether the server on this port answers and is the one started (its
 * INFO process_id is `pid`): another one on the port does not count. */
static int answers(int port, pid_t pid)
{
	struct timeval tv = {0, 200000};
	redisContext *c = redisConnectWithTimeout("127.0.0.1", port, tv);
	redisReply *rep;
	const char *id;
	int ok = 0;

	if (!c)
		return 0;
	if (!c->err) {
		rep = redisCommand(c, "INFO server");
		if (rep && rep->type == REDIS_REPLY_STRING && rep->str) {
			id = strstr(rep->str, "process_id:");
			ok = id && atol(id + 11) == (long)pid;
		}
		if (rep)
			freeReplyObject(rep);
	}
	redisFree(c);
	return ok;
}

static int try_start(test_redis *r, int want_port)
{
	const char *bin = getenv("REDIS_SERVER");
	char port[16];
	char *argv[] = {NULL,        "--port",    port,        "--bind",
	                "127.0.0.1", "--save",    "",          "--appendonly",
	                "no",        "--logfile", "/dev/null", NULL};
	struct timespec ts = {0, 10000000};
	int i, status;

	argv[0] = (char *)(bin && *bin ? bin : "redis-server");
	r->port = want_port ? want_port : free_port();
	if (r->port < 0)
		return -1;
	snprintf(port, sizeof(port), "%d", r->port);
	if (posix_spawnp(&r->pid, argv[0], NULL, NULL, argv, environ) != 0)
		return -1;
	for (i = 0; i < 1000; i++) {
		if (answers(r->port, r->pid))
			break;
		if (waitpid(r->pid, &status, WNOHANG) == r->pid)
			return -1; /* the port was taken meanwhile */
		nanosleep(&ts, NULL);
	}
	if (i == 1000) {
		test_redis_stop(r, 1);
		return -1;
	}
	snprintf(r->url, sizeof(r->url), "redis://127.0.0.1:%d", r->port);
	return 0;
}

int test_redis_start(test_redis *r)
{
	int attempt;

	memset(r, 0, sizeof(*r));
	for (attempt = 0; attempt < 3; attempt++) {
		if (try_start(r, 0) == 0)
			return 0;
	}
	return -1;
}

int test_redis_start_on(test_redis *r, int port)
{
	memset(r, 0, sizeof(*r));
	return try_start(r, port);
}

void test_redis_stop(test_redis *r, int hard)
{
	int status;

	if (r->pid <= 0)
		return;
	kill(r->pid, hard ? SIGKILL : SIGTERM);
	waitpid(r->pid, &status, 0);
	r->pid = 0;
}

long long test_redis_cmd(const test_redis *r, char *out, size_t n, ...)
{
	const char *argv[16];
	struct timeval tv = {2, 0};
	redisContext *c;
	redisReply *rep;
	long long v = -1;
	int argc = 0;
	va_list ap;

	va_start(ap, n);
	while (argc < 15 && (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	va_end(ap);
	c = redisConnectWithTimeout("127.0.0.1", r->port, tv);
	if (!c || c->err) {
		if (c)
			redisFree(c);
		return -1;
	}
	rep = redisCommandArgv(c, argc, argv, NULL);
	if (rep && rep->type == REDIS_REPLY_INTEGER)
		v = rep->integer;
	else if (rep && out && n && rep->str)
		snprintf(out, n, "%s", rep->str);
	else if (rep && out && n && rep->type == REDIS_REPLY_ARRAY) {
		size_t i, used = 0;
		out[0] = '\0';
		for (i = 0; i < rep->elements && used + 1 < n; i++) {
			int k = snprintf(out + used, n - used, "%s\n",
			                 rep->element[i]->str
			                         ? rep->element[i]->str
			                         : "");
			if (k < 0)
				break;
			used += (size_t)k;
		}
	}
	if (rep)
		freeReplyObject(rep);
	redisFree(c);
	return v;
}
