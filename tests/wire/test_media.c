/*
 * POST /media against the mock server: the multipart body on the wire (part
 * names, filename, content types, exact bytes) for a buffer and a file, the
 * result, error mapping, sending the uploaded media, and that refused input
 * (missing file, bad MIME type, empty data) sends nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include "wiresupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gsmock.h"
#include "gosendapi/gosendapi.h"
#include "gosendapi/messages.h"

#define KEY  "gsk_test_media_wire"
#define PNID "555123456789"
#define TO   "5491140123456"

typedef ts_fx fx;

/* This file's fixture: the shared one first, and a directory for files. */
typedef struct media_fx {
	ts_fx base;
	char dir[64];
} media_fx;

static const char *scratch_dir(fx *f)
{
	return ((media_fx *)f)->dir;
}

static int setup(void **state)
{
	media_fx *m = (media_fx *)ts_fx_new(sizeof(*m), KEY, NULL);

	m->base.client = ts_fx_client(&m->base, NULL, 0);
	snprintf(m->dir, sizeof(m->dir), "/tmp/gosend-media-XXXXXX");
	assert_non_null(mkdtemp(m->dir));
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	(void)rmdir(((media_fx *)*state)->dir);
	return ts_teardown(state);
}

/* ---- a small multipart/form-data reader for the assertions ---- */

typedef struct part {
	char name[64];
	char filename[256];
	int has_filename;
	char content_type[128];
	const char *data;
	size_t len;
} part;

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	size_t i;

	for (i = 0; m <= n && i + m <= n; i++) {
		if (memcmp(hay + i, needle, m) == 0)
			return hay + i;
	}
	return NULL;
}

/* Copy the quoted value of `key="..."` in a header line into out. */
static int quoted(const char *line, size_t n, const char *key, char *out,
                  size_t outsz)
{
	char pat[32];
	const char *p, *e;
	size_t len;

	snprintf(pat, sizeof(pat), " %s=\"", key);
	p = find(line, n, pat, strlen(pat));
	if (!p)
		return 0;
	p += strlen(pat);
	e = memchr(p, '"', (size_t)(line + n - p));
	assert_non_null(e);
	len = (size_t)(e - p);
	assert_true(len < outsz);
	memcpy(out, p, len);
	out[len] = '\0';
	return 1;
}

/* Split the body of r into parts; returns their number. */
static size_t parse_multipart(const gsmock_request *r, part *parts, size_t max)
{
	const char *ct = gsmock_request_header(r, "Content-Type");
	const char *b, *body = r->body, *end = r->body + r->body_len, *p;
	char delim[128];
	size_t dlen, n = 0;

	assert_non_null(ct);
	assert_int_equal(strncmp(ct, "multipart/form-data;", 20), 0);
	b = strstr(ct, "boundary=");
	assert_non_null(b);
	b += 9;
	snprintf(delim, sizeof(delim), "--%.*s", (int)strcspn(b, ";\" "),
	         *b == '"' ? b + 1 : b);
	dlen = strlen(delim);
	p = find(body, r->body_len, delim, dlen);
	assert_non_null(p);
	for (;;) {
		const char *hdr_end, *next, *line;
		part *pt;

		p += dlen;
		if (end - p >= 2 && memcmp(p, "--", 2) == 0)
			break; /* closing delimiter */
		assert_true(end - p >= 2 && memcmp(p, "\r\n", 2) == 0);
		p += 2;
		assert_true(n < max);
		pt = &parts[n++];
		memset(pt, 0, sizeof(*pt));
		hdr_end = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		assert_non_null(hdr_end);
		for (line = p; line < hdr_end;) {
			const char *eol = find(
			        line, (size_t)(hdr_end + 2 - line), "\r\n", 2);
			size_t ll = (size_t)(eol - line);
			if (ll > 20 &&
			    strncasecmp(line, "Content-Disposition:", 20) ==
			            0) {
				assert_true(quoted(line, ll, "name", pt->name,
				                   sizeof(pt->name)));
				pt->has_filename = quoted(line, ll, "filename",
				                          pt->filename,
				                          sizeof(pt->filename));
			} else if (ll > 13 &&
			           strncasecmp(line, "Content-Type:", 13) ==
			                   0) {
				const char *v = line + 13;
				while (*v == ' ')
					v++;
				snprintf(pt->content_type,
				         sizeof(pt->content_type), "%.*s",
				         (int)(eol - v), v);
			}
			line = eol + 2;
		}
		pt->data = hdr_end + 4;
		next = find(pt->data, (size_t)(end - pt->data), delim, dlen);
		assert_non_null(next);
		assert_true(next - pt->data >= 2);
		assert_memory_equal(next - 2, "\r\n", 2);
		pt->len = (size_t)(next - 2 - pt->data);
		p = next;
	}
	return n;
}

