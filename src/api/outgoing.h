/*
 * The gosend_outgoing builder inside: the message object and what its files
 * share. outgoing.c has the object, its constructors and setters;
 * outgoing_interactive.c, outgoing_template.c and outgoing_contacts.c the
 * parts of those kinds; outgoing_check.c the checks of fields and of whole
 * messages.
 *
 * The body is kept as a JSON tree from the start: setters and adders check
 * their input first and only then change the tree, so a failed call leaves
 * the message as it was. Rules about the whole message are checked when
 * the body is written out (gosend_outgoing_to_json, which every send uses).
 */
#ifndef GOSEND_API_OUTGOING_H
#define GOSEND_API_OUTGOING_H

#include "gosendapi/messages.h"
#include "json/value.h"

struct gosend_outgoing {
	int type;            /* gosend_message_type */
	gosend__jv *root;    /* the whole body */
	gosend__jv *payload; /* root[type]: object, or array for contacts */
};

/* ---- the object (outgoing.c) ---- */

/* Entry of constructors: clear *err, refuse a NULL out, set *out NULL. */
int gosend__outgoing_entry(gosend_outgoing **out, gosend_error **err);
/* Entry of setters and adders: clear *err, refuse a NULL message. */
int gosend__outgoing_begin(gosend_outgoing *msg, gosend_error **err);
/*
 * A new message of `type` from `pnid` to `to` (both checked), with an
 * empty payload (an array for contacts) under the type's name.
 */
int gosend__outgoing_new(gosend_outgoing **out, const char *pnid,
                         const char *to, int type, gosend_error **err);
/* GOSEND_ENOMEM, with the detail in *err. */
int gosend__outgoing_oom(gosend_error **err);
/* Free a half-built *out after an allocation failure: GOSEND_ENOMEM. */
int gosend__outgoing_drop(gosend_outgoing **out, gosend_error **err);
/* Set obj[key] to a copy of s; nothing when s is NULL. 0, or -1 when out
 * of memory. */
int gosend__outgoing_put(gosend__jv *obj, const char *key, const char *s);
/* The array obj[key], made when absent; NULL when out of memory. */
gosend__jv *gosend__outgoing_array(gosend__jv *obj, const char *key);
/* A new empty object at obj[key]; NULL when out of memory. */
gosend__jv *gosend__outgoing_object(gosend__jv *obj, const char *key);
/* Image, video, audio, document or sticker. */
int gosend__is_media_type(int type);

/* ---- interactive messages (outgoing_interactive.c) ---- */

/* A list message (1), or reply buttons (0). */
int gosend__outgoing_is_list(const gosend_outgoing *msg);

/* ---- checks (outgoing_check.c) ---- */

#define GOSEND__TXT_REQUIRED 1u /* NULL is refused (else: left out) */
#define GOSEND__TXT_NOCTRL   2u /* no control characters (C0, DEL) */
#define GOSEND__TXT_TOKEN    4u /* printable ASCII without spaces */

/*
 * One caller string: NULL allowed unless GOSEND__TXT_REQUIRED, never empty,
 * valid UTF-8, at most max code points (0: no limit). 0 or GOSEND_EINVAL
 * naming field.
 */
int gosend__check_text(gosend_error **err, const char *field, const char *s,
                       unsigned int flags, long max);
/* A recipient: E.164 digits without '+' (phone.h). */
int gosend__check_to(gosend_error **err, const char *field, const char *to);
/* Exactly one of link (an http(s) URL) and media id, for the object at
 * path ("image", "...parameters[0].document"). */
int gosend__check_link_or_id(gosend_error **err, const char *path,
                             const char *link, const char *id);
/* A document name: text without control characters, '/' or '\\'. */
int gosend__check_filename(gosend_error **err, const char *field,
                           const char *s);
/* The template language rule of api/text.h, refused naming
 * "template.language.code". */
int gosend__check_language(gosend_error **err, const char *code);
/* The rules about a whole message of a kind that has them. */
int gosend__check_message(const gosend_outgoing *msg, gosend_error **err);

#endif
