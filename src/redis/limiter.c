/*
 * The shared limiter (gosendapi/redis.h): a lease of slots that one thread
 * keeps filled from Redis, and that `reserve` reads under a short lock.
 * While Redis fails, an in-process limiter (gosend_local_limiter_new) at
 * a share of the rate answers instead; its tickets are positive (start
 * times), those of a Redis slot are -1.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gosendapi/redis.h"
#include "redis/conn.h"

#define GUARD_MS     GOSEND__REDIS_GUARD_MS
#define TICKET_REDIS (-1LL)
/* demand older than this stops the refill */
#define IDLE_MS 500
/* a reserve that finds the lease empty asks again after about the rest
 * of a round trip, within these bounds */
#define POLL_MS     1
#define POLL_MAX_MS 20
/* fallbacks at different rates kept; a fallback's ticket is its own
 * ticket times this plus its index */
#define FALLBACKS_MAX 8
/* the wait a reserve in a forked child gets, for ever */
#define FORKED_WAIT_MS 1000

typedef struct redis_limiter {
	gosend_limiter base; /* first: the public pointer is this one */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	int stop;
	/* the lease: slots on the server's clock, oldest first */
	long long slot[GOSEND__REDIS_BATCH_MAX];
	size_t head, n, target;
	long long offset;        /* server clock - local clock */
	long long demand_ms;     /* last reserve (local clock) */
	long long blocked_until; /* local clock: a 429 or a Reset */
	long long push_ms;       /* a push not yet sent to Redis */
	long long sent_ms;       /* local clock: the round trip under way */
	long limit;              /* an X-RateLimit-Limit not yet sent */
	long limit_sent;         /* the last one sent, 0: none */
	/* configuration and what Redis said */
	double rate, my_rate;
	unsigned int burst, my_burst, procs;
	double share;
	long retry_ms;
	int warned;
	/* the fallback */
	int down;
	gosend_limiter *fallback; /* the current one: fb[nfb - 1] */
	double fallback_rate;
	/* every fallback made, kept until the end (tickets may be out) */
	gosend_limiter *fb[FALLBACKS_MAX];
	size_t nfb;
	gosend_redis_limiter_stats st;
	gosend_log_fn log;
	void *log_payload;
	char said[400]; /* a line for the log, sent without the lock */
	int said_level;
	gosend__redis_conn conn; /* the thread's only */
	pid_t pid;               /* the process that made it */
	atomic_int forked_said;  /* a child said it cannot use it */
} redis_limiter;

static long long wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void say(redis_limiter *r, int level, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 3, 4)))
#endif
        ;

static void say(redis_limiter *r, int level, const char *fmt, ...)
{
	va_list ap;

	if (!r->log)
		return;
	va_start(ap, fmt);
	vsnprintf(r->said, sizeof(r->said), fmt, ap);
	va_end(ap);
	r->said_level = level;
}

/* On the thread, under the lock: hand a line say() kept to the log
 * callback with the lock released (the callback may call back in). */
static void flush_said(redis_limiter *r)
{
	char line[400];
	int level = r->said_level;

	if (!r->said[0])
		return;
	memcpy(line, r->said, sizeof(line));
	r->said[0] = '\0';
	pthread_mutex_unlock(&r->mu);
	r->log(level, line, r->log_payload);
	pthread_mutex_lock(&r->mu);
}

/* A slot may still be used at server time `now` while its second has
 * the guard left: a request started later might reach the server in the
 * next second, which did not count it. */
static int slot_live(long long slot, long long now)
{
	return now < slot - slot % 1000 + 1000 - GUARD_MS;
}

/* ---- reserve and report (any thread) ---- */

/* Under the lock: the wait before the lease's next slot, 0 when one was
 * taken, or -1 when the lease is empty. */
