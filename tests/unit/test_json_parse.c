/*
 * The read-only JSON document (json/parse.h): every value kind, nesting,
 * escapes and surrogates, each class of bad input, the depth limit,
 * numbers (exact, huge, locale-independent), spans, keys, counts, and a
 * failing allocation.
 */
#define _GNU_SOURCE /* __libc_malloc */
#include "testsupport.h"

#include <pthread.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json/decode.h"
#include "json/parse.h"

/* The parser's results are the decoders' own. */
_Static_assert(GOSEND__JP_OK == GOSEND__DECODE_OK, "same codes");
_Static_assert(GOSEND__JP_NOMEM == GOSEND__DECODE_NOMEM, "same codes");
_Static_assert(GOSEND__JP_BAD == GOSEND__DECODE_BAD, "same codes");

static gosend__jdoc *parse_ok(const char *text, size_t len)
{
	gosend__jdoc *d = NULL;
	assert_int_equal(gosend__jdoc_parse(&d, text, len), GOSEND__JP_OK);
	assert_non_null(d);
	assert_non_null(gosend__jdoc_root(d));
	return d;
}

static gosend__jdoc *parse_s(const char *text)
{
	return parse_ok(text, strlen(text));
}

static int parse_rc(const char *text, size_t len)
{
	gosend__jdoc *d = (gosend__jdoc *)&d;
	int r = gosend__jdoc_parse(&d, text, len);
	if (r != GOSEND__JP_OK)
		assert_null(d);
	gosend__jdoc_free(d);
	return r;
}

#define BAD(s)     assert_int_equal(parse_rc(s, strlen(s)), GOSEND__JP_BAD)
#define BADN(s, n) assert_int_equal(parse_rc(s, n), GOSEND__JP_BAD)

static double num_of(const char *text)
{
	gosend__jdoc *d = parse_s(text);
	double v = 0;
	assert_int_equal(gosend__jn_num(gosend__jdoc_root(d), &v), 1);
	gosend__jdoc_free(d);
	return v;
}

static void test_jp__scalars(void **state)
{
	gosend__jdoc *d;
	double v = 0;
	(void)state;
	d = parse_s("null");
	assert_int_equal(gosend__jn_type(gosend__jdoc_root(d)),
	                 GOSEND__JN_NULL);
	gosend__jdoc_free(d);
	d = parse_s(" \t\r\ntrue\n ");
	assert_int_equal(gosend__jn_type(gosend__jdoc_root(d)),
	                 GOSEND__JN_TRUE);
	gosend__jdoc_free(d);
	d = parse_s("false");
	assert_int_equal(gosend__jn_type(gosend__jdoc_root(d)),
	                 GOSEND__JN_FALSE);
	gosend__jdoc_free(d);
	d = parse_s("\"hi\"");
	assert_int_equal(gosend__jn_type(gosend__jdoc_root(d)),
	                 GOSEND__JN_STRING);
	assert_string_equal(gosend__jn_str(gosend__jdoc_root(d)), "hi");
	assert_int_equal(gosend__jn_str_len(gosend__jdoc_root(d)), 2);
	assert_int_equal(gosend__jn_count(gosend__jdoc_root(d)), 0);
	assert_null(gosend__jn_first(gosend__jdoc_root(d)));
	assert_null(gosend__jn_key(gosend__jdoc_root(d)));
	gosend__jdoc_free(d);
	d = parse_s("-12.5e1");
	assert_int_equal(gosend__jn_type(gosend__jdoc_root(d)),
	                 GOSEND__JN_NUMBER);
	assert_null(gosend__jn_str(gosend__jdoc_root(d)));
	gosend__jdoc_free(d);
	assert_true(num_of("-12.5e1") == -125.0);
	/* the input needs no terminator: only len bytes are read */
	d = parse_ok("12345", 2);
	assert_int_equal(gosend__jn_num(gosend__jdoc_root(d), &v), 1);
	assert_true(v == 12.0);
	gosend__jdoc_free(d);
}

