/* Shared helpers of the test programs. */
#ifndef GOSEND_TESTSUPPORT_H
#define GOSEND_TESTSUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* Read tests/fixtures/<rel> into a malloc'd NUL-terminated buffer. */
char *ts_fixture(const char *rel, size_t *len);

/* Call fn(rel, text, len, arg) for every .json file of the fixture
 * folders (errors, events, me, messages, resources); the text is freed
 * after the call. Returns how many there were. */
size_t ts_each_json_fixture(void (*fn)(const char *rel, const char *text,
                                       size_t len, void *arg),
                            void *arg);

/* Switch LC_NUMERIC to an installed locale whose decimal point is a
 * comma (de_DE, fr_FR, ru_RU, pt_BR): 1; none installed: 0, and the
 * running test is skipped. Restore with setlocale(LC_NUMERIC, "C"). */
int ts_comma_locale(void);

/* Assert two JSON texts are equal as parsed values (order-insensitive). */
void ts_assert_json_eq(const char *actual, const char *expected);

#endif
