#!/usr/bin/env bash
# The gosendapi command-line tool against the standalone mock: every
# subcommand, its JSON output, the requests it makes, and its exit codes
# (0 ok, 1 API error, 2 usage error, 3 network error; see also
# test_cli_errors.sh).
BIN=$1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli_lib.sh"
G=$BIN/cli/gosendapi
FROM=555123456789
TO=5491140123456

# shellcheck disable=SC2119 # the mock takes no extra arguments here
start_logged_mock
export GOSENDAPI_KEY=gsk_test_cli_e2e
unset GOSENDAPI_WEBHOOK_SECRET GOSENDAPI_IDEMPOTENCY_KEY
TMPD=$(mktemp -d)
trap 'kill $MOCKPID 2>/dev/null || true; rm -rf "$TMPD" "$MOCK_LOG" "$LAST_OUT" "$LAST_ERR"' EXIT

# ---------------------------------------------------------------- help
for cmd in "me" "messages send" "messages list" "messages get" \
	"media upload" "wabas list" "wabas get" "wabas phone-numbers" \
	"templates list" "templates create" "templates sync" \
	"templates delete" "conversations list" "conversations get" \
	"conversations close" "webhooks list" "webhooks create" \
	"webhooks update" "webhooks delete" "webhooks deliveries" \
	"webhooks sign" "webhooks verify" "customers create" \
	"setup-links create"; do
	# shellcheck disable=SC2086 # the command is two words
	expect "$cmd --help" 0 "^Usage: gosendapi $cmd( |$)" '' -- \
		"$G" $cmd --help
done
mark
expect "help of a command with missing arguments still exits 0" 0 \
	'^Usage: gosendapi templates delete WABA TEMPLATE_ID' '' -- \
	"$G" templates delete -h
expect "gosendapi --help lists every command" 0 'setup-links create' '' -- \
	"$G" --help
expect "gosendapi help messages send" 0 '^Usage: gosendapi messages send' \
	'' -- "$G" help messages send
expect "a group's --help lists its commands" 0 'webhooks verify' '' -- \
	"$G" webhooks --help
expect "--version" 0 '^gosendapi [0-9]+\.[0-9]+\.[0-9]+ ' '' -- \
	"$G" --version
expect_log "help and version send nothing"

# ---------------------------------------------------------------- usage
mark
expect "no command" 2 '' "missing command" -- "$G"
expect "unknown command" 2 '' "unknown command 'nope'" -- "$G" nope
expect "group without a subcommand" 2 '' "needs a subcommand" -- \
	"$G" messages
expect "unknown subcommand" 2 '' "unknown command 'wabas nope'" -- \
	"$G" wabas nope
expect "unknown option" 2 '' "unrecognized option '--nope'" -- \
	"$G" me --nope
expect "unknown global option" 2 '' "unrecognized option '--nope'" -- \
	"$G" --nope me
expect "missing argument" 2 '' 'missing argument: ID' -- \
	"$G" messages get
expect "extra argument" 2 '' "unexpected argument 'b'" -- \
	"$G" messages get a b
expect "option value missing" 2 '' "requires an argument" -- \
	"$G" messages list --page
expect "bad --timeout" 2 '' '--timeout: expected a whole number' -- \
	"$G" --timeout soon me
expect "bad --retries" 2 '' '--retries: expected a whole number' -- \
	"$G" me --retries 99
expect "bad --deadline" 2 '' '--deadline: expected a whole number' -- \
	"$G" --deadline -1 me
expect "plain http:// to another host is refused, with the way out" 2 '' \
	'unless --allow-insecure-http is given' -- \
	"$G" --base-url http://api.example.test/v1 me
expect "option given twice" 2 '' '--api-key given more than once' -- \
	"$G" --api-key gsk_test_a me --api-key gsk_test_b
expect "no API key" 2 '' 'GOSENDAPI_KEY' -- env -u GOSENDAPI_KEY "$G" me
expect "empty API key" 2 '' 'GOSENDAPI_KEY' -- \
	env GOSENDAPI_KEY= "$G" me
expect "malformed API key is refused by the library" 2 '' \
	'invalid api_key: API key must start with gsk_test_' -- \
	"$G" --api-key not-a-key me
expect "bad base URL" 2 '' 'invalid base_url' -- \
	"$G" --base-url ftp://example.test me
expect "bad Idempotency-Key" 2 '' 'invalid idempotency_key' -- \
	"$G" --idempotency-key 'has space' messages send --from $FROM \
	--to $TO --text hi
expect_log "usage errors send nothing"

# ---------------------------------------------------------------- me
mark
expect_json "me prints the project" 0 \
	'd["id"] == "42" and d["name"] == "Mock Project" and err == ""' -- \
	"$G" me
expect_log "me: GET /me" "GET /v1/me 200"
mark
expect_json "--api-key wins over GOSENDAPI_KEY" 0 'd["id"] == "42"' -- \
	env GOSENDAPI_KEY=gsk_test_revoked "$G" --api-key gsk_test_other me
