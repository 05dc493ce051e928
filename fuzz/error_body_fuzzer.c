/* Fuzz the error-body decoder: first byte picks the HTTP status. */
#include <stddef.h>
#include <stdint.h>

#include "call/exchange.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = {400, 401, 403, 404, 409, 415,
	                                422, 429, 500, 502, 503, 302};
	gosend_error *err = NULL;
	long status = 400;
	size_t i;

	if (size > 0) {
		status = statuses[data[0] %
		                  (sizeof(statuses) / sizeof(statuses[0]))];
		data++;
		size--;
	}
	(void)gosend__error_from_response(&err, status, (const char *)data,
	                                  size);
	if (!err || !err->message || !err->meta)
		__builtin_trap();
	for (i = 0; i < err->messages_count; i++) {
		if (!err->messages[i])
			__builtin_trap();
	}
	gosend_error_free(err);
	return 0;
}
