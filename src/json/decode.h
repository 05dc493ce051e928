/*
 * Internal JSON decoding: table-driven decoding of objects into the
 * library's read-only result structs, list bodies, ids and the JSON text of
 * values. Answers are read as read-only documents (json/parse.h); cJSON
 * only builds request bodies and checks JSON text callers give
 * (json/value.c).
 */
#ifndef GOSEND_JSON_H
#define GOSEND_JSON_H

#include <stddef.h>

#include "core/holder.h"
#include "json/parse.h"

enum gosend__ftype {
	GOSEND__F_STR = 1, /* const char *: JSON string */
	GOSEND__F_ID,      /* const char *: string, or integer <= 2^53 */
	GOSEND__F_BOOL,    /* int: 1, 0, -1 when absent */
	GOSEND__F_INT,     /* long long: integer, -1 when absent */
	GOSEND__F_NUM,     /* double: any number, 0 when absent */
	GOSEND__F_JSON,    /* const char *: any JSON value as text */
	GOSEND__F_STRS     /* const char *const *: string array, count at aux */
};

typedef struct gosend__field {
	const char *key;
	const char *alt; /* another accepted spelling, or NULL */
	size_t offset;
	size_t aux; /* offset of the size_t count for GOSEND__F_STRS */
	unsigned char type;
	unsigned char required;
} gosend__field;

/*
 * The member's C type must be the one its GOSEND__F_* type fills: a table
 * entry naming a member of another type does not compile (the array size
 * below turns negative).
 */
#define GOSEND__CTYPE_GOSEND__F_STR  const char *
#define GOSEND__CTYPE_GOSEND__F_ID   const char *
#define GOSEND__CTYPE_GOSEND__F_JSON const char *
#define GOSEND__CTYPE_GOSEND__F_BOOL int
#define GOSEND__CTYPE_GOSEND__F_INT  long long
#define GOSEND__CTYPE_GOSEND__F_NUM  double
/* T and CT are types and member a name: none can take parentheses. */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define GOSEND__TYPE_IS(T, member, CT) \
	(0 * sizeof(char[_Generic(((T *)0)->member, CT : 1, default : -1)]))
/* NOLINTEND(bugprone-macro-parentheses) */

