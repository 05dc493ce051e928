/*
 * Handlers shared by the command tables: get one object, list a page or
 * everything, print what a delete leaves; and the adapters from the
 * library's typed calls to them.
 */
#ifndef GOSENDAPI_CLI_RUN_H
#define GOSENDAPI_CLI_RUN_H

#include "cli.h"

/* A library object whose JSON text is printed, with its free function. */
typedef struct cli_obj {
	void *p;
	const char *raw_json;
	void (*free_fn)(void *p);
} cli_obj;

/* Fetch one object; `ids` are the command's positional arguments. */
typedef int (*cli_get_fn)(cli_obj *out, gosend_client *c,
                          const char *const *ids,
                          const gosend_request_options *o, gosend_error **e);
typedef struct cli_get_ops {
	cli_get_fn get;
} cli_get_ops;

/* Fetch one page; `parent` is the first positional argument or NULL. */
typedef int (*cli_page_fn)(cli_obj *out, gosend_client *c, const char *parent,
                           const gosend_list_params *p,
                           const gosend_request_options *o, gosend_error **e);
typedef int (*cli_iter_new_fn)(gosend_iter **out, gosend_client *c,
                               const char *parent,
                               const gosend_request_options *o,
                               gosend_error **e);
/* Next item of an iterator: its JSON text in *raw_json; returns 1, 0 at the
 * end, or a negative gosend_error_code. */
typedef int (*cli_iter_next_fn)(const char **raw_json, gosend_iter *it,
                                gosend_error **e);
typedef struct cli_list_ops {
	cli_page_fn page;
	cli_iter_new_fn iter_new;
	cli_iter_next_fn iter_next;
} cli_list_ops;

/* Print {"deleted":true,"id":ID} (delete calls return no object). */
int cli_print_deleted(const char *id);

/* Handlers: `data` of the command is a cli_get_ops / cli_list_ops. */
int cli_run_get(cli_ctx *ctx, const cli_args *a);
int cli_run_list(cli_ctx *ctx, const cli_args *a);

/*
 * Adapters from the library's typed calls to the generic runners. `call` is
 * the library call written with the adapter's parameter names: `r` (the
 * result pointer), `c` (client), `id` (positional arguments), `o` (request
 * options), `e` (error); for lists `l`, `parent`, `p` (page parameters) and
 * `it`, `x` (the current item) in the iterator calls.
 */
#define CLI_GET_ADAPTER(name, T, free_call, call)                              \
	static void name##_free(void *r)                                       \
	{                                                                      \
		free_call((T *)r);                                             \
	}                                                                      \
	static int name(cli_obj *out, gosend_client *c, const char *const *id, \
	                const gosend_request_options *o, gosend_error **e)     \
	{                                                                      \
		T *r = NULL;                                                   \
		int rc;                                                        \
		(void)id;                                                      \
		rc = (call);                                                   \
		if (rc == 0) {                                                 \
			out->p = r;                                            \
			out->raw_json = r->raw_json;                           \
			out->free_fn = name##_free;                            \
		}                                                              \
		return rc;                                                     \
	}                                                                      \
	static const cli_get_ops name##_ops = {name}

#define CLI_LIST_ADAPTER(name, T, LT, free_call, page_call, iter_call,        \
                         next_call)                                           \
	static void name##_free(void *l)                                      \
	{                                                                     \
		free_call((LT *)l);                                           \
	}                                                                     \
	static int name##_page(                                               \
	        cli_obj *out, gosend_client *c, const char *parent,           \
	        const gosend_list_params *p, const gosend_request_options *o, \
	        gosend_error **e)                                             \
	{                                                                     \
		LT *l = NULL;                                                 \
		int rc;                                                       \
		(void)parent;                                                 \
		rc = (page_call);                                             \
		if (rc == 0) {                                                \
			out->p = l;                                           \
			out->raw_json = l->raw_json;                          \
			out->free_fn = name##_free;                           \
		}                                                             \
		return rc;                                                    \
	}                                                                     \
	static int name##_iter(                                               \
	        gosend_iter **it, gosend_client *c, const char *parent,       \
	        const gosend_request_options *o, gosend_error **e)            \
	{                                                                     \
		(void)parent;                                                 \
		return (iter_call);                                           \
	}                                                                     \
	static int name##_next(const char **raw_json, gosend_iter *it,        \
	                       gosend_error **e)                              \
	{                                                                     \
		const T *x = NULL;                                            \
		int rc = (next_call);                                         \
		*raw_json = rc == 1 && x ? x->raw_json : NULL;                \
		return rc;                                                    \
	}                                                                     \
	static const cli_list_ops name##_ops = {name##_page, name##_iter,     \
	                                        name##_next}

#endif
