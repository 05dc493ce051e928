/*
 * The printer of JSON values (json/value.h, gosend__jv_print and
 * gosend__jv_body): every request body is its output. It writes what
 * cJSON_PrintUnformatted writes for every string, key, container, literal
 * and raw member, and numbers that read back as the same double (where
 * cJSON's 15 digits are only nearly the same, it takes 17), whatever the
 * locale.
 */
#include "testsupport.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json/value.h"

static size_t rounded; /* fixtures where cJSON's text rounds a number */

/* Ours and cJSON's text of v, the same; v is freed. */
static void same_as_cjson(gosend__jv *v, const char *what)
{
	char *ours = gosend__jv_print(v);
	char *theirs = cJSON_PrintUnformatted((const cJSON *)(const void *)v);

	assert_non_null(ours);
	assert_non_null(theirs);
	if (strcmp(ours, theirs) != 0)
		fail_msg("%s: ours %s, cJSON %s", what, ours, theirs);
	cJSON_free(theirs);
	free(ours);
	gosend__jv_free(v);
}

static void text_as_cjson(const char *text)
{
	gosend__jv *v = gosend__jv_parse(text, strlen(text));

	if (!v)
		fail_msg("cJSON refused %s", text);
	same_as_cjson(v, text);
}

static void test_jprint__shapes(void **state)
{
	static const char *const texts[] = {
	        "{}",
	        "[]",
	        "\"\"",
	        "true",
	        "false",
	        "null",
	        "0",
	        "-7",
	        "{\"a\":{},\"b\":[],\"c\":[{}],\"d\":[[]]}",
	        "[1,\"two\",true,false,null,{\"x\":[3]}]",
	        "{\"messaging_product\":\"whatsapp\",\"to\":\"5491140123456\","
	        "\"type\":\"text\",\"text\":{\"preview_url\":false,"
	        "\"body\":\"hola\"}}",
	        "{\"k\\\"ey\":\"v\\\\al\",\"sl/ash\":\"a/b\"}",
	        "{\"esc\":\"\\b\\f\\n\\r\\t\\u0001\\u001f \\u007f\"}",
	        "{\"utf8\":\"\\u00e9\\u4e2d\\ud83d\\ude00 ok\"}",
	        "{\"dup\":1,\"dup\":2}",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		text_as_cjson(texts[i]);
}

/* Each byte 1-255 alone, at the start, middle and end of a string and
 * of a key: the escapes and the runs between them. */
static void test_jprint__every_byte(void **state)
{
	unsigned int ch;
	(void)state;
	for (ch = 1; ch < 256; ch++) {
		char s[16], alone[2] = {(char)ch, 0}, what[32];
		gosend__jv *o = gosend__jv_object();

		/* "XabXcdX" as key and value, X the byte */
		snprintf(s, sizeof(s), "%cab%ccd%c", (int)ch, (int)ch, (int)ch);
		assert_int_equal(gosend__jv_set_str(o, s, s), 0);
		assert_int_equal(gosend__jv_set_str(o, "alone", alone), 0);
		snprintf(what, sizeof(what), "byte %u", ch);
		same_as_cjson(o, what);
	}
}

/* A raw member goes as it is; so does a long string (runs past the
 * buffer's first size). */
static void test_jprint__raw_and_long(void **state)
{
	gosend__jv *o = gosend__jv_object();
	size_t n = 100000, i;
	char *big = malloc(n + 1);
	(void)state;
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = (char)(i % 97 == 0 ? '\n' : 'a' + (int)(i % 26));
	big[n] = '\0';
	assert_int_equal(
	        gosend__jv_set(o, "raw", gosend__jv_raw("{\"a\":[1]}")), 0);
	assert_int_equal(gosend__jv_set_str(o, "big", big), 0);
	same_as_cjson(o, "raw and long");
	free(big);
}

/* The text of one number. */
static char *number_text(double d)
{
	gosend__jv *v = gosend__jv_number(d);
	char *t;

	assert_non_null(v);
	t = gosend__jv_print(v);
	gosend__jv_free(v);
	assert_non_null(t);
	return t;
}

static const double numbers[] = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        1.5,
        0.1,
        1.0 / 3.0,
        0.1 + 0.2,
        2147483647.0,
        2147483648.0,
        -2147483648.0,
        -2147483649.0,
        1e21,
        1e300,
        -1e-300,
        5e-324,
        123456789.123,
        1.7976931348623157e308,
        9007199254740993.0,
        -33.8688,
        151.2093,
};

/* Numbers read back as the same double, ints as ints; where cJSON's
 * text reads back exactly, ours is that text. */
static void test_jprint__numbers(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		double d = numbers[i];
		char *t = number_text(d);
		cJSON *j = cJSON_CreateNumber(d);
		char *theirs = cJSON_PrintUnformatted(j);

		if (strtod(t, NULL) != d)
			fail_msg("%.17g printed as %s", d, t);
		if (d == 0) { /* -0 too: an int, as cJSON 1.7.16 and later */
			assert_string_equal(t, "0");
			cJSON_free(theirs);
			cJSON_Delete(j);
			free(t);
			continue;
		}
		if (d == floor(d) && fabs(d) < 2147483648.0)
			assert_null(strpbrk(t, ".eE"));
		if (strtod(theirs, NULL) == d)
			assert_string_equal(t, theirs);
		cJSON_free(theirs);
		cJSON_Delete(j);
		free(t);
	}
}

