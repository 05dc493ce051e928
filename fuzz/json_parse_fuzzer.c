/*
 * Differential fuzzing of the read-only JSON document (json/parse.h)
 * against cJSON, whose whole-text acceptance is: a value, then nothing but
 * bytes <= 0x20 (what cJSON_ParseWithOpts(..., 1) skips before the NUL).
 *
 * - Both accept: the trees agree (types, keys in order, strings up to
 *   their first NUL, numbers equal, counts), and our spans, lookups and
 *   string lengths are consistent.
 * - Only we accept: only a number of 64 or more characters, which cJSON
 *   copies into a 64-byte buffer and so cuts short.
 * - Only cJSON accepts: only where cJSON is laxer: bytes below 0x20 other
 *   than tab, CR and LF between tokens, a UTF-8 byte order mark, numbers
 *   outside the RFC grammar that strtod takes whole ("01", "1.", "-.5",
 *   "1.e5"), and \u escapes with non-hex digits (read as U+0000). The
 *   input with those repaired must then parse.
 * And the printer of request bodies (json/value.h): whatever both accept,
 * printed from cJSON's tree, is text our parser accepts, with the same
 * tree and every number to the bit (unless the tree holds a number that
 * is not finite, which prints as null).
 * Anything else traps.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/alloc.h"
#include "json/parse.h"
#include "json/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                          \
	do {                              \
		if (!(x))                 \
			__builtin_trap(); \
	} while (0)

static int cjson_accepts(const char *text, size_t len, cJSON **out)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	size_t i;

	*out = NULL;
	if (!root)
		return 0;
	for (i = (size_t)(end - text); i < len; i++) {
		if ((unsigned char)text[i] > 0x20) {
			cJSON_Delete(root);
			return 0;
		}
	}
	*out = root;
	return 1;
}

static int is_hex(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
	       (ch >= 'A' && ch <= 'F');
}

static int is_digit(unsigned char ch)
{
	return ch >= '0' && ch <= '9';
}

/* RFC 8259 number, the whole of s[0..n). */
static int rfc_number(const unsigned char *s, size_t n)
{
	size_t i = 0, k;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && is_digit(s[i]))
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		for (k = ++i; i < n && is_digit(s[i]); i++)
			;
		if (i == k)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (k = i; i < n && is_digit(s[i]); i++)
			;
		if (i == k)
			return 0;
	}
	return i == n;
}

static int number_char(unsigned char ch)
{
	return is_digit(ch) || ch == '+' || ch == '-' || ch == 'e' ||
	       ch == 'E' || ch == '.';
}

/* The repaired text being written. */
typedef struct out {
	unsigned char *p;
	size_t n;
} out;

static void put(out *o, const void *b, size_t n)
{
	memcpy(o->p + o->n, b, n);
	o->n += n;
}

/*
 * The string at s[i] (its quote), walked as cJSON does: its end is the
 * first quote not after a backslash; then its escapes are read from the
 * start, a \u escape taking six bytes whatever they are, with non-hex
 * digits read as "0000". Written to o with those repaired; the index past
 * the string.
 */
static size_t repair_string(const unsigned char *s, size_t i, size_t n, out *o,
                            int *lax)
{
	size_t end = i + 1, p;
	int k;

	while (end < n && s[end] != '"')
		end += s[end] == '\\' ? 2 : 1;
	if (end >= n) {
		put(o, s + i, n - i);
		return n;
	}
	put(o, "\"", 1);
	for (p = i + 1; p < end;) {
		if (s[p] != '\\') {
			/* a quote escaped only for the end scan */
			if (s[p] == '"')
				put(o, "\\", 1);
			put(o, s + p++, 1);
			continue;
		}
		if (s[p + 1] == 'u' && end - p >= 6) {
			for (k = 2; k < 6 && is_hex(s[p + k]); k++)
				;
			if (k < 6)
				*lax = 1;
			put(o, k < 6 ? (const unsigned char *)"\\u0000" : s + p,
			    6);
			p += 6;
			continue;
		}
		put(o, s + p, 2);
		p += 2;
	}
	put(o, "\"", 1);
	return end + 1;
}

