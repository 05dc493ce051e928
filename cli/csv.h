/*
 * A streaming reader of CSV files (RFC 4180 and what spreadsheets write)
 * and of plain lines (JSON lines), one record at a time, in bounded memory.
 *
 * CSV: fields are separated by commas; a field may be quoted with '"',
 * then it may hold commas, line breaks and quotes written twice ("").
 * Records end at LF, CR LF or a lone CR outside quotes. A UTF-8 byte order
 * mark at the start of the input is skipped. Empty lines are skipped.
 * Lines mode (CSV_LINES): each non-empty line is one record of one field,
 * taken as is (no quoting, no commas), its line break (LF, CR LF or CR)
 * removed.
 *
 * A record in error (a quote inside an unquoted field, text after a
 * closing quote, end of input inside quotes, a NUL byte, more than
 * `max_record` bytes) is still returned, with its status and line number
 * and no fields, and reading goes on with the next record; the bytes of an
 * overlong record are skipped, not kept.
 *
 * Nothing here depends on the rest of the program (the fuzz target and the
 * unit tests use it alone). Not thread-safe; one reader per input.
 */
#ifndef GOSENDAPI_CLI_CSV_H
#define GOSENDAPI_CLI_CSV_H

#include <stddef.h>
#include <stdio.h>

/* Reads up to `cap` bytes into buf: the count, 0 at the end, -1 on a read
 * error. */
typedef long (*csv_read_fn)(char *buf, size_t cap, void *payload);

/* Reader flags. */
enum { CSV_LINES = 1 };

/* Status of one record. */
enum csv_status {
	CSV_OK = 0,
	CSV_EQUOTE,    /* a quote inside an unquoted field, or text after a
	                  closing quote */
	CSV_EEOFQUOTE, /* the input ended inside a quoted field */
	CSV_ENUL,      /* a NUL byte */
	CSV_ETOOLONG   /* longer than max_record bytes */
};

/* Failures of csv_next(). */
enum { CSV_ERR_NOMEM = -1, CSV_ERR_READ = -2 };

typedef struct csv_record {
	int status;         /* enum csv_status */
	unsigned long line; /* line of the input where it starts, from 1 */
	size_t nfields;     /* 0 unless status is CSV_OK */
	char **fields;      /* NUL-terminated, valid until the next call */
	const size_t *lens; /* their lengths */
	size_t bytes;       /* bytes of the record (up to max_record + 1) */
} csv_record;

typedef struct csv_reader csv_reader;

/* A reader on `read`; records longer than max_record bytes (separators
 * included, line break excluded) are CSV_ETOOLONG. NULL when out of
 * memory. */
csv_reader *csv_new(csv_read_fn read, void *payload, size_t max_record,
                    unsigned int flags);
/* A reader on a stdio stream (not closed by csv_free). */
csv_reader *csv_new_file(FILE *f, size_t max_record, unsigned int flags);
void csv_free(csv_reader *r);

/* The next record: 1 with *rec set, 0 at the end of the input,
 * CSV_ERR_NOMEM or CSV_ERR_READ. */
int csv_next(csv_reader *r, csv_record *rec);

/* Bytes consumed from the input so far. */
unsigned long long csv_offset(const csv_reader *r);

/* A short English text for a status ("a quote inside an unquoted
 * field"). */
const char *csv_status_text(int status);

#endif