/* What is no JSON value fails the print (NULL), as cJSON's: a raw
 * member without text, a node of no type. */
static void test_jprint__not_json(void **state)
{
	gosend__jv *o = gosend__jv_object();
	cJSON *bad = cJSON_CreateNull();
	(void)state;
	assert_int_equal(gosend__jv_set(o, "r", gosend__jv_raw("")), 0);
	assert_null(gosend__jv_print(o));
	gosend__jv_free(o);
	o = gosend__jv_object();
	assert_non_null(bad);
	bad->type = cJSON_Invalid;
	assert_int_equal(gosend__jv_set(o, "x", (gosend__jv *)(void *)bad), 0);
	assert_null(gosend__jv_print(o));
	gosend__jv_free(o);
}

/* Not a finite number: null, as cJSON. */
static void test_jprint__not_finite(void **state)
{
	char *t;
	(void)state;
	t = number_text(NAN);
	assert_string_equal(t, "null");
	free(t);
	t = number_text(INFINITY);
	assert_string_equal(t, "null");
	free(t);
	t = number_text(-INFINITY);
	assert_string_equal(t, "null");
	free(t);
}

/* A program that set a comma-decimal locale still sends JSON numbers. */
static void test_jprint__locale(void **state)
{
	char *t;
	(void)state;
	ts_comma_locale();
	t = number_text(-33.8688);
	setlocale(LC_NUMERIC, "C");
	assert_string_equal(t, "-33.8688");
	free(t);
}

/* gosend__jv_body: the text and its length, the value freed; NULL and a
 * failed build give -1. */
static void test_jprint__body(void **state)
{
	gosend__jv *o = gosend__jv_object();
	char *body = (char *)&body;
	size_t len = 99;
	(void)state;
	assert_int_equal(gosend__jv_set_str(o, "a", "b\n"), 0);
	assert_int_equal(gosend__jv_body(o, 1, &body, &len), 0);
	assert_string_equal(body, "{\"a\":\"b\\n\"}");
	assert_int_equal(len, strlen(body));
	free(body);
	assert_int_equal(gosend__jv_body(gosend__jv_object(), 0, &body, &len),
	                 -1);
	assert_null(body);
	assert_int_equal(len, 0);
	assert_int_equal(gosend__jv_body(NULL, 1, &body, &len), -1);
	assert_null(body);
	assert_null(gosend__jv_print(NULL));
}

/* Whether a and b are alike, their numbers equal to the bit. */
static int same_tree(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	if ((a->type & 0xFF) != (b->type & 0xFF) || !a->string != !b->string ||
	    (a->string && strcmp(a->string, b->string) != 0) ||
	    (cJSON_IsNumber(a) && a->valuedouble != b->valuedouble) ||
	    (cJSON_IsString(a) && strcmp(a->valuestring, b->valuestring) != 0))
		return 0;
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next) {
		if (!same_tree(x, y))
			return 0;
	}
	return !x && !y;
}

/* Whether text reads back as v, to the bit. */
static int reads_back(const char *text, const gosend__jv *v)
{
	cJSON *back = cJSON_Parse(text);
	int same;

	assert_non_null(back);
	same = same_tree(back, (const cJSON *)(const void *)v);
	cJSON_Delete(back);
	return same;
}

/* Ours is cJSON's text, or differs only where cJSON rounded a number to
 * 15 digits that read back as another double: ours reads back as v to
 * the bit, cJSON's does not. v is freed. */
static void same_but_rounding(gosend__jv *v, const char *what)
{
	char *ours = gosend__jv_print(v);
	char *theirs = cJSON_PrintUnformatted((const cJSON *)(const void *)v);

	assert_non_null(ours);
	assert_non_null(theirs);
	if (!reads_back(ours, v))
		fail_msg("%s: ours does not read back: %s", what, ours);
	if (strcmp(ours, theirs) != 0) {
		if (reads_back(theirs, v))
			fail_msg("%s: ours %s, cJSON %s", what, ours, theirs);
		rounded++;
	}
	cJSON_free(theirs);
	free(ours);
	gosend__jv_free(v);
}

static void fixture_printed(const char *rel, const char *text, size_t len,
                            void *arg)
{
	gosend__jv *v = gosend__jv_parse(text, len);
	if (v) {
		same_but_rounding(v, rel);
		++*(size_t *)arg;
	}
}

/* Every JSON fixture of the test suite, parsed by cJSON, prints as cJSON
 * prints it. */
static void test_jprint__fixtures(void **state)
{
	size_t seen = 0;
	(void)state;
	ts_each_json_fixture(fixture_printed, &seen);
	assert_true(seen > 10);
	print_message("fixtures: %zu printed, %zu where cJSON rounds a "
	              "number\n",
	              seen, rounded);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_jprint__shapes),
	        cmocka_unit_test(test_jprint__every_byte),
	        cmocka_unit_test(test_jprint__raw_and_long),
	        cmocka_unit_test(test_jprint__numbers),
	        cmocka_unit_test(test_jprint__not_finite),
	        cmocka_unit_test(test_jprint__not_json),
	        cmocka_unit_test(test_jprint__locale),
	        cmocka_unit_test(test_jprint__body),
	        cmocka_unit_test(test_jprint__fixtures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
