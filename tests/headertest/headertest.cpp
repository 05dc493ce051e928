/*
 * Header test, C++: one public header on its own, included twice, compiled
 * as C++11. Compiled by scripts/packaging-check.sh once per installed
 * header:
 *
 *   c++ -std=c++11 -Wall -Wextra -pedantic -Werror -fsyntax-only \
 *       -I<prefix>/include '-DHEADERTEST_HEADER=<gosendapi/client.h>' \
 *       tests/headertest/headertest.cpp
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

// A C++ translation unit may be empty, but the C one is not; keep them alike.
typedef int headertest_nonempty;
