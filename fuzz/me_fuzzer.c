/* Fuzz the GET /me decoder with arbitrary response bodies. */
#include <stddef.h>
#include <stdint.h>

#include "json/decoders.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gosend_me *me = NULL;
	gosend_error *err = NULL;

	if (gosend__me_from_json(&me, (const char *)data, size, &err) == 0) {
		if (!me->id || !me->raw_json || !me->meta)
			__builtin_trap();
	} else if (!err || !err->message) {
		__builtin_trap();
	}
	gosend_me_free(me);
	gosend_error_free(err);
	return 0;
}
