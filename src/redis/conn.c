#define _POSIX_C_SOURCE 200809L
#include "redis/conn.h"

#include <ctype.h>
#include <hiredis/hiredis.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

/*
 * The GCRA, one atomic step on the server. KEYS[1]: the state (a hash:
 * tat, rate, burst, and base: the rate first stored, which a server's
 * limit may lower the rate from and raise it back to, never past; a key
 * stored before base existed, whose rate may have been lowered, takes the
 * higher of its rate and the caller's); KEYS[2]: the
 * members (a sorted set: name -> last seen). ARGV: op, n, rate, burst, guard
 * ms, member, value. Times are the server's (TIME), in ms. Slots are spaced
 * (1000 - guard) / rate apart and never start in the last `guard` ms of a
 * second, so that a second holds at most `rate` of them (with burst 1). Answer:
 * {now, rate x 1000, burst, members, slot...}.
 */
static const char script[] =
        "if redis.replicate_commands then redis.replicate_commands() end\n"
        "local t = redis.call('TIME')\n"
        "local now = tonumber(t[1]) * 1000 + "
        "math.floor(tonumber(t[2]) / 1000)\n"
        "local k = KEYS[1]\n"
        "local rate = tonumber(redis.call('HGET', k, 'rate'))\n"
        "local burst = tonumber(redis.call('HGET', k, 'burst'))\n"
        "local base = tonumber(redis.call('HGET', k, 'base'))\n"
        "if not rate or not burst then\n"
        "  rate = tonumber(ARGV[3]); burst = tonumber(ARGV[4])\n"
        "  redis.call('HSET', k, 'rate', ARGV[3], 'burst', ARGV[4])\n"
        "end\n"
        "if not base then\n"
        "  base = math.max(rate, tonumber(ARGV[3]))\n"
        "  redis.call('HSET', k, 'base', string.format('%.3f', base))\n"
        "end\n"
        "local op, v = ARGV[1], tonumber(ARGV[7])\n"
        "if op == 'limit' and v > 0 then\n"
        "  if v > base then v = base end\n"
        "  if v ~= rate then\n"
        "    rate = v\n"
        "    redis.call('HSET', k, 'rate', string.format('%.3f', v))\n"
        "  end\n"
        "end\n"
        "local tat = tonumber(redis.call('HGET', k, 'tat')) or 0\n"
        "if op == 'push' and now + v > tat then tat = now + v end\n"
        "local guard = tonumber(ARGV[5])\n"
        "local usable = 1000 - guard\n"
        "local iv = usable / rate\n"
        "local tau = (burst - 1) * iv\n"
        "local out = {now, math.floor(rate * 1000), burst, 0}\n"
        "local n = 0\n"
        "if op == 'take' then n = tonumber(ARGV[2]) end\n"
        "for i = 1, n do\n"
        "  local s = tat - tau\n"
        "  if s < now then s = now end\n"
        "  local off = s % 1000\n"
        "  if off >= usable then s = s - off + 1000 end\n"
        "  if s > tat then tat = s end\n"
        "  tat = tat + iv\n"
        "  out[#out + 1] = math.ceil(s)\n"
        "end\n"
        "redis.call('HSET', k, 'tat', string.format('%.3f', tat))\n"
        "redis.call('PEXPIRE', k, 3600000)\n"
        "redis.call('ZADD', KEYS[2], now, ARGV[6])\n"
        "redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 3000)\n"
        "redis.call('PEXPIRE', KEYS[2], 60000)\n"
        "out[4] = redis.call('ZCARD', KEYS[2])\n"
        "return out\n";

