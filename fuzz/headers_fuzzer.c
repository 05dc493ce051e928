/* Fuzz the response-header parser (pagination, rate limit, Retry-After). */
#include <stddef.h>
#include <stdint.h>

#include "core/headers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gosend_meta meta;

	(void)gosend__meta_from_headers(&meta, (const char *)data, size);
	if (meta.total_count < -1 || meta.page < -1 || meta.per_page < -1 ||
	    meta.retry_after_s < -1)
		__builtin_trap();
	return 0;
}