expect_json "--base-url wins over GOSENDAPI_BASE_URL" 0 'd["id"] == "42"' \
	-- env GOSENDAPI_BASE_URL=http://127.0.0.1:1/v1 "$G" \
	--base-url "$GOSENDAPI_BASE_URL" me
expect_json "client options are accepted after the command too" 0 \
	'd["id"] == "42"' -- env GOSENDAPI_BASE_URL=http://127.0.0.1:1/v1 \
	"$G" me --base-url "$GOSENDAPI_BASE_URL" --timeout 5000 --retries 0 \
	--deadline 20000 --allow-insecure-http
expect_json "--deadline 0: no overall deadline" 0 'd["id"] == "42"' -- \
	"$G" --deadline 0 me
expect_log "each me reached the mock" "GET /v1/me 200" "GET /v1/me 200" \
	"GET /v1/me 200" "GET /v1/me 200"
expect "a revoked key is an API error" 1 '' \
	'^gosendapi: HTTP 401: Invalid or missing API key$' -- \
	env GOSENDAPI_KEY=gsk_test_revoked_cli "$G" me
expect_json "--verbose logs the request on stderr, never the key" 0 \
	'd["id"] == "42" and "GET /me -> 200" in err and "s3cr3tpart" not in out + err' \
	-- env GOSENDAPI_KEY=gsk_test_s3cr3tpart "$G" --verbose me
expect_json "the key is not printed when it is refused either" 2 \
	'"s3cr3t" not in out + err' -- "$G" --api-key 'gsk_test_s3cr3t x' me

# ---------------------------------------------------------------- messages send
mark
expect_json "send text: the answer of POST /messages" 0 \
	'd["id"] == "wamid.MOCK1" and d["status"] == "accepted"' -- \
	"$G" messages send --from $FROM --to "+54 9 11 4012-3456" --text "hola"
expect_log "send text: one POST /messages" "POST /v1/messages 201"
expect_json "the text message as stored: normalised recipient, body" 0 \
	'd["type"] == "text" and d["to"] == "5491140123456" and d["phone_number_id"] == "555123456789" and d["text"] == {"body": "hola"}' \
	-- "$G" messages get wamid.MOCK1

expect_json "send template with parameters" 0 'd["id"] == "wamid.MOCK2"' -- \
	"$G" messages send --from $FROM --to $TO --template \
	appointment_reminder --language es_AR --param Juan --param 20/05
expect_json "the template as stored" 0 \
	'd["template"] == {"name": "appointment_reminder", "language": {"code": "es_AR"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Juan"}, {"type": "text", "text": "20/05"}]}]}' \
	-- "$G" messages get wamid.MOCK2

expect_json "send image by link with a caption" 0 'd["id"] == "wamid.MOCK3"' \
	-- "$G" messages send --from $FROM --to $TO --image \
	https://example.test/a.jpg --caption "Summer sale"
expect_json "the image as stored" 0 \
	'd["type"] == "image" and d["image"] == {"link": "https://example.test/a.jpg", "caption": "Summer sale"}' \
	-- "$G" messages get wamid.MOCK3

expect_json "send a document by media id with a file name" 0 \
	'd["id"] == "wamid.MOCK4"' -- "$G" messages send --from $FROM --to $TO \
	--document 934567890123456 --filename report.pdf
expect_json "the document as stored" 0 \
	'd["document"] == {"id": "934567890123456", "filename": "report.pdf"}' \
	-- "$G" messages get wamid.MOCK4

for kind in video audio sticker; do
	expect_json "send $kind by link" 0 'd["status"] == "accepted"' -- \
		"$G" messages send --from $FROM --to $TO --$kind \
		"https://example.test/x.$kind"
done
expect_json "the sticker as stored" 0 \
	'd["type"] == "sticker" and d["sticker"] == {"link": "https://example.test/x.sticker"}' \
	-- "$G" messages get wamid.MOCK7

printf 'PDF-ish bytes\n' >"$TMPD/invoice 7.pdf"
mark
expect_json "send --file uploads, then sends by id" 0 \
	'd["id"] == "wamid.MOCK8"' -- "$G" messages send --from $FROM --to $TO \
	--file "$TMPD/invoice 7.pdf" --mime application/pdf --caption "Invoice"
expect_log "send --file: POST /media, then POST /messages" \
	"POST /v1/media 201" "POST /v1/messages 201"
expect_json "the uploaded document: media id, caption, the file's name" 0 \
	'd["type"] == "document" and d["document"]["id"].isdigit() and d["document"]["caption"] == "Invoice" and d["document"]["filename"] == "invoice 7.pdf"' \
	-- "$G" messages get wamid.MOCK8
printf '\x89PNG\r\n' >"$TMPD/pic.png"
expect_json "send --file: the type follows --mime" 0 'd["id"] == "wamid.MOCK9"' \
	-- "$G" messages send --from $FROM --to $TO --file "$TMPD/pic.png" \
	--mime image/png