static void hex(char *out, const unsigned char *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

void gosend__redis_key(char *out, size_t n, const char *api_key)
{
	unsigned char d[SHA256_DIGEST_LENGTH];
	char h[2 * SHA256_DIGEST_LENGTH + 1];

	SHA256((const unsigned char *)api_key, strlen(api_key), d);
	hex(h, d, sizeof(d));
	/* the braces: both keys in one hash slot of a cluster */
	snprintf(out, n, "gosendapi:rl:{%s}", h);
}

/* Copy [s, e) into out (n bytes): 0, or -1 when too long. */
static int take(char *out, size_t n, const char *s, const char *e)
{
	if ((size_t)(e - s) >= n)
		return -1;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return 0;
}

/* Percent-decode s in place: 0, or -1 for a bad escape or a NUL. */
static int unescape(char *s)
{
	char *o = s, hexs[3] = "";

	for (; *s; s++) {
		if (*s != '%') {
			*o++ = *s;
			continue;
		}
		if (!isxdigit((unsigned char)s[1]) ||
		    !isxdigit((unsigned char)s[2]))
			return -1;
		hexs[0] = s[1];
		hexs[1] = s[2];
		*o = (char)strtol(hexs, NULL, 16);
		if (!*o++)
			return -1;
		s += 2;
	}
	*o = '\0';
	return 0;
}

/* "[[user]:password@]" at the start of *p (advanced past it): split on
 * the last '@', user and password percent-decoded, the password not
 * empty. */
static int parse_auth(gosend__redis_url *u, const char **p, const char **why)
{
	const char *at = strrchr(*p, '@'), *colon;

	if (!at)
		return 0;
	colon = memchr(*p, ':', (size_t)(at - *p));
	if (!colon || colon + 1 == at) {
		*why = "the URL's credentials must be [user]:password@ (a "
		       "password not empty)";
		return -1;
	}
	if (take(u->user, sizeof(u->user), *p, colon) < 0 ||
	    take(u->password, sizeof(u->password), colon + 1, at) < 0) {
		*why = "the URL's credentials are too long";
		return -1;
	}
	if (unescape(u->user) < 0 || unescape(u->password) < 0) {
		*why = "the URL's credentials have a bad %-escape";
		return -1;
	}
	u->has_password = 1;
	*p = at + 1;
	return 0;
}

/* Digits only, in [lo, hi]: the value, or -1. */
static long number(const char *s, const char *e, long lo, long hi)
{
	long v = 0;

	if (s == e || e - s > 9)
		return -1;
	for (; s < e; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= lo && v <= hi ? v : -1;
}

int gosend__redis_url_parse(gosend__redis_url *u, const char *url,
                            const char **why)
{
	const char *p, *end, *slash, *colon;

	memset(u, 0, sizeof(*u));
	u->port = 6379;
	*why = "the URL must be redis://[[user]:password@]host[:port][/db]";
	if (!url || strncmp(url, "redis://", 8) != 0 || strpbrk(url, " \t\r\n"))
		return -1;
	p = url + 8;
	if (parse_auth(u, &p, why) < 0)
		return -1;
	end = p + strlen(p);
	slash = strchr(p, '/');
	if (slash) {
		/* "/" alone: db 0 */
		u->db = slash + 1 == end ? 0
		                         : number(slash + 1, end, 0, 100000);
		if (u->db < 0)
			return -1;
		end = slash;
	}
	colon = memchr(p, ':', (size_t)(end - p));
	if (colon) {
		long port = number(colon + 1, end, 1, 65535);
		if (port < 0)
			return -1;
		u->port = (int)port;
		end = colon;
	}
	if (end == p || take(u->host, sizeof(u->host), p, end) < 0 ||
	    strpbrk(u->host, "[]@?#"))
		return -1;
	*why = NULL;
	return 0;
}

long long gosend__redis_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The time left before the deadline into *tv: 0, or -1 (c->err set)
 * when none is left. */
static int time_left(gosend__redis_conn *c, struct timeval *tv)
{
	long long left = c->end_us - gosend__redis_mono_us();

	if (left <= 0) {
		snprintf(c->err, sizeof(c->err), "timed out after %ld ms",
		         c->timeout_ms);
		return -1;
	}
	tv->tv_sec = (time_t)(left / 1000000);
	tv->tv_usec = (suseconds_t)(left % 1000000);
	return 0;
}

/* One command (argv strings) within the time left: the reply (an error
 * reply too), or NULL with c->err set. */
static redisReply *send_argv(gosend__redis_conn *c, int argc, const char **argv)
{
	struct timeval tv;
	redisReply *r;

	if (time_left(c, &tv) < 0)
		return NULL;
	if (redisSetTimeout(c->ctx, tv) != REDIS_OK) {
		snprintf(c->err, sizeof(c->err), "cannot set the time-out");
		return NULL;
	}
	r = redisCommandArgv(c->ctx, argc, argv, NULL);
	if (!r)
		snprintf(c->err, sizeof(c->err), "%s",
		         ((redisContext *)c->ctx)->errstr);
	return r;
}

/* Run one command (argv strings); the reply, or NULL with c->err set. */
static redisReply *command(gosend__redis_conn *c, int argc, const char **argv)
{
	redisReply *r = send_argv(c, argc, argv);

	if (!r)
		return NULL;
	if (r->type == REDIS_REPLY_ERROR) {
		snprintf(c->err, sizeof(c->err), "%s", r->str ? r->str : "");
		freeReplyObject(r);
		return NULL;
	}
	return r;
}

/* AUTH and SELECT after connecting: 0 or -1. */
static int setup(gosend__redis_conn *c)
{
	char db[24];
	const char *auth[3] = {"AUTH", c->url.user, c->url.password};
	const char *sel[2] = {"SELECT", db};
	redisReply *r;

	if (c->url.has_password) {
		r = c->url.user[0] ? command(c, 3, auth)
		                   : command(c, 2,
		                             (const char *[]){"AUTH",
		                                              c->url.password});
		if (!r)
			return -1;
		freeReplyObject(r);
	}
	if (c->url.db) {
		snprintf(db, sizeof(db), "%ld", c->url.db);
		r = command(c, 2, sel);
		if (!r)
			return -1;
		freeReplyObject(r);
	}
	return 0;
}

int gosend__redis_connect(gosend__redis_conn *c)
{
	struct timeval tv;
	redisContext *ctx;

	gosend__redis_close(c);
	if (time_left(c, &tv) < 0)
		return -1;
	ctx = redisConnectWithTimeout(c->url.host, c->url.port, tv);
	if (!ctx) {
		snprintf(c->err, sizeof(c->err), "out of memory");
		return -1;
	}
	c->ctx = ctx;
	if (ctx->err) {
		snprintf(c->err, sizeof(c->err), "%s", ctx->errstr);
		gosend__redis_close(c);
		return -1;
	}
	pthread_mutex_lock(&c->fd_mu);
	c->fd = c->cancelled ? -1 : ctx->fd;
	pthread_mutex_unlock(&c->fd_mu);
	if (c->fd < 0) {
		snprintf(c->err, sizeof(c->err), "stopped");
		gosend__redis_close(c);
		return -1;
	}
	if (!c->sha[0]) {
		unsigned char d[SHA_DIGEST_LENGTH];
		SHA1((const unsigned char *)script, sizeof(script) - 1, d);
		hex(c->sha, d, sizeof(d));
	}
	if (setup(c) < 0) {
		gosend__redis_close(c);
		return -1;
	}
	return 0;
}

void gosend__redis_close(gosend__redis_conn *c)
{
	pthread_mutex_lock(&c->fd_mu);
	c->fd = -1;
	pthread_mutex_unlock(&c->fd_mu);
	if (c->ctx)
		redisFree(c->ctx);
	c->ctx = NULL;
}

int gosend__redis_init(gosend__redis_conn *c)
{
	c->fd = -1;
	c->cancelled = 0;
	return pthread_mutex_init(&c->fd_mu, NULL) == 0 ? 0 : -1;
}

void gosend__redis_destroy(gosend__redis_conn *c)
{
	pthread_mutex_destroy(&c->fd_mu);
}

void gosend__redis_cancel(gosend__redis_conn *c)
{
	pthread_mutex_lock(&c->fd_mu);
	c->cancelled = 1;
	if (c->fd >= 0)
		shutdown(c->fd, SHUT_RDWR);
	pthread_mutex_unlock(&c->fd_mu);
}

/* The script's answer into *a: 0, or -1 when it has not that shape. */
static int read_answer(const redisReply *r, gosend__redis_answer *a)
{
	size_t i;

	if (r->type != REDIS_REPLY_ARRAY || r->elements < 4 ||
	    r->elements - 4 > GOSEND__REDIS_BATCH_MAX)
		return -1;
	for (i = 0; i < r->elements; i++) {
		if (r->element[i]->type != REDIS_REPLY_INTEGER)
			return -1;
	}
	a->now = r->element[0]->integer;
	a->rate = (double)r->element[1]->integer / 1000.0;
	a->burst = (unsigned int)r->element[2]->integer;
	a->procs = (unsigned int)r->element[3]->integer;
	a->n = r->elements - 4;
	for (i = 0; i < a->n; i++)
		a->slot[i] = r->element[4 + i]->integer;
	return 0;
}

int gosend__redis_run(gosend__redis_conn *c, const char *op, size_t n,
                      double rate, unsigned int burst, long long value,
                      gosend__redis_answer *a)
{
	char sn[24], sr[40], sb[24], sv[24];
	const char *argv[12] = {
	        "EVALSHA", c->sha, "2", c->key, c->procs_key,
	        op,        sn,     sr,  sb,     GOSEND__REDIS_GUARD_STR,
	        c->member, sv};
	redisReply *r;
	int rc;

	c->end_us = gosend__redis_mono_us() + (long long)c->timeout_ms * 1000;
	if (!c->ctx && gosend__redis_connect(c) < 0)
		return -1;
	snprintf(sn, sizeof(sn), "%zu", n);
	snprintf(sr, sizeof(sr), "%.3f", rate);
	snprintf(sb, sizeof(sb), "%u", burst);
	snprintf(sv, sizeof(sv), "%lld", value);
	r = send_argv(c, 12, argv);
	if (r && r->type == REDIS_REPLY_ERROR && r->str &&
	    strncmp(r->str, "NOSCRIPT", 8) == 0) {
		freeReplyObject(r);
		argv[0] = "EVAL";
		argv[1] = script;
		r = send_argv(c, 12, argv);
	}
	if (!r || r->type == REDIS_REPLY_ERROR) {
		if (r) {
			snprintf(c->err, sizeof(c->err), "%s",
			         r->str ? r->str : "");
			freeReplyObject(r);
		}
		gosend__redis_close(c);
		return -1;
	}
	rc = read_answer(r, a);
	if (rc < 0)
		snprintf(c->err, sizeof(c->err), "unexpected answer");
	freeReplyObject(r);
	if (rc < 0)
		gosend__redis_close(c);
	return rc;
}
