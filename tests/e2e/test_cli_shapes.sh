#!/usr/bin/env bash
# `gosendapi messages send` with the shapes of 0.2.0 (--reply-to, reply
# buttons, call-to-action URL, Flow, location request, media headers,
# template buttons): the exact JSON body each command sends, read by a
# small HTTP server that keeps every body; refused input sends nothing.
# Then the bash completion (against the built program) and the manual
# page (groff finds no problem in it).
BIN=$1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli_lib.sh"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
G=$BIN/cli/gosendapi
FROM=555123456789
TO=5491140123456
TMPD=$(mktemp -d)
BODIES=$TMPD/bodies
: >"$BODIES"

# The server: POST /v1/messages answers 201 with an id and appends the
# body, as one line, to $BODIES; anything else is 404.
cat >"$TMPD/server.py" <<'PY'
import http.server, json, sys

class H(http.server.BaseHTTPRequestHandler):
    n = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path != "/v1/messages":
            self.send_response(404)
            self.end_headers()
            return
        with open(sys.argv[1], "ab") as f:
            f.write(body.replace(b"\n", b" ") + b"\n")
        H.n += 1
        out = json.dumps({"id": "wamid.CAP%d" % H.n, "status": "accepted"})
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out.encode())

    def log_message(self, *a):
        pass

s = http.server.HTTPServer(("127.0.0.1", 0), H)
print("port=%d" % s.server_address[1], flush=True)
s.serve_forever()
PY
coproc CAP { exec python3 "$TMPD/server.py" "$BODIES"; }
read -r -t 10 -u "${CAP[0]}" line || true
PORT=${line#port=}
case "$PORT" in
'' | *[!0-9]*)
	echo "server did not start: '$line'" >&2
	exit 1
	;;
esac
CAPPID=$CAP_PID
trap 'kill $CAPPID 2>/dev/null || true; rm -rf "$TMPD" "$LAST_OUT" "$LAST_ERR"' EXIT
export GOSENDAPI_BASE_URL=http://127.0.0.1:$PORT/v1
export GOSENDAPI_KEY=gsk_test_cli_shapes
unset GOSENDAPI_WEBHOOK_SECRET

# sent NAME EXPECTED_JSON -- command...: the command exits 0 and sends
# exactly one body, equal (as JSON) to EXPECTED_JSON.
sent() {
	local name=$1 want=$2 before rc=0
	shift 3
	before=$(wc -l <"$BODIES")
	"$@" >"$LAST_OUT" 2>"$LAST_ERR" || rc=$?
	if [ "$rc" -ne 0 ]; then
		record_fail "$name" "exit $rc, expected 0"
		return
	fi
	if ! python3 -S - "$BODIES" "$before" "$want" <<'PY'; then
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
new = lines[int(sys.argv[2]):]
if len(new) != 1:
    print("  %d bodies sent" % len(new))
    sys.exit(1)
got, want = json.loads(new[0]), json.loads(sys.argv[3])
if got != want:
    print("  got:  %s\n  want: %s" % (json.dumps(got), json.dumps(want)))
    sys.exit(1)
PY
		record_fail "$name" "the body sent differs"
	else
		echo "ok   $name"
		passes=$((passes + 1))
	fi
}

# refused NAME STDERR_REGEX -- command...: exit 2, nothing sent.
refused() {
	local name=$1 re=$2 before
	shift 3
	before=$(wc -l <"$BODIES")
	expect "$name" 2 '' "$re" -- "$@"
	if [ "$(wc -l <"$BODIES")" -ne "$before" ]; then
		echo "FAIL $name: a body was sent"
		fails=$((fails + 1))
	fi
}

HEAD='"phone_number_id":"555123456789","to":"5491140123456"'
CTX='"context":{"message_id":"wamid.ASKED"}'

