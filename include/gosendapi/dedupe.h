/**
 * @file dedupe.h
 * @brief A bounded set of recently seen ids, for skipping repeated webhook
 *        deliveries (see webhook_events.h).
 *
 * Thread-safety: every function here is thread-safe. A ::gosend_dedupe set
 * may be shared by any number of threads (each call takes the set's
 * mutex); gosend_dedupe_free() must not race with other calls on the same
 * set.
 *
 * Nothing here needs a ::gosend_client or gosend_global_init(), nor touches
 * the network.
 *
 * @since 0.1.0
 */
#ifndef GOSENDAPI_DEDUPE_H
#define GOSENDAPI_DEDUPE_H

#include <stddef.h>

#include "common.h"
#include "errors.h"

GOSEND_BEGIN_DECL

/**
 * Opaque bounded set of recently seen ids. Its memory is allocated once, at
 * creation: it remembers at most `capacity` ids and, when full, forgets the
 * least recently seen one. Ids are stored as keyed SHA-256 digests, so
 * their length does not matter. Thread-safe (one mutex per set).
 * @since 0.1.0
 */
typedef struct gosend_dedupe gosend_dedupe;

/**
 * Create a set.
 *
 * Sizing: deliveries are retried for about 2.5 hours (0 s, 1 min, 5 min,
 * 30 min, 2 h), so choose a capacity above the number of events expected in
 * that time. Each entry takes about 50 bytes.
 *
 * @param[out] out  On success the set, else NULL. Free with
 *                  gosend_dedupe_free().
 * @param capacity  Most ids remembered, 1 to 16777216 (2^24).
 * @param[out] err  If not NULL, on failure the detail; free with
 *                  gosend_error_free().
 * @return 0, #GOSEND_EINVAL (NULL @p out, capacity out of range),
 *         #GOSEND_ENOMEM, or #GOSEND_ERROR when no random key could be
 *         obtained.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_dedupe_new(gosend_dedupe **out, size_t capacity,
                                    gosend_error **err);

/**
 * Record an id and tell whether it was already there. Atomic: when several
 * threads offer the same new id at once, exactly one gets 0. A repeat counts
 * as a use, so an id that keeps being retried stays in the set.
 *
 * A typical receiver answers 2xx without processing when this returns 1,
 * and calls gosend_dedupe_remove() when processing a new id fails, so that
 * the retry is processed.
 *
 * @param set       The set. Not NULL.
 * @param id        The id (e.g. the event's `id`). Not NULL, not empty;
 *                  compared byte for byte.
 * @param[out] err  If not NULL, on failure the detail; free with
 *                  gosend_error_free().
 * @return 1 when the id was seen before (it is now the most recent), 0 when
 *         it is new (now recorded, possibly forgetting the least recently
 *         seen id), #GOSEND_EINVAL (NULL set, NULL or empty id) or
 *         #GOSEND_ERROR when hashing fails.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_dedupe_check_and_add(gosend_dedupe *set,
                                              const char *id,
                                              gosend_error **err);

/**
 * Forget an id, e.g. after processing it failed.
 * @param set       The set. Not NULL.
 * @param id        The id. Not NULL, not empty.
 * @param[out] err  If not NULL, on failure the detail; free with
 *                  gosend_error_free().
 * @return 1 when the id was in the set, 0 when it was not, #GOSEND_EINVAL
 *         or #GOSEND_ERROR as for gosend_dedupe_check_and_add().
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN int gosend_dedupe_remove(gosend_dedupe *set, const char *id,
                                       gosend_error **err);

/**
 * Number of ids the set currently remembers.
 * @param set  The set, or NULL (gives 0).
 * @return A number between 0 and the capacity.
 * @note Thread-safe.
 * @since 0.1.0
 */
GOSEND_EXTERN size_t gosend_dedupe_count(gosend_dedupe *set);

/**
 * Free a set. Must not race with other calls on the same set.
 * @param set  The set; NULL is a no-op.
 * @since 0.1.0
 */
GOSEND_EXTERN void gosend_dedupe_free(gosend_dedupe *set);

GOSEND_END_DECL

#endif
