#include "testsupport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

char *ts_fixture(const char *rel, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	(void)snprintf(path, sizeof(path), "%s/%s", GOSEND_FIXTURES, rel);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open fixture %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

void ts_assert_json_eq(const char *actual, const char *expected)
{
	cJSON *a = cJSON_Parse(actual);
	cJSON *e = cJSON_Parse(expected);

	if (!a)
		fail_msg("actual is not JSON: %s", actual);
	if (!e)
		fail_msg("expected is not JSON: %s", expected);
	if (!cJSON_Compare(a, e, 1)) {
		cJSON_Delete(a);
		cJSON_Delete(e);
		fail_msg("JSON differs:\n  actual:   %s\n  expected: %s",
		         actual, expected);
	}
	cJSON_Delete(a);
	cJSON_Delete(e);
}