static void test_jp__containers(void **state)
{
	const char *t = "{\"a\":[1,\"x\",{},[],null],\"b\":{\"c\":true},"
	                "\"d\":false}";
	gosend__jdoc *d = parse_s(t);
	const gosend__jn *r = gosend__jdoc_root(d), *a, *e;
	double v;
	(void)state;
	assert_int_equal(gosend__jn_type(r), GOSEND__JN_OBJECT);
	assert_int_equal(gosend__jn_count(r), 3);
	a = gosend__jn_get(r, "a");
	assert_int_equal(gosend__jn_type(a), GOSEND__JN_ARRAY);
	assert_string_equal(gosend__jn_key(a), "a");
	assert_int_equal(gosend__jn_key_len(a), 1);
	assert_int_equal(gosend__jn_count(a), 5);
	e = gosend__jn_first(a);
	assert_int_equal(gosend__jn_num(e, &v), 1);
	assert_true(v == 1.0);
	assert_null(gosend__jn_key(e)); /* array elements have no key */
	e = gosend__jn_next(e);
	assert_string_equal(gosend__jn_str(e), "x");
	e = gosend__jn_next(e);
	assert_int_equal(gosend__jn_type(e), GOSEND__JN_OBJECT);
	assert_int_equal(gosend__jn_count(e), 0);
	assert_null(gosend__jn_first(e));
	e = gosend__jn_next(e);
	assert_int_equal(gosend__jn_type(e), GOSEND__JN_ARRAY);
	e = gosend__jn_next(e);
	assert_int_equal(gosend__jn_type(e), GOSEND__JN_NULL);
	assert_null(gosend__jn_next(e));
	/* siblings skip whole subtrees */
	e = gosend__jn_next(a);
	assert_string_equal(gosend__jn_key(e), "b");
	assert_int_equal(gosend__jn_type(gosend__jn_get(e, "c")),
	                 GOSEND__JN_TRUE);
	e = gosend__jn_next(e);
	assert_string_equal(gosend__jn_key(e), "d");
	assert_int_equal(gosend__jn_type(e), GOSEND__JN_FALSE);
	assert_null(gosend__jn_next(e));
	assert_null(gosend__jn_get(r, "z"));
	assert_null(gosend__jn_get(a, "a")); /* not an object */
	gosend__jdoc_free(d);
}

static void test_jp__null_safe(void **state)
{
	double v = 7;
	size_t s = 9, e = 9;
	(void)state;
	assert_null(gosend__jdoc_root(NULL));
	assert_int_equal(gosend__jn_type(NULL), GOSEND__JN_NONE);
	assert_null(gosend__jn_get(NULL, "a"));
	assert_null(gosend__jn_str(NULL));
	assert_int_equal(gosend__jn_str_len(NULL), 0);
	assert_int_equal(gosend__jn_num(NULL, &v), 0);
	assert_true(v == 7);
	assert_null(gosend__jn_key(NULL));
	assert_int_equal(gosend__jn_key_len(NULL), 0);
	assert_null(gosend__jn_first(NULL));
	assert_null(gosend__jn_next(NULL));
	assert_int_equal(gosend__jn_count(NULL), 0);
	assert_int_equal(gosend__jn_span(NULL, &s, &e), 0);
	assert_int_equal(s, 0);
	assert_int_equal(e, 0);
	gosend__jdoc_free(NULL);
	assert_int_equal(gosend__jdoc_parse(NULL, "1", 1), GOSEND__JP_BAD);
	BADN(NULL, 0);
}

