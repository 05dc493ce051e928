/*
 * An interposed allocator for allocation-failure tests: the program defines
 * malloc and friends (forwarding to glibc), counts live blocks, and can fail
 * the Nth allocation made on the calling thread, so libcurl's, cJSON's and
 * OpenSSL's allocations fail too.
 */
#ifndef GOSEND_FAILMALLOC_H
#define GOSEND_FAILMALLOC_H

/* Fail the nth allocation (1-based) from now on this thread; 0 disarms. */
void failmalloc_arm(long nth);
/* Whether the armed failure has happened. */
int failmalloc_fired(void);
/* Blocks currently allocated, over all threads. */
long failmalloc_live(void);

#endif
