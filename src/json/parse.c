/*
 * Two passes over the text with one driver: the first checks the grammar
 * and counts nodes and string bytes, the second fills one block sized by
 * those counts: the document header, the nodes in document order (a
 * container's first child follows it), the strings, then room for a
 * NUL-terminated copy of the longest number (for strtod).
 */
#define _GNU_SOURCE /* strtod_l, newlocale */
#include "json/parse.h"

#include <float.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define JP_SSE2 1
#endif

/*
 * 32 bytes. Offsets of strings are counted in bytes from the node itself
 * (the strings follow every node in the block), which is why the block
 * stays below 4 GiB.
 */
struct gosend__jn {
	union {
		double num;
		uint32_t str[2]; /* offset from the node, length */
		uint32_t count;  /* children of an array or object */
	} v;
	uint32_t start, end; /* span in the input */
	uint32_t key, klen;  /* a member's key: offset from the node, length */
	uint32_t next;       /* nodes to the next sibling; 0 for the last */
	uint8_t type;
};

struct gosend__jdoc {
	size_t nodes; /* how many */
	gosend__jn node[];
};

/* The hot steps are inlined into the driver (a third fewer instructions),
 * the string scanners once for each pass. */
#if defined(__GNUC__)
#define JP_INLINE  inline __attribute__((always_inline))
#define JP_FLATTEN __attribute__((flatten))
#else
#define JP_INLINE inline
#define JP_FLATTEN
#endif

_Static_assert(sizeof(gosend__jn) <= 32, "nodes stay compact");

/* What each step answers. */
enum {
	V_DONE = GOSEND__JP_OK, /* a value complete (or the whole text) */
	V_OPEN = 1,             /* a container open, at its next value */
	V_BAD = GOSEND__JP_BAD,
	V_NOMEM = GOSEND__JP_NOMEM
};

typedef struct jp {
	const unsigned char *s;
	size_t i, n;
	/* first pass: what the block needs */
	size_t nodes, bytes, numlen;
	/* second pass: the block being filled (NULL in the first) */
	gosend__jn *node;
	char *pool, *scratch;
	size_t used, pooled;
	uint32_t key, klen; /* the pending member key (pool offset) */
	int depth;
	unsigned char obj[GOSEND__JP_DEPTH]; /* open container is an object */
	uint32_t open[GOSEND__JP_DEPTH];     /* its node */
	uint32_t last[GOSEND__JP_DEPTH];     /* its last child, or itself */
} jp;

/* Bytes that end a run of plain string bytes. */
static const unsigned char str_stop[256] = {['"'] = 1, ['\\'] = 1};

