#!/usr/bin/env bash
# The examples against the standalone mock: output and exit codes
# (0 ok, 1 API error, 2 usage, 3 network).
BIN=$1
. "$(dirname "$0")/lib.sh"
start_mock

export GOSENDAPI_KEY=gsk_test_examples_e2e
expect "me prints the project" 0 '^id: 42$' '' -- "$BIN/examples/me"
expect "me with a revoked key exits 1 with the server message" 1 '' \
	'HTTP 401: Invalid or missing API key' -- \
	env GOSENDAPI_KEY=gsk_test_revoked_e2e "$BIN/examples/me"
expect "me without a key exits 2" 2 '' 'GOSENDAPI_KEY' -- \
	env -u GOSENDAPI_KEY "$BIN/examples/me"
expect "me with a malformed key exits 2" 2 '' 'gsk_test_' -- \
	env GOSENDAPI_KEY=not-a-key "$BIN/examples/me"
expect "send_text prints the new id" 0 '^wamid\.' '' -- \
	"$BIN/examples/send_text" 555123456789 5491140123456 "Hola"
expect "send_text refuses a bad number (nothing sent)" 2 '' 'phone number' -- \
	"$BIN/examples/send_text" 555123456789 +54-9 "Hola"
expect "send_template with body parameters" 0 '^wamid\.' '' -- \
	"$BIN/examples/send_template" 555123456789 5491140123456 \
	appointment_reminder es_AR Juan 20/05
media=$(mktemp --suffix=.png)
printf '\x89PNG\r\n\x1a\nfake image bytes' >"$media"
expect "send_media uploads then sends by id" 0 '^wamid\.' '' -- \
	"$BIN/examples/send_media" 555123456789 5491140123456 "$media" \
	image/png "A caption"
expect "send_media with a missing file exits 2" 2 '' '' -- \
	"$BIN/examples/send_media" 555123456789 5491140123456 /nonexistent \
	image/png
rm -f "$media"
expect "list_messages prints every id" 0 '^wamid\.' '' -- \
	"$BIN/examples/list_messages"
n=$("$BIN/examples/list_messages" | wc -l)
expect "list_messages walked all 3 sent messages" 0 '^3$' '' -- echo "$n"
kill "$MOCKPID"
wait "$MOCKPID" 2>/dev/null || true
expect "me with the server gone exits 3" 3 '' '' -- "$BIN/examples/me"
finish
