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
 * the body is written out (gosend_outgoing_to_json in outgoing_check.c,
 * which every send uses).
 */
#ifndef GOSEND_API_OUTGOING_H
#define GOSEND_API_OUTGOING_H

#include "gosendapi/messages.h"
#include "api/field_check.h"
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

/* The kinds of interactive message, as bits (interactive.type). */
#define GOSEND__IA_BUTTON           1u  /* "button" */
#define GOSEND__IA_LIST             2u  /* "list" */
#define GOSEND__IA_CTA_URL          4u  /* "cta_url" */
#define GOSEND__IA_FLOW             8u  /* "flow" */
#define GOSEND__IA_LOCATION_REQUEST 16u /* "location_request_message" */

/* The GOSEND__IA_* kind of an interactive message; 0 for other types. */
unsigned int gosend__interactive_kind(const gosend_outgoing *msg);
/* A list message (1), or another kind (0). */
int gosend__outgoing_is_list(const gosend_outgoing *msg);
/*
 * A new interactive message {"type": type, "body": {"text": body},
 * "action": {}} after the checks of body (required, at most
 * GOSEND_INTERACTIVE_BODY_MAX) and of the sender and recipient. *out is
 * set on success only.
 */
int gosend__interactive_new(gosend_outgoing **out, const char *pnid,
                            const char *to, const char *type, const char *body,
                            gosend_error **err);
/* The payload's `action` object. */
gosend__jv *gosend__interactive_action(const gosend_outgoing *msg);

/* ---- whole messages (outgoing_check.c) ---- */

/* The rules about a whole message of a kind that has them. */
int gosend__check_message(const gosend_outgoing *msg, gosend_error **err);

#endif
