#define _POSIX_C_SOURCE 200809L
#include "core/ratelimit.h"

#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/errors.h"

void gosend__limiter_init(gosend__limiter *l, double per_second,
                          int follow_headers, long long cap_ms)
{
	l->budget = per_second >= 1 ? (unsigned int)per_second : 0;
	if (per_second > 0 && per_second < 1)
		l->budget = 1;
	l->follow_headers = follow_headers;
	l->cap_ms = cap_ms > 0 ? cap_ms : 0;
	l->window = -1;
	l->used = 0;
	l->blocked_until_ms = 0;
	l->carry_window = -1;
	l->carry = 0;
}

long long gosend__limiter_acquire(gosend__limiter *l, long long now_ms,
                                  unsigned int in_flight)
{
	long long sec = now_ms / 1000, start, slot, usable;

	if (l->blocked_until_ms > now_ms) {
		/* never longer than the cap, even when the wall clock was
		 * set back since the block began */
		if (l->blocked_until_ms - now_ms > l->cap_ms)
			l->blocked_until_ms = now_ms + l->cap_ms;
		if (l->blocked_until_ms > now_ms)
			return l->blocked_until_ms - now_ms;
	}
	if (!l->budget)
		return 0;
	if (sec != l->window) {
		/* what is still in flight may be counted in this window too
		 * (once: gosend__limiter_done does not charge it again) */
		l->window = sec;
		l->used = in_flight;
		if (l->carry_window == sec)
			l->used += l->carry;
	}
	start = sec * 1000;
	if (l->used >= l->budget)
		return start + 1000 - now_ms;
	usable = 1000 - GOSEND__LIMITER_GUARD_MS;
	if (now_ms >= start + usable)
		return start + 1000 - now_ms;
	slot = start + (long long)l->used * usable / l->budget;
	/* a request that ends late must not hold back the rest of the
	 * window: the budget, not the slot, is the limit */
	if (now_ms < slot)
		return slot - now_ms;
	l->used++;
	return 0;
}

void gosend__limiter_done(gosend__limiter *l, long long start_ms,
                          long long end_ms)
{
	long long s = start_ms / 1000, e = end_ms / 1000;

	if (!l->budget || e <= s)
		return;
	/* e == l->window: that window was opened while this request was
	 * in flight, and counted it then */
	if (e > l->window) {
		if (l->carry_window != e) {
			l->carry_window = e;
			l->carry = 0;
		}
		l->carry++;
	}
}

long long gosend__limiter_reset_wait(long long reset, long long server_date,
                                     long long now_ms, long long cap_ms)
{
	long long now_s, base, d_s, wait;

	if (cap_ms < 0)
		cap_ms = 0;
	if (reset < 0 || now_ms < 0)
		return 0;
	if (reset < GOSEND__RESET_EPOCH_MIN) {
		/* seconds from now */
		wait = reset * 1000;
	} else {
		/* a Unix time on the server's clock: the distance from its
		 * Date, placed on the local clock's current second */
		now_s = now_ms / 1000;
		base = server_date >= 0 ? server_date : now_s;
		d_s = reset - base; /* both >= 0: no overflow */
		if (d_s > cap_ms / 1000 + 1)
			return cap_ms;
		wait = d_s * 1000 - (now_ms - now_s * 1000);
	}
	if (wait < 0)
		return 0;
	return wait > cap_ms ? cap_ms : wait;
}

void gosend__limiter_observe(gosend__limiter *l, const gosend_meta *m,
                             long long now_ms)
{
	long long wait;

	if (!l->follow_headers || !m)
		return;
	if (m->ratelimit_limit > 0 &&
	    (!l->budget || (unsigned long)m->ratelimit_limit < l->budget))
		l->budget = (unsigned int)m->ratelimit_limit;
	if (m->ratelimit_remaining != 0 || m->ratelimit_reset < 0)
		return;
	wait = gosend__limiter_reset_wait(m->ratelimit_reset, m->server_date,
	                                  now_ms, l->cap_ms);
	if (wait > 0 && now_ms + wait > l->blocked_until_ms)
		l->blocked_until_ms = now_ms + wait;
}

int gosend__shared_limiter_init(gosend__shared_limiter *s, double per_second,
                                int follow_headers, long long cap_ms,
                                gosend_clock_fn wall, void *wall_payload)
{
	memset(s, 0, sizeof(*s));
	if (!(per_second > 0) && !follow_headers)
		return 0; /* limits nothing: no lock */
	if (pthread_mutex_init(&s->lock, NULL) != 0)
		return -1;
	gosend__limiter_init(&s->l, per_second, follow_headers, cap_ms);
	s->wall = wall;
	s->wall_payload = wall_payload;
	s->active = 1;
	return 0;
}

