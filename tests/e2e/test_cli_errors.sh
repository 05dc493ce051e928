#!/usr/bin/env bash
# The gosendapi command-line tool when the server misbehaves: each fault
# queued on the mock is used by one request, in order, and maps to an exit
# code (1 API or protocol error, 3 network error or timeout). A send whose
# answer is lost is retried with the same Idempotency-Key and delivered
# once; a failed send names its Idempotency-Key and whether sending again
# with it is safe; a 2xx without a message id is a sent message; --all
# stops on pages that repeat; the API key is never printed.
BIN=$1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli_lib.sh"
G=$BIN/cli/gosendapi
FROM=555123456789
TO=5491140123456

start_logged_mock --fault html-502 --fault invalid-json --fault redirect \
	--fault huge-body:9000000 --fault close --fault delay:10000 \
	--fault process-then-close
export GOSENDAPI_KEY=gsk_test_cli_errors

mark
expect "an HTML 502 page is an API error" 1 '' '^gosendapi: HTTP 502: ' -- \
	"$G" --retries 0 me
expect "a truncated JSON answer is a protocol error" 1 '' \
	'^gosendapi: unexpected response from server: ' -- "$G" --retries 0 me
expect "a redirect is not followed: API error" 1 '' '^gosendapi: HTTP 307: ' \
	-- "$G" --retries 0 me
expect "an answer over the size cap is an API error" 1 '' \
	'^gosendapi: response too large: ' -- \
	"$G" --retries 0 me
expect "a dropped connection is a network error" 3 '' \
	'^gosendapi: network error' -- "$G" --retries 0 me
# This answer is held back for 10 s; the mock logs the request only when it
# answers, after this test.
expect "--timeout: a slow answer is a timeout" 3 '' '^gosendapi: timed out' \
	-- "$G" --retries 0 --timeout 200 me
# The answer to the first attempt is lost after the message was stored; the
# retry carries the same key, so the server answers with the first result.
expect_json "a lost answer: the retry returns the stored message" 0 \
	'd["id"] == "wamid.MOCK1"' -- "$G" messages send --from $FROM --to $TO \
	--text "once" --idempotency-key lost-answer-1
expect_log "one request per fault (the slow one not yet), the send, its retry" \
	"GET /v1/me 502" "GET /v1/me 200" "GET /v1/me 307" "GET /v1/me 200" \
	"GET /v1/me closed" "POST /v1/messages closed" \
	"POST /v1/messages 201"
expect_json "the message was stored once" 0 \
	'[m["id"] for m in lines] == ["wamid.MOCK1"]' -- "$G" messages list --all
expect_json "the faults are used up: normal answers again" 0 \
	'd["id"] == "42"' -- "$G" me

# ------------------------------------------------ sends: exactly once
# A 2xx is a sent message, whatever its body; a failed send names its
# Idempotency-Key and says whether sending again with it is safe.
TMPD=$(mktemp -d)
UUID='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
RETRY='gosendapi: retry safely with: --idempotency-key '
send() { "$G" --retries 0 messages send --from $FROM --to $TO "$@"; }
# delay:1 is a fault that changes nothing: it lets a request through.
restart_logged_mock --fault empty:202 --fault truncate --fault delay:1 \
	--fault html-502 --fault delay:1 --fault process-then-close \
	--fault delay:1 --fault empty:501
mark
expect_json "a 2xx without a body: accepted, id unknown, exit 0" 0 \
	'd == {"id": None, "id_known": False, "status": None, "http_status": 202, "idempotency_key": "acc-1", "request_id": d["request_id"], "body_incomplete": False, "body": ""} and "accepted (HTTP 202) without a message id" in err and "acc-1" in err' \
	-- send --text "no body" --idempotency-key acc-1
expect_json "a cut 2xx answer: accepted, id unknown, the body as received" 0 \
	'd["id"] is None and d["id_known"] is False and d["http_status"] == 201 and d["body_incomplete"] is True and d["body"].startswith("{\"id\":\"wamid.MOCK1\"") and d["idempotency_key"] == "acc-2"' \
	-- send --text "cut" --idempotency-key acc-2
expect_json "the same key again: the stored answer, whole, nothing new sent" \
	0 'd["id"] == "wamid.MOCK1"' -- send --text "cut" --idempotency-key acc-2