# ---------------------------------------------------------------- reply context
sent "--reply-to on a text" \
	"{$HEAD,\"type\":\"text\",\"text\":{\"body\":\"hi\"},$CTX}" -- \
	"$G" messages send --from $FROM --to $TO --text hi --reply-to wamid.ASKED
sent "--reply-to on a template" \
	"{$HEAD,\"type\":\"template\",\"template\":{\"name\":\"t\",\"language\":{\"code\":\"en\"}},$CTX}" -- \
	"$G" messages send --from $FROM --to $TO --template t --language en \
	--reply-to wamid.ASKED
sent "--reply-to on an image" \
	"{$HEAD,\"type\":\"image\",\"image\":{\"id\":\"77\"},$CTX}" -- \
	"$G" messages send --from $FROM --to $TO --image 77 --reply-to wamid.ASKED
sent "--reply-to on a location" \
	"{$HEAD,\"type\":\"location\",\"location\":{\"latitude\":1.5,\"longitude\":2},$CTX}" -- \
	"$G" messages send --from $FROM --to $TO --latitude 1.5 --longitude 2 \
	--reply-to wamid.ASKED
refused "--reply-to with a control character" \
	'^gosendapi: invalid context.message_id' -- \
	"$G" messages send --from $FROM --to $TO --text hi --reply-to "$(printf 'a\tb')"
refused "--reply-to cannot go with --json" \
	'--reply-to cannot be used with --json' -- \
	"$G" messages send --json /dev/null --reply-to wamid.A

# ---------------------------------------------------------------- interactive
sent "reply buttons with an image header, a footer, as a reply" \
	"{$HEAD,\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"Confirm?\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"yes\",\"title\":\"Yes\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"no\",\"title\":\"Not=now\"}}]},\"header\":{\"type\":\"image\",\"image\":{\"link\":\"https://a.example/v.jpg\"}},\"footer\":{\"text\":\"Reply by 5 pm\"}},$CTX}" -- \
	"$G" messages send --from $FROM --to $TO --body Confirm? \
	--reply-button yes=Yes --reply-button 'no=Not=now' \
	--header-image https://a.example/v.jpg --footer 'Reply by 5 pm' \
	--reply-to wamid.ASKED
sent "call-to-action URL with a document header" \
	"{$HEAD,\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\",\"body\":{\"text\":\"See the dates\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"See dates\",\"url\":\"https://a.example/dates?x=1\"}},\"header\":{\"type\":\"document\",\"document\":{\"id\":\"88\",\"filename\":\"Dates.pdf\"}}}}" -- \
	"$G" messages send --from $FROM --to $TO --body 'See the dates' \
	--cta-url 'https://a.example/dates?x=1' --display-text 'See dates' \
	--header-document 88 --header-filename Dates.pdf
cat >"$TMPD/flow.json" <<'EOF'
{"flow_message_version": "3", "flow_id": "1197715005513101",
 "flow_cta": "Book now", "flow_token": "order-81", "flow_action": "navigate",
 "flow_action_payload": {"screen": "BOOKING", "data": {"days": ["2026-05-20"], "n": 2}},
 "mode": "draft"}
