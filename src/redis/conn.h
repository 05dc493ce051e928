/*
 * The Redis side of the shared limiter: the URL, the key names, one
 * connection and the GCRA script. Used only by the limiter's own thread
 * (nothing here is thread-safe). Built with hiredis 0.14 and 1.x: only the
 * calls both have (redisConnectWithTimeout, redisSetTimeout,
 * redisCommandArgv, freeReplyObject, redisFree).
 */
#ifndef GOSEND_REDIS_CONN_H
#define GOSEND_REDIS_CONN_H

#include <pthread.h>
#include <stddef.h>

/* Where Redis is: redis://[[user]:password@]host[:port][/db]. */
typedef struct gosend__redis_url {
	char host[256];
	int port;
	long db;
	char user[128];     /* "" unless given */
	char password[256]; /* "" unless given */
	int has_password;
} gosend__redis_url;

/* 0, or -1 with *why set to a static message. */
int gosend__redis_url_parse(gosend__redis_url *u, const char *url,
                            const char **why);

/* The state key "gosendapi:rl:{HEX}" of an API key (HEX: its SHA-256 in
 * hex) into out (at least 96 bytes); the members key adds ":procs". */
void gosend__redis_key(char *out, size_t n, const char *api_key);

/* The last part of each second where no slot starts: a request that
 * takes up to this long to reach the API is still counted in the second
 * its slot was in. */
#define GOSEND__REDIS_GUARD_MS  200
#define GOSEND__REDIS_GUARD_STR "200"

/* What one script run said (times on the Redis server's clock, in ms). */
#define GOSEND__REDIS_BATCH_MAX 64
typedef struct gosend__redis_answer {
	long long now;      /* the server's time when it ran */
	double rate;        /* stored rate */
	unsigned int burst; /* stored burst */
	unsigned int procs; /* processes seen in the last 3 s */
	size_t n;           /* slots granted */
	long long slot[GOSEND__REDIS_BATCH_MAX];
} gosend__redis_answer;

typedef struct gosend__redis_conn {
	void *ctx; /* redisContext * */
	gosend__redis_url url;
	long timeout_ms;       /* for a whole round trip, connecting included */
	long long end_us;      /* the round trip's deadline (monotonic clock) */
	pthread_mutex_t fd_mu; /* fd and cancelled, for gosend__redis_cancel */
	int fd;                /* the socket, -1 when none */
	int cancelled;
	char key[128];
	char procs_key[136];
	char member[40]; /* this limiter's name among the members */
	char sha[41];    /* the script's SHA-1 (EVALSHA) */
	char err[160];   /* the last failure */
} gosend__redis_conn;

/* Set up (fd -1, the mutex) and tear down a connection's state: 0 or
 * -1. */
int gosend__redis_init(gosend__redis_conn *c);
void gosend__redis_destroy(gosend__redis_conn *c);

/* From any thread: make the call under way (or the next) fail at once
 * (the socket is shut down); for stopping the limiter's thread. */
void gosend__redis_cancel(gosend__redis_conn *c);

/* Connect, authenticate and select the db within the deadline c->end_us:
 * 0 or -1 (conn->err says why). The host name's resolution is not
 * bounded by it (the system's resolver decides). */
int gosend__redis_connect(gosend__redis_conn *c);
void gosend__redis_close(gosend__redis_conn *c);

/* Run the script: op "take" (n slots), "push" (the schedule starts no
 * earlier than `value` ms from now) or "limit" (set the stored rate to
 * `value`, at most the rate the key was first stored with). rate and burst:
 * this process's, stored when none are. The whole call (connecting, AUTH,
 * SELECT, EVALSHA, EVAL) takes at most timeout_ms. 0, or -1 (the connection is
 * closed; conn->err says why). */
/* CLOCK_MONOTONIC in microseconds. */
long long gosend__redis_mono_us(void);

int gosend__redis_run(gosend__redis_conn *c, const char *op, size_t n,
                      double rate, unsigned int burst, long long value,
                      gosend__redis_answer *a);

#endif
