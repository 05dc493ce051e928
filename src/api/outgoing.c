/*
 * Outgoing messages: the gosend_outgoing object, the constructors of text,
 * media and location messages, the setters every kind shares and the JSON
 * body (see api/outgoing.h for how the files divide the builder).
 */
#include "api/outgoing.h"

#include <stdio.h>

#include "core/alloc.h"
#include "core/errors.h"

/* ---- the object ---- */

int gosend__outgoing_entry(gosend_outgoing **out, gosend_error **err)
{
	if (err)
		*err = NULL;
	if (!out)
		return gosend__fail(err, GOSEND_EINVAL, "out", "out is NULL");
	*out = NULL;
	return GOSEND_OK;
}

int gosend__outgoing_begin(gosend_outgoing *msg, gosend_error **err)
{
	if (err)
		*err = NULL;
	if (!msg)
		return gosend__fail(err, GOSEND_EINVAL, "msg", "msg is NULL");
	return GOSEND_OK;
}

int gosend__outgoing_oom(gosend_error **err)
{
	(void)gosend__fail(err, GOSEND_ENOMEM, NULL, "out of memory");
	return GOSEND_ENOMEM;
}

int gosend__outgoing_drop(gosend_outgoing **out, gosend_error **err)
{
	gosend_outgoing_free(*out);
	*out = NULL;
	return gosend__outgoing_oom(err);
}

int gosend__outgoing_put(gosend__jv *obj, const char *key, const char *s)
{
	return s ? gosend__jv_set_str(obj, key, s) : 0;
}

gosend__jv *gosend__outgoing_array(gosend__jv *obj, const char *key)
{
	gosend__jv *a = gosend__jv_get(obj, key);

	if (gosend__jv_is_array(a))
		return a;
	a = gosend__jv_array();
	if (gosend__jv_set(obj, key, a) < 0)
		return NULL;
	return a;
}

gosend__jv *gosend__outgoing_object(gosend__jv *obj, const char *key)
{
	gosend__jv *o = gosend__jv_object();

	if (gosend__jv_set(obj, key, o) < 0)
		return NULL;
	return o;
}

int gosend__is_media_type(int type)
{
	return type == GOSEND_MESSAGE_TYPE_IMAGE ||
	       type == GOSEND_MESSAGE_TYPE_VIDEO ||
	       type == GOSEND_MESSAGE_TYPE_AUDIO ||
	       type == GOSEND_MESSAGE_TYPE_DOCUMENT ||
	       type == GOSEND_MESSAGE_TYPE_STICKER;
}

