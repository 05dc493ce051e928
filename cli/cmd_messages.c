/*
 * messages send | list | get, media upload.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gosendapi/messages.h>
#include <gosendapi/phone.h>

#include "cli.h"

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

static int run_upload(cli_ctx *ctx, const cli_args *a)
{
	gosend_media_result *r = NULL;
	gosend_error *e = NULL;
	int rc;

	rc = gosend_media_upload_file(&r, ctx->client, cli_opt(a, OPT_FROM),
	                              cli_opt(a, OPT_FILE),
	                              cli_opt(a, OPT_MIME), cli_ropts(ctx), &e);
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(r->raw_json);
	gosend_media_result_free(r);
	return CLI_EXIT_OK;
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
        {"json", 0, 1, OPT_JSON, 0, "FILE",
         "send this JSON body as is ('-': stdin); any message type"},
        CLI_OPT_END};

/* Kinds of message; each option selects or belongs to some. */
enum {
	K_TEXT = 1,
	K_TEMPLATE = 2,
	K_MEDIA = 4,
	K_FILE = 8,
	K_LOCATION = 16,
	K_JSON = 32,
	K_BUILT = K_TEXT | K_TEMPLATE | K_MEDIA | K_FILE | K_LOCATION
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
        {OPT_JSON, "--json", K_JSON, K_JSON, 0},
};

#define NRULES (sizeof send_rules / sizeof send_rules[0])

static const char kinds_help[] =
        "--text, --template, --image/--video/--audio/--document/--sticker, "
        "--file, --latitude/--longitude or --json";

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

/* Build the message of a non-JSON send. Returns a gosend code (e set) or,
 * for problems with the flags, an exit code (> 0, message printed). */
static int build(cli_ctx *ctx, const cli_args *a, unsigned int kind,
                 const struct send_rule *media, const char *to,
                 gosend_outgoing **m, gosend_error **e)
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
		if (rc == 0 && nparams)
			rc = gosend_outgoing_template_body(*m, e);
		for (i = 0; rc == 0 && i < nparams; i++)
			rc = gosend_outgoing_template_add_text(*m, params[i],
			                                       e);
		return rc;
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
		if (rc < 0)
			return rc;
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

static int run_send(cli_ctx *ctx, const cli_args *a)
{
	const struct send_rule *media;
	gosend_message_result *res = NULL;
	gosend_outgoing *m = NULL;
	gosend_error *e = NULL;
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
		rc = build(ctx, a, kind, media, to, &m, &e);
		if (rc == 0)
			rc = gosend_messages_send(&res, ctx->client, m,
			                          cli_ropts(ctx), &e);
		gosend_outgoing_free(m);
		gosend_free(to);
	}
	if (rc > 0)
		return rc;
	if (rc < 0)
		return cli_fail(ctx, rc, e);
	cli_print_json(res->raw_json);
	gosend_message_result_free(res);
	return CLI_EXIT_OK;
}

#define C CLI_NEEDS_CLIENT
#define L (CLI_NEEDS_CLIENT | CLI_LIST_OPTS)

const cli_cmd cli_cmds_messages[] = {
        {"messages", "send", "", 0, C, send_opts, run_send, NULL,
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
         "or --json FILE ('-': stdin) with the whole body, including\n"
         "phone_number_id and to (then --from and --to are not used).\n"
         "Every send carries an Idempotency-Key: --idempotency-key, or a "
         "random one.\n"
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
