#include "call/list.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/errors.h"
#include "json/body.h"
#include "json/shape.h"

int gosend__list_decode(void *obj, const gosend__decoder *spec,
                        gosend_error **err)
{
	gosend__holder *h = gosend__obj_holder(obj);
	gosend__list *l = obj;
	int rc;

	rc = gosend__decode_items(obj, spec, &l->items, &l->count, err);
	if (rc < 0)
		return rc;
	l->raw_json = h->body;
	l->meta = h->meta;
	return GOSEND_OK;
}

int gosend__item_from_json(const gosend__decoder *spec, const char *body,
                           size_t len, void **out, gosend_error **err)
{
	int rc = gosend__obj_from_body(gosend__type_size(spec), body, len, out,
	                               err);

	if (rc < 0)
		return rc;
	rc = gosend__decode_one(*out, spec, err);
	if (rc < 0)
		*out = NULL;
	return rc;
}

int gosend__list_call(gosend__request *r, const gosend__decoder *spec,
                      void **out, gosend_error **err)
{
	const gosend_meta *meta;
	int rc;

	*out = NULL;
	rc = gosend__call(r, sizeof(gosend__list), out, &meta, 0, err);
	if (rc < 0)
		return rc;
	rc = gosend__list_decode(*out, spec, err);
	if (rc < 0)
		*out = NULL;
	return rc;
}

int gosend__list_from_json(const gosend__decoder *spec, const char *body,
                           size_t len, void **out, gosend_error **err)
{
	int rc = gosend__obj_from_body(sizeof(gosend__list), body, len, out,
	                               err);

	if (rc < 0)
		return rc;
	rc = gosend__list_decode(*out, spec, err);
	if (rc < 0)
		*out = NULL;
	return rc;
}

/* ---- iterator ---- */

struct gosend_iter {
	gosend_client *client;
	const gosend__decoder *spec;
	char *url; /* encoded URL without query */
	gosend_request_options opts;
	char **headers;
	size_t max_items;
	size_t returned;
	long next_page;
	long per_page; /* requested; follows the server's X-Per-Page */
	long long total;
	size_t idx;
	gosend__list *page;
	int done;
	/* bounds: see pagination.h */
	size_t max_pages; /* fetch at most this many pages */
	size_t pages;     /* pages fetched so far */
	int have_prev;    /* prev_* describe the page before */
	size_t prev_count;
	uint64_t prev_hash;
	/* sticky failure: once set, every _next returns it, sending nothing */
	int failed;
	char *fail_message;
	char *fail_field;
};

#define ITER_PER_PAGE 100

int gosend__iter_new(gosend_iter **out, gosend__request *r,
                     const gosend__decoder *spec, size_t max_items,
                     gosend_error **err)
{
	gosend_iter *it;
	size_t i;

	*out = NULL;
	it = gosend__calloc(1, sizeof(*it));
	if (!it)
		return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	it->client = r->client;
	it->spec = spec;
	it->max_items = max_items;
	it->next_page = 1;
	it->per_page = ITER_PER_PAGE;
	it->total = -1;
	it->max_pages = GOSEND_ITER_MAX_PAGES;
	it->url = gosend__strdup(r->url.ptr);
	if (!it->url)
		goto oom;
	if (r->opts) {
		it->opts = *r->opts;
		it->opts.idempotency_key = NULL;
		if (r->opts->headers_count) {
			it->headers = gosend__calloc(r->opts->headers_count,
			                             sizeof(char *));
			if (!it->headers)
				goto oom;
			for (i = 0; i < r->opts->headers_count; i++) {
				it->headers[i] =
				        gosend__strdup(r->opts->headers[i]);
				if (!it->headers[i])
					goto oom;
			}
			it->opts.headers = (const char *const *)it->headers;
		}
	}
	*out = it;
	return GOSEND_OK;
oom:
	gosend_iter_free(it);
	return gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
}

static int fetch(gosend_iter *it, gosend_error **err)
{
	gosend__request r;
	gosend_list_params p = GOSEND_LIST_PARAMS_INIT;
	void *obj = NULL;
	int rc;

	rc = gosend__req_init(&r, it->client, "GET", "",
	                      it->opts.version ? &it->opts : NULL, err);
	if (rc == 0) {
		gosend__buf_dispose(&r.url);
		rc = gosend__req_path(&r, it->url, err);
	}
	p.page = it->next_page;
	p.per_page = it->per_page;
	if (rc == 0)
		rc = gosend__req_list(&r, &p, err);
	if (rc == 0)
		rc = gosend__list_call(&r, it->spec, &obj, err);
	gosend__req_dispose(&r);
	if (rc < 0 || !obj)
		return rc < 0 ? rc : GOSEND_ERROR;
	gosend__obj_free(it->page);
	it->page = obj;
	it->idx = 0;
	it->next_page++;
	it->pages++;
	if (it->page->meta->total_count >= 0)
		it->total = it->page->meta->total_count;
	/* A server that serves another page size than asked (a clamp) sets
	 * the page arithmetic from now on. */
	if (it->page->meta->per_page > 0 &&
	    it->page->meta->per_page <= GOSEND_PER_PAGE_MAX)
		it->per_page = it->page->meta->per_page;
	return GOSEND_OK;
}

/* 64-bit FNV-1a. */
#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME  1099511628211ULL

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* One item's identity: a tag, its length (8 bytes, little-endian) and its
 * bytes, so that no two different sequences hash the same text. */