int gosend__outgoing_new(gosend_outgoing **out, const char *pnid,
                         const char *to, int type, gosend_error **err)
{
	const char *name = gosend_message_type_name(type);
	gosend_outgoing *m;
	int rc = gosend__check_text(err, "phone_number_id", pnid,
	                            GOSEND__TXT_REQUIRED | GOSEND__TXT_TOKEN,
	                            128);

	if (rc == 0)
		rc = gosend__check_to(err, "to", to);
	if (rc != 0)
		return rc;
	m = gosend__calloc(1, sizeof(*m));
	if (!m)
		return gosend__outgoing_oom(err);
	*out = m;
	m->type = type;
	m->root = gosend__jv_object();
	m->payload = type == GOSEND_MESSAGE_TYPE_CONTACTS ? gosend__jv_array()
	                                                  : gosend__jv_object();
	/* a fresh object and constant keys (name comes from the type table) */
	if (!m->root || gosend__jv_add_str(m->root, "phone_number_id", pnid) ||
	    gosend__jv_add_str(m->root, "to", to) ||
	    gosend__jv_add_str(m->root, "type", name)) {
		gosend__jv_free(m->payload);
		return gosend__outgoing_drop(out, err);
	}
	/* the root takes the payload, also when this fails */
	if (gosend__jv_add(m->root, name, m->payload) < 0)
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

void gosend_outgoing_free(gosend_outgoing *msg)
{
	if (!msg)
		return;
	gosend__jv_free(msg->root);
	gosend__free(msg);
}

int gosend_outgoing_type(const gosend_outgoing *msg)
{
	return msg ? msg->type : GOSEND_MESSAGE_TYPE_UNKNOWN;
}

/* ---- constructors ---- */

int gosend_outgoing_text_new(gosend_outgoing **out, const char *phone_number_id,
                             const char *to, const char *body,
                             gosend_error **err)
{
	int rc = gosend__outgoing_entry(out, err);

	if (rc == 0)
		rc = gosend__check_text(err, "text.body", body,
		                        GOSEND__TXT_REQUIRED,
		                        GOSEND_TEXT_BODY_MAX);
	if (rc == 0)
		rc = gosend__outgoing_new(out, phone_number_id, to,
		                          GOSEND_MESSAGE_TYPE_TEXT, err);
	if (rc != 0)
		return rc;
	if (gosend__jv_add_str((*out)->payload, "body", body) < 0)
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

int gosend_outgoing_media_new(gosend_outgoing **out,
                              const char *phone_number_id, const char *to,
                              int type, const char *link, const char *media_id,
                              gosend_error **err)
{
	int rc = gosend__outgoing_entry(out, err);

	if (rc != 0)
		return rc;
	if (!gosend__is_media_type(type))
		return gosend__fail(err, GOSEND_EINVAL, "type",
		                    "type must be image, video, audio, "
		                    "document or sticker");
	rc = gosend__check_link_or_id(err, gosend_message_type_name(type), link,
	                              media_id);
	if (rc == 0)
		rc = gosend__outgoing_new(out, phone_number_id, to, type, err);
	if (rc != 0)
		return rc;
	if (gosend__jv_set_str((*out)->payload, link ? "link" : "id",
	                       link ? link : media_id) < 0)
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

/* The coordinates in range, the optional texts well formed. */
static int check_location(double latitude, double longitude, const char *name,
                          const char *address, gosend_error **err)
{
	int rc;

	if (!(latitude >= -90.0 && latitude <= 90.0))
		return gosend__fail(err, GOSEND_EINVAL, "location.latitude",
		                    "location.latitude must be between -90 "
		                    "and 90");
	if (!(longitude >= -180.0 && longitude <= 180.0))
		return gosend__fail(err, GOSEND_EINVAL, "location.longitude",
		                    "location.longitude must be between -180 "
		                    "and 180");
	rc = gosend__check_text(err, "location.name", name, 0, 0);
	if (rc == 0)
		rc = gosend__check_text(err, "location.address", address, 0, 0);
	return rc;
}

int gosend_outgoing_location_new(gosend_outgoing **out,
                                 const char *phone_number_id, const char *to,
                                 double latitude, double longitude,
                                 const char *name, const char *address,
                                 gosend_error **err)
{
	gosend__jv *p;
	int rc = gosend__outgoing_entry(out, err);

	if (rc == 0)
		rc = check_location(latitude, longitude, name, address, err);
	if (rc == 0)
		rc = gosend__outgoing_new(out, phone_number_id, to,
		                          GOSEND_MESSAGE_TYPE_LOCATION, err);
	if (rc != 0)
		return rc;
	p = (*out)->payload;
	if (gosend__jv_set(p, "latitude", gosend__jv_number(latitude)) < 0 ||
	    gosend__jv_set(p, "longitude", gosend__jv_number(longitude)) < 0 ||
	    gosend__outgoing_put(p, "name", name) < 0 ||
	    gosend__outgoing_put(p, "address", address) < 0)
		return gosend__outgoing_drop(out, err);
	return GOSEND_OK;
}

/* ---- setters ---- */

int gosend_outgoing_set_to(gosend_outgoing *msg, const char *to,
                           gosend_error **err)
{
	int rc = gosend__outgoing_begin(msg, err);

	if (rc == 0)
		rc = gosend__check_to(err, "to", to);
	if (rc != 0)
		return rc;
	if (gosend__jv_set_str(msg->root, "to", to) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_preview_url(gosend_outgoing *msg, int enable,
                                    gosend_error **err)
{
	int rc = gosend__outgoing_begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_TEXT)
		return gosend__fail(
		        err, GOSEND_EINVAL, "text.preview_url",
		        "preview_url applies to text messages only");
	if (gosend__jv_set(msg->payload, "preview_url",
	                   gosend__jv_bool(enable != 0)) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_caption(gosend_outgoing *msg, const char *caption,
                                gosend_error **err)
{
	char field[48];
	const char *name;
	int rc = gosend__outgoing_begin(msg, err);

	if (rc != 0)
		return rc;
	if (!gosend__is_media_type(msg->type))
		return gosend__fail(err, GOSEND_EINVAL, "caption",
		                    "only image, video and document messages "
		                    "take a caption");
	name = gosend_message_type_name(msg->type);
	(void)snprintf(field, sizeof(field), "%s.caption", name);
	if (msg->type == GOSEND_MESSAGE_TYPE_AUDIO ||
	    msg->type == GOSEND_MESSAGE_TYPE_STICKER)
		return gosend__fail(err, GOSEND_EINVAL, field,
		                    "%s messages take no caption (only image, "
		                    "video and document do)",
		                    name);
	rc = gosend__check_text(err, field, caption, GOSEND__TXT_REQUIRED,
	                        GOSEND_CAPTION_MAX);
	if (rc != 0)
		return rc;
	if (gosend__jv_set_str(msg->payload, "caption", caption) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

int gosend_outgoing_set_filename(gosend_outgoing *msg, const char *filename,
                                 gosend_error **err)
{
	int rc = gosend__outgoing_begin(msg, err);

	if (rc != 0)
		return rc;
	if (msg->type != GOSEND_MESSAGE_TYPE_DOCUMENT)
		return gosend__fail(err, GOSEND_EINVAL, "document.filename",
		                    "only document messages take a filename");
	rc = gosend__check_filename(err, "document.filename", filename);
	if (rc != 0)
		return rc;
	if (gosend__jv_set_str(msg->payload, "filename", filename) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}

/* ---- reply context ---- */

int gosend_outgoing_set_reply_to(gosend_outgoing *msg, const char *message_id,
                                 gosend_error **err)
{
	gosend__jv *ctx;
	int rc = gosend__outgoing_begin(msg, err);

	if (rc != 0)
		return rc;
	if (!message_id) {
		gosend__jv_remove(msg->root, "context");
		return GOSEND_OK;
	}
	rc = gosend__check_text(err, "context.message_id", message_id,
	                        GOSEND__TXT_REQUIRED | GOSEND__TXT_NOCTRL, 0);
	if (rc != 0)
		return rc;
	ctx = gosend__jv_object();
	if (!ctx || gosend__jv_set_str(ctx, "message_id", message_id) < 0) {
		gosend__jv_free(ctx);
		return gosend__outgoing_oom(err);
	}
	if (gosend__jv_set(msg->root, "context", ctx) < 0)
		return gosend__outgoing_oom(err);
	return GOSEND_OK;
}