void gosend__shared_limiter_dispose(gosend__shared_limiter *s)
{
	if (s->active)
		pthread_mutex_destroy(&s->lock);
	s->active = 0;
}

static long long shared_now(const gosend__shared_limiter *s)
{
	return s->wall ? s->wall(s->wall_payload) : gosend__wall_ms();
}

long long gosend__shared_limiter_admit(gosend__shared_limiter *s,
                                       long long *start_ms)
{
	long long now, wait;

	*start_ms = 0;
	if (!s->active)
		return 0;
	/* read under the lock: the acquires see the clock in order */
	pthread_mutex_lock(&s->lock);
	now = shared_now(s);
	wait = gosend__limiter_acquire(&s->l, now, s->in_flight);
	if (wait <= 0) {
		s->in_flight++;
		/* 0 means "nothing to settle": a clock at 0 starts at 1 */
		*start_ms = now > 0 ? now : 1;
	}
	pthread_mutex_unlock(&s->lock);
	return wait > 0 ? wait : 0;
}

void gosend__shared_limiter_settle(gosend__shared_limiter *s,
                                   long long start_ms, const gosend_meta *m)
{
	long long now;

	if (!start_ms || !s->active)
		return;
	pthread_mutex_lock(&s->lock);
	now = shared_now(s);
	if (s->in_flight)
		s->in_flight--;
	gosend__limiter_done(&s->l, start_ms, now);
	gosend__limiter_observe(&s->l, m, now);
	pthread_mutex_unlock(&s->lock);
}

long long gosend__wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the public interface (gosendapi/limiter.h) ---- */

long long gosend_limiter_reserve(gosend_limiter *l, long long *ticket)
{
	long long wait;

	if (!ticket)
		return 0;
	*ticket = 0;
	if (!l || !l->reserve)
		return 0;
	wait = l->reserve(l, ticket);
	if (wait > 0)
		*ticket = 0;
	return wait > 0 ? wait : 0;
}

void gosend_limiter_report(gosend_limiter *l, long long ticket,
                           const gosend_meta *answer)
{
	if (l && ticket && l->report)
		l->report(l, ticket, answer);
}

void gosend_limiter_free(gosend_limiter *l)
{
	if (l && l->free)
		l->free(l);
}

int gosend_limiter_fail(gosend_error **err, int code, const char *field,
                        const char *message)
{
	return gosend__fail(err, code, field, "%s", message ? message : "");
}

/* The in-process limiter as a gosend_limiter: a shared limiter, whose
 * start times are the tickets. */
typedef struct local_limiter {
	gosend_limiter base; /* first: the public pointer is this one */
	gosend__shared_limiter s;
} local_limiter;

static long long local_reserve(gosend_limiter *l, long long *ticket)
{
	return gosend__shared_limiter_admit(&((local_limiter *)l)->s, ticket);
}

static void local_report(gosend_limiter *l, long long ticket,
                         const gosend_meta *answer)
{
	gosend__shared_limiter_settle(&((local_limiter *)l)->s, ticket, answer);
}

static void local_free(gosend_limiter *l)
{
	gosend__shared_limiter_dispose(&((local_limiter *)l)->s);
	gosend__free(l);
}

int gosend_local_limiter_new(gosend_limiter **out,
                             const gosend_local_limiter_options *o,
                             gosend_error **err)
{
	local_limiter *l;

	if (err)
		*err = NULL;
	if (out)
		*out = NULL;
	if (!out || !o)
		return gosend__fail(err, GOSEND_EINVAL, out ? "opts" : "out",
		                    "argument is NULL");
	if (o->version != GOSEND_LOCAL_LIMITER_OPTIONS_VERSION)
		return gosend__fail(err, GOSEND_EINVAL, "opts.version",
		                    "unknown options version %u", o->version);
	/* 0, or 1..10^6; NaN fails both tests */
	if (!(o->rate_per_second <= 0 && o->rate_per_second >= 0) &&
	    !(o->rate_per_second >= 1 && o->rate_per_second <= 1e6))
		return gosend__fail(err, GOSEND_EINVAL, "rate_per_second",
		                    "rate_per_second must be 0 (no limit) or "
		                    "1..1000000");
	l = gosend__calloc(1, sizeof(*l));
	if (!l)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	if (gosend__shared_limiter_init(
	            &l->s, o->rate_per_second, o->follow_rate_headers != 0,
	            o->reset_cap_ms > 0 ? o->reset_cap_ms : 60000,
	            o->wall_clock, o->clock_payload) < 0) {
		gosend__free(l);
		return gosend__fail(err, GOSEND_ENOMEM, NULL,
		                    "cannot make a lock");
	}
	l->base.version = GOSEND_LIMITER_VERSION;
	l->base.reserve = local_reserve;
	l->base.report = local_report;
	l->base.free = local_free;
	*out = &l->base;
	return GOSEND_OK;
}
