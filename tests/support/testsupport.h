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

/* Assert two JSON texts are equal as parsed values (order-insensitive). */
void ts_assert_json_eq(const char *actual, const char *expected);

#endif