static void skip_ws_slow(jp *c)
{
	const unsigned char *s = c->s;
	size_t i = c->i;

	while (i < c->n &&
	       (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
		i++;
	c->i = i;
}

/* Compact text has no whitespace: one test then. */
static JP_INLINE void skip_ws(jp *c)
{
	if (c->i < c->n && c->s[c->i] <= ' ')
		skip_ws_slow(c);
}

static int hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0;
	int k;

	for (k = 0; k < 4; k++) {
		unsigned char ch = s[k];
		if (ch >= '0' && ch <= '9')
			v = v * 16 + (unsigned)(ch - '0');
		else if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f')
			v = v * 16 + (unsigned)((ch | 0x20) - 'a' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static int utf8(unsigned cp, unsigned char *u)
{
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The \u escape at s[*i] (the backslash): a code point or a surrogate
 * pair, as UTF-8 into u. Its length, or -1. */
static int unescape_u(const unsigned char *s, size_t n, size_t *i,
                      unsigned char *u)
{
	unsigned hi, lo;

	if (n - *i < 6 || hex4(s + *i + 2, &hi) < 0)
		return -1;
	*i += 6;
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		return -1;
	if (hi < 0xD800 || hi > 0xDBFF)
		return utf8(hi, u);
	if (n - *i < 6 || s[*i] != '\\' || s[*i + 1] != 'u' ||
	    hex4(s + *i + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
		return -1;
	*i += 6;
	return utf8(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), u);
}

/* The escape at s[*i] (the backslash) into u: its length, or -1. */
static int unescape(const unsigned char *s, size_t n, size_t *i,
                    unsigned char *u)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *p;

	if (n - *i < 2)
		return -1;
	if (s[*i + 1] == 'u')
		return unescape_u(s, n, i, u);
	p = s[*i + 1] ? strchr(from, s[*i + 1]) : NULL;
	if (!p)
		return -1;
	u[0] = (unsigned char)to[p - from];
	*i += 2;
	return 1;
}

/* Bytes the block keeps after the strings: copies of string runs store
 * whole words, the last one reaching up to 15 bytes past. */
#define POOL_SLACK 16

/*
 * Where the run of plain string bytes from s[i] ends: a quote, a
 * backslash, or n. Sixteen bytes at a time (SSE2), then eight; unless d
 * is NULL the run is copied there (with up to 15 bytes more, overwritten
 * later or slack).
 */
static JP_INLINE size_t plain_run(const unsigned char *s, size_t i, size_t n,
                                  unsigned char *d)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	uint64_t x, q, b, m;

#ifdef JP_SSE2
	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		unsigned hit;
		if (d)
			_mm_storeu_si128((__m128i *)d, v);
		hit = (unsigned)_mm_movemask_epi8(
		        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
		                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
		if (hit)
			return i + (size_t)__builtin_ctz(hit);
		i += 16;
		d = d ? d + 16 : NULL;
	}
#endif
	while (n - i >= 8) {
		memcpy(&x, s + i, 8);
		if (d)
			memcpy(d, &x, 8);
		q = x ^ (ones * '"');
		b = x ^ (ones * '\\');
		m = ((q - ones) & ~q) | ((b - ones) & ~b);
		m &= ones * 0x80;
		if (m) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
        __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + ((size_t)__builtin_ctzll(m) >> 3);
#else
			break;
#endif
		}
		i += 8;
		d = d ? d + 8 : NULL;
	}
	for (; i < n && !str_stop[s[i]]; i++) {
		if (d)
			*d++ = s[i];
	}
	return i;
}

/*
 * The string at s[c->i] (the opening quote): checked, and unless dst is
 * NULL its unescaped text and a NUL written at dst. Its unescaped length,
 * or -1; c->i moves past the closing quote.
 */
static JP_INLINE long long string_at(jp *c, unsigned char *dst)
{
	const unsigned char *s = c->s;
	size_t i = c->i + 1, n = c->n, run = i, len = 0;
	unsigned char u[4] = {0};
	int k;

	for (;;) {
		i = plain_run(s, i, n, dst ? dst + len : NULL);
		if (i >= n)
			return -1;
		len += i - run;
		if (s[i] == '"')
			break;
		k = unescape(s, n, &i, dst ? dst + len : u);
		if (k < 0)
			return -1;
		len += (size_t)k;
		run = i;
	}
	if (dst)
		dst[len] = '\0';
	c->i = i + 1;
	return (long long)len;
}

/* A string into the pool (second pass) or counted (first): its offset in
 * the pool and length, or -1. */
static JP_INLINE int string_in(jp *c, uint32_t *off, uint32_t *len)
{
	long long k;

	if (c->pool)
		k = string_at(c, (unsigned char *)c->pool + c->pooled);
	else
		k = string_at(c, NULL);
	if (k < 0)
		return -1;
	*off = (uint32_t)c->pooled;
	*len = (uint32_t)k;
	if (c->pool)
		c->pooled += (size_t)k + 1;
	else
		c->bytes += (size_t)k + 1;
	return 0;
}

/*
 * A new node at s[c->i], linked under the open container (taking the
 * pending key when that is an object). The first pass only counts it:
 * NULL then.
 */
static JP_INLINE gosend__jn *new_node(jp *c, uint8_t type)
{
	gosend__jn *n;
	uint32_t idx;

	if (!c->node) {
		c->nodes++;
		return NULL;
	}
	idx = (uint32_t)c->used++;
	n = &c->node[idx];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->start = (uint32_t)c->i;
	if (c->depth > 0) {
		int d = c->depth - 1;
		if (c->last[d] != c->open[d])
			c->node[c->last[d]].next = idx - c->last[d];
		c->last[d] = idx;
		c->node[c->open[d]].v.count++;
		if (c->obj[d]) {
			n->key = (uint32_t)(c->pool + c->key - (char *)n);
			n->klen = c->klen;
		}
	}
	return n;
}

/* A member's key and colon, positioned at its value. */
static JP_INLINE int member_key(jp *c)
{
	skip_ws(c);
	if (c->i >= c->n || c->s[c->i] != '"' ||
	    string_in(c, &c->key, &c->klen) < 0)
		return V_BAD;
	skip_ws(c);
	if (c->i >= c->n || c->s[c->i] != ':')
		return V_BAD;
	c->i++;
	skip_ws(c);
	return V_OPEN;
}

/* Close the innermost container at its closing bracket. */
static void close_container(jp *c)
{
	c->i++;
	c->depth--;
	if (c->node)
		c->node[c->open[c->depth]].end = (uint32_t)c->i;
}

/* An array or object at s[c->i]: V_DONE when empty, V_OPEN positioned at
 * its first value, V_BAD. */
static int open_container(jp *c, int obj)
{
	gosend__jn *n;

	if (c->depth >= GOSEND__JP_DEPTH)
		return V_BAD;
	n = new_node(c, obj ? GOSEND__JN_OBJECT : GOSEND__JN_ARRAY);
	c->i++;
	skip_ws(c);
	if (c->i < c->n && c->s[c->i] == (obj ? '}' : ']')) {
		c->i++;
		if (n)
			n->end = (uint32_t)c->i;
		return V_DONE;
	}
	c->obj[c->depth] = (unsigned char)obj;
	if (n) {
		c->open[c->depth] = (uint32_t)(n - c->node);
		c->last[c->depth] = c->open[c->depth];
	}
	c->depth++;
	return obj ? member_key(c) : V_OPEN;
}

static int string_value(jp *c)
{
	gosend__jn *n = new_node(c, GOSEND__JN_STRING);
	uint32_t off, len;

	if (string_in(c, &off, &len) < 0)
		return V_BAD;
	if (n) {
		n->v.str[0] = (uint32_t)(c->pool + off - (char *)n);
		n->v.str[1] = len;
		n->end = (uint32_t)c->i;
	}
	return V_DONE;
}

static int literal(jp *c, const char *word, size_t len, uint8_t type)
{
	gosend__jn *n;

	if (c->n - c->i < len || memcmp(c->s + c->i, word, len) != 0)
		return V_BAD;
	n = new_node(c, type);
	c->i += len;
	if (n)
		n->end = (uint32_t)c->i;
	return V_DONE;
}

/* What a number's text says, for the exact conversions. */
typedef struct numtext {
	uint64_t mant; /* the digits, int and fraction, when digits <= 19 */
	int digits;    /* how many (capped) */
	int frac;      /* of them after the point */
	long exp;      /* the exponent, capped in magnitude */
	int neg;
} numtext;

static size_t digits_at(jp *c, numtext *t)
{
	size_t i = c->i, k = 0;

	while (i < c->n && c->s[i] >= '0' && c->s[i] <= '9') {
		if (t->digits < 20)
			t->mant = t->mant * 10 + (uint64_t)(c->s[i] - '0');
		t->digits += t->digits < 20;
		i++;
		k++;
	}
	c->i = i;
	return k;
}

/* The exponent after 'e' or 'E' at s[c->i]. */
static int exponent_at(jp *c, numtext *t)
{
	int neg = 0;

	c->i++;
	if (c->i < c->n && (c->s[c->i] == '+' || c->s[c->i] == '-'))
		neg = c->s[c->i++] == '-';
	if (c->i >= c->n || c->s[c->i] < '0' || c->s[c->i] > '9')
		return -1;
	while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
		if (t->exp < 100000)
			t->exp = t->exp * 10 + (c->s[c->i] - '0');
		c->i++;
	}
	if (neg)
		t->exp = -t->exp;
	return 0;
}

/* RFC 8259 number at s[c->i], c->i moved past it. */
static int number_text(jp *c, numtext *t)
{
	const unsigned char *s = c->s;

	if (s[c->i] == '-') {
		t->neg = 1;
		c->i++;
	}
	if (c->i < c->n && s[c->i] == '0') {
		c->i++;
		t->digits = 1;
	} else if (digits_at(c, t) == 0) {
		return -1;
	}
	if (c->i < c->n && s[c->i] == '.') {
		int before = t->digits;
		c->i++;
		if (digits_at(c, t) == 0)
			return -1;
		t->frac = t->digits - before;
	}
	if (c->i < c->n && (s[c->i] == 'e' || s[c->i] == 'E'))
		return exponent_at(c, t);
	return 0;
}

/* Whether a double operation rounds once (no extended precision). */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
#define JP_ONE_ROUNDING 1
#else
#define JP_ONE_ROUNDING 0
#endif

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void c_locale_make(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

int gosend__jp_number_text(char *out, size_t n, double d)
{
	locale_t was;
	int k;

	if (d >= -2147483648.0 && d <= 2147483647.0 && d == (double)(int)d)
		k = snprintf(out, n, "%d", (int)d); /* no locale in %d */
	else {
		pthread_once(&c_locale_once, c_locale_make);
		if (!c_locale)
			return -1;
		was = uselocale(c_locale);
		k = snprintf(out, n, "%1.15g", d);
		if (k > 0 && (size_t)k < n &&
		    strtod_l(out, NULL, c_locale) != d)
			k = snprintf(out, n, "%1.17g", d);
		uselocale(was);
	}
	return k > 0 && (size_t)k < n ? k : -1;
}

/*
 * Exact when the digits and the power of ten are both exact doubles (one
 * correctly rounded operation, or none for an integer up to 2^53);
 * otherwise strtod in the "C" locale on a NUL-terminated copy. 0, or -1
 * when no locale can be made.
 */
static int number_value(jp *c, const numtext *t, size_t start, double *out)
{
	static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
	                             1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
	                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
	                             1e18, 1e19, 1e20, 1e21, 1e22};
	long e = t->exp - t->frac;

	if (t->digits <= 19 && t->mant <= (UINT64_C(1) << 53) &&
	    (e == 0 || (JP_ONE_ROUNDING && e >= -22 && e <= 22))) {
		double m = (double)t->mant; /* exact */
		if (e != 0)
			m = e < 0 ? m / p10[-e] : m * p10[e];
		*out = t->neg ? -m : m;
		return 0;
	}
	pthread_once(&c_locale_once, c_locale_make);
	if (!c_locale)
		return -1;
	memcpy(c->scratch, c->s + start, c->i - start);
	c->scratch[c->i - start] = '\0';
	*out = strtod_l(c->scratch, NULL, c_locale);
	return 0;
}

static int number(jp *c)
{
	size_t start = c->i;
	numtext t = {0, 0, 0, 0, 0};
	gosend__jn *n = new_node(c, GOSEND__JN_NUMBER);

	if (number_text(c, &t) < 0)
		return V_BAD;
	if (!n) {
		if (c->i - start > c->numlen)
			c->numlen = c->i - start;
		return V_DONE;
	}
	n->end = (uint32_t)c->i;
	return number_value(c, &t, start, &n->v.num) < 0 ? V_NOMEM : V_DONE;
}

/* The value at s[c->i]: V_DONE when complete, V_OPEN when a non-empty
 * container opened, V_BAD or V_NOMEM. */
static int value(jp *c)
{
	if (c->i >= c->n)
		return V_BAD;
	switch (c->s[c->i]) {
	case '{':
		return open_container(c, 1);
	case '[':
		return open_container(c, 0);
	case '"':
		return string_value(c);
	case 't':
		return literal(c, "true", 4, GOSEND__JN_TRUE);
	case 'f':
		return literal(c, "false", 5, GOSEND__JN_FALSE);
	case 'n':
		return literal(c, "null", 4, GOSEND__JN_NULL);
	default:
		if (c->s[c->i] == '-' ||
		    (c->s[c->i] >= '0' && c->s[c->i] <= '9'))
			return number(c);
		return V_BAD;
	}
}

/* After a complete value: close what it completes; V_OPEN positioned at
 * the next value, V_DONE at the end of the text, or V_BAD. */
static int after_value(jp *c)
{
	for (;;) {
		int d = c->depth - 1;
		skip_ws(c);
		if (d < 0)
			return c->i == c->n ? V_DONE : V_BAD;
		if (c->i >= c->n)
			return V_BAD;
		if (c->s[c->i] == ',') {
			c->i++;
			skip_ws(c);
			return c->obj[d] ? member_key(c) : V_OPEN;
		}
		if (c->s[c->i] != (c->obj[d] ? '}' : ']'))
			return V_BAD;
		close_container(c);
	}
}

static JP_FLATTEN int run(jp *c)
{
	int r;

	c->i = 0;
	c->depth = 0;
	skip_ws(c);
	for (;;) {
		r = value(c);
		if (r == V_DONE)
			r = after_value(c);
		if (r != V_OPEN)
			return r;
	}
}

/* The block's size after the first pass; 0 when it would not fit 4 GiB. */
static size_t block_size(const jp *c)
{
	size_t head = sizeof(gosend__jdoc);

	if (c->nodes > (UINT32_MAX - head) / sizeof(gosend__jn))
		return 0;
	head += c->nodes * sizeof(gosend__jn);
	if (c->bytes + c->numlen + 1 + POOL_SLACK > UINT32_MAX - head)
		return 0;
	return head + c->bytes + c->numlen + 1 + POOL_SLACK;
}

int gosend__jdoc_parse(gosend__jdoc **out, const char *text, size_t len)
{
	jp c;
	gosend__jdoc *doc;
	size_t size;
	int r;

	if (!out)
		return GOSEND__JP_BAD;
	*out = NULL;
	if (!text || len >= UINT32_MAX)
		return GOSEND__JP_BAD;
	memset(&c, 0, offsetof(jp, obj));
	c.s = (const unsigned char *)text;
	c.n = len;
	r = run(&c);
	if (r != GOSEND__JP_OK)
		return r;
	size = block_size(&c);
	doc = size ? gosend__malloc(size) : NULL;
	if (!doc)
		return GOSEND__JP_NOMEM;
	doc->nodes = c.nodes;
	c.node = doc->node;
	c.pool = (char *)(doc->node + c.nodes);
	c.scratch = c.pool + c.bytes;
	r = run(&c);
	if (r != GOSEND__JP_OK) {
		gosend__free(doc);
		return r;
	}
	*out = doc;
	return GOSEND__JP_OK;
}

void gosend__jdoc_free(gosend__jdoc *doc)
{
	gosend__free(doc);
}

const gosend__jn *gosend__jdoc_root(const gosend__jdoc *doc)
{
	return doc ? &doc->node[0] : NULL;
}

gosend__jtype gosend__jn_type(const gosend__jn *n)
{
	return n ? (gosend__jtype)n->type : GOSEND__JN_NONE;
}

const gosend__jn *gosend__jn_get(const gosend__jn *n, const char *key)
{
	size_t klen;

	if (!n || n->type != GOSEND__JN_OBJECT || !key)
		return NULL;
	klen = strlen(key);
	for (n = gosend__jn_first(n); n; n = gosend__jn_next(n)) {
		if (n->klen == klen &&
		    memcmp((const char *)n + n->key, key, klen) == 0)
			return n;
	}
	return NULL;
}

const char *gosend__jn_str(const gosend__jn *n)
{
	if (!n || n->type != GOSEND__JN_STRING)
		return NULL;
	return (const char *)n + n->v.str[0];
}

size_t gosend__jn_str_len(const gosend__jn *n)
{
	return n && n->type == GOSEND__JN_STRING ? n->v.str[1] : 0;
}

int gosend__jn_num(const gosend__jn *n, double *out)
{
	if (!n || n->type != GOSEND__JN_NUMBER)
		return 0;
	if (out)
		*out = n->v.num;
	return 1;
}

const char *gosend__jn_key(const gosend__jn *n)
{
	return n && n->key ? (const char *)n + n->key : NULL;
}

size_t gosend__jn_key_len(const gosend__jn *n)
{
	return n ? n->klen : 0;
}

const gosend__jn *gosend__jn_first(const gosend__jn *n)
{
	return gosend__jn_count(n) ? n + 1 : NULL;
}

const gosend__jn *gosend__jn_next(const gosend__jn *n)
{
	return n && n->next ? n + n->next : NULL;
}

size_t gosend__jn_count(const gosend__jn *n)
{
	if (!n || (n->type != GOSEND__JN_ARRAY && n->type != GOSEND__JN_OBJECT))
		return 0;
	return n->v.count;
}

int gosend__jn_span(const gosend__jn *n, size_t *start, size_t *end)
{
	if (start)
		*start = n ? n->start : 0;
	if (end)
		*end = n ? n->end : 0;
	return n != NULL;
}