/*
 * Whether the text uses one of cJSON's laxities, and o the text with each
 * repaired: a byte order mark and control bytes between tokens become
 * spaces, a non-RFC number "0", a bad \u escape \u0000.
 */
static int cjson_lax(const unsigned char *s, size_t n, out *o)
{
	size_t i = 0, k;
	int lax = 0;

	if (n >= 5 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		lax = 1;
		i = 3;
	}
	while (i < n) {
		if (s[i] == '"') {
			i = repair_string(s, i, n, o, &lax);
		} else if (s[i] == '-' || is_digit(s[i])) {
			for (k = i; k < n && number_char(s[k]); k++)
				;
			if (!rfc_number(s + i, k - i)) {
				lax = 1;
				put(o, "0", 1);
			} else {
				put(o, s + i, k - i);
			}
			i = k;
		} else {
			if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' &&
			    s[i] != '\r') {
				lax = 1;
				put(o, " ", 1);
			} else {
				put(o, s + i, 1);
			}
			i++;
		}
	}
	return lax;
}

/* Any number of ours 64 or more characters long. */
static int long_number(const gosend__jn *n)
{
	const gosend__jn *c;
	size_t s, e;

	if (gosend__jn_type(n) == GOSEND__JN_NUMBER) {
		gosend__jn_span(n, &s, &e);
		return e - s >= 64;
	}
	for (c = gosend__jn_first(n); c; c = gosend__jn_next(c)) {
		if (long_number(c))
			return 1;
	}
	return 0;
}

static int same_type(const gosend__jn *n, const cJSON *j)
{
	switch (j->type & 0xFF) {
	case cJSON_NULL:
		return gosend__jn_type(n) == GOSEND__JN_NULL;
	case cJSON_False:
		return gosend__jn_type(n) == GOSEND__JN_FALSE;
	case cJSON_True:
		return gosend__jn_type(n) == GOSEND__JN_TRUE;
	case cJSON_Number:
		return gosend__jn_type(n) == GOSEND__JN_NUMBER;
	case cJSON_String:
		return gosend__jn_type(n) == GOSEND__JN_STRING;
	case cJSON_Array:
		return gosend__jn_type(n) == GOSEND__JN_ARRAY;
	case cJSON_Object:
		return gosend__jn_type(n) == GOSEND__JN_OBJECT;
	default:
		return 0;
	}
}

/* Our tree against cJSON's. */
static void compare(const gosend__jn *n, const cJSON *j, int numbers)
{
	const gosend__jn *c;
	const cJSON *k;
	double v;

	CHECK(same_type(n, j));
	if (cJSON_IsString(j))
		CHECK(strcmp(gosend__jn_str(n), j->valuestring) == 0);
	if (cJSON_IsNumber(j) && numbers) {
		CHECK(gosend__jn_num(n, &v) == 1);
		CHECK(v == j->valuedouble);
	}
	if (!cJSON_IsArray(j) && !cJSON_IsObject(j))
		return;
	CHECK(gosend__jn_count(n) == (size_t)cJSON_GetArraySize(j));
	for (c = gosend__jn_first(n), k = j->child; c && k;
	     c = gosend__jn_next(c), k = k->next) {
		if (cJSON_IsObject(j))
			CHECK(strcmp(gosend__jn_key(c), k->string) == 0);
		compare(c, k, numbers);
	}
	CHECK(!c && !k);
}

/* The bytes each type's text starts and ends with. */
static void check_span_ends(const gosend__jn *n, const uint8_t *s, size_t b,
                            size_t e)
{
	static const char first[] = {0, 'n', 'f', 't', 0, '"', '[', '{'};
	static const char last[] = {0, 'l', 'e', 'e', 0, '"', ']', '}'};
	gosend__jtype t = gosend__jn_type(n);

	CHECK(b < e);
	if (t == GOSEND__JN_NUMBER) {
		CHECK(s[b] == '-' || is_digit(s[b]));
		CHECK(is_digit(s[e - 1]));
		return;
	}
	CHECK(s[b] == (uint8_t)first[t] && s[e - 1] == (uint8_t)last[t]);
}

/* Spans nest and follow text order; a scalar's span parses alone to the
 * same value; get finds the first member of a key; lengths hold. */