static void test_jp__keys(void **state)
{
	gosend__jdoc *d = parse_s("{\"k\":1,\"K\":2,\"k\":3,\"\":4,"
	                          "\"a\\u0000b\":5,\"a\":6,\"\\u00e9\":7}");
	const gosend__jn *r = gosend__jdoc_root(d), *e;
	double v;
	(void)state;
	assert_int_equal(gosend__jn_count(r), 7);
	/* the first of duplicates, case-sensitive */
	assert_int_equal(gosend__jn_num(gosend__jn_get(r, "k"), &v), 1);
	assert_true(v == 1);
	gosend__jn_num(gosend__jn_get(r, "K"), &v);
	assert_true(v == 2);
	gosend__jn_num(gosend__jn_get(r, ""), &v);
	assert_true(v == 4);
	/* a key with a NUL matches over its whole length only */
	gosend__jn_num(gosend__jn_get(r, "a"), &v);
	assert_true(v == 6);
	e = gosend__jn_next(gosend__jn_get(r, ""));
	assert_int_equal(gosend__jn_key_len(e), 3);
	assert_memory_equal(gosend__jn_key(e), "a\0b", 4);
	gosend__jn_num(gosend__jn_get(r, "\xc3\xa9"), &v);
	assert_true(v == 7);
	assert_null(gosend__jn_get(r, NULL));
	gosend__jdoc_free(d);
}

static void expect_str(const char *json, const char *want, size_t wlen)
{
	gosend__jdoc *d = parse_s(json);
	const gosend__jn *r = gosend__jdoc_root(d);
	assert_int_equal(gosend__jn_str_len(r), wlen);
	assert_memory_equal(gosend__jn_str(r), want, wlen + 1);
	gosend__jdoc_free(d);
}

