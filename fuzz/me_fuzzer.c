/* Fuzz the GET /me decoder with arbitrary response bodies. */
#include <stddef.h>
#include <stdint.h>

#include "call/endpoint.h"
#include "gosendapi/me.h"
#include "json/types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gosend_me *me = NULL;
	gosend_error *err = NULL;
	void *obj = NULL;
	int rc = gosend__decode(&gosend__type_me, GOSEND__ONE,
	                        (const char *)data, size, &obj, &err);

	me = obj;
	if (rc == 0) {
		if (!me->id || !me->raw_json || !me->meta)
			__builtin_trap();
	} else if (!err || !err->message) {
		__builtin_trap();
	}
	gosend_me_free(me);
	gosend_error_free(err);
	return 0;
}
