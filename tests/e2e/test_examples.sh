#!/usr/bin/env bash
# The examples against the standalone mock: output and exit codes
# (0 ok, 1 API error, 2 usage, 3 network), and the send examples' exactly-
# once output (accepted without an id; a failed send's key and verdict).
BIN=$1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli_lib.sh"
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

# The C++ example (built when the build has a C++ compiler): a text, a
# message with reply buttons (as stored by the mock), refusals before
# sending (exit 2, nothing stored).
if [ -x "$BIN/examples/cpp_send" ]; then
	expect "cpp_send prints the new id" 0 '^wamid\.MOCK4$' '' -- \
		"$BIN/examples/cpp_send" 555123456789 "+54 9 11 4012-3456" "Hola"
	expect "cpp_send with two buttons" 0 '^wamid\.MOCK5$' '' -- \
		"$BIN/examples/cpp_send" 555123456789 5491140123456 "¿Venís?" Sí No
	expect_json "cpp_send: the button message as stored" 0 \
		'd["type"] == "interactive" and d["to"] == "5491140123456" and d["interactive"] == {"type": "button", "body": {"text": "¿Venís?"}, "action": {"buttons": [{"type": "reply", "reply": {"id": "b1", "title": "Sí"}}, {"type": "reply", "reply": {"id": "b2", "title": "No"}}]}}' \
		-- "$BIN/cli/gosendapi" messages get wamid.MOCK5
	expect "cpp_send refuses a bad number (exit 2)" 2 '' 'phone' -- \
		"$BIN/examples/cpp_send" 555123456789 +54-9 "Hola"
	expect "cpp_send refuses a fourth button, naming it (exit 2)" 2 '' \
		'\(interactive\.action\.buttons\[3\]\)$' -- \
		"$BIN/examples/cpp_send" 555123456789 5491140123456 "?" a b c d
	expect "cpp_send without a key exits 2" 2 '' 'GOSENDAPI_KEY' -- \
		env -u GOSENDAPI_KEY "$BIN/examples/cpp_send" 555123456789 \
		5491140123456 "Hola"
	n=$("$BIN/examples/list_messages" | wc -l)
	expect "cpp_send: the refused sends stored nothing" 0 '^5$' '' -- echo "$n"
else
	echo "skip cpp_send: not built"
fi

# Exactly once. A send answered 2xx without an id is sent; a failed send
# names its key and whether sending again with it is safe. The examples
# retry twice, so three 502s fail a send. Each fault is used by one
# request, in order; delay:1 lets one through unchanged.
kill "$MOCKPID"
wait "$MOCKPID" 2>/dev/null || true
start_mock --fault empty:202 --fault html-502 --fault html-502 \
	--fault html-502 --fault empty:400 --fault empty:202 --fault empty:201 \
	--fault delay:1 --fault html-502 --fault html-502 --fault html-502
expect "send_text: accepted without an id exits 0" 0 \
	'^accepted, id unknown \(HTTP 202, idempotency key [0-9a-f-]{36}\)$' '' \
	-- "$BIN/examples/send_text" 555123456789 5491140123456 "Hola"
expect_json "send_text: a failed send names the key, safe to send again" 1 \
	're.search(r"^send_text: HTTP 502: ", err, re.M) and re.search(r"^send_text: idempotency key: [0-9a-f-]{36}$", err, re.M) and re.search(r"^send_text: safe to send again with the same key: GOSENDAPI_IDEMPOTENCY_KEY=[0-9a-f-]{36} send_text", err, re.M)' \
	-- "$BIN/examples/send_text" 555123456789 5491140123456 "Hola again"
KEY=$(err_value 'send_text: idempotency key: ')
expect "send_text: a refused send: do not send it again as is" 1 '' \
	'^send_text: do not send it again as is' -- \
	"$BIN/examples/send_text" 555123456789 5491140123456 "Hola"
expect "send_template: accepted without an id exits 0" 0 \
	'^accepted, id unknown \(HTTP 202, ' '' -- \
	"$BIN/examples/send_template" 555123456789 5491140123456 \
	appointment_reminder es_AR Juan 20/05
media=$(mktemp --suffix=.png)
printf '\x89PNG\r\n\x1a\nfake image bytes' >"$media"
expect "send_media: an upload without a media id sends nothing, exit 1" 1 \
	'' 'without a media id: no message was sent' -- \
	"$BIN/examples/send_media" 555123456789 5491140123456 "$media" image/png
expect_json "send_media: a failed send names the key and the media id" 1 \
	're.search(r"^send_media: idempotency key: [0-9a-f-]{36}, media id: [0-9]+$", err, re.M) and "send_media: safe to send this message (the same media id) again with the same key" in err' \
	-- "$BIN/examples/send_media" 555123456789 5491140123456 "$media" image/png
rm -f "$media"
# The faults are used up: the send retried with the printed key is sent,
# and once only.
expect "send_text: the retry with the printed key is sent" 0 '^wamid\.MOCK1$' \
	'' -- env GOSENDAPI_IDEMPOTENCY_KEY="$KEY" "$BIN/examples/send_text" \
	555123456789 5491140123456 "Hola again"
