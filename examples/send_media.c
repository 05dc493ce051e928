/*
 * send_media: upload a file (POST /media), then send it by its media id and
 * print the new message's id. The message type follows the MIME type:
 * image/... an image, video/... a video, audio/... an audio message,
 * anything else a document (named after the file).
 *
 * Usage: GOSENDAPI_KEY=gsk_test_... [GOSENDAPI_BASE_URL=...] \
 *        send_media PHONE_NUMBER_ID TO FILE MIME_TYPE [CAPTION]
 *
 * Example: send_media 555123456789 5491140123456 invoice.pdf \
 *          application/pdf "Your invoice"
 *
 * Audio messages take no caption.
 *
 * Exactly once: the send carries a random Idempotency-Key. When it fails,
 * the key and the uploaded media id are printed with the library's verdict
 * (gosend_error_is_retryable()) on sending the same message again with
 * that key; an application keeps both to do so (running this program
 * again uploads the file again, which makes another message body). A send
 * the API accepted (2xx) succeeds even when the answer carries no message
 * id: then "accepted, id unknown" is printed instead of the id.
 *
 * Exit codes shared by every example: 0 success, 1 API error (the HTTP
 * status and the server's message go to stderr), 2 usage error, 3 network
 * error or timeout.
 *
 * This example is in the public domain (CC0): copy it freely.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gosendapi/gosendapi.h>
#include <gosendapi/messages.h>
#include <gosendapi/phone.h>

static int exit_code(int err)
{
	switch (err) {
	case GOSEND_EINVAL:
		return 2;
	case GOSEND_ENETWORK:
	case GOSEND_ETIMEOUT:
	case GOSEND_ETLS:
		return 3;
	default:
		return 1;
	}
}

static void print_error(int err, const gosend_error *e)
{
	if (e->http_status)
		fprintf(stderr, "send_media: HTTP %ld: %s\n", e->http_status,
		        e->message);
	else if (e->field)
		fprintf(stderr, "send_media: %s (%s)\n", e->message, e->field);
	else
		fprintf(stderr, "send_media: %s: %s\n", gosend_strerror(err),
		        e->message);
}

static int report(int err, gosend_error *e)
{
	print_error(err, e);
	gosend_error_free(e);
	return exit_code(err);
}

/* After a failed send: the key it used, the media id it sent, and whether
 * sending that same message again with the same key is safe. */
static void retry_advice(const gosend_error *e, const char *media_id)
{
	if (e->code == GOSEND_EINVAL || !e->idempotency_key)
		return; /* refused before sending: nothing was sent */
	fprintf(stderr, "send_media: idempotency key: %s, media id: %s\n",
	        e->idempotency_key, media_id);
	if (gosend_error_is_retryable(e))
		fprintf(stderr, "send_media: safe to send this message (the "
		                "same media id) again with the same key\n");
	else
		fprintf(stderr, "send_media: do not send it again as is: it "
		                "was refused (fix it first), or it may have "
		                "been sent\n");
}

/* The message type for a MIME type. */
static int type_for(const char *mime)
{
	if (strncmp(mime, "image/", 6) == 0)
		return GOSEND_MESSAGE_TYPE_IMAGE;
	if (strncmp(mime, "video/", 6) == 0)
		return GOSEND_MESSAGE_TYPE_VIDEO;
	if (strncmp(mime, "audio/", 6) == 0)
		return GOSEND_MESSAGE_TYPE_AUDIO;
	return GOSEND_MESSAGE_TYPE_DOCUMENT;
}

int main(int argc, char **argv)
{
	const char *pnid, *file, *mime, *caption, *base;
	gosend_client *client = NULL;
	gosend_media_result *media = NULL;
	gosend_outgoing *msg = NULL;
	gosend_message_result *res = NULL;
	gosend_error *e = NULL;
	char *to = NULL;
	int type, err, sending = 0;

	if (argc != 5 && argc != 6) {
		fprintf(stderr, "usage: send_media PHONE_NUMBER_ID TO FILE "
		                "MIME_TYPE [CAPTION]\n");
		return 2;
	}
	if (!getenv("GOSENDAPI_KEY") || !*getenv("GOSENDAPI_KEY")) {
		fprintf(stderr, "send_media: set GOSENDAPI_KEY to your API key "
		                "(gsk_test_... or gsk_live_...)\n");
		return 2;
	}
	pnid = argv[1];
	file = argv[3];
	mime = argv[4];
	caption = argc == 6 ? argv[5] : NULL;
	type = type_for(mime);
	if (caption && type == GOSEND_MESSAGE_TYPE_AUDIO) {
		fprintf(stderr, "send_media: audio messages take no caption\n");
		return 2;
	}
	err = gosend_phone_normalize(&to, argv[2], &e);
	if (err < 0)
		return report(err, e);
	err = gosend_client_new_from_env(&client, NULL, &e);
	/* 1. upload the file; the API answers with a media id */
	if (err == 0)
		err = gosend_media_upload_file(&media, client, pnid, file, mime,
		                               NULL, &e);
	if (err < 0 && client) { /* the upload failed */
		print_error(err, e);
		if (err != GOSEND_EINVAL)
			fprintf(stderr, "send_media: no message was sent\n");
		gosend_error_free(e);
		gosend_client_free(client);
		gosend_free(to);
		return exit_code(err);
	}
	if (err == 0 && !media->id) {
		/* stored, but the answer named no id to send it by */
		fprintf(stderr,
		        "send_media: the upload was accepted (HTTP %ld) "
		        "without a media id: no message was sent; "
		        "upload again\n",
		        media->meta->http_status);
		gosend_media_result_free(media);
		gosend_client_free(client);
		gosend_free(to);
		return 1;
	}
	/* 2. send a message that refers to that id */
	if (err == 0)
		err = gosend_outgoing_media_new(&msg, pnid, to, type, NULL,
		                                media->id, &e);
	if (err == 0 && caption)
		err = gosend_outgoing_set_caption(msg, caption, &e);
	if (err == 0 && type == GOSEND_MESSAGE_TYPE_DOCUMENT) {
		base = strrchr(file, '/');
		err = gosend_outgoing_set_filename(msg, base ? base + 1 : file,
		                                   &e);
	}
	if (err == 0) {
		sending = 1;
		err = gosend_messages_send(&res, client, msg, NULL, &e);
	}
	gosend_free(to);
	gosend_outgoing_free(msg);
	if (err < 0) {
		print_error(err, e);
		if (sending)
			retry_advice(e, media->id);
		gosend_error_free(e);
		gosend_media_result_free(media);
		gosend_client_free(client);
		return exit_code(err);
	}
	gosend_media_result_free(media);
	if (res->id_known)
		printf("%s\n", res->id);
	else /* sent; the answer named no id */
		printf("accepted, id unknown (HTTP %ld, idempotency key %s)\n",
		       res->meta->http_status,
		       res->meta->idempotency_key ? res->meta->idempotency_key
		                                  : "-");
	gosend_message_result_free(res);
	gosend_client_free(client);
	return 0;
}
