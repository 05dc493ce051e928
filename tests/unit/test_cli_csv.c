/* The command-line tool's CSV and lines reader (cli/csv.c): quoting,
 * separators and line breaks inside quotes, byte order mark, CR LF, empty
 * lines, overlong and malformed records, line numbers, and input given in
 * pieces of every size. */
#include "testsupport.h"

#include <stdlib.h>
#include <string.h>

#include "../../cli/csv.h"

/* An input in memory, handed out `step` bytes at a time. */
typedef struct mem_in {
	const char *p;
	size_t len, pos, step;
	int fail_at_end;
} mem_in;

static long mem_read(char *buf, size_t cap, void *payload)
{
	mem_in *m = payload;
	size_t n = m->len - m->pos;

	if (n == 0)
		return m->fail_at_end ? -1 : 0;
	if (n > m->step)
		n = m->step;
	if (n > cap)
		n = cap;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (long)n;
}

/* One expected record: status, line and, when ok, fields joined by '|'. */
typedef struct want {
	int status;
	unsigned long line;
	const char *joined;
} want;

static char *join(const csv_record *rec)
{
	size_t i, n = 1;
	char *s, *o;

	for (i = 0; i < rec->nfields; i++)
		n += rec->lens[i] + 1;
	s = malloc(n);
	assert_non_null(s);
	o = s;
	for (i = 0; i < rec->nfields; i++) {
		assert_int_equal(strlen(rec->fields[i]), rec->lens[i]);
		if (i)
			*o++ = '|';
		memcpy(o, rec->fields[i], rec->lens[i]);
		o += rec->lens[i];
	}
	*o = '\0';
	return s;
}

/* Read `text` with every piece size from 1 to 7 and whole, and compare
 * with `w` (ended by a NULL joined with status -1). */
static void check_with(const char *text, size_t len, size_t max,
                       unsigned int flags, const want *w)
{
	static const size_t steps[] = {1, 2, 3, 5, 7, (size_t)-1};
	size_t s;

	for (s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
		mem_in m = {text, len, 0, steps[s], 0};
		csv_reader *r = csv_new(mem_read, &m, max, flags);
		csv_record rec;
		const want *x;
		int rc;

		assert_non_null(r);
		for (x = w; x->status >= 0; x++) {
			rc = csv_next(r, &rec);
			if (rc != 1)
				fail_msg("step %zu: record %zu missing (%d)",
				         steps[s], (size_t)(x - w), rc);
			assert_int_equal(rec.status, x->status);
			assert_int_equal(rec.line, x->line);
			if (x->status == CSV_OK) {
				char *got = join(&rec);
				if (strcmp(got, x->joined) != 0)
					fail_msg("step %zu: got '%s', want "
					         "'%s'",
					         steps[s], got, x->joined);
				free(got);
			} else {
				assert_int_equal(rec.nfields, 0);
			}
		}
		assert_int_equal(csv_next(r, &rec), 0);
		assert_int_equal(csv_next(r, &rec), 0);
		assert_int_equal(csv_offset(r), len);
		csv_free(r);
	}
}

static void check(const char *text, const want *w)
{
	check_with(text, strlen(text), 1024, 0, w);
}

#define END                 \
	{                   \
		-1, 0, NULL \
	}

static void test_csv__plain_fields(void **state)
{
	static const want w[] = {{CSV_OK, 1, "to|param1|param2"},
	                         {CSV_OK, 2, "5491140123456|Juan|20/05"},
	                         {CSV_OK, 3, "a||"},
	                         {CSV_OK, 4, "|"},
	                         {CSV_OK, 5, " spaced | kept "},
	                         END};
	(void)state;
	check("to,param1,param2\n5491140123456,Juan,20/05\na,,\n,\n"
	      " spaced , kept \n",
	      w);
}

static void test_csv__quoted_fields(void **state)
{
	static const want w[] = {{CSV_OK, 1, "a,b|say \"hi\"|"},
	                         {CSV_OK, 2, "line one\nline two|x"},
	                         {CSV_OK, 4, "crlf\r\ninside|y"},
	                         {CSV_OK, 6, "\"|,"},
	                         END};
	(void)state;
	check("\"a,b\",\"say \"\"hi\"\"\",\"\"\n"
	      "\"line one\nline two\",x\n"
	      "\"crlf\r\ninside\",y\n"
	      "\"\"\"\",\",\"\n",
	      w);
}

static void test_csv__bom_crlf_empty_lines(void **state)
{
	static const want w[] = {{CSV_OK, 1, "to|param1"},
	                         {CSV_OK, 3, "1|a"},
	                         {CSV_OK, 6, "2|b"},
	                         {CSV_OK, 7, "3|c"},
	                         END};
	(void)state;
	check("\xef\xbb\xbfto,param1\r\n\r\n1,a\r\n\n\r2,b\r3,c", w);
}