static const part *part_named(const part *parts, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(parts[i].name, name) == 0)
			return &parts[i];
	}
	fail_msg("no part named %s", name);
	return NULL;
}

/* Check the i-th request is our upload with the given file part. */
static void check_upload(fx *f, size_t i, const char *mime,
                         const char *filename, const void *bytes, size_t len)
{
	gsmock_request *r = gsmock_request_at(f->mock, i);
	part parts[8];
	const part *p;
	size_t n;

	assert_non_null(r);
	assert_string_equal(r->method, "POST");
	assert_string_equal(r->target, "/v1/media");
	assert_string_equal(gsmock_request_header(r, "X-API-Key"), KEY);
	n = parse_multipart(r, parts, 8);
	assert_int_equal(n, 3);
	p = part_named(parts, n, "phone_number_id");
	assert_int_equal(p->len, strlen(PNID));
	assert_memory_equal(p->data, PNID, p->len);
	assert_false(p->has_filename);
	p = part_named(parts, n, "type");
	assert_int_equal(p->len, strlen(mime));
	assert_memory_equal(p->data, mime, p->len);
	p = part_named(parts, n, "file");
	assert_true(p->has_filename);
	assert_string_equal(p->filename, filename);
	assert_string_equal(p->content_type, mime);
	assert_int_equal(p->len, len);
	assert_memory_equal(p->data, bytes, len);
	/* the file part comes last */
	assert_string_equal(parts[2].name, "file");
	gsmock_request_free(r);
}

static const unsigned char png[] = {0x89, 'P',  'N',  'G',  '\r', '\n',
                                    0x1a, '\n', 0x00, 0x00, 0x00, 0x0d,
                                    '-',  '-',  '\r', '\n', 0xff, 0x00};