expect_json "an image/png file is sent as an image" 0 \
	'd["type"] == "image" and list(d["image"]) == ["id"]' -- \
	"$G" messages get wamid.MOCK9
expect_json "send --file --type overrides the guess" 0 \
	'd["id"] == "wamid.MOCK10"' -- "$G" messages send --from $FROM --to $TO \
	--file "$TMPD/pic.png" --mime image/png --type document
expect_json "--type document as stored" 0 \
	'd["type"] == "document" and d["document"]["filename"] == "pic.png"' -- \
	"$G" messages get wamid.MOCK10

expect_json "send location" 0 'd["id"] == "wamid.MOCK11"' -- \
	"$G" messages send --from $FROM --to $TO --latitude -34.6037 \
	--longitude -58.3816 --name Obelisco --address "Av. 9 de Julio"
expect_json "the location as stored" 0 \
	'd["location"] == {"latitude": -34.6037, "longitude": -58.3816, "name": "Obelisco", "address": "Av. 9 de Julio"}' \
	-- "$G" messages get wamid.MOCK11

cat >"$TMPD/contacts.json" <<EOF
{"phone_number_id":"$FROM","to":"$TO","type":"contacts",
 "contacts":[{"name":{"formatted_name":"Ana"}}]}
EOF
expect_json "send --json FILE as is" 0 'd["id"] == "wamid.MOCK12"' -- \
	"$G" messages send --json "$TMPD/contacts.json"
expect_json "the raw body as stored" 0 \
	'd["type"] == "contacts" and d["contacts"] == [{"name": {"formatted_name": "Ana"}}]' \
	-- "$G" messages get wamid.MOCK12
expect_json "send --json - reads stdin" 0 'd["id"] == "wamid.MOCK13"' -- \
	sh -c "printf '%s' '{\"phone_number_id\":\"$FROM\",\"to\":\"$TO\",\"type\":\"text\",\"text\":{\"body\":\"stdin\"}}' | \"$G\" messages send --json -"
expect_json "the stdin body as stored" 0 'd["text"]["body"] == "stdin"' -- \
	"$G" messages get wamid.MOCK13

# Idempotency: the same key and body give the first answer again.
mark
expect_json "send with --idempotency-key" 0 'd["id"] == "wamid.MOCK14"' -- \
	"$G" --idempotency-key order-1234 messages send --from $FROM --to $TO \
	--text "your order shipped"
expect_json "the same key again: the same message id" 0 \
	'd["id"] == "wamid.MOCK14"' -- "$G" messages send --from $FROM --to $TO \
	--text "your order shipped" --idempotency-key order-1234
expect_log "both sends reached the server" "POST /v1/messages 201" \
	"POST /v1/messages 201"
expect_json "the replay stored no second message" 0 \
	'len(d) == 0' -- "$G" messages list --page 15 --per-page 1
expect "the same key with another body is a conflict" 1 '' \
	'^gosendapi: HTTP 409: Idempotency-Key reused with a different body$' -- \
	"$G" --idempotency-key order-1234 messages send --from $FROM --to $TO \
	--text "something else"

# Input refused before anything is sent.
mark
expect "send: nothing to send" 2 '' 'nothing to send' -- \
	"$G" messages send --from $FROM --to $TO
expect "send: two kinds of message" 2 '' 'give one kind of message' -- \
	"$G" messages send --from $FROM --to $TO --text a --latitude 1 \
	--longitude 2
expect "send: two media options" 2 '' 'give one media option' -- \
	"$G" messages send --from $FROM --to $TO --image https://e.test/a \
	--video https://e.test/b
expect "send: a modifier of another kind" 2 '' \
	'--caption cannot be used with --text' -- \
	"$G" messages send --from $FROM --to $TO --text a --caption b
expect "send: missing --to" 2 '' 'missing --from or --to' -- \
	"$G" messages send --from $FROM --text a
expect "send: --json with --from" 2 '' '--from cannot be used with --json' -- \
	"$G" messages send --json "$TMPD/contacts.json" --from $FROM
expect "send: bad recipient" 2 '' '^gosendapi: invalid --to: ' -- \
	"$G" messages send --from $FROM --to "call me" --text a
expect "send: template without language" 2 '' \
	'--template needs --language' -- \
	"$G" messages send --from $FROM --to $TO --template t
expect "send: --file without --mime" 2 '' '--file needs --mime' -- \
	"$G" messages send --from $FROM --to $TO --file "$TMPD/pic.png"
expect "send: bad --type" 2 '' "--type: expected image" -- \
	"$G" messages send --from $FROM --to $TO --file "$TMPD/pic.png" \
	--mime image/png --type gif
expect "send: missing file" 2 '' '^gosendapi: invalid path: ' -- \
	"$G" messages send --from $FROM --to $TO --file "$TMPD/none.png" \
	--mime image/png
expect "send: latitude out of range" 2 '' '--latitude: expected a number' \
	-- "$G" messages send --from $FROM --to $TO --latitude 91 --longitude 0
