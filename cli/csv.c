/*
 * The CSV and lines reader: a byte-at-a-time state machine over a buffered
 * input, the record's fields kept NUL-terminated one after the other in
 * one buffer (at most max_record bytes of input are kept).
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"

#define CSV_INPUT_CHUNK 65536

/* Where the machine is inside a record. */
enum {
	ST_START,  /* at the start of a field */
	ST_PLAIN,  /* inside an unquoted field */
	ST_QUOTED, /* inside a quoted field */
	ST_QEND    /* after a quote inside a quoted field */
};

struct csv_reader {
	csv_read_fn read;
	void *payload;
	size_t max;
	unsigned int flags;
	/* input */
	char *in;
	size_t in_len, in_pos;
	int eof, rerr, started;
	unsigned long line;
	unsigned long long offset;
	/* the record being read */
	char *buf;
	size_t len, cap, field_start;
	size_t *starts, *lens;
	char **fields;
	size_t nf, fcap;
	int status, nomem;
	size_t bytes;
};

static long file_read(char *buf, size_t cap, void *payload)
{
	FILE *f = payload;
	size_t n = fread(buf, 1, cap, f);

	if (n == 0 && ferror(f))
		return -1;
	return (long)n;
}

csv_reader *csv_new(csv_read_fn read, void *payload, size_t max_record,
                    unsigned int flags)
{
	csv_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->in = malloc(CSV_INPUT_CHUNK);
	if (!r->in) {
		free(r);
		return NULL;
	}
	r->read = read;
	r->payload = payload;
	r->max = max_record;
	r->flags = flags;
	r->line = 1;
	return r;
}

csv_reader *csv_new_file(FILE *f, size_t max_record, unsigned int flags)
{
	return csv_new(file_read, f, max_record, flags);
}

void csv_free(csv_reader *r)
{
	if (!r)
		return;
	free(r->in);
	free(r->buf);
	free(r->starts);
	free(r->lens);
	free(r->fields);
	free(r);
}

unsigned long long csv_offset(const csv_reader *r)
{
	return r->offset;
}

const char *csv_status_text(int status)
{
	switch (status) {
	case CSV_OK:
		return "ok";
	case CSV_EQUOTE:
		return "a quote inside an unquoted field, or text after a "
		       "closing quote";
	case CSV_EEOFQUOTE:
		return "the file ends inside a quoted field";
	case CSV_ENUL:
		return "a NUL byte";
	case CSV_ETOOLONG:
		return "the record is too long";
	default:
		return "unknown status";
	}
}

/* Read more input after what is buffered; 0 at the end or on error. */
static size_t fill(csv_reader *r)
{
	long n;

	if (r->eof)
		return 0;
	if (r->in_pos == r->in_len)
		r->in_pos = r->in_len = 0;
	n = r->read(r->in + r->in_len, CSV_INPUT_CHUNK - r->in_len, r->payload);
	if (n <= 0) {
		r->eof = 1;
		r->rerr = n < 0;
		return 0;
	}
	r->in_len += (size_t)n;
	return (size_t)n;
}

/* The next byte, or -1 at the end. */
static int peek(csv_reader *r)
{
	if (r->in_pos == r->in_len && !fill(r))
		return -1;
	return (unsigned char)r->in[r->in_pos];
}

static int next_byte(csv_reader *r)
{
	int c = peek(r);

	if (c >= 0) {
		r->in_pos++;
		r->offset++;
	}
	return c;
}

/* Skip a UTF-8 byte order mark at the very start. */
static void skip_bom(csv_reader *r)
{
	r->started = 1;
	while (r->in_len < 3 && fill(r))
		;
	if (r->in_len >= 3 && memcmp(r->in, "\xef\xbb\xbf", 3) == 0) {
		r->in_pos = 3;
		r->offset = 3;
	}
}

static void set_status(csv_reader *r, int status)
{
	if (r->status == CSV_OK)
		r->status = status;
}

/* Keep one byte of the current field (nothing once the record failed). */
static void put(csv_reader *r, int c)
{
	if (r->status != CSV_OK || r->nomem)
		return;
	if (r->len == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 256;
		char *nb = realloc(r->buf, ncap);

		if (!nb) {
			r->nomem = 1;
			return;
		}
		r->buf = nb;
		r->cap = ncap;
	}
	r->buf[r->len++] = (char)c;
}

