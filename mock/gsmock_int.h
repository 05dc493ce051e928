/* Internal declarations shared by the mock's translation units. */
#ifndef GSMOCK_INT_H
#define GSMOCK_INT_H

#include <pthread.h>
#include <stddef.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "gsmock.h"

/* Largest request body accepted; larger ones get 413. */
#define GS_MAX_BODY ((size_t)64 * 1024 * 1024)

/* Default X-RateLimit-Limit. */
#define GS_DEFAULT_RATE_LIMIT 10u

/* The project every key maps to. */
#define GS_PROJECT_ID "42"

/* Attempts per webhook delivery; GS_RETRY_OFFSETS_MS gives, for each, the
   time after the delivery's creation when it is due. */
#define GS_MAX_ATTEMPTS 5
#define GS_RETRY_OFFSETS_MS                                  \
	{                                                    \
		0LL, 60000LL, 300000LL, 1800000LL, 7200000LL \
	}

/* Default time limit of one delivery attempt. */
#define GS_DELIVERY_TIMEOUT_MS 10000L

/* Which clock a mock reads. */
enum gs_clock_kind { GS_CLOCK_REAL = 0, GS_CLOCK_MANUAL, GS_CLOCK_CUSTOM };

/* Ordered list of header name/value pairs. */
typedef struct gs_headers {
	size_t n, cap;
	char **names;
	char **values;
} gs_headers;

/* A response under construction. */
typedef struct gs_resp {
	unsigned int status;
	char *content_type; /* NULL: application/json */
	char *body;         /* NULL: empty */
	size_t body_len;
	gs_headers headers;
} gs_resp;

/* What handlers see of the request being served. */
typedef struct gs_req {
	const char *method;
	const char *path;    /* raw */
	const char *query;   /* raw, "" when none */
	const char *api_key; /* X-API-Key, NULL when absent */
	const gsmock_request *rec;
	int v1;      /* path is "/v1" or starts with "/v1/" */
	size_t nseg; /* decoded path segments after "/v1" */
	char **seg;
	unsigned int rate_count; /* requests of this key in this second */
} gs_req;

/* Kinds of queued script entries. */
enum gs_script_kind { GS_SCRIPT_RESPONSE = 0, GS_SCRIPT_FAULT = 1 };

typedef struct gs_script {
	struct gs_script *next;
	int kind;
	gsmock_fault fault;
	unsigned int param;
	gs_resp resp; /* GS_SCRIPT_RESPONSE */
} gs_script;

/* A remembered POST /v1/messages answer for Idempotency-Key replays. */
typedef struct gs_idem {
	struct gs_idem *next;  /* the next newer one */
	struct gs_idem *hnext; /* the next in its hash bucket */
	unsigned long hash;
	char *api_key;
	char *key;
	cJSON *request;
	unsigned int status;
	char *body;
	long long at; /* Unix seconds of the mock's clock */
} gs_idem;

/* Requests counted in the current one-second window of one key. */
typedef struct gs_rate {
	struct gs_rate *next;
	char *key;
	long long second;
	unsigned int count;
} gs_rate;

/* A delivery waiting for its next attempt. */
typedef struct gs_job {
	struct gs_job *next;
	char *delivery_id;
	char *webhook_id;
	char *event;
	char *body; /* the exact bytes sent and signed */
	int attempts;
	long long created_ms;
	long long due_ms;
} gs_job;

struct gsmock {
	struct MHD_Daemon *daemon;
	pthread_mutex_t lock;
	pthread_cond_t wake; /* signalled on stop, ends fault delays */
	int stopping;
	unsigned short port;
	char base_url[48];
	char *fixed_key;
	int log_requests;
	int tls;
	char *tls_cert, *tls_key; /* PEM text, kept while the server runs */

	/* Clock (see gsmock_set_clock()). */
	int clock_kind;
	long long (*clock_fn)(void *);
	void *clock_payload;
	long long manual_ms;

	gsmock_request **log;
	size_t log_len, log_cap;

	gs_script *q_head, *q_tail;

	unsigned int rate_limit;
	int rate_enforce;
	gs_rate *rates;
	/* remembered sends, oldest first (they expire in that order), and a
	   hash index on (API key, Idempotency-Key) */
	gs_idem *idem, *idem_tail;
	gs_idem **idem_buckets;
	size_t idem_nbuckets, idem_count;
	size_t rejected;