expect "send: longitude alone" 2 '' 'needs --latitude and --longitude' -- \
	"$G" messages send --from $FROM --to $TO --longitude 0
expect "send: the library refuses a caption on audio" 2 '' \
	'^gosendapi: invalid audio.caption: ' -- \
	"$G" messages send --from $FROM --to $TO --audio https://e.test/a.mp3 \
	--caption nope
expect "send: the library refuses an empty text" 2 '' \
	'^gosendapi: invalid text.body: ' -- \
	"$G" messages send --from $FROM --to $TO --text ''
expect "send: --json file missing" 2 '' "cannot open" -- \
	"$G" messages send --json "$TMPD/none.json"
echo '{"phone_number_id":"1","to":"+1","type":"text","text":{}}' \
	>"$TMPD/badto.json"
expect "send: --json with a bad recipient" 2 '' '^gosendapi: invalid to: ' \
	-- "$G" messages send --json "$TMPD/badto.json"
expect_log "refused sends send nothing"

# A body the library passes and the server refuses.
echo "{\"phone_number_id\":\"$FROM\",\"to\":\"$TO\",\"type\":\"reaction\",\"reaction\":{}}" \
	>"$TMPD/reaction.json"
mark
expect "send: the server's 400 with its field" 1 '' \
	"^gosendapi: HTTP 400: .*type.* \(field type\)$" -- \
	"$G" messages send --json "$TMPD/reaction.json"
expect_log "the refused body reached the server" "POST /v1/messages 400"

# ---------------------------------------------------------------- messages list / get
mark
expect_json "messages list: one page as a JSON array" 0 \
	'[m["id"] for m in d] == ["wamid.MOCK3", "wamid.MOCK4"]' -- \
	"$G" messages list --page 2 --per-page 2
expect_json "messages list: the server's default page" 0 \
	'isinstance(d, list) and len(d) == 14 and d[0]["id"] == "wamid.MOCK1"' \
	-- "$G" messages list
expect_log "messages list: GET /messages" "GET /v1/messages 200" \
	"GET /v1/messages 200"
expect_json "messages list --all: one compact object per line" 0 \
	'lines is not None and [m["id"] for m in lines] == ["wamid.MOCK%d" % i for i in range(1, 15)] and all(isinstance(m, dict) for m in lines)' \
	-- "$G" messages list --all
expect "messages list --all with --page" 2 '' 'takes no --page' -- \
	"$G" messages list --all --page 2
expect "messages list --per-page 0" 2 '' '--per-page: expected' -- \
	"$G" messages list --per-page 0
mark
expect "messages get: unknown id" 1 '' \
	'^gosendapi: HTTP 404: Message not found$' -- \
	"$G" messages get wamid.NOPE
expect "messages get: the id is encoded into the path" 1 '' 'HTTP 404' -- \
	"$G" messages get 'a/b?c'
expect_log "messages get: paths" "GET /v1/messages/wamid.NOPE 404" \
	"GET /v1/messages/a%2Fb%3Fc 404"
expect "messages get: '..' is refused" 2 '' '^gosendapi: invalid message_id' \
	-- "$G" messages get ..

# ---------------------------------------------------------------- media upload
mark
expect_json "media upload prints the media id" 0 \
	'd["id"].isdigit() and len(d["id"]) == 15' -- \
	"$G" media upload --from $FROM --file "$TMPD/pic.png" --mime image/png
expect_log "media upload: POST /media" "POST /v1/media 201"
MEDIA_ID=$(jget 'd["id"]' <"$LAST_OUT")
expect_json "an uploaded id sends with --image" 0 'd["id"] == "wamid.MOCK15"' \
	-- "$G" messages send --from $FROM --to $TO --image "$MEDIA_ID"
expect_json "the image sent by id" 0 "d[\"image\"] == {\"id\": \"$MEDIA_ID\"}" \
	-- "$G" messages get wamid.MOCK15
mark
expect "media upload: missing --mime" 2 '' 'missing --mime' -- \
	"$G" media upload --from $FROM --file "$TMPD/pic.png"
expect "media upload: missing file" 2 '' 'invalid path' -- \
	"$G" media upload --from $FROM --file "$TMPD/none" --mime image/png
expect "media upload: bad MIME type" 2 '' 'invalid mime_type' -- \
	"$G" media upload --from $FROM --file "$TMPD/pic.png" --mime png
expect_log "refused uploads send nothing"

# ---------------------------------------------------------------- wabas
mark
expect_json "wabas list" 0 '[w["id"] for w in d] == ["1", "2"]' -- \
	"$G" wabas list
expect_json "wabas list --all" 0 \
	'[w["display_name"] for w in lines] == ["Mock Clinic", "Mock Store"]' \
	-- "$G" wabas list --all
expect_json "wabas get" 0 \
	'd["id"] == "1" and d["waba_id"] == "102290129340398"' -- \
	"$G" wabas get 1
