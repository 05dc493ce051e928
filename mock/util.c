/* Small helpers: strings, time, randomness, URL decoding, headers, JSON
 * responses and pagination. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <unistd.h>

#include "gsmock_int.h"

char *gs_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *gs_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *gs_format(const char *fmt, ...)
{
	va_list ap;
	char *out = NULL;
	va_start(ap, fmt);
	if (vasprintf(&out, fmt, ap) < 0)
		out = NULL;
	va_end(ap);
	return out;
}

int gs_strcaseeq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* Whether a Content-Type value names the media type `type` (parameters
 * after ';' allowed). */
int gs_media_type_is(const char *value, const char *type)
{
	size_t n = strlen(type);
	if (!value)
		return 0;
	while (*value == ' ' || *value == '\t')
		value++;
	if (strncasecmp(value, type, n) != 0)
		return 0;
	char c = value[n];
	return c == '\0' || c == ';' || c == ' ' || c == '\t';
}

void gs_iso_time(time_t t, char out[32])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) ||
	    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(out, "1970-01-01T00:00:00Z");
}

/* Floor division of milliseconds into seconds, also before 1970. */
static long long ms_to_s(long long ms)
{
	return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

void gs_iso_ms(long long ms, char out[32])
{
	gs_iso_time((time_t)ms_to_s(ms), out);
}

/* The mock's clock; lock held. */
long long gs_now_ms(gsmock *m)
{
	if (m->clock_kind == GS_CLOCK_MANUAL)
		return m->manual_ms;
	if (m->clock_kind == GS_CLOCK_CUSTOM && m->clock_fn)
		return m->clock_fn(m->clock_payload);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long gs_now_s(gsmock *m)
{
	return ms_to_s(gs_now_ms(m));
}

void gs_iso_now(gsmock *m, char out[32])
{
	gs_iso_ms(gs_now_ms(m), out);
}

int gs_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		p += got;
		n -= (size_t)got;
	}
	if (n == 0)
		return 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (n > 0) {
		ssize_t got = read(fd, p, n);
		if (got <= 0) {
			if (got < 0 && errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += got;
		n -= (size_t)got;
	}
	close(fd);
	return 0;
}

void gs_random_hex(char *out, size_t nhex)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char raw[64];
	size_t done = 0;
	while (done < nhex) {
		size_t chunk = (nhex - done + 1) / 2;
		if (chunk > sizeof raw)
			chunk = sizeof raw;
		if (gs_random(raw, chunk) != 0)
			memset(raw, 0x5a, chunk);
		for (size_t i = 0; i < chunk * 2 && done < nhex; i++)
			out[done++] =
			        digits[(raw[i / 2] >> ((i % 2) ? 0 : 4)) & 0xf];
	}
	out[nhex] = '\0';
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *gs_pct_decode(const char *s, size_t n, int plus_is_space)
{
	char *out = malloc(n + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n) {
			int hi = hexval((unsigned char)s[i + 1]);
			int lo = hexval((unsigned char)s[i + 2]);
			if (hi >= 0 && lo >= 0) {
				out[o++] = (char)(hi * 16 + lo);
				i += 2;
				continue;
			}
		}
		if (plus_is_space && s[i] == '+')
			out[o++] = ' ';
		else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

char *gs_query_get(const char *query, const char *name)
{
	const char *p = query;
	if (!p || !name)
		return NULL;
	while (*p) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		size_t nlen = eq ? (size_t)(eq - p) : len;
		char *k = gs_pct_decode(p, nlen, 1);
		if (!k)
			return NULL;
		int match = strcmp(k, name) == 0;
		free(k);
		if (match) {
			if (!eq)
				return gs_strdup("");
			return gs_pct_decode(eq + 1, len - nlen - 1, 1);
		}
		if (!end)
			break;
		p = end + 1;
	}
	return NULL;
}

int gs_headers_add(gs_headers *h, const char *name, const char *value)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 8;
		char **nn = realloc(h->names, cap * sizeof *nn);
		if (!nn)
			return -1;
		h->names = nn;
		char **nv = realloc(h->values, cap * sizeof *nv);
		if (!nv)
			return -1;
		h->values = nv;
		h->cap = cap;
	}
	char *a = gs_strdup(name);
	char *b = gs_strdup(value ? value : "");
	if (!a || !b) {
		free(a);
		free(b);
		return -1;
	}
	h->names[h->n] = a;
	h->values[h->n] = b;
	h->n++;
	return 0;
}

