/* Request routing and the /v1 endpoints. Every handler runs with the mock's
 * lock held. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gsmock_int.h"

typedef int (*gs_handler)(gsmock *m, const gs_req *rq, char **params,
                          cJSON *body, gs_resp *rs);

#define GS_BODY_JSON      0
#define GS_BODY_MULTIPART 1

#define IDEMPOTENCY_TTL (24 * 3600)

/* ------------------------------------------------------------ helpers */

static int not_found(gs_resp *rs, const char *what)
{
	char msg[96];
	snprintf(msg, sizeof msg, "%s not found", what);
	gs_resp_error(rs, 404, msg, NULL);
	return -1;
}

static int out_of_memory(gs_resp *rs)
{
	gs_resp_error(rs, 500, "Out of memory", NULL);
	return -1;
}

static int required(gs_resp *rs, const char *field)
{
	char msg[128];
	snprintf(msg, sizeof msg, "Validation failed: '%s' is required", field);
	gs_resp_field_error(rs, msg, field, NULL);
	return -1;
}

static int invalid(gs_resp *rs, const char *field, const char *what,
                   const cJSON *value)
{
	char msg[256];
	snprintf(msg, sizeof msg, "Validation failed: '%s' must be %s", field,
	         what);
	gs_resp_field_error(rs, msg, field, value);
	return -1;
}

/* Field lookup treating JSON null as absent. */
static cJSON *field(const cJSON *obj, const char *name)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	return cJSON_IsNull(v) ? NULL : v;
}

static int nonempty_string(const cJSON *v)
{
	return cJSON_IsString(v) && v->valuestring[0] != '\0';
}

static int is_http_url(const cJSON *v)
{
	if (!cJSON_IsString(v))
		return 0;
	const char *s = v->valuestring;
	size_t skip;
	if (strncasecmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return 0;
	if (s[skip] == '\0' || s[skip] == '/')
		return 0;
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c <= ' ')
			return 0;
	return 1;
}

/* Add a reference-free copy of src (or null) under key. */
static void add_copy(cJSON *obj, const char *key, const cJSON *src)
{
	cJSON *c = src ? cJSON_Duplicate(src, 1) : cJSON_CreateNull();
	if (c)
		cJSON_AddItemToObject(obj, key, c);
}

/* Collect array items (optionally those whose field equals want) into a
 * pointer list and answer with one page of them. */
static void list_where(const gs_req *rq, gs_resp *rs, const cJSON *arr,
                       const char *fieldname, const char *want)
{
	size_t cap = (size_t)cJSON_GetArraySize(arr);
	const cJSON **items = malloc((cap ? cap : 1) * sizeof *items);
	size_t n = 0;
	if (!items) {
		out_of_memory(rs);
		return;
	}
	const cJSON *it;
	cJSON_ArrayForEach(it, arr)
	{
		if (!fieldname || gs_json_id_eq(it, fieldname, want))
			items[n++] = it;
	}
	gs_respond_list(rq, rs, items, n);
	free(items);
}

static void respond_copy(gs_resp *rs, unsigned int status, const cJSON *item)
{
	cJSON *c = gs_public_copy(item);
	if (!c)
		out_of_memory(rs);
	else
		gs_resp_json(rs, status, c);
}

static void respond_deleted(gs_resp *rs, const char *id)
{
	cJSON *o = cJSON_CreateObject();
	if (o) {
		cJSON_AddBoolToObject(o, "deleted", 1);
		cJSON_AddStringToObject(o, "id", id);
	}
	gs_resp_json(rs, 200, o);
}

static void id_string(const cJSON *obj, char *buf, size_t n)
{
	const char *id = gs_json_id(obj, "id", buf, n);
	if (!id)
		buf[0] = '\0';
	else if (id != buf)
		snprintf(buf, n, "%s", id);
}

/* ---------------------------------------------------------------- /me */

static int h_me(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                gs_resp *rs)
{
	(void)m;
	(void)params;
	(void)body;
	char prefix[9];
	snprintf(prefix, sizeof prefix, "%s", rq->api_key ? rq->api_key : "");
	cJSON *o = cJSON_CreateObject();
	if (o) {
		cJSON_AddStringToObject(o, "id", GS_PROJECT_ID);
		cJSON_AddStringToObject(o, "name", "Mock Project");
		cJSON_AddStringToObject(o, "webhookUrl",
		                        "https://example.test/hooks");
		cJSON_AddStringToObject(o, "createdAt", "2026-01-15T10:00:00Z");
		cJSON_AddStringToObject(o, "external_id", "ext_42");
		cJSON_AddStringToObject(o, "api_key_prefix", prefix);
	}
	gs_resp_json(rs, 200, o);
	return 0;
}

/* ----------------------------------------------------------- messages */

static const char *const message_types[] = {
        "text",     "template", "image",       "video",    "audio",
        "document", "sticker",  "interactive", "location", "contacts"};

static int valid_type(const char *t)
{
	for (size_t i = 0; i < sizeof message_types / sizeof message_types[0];
	     i++)
		if (strcmp(t, message_types[i]) == 0)
			return 1;
	return 0;
}

static int e164_digits(const cJSON *v)
{
	if (!cJSON_IsString(v))
		return 0;
	size_t n = strlen(v->valuestring);
	return n >= 8 && n <= 15 && strspn(v->valuestring, "0123456789") == n;
}

