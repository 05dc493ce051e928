#!/usr/bin/env bash
# The gosendapi command-line tool when the server misbehaves: each fault
# queued on the mock is used by one request, in order, and maps to an exit
# code (1 API or protocol error, 3 network error or timeout). A send whose
# answer is lost is retried with the same Idempotency-Key and delivered
# once; --all stops on pages that repeat; the API key is never printed.
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
restart_logged_mock --fault "echo-key:$SECRET_KEY"
expect_json "--verbose with an echoing server: the key is never printed" 1 \
	'"echoedSECRETpart" not in out + err and "HTTP 401: Invalid API key gsk_test_..." in err and "request id req-gsk_test_..." in err and "GET /me -> 401" in err' \
	-- env GOSENDAPI_KEY=$SECRET_KEY "$G" --verbose me
finish