const char *gs_headers_find(const gs_headers *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (gs_strcaseeq(h->names[i], name))
			return h->values[i];
	return NULL;
}

void gs_headers_free(gs_headers *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->names[i]);
		free(h->values[i]);
	}
	free(h->names);
	free(h->values);
	memset(h, 0, sizeof *h);
}

static int token_char(unsigned char c)
{
	return c > 32 && c < 127 && !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* Parse "Name: v\r\nName2: v2"; blank lines are skipped. */
int gs_headers_parse(gs_headers *h, const char *text)
{
	const char *p = text;
	while (p && *p) {
		size_t len = strcspn(p, "\r\n");
		const char *line = p;
		p += len;
		while (*p == '\r' || *p == '\n')
			p++;
		while (len > 0 &&
		       (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (len == 0)
			continue;
		const char *colon = memchr(line, ':', len);
		if (!colon || colon == line)
			return -1;
		for (const char *c = line; c < colon; c++)
			if (!token_char((unsigned char)*c))
				return -1;
		const char *v = colon + 1;
		while (v < line + len && (*v == ' ' || *v == '\t'))
			v++;
		char *name = gs_strndup(line, (size_t)(colon - line));
		char *value = gs_strndup(v, (size_t)(line + len - v));
		int rc = (name && value) ? gs_headers_add(h, name, value) : -1;
		free(name);
		free(value);
		if (rc != 0)
			return -1;
	}
	return 0;
}

const char *gs_reason(unsigned int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 204:
		return "No Content";
	case 307:
		return "Temporary Redirect";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 413:
		return "Payload Too Large";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Entity";
	case 429:
		return "Too Many Requests";
	case 500:
		return "Internal Server Error";
	case 502:
		return "Bad Gateway";
	case 503:
		return "Service Unavailable";
	case 504:
		return "Gateway Timeout";
	default:
		return "Error";
	}
}

void gs_resp_free(gs_resp *rs)
{
	free(rs->content_type);
	free(rs->body);
	gs_headers_free(&rs->headers);
	memset(rs, 0, sizeof *rs);
}

void gs_resp_set_body(gs_resp *rs, unsigned int status, char *body)
{
	free(rs->body);
	rs->status = status;
	rs->body = body;
	rs->body_len = body ? strlen(body) : 0;
}

void gs_resp_json(gs_resp *rs, unsigned int status, cJSON *obj)
{
	char *text = obj ? cJSON_PrintUnformatted(obj) : NULL;
	cJSON_Delete(obj);
	if (!text) {
		gs_resp_set_body(rs, 500,
		                 gs_strdup("{\"statusCode\":500,\"message\":"
		                           "\"Out of memory\",\"error\":"
		                           "\"Internal Server Error\"}"));
		return;
	}
	gs_resp_set_body(rs, status, text);
}

void gs_resp_error(gs_resp *rs, unsigned int status, const char *message,
                   cJSON *details)
{
	cJSON *o = cJSON_CreateObject();
	if (o) {
		cJSON_AddNumberToObject(o, "statusCode", status);
		cJSON_AddStringToObject(o, "message", message);
		cJSON_AddStringToObject(o, "error", gs_reason(status));
		if (details)
			cJSON_AddItemToObject(o, "details", details);
		details = NULL;
	}
	cJSON_Delete(details);
	gs_resp_json(rs, status, o);
}

/* 400 with details {"field": field, "value": value} (value omitted when
 * NULL). */
void gs_resp_field_error(gs_resp *rs, const char *message, const char *field,
                         const cJSON *value)
{
	cJSON *d = cJSON_CreateObject();
	if (d) {
		cJSON_AddStringToObject(d, "field", field);
		if (value)
			cJSON_AddItemToObject(d, "value",
			                      cJSON_Duplicate(value, 1));
	}
	gs_resp_error(rs, 400, message, d);
}

int gs_resp_header(gs_resp *rs, const char *name, const char *value)
{
	return gs_headers_add(&rs->headers, name, value);
}

/* String form of an id field that may be a JSON string or number. */
const char *gs_json_id(const cJSON *obj, const char *field, char *buf, size_t n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d == floor(d) && fabs(d) < 1e17)
			snprintf(buf, n, "%.0f", d);
		else
			snprintf(buf, n, "%.17g", d);
		return buf;
	}
	return NULL;
}