static long long lease_take(redis_limiter *r, long long now)
{
	long long snow = now + r->offset;

	while (r->n && !slot_live(r->slot[r->head], snow)) {
		r->head = (r->head + 1) % GOSEND__REDIS_BATCH_MAX;
		r->n--;
		r->st.wasted++;
	}
	if (!r->n)
		return -1;
	if (r->slot[r->head] > snow)
		return r->slot[r->head] - snow;
	r->head = (r->head + 1) % GOSEND__REDIS_BATCH_MAX;
	r->n--;
	return 0;
}

/* Under the lock, the lease empty: the wait until the refill is likely
 * in, the mean round trip less the time the one under way has taken. */
static long long empty_wait(const redis_limiter *r, long long now)
{
	long long rtt = 1, w;

	if (r->st.round_trips)
		rtt = (long long)((r->st.round_trip_us / r->st.round_trips +
		                   999) /
		                  1000);
	w = r->sent_ms ? rtt - (now - r->sent_ms) : rtt;
	if (w < POLL_MS)
		return POLL_MS;
	return w > POLL_MAX_MS ? POLL_MAX_MS : w;
}

/* In a child after fork() the thread is gone and the lock may be held:
 * nothing is touched, the caller waits for ever and is told once. */
static long long forked(redis_limiter *r)
{
	if (!atomic_exchange(&r->forked_said, 1) && r->log)
		r->log(GOSEND_LOG_ERROR,
		       "redis limiter: used in a child process after fork(); "
		       "it admits nothing there: create the limiter after "
		       "fork()",
		       r->log_payload);
	return FORKED_WAIT_MS;
}

static long long rl_reserve(gosend_limiter *l, long long *ticket)
{
	redis_limiter *r = (redis_limiter *)l;
	long long now = wall_ms(), wait;

	if (getpid() != r->pid)
		return forked(r);
	pthread_mutex_lock(&r->mu);
	r->demand_ms = now;
	if (r->down && r->blocked_until > now) {
		wait = r->blocked_until - now;
		pthread_mutex_unlock(&r->mu);
		return wait;
	}
	if (r->down) {
		gosend_limiter *f = r->fallback;
		long long idx = (long long)r->nfb - 1;

		pthread_mutex_unlock(&r->mu);
		/* no fallback (out of memory): wait for Redis */
		if (!f)
			return 100;
		wait = gosend_limiter_reserve(f, ticket);
		if (*ticket > 0)
			*ticket = *ticket * FALLBACKS_MAX + idx;
		return wait;
	}
	if (r->blocked_until > now) {
		wait = r->blocked_until - now;
	} else {
		wait = lease_take(r, now);
		if (wait == 0)
			*ticket = TICKET_REDIS;
		if (wait < 0)
			wait = empty_wait(r, now);
	}
	if (r->n < r->target)
		pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return wait;
}

/* The wait an answer's X-RateLimit-Reset asks for, when Remaining is 0:
 * a Unix time (>= 10^9) against the answer's Date, else seconds. */
static long long reset_wait(const gosend_meta *m, long long now)
{
	long long base, w;

	if (m->ratelimit_remaining != 0 || m->ratelimit_reset < 0)
		return 0;
	if (m->ratelimit_reset < 1000000000LL) {
		w = m->ratelimit_reset * 1000;
	} else {
		base = m->server_date >= 0 ? m->server_date : now / 1000;
		w = (m->ratelimit_reset - base) * 1000 - now % 1000;
	}
	return w < 0 ? 0 : (w > 60000 ? 60000 : w);
}