expect_json "wabas phone-numbers" 0 \
	'[p["phone_number_id"] for p in d] == ["555123456789", "555123456790"]' \
	-- "$G" wabas phone-numbers 1
expect_json "wabas phone-numbers --all" 0 \
	'len(lines) == 1 and lines[0]["phone_number_id"] == "555987654321"' -- \
	"$G" wabas phone-numbers 2 --all
expect_log "wabas: paths" "GET /v1/wabas 200" "GET /v1/wabas 200" \
	"GET /v1/wabas/1 200" "GET /v1/wabas/1/phone-numbers 200" \
	"GET /v1/wabas/2/phone-numbers 200"
expect "wabas get: unknown" 1 '' '^gosendapi: HTTP 404: WABA not found$' -- \
	"$G" wabas get 99
expect "wabas phone-numbers: unknown" 1 '' 'HTTP 404: WABA not found' -- \
	"$G" wabas phone-numbers 99 --all

# ---------------------------------------------------------------- templates
mark
expect_json "templates list" 0 \
	'[t["name"] for t in d] == ["appointment_reminder", "summer_promo", "verification_code"]' \
	-- "$G" templates list 1
expect_json "templates list --all" 0 \
	'[t["id"] for t in lines] == ["1001", "1002", "1003"]' -- \
	"$G" templates list 1 --all
expect_json "templates create from flags" 0 \
	'd["status"] == "PENDING" and d["name"] == "order_update" and d["components"] == [{"type": "HEADER", "format": "TEXT", "text": "Order {{1}}", "example": {"header_text": ["#1234"]}}, {"type": "BODY", "text": "Hi {{1}}, it ships {{2}}.", "example": {"body_text": [["Ana", "today"]]}}, {"type": "FOOTER", "text": "Acme"}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Thanks"}, {"type": "QUICK_REPLY", "text": "Stop"}]}]' \
	-- "$G" templates create 1 --name order_update --category utility \
	--language en_US --header 'Order {{1}}' --header-example '#1234' \
	--body 'Hi {{1}}, it ships {{2}}.' --body-example Ana \
	--body-example today --footer Acme --quick-reply Thanks --quick-reply Stop
cat >"$TMPD/template.json" <<'EOF'
{"name": "welcome", "category": "MARKETING", "language": "en",
 "components": [{"type": "BODY", "text": "Welcome!"}]}
EOF
expect_json "templates create --json" 0 \
	'd["name"] == "welcome" and d["category"] == "MARKETING" and d["components"] == [{"type": "BODY", "text": "Welcome!"}]' \
	-- "$G" templates create 1 --json "$TMPD/template.json"
expect_json "templates sync" 0 'd == {"synced": 5, "templates": 5}' -- \
	"$G" templates sync 1
expect_json "templates delete" 0 'd == {"deleted": True, "id": "1002"}' -- \
	"$G" templates delete 1 1002
expect_log "templates: paths" "GET /v1/wabas/1/templates 200" \
	"GET /v1/wabas/1/templates 200" "POST /v1/wabas/1/templates 201" \
	"POST /v1/wabas/1/templates 201" "POST /v1/wabas/1/templates/sync 200" \
	"DELETE /v1/wabas/1/templates/1002 200"
expect "templates create: name and language exist" 1 '' \
	'^gosendapi: HTTP 409: ' -- "$G" templates create 1 --json \
	"$TMPD/template.json"
expect "templates delete: gone" 1 '' \
	'^gosendapi: HTTP 404: Template not found$' -- \
	"$G" templates delete 1 1002
expect "templates list: unknown WABA" 1 '' 'HTTP 404: WABA not found' -- \
	"$G" templates list 99
expect "templates sync: unknown WABA" 1 '' 'HTTP 404: WABA not found' -- \
	"$G" templates sync 99
echo '{"name":"x","category":"UTILITY","language":"en","components":[],"allow_category_change":true}' \
	>"$TMPD/extra.json"
mark
expect "templates create: unknown --json member" 2 '' \
	"member 'allow_category_change' is not supported" -- \
	"$G" templates create 1 --json "$TMPD/extra.json"
expect "templates create: --json is not JSON" 2 '' 'is not a JSON object' \
	-- sh -c "echo '[1' | \"$G\" templates create 1 --json -"
expect "templates create: --json and flags" 2 '' 'cannot be combined' -- \
	"$G" templates create 1 --json "$TMPD/template.json" --name x
expect "templates create: missing --body" 2 '' 'give --json FILE, or' -- \
	"$G" templates create 1 --name x --category UTILITY --language en
expect "templates create: the library checks the name" 2 '' \
	'^gosendapi: invalid name: ' -- "$G" templates create 1 --name 'Bad Name' \
	--category UTILITY --language en --body hi
expect "templates create: a placeholder without example" 2 '' \
	'^gosendapi: invalid body.examples: ' -- "$G" templates create 1 \
	--name x --category UTILITY --language en --body 'Hi {{1}}'