expect "send_text: the same key again sends nothing new" 0 '^wamid\.MOCK1$' \
	'' -- env GOSENDAPI_IDEMPOTENCY_KEY="$KEY" "$BIN/examples/send_text" \
	555123456789 5491140123456 "Hola again"
expect "list_messages: one message stored" 0 '^wamid\.MOCK1$' '' -- \
	"$BIN/examples/list_messages"

# The async examples send COUNT messages from an event loop that nothing
# blocks: the last line is the longest gap between two ticks of a 10 ms
# timer on the loop. One answer comes 400 ms late and two are 502s
# (retried after a backoff of 250 ms or more): waiting for either would
# show as a gap that long. async_libuv is built only where libuv is.
kill "$MOCKPID"
wait "$MOCKPID" 2>/dev/null || true
start_mock --fault delay:400 --fault html-502 --fault html-502
sent=0
for ex in async_poll async_libuv; do
	if [ ! -x "$BIN/examples/$ex" ]; then
		echo "skip $ex: not built"
		continue
	fi
	expect_json "$ex sends 20 messages, the loop never waits 200 ms" 0 \
		'(lambda L: len(L) == 21 and len(set(L[:-1])) == 20 and all(re.match(r"^wamid\.MOCK[0-9]+$", l) for l in L[:-1]) and re.match(r"^max_tick_gap_ms=[0-9]+$", L[-1]) and int(L[-1].split("=")[1]) < 200)(out.splitlines())' \
		-- "$BIN/examples/$ex" 555123456789 5491140123456 20
	sent=$((sent + 20))
	expect "$ex refuses a bad number (nothing sent)" 2 '' 'phone number' -- \
		"$BIN/examples/$ex" 555123456789 +54-9 20
	expect "$ex refuses a bad COUNT" 2 '' 'COUNT' -- \
		"$BIN/examples/$ex" 555123456789 5491140123456 0
	expect "$ex refuses an empty phone number id (exit 2)" 2 '' \
		'phone_number_id' -- "$BIN/examples/$ex" '' 5491140123456 2
done
n=$("$BIN/examples/list_messages" | wc -l)
expect "the async examples' messages are stored once each" 0 "^$sent\$" '' \
	-- echo "$n"

# campaign: a file of numbers through the outbox. A bad line is recorded
# as failed with its line number and never sent; a second run resumes and
# sends nothing again.
if [ -x "$BIN/examples/campaign" ]; then
	dir=$(mktemp -d)
	printf '+54 9 11 4012-3456\n5491140123457\nnot a number\n5491140123458\n' \
		>"$dir/numbers.txt"
	expect_json "campaign sends each number once and reports the bad line" 1 \
		'(lambda L: L[0] == "sent 3, failed 1, to review 0" and len(L) == 2 and json.loads(L[1])["source"] == "line 3" and json.loads(L[1])["state"] == "failed" and json.loads(L[1])["code_value"] == -2)(out.splitlines())' \
		-- "$BIN/examples/campaign" "$dir/state.db" 555123456789 \
		"$dir/numbers.txt" "Hola"
	expect "campaign run again sends nothing new" 1 \
		'^sent 3, failed 1, to review 0$' '' -- "$BIN/examples/campaign" \
		"$dir/state.db" 555123456789 "$dir/numbers.txt" "Hola"
	sent=$((sent + 3))
	n=$("$BIN/examples/list_messages" | wc -l)
	expect "the campaign's messages are stored once each" 0 "^$sent\$" '' \
		-- echo "$n"
	expect "campaign without arguments exits 2" 2 '' 'usage' -- \
		"$BIN/examples/campaign"
	expect "campaign on a file that is not an outbox exits 3" 3 '' \
		'not a database' -- "$BIN/examples/campaign" "$dir/numbers.txt" \
		555123456789 "$dir/numbers.txt" "Hola"
	rm -rf "$dir"
fi

kill "$MOCKPID"
wait "$MOCKPID" 2>/dev/null || true
expect "me with the server gone exits 3" 3 '' '' -- "$BIN/examples/me"
if [ -x "$BIN/examples/cpp_send" ]; then
	expect "cpp_send with the server gone exits 3, names its key" 3 '' \
		'^cpp_send: safe to send again with the same key: GOSENDAPI_IDEMPOTENCY_KEY=[0-9a-f-]{36} cpp_send' \
		-- "$BIN/examples/cpp_send" 555123456789 5491140123456 "Hola"
fi
for ex in async_poll async_libuv; do
	[ -x "$BIN/examples/$ex" ] || continue
	expect "$ex with the server gone exits 3" 3 'max_tick_gap_ms=' \
		'idempotency key: .* \(safe to send again with it\)' -- \
		"$BIN/examples/$ex" 555123456789 5491140123456 2
done
rm -f "$LAST_OUT" "$LAST_ERR"
finish