int gs_json_id_eq(const cJSON *obj, const char *field, const char *want)
{
	char buf[64];
	const char *s = gs_json_id(obj, field, buf, sizeof buf);
	return s && want && strcmp(s, want) == 0;
}

cJSON *gs_find_by(const cJSON *arr, const char *field, const char *want)
{
	cJSON *it;
	cJSON_ArrayForEach(it, arr)
	{
		if (gs_json_id_eq(it, field, want))
			return it;
	}
	return NULL;
}

cJSON *gs_public_copy(const cJSON *item)
{
	cJSON *c = cJSON_Duplicate(item, 1);
	if (!c || !cJSON_IsObject(c))
		return c;
	cJSON *it = c->child;
	while (it) {
		cJSON *next = it->next;
		if (it->string && strncmp(it->string, "__", 2) == 0)
			cJSON_Delete(cJSON_DetachItemViaPointer(c, it));
		it = next;
	}
	return c;
}

int gs_set_string(cJSON *obj, const char *key, const char *value)
{
	cJSON *v = value ? cJSON_CreateString(value) : cJSON_CreateNull();
	if (!v)
		return -1;
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
	else
		cJSON_AddItemToObject(obj, key, v);
	return 0;
}

int gs_set_number(cJSON *obj, const char *key, double value)
{
	cJSON *v = cJSON_CreateNumber(value);
	if (!v)
		return -1;
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
	else
		cJSON_AddItemToObject(obj, key, v);
	return 0;
}

/* Parse a page parameter: absent → dflt; digits only. Returns -1 when
 * present but not a number in [lo, hi]. */
static int page_param(const char *query, const char *name, long dflt, long lo,
                      long hi, long *out, char **raw)
{
	char *v = gs_query_get(query, name);
	*raw = v;
	if (!v) {
		*out = dflt;
		return 0;
	}
	if (*v == '\0' || strlen(v) > 12)
		return -1;
	for (const char *c = v; *c; c++)
		if (!isdigit((unsigned char)*c))
			return -1;
	long n = strtol(v, NULL, 10);
	if (n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

void gs_respond_list(const gs_req *rq, gs_resp *rs, const cJSON **items,
                     size_t n)
{
	long page, per_page;
	char *raw = NULL;
	if (page_param(rq->query, "page", 1, 1, LONG_MAX / 1024, &page, &raw) !=
	    0) {
		cJSON *v = cJSON_CreateString(raw);
		gs_resp_field_error(
		        rs, "Validation failed: 'page' must be an integer >= 1",
		        "page", v);
		cJSON_Delete(v);
		free(raw);
		return;
	}
	free(raw);
	if (page_param(rq->query, "per_page", 20, 1, 100, &per_page, &raw) !=
	    0) {
		cJSON *v = cJSON_CreateString(raw);
		gs_resp_field_error(rs,
		                    "Validation failed: 'per_page' must be an "
		                    "integer between 1 and 100",
		                    "per_page", v);
		cJSON_Delete(v);
		free(raw);
		return;
	}
	free(raw);

	cJSON *arr = cJSON_CreateArray();
	size_t start = (size_t)(page - 1) * (size_t)per_page;
	for (size_t i = start; arr && i < n && i < start + (size_t)per_page;
	     i++) {
		cJSON *c = gs_public_copy(items[i]);
		if (!c) {
			cJSON_Delete(arr);
			arr = NULL;
			break;
		}
		cJSON_AddItemToArray(arr, c);
	}
	char buf[32];
	snprintf(buf, sizeof buf, "%zu", n);
	gs_resp_header(rs, "X-Total-Count", buf);
	snprintf(buf, sizeof buf, "%ld", page);
	gs_resp_header(rs, "X-Page", buf);
	snprintf(buf, sizeof buf, "%ld", per_page);
	gs_resp_header(rs, "X-Per-Page", buf);
	gs_resp_json(rs, 200, arr);
}
