#include "testsupport.h"

#include <dirent.h>
#include <locale.h>
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

size_t ts_each_json_fixture(void (*fn)(const char *rel, const char *text,
                                       size_t len, void *arg),
                            void *arg)
{
	static const char *const dirs[] = {"errors", "events", "me", "messages",
	                                   "resources"};
	size_t i, len, seen = 0;
	char rel[512];

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d;
		struct dirent *e;
		(void)snprintf(rel, sizeof(rel), "%s/%s", GOSEND_FIXTURES,
		               dirs[i]);
		d = opendir(rel);
		if (!d)
			continue;
		while ((e = readdir(d)) != NULL) {
			size_t nl = strlen(e->d_name);
			char *text;
			if (nl < 6 || strcmp(e->d_name + nl - 5, ".json") != 0)
				continue;
			(void)snprintf(rel, sizeof(rel), "%s/%s", dirs[i],
			               e->d_name);
			text = ts_fixture(rel, &len);
			fn(rel, text, len, arg);
			free(text);
			seen++;
		}
		closedir(d);
	}
	return seen;
}

int ts_comma_locale(void)
{
	static const char *const names[] = {
	        "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
	        "de_DE",       "fr_FR",      "ru_RU.UTF-8", "pt_BR.UTF-8"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (setlocale(LC_NUMERIC, names[i]) &&
		    strcmp(localeconv()->decimal_point, ",") == 0)
			return 1;
	}
	setlocale(LC_NUMERIC, "C");
	print_message("locale: no comma-decimal locale installed (tried "
	              "de_DE, fr_FR, ru_RU, pt_BR): skipped\n");
	skip();
	return 0;
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
