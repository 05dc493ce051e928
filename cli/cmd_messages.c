/*
 * messages send | list | get, media upload.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <gosendapi/messages.h>
#include <gosendapi/phone.h>

#include "args.h"
#include "run.h"
#include "util.h"

/* ---- messages list / get, media upload ---- */

CLI_GET_ADAPTER(message_get, gosend_message, gosend_message_free,
                gosend_messages_get(&r, c, id[0], o, e));
CLI_LIST_ADAPTER(messages, gosend_message, gosend_message_list,
                 gosend_message_list_free, gosend_messages_list(&l, c, p, o, e),
                 gosend_messages_iter_new(it, c, 0, o, e),
                 gosend_messages_iter_next(&x, it, e));

static const cli_optspec upload_opts[] = {
        {"from", 0, 1, OPT_FROM, CLI_REQUIRED, "ID",
         "phone number id (Meta's) the media is for"},
        {"file", 0, 1, OPT_FILE, CLI_REQUIRED, "PATH", "file to upload"},
        {"mime", 0, 1, OPT_MIME, CLI_REQUIRED, "TYPE",
         "MIME type, e.g. image/jpeg"},
        CLI_OPT_END};

/* "gosendapi: <label><text>\n", the text cleaned. */
static void say(const cli_ctx *ctx, const char *label, const char *text)
{
	fprintf(stderr, "%s: %s", ctx->prog, label);
	cli_put_text(ctx, stderr, text);
	fputc('\n', stderr);
}

/* Whether the server answered the failed call but did not take the
 * request: a redirect or a 4xx. */
static int refused(const gosend_error *e)
{
	return e && e->http_status >= 300 && e->http_status < 500;
}

/* After a failed `media upload`: the key it used (--idempotency-key), and
 * whether uploading again is safe. Nothing for input refused before
 * sending. */
static void upload_advice(const cli_ctx *ctx, int rc, const gosend_error *e)
{
	const char *key = e ? e->idempotency_key : NULL;

	if (rc == GOSEND_EINVAL)
		return;
	if (key)
		say(ctx, "idempotency key: ", key);
	if (gosend_error_is_retryable(e)) {
		if (key)
			say(ctx, "retry safely with: --idempotency-key ", key);
		else
			fprintf(stderr,
			        "%s: the upload was not processed: it may be "
			        "sent again\n",
			        ctx->prog);
	} else if (refused(e)) {
		fprintf(stderr,
		        "%s: do not re-send as is: the server did not take "
		        "the upload (HTTP %ld); fix it first\n",
		        ctx->prog, e->http_status);
	} else {
		fprintf(stderr,
		        "%s: the file may have been stored: uploading it "
		        "again may store a second copy, under a new media id\n",
		        ctx->prog);
	}
}

/* Add a string member, or null for NULL; the text is cleaned. Returns 0
 * or -1 (no memory). */
static int add_text(const cli_ctx *ctx, cJSON *o, const char *name,
                    const char *text)
{
	char *c;
	cJSON *v;

	if (!text)
		return cJSON_AddNullToObject(o, name) ? 0 : -1;
	c = cli_clean_copy(ctx, text);
	v = c ? cJSON_AddStringToObject(o, name, c) : NULL;
	free(c);
	return v ? 0 : -1;
}

/*
 * A send or upload answered 2xx without an id the library recognises: it
 * took effect, its id is unknown. Print what is known as one JSON object
 * (see docs/cli.md); `status` is left out when `with_status` is 0.
 */
static int print_unknown_id(const cli_ctx *ctx, int with_status,
                            const char *status, const char *raw_json,
                            const gosend_meta *meta)
{
	cJSON *o = cJSON_CreateObject();
	char *text = NULL;

	if (o && cJSON_AddNullToObject(o, "id") &&
	    cJSON_AddFalseToObject(o, "id_known") &&
	    (!with_status || add_text(ctx, o, "status", status) == 0) &&
	    cJSON_AddNumberToObject(o, "http_status",
	                            meta ? (double)meta->http_status : 0) &&
	    add_text(ctx, o, "idempotency_key",
	             meta ? meta->idempotency_key : NULL) == 0 &&
	    add_text(ctx, o, "request_id", meta ? meta->request_id : NULL) ==
	            0 &&
	    cJSON_AddBoolToObject(o, "body_incomplete",
	                          meta && meta->body_incomplete) &&
	    add_text(ctx, o, "body", raw_json ? raw_json : "") == 0)
		text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text) {
		fprintf(stderr, "%s: out of memory\n", ctx->prog);
		return CLI_EXIT_API;
	}
	puts(text);
	free(text);
	return CLI_EXIT_OK;
}

/* A send answered 2xx without a message id: the message is sent. */
static int print_accepted_unknown(const cli_ctx *ctx,
                                  const gosend_message_result *res)
{
	const gosend_meta *meta = res->meta;
	int rc =
	        print_unknown_id(ctx, 1, res->status_name, res->raw_json, meta);

	if (rc)
		return rc;
	fprintf(stderr,
	        "%s: accepted (HTTP %ld) without a message id: the message "
	        "is sent, its id unknown",
	        ctx->prog, meta ? meta->http_status : 0L);
	fputs("; do not send it again under a new key", stderr);
	if (meta && meta->idempotency_key) {
		fputs(" (its key: ", stderr);
		cli_put_text(ctx, stderr, meta->idempotency_key);
		fputc(')', stderr);
	}
	fputc('\n', stderr);
	return CLI_EXIT_OK;
}

static int run_upload(cli_ctx *ctx, const cli_args *a)
{
	gosend_media_result *r = NULL;
	gosend_error *e = NULL;
	int rc;

	rc = gosend_media_upload_file(&r, ctx->client, cli_opt(a, OPT_FROM),
	                              cli_opt(a, OPT_FILE),
	                              cli_opt(a, OPT_MIME), cli_ropts(ctx), &e);
	if (rc < 0) {
		cli_report(ctx, rc, e);
		upload_advice(ctx, rc, e);
		gosend_error_free(e);
		return cli_exit_code(rc);
	}
	if (r->id) {
		cli_print_json(r->raw_json);
	} else {
		rc = print_unknown_id(ctx, 0, NULL, r->raw_json, r->meta);
		if (rc == 0)
			fprintf(stderr,
			        "%s: uploaded (HTTP %ld) without a media id: "
			        "the file is stored, its id unknown; upload it "
			        "again to send it by id\n",
			        ctx->prog, r->meta->http_status);
	}
	gosend_media_result_free(r);
	return rc;
}