EOF
sent "Flow from a file, with a text header" \
	"{$HEAD,\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":{\"text\":\"Pick a day\"},\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_token\":\"order-81\",\"flow_id\":\"1197715005513101\",\"flow_cta\":\"Book now\",\"flow_action\":\"navigate\",\"flow_action_payload\":{\"screen\":\"BOOKING\",\"data\":{\"days\":[\"2026-05-20\"],\"n\":2}},\"mode\":\"draft\"}},\"header\":{\"type\":\"text\",\"text\":\"Booking\"}}}" -- \
	"$G" messages send --from $FROM --to $TO --body 'Pick a day' \
	--flow "$TMPD/flow.json" --header Booking
sent "Flow from stdin" \
	"{$HEAD,\"type\":\"interactive\",\"interactive\":{\"type\":\"flow\",\"body\":{\"text\":\"B\"},\"action\":{\"name\":\"flow\",\"parameters\":{\"flow_message_version\":\"3\",\"flow_name\":\"signup\",\"flow_cta\":\"Go\",\"flow_action\":\"data_exchange\"}}}}" -- \
	sh -c "echo '{\"flow_name\":\"signup\",\"flow_cta\":\"Go\",\"flow_action\":\"data_exchange\"}' | \"$G\" messages send --from $FROM --to $TO --body B --flow -"
sent "location request" \
	"{$HEAD,\"type\":\"interactive\",\"interactive\":{\"type\":\"location_request_message\",\"body\":{\"text\":\"Where to?\"},\"action\":{\"name\":\"send_location\"}}}" -- \
	"$G" messages send --from $FROM --to $TO --body 'Where to?' \
	--location-request

refused "a label over 20 characters" \
	'^gosendapi: invalid interactive.action.parameters.display_text' -- \
	"$G" messages send --from $FROM --to $TO --body B --cta-url https://a.b \
	--display-text 'Twenty-one characters'
refused "--cta-url needs --display-text" '--cta-url needs --display-text' -- \
	"$G" messages send --from $FROM --to $TO --body B --cta-url https://a.b
refused "an interactive message needs --body" 'needs --body' -- \
	"$G" messages send --from $FROM --to $TO --location-request
refused "a location request takes no header" \
	'--header cannot be used with --location-request' -- \
	"$G" messages send --from $FROM --to $TO --body B --location-request \
	--header H
refused "one header only" 'give one of --header' -- \
	"$G" messages send --from $FROM --to $TO --body B --reply-button a=A \
	--header H --header-video 9
refused "--header-filename without --header-document" \
	'--header-filename goes with --header-document' -- \
	"$G" messages send --from $FROM --to $TO --body B --reply-button a=A \
	--header-image 9 --header-filename a.png
refused "--reply-button needs ID=TITLE" 'expected ID=TITLE' -- \
	"$G" messages send --from $FROM --to $TO --body B --reply-button yes
refused "four reply buttons" 'interactive.action.buttons\[3\]' -- \
	"$G" messages send --from $FROM --to $TO --body B --reply-button a=A \
	--reply-button b=B --reply-button c=C --reply-button d=D
refused "two kinds" 'give one kind of message' -- \
	"$G" messages send --from $FROM --to $TO --body B --reply-button a=A \
	--cta-url https://a.b
echo '{"flow_id":"1","flow_cta":"Go","flow_tokn":"x"}' >"$TMPD/typo.json"
refused "--flow: an unknown member" 'unknown member "flow_tokn"' -- \
	"$G" messages send --from $FROM --to $TO --body B --flow "$TMPD/typo.json"
echo '{"flow_id":1,"flow_cta":"Go"}' >"$TMPD/num.json"
refused "--flow: a number where a string goes" '"flow_id" must be a string' -- \
	"$G" messages send --from $FROM --to $TO --body B --flow "$TMPD/num.json"
echo '[1]' >"$TMPD/arr.json"
refused "--flow: not an object" 'is not a JSON object' -- \
	"$G" messages send --from $FROM --to $TO --body B --flow "$TMPD/arr.json"
echo '{"flow_id":"1","flow_cta":"Go","flow_action":"data_exchange","flow_action_payload":{"screen":"S"}}' >"$TMPD/dx.json"
refused "--flow: a screen with data_exchange" \
	'invalid interactive.action.parameters.flow_action_payload' -- \
	"$G" messages send --from $FROM --to $TO --body B --flow "$TMPD/dx.json"

# ---------------------------------------------------------------- template buttons
echo '{"product": "tea", "qty": 3}' >"$TMPD/fdata.json"
sent "template buttons in index order, whatever the option order" \
	"{$HEAD,\"type\":\"template\",\"template\":{\"name\":\"offer\",\"language\":{\"code\":\"en_US\"},\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ana\"}]},{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\"o/81?a=b\"}]},{\"type\":\"button\",\"sub_type\":\"copy_code\",\"index\":\"1\",\"parameters\":[{\"type\":\"coupon_code\",\"coupon_code\":\"25OFF\"}]},{\"type\":\"button\",\"sub_type\":\"flow\",\"index\":\"2\",\"parameters\":[{\"type\":\"action\",\"action\":{\"flow_token\":\"tok\",\"flow_action_data\":{\"product\":\"tea\",\"qty\":3}}}]},{\"type\":\"button\",\"sub_type\":\"quick_reply\",\"index\":\"3\",\"parameters\":[{\"type\":\"payload\",\"payload\":\"STOP\"}]},{\"type\":\"button\",\"sub_type\":\"flow\",\"index\":\"4\",\"parameters\":[{\"type\":\"action\",\"action\":{}}]}]}}" -- \
	"$G" messages send --from $FROM --to $TO --template offer \
	--language en_US --param Ana --button-flow 4 --button-payload 3=STOP \
	--button-flow 2=tok --button-flow-data "2=$TMPD/fdata.json" \
	--button-copy-code 1=25OFF --button-url '0=o/81?a=b'
refused "a button index out of range" '--button-url' -- \
	"$G" messages send --from $FROM --to $TO --template t --language en \
	--button-url 10=x
refused "a button index used twice" 'index' -- \
	"$G" messages send --from $FROM --to $TO --template t --language en \
	--button-url 0=x --button-copy-code 0=y
refused "--button-flow-data without its --button-flow" \
	'--button-flow-data 1: no --button-flow 1' -- \
	"$G" messages send --from $FROM --to $TO --template t --language en \
	--button-flow 0 --button-flow-data "1=$TMPD/fdata.json"
refused "--button-flow-data that is not an object" 'flow_action_data' -- \
	"$G" messages send --from $FROM --to $TO --template t --language en \
	--button-flow 0 --button-flow-data "0=$TMPD/arr.json"
refused "template buttons go with --template only" \
	'--button-url cannot be used with --text' -- \
	"$G" messages send --from $FROM --to $TO --text hi --button-url 0=x

# ---------------------------------------------------------------- completion
# complete WORDS...: the completions bash offers for the last word.
complete_words() {
	PATH=$BIN/cli:$PATH bash -c '
		. "$1"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_gosendapi
		printf "%s\n" "${COMPREPLY[@]}"' _ "$SRC/cli/completion/gosendapi" "$@"
}
expect "completion: the groups" 0 '^messages$' '' -- \
	complete_words gosendapi ''
expect "completion: the verbs of a group" 0 '^send$' '' -- \
	complete_words gosendapi messages ''
expect "completion: the options of messages send" 0 '^--reply-to$' '' -- \
	complete_words gosendapi messages send --rep
expect "completion: options after global options" 0 '^--cta-url$' '' -- \
	complete_words gosendapi --api-key k messages send --body x --ct
expect "completion: a FILE value completes file names" 0 "^$TMPD/flow.json\$" '' -- \
	complete_words gosendapi messages send --flow "$TMPD/fl"
expect "completion: the words of --type" 0 '^video$' '' -- \
	complete_words gosendapi messages send --file a --type v
expect "completion: webhooks verbs" 0 '^deliveries$' '' -- \
	complete_words gosendapi webhooks d

# ---------------------------------------------------------------- manual page
if command -v groff >/dev/null; then
	expect "manual page: groff finds nothing to warn about" 0 '' '' -- \
		sh -c "groff -man -ww -z '$SRC/cli/gosendapi.1' 2>&1 | (! grep .)"
	expect "manual page: the options of the shapes are documented" 0 \
		'button-copy-code' '' -- \
		sh -c "groff -man -Tutf8 '$SRC/cli/gosendapi.1' 2>/dev/null | col -b | grep -e '--reply-to' -e '--cta-url' -e '--location-request' -e '--button-copy-code'"
fi
finish