static void rl_report(gosend_limiter *l, long long ticket, const gosend_meta *m)
{
	redis_limiter *r = (redis_limiter *)l;
	long long now = wall_ms(), wait = 0, reset;

	if (getpid() != r->pid)
		return;
	if (ticket > 0) {
		gosend_limiter *f;

		pthread_mutex_lock(&r->mu);
		f = r->fb[ticket % FALLBACKS_MAX];
		pthread_mutex_unlock(&r->mu);
		gosend_limiter_report(f, ticket / FALLBACKS_MAX, m);
	}
	if (!m)
		return;
	/* Retry-After (1 s without one) or the Reset, at most a minute;
	 * capped before the product: a reported meta may hold any long */
	if (m->http_status == 429)
		wait = m->retry_after_s <= 0   ? 1000
		       : m->retry_after_s > 60 ? 60000
		                               : m->retry_after_s * 1000LL;
	reset = reset_wait(m, now); /* already at most 60000 */
	if (reset > wait)
		wait = reset;
	pthread_mutex_lock(&r->mu);
	if (wait > 0) {
		/* leased slots before the wait's end came too early */
		while (r->n && r->slot[r->head] < now + r->offset + wait) {
			r->head = (r->head + 1) % GOSEND__REDIS_BATCH_MAX;
			r->n--;
			r->st.wasted++;
		}
		if (now + wait > r->blocked_until)
			r->blocked_until = now + wait;
		if (wait > r->push_ms)
			r->push_ms = wait;
	}
	/* the server's limit is news when it differs from the shared rate
	 * and from the last one this process sent since that rate last
	 * moved: Redis sets the rate to it, never above the rate the key
	 * was first stored with */
	if (m->ratelimit_limit > 0 && (double)m->ratelimit_limit == r->rate)
		r->limit = 0; /* nothing to move; drop an older one pending */
	else if (m->ratelimit_limit > 0 && m->ratelimit_limit != r->limit_sent)
		r->limit = m->ratelimit_limit;
	if (wait > 0 || r->limit)
		pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

/* ---- the thread ---- */

/* The lease's size: the slots of two round trips (us: the mean round
 * trip; 5 ms before one is measured) plus one, 1 to the batch
 * maximum. */
static size_t lease_target(double rate, unsigned long long us)
{
	double x = rate * 2 * (double)(us ? us : 5000) / 1e6;
	size_t t;

	if (x >= GOSEND__REDIS_BATCH_MAX)
		return GOSEND__REDIS_BATCH_MAX;
	t = (size_t)x;
	t += ((double)t < x) + 1; /* rounded up, plus one */
	return t > GOSEND__REDIS_BATCH_MAX ? GOSEND__REDIS_BATCH_MAX : t;
}

/* Under the lock: learn from an answer received by local time t. The
 * server read its clock before the answer arrived, so taking t as the
 * moment it did (plus 1 ms for the truncation to ms) never puts the
 * estimate of the server's clock ahead of it: a slot is never used before
 * its second starts on the server. */
static void learn(redis_limiter *r, const gosend__redis_answer *a, long long t)
{
	size_t i;

	r->offset = a->now - t;
	r->procs = a->procs ? a->procs : 1;
	if ((a->rate - r->my_rate > 0.0015 || r->my_rate - a->rate > 0.0015 ||
	     a->burst != r->my_burst) &&
	    !r->warned) {
		r->warned = 1;
		say(r, GOSEND_LOG_WARN,
		    "redis limiter: the key's stored rate %.3f/s burst %u "
		    "differ from this process's %.3f/s burst %u; following the "
		    "stored values",
		    a->rate, a->burst, r->my_rate, r->my_burst);
	}
	/* the shared rate moved (this process's limit, or another's): the
	 * next limit seen is news again, even the one sent last */
	if (a->rate > 0 && a->rate != r->rate)
		r->limit_sent = 0;
	r->rate = a->rate > 0 ? a->rate : r->my_rate;
	r->burst = a->burst ? a->burst : 1;
	for (i = 0; i < a->n && r->n < GOSEND__REDIS_BATCH_MAX; i++) {
		r->slot[(r->head + r->n) % GOSEND__REDIS_BATCH_MAX] =
		        a->slot[i];
		r->n++;
	}
	r->st.granted += a->n;
}

/* Under the lock: Redis failed; answer from the in-process limiter. */
static void fall_back(redis_limiter *r, const char *why)
{
	double share =
	        r->share > 0 ? r->share : 1.0 / (r->procs ? r->procs : 1);
	double rate = r->rate * share;
	long long now;
	gosend_local_limiter_options o = GOSEND_LOCAL_LIMITER_OPTIONS_INIT;

	if (rate < 1)
		rate = 1;
	/* the budget follows the current rate and share; an older
	 * fallback may still have tickets out and stays until the end
	 * (past FALLBACKS_MAX rates, the last one stays) */
	if ((!r->fallback || rate != r->fallback_rate) &&
	    r->nfb < FALLBACKS_MAX) {
		gosend_limiter *f = NULL;
		o.rate_per_second = rate;
		if (gosend_local_limiter_new(&f, &o, NULL) == 0) {
			r->fb[r->nfb++] = f;
			r->fallback = f;
			r->fallback_rate = rate;
		}
	}
	r->st.wasted += r->n;
	r->n = 0;
	r->down = 1;
	r->limit_sent = 0; /* it may not have arrived: the next one goes */
	/* this second's shared slots may be used up: the fallback starts
	 * with the next one */
	now = wall_ms() + r->offset;
	if (now - now % 1000 + 1000 - r->offset > r->blocked_until)
		r->blocked_until = now - now % 1000 + 1000 - r->offset;
	r->st.fallbacks++;
	say(r, GOSEND_LOG_ERROR,
	    "redis limiter: Redis at %s:%d failed (%s); limiting this process "
	    "to %.3f/s on its own until it answers again",
	    r->conn.url.host, r->conn.url.port, why, r->fallback_rate);
}

/* Under the lock: what the thread should send now, or NULL. */
static const char *next_op(redis_limiter *r, long long now, size_t *n,
                           long long *value)
{
	*n = 0;
	*value = 0;
	if (r->push_ms) {
		*value = r->push_ms;
		r->push_ms = 0;
		return "push";
	}
	if (r->limit) {
		*value = r->limit;
		r->limit_sent = r->limit;
		r->limit = 0;
		return "limit";
	}
	if (r->n < r->target && now - r->demand_ms < IDLE_MS &&
	    r->blocked_until <= now) {
		*n = r->target - r->n;
		return "take";
	}
	return NULL;
}

/* Under the lock: sleep until signalled or `ms` passed. */
static void doze(redis_limiter *r, long long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_cond_timedwait(&r->cv, &r->mu, &ts);
}

/* Under the lock (released during the round trip): one script run. */
static void round_trip(redis_limiter *r, const char *op, size_t n,
                       long long value)
{
	gosend__redis_answer a;
	double rate = r->my_rate;
	unsigned int burst = r->my_burst;
	long long t1, us;
	int rc;

	r->sent_ms = wall_ms();
	pthread_mutex_unlock(&r->mu);
	us = gosend__redis_mono_us();
	rc = gosend__redis_run(&r->conn, op, n, rate, burst, value, &a);
	us = gosend__redis_mono_us() - us;
	t1 = wall_ms();
	pthread_mutex_lock(&r->mu);
	r->sent_ms = 0;
	if (rc < 0 && r->stop)
		return;
	if (rc < 0) {
		fall_back(r, r->conn.err);
		return;
	}
	r->st.round_trips++;
	r->st.round_trip_us += (unsigned long long)us;
	learn(r, &a, t1 + 1);
	r->target =
	        lease_target(r->rate, r->st.round_trip_us / r->st.round_trips);
}

/* Under the lock, while down: try Redis again every retry_ms. */
static void try_again(redis_limiter *r)
{
	gosend__redis_answer a;
	long long until = wall_ms() + r->retry_ms;
	int rc;

	/* a reserve's signal does not shorten the pause */
	while (!r->stop && wall_ms() < until)
		doze(r, until - wall_ms());
	if (r->stop)
		return;
	pthread_mutex_unlock(&r->mu);
	rc = gosend__redis_run(&r->conn, "take", 0, r->my_rate, r->my_burst, 0,
	                       &a);
	pthread_mutex_lock(&r->mu);
	if (rc < 0)
		return;
	learn(r, &a, wall_ms() + 1);
	flush_said(r);
	r->down = 0;
	say(r, GOSEND_LOG_WARN,
	    "redis limiter: Redis at %s:%d answers again; the shared limit "
	    "of %.3f/s applies",
	    r->conn.url.host, r->conn.url.port, r->rate);
}

static void *run(void *arg)
{
	redis_limiter *r = arg;

	pthread_mutex_lock(&r->mu);
	while (!r->stop) {
		const char *op;
		size_t n;
		long long value;

		if (r->down) {
			try_again(r);
			flush_said(r);
			continue;
		}
		op = next_op(r, wall_ms(), &n, &value);
		if (op)
			round_trip(r, op, n, value);
		else
			doze(r, 100);
		flush_said(r);
	}
	pthread_mutex_unlock(&r->mu);
	gosend__redis_close(&r->conn);
	return NULL;
}

/* ---- making and freeing ---- */

static void rl_free(gosend_limiter *l)
{
	redis_limiter *r = (redis_limiter *)l;

	if (getpid() != r->pid) {
		/* a child: no thread to stop, and what the parent's thread
		 * held (its Redis connection, possibly half made or half
		 * freed at the fork, the fallbacks and their locks) is in an
		 * unknown state: left alone, only the handle is freed */
		free(r);
		return;
	}
	pthread_mutex_lock(&r->mu);
	r->stop = 1;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	/* a round trip under way (Redis hung) ends now, not at its deadline */
	gosend__redis_cancel(&r->conn);
	pthread_join(r->thread, NULL);
	gosend__redis_destroy(&r->conn);
	while (r->nfb)
		gosend_limiter_free(r->fb[--r->nfb]);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->mu);
	memset(&r->conn.url, 0, sizeof(r->conn.url));
	free(r);
}