/* ---- messages send ---- */

static const cli_optspec send_opts[] = {
        {"from", 0, 1, OPT_FROM, 0, "ID",
         "sender: Meta's phone number id (not the number)"},
        {"to", 0, 1, OPT_TO, 0, "NUMBER",
         "recipient, e.g. 5491140123456 or \"+54 9 11 4012-3456\""},
        {"text", 0, 1, OPT_TEXT, 0, "BODY", "send a text message"},
        {"preview-url", 0, 0, OPT_PREVIEW_URL, 0, NULL,
         "with --text: show a preview of the first URL"},
        {"template", 0, 1, OPT_TEMPLATE, 0, "NAME",
         "send an approved template"},
        {"language", 0, 1, OPT_LANGUAGE, 0, "CODE",
         "with --template: its language, e.g. es_AR"},
        {"param", 0, 1, OPT_PARAM, CLI_MULTI, "VALUE",
         "with --template: next body parameter ({{1}}, {{2}}, ...)"},
        {"image", 0, 1, OPT_IMAGE, 0, "URL|ID",
         "send an image by URL or by media id"},
        {"video", 0, 1, OPT_VIDEO, 0, "URL|ID", "send a video"},
        {"audio", 0, 1, OPT_AUDIO, 0, "URL|ID", "send an audio"},
        {"document", 0, 1, OPT_DOCUMENT, 0, "URL|ID", "send a document"},
        {"sticker", 0, 1, OPT_STICKER, 0, "URL|ID", "send a sticker"},
        {"file", 0, 1, OPT_FILE, 0, "PATH",
         "upload a file (POST /media), then send it by id"},
        {"mime", 0, 1, OPT_MIME, 0, "TYPE",
         "with --file: its MIME type, e.g. image/jpeg"},
        {"type", 0, 1, OPT_TYPE, 0, "KIND",
         "with --file: image, video, audio, document or sticker "
         "(default: from --mime)"},
        {"caption", 0, 1, OPT_CAPTION, 0, "TEXT",
         "caption of an image, video or document"},
        {"filename", 0, 1, OPT_FILENAME, 0, "NAME",
         "name shown for a document (with --file: the file's name)"},
        {"latitude", 0, 1, OPT_LATITUDE, 0, "DEG", "send a location"},
        {"longitude", 0, 1, OPT_LONGITUDE, 0, "DEG",
         "the location's longitude"},
        {"name", 0, 1, OPT_NAME, 0, "TEXT", "the location's name"},
        {"address", 0, 1, OPT_ADDRESS, 0, "TEXT", "the location's address"},
        {"reply-button", 0, 1, OPT_REPLY_BUTTON, CLI_MULTI, "ID=TITLE",
         "send reply buttons (1 to 3: repeat it) with --body"},
        {"cta-url", 0, 1, OPT_CTA_URL, 0, "URL",
         "send a call-to-action URL button with --body and "
         "--display-text"},
        {"display-text", 0, 1, OPT_DISPLAY_TEXT, 0, "TEXT",
         "with --cta-url: the button's label"},
        {"flow", 0, 1, OPT_FLOW, 0, "FILE",
         "send a Flow with --body; FILE ('-': stdin) holds the Flow's "
         "parameters as JSON"},
        {"location-request", 0, 0, OPT_LOCATION_REQUEST, 0, NULL,
         "send a location request with --body"},
        {"body", 0, 1, OPT_BODY, 0, "TEXT",
         "body text of an interactive message"},
        {"header", 0, 1, OPT_HEADER, 0, "TEXT",
         "text header of reply buttons, --cta-url or --flow"},
        {"header-image", 0, 1, OPT_HEADER_IMAGE, 0, "URL|ID",
         "image header (instead of --header)"},
        {"header-video", 0, 1, OPT_HEADER_VIDEO, 0, "URL|ID",
         "video header (instead of --header)"},
        {"header-document", 0, 1, OPT_HEADER_DOCUMENT, 0, "URL|ID",
         "document header (instead of --header)"},
        {"header-filename", 0, 1, OPT_HEADER_FILENAME, 0, "NAME",
         "with --header-document: the name shown"},
        {"footer", 0, 1, OPT_FOOTER, 0, "TEXT",
         "footer of reply buttons, --cta-url or --flow"},
        {"button-url", 0, 1, OPT_BUTTON_URL, CLI_MULTI, "N=SUFFIX",
         "with --template: URL button N and the end of its URL"},
        {"button-payload", 0, 1, OPT_BUTTON_PAYLOAD, CLI_MULTI, "N=PAYLOAD",
         "with --template: quick-reply button N and its payload"},
        {"button-copy-code", 0, 1, OPT_BUTTON_COPY_CODE, CLI_MULTI, "N=CODE",
         "with --template: copy-code button N and its code"},
        {"button-flow", 0, 1, OPT_BUTTON_FLOW, CLI_MULTI, "N[=TOKEN]",
         "with --template: Flow button N and its flow_token"},
        {"button-flow-data", 0, 1, OPT_BUTTON_FLOW_DATA, CLI_MULTI, "N=FILE",
         "with --button-flow N: the first screen's data (a JSON object)"},
        {"reply-to", 0, 1, OPT_REPLY_TO, 0, "ID",
         "send as a reply to this message id (wamid....)"},
        {"json", 0, 1, OPT_JSON, 0, "FILE",
         "send this JSON body as is ('-': stdin); any message type"},
        {"limiter", 0, 1, OPT_LIMITER, 0, "URL",
         "share the key's rate limit with every process that uses it: "
         "redis://[:password@]host[:port][/db] (default: "
         "$GOSENDAPI_LIMITER; see docs/scaling.md)"},
        CLI_OPT_END};

/* Most --button-* options of one template. */
#define CLI_MAX_BUTTONS 10