static void test_csv__bom_only_at_start(void **state)
{
	static const want w[] = {{CSV_OK, 1, "a"},
	                         {CSV_OK, 2,
	                          "\xef\xbb\xbf"
	                          "b"},
	                         END};
	static const want one[] = {{CSV_OK, 1, "\xef\xbb"}, END};
	(void)state;
	check("\xef\xbb\xbf"
	      "a\n\xef\xbb\xbf"
	      "b\n",
	      w);
	check("\xef\xbb", one); /* a partial mark is data */
	check("\xef\xbb\xbf", (const want[]){END});
	check("", (const want[]){END});
	check("\n\r\n\r", (const want[]){END});
}

static void test_csv__bad_quotes(void **state)
{
	static const want w[] = {{CSV_EQUOTE, 1, NULL},
	                         {CSV_EQUOTE, 2, NULL},
	                         {CSV_OK, 3, "fine|row"},
	                         {CSV_EEOFQUOTE, 4, NULL},
	                         END};
	(void)state;
	check("ab\"c,d\n\"ab\"c,d\nfine,row\n\"never closed,\nx,y\n", w);
}

static void test_csv__nul_byte(void **state)
{
	static const char text[] = "a,b\x00x\nc,d\n";
	static const want w[] = {{CSV_ENUL, 1, NULL}, {CSV_OK, 2, "c|d"}, END};
	(void)state;
	check_with(text, sizeof(text) - 1, 1024, 0, w);
}

static void test_csv__too_long_records_are_skipped(void **state)
{
	const size_t big = 1024 * 1024;
	char *text = malloc(big + 128);
	size_t n = 0;
	static const want w[] = {{CSV_OK, 1, "to|param1"},
	                         {CSV_ETOOLONG, 2, NULL},
	                         {CSV_ETOOLONG, 3, NULL},
	                         {CSV_OK, 5, "1|ok"},
	                         END};
	(void)state;
	assert_non_null(text);
	n += (size_t)sprintf(text + n, "to,param1\n1,");
	memset(text + n, 'x', big);
	n += big;
	/* a quoted field with a line break, over the limit */
	n += (size_t)sprintf(text + n, "\n\"%040d\n\",a\n1,ok\n", 0);
	check_with(text, n, 40, 0, w);
	free(text);
}

static void test_csv__limit_is_exact(void **state)
{
	static const want w[] = {
	        {CSV_OK, 1, "abc|d"}, {CSV_ETOOLONG, 2, NULL}, END};
	(void)state;
	check_with("abc,d\nabc,de\n", 13, 5, 0, w);
}

static void test_csv__lines_mode(void **state)
{
	static const char text[] = "{\"a\":\"x,\\\"y\\\"\"}\r\n\n"
	                           "  \n\"quoted\",\"not split\"\n"
	                           "0123456789012345678901\nlast";
	static const want w[] = {{CSV_OK, 1, "{\"a\":\"x,\\\"y\\\"\"}"},
	                         {CSV_OK, 3, "  "},
	                         {CSV_OK, 4, "\"quoted\",\"not split\""},
	                         {CSV_ETOOLONG, 5, NULL},
	                         {CSV_OK, 6, "last"},
	                         END};
	(void)state;
	check_with(text, sizeof(text) - 1, 20, CSV_LINES, w);
}

static void test_csv__read_error(void **state)
{
	mem_in m = {"a,b\nc", 5, 0, 100, 1};
	csv_reader *r = csv_new(mem_read, &m, 100, 0);
	csv_record rec;

	(void)state;
	assert_non_null(r);
	assert_int_equal(csv_next(r, &rec), 1);
	assert_int_equal(rec.nfields, 2);
	assert_int_equal(csv_next(r, &rec), CSV_ERR_READ);
	csv_free(r);
	csv_free(NULL);
}

static void test_csv__status_text(void **state)
{
	(void)state;
	assert_string_equal(csv_status_text(CSV_ETOOLONG),
	                    "the record is too long");
	assert_string_equal(csv_status_text(CSV_EEOFQUOTE),
	                    "the file ends inside a quoted field");
	assert_string_equal(csv_status_text(99), "unknown status");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_csv__plain_fields),
	        cmocka_unit_test(test_csv__quoted_fields),
	        cmocka_unit_test(test_csv__bom_crlf_empty_lines),
	        cmocka_unit_test(test_csv__bom_only_at_start),
	        cmocka_unit_test(test_csv__bad_quotes),
	        cmocka_unit_test(test_csv__nul_byte),
	        cmocka_unit_test(test_csv__too_long_records_are_skipped),
	        cmocka_unit_test(test_csv__limit_is_exact),
	        cmocka_unit_test(test_csv__lines_mode),
	        cmocka_unit_test(test_csv__read_error),
	        cmocka_unit_test(test_csv__status_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