/* Validate a send request; on failure fill rs and return -1. */
static int validate_message(const cJSON *body, gs_resp *rs)
{
	const cJSON *pnid = field(body, "phone_number_id");
	const cJSON *to = field(body, "to");
	const cJSON *type = field(body, "type");
	if (!pnid) {
		required(rs, "phone_number_id");
		return -1;
	}
	if (!nonempty_string(pnid)) {
		invalid(rs, "phone_number_id", "a non-empty string", pnid);
		return -1;
	}
	if (!to) {
		required(rs, "to");
		return -1;
	}
	if (!e164_digits(to)) {
		invalid(rs, "to", "E164 format", to);
		return -1;
	}
	if (!type) {
		required(rs, "type");
		return -1;
	}
	if (!cJSON_IsString(type) || !valid_type(type->valuestring)) {
		invalid(rs, "type",
		        "one of text, template, image, video, audio, "
		        "document, sticker, location, interactive, contacts",
		        type);
		return -1;
	}
	const char *t = type->valuestring;
	const cJSON *payload = field(body, t);
	if (!payload) {
		required(rs, t);
		return -1;
	}
	int ok = cJSON_IsObject(payload) ||
	         (strcmp(t, "contacts") == 0 && cJSON_IsArray(payload));
	if (!ok) {
		invalid(rs, t,
		        strcmp(t, "contacts") == 0 ? "an object or an array"
		                                   : "an object",
		        NULL);
		return -1;
	}
	return 0;
}