expect "templates create: --header-example without --header" 2 '' \
	'--header-example needs --header' -- "$G" templates create 1 --name x \
	--category UTILITY --language en --body hi --header-example y
expect_log "refused templates send nothing"

# ---------------------------------------------------------------- conversations
mark
expect_json "conversations list: a page" 0 \
	'[c["id"] for c in d] == ["6", "7", "8", "9", "10"]' -- \
	"$G" conversations list --page 2 --per-page 5
expect_json "conversations list --all walks every page" 0 \
	'[c["id"] for c in lines] == [str(i) for i in range(1, 26)]' -- \
	"$G" conversations list --all
expect_json "conversations get" 0 \
	'd["id"] == "2" and d["status"] == "inactive"' -- \
	"$G" conversations get 2
expect_json "conversations close" 0 \
	'd["id"] == "2" and d["status"] == "ended" and d["closed_at"] is not None' \
	-- "$G" conversations close 2
expect_log "conversations: paths" "GET /v1/conversations 200" \
	"GET /v1/conversations 200" "GET /v1/conversations/2 200" \
	"POST /v1/conversations/2/close 200"
expect "conversations get: unknown" 1 '' \
	'^gosendapi: HTTP 404: Conversation not found$' -- \
	"$G" conversations get 99
expect "conversations close: unknown" 1 '' 'HTTP 404: Conversation not found' \
	-- "$G" conversations close 99

# ---------------------------------------------------------------- webhooks
mark
expect_json "webhooks create: the secret is shown" 0 \
	'd["secret"].startswith("whsec_") and d["url"] == "https://example.test/hook" and d["events"] == ["whatsapp.message.received", "whatsapp.message.read", "whatsapp.message.failed"] and d["enabled"] is True' \
	-- "$G" webhooks create --url https://example.test/hook \
	--event whatsapp.message.received \
	--events whatsapp.message.read,whatsapp.message.failed
HOOK_ID=$(jget 'd["id"]' <"$LAST_OUT")
expect_json "webhooks create: scoped to a phone number, with a type" 0 \
	'd["phone_number_id"] == "555123456789" and d["type"] == "gosendapi_events"' \
	-- "$G" webhooks create --url https://example.test/h2 --event '*' \
	--phone-number-id 555123456789 --type gosendapi_events
HOOK2_ID=$(jget 'd["id"]' <"$LAST_OUT")
expect_json "webhooks list: no secrets" 0 \
	"[w['id'] for w in d] == ['$HOOK_ID', '$HOOK2_ID'] and all('secret' not in w for w in d)" \
	-- "$G" webhooks list
expect_json "webhooks list --all" 0 "[w['id'] for w in lines] == ['$HOOK_ID', '$HOOK2_ID']" \
	-- "$G" webhooks list --all
expect_json "webhooks update: disable, new events" 0 \
	'd["enabled"] is False and d["events"] == ["a.b", "c.d"] and d["url"] == "https://example.test/hook"' \
	-- "$G" webhooks update "$HOOK_ID" --disable --events a.b,c.d
expect_json "webhooks update: enable, new URL" 0 \
	'd["enabled"] is True and d["url"] == "https://example.test/new" and d["events"] == ["a.b", "c.d"]' \
	-- "$G" webhooks update "$HOOK_ID" --enable --url https://example.test/new
expect_log "webhooks: paths" "POST /v1/webhooks 201" "POST /v1/webhooks 201" \
	"GET /v1/webhooks 200" "GET /v1/webhooks 200" \
	"PATCH /v1/webhooks/$HOOK_ID 200" "PATCH /v1/webhooks/$HOOK_ID 200"

# A send emits whatsapp.message.sent: the "*" webhook records a delivery
# (its attempt fails: the mock only delivers to loopback addresses).
expect_json "a send for the delivery log" 0 'd["id"] == "wamid.MOCK16"' -- \
	"$G" messages send --from $FROM --to $TO --text "for the log"
mark
expect_json "webhooks deliveries" 0 \
	"len(d) == 1 and d[0]['event'] == 'whatsapp.message.sent' and d[0]['webhook_id'] == '$HOOK2_ID'" \
	-- "$G" webhooks deliveries "$HOOK2_ID"
expect_json "webhooks deliveries --all" 0 \
	'len(lines) == 1 and lines[0]["event"] == "whatsapp.message.sent"' -- \
	"$G" webhooks deliveries "$HOOK2_ID" --all
expect_json "webhooks deliveries: an empty log" 0 'd == []' -- \
	"$G" webhooks deliveries "$HOOK_ID"
expect_json "webhooks deliveries --all: an empty log prints nothing" 0 \
	'out == ""' -- "$G" webhooks deliveries "$HOOK_ID" --all
expect_log "webhooks deliveries: paths" \
	"GET /v1/webhooks/$HOOK2_ID/deliveries 200" \
	"GET /v1/webhooks/$HOOK2_ID/deliveries 200" \
	"GET /v1/webhooks/$HOOK_ID/deliveries 200" \
	"GET /v1/webhooks/$HOOK_ID/deliveries 200"