static void check_node(const gosend__jn *n, const uint8_t *s, size_t lo,
                       size_t hi)
{
	const gosend__jn *c;
	gosend__jdoc *d;
	size_t b, e, count = 0, at;
	double v1, v2;

	CHECK(gosend__jn_span(n, &b, &e) == 1);
	CHECK(lo <= b && e <= hi);
	check_span_ends(n, s, b, e);
	if (gosend__jn_str(n)) {
		CHECK(gosend__jn_str(n)[gosend__jn_str_len(n)] == '\0');
		CHECK(strlen(gosend__jn_str(n)) <= gosend__jn_str_len(n));
	}
	if (gosend__jn_count(n) == 0 && gosend__jn_type(n) < GOSEND__JN_ARRAY) {
		CHECK(gosend__jdoc_parse(&d, (const char *)s + b, e - b) == 0);
		CHECK(gosend__jn_type(gosend__jdoc_root(d)) ==
		      gosend__jn_type(n));
		CHECK(gosend__jn_str_len(gosend__jdoc_root(d)) ==
		      gosend__jn_str_len(n));
		if (gosend__jn_num(n, &v1))
			CHECK(gosend__jn_num(gosend__jdoc_root(d), &v2) &&
			      v1 == v2);
		gosend__jdoc_free(d);
	}
	for (c = gosend__jn_first(n), at = b + 1; c; c = gosend__jn_next(c)) {
		const gosend__jn *f, *m;
		count++;
		check_node(c, s, at, e - 1);
		gosend__jn_span(c, NULL, &at);
		if (gosend__jn_type(n) != GOSEND__JN_OBJECT) {
			CHECK(!gosend__jn_key(c));
			continue;
		}
		CHECK(gosend__jn_key(c)[gosend__jn_key_len(c)] == '\0');
		if (strlen(gosend__jn_key(c)) != gosend__jn_key_len(c))
			continue;
		for (f = gosend__jn_first(n); f != c; f = gosend__jn_next(f)) {
			if (gosend__jn_key_len(f) == gosend__jn_key_len(c) &&
			    memcmp(gosend__jn_key(f), gosend__jn_key(c),
			           gosend__jn_key_len(c)) == 0)
				break;
		}
		m = gosend__jn_get(n, gosend__jn_key(c));
		CHECK(m == f);
	}
	CHECK(count == gosend__jn_count(n));
}

static int all_finite(const cJSON *j)
{
	const cJSON *k;

	if (cJSON_IsNumber(j) &&
	    !(j->valuedouble - j->valuedouble == 0)) /* inf or nan */
		return 0;
	for (k = j->child; k; k = k->next) {
		if (!all_finite(k))
			return 0;
	}
	return 1;
}

/* Our print of cJSON's tree reads back as that tree. */
static void printed_back(const cJSON *j)
{
	gosend__jdoc *d = NULL;
	char *t;

	if (!all_finite(j))
		return;
	t = gosend__jv_print((const gosend__jv *)(const void *)j);
	CHECK(t != NULL);
	CHECK(gosend__jdoc_parse(&d, t, strlen(t)) == 0);
	compare(gosend__jdoc_root(d), j, 1);
	gosend__jdoc_free(d);
	gosend__free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gosend__jdoc *d = NULL;
	cJSON *j = NULL;
	out r;
	int ours, theirs, lax;

	ours = gosend__jdoc_parse(&d, (const char *)data, size);
	CHECK(ours == 0 || ours == GOSEND__JP_BAD);
	CHECK((ours == 0) == (d != NULL));
	theirs = cjson_accepts((const char *)data, size, &j);
	if (ours == 0) {
		check_node(gosend__jdoc_root(d), data, 0, size);
		if (theirs) {
			compare(gosend__jdoc_root(d), j, 1);
			printed_back(j);
		} else
			CHECK(long_number(gosend__jdoc_root(d)));
	} else if (theirs) {
		r.p = malloc(2 * size + 2);
		r.n = 0;
		CHECK(r.p != NULL);
		lax = cjson_lax(data, size, &r);
		CHECK(lax);
		CHECK(gosend__jdoc_parse(&d, (const char *)r.p, r.n) == 0);
		compare(gosend__jdoc_root(d), j, 0);
		free(r.p);
	}
	gosend__jdoc_free(d);
	cJSON_Delete(j);
	return 0;
}
