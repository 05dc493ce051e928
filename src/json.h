/*
 * Internal JSON decoding helpers: table-driven decoding of objects into the
 * library's read-only result structs, list bodies, ids and raw-JSON spans.
 * Together with the encoders these are the only files that use cJSON.
 */
#ifndef GOSEND_JSON_H
#define GOSEND_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "holder.h"

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

#define GOSEND__FIELD(T, member, key, alt, type, req)       \
	{                                                   \
		key, alt, offsetof(T, member), 0, type, req \
	}
#define GOSEND__FIELD_STRS(T, member, count, key, req)              \
	{                                                           \
		key, NULL, offsetof(T, member), offsetof(T, count), \
		        GOSEND__F_STRS, req                         \
	}

/* Decoding errors. */
#define GOSEND__DECODE_OK    0
#define GOSEND__DECODE_NOMEM (-1)
#define GOSEND__DECODE_BAD   (-2)

/*
 * Fill obj from the JSON object per the table. Absent and null fields are
 * left at their "absent" value; a required field absent, or a field of the
 * wrong type, is GOSEND__DECODE_BAD with *bad set to its key.
 */
int gosend__decode_fields(void *obj, const cJSON *json,
                          const gosend__field *fields, size_t n,
                          gosend__holder *h, const char **bad);

/* An id as a string: JSON string, or integer with |v| <= 2^53. */
int gosend__decode_id(const cJSON *item, gosend__holder *h, const char **out);

/*
 * Parse body (exactly len bytes; trailing whitespace allowed) into h->root.
 * Returns GOSEND__DECODE_OK, _NOMEM or _BAD.
 */
int gosend__parse_body(gosend__holder *h, const char *body, size_t len);

typedef int (*gosend__item_fn)(void *item, const cJSON *json, gosend__holder *h,
                               const char **bad);

/*
 * Decode a list body (bare array, or object with the array under "data",
 * "items" or "results") already parsed into h->root from h->body.
 * Each item is allocated with item_size bytes, filled by the field table and
 * then by post (may be NULL); raw_offset is the offset of its
 * `const char *raw_json` member. *items gets a pointer array, *count its
 * length.
 */
int gosend__decode_list(gosend__holder *h, size_t item_size, size_t raw_offset,
                        const gosend__field *fields, size_t nfields,
                        gosend__item_fn post, void ***items, size_t *count,
                        const char **bad);

/*
 * The text of member `key` of the JSON object `text` (already validated by
 * cJSON), copied into the holder; NULL when absent or out of memory. Cheaper
 * than printing the parsed member again.
 */
const char *gosend__json_member_text(gosend__holder *h, const char *text,
                                     size_t len, const char *key);

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