static unsigned long idem_hash(const char *api_key, const char *key)
{
	unsigned long h = 2166136261u; /* FNV-1a over "api_key\0key" */
	const unsigned char *p;
	for (p = (const unsigned char *)api_key; *p; p++)
		h = (h ^ *p) * 16777619u;
	h *= 16777619u;
	for (p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

void gs_idem_free(gs_idem *e)
{
	free(e->api_key);
	free(e->key);
	free(e->body);
	cJSON_Delete(e->request);
	free(e);
}

/* Forget the oldest remembered sends past their time to live. */
static void idem_expire(gsmock *m)
{
	long long now = gs_now_s(m);
	while (m->idem && now - m->idem->at > IDEMPOTENCY_TTL) {
		gs_idem *e = m->idem, **pp;
		pp = &m->idem_buckets[e->hash % m->idem_nbuckets];
		while (*pp != e)
			pp = &(*pp)->hnext;
		*pp = e->hnext;
		m->idem = e->next;
		if (!m->idem)
			m->idem_tail = NULL;
		m->idem_count--;
		gs_idem_free(e);
	}
}

static gs_idem *idem_find(gsmock *m, const char *api_key, const char *key)
{
	unsigned long h = idem_hash(api_key, key);
	gs_idem *e;
	idem_expire(m);
	if (!m->idem_nbuckets)
		return NULL;
	for (e = m->idem_buckets[h % m->idem_nbuckets]; e; e = e->hnext) {
		if (e->hash == h && strcmp(e->key, key) == 0 &&
		    strcmp(e->api_key, api_key) == 0)
			/* its own age too: behind a clock set back, an older
			 * one may wait for expiry behind a younger one */
			return gs_now_s(m) - e->at > IDEMPOTENCY_TTL ? NULL : e;
	}
	return NULL;
}

/* Room in the index for one more: at most two per bucket. */
static int idem_room(gsmock *m)
{
	size_t n = m->idem_nbuckets ? m->idem_nbuckets * 2 : 1024, i;
	gs_idem **nb;
	if (m->idem_count < m->idem_nbuckets * 2)
		return 0;
	nb = calloc(n, sizeof *nb);
	if (!nb)
		return -1;
	for (i = 0; i < m->idem_nbuckets; i++) {
		gs_idem *e = m->idem_buckets[i];
		while (e) {
			gs_idem *next = e->hnext;
			e->hnext = nb[e->hash % n];
			nb[e->hash % n] = e;
			e = next;
		}
	}
	free(m->idem_buckets);
	m->idem_buckets = nb;
	m->idem_nbuckets = n;
	return 0;
}

static void idem_store(gsmock *m, const char *api_key, const char *key,
                       const cJSON *request, const gs_resp *rs)
{
	gs_idem *e = calloc(1, sizeof *e), **bucket;
	if (!e)
		return;
	e->api_key = gs_strdup(api_key);
	e->key = gs_strdup(key);
	e->request = cJSON_Duplicate(request, 1);
	e->body = gs_strndup(rs->body ? rs->body : "", rs->body_len);
	e->status = rs->status;
	e->at = gs_now_s(m);
	e->hash = idem_hash(api_key, key);
	if (!e->api_key || !e->key || !e->request || !e->body ||
	    idem_room(m) < 0) {
		gs_idem_free(e);
		return;
	}
	bucket = &m->idem_buckets[e->hash % m->idem_nbuckets];
	e->hnext = *bucket;
	*bucket = e;
	if (m->idem_tail)
		m->idem_tail->next = e;
	else
		m->idem = e;
	m->idem_tail = e;
	m->idem_count++;
}

static int h_msg_send(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                      gs_resp *rs)
{
	(void)params;
	if (!cJSON_IsObject(body)) {
		gs_resp_error(rs, 400, "Request body must be a JSON object",
		              NULL);
		return 0;
	}
	const char *ikey = gsmock_request_header(rq->rec, "Idempotency-Key");
	if (ikey && !*ikey)
		ikey = NULL;
	const char *api_key = rq->api_key ? rq->api_key : "";
	if (ikey) {
		gs_idem *e = idem_find(m, api_key, ikey);
		if (e) {
			if (!cJSON_Compare(e->request, body, 1)) {
				gs_resp_error(rs, 409,
				              "Idempotency-Key reused with a "
				              "different body",
				              NULL);
				return 0;
			}
			gs_resp_set_body(rs, e->status, gs_strdup(e->body));
			if (!rs->body)
				out_of_memory(rs);
			return 0;
		}
	}
	if (validate_message(body, rs) != 0)
		return 0;

	const char *pnid = field(body, "phone_number_id")->valuestring;
	const char *to = field(body, "to")->valuestring;
	const char *type = field(body, "type")->valuestring;
	char id[48], now[32];
	snprintf(id, sizeof id, "wamid.MOCK%llu", ++m->seq_message);
	gs_iso_now(m, now);

	cJSON *msg = cJSON_CreateObject();
	if (!msg) {
		out_of_memory(rs);
		return 0;
	}
	cJSON_AddStringToObject(msg, "id", id);
	cJSON_AddStringToObject(msg, "phone_number_id", pnid);
	cJSON_AddStringToObject(msg, "to", to);
	cJSON_AddStringToObject(msg, "from", pnid);
	cJSON_AddStringToObject(msg, "type", type);
	cJSON_AddStringToObject(msg, "status", "accepted");
	cJSON_AddStringToObject(msg, "created_at", now);
	add_copy(msg, type, field(body, type));
	add_copy(msg, "__request", body);
	if (ikey)
		cJSON_AddStringToObject(msg, "__idempotency_key", ikey);
	cJSON_AddItemToArray(m->messages, msg);

	cJSON *o = cJSON_CreateObject();
	cJSON *contacts = cJSON_CreateArray();
	cJSON *contact = cJSON_CreateObject();
	cJSON *messages = cJSON_CreateArray();
	cJSON *mref = cJSON_CreateObject();
	if (!o || !contacts || !contact || !messages || !mref) {
		cJSON_Delete(o);
		cJSON_Delete(contacts);
		cJSON_Delete(contact);
		cJSON_Delete(messages);
		cJSON_Delete(mref);
		out_of_memory(rs);
		return 0;
	}
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "status", "accepted");
	cJSON_AddStringToObject(o, "messaging_product", "whatsapp");
	cJSON_AddStringToObject(contact, "input", to);
	cJSON_AddStringToObject(contact, "wa_id", to);
	cJSON_AddItemToArray(contacts, contact);
	cJSON_AddItemToObject(o, "contacts", contacts);
	cJSON_AddStringToObject(mref, "id", id);
	cJSON_AddItemToArray(messages, mref);
	cJSON_AddItemToObject(o, "messages", messages);
	gs_resp_json(rs, 201, o);
	if (ikey && rs->status == 201)
		idem_store(m, api_key, ikey, body, rs);
	/* Handed over at once: the answer says "accepted", the stored
	   message and the event say "sent". Deliveries run on the delivery
	   thread, after this answer. */
	if (rs->status == 201)
		(void)gs_message_status_locked(m, msg, "sent");
	return 0;
}

static int h_msg_list(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                      gs_resp *rs)
{
	(void)params;
	(void)body;
	list_where(rq, rs, m->messages, NULL, NULL);
	return 0;
}

static int h_msg_get(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                     gs_resp *rs)
{
	(void)rq;
	(void)body;
	const cJSON *msg = gs_find_by(m->messages, "id", params[0]);
	if (!msg)
		not_found(rs, "Message");
	else
		respond_copy(rs, 200, msg);
	return 0;
}

/* -------------------------------------------------------------- media */

static const gs_part *find_part(const gs_part *parts, size_t n,
                                const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (parts[i].name && strcmp(parts[i].name, name) == 0)
			return &parts[i];
	return NULL;
}

static int h_media(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                   gs_resp *rs)
{
	(void)params;
	(void)body;
	const char *ct = gsmock_request_header(rq->rec, "Content-Type");
	if (!gs_media_type_is(ct, "multipart/form-data")) {
		gs_resp_error(rs, 415,
		              "Content-Type must be multipart/form-data", NULL);
		return 0;
	}
	gs_part *parts;
	size_t n;
	if (gs_multipart_parse(ct, rq->rec->body, rq->rec->body_len, &parts,
	                       &n) != 0) {
		gs_resp_error(rs, 400, "Malformed multipart/form-data body",
		              NULL);
		return 0;
	}
	const gs_part *file = find_part(parts, n, "file");
	const gs_part *type = find_part(parts, n, "type");
	const gs_part *pnid = find_part(parts, n, "phone_number_id");
	if (!file) {
		required(rs, "file");
	} else if (!type || type->len == 0) {
		required(rs, "type");
	} else {
		char id[32], now[32];
		snprintf(id, sizeof id, "%015llu",
		         934567890000000ULL + ++m->seq_media);
		gs_iso_now(m, now);
		char *mime = gs_strndup(type->data, type->len);
		char *pn = pnid ? gs_strndup(pnid->data, pnid->len) : NULL;
		cJSON *rec = cJSON_CreateObject();
		if (rec && mime) {
			cJSON_AddStringToObject(rec, "id", id);
			if (pn)
				cJSON_AddStringToObject(rec, "phone_number_id",
				                        pn);
			else
				cJSON_AddNullToObject(rec, "phone_number_id");
			cJSON_AddStringToObject(rec, "type", mime);
			if (file->filename)
				cJSON_AddStringToObject(rec, "filename",
				                        file->filename);
			else
				cJSON_AddNullToObject(rec, "filename");
			cJSON_AddNumberToObject(rec, "size", (double)file->len);
			cJSON_AddStringToObject(rec, "created_at", now);
			cJSON_AddItemToArray(m->media, rec);
			cJSON *o = cJSON_CreateObject();
			if (o)
				cJSON_AddStringToObject(o, "id", id);
			gs_resp_json(rs, 201, o);
		} else {
			cJSON_Delete(rec);
			out_of_memory(rs);
		}
		free(mime);
		free(pn);
	}
	gs_parts_free(parts, n);
	return 0;
}

/* -------------------------------------------------------------- wabas */

static cJSON *find_waba(gsmock *m, const char *id)
{
	cJSON *w = gs_find_by(m->wabas, "id", id);
	return w ? w : gs_find_by(m->wabas, "waba_id", id);
}

static int h_waba_list(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                       gs_resp *rs)
{
	(void)params;
	(void)body;
	list_where(rq, rs, m->wabas, NULL, NULL);
	return 0;
}

static int h_waba_get(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                      gs_resp *rs)
{
	(void)rq;
	(void)body;
	const cJSON *w = find_waba(m, params[0]);
	if (!w)
		not_found(rs, "WABA");
	else
		respond_copy(rs, 200, w);
	return 0;
}

static int h_phone_list(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                        gs_resp *rs)
{
	(void)body;
	char id[64];
	const cJSON *w = find_waba(m, params[0]);
	if (!w) {
		not_found(rs, "WABA");
		return 0;
	}
	id_string(w, id, sizeof id);
	list_where(rq, rs, m->phones, "waba_id", id);
	return 0;
}

static int h_tpl_list(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                      gs_resp *rs)
{
	(void)body;
	char id[64];
	const cJSON *w = find_waba(m, params[0]);
	if (!w) {
		not_found(rs, "WABA");
		return 0;
	}
	id_string(w, id, sizeof id);
	list_where(rq, rs, m->templates, "waba_id", id);
	return 0;
}

static int template_name_ok(const cJSON *v)
{
	if (!cJSON_IsString(v))
		return 0;
	size_t n = strlen(v->valuestring);
	return n >= 1 && n <= 512 &&
	       strspn(v->valuestring,
	              "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int category_ok(const cJSON *v)
{
	return cJSON_IsString(v) &&
	       (strcmp(v->valuestring, "UTILITY") == 0 ||
	        strcmp(v->valuestring, "AUTHENTICATION") == 0 ||
	        strcmp(v->valuestring, "MARKETING") == 0);
}

static int components_ok(const cJSON *v)
{
	const cJSON *it;
	if (!cJSON_IsArray(v))
		return 0;
	cJSON_ArrayForEach(it, v)
	{
		if (!cJSON_IsObject(it))
			return 0;
	}
	return 1;
}

static int h_tpl_create(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                        gs_resp *rs)
{
	(void)rq;
	char wid[64];
	const cJSON *w = find_waba(m, params[0]);
	if (!w) {
		not_found(rs, "WABA");
		return 0;
	}
	if (!cJSON_IsObject(body)) {
		gs_resp_error(rs, 400, "Request body must be a JSON object",
		              NULL);
		return 0;
	}
	const cJSON *name = field(body, "name");
	const cJSON *category = field(body, "category");
	const cJSON *language = field(body, "language");
	const cJSON *components = field(body, "components");
	if (!name)
		return required(rs, "name");
	if (!template_name_ok(name))
		return invalid(rs, "name",
		               "lowercase letters, digits and underscores",
		               name);
	if (!category)
		return required(rs, "category");
	if (!category_ok(category))
		return invalid(rs, "category",
		               "one of UTILITY, AUTHENTICATION, MARKETING",
		               category);
	if (!language)
		return required(rs, "language");
	if (!nonempty_string(language))
		return invalid(rs, "language", "a non-empty string", language);
	if (!components)
		return required(rs, "components");
	if (!components_ok(components))
		return invalid(rs, "components", "an array of objects", NULL);

	id_string(w, wid, sizeof wid);
	const cJSON *it;
	cJSON_ArrayForEach(it, m->templates)
	{
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(it, "name");
		const cJSON *l =
		        cJSON_GetObjectItemCaseSensitive(it, "language");
		if (gs_json_id_eq(it, "waba_id", wid) && cJSON_IsString(n) &&
		    cJSON_IsString(l) &&
		    strcmp(n->valuestring, name->valuestring) == 0 &&
		    strcmp(l->valuestring, language->valuestring) == 0) {
			gs_resp_error(rs, 409,
			              "Template with this name and language "
			              "already exists",
			              NULL);
			return 0;
		}
	}
	char id[32], now[32];
	snprintf(id, sizeof id, "%llu", ++m->seq_template);
	gs_iso_now(m, now);
	cJSON *t = cJSON_CreateObject();
	if (!t)
		return out_of_memory(rs);
	cJSON_AddStringToObject(t, "id", id);
	cJSON_AddStringToObject(t, "waba_id", wid);
	cJSON_AddStringToObject(t, "name", name->valuestring);
	cJSON_AddStringToObject(t, "language", language->valuestring);
	cJSON_AddStringToObject(t, "category", category->valuestring);
	cJSON_AddStringToObject(t, "status", "PENDING");
	cJSON_AddStringToObject(t, "created_at", now);
	add_copy(t, "components", components);
	cJSON_AddItemToArray(m->templates, t);
	respond_copy(rs, 201, t);
	return 0;
}

static int h_tpl_sync(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                      gs_resp *rs)
{
	(void)rq;
	(void)body;
	char wid[64];
	const cJSON *w = find_waba(m, params[0]);
	if (!w) {
		not_found(rs, "WABA");
		return 0;
	}
	id_string(w, wid, sizeof wid);
	int count = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, m->templates)
	{
		if (gs_json_id_eq(it, "waba_id", wid))
			count++;
	}
	cJSON *o = cJSON_CreateObject();
	if (o) {
		cJSON_AddNumberToObject(o, "synced", count);
		cJSON_AddNumberToObject(o, "templates", count);
	}
	gs_resp_json(rs, 200, o);
	return 0;
}

static int h_tpl_delete(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                        gs_resp *rs)
{
	(void)rq;
	(void)body;
	char wid[64], tid[64];
	const cJSON *w = find_waba(m, params[0]);
	if (!w) {
		not_found(rs, "WABA");
		return 0;
	}
	id_string(w, wid, sizeof wid);
	cJSON *it, *hit = NULL;
	cJSON_ArrayForEach(it, m->templates)
	{
		if (gs_json_id_eq(it, "waba_id", wid) &&
		    gs_json_id_eq(it, "id", params[1])) {
			hit = it;
			break;
		}
	}
	if (!hit) {
		cJSON_ArrayForEach(it, m->templates)
		{
			if (gs_json_id_eq(it, "waba_id", wid) &&
			    gs_json_id_eq(it, "name", params[1])) {
				hit = it;
				break;
			}
		}
	}
	if (!hit) {
		not_found(rs, "Template");
		return 0;
	}
	id_string(hit, tid, sizeof tid);
	cJSON_Delete(cJSON_DetachItemViaPointer(m->templates, hit));
	respond_deleted(rs, tid);
	return 0;
}

/* ------------------------------------------------------ conversations */

static int h_conv_list(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                       gs_resp *rs)
{
	(void)params;
	(void)body;
	list_where(rq, rs, m->conversations, NULL, NULL);
	return 0;
}

static int h_conv_get(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                      gs_resp *rs)
{
	(void)rq;
	(void)body;
	const cJSON *c = gs_find_by(m->conversations, "id", params[0]);
	if (!c)
		not_found(rs, "Conversation");
	else
		respond_copy(rs, 200, c);
	return 0;
}

static int h_conv_close(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                        gs_resp *rs)
{
	(void)rq;
	(void)body;
	cJSON *c = gs_find_by(m->conversations, "id", params[0]);
	if (!c) {
		not_found(rs, "Conversation");
		return 0;
	}
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(c, "status");
	const cJSON *closed = field(c, "closed_at");
	if (!(cJSON_IsString(st) && strcmp(st->valuestring, "ended") == 0 &&
	      closed)) {
		char now[32];
		gs_iso_now(m, now);
		gs_set_string(c, "status", "ended");
		gs_set_string(c, "closed_at", now);
	}
	respond_copy(rs, 200, c);
	return 0;
}

/* ----------------------------------------------------------- webhooks */

static int events_ok(const cJSON *v)
{
	const cJSON *it;
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
		return 0;
	cJSON_ArrayForEach(it, v)
	{
		if (!nonempty_string(it))
			return 0;
	}
	return 1;
}

static int h_hook_list(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                       gs_resp *rs)
{
	(void)params;
	(void)body;
	list_where(rq, rs, m->webhooks, NULL, NULL);
	return 0;
}

static int h_hook_create(gsmock *m, const gs_req *rq, char **params,
                         cJSON *body, gs_resp *rs)
{
	(void)rq;
	(void)params;
	if (!cJSON_IsObject(body)) {
		gs_resp_error(rs, 400, "Request body must be a JSON object",
		              NULL);
		return 0;
	}
	const cJSON *url = field(body, "url");
	const cJSON *events = field(body, "events");
	const cJSON *pnid = field(body, "phone_number_id");
	const cJSON *type = field(body, "type");
	if (!url)
		return required(rs, "url");
	if (!is_http_url(url))
		return invalid(rs, "url", "an http or https URL", url);
	if (!events)
		return required(rs, "events");
	if (!events_ok(events))
		return invalid(rs, "events", "a non-empty array of strings",
		               events);
	if (pnid && !nonempty_string(pnid))
		return invalid(rs, "phone_number_id", "a non-empty string",
		               pnid);
	if (type && !nonempty_string(type))
		return invalid(rs, "type", "a non-empty string", type);

	char id[32], now[32], secret[48];
	snprintf(id, sizeof id, "%llu", ++m->seq_webhook);
	gs_iso_now(m, now);
	memcpy(secret, "whsec_", 6);
	gs_random_hex(secret + 6, 32);

	cJSON *h = cJSON_CreateObject();
	cJSON *deliveries = cJSON_CreateArray();
	if (!h || !deliveries) {
		cJSON_Delete(h);
		cJSON_Delete(deliveries);
		return out_of_memory(rs);
	}
	cJSON_AddStringToObject(h, "id", id);
	cJSON_AddStringToObject(h, "url", url->valuestring);
	add_copy(h, "events", events);
	cJSON_AddBoolToObject(h, "enabled", 1);
	add_copy(h, "phone_number_id", pnid);
	cJSON_AddStringToObject(h, "type",
	                        type ? type->valuestring : "gosendapi_events");
	cJSON_AddStringToObject(h, "created_at", now);
	cJSON_AddStringToObject(h, "__secret", secret);
	cJSON_AddItemToObject(h, "__deliveries", deliveries);
	cJSON_AddItemToArray(m->webhooks, h);

	/* The create answer is the only one that shows the secret. */
	static const char *const order[] = {"id",      "url",
	                                    "secret",  "events",
	                                    "enabled", "phone_number_id",
	                                    "type",    "created_at"};
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return out_of_memory(rs);
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (strcmp(order[i], "secret") == 0)
			cJSON_AddStringToObject(o, "secret", secret);
		else
			add_copy(o, order[i],
			         cJSON_GetObjectItemCaseSensitive(h, order[i]));
	}
	gs_resp_json(rs, 201, o);
	return 0;
}

static int h_hook_get(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                      gs_resp *rs)
{
	(void)rq;
	(void)body;
	const cJSON *h = gs_find_by(m->webhooks, "id", params[0]);
	if (!h)
		not_found(rs, "Webhook");
	else
		respond_copy(rs, 200, h);
	return 0;
}

static int h_hook_patch(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                        gs_resp *rs)
{
	(void)rq;
	cJSON *h = gs_find_by(m->webhooks, "id", params[0]);
	if (!h)
		return not_found(rs, "Webhook");
	if (!cJSON_IsObject(body)) {
		gs_resp_error(rs, 400, "Request body must be a JSON object",
		              NULL);
		return 0;
	}
	const cJSON *url = cJSON_GetObjectItemCaseSensitive(body, "url");
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(body, "events");
	const cJSON *enabled =
	        cJSON_GetObjectItemCaseSensitive(body, "enabled");
	if (url && !is_http_url(url))
		return invalid(rs, "url", "an http or https URL", url);
	if (events && !events_ok(events))
		return invalid(rs, "events", "a non-empty array of strings",
		               events);
	if (enabled && !cJSON_IsBool(enabled))
		return invalid(rs, "enabled", "a boolean", enabled);
	if (url)
		gs_set_string(h, "url", url->valuestring);
	if (events) {
		cJSON *c = cJSON_Duplicate(events, 1);
		if (c)
			cJSON_ReplaceItemInObjectCaseSensitive(h, "events", c);
	}
	if (enabled) {
		cJSON *b = cJSON_CreateBool(cJSON_IsTrue(enabled));
		if (b)
			cJSON_ReplaceItemInObjectCaseSensitive(h, "enabled", b);
	}
	respond_copy(rs, 200, h);
	return 0;
}

static int h_hook_delete(gsmock *m, const gs_req *rq, char **params,
                         cJSON *body, gs_resp *rs)
{
	(void)rq;
	(void)body;
	char id[64];
	cJSON *h = gs_find_by(m->webhooks, "id", params[0]);
	if (!h)
		return not_found(rs, "Webhook");
	id_string(h, id, sizeof id);
	cJSON_Delete(cJSON_DetachItemViaPointer(m->webhooks, h));
	respond_deleted(rs, id);
	return 0;
}

static int h_hook_deliveries(gsmock *m, const gs_req *rq, char **params,
                             cJSON *body, gs_resp *rs)
{
	(void)body;
	const cJSON *h = gs_find_by(m->webhooks, "id", params[0]);
	if (!h)
		return not_found(rs, "Webhook");
	list_where(rq, rs, cJSON_GetObjectItemCaseSensitive(h, "__deliveries"),
	           NULL, NULL);
	return 0;
}

int gsmock_add_delivery(gsmock *m, const char *webhook_id,
                        const char *json_object)
{
	if (!m || !webhook_id || !json_object)
		return -1;
	cJSON *d = cJSON_Parse(json_object);
	if (!cJSON_IsObject(d)) {
		cJSON_Delete(d);
		return -1;
	}
	int rc = -1;
	pthread_mutex_lock(&m->lock);
	cJSON *h = gs_find_by(m->webhooks, "id", webhook_id);
	cJSON *list =
	        h ? cJSON_GetObjectItemCaseSensitive(h, "__deliveries") : NULL;
	if (list) {
		char id[32], now[32];
		gs_iso_now(m, now);
		snprintf(id, sizeof id, "dlv_%llu", ++m->seq_delivery);
		if (!cJSON_HasObjectItem(d, "id"))
			gs_set_string(d, "id", id);
		if (!cJSON_HasObjectItem(d, "webhook_id"))
			gs_set_string(d, "webhook_id", webhook_id);
		if (!cJSON_HasObjectItem(d, "event"))
			gs_set_string(d, "event", "whatsapp.message.delivered");
		if (!cJSON_HasObjectItem(d, "status"))
			gs_set_string(d, "status", "succeeded");
		if (!cJSON_HasObjectItem(d, "attempts"))
			gs_set_number(d, "attempts", 1);
		if (!cJSON_HasObjectItem(d, "response_status"))
			gs_set_number(d, "response_status", 200);
		if (!cJSON_HasObjectItem(d, "created_at"))
			gs_set_string(d, "created_at", now);
		if (!cJSON_HasObjectItem(d, "last_attempt_at"))
			gs_set_string(d, "last_attempt_at", now);
		if (!cJSON_HasObjectItem(d, "next_attempt_at"))
			gs_set_string(d, "next_attempt_at", NULL);
		cJSON_AddItemToArray(list, d);
		d = NULL;
		rc = 0;
	}
	pthread_mutex_unlock(&m->lock);
	cJSON_Delete(d);
	return rc;
}

/* -------------------------------------------------------------- admin */

static int optional_string(const cJSON *v)
{
	return !v || cJSON_IsString(v);
}

static int h_customer_create(gsmock *m, const gs_req *rq, char **params,
                             cJSON *body, gs_resp *rs)
{
	(void)rq;
	if (!cJSON_IsObject(body)) {
		gs_resp_error(rs, 400, "Request body must be a JSON object",
		              NULL);
		return 0;
	}
	const cJSON *name = field(body, "name");
	const char *opt[] = {"external_id", "email", "phone"};
	const cJSON *meta = field(body, "metadata");
	if (!name)
		return required(rs, "name");
	if (!nonempty_string(name))
		return invalid(rs, "name", "a non-empty string", name);
	for (size_t i = 0; i < 3; i++)
		if (!optional_string(field(body, opt[i])))
			return invalid(rs, opt[i], "a string",
			               field(body, opt[i]));
	if (meta && !cJSON_IsObject(meta))
		return invalid(rs, "metadata", "an object", meta);

	char id[32], now[32];
	snprintf(id, sizeof id, "%llu", ++m->seq_customer);
	gs_iso_now(m, now);
	cJSON *c = cJSON_CreateObject();
	if (!c)
		return out_of_memory(rs);
	cJSON_AddStringToObject(c, "id", id);
	cJSON_AddStringToObject(c, "tenant_id", params[0]);
	cJSON_AddStringToObject(c, "name", name->valuestring);
	for (size_t i = 0; i < 3; i++)
		add_copy(c, opt[i], field(body, opt[i]));
	if (meta)
		add_copy(c, "metadata", meta);
	else
		cJSON_AddItemToObject(c, "metadata", cJSON_CreateObject());
	cJSON_AddStringToObject(c, "status", "active");
	cJSON_AddStringToObject(c, "created_at", now);
	cJSON_AddItemToArray(m->customers, c);
	respond_copy(rs, 201, c);
	return 0;
}

static int h_setup_link(gsmock *m, const gs_req *rq, char **params, cJSON *body,
                        gs_resp *rs)
{
	(void)rq;
	if (!gs_find_by(m->customers, "id", params[0]))
		return not_found(rs, "Customer");
	if (body && !cJSON_IsObject(body)) {
		gs_resp_error(rs, 400, "Request body must be a JSON object",
		              NULL);
		return 0;
	}
	const cJSON *ok = field(body, "successRedirectUrl");
	const cJSON *ko = field(body, "failureRedirectUrl");
	const cJSON *exp = field(body, "expiresAt");
	if (ok && !is_http_url(ok))
		return invalid(rs, "successRedirectUrl", "an http or https URL",
		               ok);
	if (ko && !is_http_url(ko))
		return invalid(rs, "failureRedirectUrl", "an http or https URL",
		               ko);
	if (exp && !nonempty_string(exp))
		return invalid(rs, "expiresAt", "an ISO-8601 date-time string",
		               exp);

	unsigned char r[16];
	char id[40], expires[32];
	if (gs_random(r, sizeof r) != 0)
		memset(r, 0x42, sizeof r);
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(id, sizeof id,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	         "%02x%02x%02x%02x%02x%02x",
	         r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
	         r[10], r[11], r[12], r[13], r[14], r[15]);
	gs_iso_time((time_t)(gs_now_s(m) + 7 * 24 * 3600), expires);
	char *url = gs_format("https://cloud.gosendapi.com/signup/%s", id);
	cJSON *l = cJSON_CreateObject();
	if (!l || !url) {
		free(url);
		cJSON_Delete(l);
		return out_of_memory(rs);
	}
	cJSON_AddStringToObject(l, "id", id);
	cJSON_AddStringToObject(l, "url", url);
	free(url);
	cJSON_AddStringToObject(l, "status", "pending");
	cJSON_AddStringToObject(l, "expiresAt",
	                        exp ? exp->valuestring : expires);
	add_copy(l, "successRedirectUrl", ok);
	add_copy(l, "failureRedirectUrl", ko);
	cJSON_AddStringToObject(l, "__customer_id", params[0]);
	cJSON_AddItemToArray(m->setup_links, l);
	respond_copy(rs, 201, l);
	return 0;
}

/* ------------------------------------------------------------- router */

struct route {
	const char *method;
	const char *pattern; /* segments after /v1; '*' captures one */
	gs_handler fn;
	int body_kind;
};

static const struct route routes[] = {
        {"GET", "me", h_me, GS_BODY_JSON},
        {"POST", "messages", h_msg_send, GS_BODY_JSON},
        {"GET", "messages", h_msg_list, GS_BODY_JSON},
        {"GET", "messages/*", h_msg_get, GS_BODY_JSON},
        {"POST", "media", h_media, GS_BODY_MULTIPART},
        {"GET", "wabas", h_waba_list, GS_BODY_JSON},
        {"GET", "wabas/*", h_waba_get, GS_BODY_JSON},
        {"GET", "wabas/*/phone-numbers", h_phone_list, GS_BODY_JSON},
        {"GET", "wabas/*/templates", h_tpl_list, GS_BODY_JSON},
        {"POST", "wabas/*/templates", h_tpl_create, GS_BODY_JSON},
        {"POST", "wabas/*/templates/sync", h_tpl_sync, GS_BODY_JSON},
        {"DELETE", "wabas/*/templates/*", h_tpl_delete, GS_BODY_JSON},
        {"GET", "conversations", h_conv_list, GS_BODY_JSON},
        {"GET", "conversations/*", h_conv_get, GS_BODY_JSON},
        {"POST", "conversations/*/close", h_conv_close, GS_BODY_JSON},
        {"GET", "webhooks", h_hook_list, GS_BODY_JSON},
        {"POST", "webhooks", h_hook_create, GS_BODY_JSON},
        {"GET", "webhooks/*", h_hook_get, GS_BODY_JSON},
        {"PATCH", "webhooks/*", h_hook_patch, GS_BODY_JSON},
        {"DELETE", "webhooks/*", h_hook_delete, GS_BODY_JSON},
        {"GET", "webhooks/*/deliveries", h_hook_deliveries, GS_BODY_JSON},
        {"POST", "admin/tenants/*/customers", h_customer_create, GS_BODY_JSON},
        {"POST", "admin/customers/*/setup-links", h_setup_link, GS_BODY_JSON},
};

#define MAX_PARAMS 4

/* Match the request's segments against a pattern; fill params. */
static int match(const struct route *r, const gs_req *rq, char **params)
{
	const char *p = r->pattern;
	size_t i = 0, np = 0;
	while (*p) {
		size_t len = strcspn(p, "/");
		if (i >= rq->nseg)
			return 0;
		if (len == 1 && *p == '*') {
			if (rq->seg[i][0] == '\0' || np == MAX_PARAMS)
				return 0;
			params[np++] = rq->seg[i];
		} else if (strlen(rq->seg[i]) != len ||
		           strncmp(rq->seg[i], p, len) != 0) {
			return 0;
		}
		i++;
		p += len;
		if (*p == '/')
			p++;
	}
	return i == rq->nseg;
}

static int key_ok(const gsmock *m, const char *key)
{
	if (!key)
		return 0;
	if (m->fixed_key && strcmp(key, m->fixed_key) == 0)
		return 1;
	if (strstr(key, "revoked"))
		return 0;
	const char *rest;
	if (strncmp(key, "gsk_test_", 9) == 0 ||
	    strncmp(key, "gsk_live_", 9) == 0)
		rest = key + 9;
	else
		return 0;
	if (!*rest)
		return 0;
	for (; *rest; rest++)
		if (!isalnum((unsigned char)*rest) && *rest != '_')
			return 0;
	return 1;
}

static void rate_limited(gsmock *m, gs_resp *rs)
{
	(void)m;
	cJSON *o = cJSON_CreateObject();
	if (o) {
		cJSON_AddNumberToObject(o, "statusCode", 429);
		cJSON_AddStringToObject(o, "message",
		                        "Rate limit exceeded for API key");
		cJSON_AddNumberToObject(o, "retry_after_seconds", 1);
	}
	gs_resp_header(rs, "Retry-After", "1");
	gs_resp_json(rs, 429, o);
}

void gs_dispatch(gsmock *m, const gs_req *rq, gs_resp *rs)
{
	if (!key_ok(m, rq->api_key)) {
		gs_resp_error(rs, 401, "Invalid or missing API key", NULL);
		return;
	}
	if (m->rate_enforce && rq->rate_count > m->rate_limit) {
		m->rejected++;
		rate_limited(m, rs);
		return;
	}
	const struct route *r = NULL;
	char *params[MAX_PARAMS] = {NULL};
	if (rq->v1) {
		for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
			if (strcmp(routes[i].method, rq->method) == 0 &&
			    match(&routes[i], rq, params)) {
				r = &routes[i];
				break;
			}
		}
	}
	if (!r) {
		char *msg = gs_format("Cannot %s %s", rq->method, rq->path);
		gs_resp_error(rs, 404, msg ? msg : "Not Found", NULL);
		free(msg);
		return;
	}
	cJSON *body = NULL;
	int has_body =
	        rq->rec->body_len > 0 && (strcmp(rq->method, "POST") == 0 ||
	                                  strcmp(rq->method, "PATCH") == 0 ||
	                                  strcmp(rq->method, "PUT") == 0);
	if (has_body && r->body_kind == GS_BODY_JSON) {
		const char *ct = gsmock_request_header(rq->rec, "Content-Type");
		if (!gs_media_type_is(ct, "application/json")) {
			gs_resp_error(rs, 415,
			              "Content-Type must be application/json",
			              NULL);
			return;
		}
		body = cJSON_ParseWithLengthOpts(
		        rq->rec->body, rq->rec->body_len + 1, NULL, 1);
		if (!body) {
			gs_resp_error(rs, 400, "Request body is not valid JSON",
			              NULL);
			return;
		}
	}
	(void)r->fn(m, rq, params, body, rs);
	cJSON_Delete(body);
}