/* Kinds of message; each option selects or belongs to some. */
enum {
	K_TEXT = 1,
	K_TEMPLATE = 2,
	K_MEDIA = 4,
	K_FILE = 8,
	K_LOCATION = 16,
	K_JSON = 32,
	K_BUTTONS = 64,
	K_CTA = 128,
	K_FLOW = 256,
	K_LOCREQ = 512,
	K_HEADED = K_BUTTONS | K_CTA | K_FLOW, /* take a header, a footer */
	K_INTERACTIVE = K_HEADED | K_LOCREQ,
	K_BUILT = K_TEXT | K_TEMPLATE | K_MEDIA | K_FILE | K_LOCATION |
	          K_INTERACTIVE
};

static const struct send_rule {
	int key;
	const char *flag;
	unsigned int selects; /* the kind this option asks for, or 0 */
	unsigned int allowed; /* kinds it may be used with */
	int media_type;       /* for the media options */
} send_rules[] = {
        {OPT_FROM, "--from", 0, K_BUILT, 0},
        {OPT_TO, "--to", 0, K_BUILT, 0},
        {OPT_TEXT, "--text", K_TEXT, K_TEXT, 0},
        {OPT_PREVIEW_URL, "--preview-url", 0, K_TEXT, 0},
        {OPT_TEMPLATE, "--template", K_TEMPLATE, K_TEMPLATE, 0},
        {OPT_LANGUAGE, "--language", 0, K_TEMPLATE, 0},
        {OPT_PARAM, "--param", 0, K_TEMPLATE, 0},
        {OPT_IMAGE, "--image", K_MEDIA, K_MEDIA, GOSEND_MESSAGE_TYPE_IMAGE},
        {OPT_VIDEO, "--video", K_MEDIA, K_MEDIA, GOSEND_MESSAGE_TYPE_VIDEO},
        {OPT_AUDIO, "--audio", K_MEDIA, K_MEDIA, GOSEND_MESSAGE_TYPE_AUDIO},
        {OPT_DOCUMENT, "--document", K_MEDIA, K_MEDIA,
         GOSEND_MESSAGE_TYPE_DOCUMENT},
        {OPT_STICKER, "--sticker", K_MEDIA, K_MEDIA,
         GOSEND_MESSAGE_TYPE_STICKER},
        {OPT_FILE, "--file", K_FILE, K_FILE, 0},
        {OPT_MIME, "--mime", 0, K_FILE, 0},
        {OPT_TYPE, "--type", 0, K_FILE, 0},
        {OPT_CAPTION, "--caption", 0, K_MEDIA | K_FILE, 0},
        {OPT_FILENAME, "--filename", 0, K_MEDIA | K_FILE, 0},
        {OPT_LATITUDE, "--latitude", K_LOCATION, K_LOCATION, 0},
        {OPT_LONGITUDE, "--longitude", K_LOCATION, K_LOCATION, 0},
        {OPT_NAME, "--name", 0, K_LOCATION, 0},
        {OPT_ADDRESS, "--address", 0, K_LOCATION, 0},
        {OPT_REPLY_BUTTON, "--reply-button", K_BUTTONS, K_BUTTONS, 0},
        {OPT_CTA_URL, "--cta-url", K_CTA, K_CTA, 0},
        {OPT_DISPLAY_TEXT, "--display-text", 0, K_CTA, 0},
        {OPT_FLOW, "--flow", K_FLOW, K_FLOW, 0},
        {OPT_LOCATION_REQUEST, "--location-request", K_LOCREQ, K_LOCREQ, 0},
        {OPT_BODY, "--body", 0, K_INTERACTIVE, 0},
        {OPT_HEADER, "--header", 0, K_HEADED, 0},
        {OPT_HEADER_IMAGE, "--header-image", 0, K_HEADED, 0},
        {OPT_HEADER_VIDEO, "--header-video", 0, K_HEADED, 0},
        {OPT_HEADER_DOCUMENT, "--header-document", 0, K_HEADED, 0},
        {OPT_HEADER_FILENAME, "--header-filename", 0, K_HEADED, 0},
        {OPT_FOOTER, "--footer", 0, K_HEADED, 0},
        {OPT_BUTTON_URL, "--button-url", 0, K_TEMPLATE, 0},
        {OPT_BUTTON_PAYLOAD, "--button-payload", 0, K_TEMPLATE, 0},
        {OPT_BUTTON_COPY_CODE, "--button-copy-code", 0, K_TEMPLATE, 0},
        {OPT_BUTTON_FLOW, "--button-flow", 0, K_TEMPLATE, 0},
        {OPT_BUTTON_FLOW_DATA, "--button-flow-data", 0, K_TEMPLATE, 0},
        {OPT_REPLY_TO, "--reply-to", 0, K_BUILT, 0},
        {OPT_JSON, "--json", K_JSON, K_JSON, 0},
};

#define NRULES (sizeof send_rules / sizeof send_rules[0])

static const char kinds_help[] =
        "--text, --template, --image/--video/--audio/--document/--sticker, "
        "--file, --latitude/--longitude, --reply-button, --cta-url, --flow, "
        "--location-request or --json";

/* Work out the kind of message from the options given; check every option
 * fits it. Sets *kind and *media (the media option's rule). */
static int classify(const cli_ctx *ctx, const cli_args *a, unsigned int *kind,
                    const struct send_rule **media)
{
	const struct send_rule *first = NULL;
	unsigned int selected = 0;
	size_t i;

	*media = NULL;
	for (i = 0; i < NRULES; i++) {
		const struct send_rule *r = &send_rules[i];
		if (!cli_has(a, r->key) || !r->selects)
			continue;
		if (r->media_type && *media)
			return cli_usage(ctx,
			                 "%s and %s: give one media option",
			                 (*media)->flag, r->flag);
		if (r->media_type)
			*media = r;
		if (selected && !(selected & r->selects))
			return cli_usage(ctx,
			                 "%s and %s: give one kind of "
			                 "message (%s)",
			                 first->flag, r->flag, kinds_help);
		if (!first)
			first = r;
		selected |= r->selects;
	}
	if (!selected)
		return cli_usage(ctx, "nothing to send: give %s", kinds_help);
	for (i = 0; i < NRULES; i++) {
		const struct send_rule *r = &send_rules[i];
		if (cli_has(a, r->key) && !(r->allowed & selected))
			return cli_usage(ctx, "%s cannot be used with %s",
			                 r->flag, first->flag);
	}
	*kind = selected;
	return 0;
}