#define GOSEND__FIELD(T, member, key, alt, type, req)                  \
	{                                                              \
		key, alt,                                              \
		        offsetof(T, member) +                          \
		                GOSEND__TYPE_IS(T, member,             \
		                                GOSEND__CTYPE_##type), \
		        0, type, req                                   \
	}
#define GOSEND__FIELD_STRS(T, member, count, key, req)                \
	{                                                             \
		key, NULL,                                            \
		        offsetof(T, member) +                         \
		                GOSEND__TYPE_IS(T, member,            \
		                                const char *const *), \
		        offsetof(T, count) +                          \
		                GOSEND__TYPE_IS(T, count, size_t),    \
		        GOSEND__F_STRS, req                           \
	}

/* Decoding errors. */
#define GOSEND__DECODE_OK    GOSEND__JP_OK
#define GOSEND__DECODE_NOMEM GOSEND__JP_NOMEM
#define GOSEND__DECODE_BAD   GOSEND__JP_BAD

/*
 * Parse an answer's text: a leading UTF-8 byte order mark is skipped
 * (*skip gets 3, else 0), then it must be one JSON value (json/parse.h)
 * with no raw NUL byte anywhere. GOSEND__DECODE_OK with *doc set, _BAD or
 * _NOMEM (json/body.c).
 */
int gosend__text_parse(gosend__jdoc **doc, size_t *skip, const char *text,
                       size_t len);

/* The top-level value of h's tree (h->root), or NULL. */
const gosend__jn *gosend__h_root(const gosend__holder *h);
/*
 * Free h's tree once every string the object keeps has been copied out of
 * it (a result kept by the thousand, such as a send's, then holds only its
 * body and its own strings).
 */
void gosend__body_tree_drop(gosend__holder *h);

/*
 * The JSON text of n, a node of h's tree, as it is in h->root_text, copied
 * into the holder; compact: without the white space between tokens. NULL
 * when n is NULL or memory runs out.
 */
const char *gosend__node_text(gosend__holder *h, const gosend__jn *n,
                              int compact);

/*
 * Fill obj from the JSON object per the table. Of a field's two spellings
 * the first present and usable one is taken. Absent and null fields, and
 * fields of another JSON type than expected (an id above 2^53, a number
 * where a string is expected...), are left at their "absent" value: they
 * stay in the raw JSON only. A GOSEND__F_STRS array keeps its string
 * elements and skips the others. GOSEND__DECODE_BAD, with *bad set to
 * "(object)" or the key, only when json is not an object or a required
 * field is absent or unusable; GOSEND__DECODE_NOMEM when memory runs out.
 */
int gosend__decode_fields(void *obj, const gosend__jn *json,
                          const gosend__field *fields, size_t n,
                          gosend__holder *h, const char **bad);

/*
 * gosend__decode_fields with nothing required: json that is not an object
 * leaves every field absent. For answers of calls that took effect and for
 * list items. GOSEND__DECODE_OK or GOSEND__DECODE_NOMEM.
 */
int gosend__decode_fields_any(void *obj, const gosend__jn *json,
                              const gosend__field *fields, size_t n,
                              gosend__holder *h);

/*
 * The object an answer describes: root when it is an object with an "id"
 * member, else its first member named in `wrappers` (NULL-terminated, may
 * be NULL) that is an object, else root when it is an object; NULL when
 * root is no object.
 */
const gosend__jn *gosend__answer_object(const gosend__jn *root,
                                        const char *const *wrappers);

/* An id as a string: JSON string, or integer with |v| <= 2^53; *out NULL
 * for no node or null. GOSEND__DECODE_BAD for any other value. */
int gosend__decode_id(const gosend__jn *item, gosend__holder *h,
                      const char **out);

/*
 * Extra decoding of one item after its field table: json is the item's
 * object (NULL for a list element that is not one). Reads what it can and
 * leaves the rest unset: GOSEND__DECODE_OK, or _NOMEM.
 */
typedef int (*gosend__item_fn)(void *item, const gosend__jn *json,
                               gosend__holder *h, const char **bad);

/*
 * How one resource type is decoded, shared by every endpoint that answers
 * with it (one object, a page of them, or the answer of a create):
 * item_size bytes of struct T whose `const char *raw_json` member is at
 * raw_offset, filled by a field table and then by post (may be NULL).
 * `wrappers` (NULL-terminated, may be NULL) name the members an answer may
 * put the object under (see gosend__answer_object).
 */
typedef struct gosend__decoder {
	size_t item_size;
	size_t raw_offset;
	const gosend__field *fields;
	size_t nfields;
	gosend__item_fn post;
	const char *const *wrappers;
	/* a table `post` applies itself (fields is then NULL), read by
	 * lookups such as gosend__item_id */
	const gosend__field *own_fields;
	size_t n_own_fields;
	/* 1: every string the object keeps is outside the tree (post copies
	 * them), so the tree is freed once the answer is decoded */
	int drop_tree;
} gosend__decoder;

#define GOSEND__DECODER(T, fields, post)                                    \
	{                                                                   \
		sizeof(T),                                                  \
		        offsetof(T, raw_json) +                             \
		                GOSEND__TYPE_IS(T, raw_json, const char *), \
		        fields, sizeof(fields) / sizeof((fields)[0]), post, \
		        NULL, NULL, 0, 0                                    \
	}
#define GOSEND__DECODER_W(T, fields, post, wrappers)                        \
	{                                                                   \
		sizeof(T),                                                  \
		        offsetof(T, raw_json) +                             \
		                GOSEND__TYPE_IS(T, raw_json, const char *), \
		        fields, sizeof(fields) / sizeof((fields)[0]), post, \
		        wrappers, NULL, 0, 0                                \
	}

/*
 * Decode the array arr of h's tree into items of type d: each element
 * gives an item (so *count is the array's length), filled by the field
 * table with nothing required (an element that is not an object leaves
 * every field absent) and then by d->post, which gets the element, or NULL
 * when it is not an object. An item's raw_json is its element's text.
 * *items gets a pointer array, *count its length; the items and their
 * texts are in one block of the holder. Fails only when arr is no array
 * (GOSEND__DECODE_BAD, *bad "(list)") or memory runs out.
 */
int gosend__decode_array(gosend__holder *h, const gosend__jn *arr,
                         const gosend__decoder *d, void ***items, size_t *count,
                         const char **bad);

/*
 * gosend__decode_array of a list body in h's tree: a bare array, or an
 * object with the array under "data", "items" or "results" (the first
 * present as an array); any other body is GOSEND__DECODE_BAD with *bad
 * "(list)".
 */
int gosend__decode_list(gosend__holder *h, const gosend__decoder *d,
                        void ***items, size_t *count, const char **bad);

/*
 * Decode the answer of a call that took effect (a create), wrapped into
 * obj with its holder h (h's tree may be JSON null for a body that was
 * empty or not JSON): the object is gosend__answer_object(root,
 * d->wrappers), decoded with nothing required and then by d->post (which
 * gets that object or NULL); raw_json gets the whole body. Never refuses
 * an answer: GOSEND__DECODE_OK, or _NOMEM.
 */
int gosend__decode_answer(void *obj, gosend__holder *h,
                          const gosend__decoder *d);

/*
 * Case-insensitive (ASCII) lookup of s in the NULL-terminated table
 * `names`: index + 1, or 0 (the enum's _UNKNOWN) when s is NULL or
 * not found. Tables whose entry 0 is the unknown member's placeholder are
 * passed as `table + 1`.
 */
int gosend__enum_ci(const char *s, const char *const *names);

/* Map a string to an enum value per a NULL-terminated name table. */
int gosend__enum_from(const char *s, const char *const *names, int unknown);

#endif