mark
expect_json "webhooks delete" 0 "d == {'deleted': True, 'id': '$HOOK_ID'}" -- \
	"$G" webhooks delete "$HOOK_ID"
expect_log "webhooks delete: DELETE /webhooks/ID" \
	"DELETE /v1/webhooks/$HOOK_ID 200"
expect "webhooks delete: gone" 1 '' '^gosendapi: HTTP 404: Webhook not found$' \
	-- "$G" webhooks delete "$HOOK_ID"
expect "webhooks update: unknown" 1 '' 'HTTP 404: Webhook not found' -- \
	"$G" webhooks update 999 --disable
expect "webhooks deliveries: unknown" 1 '' 'HTTP 404: Webhook not found' -- \
	"$G" webhooks deliveries 999
mark
expect "webhooks create: missing --url" 2 '' 'missing --url' -- \
	"$G" webhooks create --event a.b
expect "webhooks create: no events" 2 '' 'at least one --event' -- \
	"$G" webhooks create --url https://example.test/h
expect "webhooks create: the library checks the URL" 2 '' \
	'^gosendapi: invalid url: ' -- "$G" webhooks create --url ftp://x/y \
	--event a.b
expect "webhooks update: nothing to change" 2 '' 'nothing to change' -- \
	"$G" webhooks update "$HOOK2_ID"
expect "webhooks update: --enable and --disable" 2 '' 'not both' -- \
	"$G" webhooks update "$HOOK2_ID" --enable --disable
expect_log "refused webhook calls send nothing"

# ---------------------------------------------------------------- sign / verify
printf '{"id":"evt_9","event":"whatsapp.message.received","data":{}}\n' \
	>"$TMPD/event.json"