expect_log "2xx answers: not processed (scripted), processed, replayed" \
	"POST /v1/messages 202" "POST /v1/messages 201" "POST /v1/messages 201"

mark
expect_json "a 502: the key and the advice to retry with it" 1 \
	"out == '' and re.search(r'^gosendapi: HTTP 502: ', err, re.M) and re.search(r'^gosendapi: idempotency key: $UUID\$', err, re.M) and re.search(r'^$RETRY$UUID\$', err, re.M)" \
	-- send --text "retry me"
KEY=$(err_value "$RETRY")
expect_json "the retry with the printed key is sent" 0 \
	'd["id"] == "wamid.MOCK2"' -- send --text "retry me" --idempotency-key "$KEY"
expect_json "a lost answer after the message was stored: exit 3, retry advice" \
	3 "re.search(r'^$RETRY$UUID\$', err, re.M)" -- send --text "lost"
KEY=$(err_value "$RETRY")
expect_json "the retry with the printed key returns the stored message" 0 \
	'd["id"] == "wamid.MOCK3"' -- send --text "lost" --idempotency-key "$KEY"
expect_json "a 501 (not retried): do not re-send, it may have been sent" 1 \
	"re.search(r'^gosendapi: idempotency key: $UUID\$', err, re.M) and re.search(r'^gosendapi: do not re-send as is: the message may have been sent', err, re.M) and 'retry safely' not in err" \
	-- send --text "501"
echo "{\"phone_number_id\":\"$FROM\",\"to\":\"$TO\",\"type\":\"reaction\",\"reaction\":{}}" \
	>"$TMPD/reaction.json"
expect_json "a 400: do not re-send, fix it first; the key given is named" 1 \
	"re.search(r'^gosendapi: HTTP 400: ', err, re.M) and re.search(r'^gosendapi: idempotency key: bad-1\$', err, re.M) and re.search(r'^gosendapi: do not re-send as is: the server did not take the message \(HTTP 400\); fix it first', err, re.M) and 'retry safely' not in err" \
	-- "$G" messages send --json "$TMPD/reaction.json" --idempotency-key bad-1
expect_log "502, retry, closed, retry (replayed), 501, 400" \
	"POST /v1/messages 502" "POST /v1/messages 201" \
	"POST /v1/messages closed" "POST /v1/messages 201" \
	"POST /v1/messages 501" "POST /v1/messages 400"
expect_json "each message was stored once" 0 \
	'[m["id"] for m in lines] == ["wamid.MOCK1", "wamid.MOCK2", "wamid.MOCK3"]' \
	-- "$G" messages list --all
expect_json "input refused before sending: no key, no retry advice" 2 \
	're.search(r"^gosendapi: invalid text.body: ", err, re.M) and "idempotency key" not in err and "re-send" not in err' \
	-- send --text ''

# --file: a failed upload sent nothing; a failed send after the upload
# names the media id, so that the retry sends the same body.
printf 'PDF-ish bytes\n' >"$TMPD/it's here.pdf"
# The send reuses the upload's connection: libcurl sends a request again
# on a new connection when a reused one is closed without a reply, so the
# lost answer takes two closes.
restart_logged_mock --fault html-502 --fault delay:1 \
	--fault process-then-close --fault process-then-close --fault delay:1 \
	--fault html-502 --fault empty:201 --fault empty:201
mark
expect_json "--file, the upload fails: no message sent, run it again" 1 \
	"re.search(r'^gosendapi: no message was sent: the upload failed; running the same command again is safe\$', err, re.M) and 'idempotency key' not in err" \
	-- send --file "$TMPD/it's here.pdf" --mime application/pdf
BYID='gosendapi: and, in place of --file, --mime and --type, the uploaded file by id: --document '
expect_json "--file, the send's answer is lost: the key and the media id" 3 \
	"re.search(r'^${RETRY}file-1\$', err, re.M) and re.search(r'^${BYID}[0-9]+ --filename ', err, re.M) and err.rstrip().endswith(\"'it'\" + chr(92) + \"''s here.pdf'\")" \
	-- send --file "$TMPD/it's here.pdf" --mime application/pdf \
	--caption Invoice --idempotency-key file-1