/* Whether a MIME type is `what` ("image/webp", parameters allowed) or,
 * for `what` ending in '/', of that top-level type. Case-insensitive. */
static int mime_is(const char *mime, const char *what)
{
	size_t n = strlen(what);

	if (strncasecmp(mime, what, n) != 0)
		return 0;
	return what[n - 1] == '/' || mime[n] == '\0' || mime[n] == ';' ||
	       mime[n] == ' ';
}

/* The message type of --file: --type, else guessed from the MIME type. */
static int file_type(const cli_ctx *ctx, const cli_args *a, int *type)
{
	static const struct {
		const char *name;
		int type;
	} kinds[] = {{"image", GOSEND_MESSAGE_TYPE_IMAGE},
	             {"video", GOSEND_MESSAGE_TYPE_VIDEO},
	             {"audio", GOSEND_MESSAGE_TYPE_AUDIO},
	             {"document", GOSEND_MESSAGE_TYPE_DOCUMENT},
	             {"sticker", GOSEND_MESSAGE_TYPE_STICKER}};
	const char *t = cli_opt(a, OPT_TYPE);
	const char *mime = cli_opt(a, OPT_MIME);
	size_t i;

	if (t) {
		for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (strcmp(t, kinds[i].name) == 0) {
				*type = kinds[i].type;
				return 0;
			}
		return cli_usage(ctx,
		                 "--type: expected image, video, audio, "
		                 "document or sticker, got '%s'",
		                 t);
	}
	if (mime_is(mime, "image/webp"))
		*type = GOSEND_MESSAGE_TYPE_STICKER; /* WhatsApp: WebP */
	else if (mime_is(mime, "image/"))
		*type = GOSEND_MESSAGE_TYPE_IMAGE;
	else if (mime_is(mime, "video/"))
		*type = GOSEND_MESSAGE_TYPE_VIDEO;
	else if (mime_is(mime, "audio/"))
		*type = GOSEND_MESSAGE_TYPE_AUDIO;
	else
		*type = GOSEND_MESSAGE_TYPE_DOCUMENT;
	return 0;
}

static int is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* Caption and filename, for media and uploaded files. */
static int set_media_extras(gosend_outgoing *m, const cli_args *a,
                            const char *default_filename, gosend_error **e)
{
	const char *filename = cli_opt(a, OPT_FILENAME);
	int rc = 0;

	if (cli_has(a, OPT_CAPTION))
		rc = gosend_outgoing_set_caption(m, cli_opt(a, OPT_CAPTION), e);
	if (rc == 0 && !filename &&
	    gosend_outgoing_type(m) == GOSEND_MESSAGE_TYPE_DOCUMENT)
		filename = default_filename;
	if (rc == 0 && filename)
		rc = gosend_outgoing_set_filename(m, filename, e);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s && s[1] ? s + 1 : path;
}

/* What a --file send uploaded, for the advice after a failed send: the
 * same body is sent by id with `flag media_id` (and `--filename NAME`
 * when the file's name was added by default). */
struct sent_file {
	const char *media_id; /* NULL until the upload succeeded */
	const char *flag;     /* "--image", "--document", ... */
	const char *filename; /* the default document name, or NULL */
	int upload_failed;    /* the upload itself failed */
};

/* The option that sends a media type by link or id. */
static const char *media_flag(int type)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (send_rules[i].media_type == type)
			return send_rules[i].flag;
	return "--document";
}

/* ---- interactive messages ---- */

/* "KEY=VALUE" split at the first '=': *key is a copy kept for the run,
 * *value points into s (NULL when there is no '=' and none is needed). */
static int split_pair(cli_ctx *ctx, const char *flag, const char *s,
                      int need_value, char **key, const char **value)
{
	const char *eq = strchr(s, '=');
	size_t n = eq ? (size_t)(eq - s) : strlen(s);

	if (!eq && need_value)
		return cli_usage(ctx, "%s: expected %s, got '%s'", flag,
		                 strcmp(flag, "--reply-button") == 0
		                         ? "ID=TITLE"
		                         : "N=VALUE",
		                 s);
	*key = cli_own(ctx, strndup(s, n));
	if (!*key) {
		fprintf(stderr, "%s: out of memory\n", ctx->prog);
		return CLI_EXIT_API;
	}
	*value = eq ? eq + 1 : NULL;
	return 0;
}

/* The header and footer of reply buttons, --cta-url and --flow. */
static int set_header_footer(cli_ctx *ctx, const cli_args *a,
                             gosend_outgoing *m, gosend_error **e)
{
	static const struct {
		int key;
		int type;
	} media[] = {{OPT_HEADER_IMAGE, GOSEND_MESSAGE_TYPE_IMAGE},
	             {OPT_HEADER_VIDEO, GOSEND_MESSAGE_TYPE_VIDEO},
	             {OPT_HEADER_DOCUMENT, GOSEND_MESSAGE_TYPE_DOCUMENT}};
	int given = cli_has(a, OPT_HEADER), rc = 0;
	size_t i;

	for (i = 0; i < sizeof media / sizeof media[0]; i++)
		given += cli_has(a, media[i].key);
	if (given > 1)
		return cli_usage(ctx, "give one of --header, --header-image, "
		                      "--header-video and --header-document");
	if (cli_has(a, OPT_HEADER_FILENAME) && !cli_has(a, OPT_HEADER_DOCUMENT))
		return cli_usage(ctx, "--header-filename goes with "
		                      "--header-document");
	if (cli_has(a, OPT_HEADER))
		rc = gosend_outgoing_set_header_text(m, cli_opt(a, OPT_HEADER),
		                                     e);
	for (i = 0; rc == 0 && i < sizeof media / sizeof media[0]; i++) {
		const char *v = cli_opt(a, media[i].key);
		if (v)
			rc = gosend_outgoing_set_header_media(
			        m, media[i].type, is_url(v) ? v : NULL,
			        is_url(v) ? NULL : v,
			        cli_opt(a, OPT_HEADER_FILENAME), e);
	}
	if (rc == 0 && cli_has(a, OPT_FOOTER))
		rc = gosend_outgoing_set_footer(m, cli_opt(a, OPT_FOOTER), e);
	return rc;
}