static void test_jp__escapes(void **state)
{
	(void)state;
	expect_str("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 8);
	expect_str("\"\\u0041\\u00e9\\u20AC\"", "A\xc3\xa9\xe2\x82\xac", 6);
	expect_str("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 4);
	expect_str("\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf", 4);
	expect_str("\"a\\u0000b\"", "a\0b", 3);
	expect_str("\"\"", "", 0);
	/* raw bytes pass through: >= 0x80 unchecked, control characters */
	expect_str("\"\xff\xfe\xc3\"", "\xff\xfe\xc3", 3);
	expect_str("\"\x01\t\n\x1f\"", "\x01\t\n\x1f", 4);
	{
		gosend__jdoc *d = parse_ok("\"a\0b\"", 5);
		assert_int_equal(gosend__jn_str_len(gosend__jdoc_root(d)), 3);
		gosend__jdoc_free(d);
	}
	/* lone or unpaired surrogates, bad escapes */
	BAD("\"\\ud83d\"");
	BAD("\"\\ud83dx\"");
	BAD("\"\\ud83d\\u0041\"");
	BAD("\"\\ud83d\\ud83d\"");
	BAD("\"\\ude00\"");
	BAD("\"\\ude00\\ud83d\"");
	BAD("\"\\u12\"");
	BAD("\"\\u12g4\"");
	BAD("\"\\x41\"");
	BAD("\"\\a\"");
	BAD("\"\\'\"");
	BADN("\"\\\0\"", 4);
	BAD("\"\\\"");
	BAD("\"abc");
	BAD("\"\\ud83d\\ude0");
}

static void test_jp__bad_inputs(void **state)
{
	static const char *bad[] = {"",          " ",
	                            "\n\t",      "nul",
	                            "nulll",     "True",
	                            "tru",       "falsey",
	                            "[",         "]",
	                            "{",         "}",
	                            "[1,]",      "[,1]",
	                            "[1 2]",     "{\"a\"}",
	                            "{\"a\":}",  "{\"a\":1,}",
	                            "{a:1}",     "{'a':1}",
	                            "{\"a\" 1}", "{1:2}",
	                            "[1]]",      "{}}",
	                            "[}",        "{]",
	                            "1 2",       "\"a\" \"b\"",
	                            "[1]x",      "01",
	                            "-01",       "00",
	                            "1.",        ".5",
	                            "-.5",       "-",
	                            "+1",        "1e",
	                            "1e+",       "1.e3",
	                            "1E-",       "0x10",
	                            "Infinity",  "NaN",
	                            "-Infinity", "\xef\xbb\xbf{}",
	                            "\x0b{}",    "{}\x0c",
	                            "/*c*/1",    "[1,2",
	                            "{\"a\":1",  "'a'"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse_rc(bad[i], strlen(bad[i])) != GOSEND__JP_BAD)
			fail_msg("accepted: %s", bad[i]);
	}
	/* NUL outside strings */
	BADN("1\0", 2);
	BADN("\0", 1);
	BADN("[1,\0 2]", 7);
	BADN("{\"a\"\0:1}", 8);
	BADN("tr\0e", 4);
}

static char *nested(int depth, const char *open, const char *close)
{
	size_t lo = strlen(open), lc = strlen(close);
	char *s = malloc((size_t)depth * (lo + lc) + 2);
	char *p = s;
	int k;
	assert_non_null(s);
	for (k = 0; k < depth; k++, p += lo)
		memcpy(p, open, lo);
	*p++ = '1';
	for (k = 0; k < depth; k++, p += lc)
		memcpy(p, close, lc);
	*p = '\0';
	return s;
}

static void test_jp__depth(void **state)
{
	char *s;
	gosend__jdoc *d;
	const gosend__jn *n;
	int k;
	(void)state;
	s = nested(GOSEND__JP_DEPTH, "[", "]");
	d = parse_s(s);
	n = gosend__jdoc_root(d);
	for (k = 0; k < GOSEND__JP_DEPTH; k++) {
		assert_int_equal(gosend__jn_type(n), GOSEND__JN_ARRAY);
		assert_int_equal(gosend__jn_count(n), 1);
		n = gosend__jn_first(n);
	}
	assert_true(gosend__jn_num(n, NULL));
	gosend__jdoc_free(d);
	free(s);
	s = nested(GOSEND__JP_DEPTH + 1, "[", "]");
	BAD(s);
	free(s);
	s = nested(GOSEND__JP_DEPTH, "{\"k\":", "}");
	gosend__jdoc_free(parse_s(s));
	free(s);
	s = nested(GOSEND__JP_DEPTH + 1, "{\"k\":", "}");
	BAD(s);
	free(s);
	/* an empty container counts as a level too */
	s = nested(GOSEND__JP_DEPTH, "[", "]");
	s[GOSEND__JP_DEPTH] = ' ';
	gosend__jdoc_free(parse_s(s));
	free(s);
	s = nested(GOSEND__JP_DEPTH + 1, "[", "]");
	s[GOSEND__JP_DEPTH + 1] = ' ';
	BAD(s);
	free(s);
	/* far deeper: refused without recursion */
	s = nested(200000, "[", "]");
	BAD(s);
	free(s);
}

static void test_jp__numbers(void **state)
{
	char big[400];
	(void)state;
	assert_true(num_of("0") == 0.0);
	assert_true(signbit(num_of("-0")));
	assert_true(num_of("9007199254740992") == 9007199254740992.0);
	assert_true(num_of("-9007199254740993") == -9007199254740992.0);
	assert_true(num_of("9007199254740993") ==
	            strtod("9007199254740993", NULL));
	assert_true(num_of("18446744073709551616") == 18446744073709551616.0);
	assert_true(num_of("0.1") == 0.1);
	assert_true(num_of("1.5E+3") == 1500.0);
	assert_true(num_of("2.5e-3") == 0.0025);
	assert_true(num_of("123456789012345678901234567890") ==
	            strtod("123456789012345678901234567890", NULL));
	assert_true(num_of("1.7976931348623157e308") == 1.7976931348623157e308);
	assert_true(num_of("4.9e-324") == 4.9e-324);
	assert_true(num_of("2.2250738585072011e-308") ==
	            strtod("2.2250738585072011e-308", NULL));
	assert_true(num_of("1e400") == HUGE_VAL);
	assert_true(num_of("-1e400") == -HUGE_VAL);
	assert_true(num_of("1e-400") == 0.0);
	assert_true(num_of("0e99999999999999999999") == 0.0);
	assert_true(num_of("1E22") == 1e22);
	assert_true(num_of("1e23") == 1e23);
	assert_true(num_of("0.000000000000000000001") == 1e-21);
	/* a long literal (longer than any fixed buffer) */
	memset(big, '9', sizeof(big) - 1);
	big[0] = '1';
	big[1] = '.';
	big[sizeof(big) - 1] = '\0';
	assert_true(num_of(big) == 2.0);
	memset(big, '1', sizeof(big) - 1);
	assert_true(num_of(big) == strtod(big, NULL));
	assert_true(isinf(num_of(big)));
}

/* Decimal forms of every size against strtod (the test runs in the "C"
 * locale): the exact paths and strtod's agree to the bit. */
static void test_jp__numbers_as_strtod(void **state)
{
	unsigned long long x = 88172645463325252ULL;
	char text[64];
	int k;
	(void)state;
	for (k = 0; k < 20000; k++) {
		unsigned long long m;
		int frac, ex;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		m = x >> (x % 64);
		frac = (int)((x >> 8) % 25);
		ex = (int)((x >> 16) % 70) - 35;
		if (frac == 0)
			snprintf(text, sizeof(text), "%s%llu", k & 1 ? "-" : "",
			         m);
		else
			snprintf(text, sizeof(text), "%s%llu.%0*llue%d",
			         k & 1 ? "-" : "", m / 1000, frac, m % 1000,
			         ex);
		if (num_of(text) != strtod(text, NULL))
			fail_msg("%s: %.17g, strtod %.17g", text, num_of(text),
			         strtod(text, NULL));
	}
}

static void test_jp__spans(void **state)
{
	const char *t = " {\"a\" : [1, {\"b\":\"x\\n\"}] , \"c\":-2.5e3 } ";
	gosend__jdoc *d = parse_s(t);
	const gosend__jn *r = gosend__jdoc_root(d), *a, *b;
	size_t s, e;
	(void)state;
	assert_int_equal(gosend__jn_span(r, &s, &e), 1);
	assert_int_equal(s, 1);
	assert_int_equal(e, strlen(t) - 1);
	a = gosend__jn_get(r, "a");
	gosend__jn_span(a, &s, &e);
	assert_memory_equal(t + s, "[1, {\"b\":\"x\\n\"}]", e - s);
	assert_int_equal(e - s, strlen("[1, {\"b\":\"x\\n\"}]"));
	b = gosend__jn_next(gosend__jn_first(a));
	gosend__jn_span(b, &s, &e);
	assert_memory_equal(t + s, "{\"b\":\"x\\n\"}", e - s);
	gosend__jn_span(gosend__jn_get(b, "b"), &s, &e);
	assert_memory_equal(t + s, "\"x\\n\"", e - s);
	assert_int_equal(e - s, 5);
	gosend__jn_span(gosend__jn_get(r, "c"), &s, &e);
	assert_memory_equal(t + s, "-2.5e3", e - s);
	assert_int_equal(e - s, 6);
	gosend__jn_span(gosend__jn_first(a), NULL, &e);
	assert_int_equal(t[e], ',');
	gosend__jdoc_free(d);
}

static void test_jp__input_not_kept(void **state)
{
	char *t = strdup("{\"k\":[\"v\\u00e9\",2]}");
	gosend__jdoc *d;
	const gosend__jn *a;
	(void)state;
	assert_non_null(t);
	d = parse_s(t);
	memset(t, 'x', strlen(t));
	free(t);
	a = gosend__jn_get(gosend__jdoc_root(d), "k");
	assert_string_equal(gosend__jn_str(gosend__jn_first(a)), "v\xc3\xa9");
	assert_int_equal(gosend__jn_count(a), 2);
	gosend__jdoc_free(d);
}

static void test_jp__big_array(void **state)
{
	size_t n = 100000, i, len = 0;
	char *t = malloc(n * 12 + 2);
	gosend__jdoc *d;
	const gosend__jn *e;
	double v;
	(void)state;
	assert_non_null(t);
	t[len++] = '[';
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(t + len, "%s\"%zu\"", i ? "," : "", i);
	t[len++] = ']';
	d = parse_ok(t, len);
	assert_int_equal(gosend__jn_count(gosend__jdoc_root(d)), n);
	for (i = 0, e = gosend__jn_first(gosend__jdoc_root(d)); e;
	     e = gosend__jn_next(e), i++) {
		v = strtod(gosend__jn_str(e), NULL);
		assert_true(v == (double)i);
	}
	assert_int_equal(i, n);
	gosend__jdoc_free(d);
	free(t);
}

/* Our tree against cJSON's: types, keys in order, strings, numbers. */
static void same_as_cjson(const gosend__jn *n, const cJSON *j)
{
	static const int types[] = {[GOSEND__JN_NULL] = cJSON_NULL,
	                            [GOSEND__JN_FALSE] = cJSON_False,
	                            [GOSEND__JN_TRUE] = cJSON_True,
	                            [GOSEND__JN_NUMBER] = cJSON_Number,
	                            [GOSEND__JN_STRING] = cJSON_String,
	                            [GOSEND__JN_ARRAY] = cJSON_Array,
	                            [GOSEND__JN_OBJECT] = cJSON_Object};
	const gosend__jn *c;
	const cJSON *k;
	double v;

	assert_int_equal(types[gosend__jn_type(n)], j->type & 0xFF);
	if (cJSON_IsString(j))
		assert_string_equal(gosend__jn_str(n), j->valuestring);
	if (cJSON_IsNumber(j)) {
		assert_true(gosend__jn_num(n, &v));
		assert_true(v == j->valuedouble);
	}
	if (!cJSON_IsArray(j) && !cJSON_IsObject(j))
		return;
	assert_int_equal(gosend__jn_count(n), cJSON_GetArraySize(j));
	for (c = gosend__jn_first(n), k = j->child; c && k;
	     c = gosend__jn_next(c), k = k->next) {
		if (k->string)
			assert_string_equal(gosend__jn_key(c), k->string);
		same_as_cjson(c, k);
	}
	assert_null(c);
	assert_null(k);
}

/* A fixture: accepted when cJSON accepts it whole, with the same tree. */
static void fixture_as_cjson(const char *rel, const char *text, size_t len,
                             void *arg)
{
	cJSON *j = cJSON_ParseWithLengthOpts(text, len + 1, NULL, 1);
	gosend__jdoc *doc = NULL;
	(void)arg;
	gosend__jdoc_parse(&doc, text, len);
	if (!doc != !j)
		fail_msg("%s: ours %s, cJSON %s", rel, doc ? "ok" : "bad",
		         j ? "ok" : "bad");
	if (doc)
		same_as_cjson(gosend__jdoc_root(doc), j);
	gosend__jdoc_free(doc);
	cJSON_Delete(j);
}

/* Every JSON fixture of the test suite. */
static void test_jp__fixtures_as_cjson(void **state)
{
	(void)state;
	assert_true(ts_each_json_fixture(fixture_as_cjson, NULL) > 0);
}

static const char threads_text[] =
        "{\"a\":[1.7976931348623157e308,\"x\\u00e9\",0.1],\"b\":2}";

/* Each thread parses its own document (its first number needing strtod
 * may be the one that makes the locale) and reads the shared one. */
static void *reader(void *arg)
{
	const gosend__jn *shared = gosend__jdoc_root(arg);
	int k;

	for (k = 0; k < 200; k++) {
		gosend__jdoc *d = NULL;
		double v = 0;
		if (gosend__jdoc_parse(&d, threads_text, strlen(threads_text)))
			return NULL;
		gosend__jn_num(gosend__jn_first(gosend__jn_get(
		                       gosend__jdoc_root(d), "a")),
		               &v);
		gosend__jdoc_free(d);
		if (v != 1.7976931348623157e308 ||
		    strcmp(gosend__jn_str(gosend__jn_next(gosend__jn_first(
		                   gosend__jn_get(shared, "a")))),
		           "x\xc3\xa9") != 0)
			return NULL;
	}
	return arg;
}

static void test_jp__threads(void **state)
{
	gosend__jdoc *shared = parse_s(threads_text);
	pthread_t t[4];
	void *r;
	size_t i;
	(void)state;
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, reader, shared),
		                 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &r), 0);
		assert_ptr_equal(r, shared);
	}
	gosend__jdoc_free(shared);
}