	/* Webhook deliveries. The delivery thread is started with the first
	   delivery; it waits on dwake, and ddone is signalled after every
	   finished attempt. */
	gs_job *jobs;
	pthread_cond_t dwake;
	pthread_cond_t ddone;
	pthread_t dthread;
	int dthread_running;
	void *dmulti; /* CURLM *, created with the thread */
	size_t attempts_done;
	long delivery_timeout_ms;
	unsigned long long seq_event;

	unsigned long long seq_request;
	unsigned long long seq_message;
	unsigned long long seq_media;
	unsigned long long seq_template;
	unsigned long long seq_webhook;
	unsigned long long seq_delivery;
	unsigned long long seq_customer;

	/* Collections: cJSON arrays of objects. Keys starting with "__" are
	   private and never rendered. */
	cJSON *wabas;
	cJSON *phones;
	cJSON *templates;
	cJSON *conversations;
	cJSON *messages;
	cJSON *media;
	cJSON *webhooks;
	cJSON *customers;
	cJSON *setup_links;
};

/* ---- util.c ---- */
char *gs_strdup(const char *s);
char *gs_strndup(const char *s, size_t n);
char *gs_format(const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 1, 2)))
#endif
        ;
int gs_strcaseeq(const char *a, const char *b);
int gs_media_type_is(const char *value, const char *type);
void gs_iso_time(time_t t, char out[32]);
void gs_iso_ms(long long ms, char out[32]);
/* The mock's clock (ms / s since the epoch) and its ISO-8601 time; lock
   held. */
long long gs_now_ms(gsmock *m);
long long gs_now_s(gsmock *m);
void gs_iso_now(gsmock *m, char out[32]);
int gs_random(void *buf, size_t n);
void gs_random_hex(char *out, size_t nhex);
char *gs_pct_decode(const char *s, size_t n, int plus_is_space);
char *gs_query_get(const char *query, const char *name);

int gs_headers_add(gs_headers *h, const char *name, const char *value);
const char *gs_headers_find(const gs_headers *h, const char *name);
void gs_headers_free(gs_headers *h);
int gs_headers_parse(gs_headers *h, const char *text);

const char *gs_reason(unsigned int status);
void gs_resp_free(gs_resp *rs);
void gs_resp_set_body(gs_resp *rs, unsigned int status, char *body);
void gs_resp_json(gs_resp *rs, unsigned int status, cJSON *obj);
void gs_resp_error(gs_resp *rs, unsigned int status, const char *message,
                   cJSON *details);
void gs_resp_field_error(gs_resp *rs, const char *message, const char *field,
                         const cJSON *value);
int gs_resp_header(gs_resp *rs, const char *name, const char *value);

const char *gs_json_id(const cJSON *obj, const char *field, char *buf,
                       size_t n);
int gs_json_id_eq(const cJSON *obj, const char *field, const char *want);
cJSON *gs_find_by(const cJSON *arr, const char *field, const char *want);
cJSON *gs_public_copy(const cJSON *item);
int gs_set_string(cJSON *obj, const char *key, const char *value);
int gs_set_number(cJSON *obj, const char *key, double value);
void gs_respond_list(const gs_req *rq, gs_resp *rs, const cJSON **items,
                     size_t n);

/* ---- seed.c ---- */
int gs_seed_builtin(gsmock *m);
int gs_seed_file(gsmock *m, const char *path);

/* ---- request.c ---- */
/* A deep copy of a recorded request; NULL when out of memory. */
gsmock_request *gs_request_copy(const gsmock_request *src);

/* ---- routes.c ---- */
void gs_dispatch(gsmock *m, const gs_req *rq, gs_resp *rs);
/* Free one remembered send (not unlinked: the caller's job). */
void gs_idem_free(gs_idem *e);

/* ---- events.c ---- */
/* Emit an event (data: an object, always taken over); lock held. */
int gs_emit_locked(gsmock *m, const char *event, cJSON *data);
/* Set a stored message's status and emit whatsapp.message.<status>. */
int gs_message_status_locked(gsmock *m, cJSON *msg, const char *status);
void gs_deliveries_shutdown(gsmock *m);
void gs_deliveries_free(gsmock *m);

/* ---- multipart.c ---- */
typedef struct gs_part {
	char *name;
	char *filename; /* NULL when the part has none */
	char *content_type;
	const char *data; /* points into the body */
	size_t len;
} gs_part;

int gs_multipart_parse(const char *content_type, const char *body, size_t len,
                       gs_part **parts, size_t *nparts);
void gs_parts_free(gs_part *parts, size_t n);

#endif