/* The options' values: 0, or a GOSEND_EINVAL with *field and *why. */
static int check(const gosend_redis_limiter_options *o, gosend__redis_url *u,
                 const char **field, const char **why)
{
	*field = "url";
	if (gosend__redis_url_parse(u, o->url, why) < 0)
		return GOSEND_EINVAL;
	*field = "api_key";
	*why = "the API key is missing";
	if (!o->api_key || !*o->api_key)
		return GOSEND_EINVAL;
	*field = "rate_per_second";
	*why = "rate_per_second must be 1..1000000";
	if (!(o->rate_per_second >= 1 && o->rate_per_second <= 1e6))
		return GOSEND_EINVAL;
	*field = "burst";
	*why = "burst must be 0..1000";
	if (o->burst > 1000)
		return GOSEND_EINVAL;
	*field = "fallback_share";
	*why = "fallback_share must be 0 or in (0, 1]";
	if (!(o->fallback_share >= 0 && o->fallback_share <= 1))
		return GOSEND_EINVAL;
	*field = "timeout_ms";
	*why = "timeout_ms and retry_ms must be 0..600000";
	if (o->timeout_ms < 0 || o->timeout_ms > 600000 || o->retry_ms < 0 ||
	    o->retry_ms > 600000)
		return GOSEND_EINVAL;
	return 0;
}