/* A member of a --flow file that must be a string: kept for the run. */
static int flow_string(cli_ctx *ctx, const cJSON *item, const char **out)
{
	if (!cJSON_IsString(item))
		return cli_usage(ctx, "--flow: \"%s\" must be a string",
		                 item->string);
	*out = cli_own(ctx, strdup(item->valuestring));
	if (!*out) {
		fprintf(stderr, "%s: out of memory\n", ctx->prog);
		return CLI_EXIT_API;
	}
	return 0;
}

/* flow_action_payload of a --flow file: screen and data. */
static int flow_payload(cli_ctx *ctx, const cJSON *o, gosend_flow_params *fp)
{
	const cJSON *it;
	int rc = 0;

	if (!cJSON_IsObject(o))
		return cli_usage(ctx, "--flow: \"flow_action_payload\" must be "
		                      "an object");
	cJSON_ArrayForEach(it, o)
	{
		if (strcmp(it->string, "screen") == 0) {
			rc = flow_string(ctx, it, &fp->screen);
		} else if (strcmp(it->string, "data") == 0) {
			fp->data_json =
			        cli_own(ctx, cJSON_PrintUnformatted(it));
			if (!fp->data_json) {
				fprintf(stderr, "%s: out of memory\n",
				        ctx->prog);
				return CLI_EXIT_API;
			}
		} else {
			return cli_usage(ctx,
			                 "--flow: unknown member \"%s\" in "
			                 "flow_action_payload (screen, data)",
			                 it->string);
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* The members of a --flow object (Meta's action.parameters). */
static int flow_members(cli_ctx *ctx, const cJSON *root, gosend_flow_params *fp)
{
	const struct {
		const char *name;
		const char **field;
	} keys[] = {{"flow_id", &fp->flow_id},
	            {"flow_name", &fp->flow_name},
	            {"flow_cta", &fp->flow_cta},
	            {"flow_token", &fp->flow_token},
	            {"flow_action", &fp->flow_action},
	            {"mode", &fp->mode}};
	const cJSON *it;
	size_t i;
	int rc;

	cJSON_ArrayForEach(it, root)
	{
		if (strcmp(it->string, "flow_action_payload") == 0) {
			rc = flow_payload(ctx, it, fp);
		} else if (strcmp(it->string, "flow_message_version") == 0) {
			rc = cJSON_IsString(
			             it) && strcmp(it->valuestring,
			                           GOSEND_FLOW_MESSAGE_VERSION) ==
			                             0
			             ? 0
			             : cli_usage(ctx,
			                         "--flow: flow_message_version "
			                         "must be \"%s\"",
			                         GOSEND_FLOW_MESSAGE_VERSION);
		} else {
			for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
				if (strcmp(it->string, keys[i].name) == 0)
					break;
			rc = i < sizeof keys / sizeof keys[0]
			             ? flow_string(ctx, it, keys[i].field)
			             : cli_usage(
			                       ctx,
			                       "--flow: unknown member \"%s\"",
			                       it->string);
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* --flow FILE: a JSON object with the Flow's parameters under Meta's
 * names (the `action.parameters` of a Flow message). */
static int read_flow(cli_ctx *ctx, const char *path, gosend_flow_params *fp)
{
	cJSON *root;
	char *text;
	size_t len;
	int rc = cli_read_input(ctx, path, &text, &len);

	if (rc)
		return rc;
	root = cJSON_ParseWithLength(text, len);
	free(text);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return cli_usage(ctx, "--flow: '%s' is not a JSON object",
		                 path);
	}
	rc = flow_members(ctx, root, fp);
	cJSON_Delete(root);
	return rc;
}

/* Reply buttons, a call-to-action URL, a Flow or a location request. */
static int build_interactive(cli_ctx *ctx, const cli_args *a, unsigned int kind,
                             const char *from, const char *to,
                             gosend_outgoing **m, gosend_error **e)
{
	const char *body = cli_opt(a, OPT_BODY);
	gosend_flow_params fp = GOSEND_FLOW_PARAMS_INIT;
	const char *const *v;
	size_t n, i;
	int rc;

	if (!body)
		return cli_usage(ctx, "an interactive message needs --body");
	switch (kind) {
	case K_BUTTONS:
		v = cli_opt_all(a, OPT_REPLY_BUTTON, &n);
		rc = gosend_outgoing_buttons_new(m, from, to, body, e);
		for (i = 0; rc == 0 && i < n; i++) {
			char *id;
			const char *title;
			rc = split_pair(ctx, "--reply-button", v[i], 1, &id,
			                &title);
			if (rc == 0)
				rc = gosend_outgoing_add_reply_button(*m, id,
				                                      title, e);
		}
		break;
	case K_CTA:
		if (!cli_has(a, OPT_DISPLAY_TEXT))
			return cli_usage(ctx, "--cta-url needs --display-text");
		rc = gosend_outgoing_cta_url_new(m, from, to, body,
		                                 cli_opt(a, OPT_DISPLAY_TEXT),
		                                 cli_opt(a, OPT_CTA_URL), e);
		break;
	case K_FLOW:
		rc = read_flow(ctx, cli_opt(a, OPT_FLOW), &fp);
		if (rc == 0)
			rc = gosend_outgoing_flow_new(m, from, to, body, &fp,
			                              e);
		break;
	default:
		return gosend_outgoing_location_request_new(m, from, to, body,
		                                            e);
	}
	return rc == 0 ? set_header_footer(ctx, a, *m, e) : rc;
}

/* ---- template buttons ---- */

/* One --button-* option: the button's index, kind and value. */
struct tbutton {
	unsigned int index;
	int key;           /* OPT_BUTTON_URL, ... */
	const char *value; /* NULL: a --button-flow without a token */
};

static int tbutton_cmp(const void *x, const void *y)
{
	const struct tbutton *p = x, *q = y;

	return p->index < q->index ? -1 : p->index > q->index;
}

/* "N=VALUE" of flag: N 0 to 9. */
static int button_pair(cli_ctx *ctx, const char *flag, const char *s,
                       int need_value, unsigned int *index, const char **value)
{
	char *n;
	long idx;
	int rc = split_pair(ctx, flag, s, need_value, &n, value);

	if (rc == 0)
		rc = cli_parse_long(ctx, flag, n, 0, 9, &idx);
	if (rc == 0)
		*index = (unsigned int)idx;
	return rc;
}

/* The first screen's data of --button-flow N, from --button-flow-data
 * N=FILE (kept for the run), or NULL. */
static int button_flow_data(cli_ctx *ctx, const cli_args *a, unsigned int index,
                            const char **data)
{
	const char *const *v;
	size_t n, i, len;
	int rc;

	*data = NULL;
	v = cli_opt_all(a, OPT_BUTTON_FLOW_DATA, &n);
	for (i = 0; i < n; i++) {
		unsigned int idx;
		const char *path;
		char *text;
		rc = button_pair(ctx, "--button-flow-data", v[i], 1, &idx,
		                 &path);
		if (rc)
			return rc;
		if (idx != index)
			continue;
		rc = cli_read_input(ctx, path, &text, &len);
		if (rc)
			return rc;
		*data = cli_own(ctx, text);
	}
	return 0;
}

/* Each --button-flow-data names a --button-flow. */
static int check_flow_data(cli_ctx *ctx, const cli_args *a,
                           const struct tbutton *b, size_t nb)
{
	const char *const *v;
	size_t n, i, k;

	v = cli_opt_all(a, OPT_BUTTON_FLOW_DATA, &n);
	for (i = 0; i < n; i++) {
		unsigned int idx;
		const char *path;
		int rc = button_pair(ctx, "--button-flow-data", v[i], 1, &idx,
		                     &path);
		if (rc)
			return rc;
		for (k = 0; k < nb; k++)
			if (b[k].index == idx && b[k].key == OPT_BUTTON_FLOW)
				break;
		if (k == nb)
			return cli_usage(ctx,
			                 "--button-flow-data %u: no "
			                 "--button-flow %u",
			                 idx, idx);
	}
	return 0;
}

/* Declare one button and add its parameter. */
static int add_tbutton(cli_ctx *ctx, const cli_args *a, gosend_outgoing *m,
                       const struct tbutton *b, gosend_error **e)
{
	const int c = GOSEND_TEMPLATE_BUTTON(b->index);
	const char *data;
	int rc;

	switch (b->key) {
	case OPT_BUTTON_URL:
		rc = gosend_outgoing_template_button(m, "url", b->index, e);
		return rc ? rc
		          : gosend_outgoing_template_add_text(m, c, b->value,
		                                              e);
	case OPT_BUTTON_PAYLOAD:
		rc = gosend_outgoing_template_button(m, "quick_reply", b->index,
		                                     e);
		return rc ? rc
		          : gosend_outgoing_template_add_payload(m, c, b->value,
		                                                 e);
	case OPT_BUTTON_COPY_CODE:
		rc = gosend_outgoing_template_button(m, "copy_code", b->index,
		                                     e);
		return rc ? rc
		          : gosend_outgoing_template_add_coupon_code(
		                    m, c, b->value, e);
	default:
		rc = button_flow_data(ctx, a, b->index, &data);
		if (rc == 0)
			rc = gosend_outgoing_template_button(m, "flow",
			                                     b->index, e);
		return rc ? rc
		          : gosend_outgoing_template_add_flow_action(
		                    m, c, b->value, data, e);
	}
}

/* The --button-* options of a template, declared in index order. */
static int add_template_buttons(cli_ctx *ctx, const cli_args *a,
                                gosend_outgoing *m, gosend_error **e)
{
	static const struct {
		int key;
		const char *flag;
	} kinds[] = {{OPT_BUTTON_URL, "--button-url"},
	             {OPT_BUTTON_PAYLOAD, "--button-payload"},
	             {OPT_BUTTON_COPY_CODE, "--button-copy-code"},
	             {OPT_BUTTON_FLOW, "--button-flow"}};
	struct tbutton b[CLI_MAX_BUTTONS];
	size_t nb = 0, n, i, k;
	int rc = 0;

	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		const char *const *v = cli_opt_all(a, kinds[k].key, &n);
		for (i = 0; i < n; i++) {
			if (nb == CLI_MAX_BUTTONS)
				return cli_usage(ctx,
				                 "at most %d template "
				                 "buttons",
				                 CLI_MAX_BUTTONS);
			b[nb].key = kinds[k].key;
			rc = button_pair(ctx, kinds[k].flag, v[i],
			                 kinds[k].key != OPT_BUTTON_FLOW,
			                 &b[nb].index, &b[nb].value);
			if (rc)
				return rc;
			nb++;
		}
	}
	rc = check_flow_data(ctx, a, b, nb);
	if (rc)
		return rc;
	qsort(b, nb, sizeof b[0], tbutton_cmp);
	for (i = 0; rc == 0 && i < nb; i++)
		rc = add_tbutton(ctx, a, m, &b[i], e);
	return rc;
}

/* Build the message of a non-JSON send. Returns a gosend code (e set) or,
 * for problems with the flags, an exit code (> 0, message printed). */
static int build(cli_ctx *ctx, const cli_args *a, unsigned int kind,
                 const struct send_rule *media, const char *to,
                 gosend_outgoing **m, struct sent_file *sf, gosend_error **e)
{
	const char *from = cli_opt(a, OPT_FROM);
	gosend_media_result *up = NULL;
	const char *const *params;
	size_t nparams, i;
	double lat, lon;
	int rc, type = 0;

	switch (kind) {
	case K_TEXT:
		rc = gosend_outgoing_text_new(m, from, to, cli_opt(a, OPT_TEXT),
		                              e);
		if (rc == 0 && cli_has(a, OPT_PREVIEW_URL))
			rc = gosend_outgoing_set_preview_url(*m, 1, e);
		return rc;
	case K_TEMPLATE:
		if (!cli_has(a, OPT_LANGUAGE))
			return cli_usage(ctx, "--template needs --language");
		params = cli_opt_all(a, OPT_PARAM, &nparams);
		rc = gosend_outgoing_template_new(m, from, to,
		                                  cli_opt(a, OPT_TEMPLATE),
		                                  cli_opt(a, OPT_LANGUAGE), e);
		for (i = 0; rc == 0 && i < nparams; i++)
			rc = gosend_outgoing_template_add_text(
			        *m, GOSEND_TEMPLATE_BODY, params[i], e);
		return rc == 0 ? add_template_buttons(ctx, a, *m, e) : rc;
	case K_MEDIA: {
		const char *v = cli_opt(a, media->key);
		rc = gosend_outgoing_media_new(m, from, to, media->media_type,
		                               is_url(v) ? v : NULL,
		                               is_url(v) ? NULL : v, e);
		return rc == 0 ? set_media_extras(*m, a, NULL, e) : rc;
	}
	case K_FILE:
		if (!cli_has(a, OPT_MIME))
			return cli_usage(ctx, "--file needs --mime");
		rc = file_type(ctx, a, &type);
		if (rc)
			return rc;
		/* No Idempotency-Key on the upload: the key belongs to the
		 * send. */
		rc = gosend_media_upload_file(&up, ctx->client, from,
		                              cli_opt(a, OPT_FILE),
		                              cli_opt(a, OPT_MIME), NULL, e);
		if (rc < 0) {
			sf->upload_failed = rc != GOSEND_EINVAL;
			return rc;
		}
		if (!up->id) {
			fprintf(stderr,
			        "%s: the upload was accepted (HTTP %ld) "
			        "without a media id: no message was sent; "
			        "running the same command again uploads the "
			        "file again\n",
			        ctx->prog, up->meta->http_status);
			gosend_media_result_free(up);
			return CLI_EXIT_API;
		}
		sf->media_id = cli_own(ctx, strdup(up->id));
		sf->flag = media_flag(type);
		if (type == GOSEND_MESSAGE_TYPE_DOCUMENT &&
		    !cli_has(a, OPT_FILENAME))
			sf->filename = base_name(cli_opt(a, OPT_FILE));
		rc = gosend_outgoing_media_new(m, from, to, type, NULL, up->id,
		                               e);
		gosend_media_result_free(up);
		return rc == 0 ? set_media_extras(
		                         *m, a, base_name(cli_opt(a, OPT_FILE)),
		                         e)
		               : rc;
	case K_LOCATION:
		if (!cli_has(a, OPT_LATITUDE) || !cli_has(a, OPT_LONGITUDE))
			return cli_usage(ctx, "a location needs --latitude and "
			                      "--longitude");
		if ((rc = cli_parse_double(ctx, "--latitude",
		                           cli_opt(a, OPT_LATITUDE), -90, 90,
		                           &lat)) ||
		    (rc = cli_parse_double(ctx, "--longitude",
		                           cli_opt(a, OPT_LONGITUDE), -180, 180,
		                           &lon)))
			return rc;
		return gosend_outgoing_location_new(m, from, to, lat, lon,
		                                    cli_opt(a, OPT_NAME),
		                                    cli_opt(a, OPT_ADDRESS), e);
	case K_BUTTONS:
	case K_CTA:
	case K_FLOW:
	case K_LOCREQ:
		return build_interactive(ctx, a, kind, from, to, m, e);
	default:
		return cli_usage(ctx, "nothing to send");
	}
}

static int send_json(cli_ctx *ctx, const cli_args *a,
                     gosend_message_result **res, gosend_error **e)
{
	const char *path = cli_opt(a, OPT_JSON);
	char *body;
	size_t len;
	int rc;

	rc = cli_read_input(ctx, path, &body, &len);
	if (rc)
		return rc;
	if (strlen(body) != len) {
		free(body);
		return cli_usage(ctx, "--json: '%s' contains a NUL byte", path);
	}
	rc = gosend_messages_send_json(res, ctx->client, body, cli_ropts(ctx),
	                               e);
	free(body);
	return rc;
}

/* A word for a POSIX shell: as is when it is plain, else single-quoted. */
static void put_shell_word(const cli_ctx *ctx, const char *s)
{
	const char *plain =
	        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	        "0123456789_./:@%+=,-";

	if (*s && s[strspn(s, plain)] == '\0') {
		fputs(s, stderr);
		return;
	}
	fputc('\'', stderr);
	for (; *s; s++) {
		if (*s == '\'') {
			fputs("'\\''", stderr);
		} else {
			char one[2] = {*s, '\0'};
			cli_put_text(ctx, stderr, one);
		}
	}
	fputc('\'', stderr);
}

/*
 * After a failed send: the Idempotency-Key it used and whether sending
 * again with that key is safe (gosend_error_is_retryable()), so that a
 * script never re-sends under a new key. Nothing for input refused before
 * sending.
 */
static void send_advice(const cli_ctx *ctx, int rc, const gosend_error *e,
                        const struct sent_file *sf)
{
	const char *key = e && e->idempotency_key ? e->idempotency_key
	                                          : ctx->idempotency_key;

	if (rc == GOSEND_EINVAL)
		return;
	if (sf->upload_failed) {
		if (refused(e))
			fprintf(stderr,
			        "%s: no message was sent: the server did not "
			        "take the upload (HTTP %ld); fix it first\n",
			        ctx->prog, e->http_status);
		else
			fprintf(stderr,
			        "%s: no message was sent: the upload failed; "
			        "running the same command again is safe\n",
			        ctx->prog);
		return;
	}
	if (key)
		say(ctx, "idempotency key: ", key);
	if (gosend_error_is_retryable(e)) {
		if (key)
			say(ctx, "retry safely with: --idempotency-key ", key);
		else
			fprintf(stderr, "%s: the send may be retried\n",
			        ctx->prog);
		if (sf->media_id) {
			/* another upload would change the body: send the
			 * uploaded file by id instead */
			fprintf(stderr,
			        "%s: and, in place of --file, --mime and "
			        "--type, the uploaded file by id: %s ",
			        ctx->prog, sf->flag);
			put_shell_word(ctx, sf->media_id);
			if (sf->filename) {
				fputs(" --filename ", stderr);
				put_shell_word(ctx, sf->filename);
			}
			fputc('\n', stderr);
		}
	} else if (refused(e)) {
		fprintf(stderr,
		        "%s: do not re-send as is: the server did not take "
		        "the message (HTTP %ld); fix it first (a changed "
		        "message needs a new key)\n",
		        ctx->prog, e->http_status);
	} else {
		fprintf(stderr,
		        "%s: do not re-send as is: the message may have been "
		        "sent; check (e.g. 'gosendapi messages list') before "
		        "sending it again\n",
		        ctx->prog);
	}
}

static int run_send(cli_ctx *ctx, const cli_args *a)
{
	const struct send_rule *media;
	gosend_message_result *res = NULL;
	gosend_outgoing *m = NULL;
	gosend_error *e = NULL;
	struct sent_file sf = {NULL, NULL, NULL, 0};
	char *to = NULL;
	unsigned int kind = 0;
	int rc;

	rc = classify(ctx, a, &kind, &media);
	if (rc)
		return rc;
	if (kind == K_JSON) {
		rc = send_json(ctx, a, &res, &e);
	} else {
		if (!cli_has(a, OPT_FROM) || !cli_has(a, OPT_TO))
			return cli_usage(ctx, "missing --from or --to");
		rc = gosend_phone_normalize(&to, cli_opt(a, OPT_TO), &e);
		if (rc < 0) {
			fprintf(stderr, "%s: invalid --to: %s\n", ctx->prog,
			        e ? e->message : gosend_strerror(rc));
			gosend_error_free(e);
			return cli_exit_code(rc);
		}
		rc = build(ctx, a, kind, media, to, &m, &sf, &e);
		if (rc == 0 && cli_has(a, OPT_REPLY_TO))
			rc = gosend_outgoing_set_reply_to(
			        m, cli_opt(a, OPT_REPLY_TO), &e);
		if (rc == 0)
			rc = gosend_messages_send(&res, ctx->client, m,
			                          cli_ropts(ctx), &e);
		gosend_outgoing_free(m);
		gosend_free(to);
	}
	if (rc > 0)
		return rc;
	if (rc < 0) {
		cli_report(ctx, rc, e);
		send_advice(ctx, rc, e, &sf);
		gosend_error_free(e);
		return cli_exit_code(rc);
	}
	if (res->id_known)
		cli_print_json(res->raw_json);
	else
		rc = print_accepted_unknown(ctx, res);
	gosend_message_result_free(res);
	return rc;
}

#define C CLI_NEEDS_CLIENT
#define L (CLI_NEEDS_CLIENT | CLI_LIST_OPTS)

const cli_cmd cli_cmds_messages[] = {
        {"messages", "send", "", 0, C | CLI_LIMITED, send_opts, run_send, NULL,
         "send a WhatsApp message",
         "Give --from and --to, and one kind of message:\n"
         "  text      --text BODY [--preview-url]\n"
         "  template  --template NAME --language CODE [--param VALUE]...\n"
         "  media     --image|--video|--audio|--document|--sticker URL|ID\n"
         "            [--caption TEXT] [--filename NAME]\n"
         "            (a value starting with http:// or https:// is sent "
         "as a link,\n"
         "            anything else as a media id from 'media upload')\n"
         "  file      --file PATH --mime TYPE [--type KIND] [--caption "
         "TEXT]\n"
         "            [--filename NAME]  (uploads, then sends by id)\n"
         "  location  --latitude DEG --longitude DEG [--name TEXT] "
         "[--address TEXT]\n"
         "  buttons   --body TEXT --reply-button ID=TITLE...\n"
         "  cta url   --body TEXT --cta-url URL --display-text TEXT\n"
         "  flow      --body TEXT --flow FILE  (Meta's Flow parameters "
         "as JSON)\n"
         "  location request  --body TEXT --location-request\n"
         "  buttons, cta url and flow also take [--footer TEXT] and one "
         "header:\n"
         "            --header TEXT, --header-image URL|ID, --header-video "
         "URL|ID or\n"
         "            --header-document URL|ID [--header-filename NAME]\n"
         "or --json FILE ('-': stdin) with the whole body, including\n"
         "phone_number_id and to (then --from and --to are not used).\n"
         "Template buttons: --button-url N=SUFFIX, --button-payload "
         "N=PAYLOAD,\n"
         "--button-copy-code N=CODE, --button-flow N[=TOKEN] "
         "[--button-flow-data N=FILE]\n"
         "(N: the button's index in the template, 0-9).\n"
         "--reply-to ID sends any of them as a reply to message ID.\n"
         "Every send carries an Idempotency-Key: --idempotency-key, or a "
         "random one.\n"
         "A send answered 2xx without a message id exits 0 and prints\n"
         "{\"id\":null,\"id_known\":false,...}: the message is sent, its id "
         "unknown.\n"
         "A failed send prints its key and either 'retry safely with:\n"
         "--idempotency-key KEY' or why not to send it again as is.\n"
         "\nExamples:\n"
         "  gosendapi messages send --from 555123456789 --to "
         "5491140123456 --text 'hi'\n"
         "  gosendapi messages send --from 555123456789 --to "
         "5491140123456 \\\n"
         "      --template appointment_reminder --language es_AR "
         "--param Juan --param 20/05\n"
         "  gosendapi messages send --from 555123456789 --to "
         "5491140123456 \\\n"
         "      --file promo.jpg --mime image/jpeg --caption 'Summer "
         "sale'\n"
         "  gosendapi messages send --from 555123456789 --to "
         "5491140123456 \\\n"
         "      --body 'Confirm your visit?' --reply-button yes=Yes "
         "--reply-button no=No \\\n"
         "      --reply-to wamid.HBgLNTQ5MTE0MDEyMzQ1NhUCABIYFjNFQjA\n"
         "  gosendapi messages send --from 555123456789 --to "
         "5491140123456 \\\n"
         "      --body 'See the dates' --cta-url https://example.com/dates "
         "--display-text 'See dates'\n"
         "  gosendapi messages send --from 555123456789 --to "
         "5491140123456 \\\n"
         "      --template offer --language en_US --button-copy-code "
         "0=25OFF\n"
         "  echo '{\"phone_number_id\":\"555123456789\",\"to\":"
         "\"5491140123456\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}' "
         "\\\n"
         "      | gosendapi messages send --json -\n"},
        {"messages", "list", "", 0, L, NULL, cli_run_list, &messages_ops,
         "list sent messages",
         "Examples:\n  gosendapi messages list --page 1 --per-page 50\n"
         "  gosendapi messages list --all\n"},
        {"messages", "get", "ID", 1, C, NULL, cli_run_get, &message_get_ops,
         "show one message",
         "Example:\n  gosendapi messages get wamid.MOCK1\n"},
        {"media", "upload", "", 0, C, upload_opts, run_upload, NULL,
         "upload a media file, print its id",
         "Example:\n  gosendapi media upload --from 555123456789 --file "
         "promo.jpg --mime image/jpeg\n"},
        {NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL}};
