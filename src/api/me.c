/* The project behind the API key: GET /me. */
#include "gosendapi/me.h"

#include <stddef.h>

#include "call/endpoint.h"
#include "json/types.h"

static const gosend__endpoint ep_me_get = {"GET", "/me", GOSEND__ONE, 0,
                                           &gosend__type_me};

int gosend_me_get(gosend_me **out, gosend_client *client,
                  const gosend_request_options *opts, gosend_error **err)
{
	gosend__ep_args a = {.client = client, .opts = opts};
	void *obj = NULL;
	int rc = gosend__ep_call(&ep_me_get, &a, out ? &obj : NULL, err);

	if (out)
		*out = obj;
	return rc;
}

void gosend_me_free(gosend_me *me)
{
	gosend__obj_free(me);
}