static void configure(redis_limiter *r, const gosend_redis_limiter_options *o)
{
	unsigned char id[8];
	FILE *f;
	size_t i;

	r->base.version = GOSEND_LIMITER_VERSION;
	r->base.reserve = rl_reserve;
	r->base.report = rl_report;
	r->base.free = rl_free;
	r->rate = r->my_rate = o->rate_per_second;
	r->burst = r->my_burst = o->burst ? o->burst : 1;
	r->share = o->fallback_share;
	r->retry_ms = o->retry_ms ? o->retry_ms : 1000;
	r->conn.timeout_ms = o->timeout_ms ? o->timeout_ms : 200;
	r->target = lease_target(o->rate_per_second, 0);
	r->log = o->log;
	r->log_payload = o->log_payload;
	r->pid = getpid();
	gosend__redis_key(r->conn.key, sizeof(r->conn.key), o->api_key);
	snprintf(r->conn.procs_key, sizeof(r->conn.procs_key), "%s:procs",
	         r->conn.key);
	/* a member name: the pid and random bytes */
	memset(id, 0, sizeof(id));
	f = fopen("/dev/urandom", "rb");
	if (f) {
		if (fread(id, 1, sizeof(id), f) != sizeof(id))
			memset(id, 0, sizeof(id));
		fclose(f);
	}
	i = (size_t)snprintf(r->conn.member, sizeof(r->conn.member), "%ld-",
	                     (long)getpid());
	for (; i + 2 < sizeof(r->conn.member) && i < 30; i += 2)
		snprintf(r->conn.member + i, 3, "%02x", id[(i / 2) % 8]);
}