static uint64_t fnv_part(uint64_t h, char tag, const char *s)
{
	unsigned char len[8];
	size_t n = s ? strlen(s) : 0, i;

	for (i = 0; i < sizeof(len); i++)
		len[i] = (unsigned char)((uint64_t)n >> (8 * i));
	h = fnv(h, &tag, 1);
	h = fnv(h, len, sizeof(len));
	return fnv(h, s, n);
}

/*
 * Hash of the current page's items in order: each item's id when the item
 * type has one and the item carries it, else the item's raw JSON text.
 */
static uint64_t page_hash(const gosend_iter *it)
{
	uint64_t h = FNV_OFFSET;
	size_t i;

	for (i = 0; i < it->page->count; i++) {
		const void *item = it->page->items[i];
		const char *s = gosend__item_id(it->spec, item);

		if (s) {
			h = fnv_part(h, 'i', s);
			continue;
		}
		s = gosend__item_raw(it->spec, item);
		h = fnv_part(h, s ? 'r' : 'n', s);
	}
	return h;
}

/* Checks of a freshly fetched, non-empty page; see pagination.h. */
static int check_progress(gosend_iter *it, gosend_error **err)
{
	size_t n = it->page->count;
	uint64_t h = page_hash(it);
	long page = it->next_page - 1;

	if (it->have_prev && n == it->prev_count && h == it->prev_hash)
		return gosend__fail(err, GOSEND_EPAGINATION, NULL,
		                    "page %ld repeats page %ld (the same %zu "
		                    "items in the same order): the server does "
		                    "not move on to the next page",
		                    page, page - 1, n);
	it->have_prev = 1;
	it->prev_count = n;
	it->prev_hash = h;
	if (it->total >= 0 && (long long)it->returned >= it->total)
		return gosend__fail(err, GOSEND_EPAGINATION, NULL,
		                    "page %ld brings %zu more items after %zu, "
		                    "but X-Total-Count says %lld",
		                    page, n, it->returned, it->total);
	return GOSEND_OK;
}

/*
 * Finish the iterator with the failure `code` whose detail is in *detail
 * (may be NULL): remember code, message and field for later calls, hand the
 * detail to the caller (or free it) and return the code.
 */
static int finish_failed(gosend_iter *it, int code, gosend_error **detail,
                         gosend_error **err)
{
	const gosend_error *d = *detail;

	it->failed = code;
	it->done = 1;
	it->fail_message = gosend__strdup(
	        d && d->message ? d->message : gosend_strerror(code));
	if (d && d->field)
		it->fail_field = gosend__strdup(d->field);
	gosend__obj_free(it->page);
	it->page = NULL;
	it->idx = 0;
	if (err)
		*err = *detail;
	else
		gosend_error_free(*detail);
	*detail = NULL;
	return code;
}

int gosend__iter_next(gosend_iter *it, const gosend__decoder *spec,
                      const void **item, gosend_error **err)
{
	gosend_error *detail = NULL;
	int rc;

	if (err)
		*err = NULL;
	if (!item)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*item = NULL;
	if (!it)
		return gosend__fail(err, GOSEND_EINVAL, "iter", "iter is NULL");
	if (it->spec != spec)
		return gosend__fail(err, GOSEND_EINVAL, "iter",
		                    "iterator made for another list");
	if (it->failed)
		return gosend__fail(
		        err, it->failed, it->fail_field,
		        "iterator finished after an earlier failure: %s",
		        it->fail_message ? it->fail_message
		                         : gosend_strerror(it->failed));
	for (;;) {
		if (it->done ||
		    (it->max_items && it->returned >= it->max_items) ||
		    (it->total >= 0 && (long long)it->returned >= it->total)) {
			it->done = 1;
			return 0;
		}
		if (it->page && it->idx < it->page->count) {
			*item = it->page->items[it->idx++];
			it->returned++;
			return 1;
		}
		if (it->page && it->total < 0 &&
		    it->page->count < (size_t)it->per_page) {
			it->done = 1;
			return 0;
		}
		if (it->pages >= it->max_pages) {
			rc = gosend__fail(
			        &detail, GOSEND_EPAGINATION, NULL,
			        "the list did not end within the page "
			        "cap of %zu pages (%zu items); raise it "
			        "with gosend_iter_set_max_pages()",
			        it->max_pages, it->returned);
			return finish_failed(it, rc, &detail, err);
		}
		rc = fetch(it, &detail);
		if (rc < 0)
			return finish_failed(it, rc, &detail, err);
		if (it->page->count == 0) {
			it->done = 1;
			return 0;
		}
		rc = check_progress(it, &detail);
		if (rc < 0)
			return finish_failed(it, rc, &detail, err);
	}
}

int gosend_iter_set_max_pages(gosend_iter *it, size_t max_pages,
                              gosend_error **err)
{
	if (err)
		*err = NULL;
	if (!it)
		return gosend__fail(err, GOSEND_EINVAL, "iter", "iter is NULL");
	if (max_pages == 0)
		return gosend__fail(err, GOSEND_EINVAL, "max_pages",
		                    "max_pages must be at least 1");
	it->max_pages = max_pages;
	return GOSEND_OK;
}

long long gosend_iter_total_count(const gosend_iter *it)
{
	return it ? it->total : -1;
}

size_t gosend_iter_count(const gosend_iter *it)
{
	return it ? it->returned : 0;
}

void gosend_iter_free(gosend_iter *it)
{
	size_t i;

	if (!it)
		return;
	gosend__obj_free(it->page);
	if (it->headers) {
		for (i = 0; i < it->opts.headers_count; i++)
			gosend__free(it->headers[i]);
		gosend__free(it->headers);
	}
	gosend__free(it->fail_message);
	gosend__free(it->fail_field);
	gosend__free(it->url);
	gosend__free(it);
}
