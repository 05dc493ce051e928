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
kill "$MOCKPID"
wait "$MOCKPID" 2>/dev/null || true
expect "me with the server gone exits 3" 3 '' '' -- "$BIN/examples/me"
finish
