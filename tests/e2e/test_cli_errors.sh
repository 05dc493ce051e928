#!/usr/bin/env bash
# The gosendapi command-line tool when the server misbehaves: each fault
# queued on the mock is used by one request, in order, and maps to an exit
# code (1 API or protocol error, 3 network error or timeout). A send whose
# answer is lost is retried with the same Idempotency-Key and delivered
# once.
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
finish
