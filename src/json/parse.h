/*
 * A read-only JSON document for decoding: RFC 8259 text parsed into one
 * compact block (one allocation per document), walked with the readers
 * below. Building JSON stays with json/value.h.
 *
 * Grammar: exactly one value (RFC 8259), leading and trailing whitespace
 * (space, tab, CR, LF) allowed, containers nested at most
 * GOSEND__JP_DEPTH deep. Strings: every escape, \uXXXX surrogate pairs
 * become UTF-8 (a lone or unpaired surrogate is bad); other bytes,
 * including raw control characters, NUL and bytes >= 0x80, are kept as
 * they are (no UTF-8 validation). Numbers: the RFC form only (no leading
 * zeros, no "+", no "1." or ".5"); the value is the correctly rounded
 * double whatever the C locale, +-HUGE_VAL when out of range.
 *
 * Ownership: the document owns every node and string; they live until
 * gosend__jdoc_free. The input text need not outlive the parse.
 *
 * Threads: parses share nothing but a "C" locale for strtod, made once
 * (thread-safely) by the first number that needs it; a parsed document
 * is never written again, so any number of threads may read it at once.
 */
#ifndef GOSEND_JSON_PARSE_H
#define GOSEND_JSON_PARSE_H

#include <stddef.h>

/* Results of gosend__jdoc_parse: the values of GOSEND__DECODE_*. */
#define GOSEND__JP_OK    0
#define GOSEND__JP_NOMEM (-1)
#define GOSEND__JP_BAD   (-2)

/* Deepest accepted nesting of arrays and objects. */
#define GOSEND__JP_DEPTH 1000

typedef struct gosend__jdoc gosend__jdoc;
typedef struct gosend__jn gosend__jn;

typedef enum gosend__jtype {
	GOSEND__JN_NONE = 0, /* no node (a NULL argument) */
	GOSEND__JN_NULL,
	GOSEND__JN_FALSE,
	GOSEND__JN_TRUE,
	GOSEND__JN_NUMBER,
	GOSEND__JN_STRING,
	GOSEND__JN_ARRAY,
	GOSEND__JN_OBJECT
} gosend__jtype;

/*
 * Parse len bytes of text (no NUL terminator needed) into *out.
 * GOSEND__JP_OK; GOSEND__JP_BAD when the text is not exactly one JSON
 * value per the grammar above, or is UINT32_MAX bytes or longer;
 * GOSEND__JP_NOMEM when memory runs out (or the document would need
 * 4 GiB). One allocation (gosend__malloc) per document, none left on
 * failure, when *out is NULL.
 */
int gosend__jdoc_parse(gosend__jdoc **out, const char *text, size_t len);

/* Free the document and everything read from it. NULL is a no-op. */
void gosend__jdoc_free(gosend__jdoc *doc);

/* The top-level value; NULL when doc is NULL. */
const gosend__jn *gosend__jdoc_root(const gosend__jdoc *doc);

/*
 * Readers. Every one accepts NULL (and then answers NONE, NULL or 0), so
 * lookups chain: gosend__jn_str(gosend__jn_get(root, "id")).
 */
gosend__jtype gosend__jn_type(const gosend__jn *n);

/* The first member named key (case-sensitive, compared over its whole
 * unescaped length); NULL when n is not an object or has no such member. */
const gosend__jn *gosend__jn_get(const gosend__jn *n, const char *key);

/* A string's unescaped text, NUL-terminated (it may hold NULs of its own:
 * gosend__jn_str_len is its length); NULL unless n is a string. */
const char *gosend__jn_str(const gosend__jn *n);
size_t gosend__jn_str_len(const gosend__jn *n);

/* 1 and *out set (out may be NULL) when n is a number; else 0. */
int gosend__jn_num(const gosend__jn *n, double *out);

/* A member's unescaped key and its length; NULL and 0 unless n is a
 * member of an object. */
const char *gosend__jn_key(const gosend__jn *n);
size_t gosend__jn_key_len(const gosend__jn *n);

/* Children of an array or object in text order: the first, then each
 * one's next sibling; NULL past the last or when n has no children. */
const gosend__jn *gosend__jn_first(const gosend__jn *n);
const gosend__jn *gosend__jn_next(const gosend__jn *n);

/* Number of children of an array or object (O(1)); 0 for other nodes. */
size_t gosend__jn_count(const gosend__jn *n);

/*
 * Where the value's text lies in the parsed input: bytes [*start, *end)
 * (a member's value only, without its key). 1 when n is a node; 0 with
 * both set to 0 when n is NULL. start or end may be NULL.
 */
int gosend__jn_span(const gosend__jn *n, size_t *start, size_t *end);

/*
 * The JSON text of a finite number d in out (n bytes; 32 are enough):
 * an int as one, else the shortest of 15 or 17 significant digits that
 * reads back as d, written in the "C" locale whatever the caller's (the
 * same locale the parser reads numbers in). Its length, or -1 when it
 * does not fit or no "C" locale can be made.
 */
int gosend__jp_number_text(char *out, size_t n, double d);

#endif
