/* Fuzz the webhook event parser with arbitrary delivery bodies. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gosendapi/webhook_events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The answers of an inbound message: each view whole, of a known kind. */
static void check_answers(const gosend_webhook_inbound_message *m)
{
	const gosend_webhook_reply *r = m->reply;
	const gosend_webhook_flow_reply *f = m->flow_reply;
	const gosend_webhook_location *l = m->location;

	if (r && (r->struct_version != 1 || !r->raw_json ||
	          r->kind < GOSEND_WEBHOOK_REPLY_BUTTON ||
	          r->kind > GOSEND_WEBHOOK_REPLY_TEMPLATE_BUTTON ||
	          (r->description && r->kind != GOSEND_WEBHOOK_REPLY_LIST)))
		__builtin_trap();
	if (f && (f->struct_version != 1 || !f->raw_json))
		__builtin_trap();
	if (l &&
	    (l->struct_version != 1 || !l->raw_json ||
	     (!l->has_coordinates && (l->latitude != 0 || l->longitude != 0))))
		__builtin_trap();
}

static void check_view_strings(const gosend_webhook_event *ev)
{
	if (ev->message &&
	    (ev->message->struct_version != 2 || !ev->message->raw_json))
		__builtin_trap();
	if (ev->message)
		check_answers(ev->message);
	if (ev->status &&
	    (ev->status->struct_version != 1 || !ev->status->raw_json ||
	     ev->status->error_code < -1))
		__builtin_trap();
	if (ev->template_status && (ev->template_status->struct_version != 1 ||
	                            !ev->template_status->raw_json))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gosend_webhook_event *ev = NULL;
	gosend_error *err = NULL;
	int rc = gosend_webhook_event_parse(&ev, data, size, &err);

	if (rc == 0) {
		const char *doc;
		if (!ev || err || !ev->name || !ev->raw_json || !ev->meta ||
		    strlen(ev->raw_json) != size ||
		    memcmp(ev->raw_json, data, size) != 0)
			__builtin_trap();
		doc = gosend_webhook_event_type_name(ev->type);
		if (ev->type == GOSEND_WEBHOOK_EVENT_OTHER
		            ? doc != NULL
		            : strcmp(doc, ev->name))
			__builtin_trap();
		if (!gosend_webhook_event_is(ev, ev->name) ||
		    !gosend_webhook_event_matches(ev, "*") ||
		    (!strchr(ev->name, '*') &&
		     !gosend_webhook_event_matches(ev, ev->name)))
			__builtin_trap();
		if (ev->id && !*ev->id)
			__builtin_trap();
		if (ev->timestamp_unix != -1 && !ev->timestamp)
			__builtin_trap();
		check_view_strings(ev);
	} else if (ev || !err || err->code != rc || !err->message ||
	           (rc != GOSEND_EPROTOCOL && rc != GOSEND_ENOMEM)) {
		__builtin_trap();
	}
	gosend_webhook_event_free(ev);
	gosend_error_free(err);
	return 0;
}
