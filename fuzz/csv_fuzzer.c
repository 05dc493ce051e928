/* Fuzz the command-line tool's CSV and lines reader (cli/csv.c): the first
 * byte picks the mode and the record limit, the rest is the file. Checks
 * that records are the same whether the input comes whole or a few bytes
 * at a time, that fields are what their lengths say, that line numbers
 * grow, that no kept record is over the limit and that every byte is
 * consumed. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct piece_in {
	const uint8_t *p;
	size_t len, pos, step;
} piece_in;

static long piece_read(char *buf, size_t cap, void *payload)
{
	piece_in *m = payload;
	size_t n = m->len - m->pos;

	if (n > m->step)
		n = m->step;
	if (n > cap)
		n = cap;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (long)n;
}

/* A digest of every record (FNV-1a over status, line and fields). */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n--)
		h = (h ^ *s++) * 1099511628211ULL;
	return h;
}

static uint64_t digest(const uint8_t *data, size_t size, size_t step,
                       size_t max, unsigned int flags)
{
	piece_in m = {data, size, 0, step};
	csv_reader *r = csv_new(piece_read, &m, max, flags);
	csv_record rec;
	uint64_t h = 14695981039346656037ULL;
	unsigned long last_line = 0;
	size_t i;
	int rc;

	if (!r)
		return 0;
	while ((rc = csv_next(r, &rec)) == 1) {
		if (rec.line < last_line || rec.line == 0)
			__builtin_trap();
		last_line = rec.line;
		if (rec.status == CSV_OK &&
		    (rec.nfields == 0 || rec.bytes > max))
			__builtin_trap();
		if (rec.status != CSV_OK && rec.nfields != 0)
			__builtin_trap();
		if ((flags & CSV_LINES) && rec.status == CSV_OK &&
		    (rec.nfields != 1 || rec.lens[0] != rec.bytes))
			__builtin_trap();
		h = mix(h, &rec.status, sizeof(rec.status));
		h = mix(h, &rec.line, sizeof(rec.line));
		for (i = 0; i < rec.nfields; i++) {
			if (strlen(rec.fields[i]) != rec.lens[i] ||
			    rec.lens[i] > rec.bytes)
				__builtin_trap();
			h = mix(h, rec.fields[i], rec.lens[i] + 1);
		}
	}
	if (rc != 0 || csv_offset(r) != size)
		__builtin_trap();
	csv_free(r);
	return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int flags;
	size_t max;

	if (size < 1)
		return 0;
	flags = data[0] & 1 ? CSV_LINES : 0;
	max = (size_t)(data[0] >> 1) * 4 + 1;
	data++;
	size--;
	if (digest(data, size, size ? size : 1, max, flags) !=
	    digest(data, size, 3, max, flags))
		__builtin_trap();
	return 0;
}