/* End the current field. */
static void end_field(csv_reader *r)
{
	if (r->status != CSV_OK || r->nomem)
		return;
	if (r->nf == r->fcap) {
		size_t ncap = r->fcap ? r->fcap * 2 : 16;
		size_t *ns = realloc(r->starts, ncap * sizeof(*ns));
		size_t *nl;
		char **nfl;

		if (ns)
			r->starts = ns;
		nl = ns ? realloc(r->lens, ncap * sizeof(*nl)) : NULL;
		if (nl)
			r->lens = nl;
		nfl = nl ? realloc(r->fields, ncap * sizeof(*nfl)) : NULL;
		if (!nfl) {
			r->nomem = 1;
			return;
		}
		r->fields = nfl;
		r->fcap = ncap;
	}
	r->starts[r->nf] = r->field_start;
	r->lens[r->nf] = r->len - r->field_start;
	put(r, '\0');
	r->nf++;
	r->field_start = r->len;
}

/* One byte of a CSV record outside the line-break handling; returns the
 * new state. */
static int csv_byte(csv_reader *r, int state, int c)
{
	switch (state) {
	case ST_START:
		if (c == '"')
			return ST_QUOTED;
		if (c == ',') {
			end_field(r);
			return ST_START;
		}
		put(r, c);
		return ST_PLAIN;
	case ST_PLAIN:
		if (c == ',') {
			end_field(r);
			return ST_START;
		}
		if (c == '"')
			set_status(r, CSV_EQUOTE);
		put(r, c);
		return ST_PLAIN;
	case ST_QUOTED:
		if (c == '"')
			return ST_QEND;
		if (c == '\n' || (c == '\r' && peek(r) != '\n'))
			r->line++;
		put(r, c);
		return ST_QUOTED;
	default: /* ST_QEND */
		if (c == '"') {
			put(r, '"');
			return ST_QUOTED;
		}
		if (c == ',') {
			end_field(r);
			return ST_START;
		}
		set_status(r, CSV_EQUOTE);
		put(r, c);
		return ST_PLAIN;
	}
}

static void start_record(csv_reader *r)
{
	r->len = r->field_start = r->nf = r->bytes = 0;
	r->status = CSV_OK;
}

/* Fill rec from the finished record. */
static void give(csv_reader *r, csv_record *rec)
{
	size_t i;

	rec->status = r->status;
	rec->bytes = r->bytes;
	rec->nfields = 0;
	rec->fields = NULL;
	rec->lens = NULL;
	if (r->status != CSV_OK)
		return;
	for (i = 0; i < r->nf; i++)
		r->fields[i] = r->buf + r->starts[i];
	rec->nfields = r->nf;
	rec->fields = r->fields;
	rec->lens = r->lens;
}

int csv_next(csv_reader *r, csv_record *rec)
{
	int state = ST_START, any = 0, c;
	int lines = (r->flags & CSV_LINES) != 0;

	memset(rec, 0, sizeof(*rec));
	if (!r->started)
		skip_bom(r);
	start_record(r);
	rec->line = r->line;
	for (;;) {
		c = next_byte(r);
		if (c < 0) {
			if (r->rerr)
				return CSV_ERR_READ;
			if (!any)
				return 0;
			if (state == ST_QUOTED)
				set_status(r, CSV_EEOFQUOTE);
			break;
		}
		if ((c == '\n' || c == '\r') && (lines || state != ST_QUOTED)) {
			if (c == '\r' && peek(r) == '\n')
				next_byte(r);
			r->line++;
			if (any)
				break;
			rec->line = r->line; /* an empty line: skipped */
			continue;
		}
		any = 1;
		if (r->bytes <= r->max && ++r->bytes > r->max)
			set_status(r, CSV_ETOOLONG);
		if (c == 0)
			set_status(r, CSV_ENUL);
		if (lines)
			put(r, c);
		else
			state = csv_byte(r, state, c);
	}
	end_field(r);
	if (r->nomem)
		return CSV_ERR_NOMEM;
	give(r, rec);
	return 1;
}
