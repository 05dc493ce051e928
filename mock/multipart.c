/* multipart/form-data parsing (RFC 7578) for POST /v1/media. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gsmock_int.h"

/* Find parameter `want` in a header value of the form
 * "token; a=b; c=\"d\"". Returns a malloc'd unquoted value or NULL. */
static char *header_param(const char *value, size_t len, const char *want)
{
	const char *p = value, *end = value + len;
	const char *semi = memchr(p, ';', len);
	if (!semi)
		return NULL;
	p = semi + 1;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == ';'))
			p++;
		const char *name = p;
		while (p < end && *p != '=' && *p != ';')
			p++;
		const char *name_end = p;
		while (name_end > name &&
		       (name_end[-1] == ' ' || name_end[-1] == '\t'))
			name_end--;
		char *val = NULL;
		if (p < end && *p == '=') {
			p++;
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			if (p < end && *p == '"') {
				p++;
				val = malloc((size_t)(end - p) + 1);
				if (!val)
					return NULL;
				size_t o = 0;
				while (p < end && *p != '"') {
					if (*p == '\\' && p + 1 < end)
						p++;
					val[o++] = *p++;
				}
				val[o] = '\0';
				if (p < end)
					p++;
			} else {
				const char *v = p;
				while (p < end && *p != ';' && *p != ' ' &&
				       *p != '\t')
					p++;
				val = gs_strndup(v, (size_t)(p - v));
				if (!val)
					return NULL;
			}
		}
		size_t nl = (size_t)(name_end - name);
		if (nl == strlen(want) && strncasecmp(name, want, nl) == 0) {
			if (!val)
				val = gs_strdup("");
			return val;
		}
		free(val);
		while (p < end && *p != ';')
			p++;
	}
	return NULL;
}

/* Parse the header block of one part. */
static int parse_part_headers(const char *h, size_t len, gs_part *part)
{
	const char *p = h, *end = h + len;
	while (p < end) {
		const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
		const char *line_end = eol ? eol : end;
		const char *colon = memchr(p, ':', (size_t)(line_end - p));
		if (!colon)
			return -1;
		const char *v = colon + 1;
		while (v < line_end && (*v == ' ' || *v == '\t'))
			v++;
		size_t nl = (size_t)(colon - p);
		size_t vl = (size_t)(line_end - v);
		if (nl == 19 &&
		    strncasecmp(p, "Content-Disposition", nl) == 0) {
			if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
				return -1;
			free(part->name);
			free(part->filename);
			part->name = header_param(v, vl, "name");
			part->filename = header_param(v, vl, "filename");
		} else if (nl == 12 &&
		           strncasecmp(p, "Content-Type", nl) == 0) {
			free(part->content_type);
			part->content_type = gs_strndup(v, vl);
			if (!part->content_type)
				return -1;
		}
		p = eol ? eol + 2 : end;
	}
	return 0;
}

int gs_multipart_parse(const char *content_type, const char *body, size_t len,
                       gs_part **parts, size_t *nparts)
{
	*parts = NULL;
	*nparts = 0;
	if (!content_type ||
	    !gs_media_type_is(content_type, "multipart/form-data"))
		return -1;
	char *boundary =
	        header_param(content_type, strlen(content_type), "boundary");
	if (!boundary || !*boundary || strlen(boundary) > 200) {
		free(boundary);
		return -1;
	}
	size_t blen = strlen(boundary) + 4;
	char *delim = malloc(blen + 1); /* "\r\n--" boundary */
	if (!delim) {
		free(boundary);
		return -1;
	}
	strcpy(delim, "\r\n--");
	strcat(delim, boundary);
	free(boundary);

	const char *end = body + len;
	const char *p;
	gs_part *list = NULL;
	size_t n = 0;
	if (len >= blen && memcmp(body, delim + 2, blen - 2) == 0 &&
	    memchr("-\r \t", body[blen - 2], 4))
		p = body + blen - 2;
	else {
		p = memmem(body, len, delim, blen);
		if (!p)
			goto bad_list;
		p += blen;
	}
	for (;;) {
		/* p is just past a delimiter */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			goto bad_list;
		p += 2;
		const char *hdr_end;
		size_t hdr_len;
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
			hdr_end = p + 2;
			hdr_len = 0;
		} else {
			const char *e =
			        memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
			if (!e)
				goto bad_list;
			hdr_len = (size_t)(e - p);
			hdr_end = e + 4;
		}
		const char *next =
		        memmem(hdr_end, (size_t)(end - hdr_end), delim, blen);
		if (!next)
			goto bad_list;
		gs_part *nl = realloc(list, (n + 1) * sizeof *nl);
		if (!nl)
			goto bad_list;
		list = nl;
		memset(&list[n], 0, sizeof list[n]);
		n++;
		if (parse_part_headers(p, hdr_len, &list[n - 1]) != 0)
			goto bad_list;
		list[n - 1].data = hdr_end;
		list[n - 1].len = (size_t)(next - hdr_end);
		p = next + blen;
	}
	free(delim);
	*parts = list;
	*nparts = n;
	return 0;
bad_list:
	gs_parts_free(list, n);
	free(delim);
	return -1;
}

void gs_parts_free(gs_part *parts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(parts[i].name);
		free(parts[i].filename);
		free(parts[i].content_type);
	}
	free(parts);
}
