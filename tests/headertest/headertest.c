/*
 * Header test, C: one public header on its own, included twice (the
 * include guard must make the second inclusion harmless). Compiled by
 * scripts/packaging-check.sh once per installed header, as strict C99:
 *
 *   cc -std=c99 -Wall -Wextra -pedantic -Werror -fsyntax-only \
 *      -I<prefix>/include '-DHEADERTEST_HEADER=<gosendapi/client.h>' \
 *      tests/headertest/headertest.c
 *
 * With -DHEADERTEST_INITS=<file> it also includes that file, which the
 * script generates to initialise a variable with every _INIT macro.
 */
#ifndef HEADERTEST_HEADER
#error "define HEADERTEST_HEADER, e.g. -DHEADERTEST_HEADER=<gosendapi/gosendapi.h>"
#endif

#include HEADERTEST_HEADER
#include HEADERTEST_HEADER

#ifdef HEADERTEST_INITS
#include HEADERTEST_INITS
#endif

/* ISO C wants at least one declaration in a translation unit. */
typedef int headertest_nonempty;
