#include "wiresupport.h"

#include <stdlib.h>
#include <string.h>

static long long fx_clock(void *p)
{
	return ((ts_fx *)p)->now;
}

static void fx_sleep(long long ms, void *p)
{
	ts_fx *f = p;

	if (f->nslept < TS_SLEPT_MAX)
		f->slept[f->nslept++] = ms;
	f->sleeps++;
	f->last_sleep = ms;
	f->slept_total += ms;
	f->now += ms;
}

static void no_sleep(long long ms, void *p)
{
	(void)ms;
	(void)p;
}

static unsigned int random0(void *p)
{
	(void)p;
	return 0;
}

static void collect_log(int level, const char *line, void *p)
{
	ts_fx *f = p;
	size_t n = strlen(line);

	(void)level;
	if (f->log_len + n + 2 < sizeof(f->log)) {
		memcpy(f->log + f->log_len, line, n);
		f->log_len += n;
		f->log[f->log_len++] = '\n';
		f->log[f->log_len] = '\0';
	}
}

gosend_client *ts_client_new(const char *key, const gosend_client_options *o)
{
	gosend_client *c = NULL;
	gosend_error *e = NULL;

	if (gosend_client_new(&c, key, o, &e) != 0)
		fail_msg("client: %s", e ? e->message : "(no error)");
	return c;
}

gosend_client *ts_fx_client(ts_fx *f, gosend_client_options *o,
                            unsigned int hooks)
{
	gosend_client_options defaults = GOSEND_CLIENT_OPTIONS_INIT;

	if (!o)
		o = &defaults;
	if (!o->base_url)
		o->base_url = gsmock_base_url(f->mock);
	if (hooks & TS_TIME) {
		o->clock = fx_clock;
		o->sleep = fx_sleep;
	}
	if (hooks & TS_NO_SLEEP)
		o->sleep = no_sleep;
	if (hooks & TS_RANDOM0)
		o->random = random0;
	if (hooks & (TS_TIME | TS_NO_SLEEP | TS_RANDOM0))
		o->hooks_payload = f;
	if (hooks & TS_LOG) {
		o->log = collect_log;
		o->log_level = GOSEND_LOG_TRACE;
		o->log_payload = f;
	}
	return ts_client_new(f->key, o);
}

ts_fx *ts_fx_new(size_t size, const char *key, const gsmock_options *mo)
{
	ts_fx *f;

	assert_true(size >= sizeof(ts_fx));
	f = calloc(1, size);
	assert_non_null(f);
	f->key = key;
	if (gsmock_start(&f->mock, mo) != 0) {
		free(f);
		fail_msg("cannot start the mock");
	}
	return f;
}

void ts_fx_free(ts_fx *f)
{
	if (!f)
		return;
	gosend_client_free(f->client);
	gsmock_stop(f->mock);
	free(f);
}

int ts_setup(void **state, const char *key, gosend_client_options *o,
             unsigned int hooks)
{
	ts_fx *f = ts_fx_new(sizeof(*f), key, NULL);

	f->client = ts_fx_client(f, o, hooks);
	*state = f;
	return 0;
}

int ts_teardown(void **state)
{
	ts_fx_free(*state);
	return 0;
}
