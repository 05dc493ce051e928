/*
 * JSON values for the layers above: the one way code outside src/json/
 * builds or reads a JSON tree. The tree is the JSON library's (cJSON), but
 * its type stays opaque here, so only src/json/ includes the library and a
 * change of library touches this folder alone.
 *
 * Building: gosend__jv_object() and friends make a value the caller owns
 * (gosend__jv_free). gosend__jv_set and gosend__jv_push take ownership of
 * the item they are given, also when they fail (the item is freed then),
 * so a builder never leaks on an error path. Reading: accessors return
 * NULL (or 0) for a value of another type, so a missing member and a
 * wrong-typed one read the same.
 */
#ifndef GOSEND_JSON_VALUE_H
#define GOSEND_JSON_VALUE_H

#include <stddef.h>

typedef struct gosend__jv gosend__jv;

/* ---- making values (NULL when out of memory) ---- */
gosend__jv *gosend__jv_object(void);
gosend__jv *gosend__jv_array(void);
gosend__jv *gosend__jv_string(const char *s);
gosend__jv *gosend__jv_number(double v);
gosend__jv *gosend__jv_bool(int v);
/* A value written as it is: text must be valid JSON. */
gosend__jv *gosend__jv_raw(const char *json);
/* A deep copy. */
gosend__jv *gosend__jv_copy(const gosend__jv *v);
void gosend__jv_free(gosend__jv *v);

/*
 * Set obj[key] to item (an earlier member of that key is replaced where
 * it stands, a new one appended); takes item. 0, or -1 when obj is not an
 * object, item is NULL or memory ran out (item is freed).
 */
int gosend__jv_set(gosend__jv *obj, const char *key, gosend__jv *item);
/* Remove and free obj[key]; nothing when it is absent or obj is not an
 * object. */
void gosend__jv_remove(gosend__jv *obj, const char *key);
/*
 * Append item to obj under a key that is not there yet and that outlives
 * the value (a string constant): the key is neither looked for nor copied,
 * which makes building a fresh object cheaper. Takes item. 0 or -1, as
 * gosend__jv_set.
 */
int gosend__jv_add(gosend__jv *obj, const char *const_key, gosend__jv *item);
/* gosend__jv_add with a new string (s NULL: -1). */
int gosend__jv_add_str(gosend__jv *obj, const char *const_key, const char *s);
/* gosend__jv_set with a new string (s NULL: -1). */
int gosend__jv_set_str(gosend__jv *obj, const char *key, const char *s);
/* Append item to an array; takes item. 0 or -1, as gosend__jv_set. */
int gosend__jv_push(gosend__jv *arr, gosend__jv *item);
/* gosend__jv_set_str when s is not NULL; nothing (0) when it is. */
int gosend__jv_set_opt_str(gosend__jv *obj, const char *key, const char *s);
/* A new array of the n strings; NULL when one is NULL or out of memory. */
gosend__jv *gosend__jv_strings(const char *const *s, size_t n);

/* ---- reading ---- */
int gosend__jv_is_object(const gosend__jv *v);
int gosend__jv_is_array(const gosend__jv *v);
/* obj[key] (case-sensitive), NULL when absent or obj is no object. */
gosend__jv *gosend__jv_get(const gosend__jv *obj, const char *key);
/* The text of a string value, NULL for any other value. */
const char *gosend__jv_str(const gosend__jv *v);
/* The string at obj[key], NULL when absent or not a string. */
const char *gosend__jv_get_str(const gosend__jv *obj, const char *key);
/* Elements of an array or members of an object; 0 for other values. */
size_t gosend__jv_count(const gosend__jv *v);
/* The last element of an array, NULL when empty. */
gosend__jv *gosend__jv_last(const gosend__jv *arr);
/* Walking an array's elements or an object's members in order. */
gosend__jv *gosend__jv_first(const gosend__jv *v);
gosend__jv *gosend__jv_next(const gosend__jv *v);

#define GOSEND__JV_EACH(el, v) \
	for ((el) = gosend__jv_first(v); (el); (el) = gosend__jv_next(el))

/*
 * Parse exactly len bytes (trailing whitespace allowed); NULL when the
 * text is not one JSON value or memory ran out.
 */
gosend__jv *gosend__jv_parse(const char *text, size_t len);
/* Results of gosend__jv_parse_checked. */
#define GOSEND__JV_BAD   (-1)
#define GOSEND__JV_NOMEM (-2)
/*
 * gosend__jv_parse telling its failures apart: 0 with *out set;
 * GOSEND__JV_BAD (*out NULL) when the text is not one JSON value;
 * GOSEND__JV_NOMEM when memory ran out.
 */
int gosend__jv_parse_checked(gosend__jv **out, const char *text, size_t len);
/*
 * Compact text of v, allocated with gosend__malloc (free it with
 * gosend__free); NULL when out of memory or when v holds something that
 * is no JSON value (a raw member with empty text).
 */
char *gosend__jv_print(const gosend__jv *v);
/*
 * The last step of building a request body: the compact text of obj in
 * *body (allocated with gosend__malloc) and its length in *len; obj is
 * freed in every case. 0, or -1 with *body NULL when ok is 0 (a step of
 * the builder failed), obj is NULL or memory ran out.
 */
int gosend__jv_body(gosend__jv *obj, int ok, char **body, size_t *len);

#endif
