/*
 * Fuzz the GET /messages page decoder and the GET /messages/{id} decoder
 * with arbitrary response bodies. The first byte picks the decoder (even:
 * a page, odd: one message); the rest is the body.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "call/endpoint.h"
#include "json/types.h"
#include "gosendapi/messages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every decoded message keeps the invariants the header promises; a list
 * item may lack its id (a bad item is kept, not fatal). */
static void check_message(const gosend_message *m, int top_level)
{
	size_t n;

	if (!m || m->struct_version != 1 || (top_level && !m->id) ||
	    !m->raw_json)
		__builtin_trap();
	if ((top_level && !m->meta) || (!top_level && m->meta))
		__builtin_trap();
	if (m->type < 0 || m->type > 10 || (m->type && !m->type_name))
		__builtin_trap();
	if (m->status < 0 || m->status > 6 || (m->status && !m->status_name))
		__builtin_trap();
	if (m->text_body && m->type != GOSEND_MESSAGE_TYPE_TEXT)
		__builtin_trap();
	/* touch every string */
	n = strlen(m->raw_json);
	if (m->id)
		n += strlen(m->id);
	if (m->content_json)
		n += strlen(m->content_json);
	if (m->created_at)
		n += strlen(m->created_at);
	(void)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body;
	gosend_error *err = NULL;
	size_t i;
	int rc;

	if (size == 0)
		return 0;
	body = (const char *)data + 1;
	if (data[0] % 2 == 0) {
		gosend_message_list *l = NULL;
		void *o = NULL;
		rc = gosend__decode(&gosend__type_message, GOSEND__PAGE, body,
		                    size - 1, &o, &err);
		l = o;
		if (rc == 0) {
			if (!l || !l->meta || !l->raw_json ||
			    (l->count && !l->items))
				__builtin_trap();
			for (i = 0; i < l->count; i++)
				check_message(l->items[i], 0);
		} else if (l || !err || !err->message || err->code != rc ||
		           (err->field && strcmp(err->field, "(list)") != 0)) {
			/* only the body's shape fails a page */
			__builtin_trap();
		}
		gosend_message_list_free(l);
	} else {
		gosend_message *m = NULL;
		void *o = NULL;
		rc = gosend__decode(&gosend__type_message, GOSEND__ONE, body,
		                    size - 1, &o, &err);
		m = o;
		if (rc == 0)
			check_message(m, 1);
		else if (m || !err || !err->message || err->code != rc ||
		         (err->field && strcmp(err->field, "(object)") != 0 &&
		          strcmp(err->field, "id") != 0))
			__builtin_trap();
		gosend_message_free(m);
	}
	gosend_error_free(err);
	return 0;
}
