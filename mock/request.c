/* The recorded request (gsmock_request): copy, free and lookups. */
#include <stdlib.h>

#include "gsmock_int.h"

void gsmock_request_free(gsmock_request *r)
{
	if (!r)
		return;
	free(r->method);
	free(r->target);
	free(r->path);
	free(r->query);
	for (size_t i = 0; i < r->header_count; i++) {
		free(r->header_names[i]);
		free(r->header_values[i]);
	}
	free(r->header_names);
	free(r->header_values);
	free(r->body);
	free(r);
}

gsmock_request *gs_request_copy(const gsmock_request *src)
{
	gsmock_request *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->method = gs_strdup(src->method);
	r->target = gs_strdup(src->target);
	r->path = gs_strdup(src->path);
	r->query = gs_strdup(src->query);
	r->body = gs_strndup(src->body, src->body_len);
	r->body_len = src->body_len;
	size_t n = src->header_count;
	r->header_names = calloc(n ? n : 1, sizeof(char *));
	r->header_values = calloc(n ? n : 1, sizeof(char *));
	if (!r->method || !r->target || !r->path || !r->query || !r->body ||
	    !r->header_names || !r->header_values) {
		gsmock_request_free(r);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		r->header_names[i] = gs_strdup(src->header_names[i]);
		r->header_values[i] = gs_strdup(src->header_values[i]);
		r->header_count = i + 1;
		if (!r->header_names[i] || !r->header_values[i]) {
			gsmock_request_free(r);
			return NULL;
		}
	}
	return r;
}

const char *gsmock_request_header(const gsmock_request *r, const char *name)
{
	if (!r || !name)
		return NULL;
	for (size_t i = 0; i < r->header_count; i++)
		if (gs_strcaseeq(r->header_names[i], name))
			return r->header_values[i];
	return NULL;
}

char *gsmock_request_query_param(const gsmock_request *r, const char *name)
{
	if (!r || !name)
		return NULL;
	return gs_query_get(r->query, name);
}