/* The lock, the condition (on CLOCK_MONOTONIC) and the thread: 0 or -1. */
static int start(redis_limiter *r)
{
	pthread_condattr_t ca;
	sigset_t all, old;
	int rc;

	if (gosend__redis_init(&r->conn) < 0)
		return -1;
	if (pthread_mutex_init(&r->mu, NULL) != 0) {
		gosend__redis_destroy(&r->conn);
		return -1;
	}
	if (pthread_condattr_init(&ca) != 0 ||
	    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
	    pthread_cond_init(&r->cv, &ca) != 0) {
		pthread_mutex_destroy(&r->mu);
		gosend__redis_destroy(&r->conn);
		return -1;
	}
	pthread_condattr_destroy(&ca);
	/* the thread takes none of the application's signals, nor dies of
	 * SIGPIPE when Redis resets the connection during a write */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&r->thread, NULL, run, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
		gosend__redis_destroy(&r->conn);
		return -1;
	}
	return 0;
}

int gosend_redis_limiter_new(gosend_limiter **out,
                             const gosend_redis_limiter_options *o,
                             gosend_error **err)
{
	redis_limiter *r;
	gosend__redis_url u;
	const char *field = NULL, *why = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (out)
		*out = NULL;
	if (!out || !o)
		return gosend_limiter_fail(err, GOSEND_EINVAL,
		                           out ? "opts" : "out",
		                           "argument is NULL");
	if (o->version != GOSEND_REDIS_LIMITER_OPTIONS_VERSION)
		return gosend_limiter_fail(err, GOSEND_EINVAL, "opts.version",
		                           "unknown options version");
	rc = check(o, &u, &field, &why);
	if (rc)
		return gosend_limiter_fail(err, rc, field, why);
	r = calloc(1, sizeof(*r));
	if (!r)
		return gosend_limiter_fail(err, GOSEND_ENOMEM, NULL,
		                           "out of memory");
	r->conn.url = u;
	configure(r, o);
	if (start(r) < 0) {
		free(r);
		return gosend_limiter_fail(err, GOSEND_ERROR, NULL,
		                           "cannot start the limiter's thread");
	}
	*out = &r->base;
	return GOSEND_OK;
}

int gosend_redis_limiter_stats_get(gosend_limiter *l,
                                   gosend_redis_limiter_stats *out)
{
	redis_limiter *r = (redis_limiter *)l;

	if (!l || !out || l->reserve != rl_reserve)
		return GOSEND_EINVAL;
	if (getpid() != r->pid)
		return GOSEND_ERROR;
	pthread_mutex_lock(&r->mu);
	*out = r->st;
	out->in_fallback = r->down;
	out->rate_per_second = r->rate;
	out->processes = r->procs;
	pthread_mutex_unlock(&r->mu);
	return GOSEND_OK;
}