SECRET=whsec_0123456789abcdef0123456789abcdef
WANT=$(python3 -c '
import hashlib, hmac, sys
body = open(sys.argv[2], "rb").read()
print("sha256=" + hmac.new(sys.argv[1].encode(), body, hashlib.sha256).hexdigest())' \
	"$SECRET" "$TMPD/event.json")
mark
expect "webhooks sign: HMAC-SHA256 of the exact bytes" 0 "^${WANT}\$" '' -- \
	sh -c "\"$G\" webhooks sign --secret $SECRET <\"$TMPD/event.json\""
SIG=$("$G" webhooks sign --secret "$SECRET" <"$TMPD/event.json" || true)
expect_json "webhooks verify: valid, prints the event" 0 \
	'd == {"valid": True, "event": "whatsapp.message.received", "id": "evt_9"}' \
	-- sh -c "\"$G\" webhooks verify --secret $SECRET --signature '$SIG' <\"$TMPD/event.json\""
expect_json "webhooks verify: any of several secrets" 0 'd["valid"] is True' \
	-- sh -c "\"$G\" webhooks verify --secret whsec_old --secret $SECRET --signature '$SIG' <\"$TMPD/event.json\""
expect_json "webhooks sign and verify: secret from the environment" 0 \
	'd["event"] == "whatsapp.message.received"' -- \
	env GOSENDAPI_WEBHOOK_SECRET=$SECRET sh -c "\"$G\" webhooks verify --signature \"\$(\"$G\" webhooks sign <\"$TMPD/event.json\")\" <\"$TMPD/event.json\""
expect "webhooks verify: another secret" 1 '' \
	'^gosendapi: invalid signature: ' -- \
	sh -c "\"$G\" webhooks verify --secret whsec_other --signature '$SIG' <\"$TMPD/event.json\""
expect "webhooks verify: an altered body" 1 '' 'invalid signature' -- \
	sh -c "printf 'x' | cat \"$TMPD/event.json\" - | \"$G\" webhooks verify --secret $SECRET --signature '$SIG'"
expect "webhooks verify: a malformed header" 1 '' \
	'invalid signature: malformed' -- \
	sh -c "\"$G\" webhooks verify --secret $SECRET --signature sha1=abc <\"$TMPD/event.json\""
expect "webhooks verify: the body is not an event" 1 '' \
	'the signature matches, but the body is not a JSON object' -- \
	sh -c "printf 'ok' | \"$G\" webhooks verify --secret $SECRET --signature \"\$(printf 'ok' | \"$G\" webhooks sign --secret $SECRET)\""
expect "webhooks verify: missing --signature" 2 '' 'missing --signature' \
	-- sh -c "\"$G\" webhooks verify --secret $SECRET <\"$TMPD/event.json\""
expect "webhooks verify: no secret" 2 '' 'GOSENDAPI_WEBHOOK_SECRET' -- \
	sh -c "\"$G\" webhooks verify --signature '$SIG' <\"$TMPD/event.json\""
expect "webhooks sign: no secret" 2 '' 'GOSENDAPI_WEBHOOK_SECRET' -- \
	sh -c "\"$G\" webhooks sign <\"$TMPD/event.json\""
expect "webhooks sign: an empty secret" 2 '' 'invalid secret' -- \
	sh -c "\"$G\" webhooks sign --secret '' <\"$TMPD/event.json\""
expect_log "sign and verify use no network"

# ---------------------------------------------------------------- customers / setup links
mark
expect_json "customers create" 0 \
	'd["name"] == "Clínica San Lucas" and d["external_id"] == "clinic_001" and d["email"] == "ops@clinic.test" and d["phone"] == "+54 11 5555-0000" and d["metadata"] == {"plan": "pro"} and d["status"] == "active"' \
	-- "$G" customers create 42 --name "Clínica San Lucas" \
	--external-id clinic_001 --email ops@clinic.test \
	--phone "+54 11 5555-0000" --metadata '{"plan":"pro"}'
CUSTOMER_ID=$(jget 'd["id"]' <"$LAST_OUT")
expect_json "setup-links create" 0 \
	'd["url"].endswith("/signup/" + d["id"]) and d["status"] == "pending" and d["successRedirectUrl"] == "https://example.test/ok" and d["failureRedirectUrl"] == "https://example.test/ko" and d["expiresAt"] == "2030-05-25T23:59:59Z"' \
	-- "$G" setup-links create "$CUSTOMER_ID" --success-url \
	https://example.test/ok --failure-url https://example.test/ko \
	--expires-at 2030-05-25T23:59:59Z
expect_json "setup-links create: the server's defaults" 0 \
	'd["status"] == "pending"' -- "$G" setup-links create "$CUSTOMER_ID"
expect_log "admin: paths" "POST /v1/admin/tenants/42/customers 201" \
	"POST /v1/admin/customers/$CUSTOMER_ID/setup-links 201" \
	"POST /v1/admin/customers/$CUSTOMER_ID/setup-links 201"
expect "setup-links create: unknown customer" 1 '' \
	'^gosendapi: HTTP 404: Customer not found$' -- \
	"$G" setup-links create 999
mark
expect "customers create: missing --name" 2 '' 'missing --name' -- \
	"$G" customers create 42
expect "customers create: metadata is not an object" 2 '' \
	'^gosendapi: invalid metadata' -- "$G" customers create 42 --name x \
	--metadata '[1]'
expect "setup-links create: a bad expiry" 2 '' '^gosendapi: invalid expires_at' \
	-- "$G" setup-links create "$CUSTOMER_ID" --expires-at tomorrow
expect_log "refused admin calls send nothing"

# ---------------------------------------------------------------- file types
printf 'RIFF....WEBP' >"$TMPD/smile.webp"
expect_json "send --file: image/webp is a sticker" 0 \
	'd["status"] == "accepted"' -- "$G" messages send --from $FROM --to $TO \
	--file "$TMPD/smile.webp" --mime image/webp
ID=$(jget 'd["id"]' <"$LAST_OUT")
expect_json "the sticker sent from a file" 0 \
	'd["type"] == "sticker" and list(d["sticker"]) == ["id"]' -- \
	"$G" messages get "$ID"
expect_json "send --file: MIME types are case-insensitive" 0 \
	'd["status"] == "accepted"' -- "$G" messages send --from $FROM --to $TO \
	--file "$TMPD/pic.png" --mime IMAGE/PNG
ID=$(jget 'd["id"]' <"$LAST_OUT")
expect_json "IMAGE/PNG is an image" 0 'd["type"] == "image"' -- \
	"$G" messages get "$ID"

# ---------------------------------------------------------------- network
stop_mock
expect "me with the server gone exits 3" 3 '' \
	'^gosendapi: network error' -- "$G" --retries 0 me
expect "send with the server gone exits 3" 3 '' 'network error' -- \
	"$G" messages send --from $FROM --to $TO --text hi --retries 0
expect "... naming the key to retry with" 3 '' \
	'^gosendapi: retry safely with: --idempotency-key gone-1$' -- \
	"$G" messages send --from $FROM --to $TO --text hi --retries 0 \
	--idempotency-key gone-1
# 0.0.0.0 is not a loopback name to the library, yet Linux connects it to
# this machine: the flag is exercised without traffic leaving the host
expect "plain http:// to 0.0.0.0 is refused without the flag" 2 '' \
	'unless --allow-insecure-http is given' -- \
	"$G" --base-url http://0.0.0.0:9/v1 --retries 0 me
expect "--allow-insecure-http: a non-loopback http:// URL is tried" 3 '' \
	'^gosendapi: (network error|timed out)' -- "$G" --allow-insecure-http \
	--base-url http://0.0.0.0:9/v1 --retries 0 --timeout 300 me
expect "list --all with the server gone exits 3" 3 '' 'network error' -- \
	"$G" messages list --all --retries 0
expect "retries end in the same exit code" 3 '' 'network error' -- \
	"$G" --retries 1 me
expect_json "sign needs no server" 0 'out.startswith("sha256=")' -- \
	sh -c "\"$G\" webhooks sign --secret $SECRET <\"$TMPD/event.json\""
finish