MEDIA=$(err_value "$BYID")
MEDIA=${MEDIA%% *}
expect_json "the advised retry returns the stored message" 0 \
	'd["id"] == "wamid.MOCK1"' -- send --document "$MEDIA" \
	--filename "it's here.pdf" --caption Invoice --idempotency-key file-1
expect_json "media upload fails: its key and what a new upload does" 1 \
	"re.search(r'^gosendapi: idempotency key: up-1\$', err, re.M) and re.search(r'^gosendapi: the file may have been stored', err, re.M)" \
	-- "$G" --retries 0 media upload --from $FROM \
	--file "$TMPD/it's here.pdf" --mime application/pdf --idempotency-key up-1
expect_json "media upload answered 2xx without an id: stored, id unknown" 0 \
	'd == {"id": None, "id_known": False, "http_status": 201, "idempotency_key": "up-2", "request_id": d["request_id"], "body_incomplete": False, "body": ""} and "without a media id" in err' \
	-- "$G" media upload --from $FROM --file "$TMPD/it's here.pdf" \
	--mime application/pdf --idempotency-key up-2
expect_json "--file, the upload's answer has no id: nothing sent, exit 1" 1 \
	'out == "" and re.search(r"^gosendapi: the upload was accepted \(HTTP 201\) without a media id: no message was sent", err, re.M)' \
	-- send --file "$TMPD/it's here.pdf" --mime application/pdf
expect_log "upload 502; upload, send lost, replay; upload 502; two uploads" \
	"POST /v1/media 502" "POST /v1/media 201" "POST /v1/messages closed" \
	"POST /v1/messages closed" "POST /v1/messages 201" \
	"POST /v1/media 502" "POST /v1/media 201" "POST /v1/media 201"
expect_json "the file's message was stored once" 0 \
	'[m["id"] for m in lines] == ["wamid.MOCK1"] and lines[0]["document"]["caption"] == "Invoice"' \
	-- "$G" messages list --all

# ------------------------------------------------ lists that do not end
# The server ignores `page`: the second page repeats the first. Every
# --all listing stops with an error (exit 1) after the items it got.
restart_logged_mock --fault ignore-page --fault ignore-page \
	--fault ignore-page --fault ignore-page
mark
expect_json "messages list --all on a looping server: exit 1" 1 \
	'[m["id"] for m in lines] == ["wamid.LOOP1", "wamid.LOOP2"] and re.search(r"^gosendapi: .*page 2 repeats page 1", err, re.M)' \
	-- "$G" messages list --all
expect_json "conversations list --all on a looping server: exit 1" 1 \
	'len(lines) == 2 and "page 2 repeats page 1" in err' -- \
	"$G" conversations list --all
expect_log "two pages each, then the listing stopped" \
	"GET /v1/messages 200" "GET /v1/messages 200" \
	"GET /v1/conversations 200" "GET /v1/conversations 200"

# ------------------------------------------------ the key stays secret
# A server that echoes the API key in its error message and X-Request-Id.
SECRET_KEY=gsk_test_echoedSECRETpart1234
restart_logged_mock --fault "echo-key:$SECRET_KEY" \
	--fault "echo-key:$SECRET_KEY"
expect_json "--verbose with an echoing server: the key is never printed" 1 \
	'"echoedSECRETpart" not in out + err and "HTTP 401: Invalid API key gsk_test_..." in err and "request id req-gsk_test_..." in err and "GET /me -> 401" in err' \
	-- env GOSENDAPI_KEY=$SECRET_KEY "$G" --verbose me
expect_json "... nor on a failed send" 1 \
	'"echoedSECRETpart" not in out + err and "idempotency key: " in err' \
	-- env GOSENDAPI_KEY=$SECRET_KEY "$G" --verbose messages send \
	--from $FROM --to $TO --text hi

# ------------------------------------------------ --deadline
# The answer is held back for 5 s: within --timeout, beyond --deadline.
restart_logged_mock --fault delay:5000
expect "--deadline ends a call whose attempt is still running: exit 3" 3 \
	'' '^gosendapi: timed out' -- "$G" --deadline 300 --timeout 10000 me
rm -rf "$TMPD"
finish