static void test_jp__locale(void **state)
{
	(void)state;
	ts_comma_locale();
	/* both the exact path and strtod's */
	assert_true(num_of("1.5") == 1.5);
	assert_true(num_of("0.30000000000000004") == 0.30000000000000004);
	assert_true(num_of("1.00000000000000000001") == 1.0);
	assert_true(num_of("2.5e-300") == 2.5e-300);
	assert_int_equal(parse_rc("1,5", 3), GOSEND__JP_BAD);
	setlocale(LC_NUMERIC, "C");
}

/*
 * A failing malloc: this program's own malloc, forwarding to glibc's,
 * fails the armed call. Sanitizers and valgrind replace malloc
 * themselves; the test notices when the hook never ran and skips.
 */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define JP_NO_HOOK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define JP_NO_HOOK 1
#endif
#endif

#ifndef JP_NO_HOOK
void *__libc_malloc(size_t n);
void *malloc(size_t n);
static int fail_next, hook_ran;

void *malloc(size_t n)
{
	hook_ran = 1;
	if (fail_next) {
		fail_next = 0;
		return NULL;
	}
	return __libc_malloc(n);
}
#endif

static void test_jp__nomem(void **state)
{
	(void)state;
#ifdef JP_NO_HOOK
	print_message("nomem: sanitizer build owns malloc: skipped\n");
	skip();
#else
	gosend__jdoc *d = (gosend__jdoc *)&d;
	const char *t = "{\"a\":[1.5e300,\"x\"]}";
	int r;
	hook_ran = 0;
	fail_next = 1;
	r = gosend__jdoc_parse(&d, t, strlen(t));
	assert_int_equal(r, hook_ran ? GOSEND__JP_NOMEM : GOSEND__JP_OK);
	if (!hook_ran) {
		fail_next = 0;
		gosend__jdoc_free(d);
		print_message("nomem: malloc is replaced (valgrind?): "
		              "skipped\n");
		skip();
	}
	assert_null(d);
	/* the one allocation: the next parse succeeds */
	assert_int_equal(gosend__jdoc_parse(&d, t, strlen(t)), GOSEND__JP_OK);
	gosend__jdoc_free(d);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        /* first: its threads race to make the "C" locale */
	        cmocka_unit_test(test_jp__threads),
	        cmocka_unit_test(test_jp__scalars),
	        cmocka_unit_test(test_jp__containers),
	        cmocka_unit_test(test_jp__null_safe),
	        cmocka_unit_test(test_jp__keys),
	        cmocka_unit_test(test_jp__escapes),
	        cmocka_unit_test(test_jp__bad_inputs),
	        cmocka_unit_test(test_jp__depth),
	        cmocka_unit_test(test_jp__numbers),
	        cmocka_unit_test(test_jp__numbers_as_strtod),
	        cmocka_unit_test(test_jp__spans),
	        cmocka_unit_test(test_jp__input_not_kept),
	        cmocka_unit_test(test_jp__big_array),
	        cmocka_unit_test(test_jp__fixtures_as_cjson),
	        cmocka_unit_test(test_jp__locale),
	        cmocka_unit_test(test_jp__nomem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