static void test_media__upload_buffer(void **state)
{
	fx *f = *state;
	gosend_media_result *res = NULL;
	gosend_error *err = NULL;

	assert_int_equal(gosend_media_upload_buffer(&res, f->client, PNID, png,
	                                            sizeof(png), "logo.png",
	                                            "image/png", NULL, &err),
	                 0);
	assert_null(err);
	assert_int_equal(res->struct_version, 1);
	assert_string_equal(res->id, "934567890000001");
	assert_int_equal(res->meta->http_status, 201);
	ts_assert_json_eq(res->raw_json, "{\"id\":\"934567890000001\"}");
	assert_int_equal(gsmock_request_count(f->mock), 1);
	check_upload(f, 0, "image/png", "logo.png", png, sizeof(png));
	gosend_media_result_free(res);

	/* no file name given: "file" */
	assert_int_equal(
	        gosend_media_upload_buffer(&res, f->client, PNID, "%PDF-1.4", 8,
	                                   NULL, "application/pdf", NULL, &err),
	        0);
	assert_string_equal(res->id, "934567890000002");
	check_upload(f, 1, "application/pdf", "file", "%PDF-1.4", 8);
	gosend_media_result_free(res);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void test_media__upload_file(void **state)
{
	fx *f = *state;
	gosend_media_result *res = NULL;
	gosend_error *err = NULL;
	gsmock_request *r;
	unsigned char *big = malloc(300000);
	char path[128];
	size_t i;

	assert_non_null(big);
	for (i = 0; i < 300000; i++)
		big[i] = (unsigned char)(i * 7 + (i >> 8));
	snprintf(path, sizeof(path), "%s/voice note.ogg", scratch_dir(f));
	write_file(path, big, 300000);
	assert_int_equal(gosend_media_upload_file(&res, f->client, PNID, path,
	                                          "audio/ogg; codecs=opus",
	                                          NULL, &err),
	                 0);
	assert_string_equal(res->id, "934567890000001");
	check_upload(f, 0, "audio/ogg; codecs=opus", "voice note.ogg", big,
	             300000);
	/* an upload is not a send: no Idempotency-Key unless given */
	r = gsmock_request_at(f->mock, 0);
	assert_null(gsmock_request_header(r, "Idempotency-Key"));
	gsmock_request_free(r);
	gosend_media_result_free(res);
	unlink(path);

	/* characters unfit for a header are replaced in the sent name */
	snprintf(path, sizeof(path), "%s/a\"b.txt", scratch_dir(f));
	write_file(path, "hello", 5);
	assert_int_equal(gosend_media_upload_file(&res, f->client, PNID, path,
	                                          "text/plain", NULL, &err),
	                 0);
	check_upload(f, 1, "text/plain", "a_b.txt", "hello", 5);
	gosend_media_result_free(res);
	unlink(path);
	free(big);
}

static void test_media__upload_then_send_by_id(void **state)
{
	fx *f = *state;
	gosend_media_result *up = NULL;
	gosend_message_result *sent = NULL;
	gosend_outgoing *m = NULL;
	gsmock_request *r;
	char want[256];

	assert_int_equal(gosend_media_upload_buffer(&up, f->client, PNID, png,
	                                            sizeof(png), "x.png",
	                                            "image/png", NULL, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_media_new(&m, PNID, TO,
	                                           GOSEND_MESSAGE_TYPE_IMAGE,
	                                           NULL, up->id, NULL),
	                 0);
	assert_int_equal(gosend_outgoing_set_caption(m, "Logo", NULL), 0);
	assert_int_equal(gosend_messages_send(&sent, f->client, m, NULL, NULL),
	                 0);
	r = gsmock_request_at(f->mock, 1);
	snprintf(
	        want, sizeof(want),
	        "{\"phone_number_id\":\"555123456789\",\"to\":"
	        "\"5491140123456\",\"type\":\"image\",\"image\":{\"id\":\"%s\","
	        "\"caption\":\"Logo\"}}",
	        up->id);
	ts_assert_json_eq(r->body, want);
	gsmock_request_free(r);
	gosend_message_result_free(sent);
	gosend_outgoing_free(m);
	gosend_media_result_free(up);
}

static void expect_refused(fx *f, int rc, gosend_error *err,
                           gosend_media_result *res, const char *field)
{
	assert_int_equal(rc, GOSEND_EINVAL);
	assert_null(res);
	assert_non_null(err);
	if (!err->field || strcmp(err->field, field) != 0)
		fail_msg("expected field %s, got %s (%s)", field,
		         err->field ? err->field : "(null)", err->message);
	assert_int_equal(err->attempts, 0);
	gosend_error_free(err);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

static void test_media__invalid_input_sends_nothing(void **state)
{
	static const char *const bad_mime[] = {"",
	                                       "image",
	                                       "image/",
	                                       "/png",
	                                       "image/png\r\nX-Evil: 1",
	                                       "image/png\n",
	                                       "image/p ng",
	                                       "image//png",
	                                       "im age/png",
	                                       "image/png;\tq=1",
	                                       "imagé/png"};
	fx *f = *state;
	gosend_media_result *res = (gosend_media_result *)1;
	gosend_error *err = NULL;
	char path[128];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(bad_mime) / sizeof(bad_mime[0]); i++) {
		rc = gosend_media_upload_buffer(&res, f->client, PNID, "x", 1,
		                                NULL, bad_mime[i], NULL, &err);
		expect_refused(f, rc, err, res, "mime_type");
	}
	rc = gosend_media_upload_buffer(&res, f->client, PNID, "x", 1, NULL,
	                                NULL, NULL, &err);
	expect_refused(f, rc, err, res, "mime_type");
	rc = gosend_media_upload_buffer(&res, f->client, PNID, "x", 0, NULL,
	                                "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "data");
	rc = gosend_media_upload_buffer(&res, f->client, PNID, NULL, 4, NULL,
	                                "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "data");
	rc = gosend_media_upload_buffer(&res, f->client, PNID, "x", 1, "a\"b",
	                                "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "filename");
	rc = gosend_media_upload_buffer(&res, f->client, PNID, "x", 1,
	                                "dir/a.png", "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "filename");
	rc = gosend_media_upload_buffer(&res, f->client, PNID, "x", 1, "",
	                                "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "filename");
	rc = gosend_media_upload_buffer(&res, f->client, "", "x", 1, NULL,
	                                "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "phone_number_id");
	rc = gosend_media_upload_buffer(&res, f->client, NULL, "x", 1, NULL,
	                                "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "phone_number_id");
	rc = gosend_media_upload_buffer(&res, NULL, PNID, "x", 1, NULL,
	                                "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "client");

	snprintf(path, sizeof(path), "%s/missing.png", scratch_dir(f));
	rc = gosend_media_upload_file(&res, f->client, PNID, path, "image/png",
	                              NULL, &err);
	expect_refused(f, rc, err, res, "path");
	rc = gosend_media_upload_file(&res, f->client, PNID, scratch_dir(f),
	                              "image/png", NULL, &err);
	expect_refused(f, rc, err, res, "path");
	snprintf(path, sizeof(path), "%s/empty.png", scratch_dir(f));
	write_file(path, "", 0);
	rc = gosend_media_upload_file(&res, f->client, PNID, path, "image/png",
	                              NULL, &err);
	expect_refused(f, rc, err, res, "path");
	unlink(path);
	rc = gosend_media_upload_file(&res, f->client, PNID, NULL, "image/png",
	                              NULL, &err);
	expect_refused(f, rc, err, res, "path");
	rc = gosend_media_upload_file(&res, f->client, PNID, "/etc/hostname",
	                              "image\r\n/png", NULL, &err);
	expect_refused(f, rc, err, res, "mime_type");
	if (geteuid() != 0) {
		snprintf(path, sizeof(path), "%s/secret.png", scratch_dir(f));
		write_file(path, "x", 1);
		assert_int_equal(chmod(path, 0), 0);
		rc = gosend_media_upload_file(&res, f->client, PNID, path,
		                              "image/png", NULL, &err);
		expect_refused(f, rc, err, res, "path");
		unlink(path);
	}
	assert_int_equal(gosend_media_upload_file(NULL, f->client, PNID, path,
	                                          "image/png", NULL, NULL),
	                 GOSEND_EINVAL);
	assert_int_equal(gsmock_request_count(f->mock), 0);
}

static void test_media__server_errors(void **state)
{
	fx *f = *state;
	gosend_media_result *res = (gosend_media_result *)1;
	gosend_error *err = NULL;

	assert_int_equal(
	        gsmock_queue_response(f->mock, 415, NULL, NULL,
	                              "{\"statusCode\":415,\"message\":"
	                              "\"Unsupported\"}"),
	        0);
	assert_int_equal(gosend_media_upload_buffer(&res, f->client, PNID, "x",
	                                            1, NULL, "image/png", NULL,
	                                            &err),
	                 GOSEND_EUNSUPPORTED);
	assert_null(res);
	assert_int_equal(err->http_status, 415);
	gosend_error_free(err);
	/* a 2xx without an id is the media stored, id unknown: no error */
	assert_int_equal(gsmock_queue_response(f->mock, 201, NULL, NULL, "{}"),
	                 0);
	err = NULL;
	assert_int_equal(gosend_media_upload_buffer(&res, f->client, PNID, "x",
	                                            1, NULL, "image/png", NULL,
	                                            &err),
	                 0);
	assert_null(err);
	assert_null(res->id);
	assert_string_equal(res->raw_json, "{}");
	gosend_media_result_free(res);
	/* a POST without Idempotency-Key is not retried once it was sent */
	assert_int_equal(gsmock_queue_response(f->mock, 503, NULL, NULL, "{}"),
	                 0);
	assert_int_equal(gosend_media_upload_buffer(&res, f->client, PNID, "x",
	                                            1, NULL, "image/png", NULL,
	                                            &err),
	                 GOSEND_ESERVER);
	assert_int_equal(err->attempts, 1);
	gosend_error_free(err);
	assert_int_equal(gsmock_request_count(f->mock), 3);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_media__upload_buffer),
	        T(test_media__upload_file),
	        T(test_media__upload_then_send_by_id),
	        T(test_media__invalid_input_sends_nothing),
	        T(test_media__server_errors),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
