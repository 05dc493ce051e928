#!/usr/bin/env bash
# End to end: a webhook registered on the standalone mock, the
# webhook_receiver example listening; sending a message makes the mock POST
# a signed whatsapp.message.sent event, which the receiver verifies and
# prints. A second receiver with the wrong secret answers 401.
BIN=$1
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl missing"; exit 77; }
start_mock
KEY=gsk_test_delivery_e2e
api() { # METHOD PATH [JSON]
	curl -sS -X "$1" "$GOSENDAPI_BASE_URL$2" -H "X-API-Key: $KEY" \
		-H 'Content-Type: application/json' ${3:+--data "$3"}
}
json_field() { # FIELD < json
	sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"
}

# 1. register the webhook (the URL is fixed up once the receiver listens)
created=$(api POST /webhooks '{"url":"http://127.0.0.1:9/","events":["whatsapp.message.sent"]}')
hook=$(json_field id <<<"$created")
secret=$(json_field secret <<<"$created")
case "$secret" in whsec_*) ;; *) echo "no secret in: $created"; exit 1 ;; esac

# 2. start the receiver with the secret; it prints port=N first
coproc RECV { GOSENDAPI_WEBHOOK_SECRET=$secret exec "$BIN/examples/webhook_receiver" 0 2>/dev/null; }
RECVPID=$RECV_PID
trap 'kill $MOCKPID $RECVPID 2>/dev/null || true' EXIT
read -r -t 10 -u "${RECV[0]}" line
rport=${line#port=}
api PATCH "/webhooks/$hook" "{\"url\":\"http://127.0.0.1:$rport/hook\"}" >/dev/null

# 3. send a message; the receiver's next line is the verified event
sent=$(api POST /messages '{"phone_number_id":"555123456789","to":"5491140123456","type":"text","text":{"body":"hi"}}')
msg=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' <<<"$sent")
event=
read -r -t 15 -u "${RECV[0]}" event || true
expect "receiver printed the signed event" 0 "event=whatsapp.message.sent .*$msg" '' -- \
	printf '%s\n' "$event"

# 4. the mock recorded one succeeded delivery
deliveries=$(api GET "/webhooks/$hook/deliveries")
expect "delivery recorded as succeeded" 0 '"status":"succeeded"' '' -- \
	printf '%s\n' "$deliveries"
expect "delivery made one attempt answered 200" 0 '"response_status":200' '' -- \
	printf '%s\n' "$deliveries"

# 5. a body signed with another secret is refused by the receiver
body='{"id":"evt_x","event":"whatsapp.message.sent","data":{}}'
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$rport/hook" \
	-H 'X-GoSendAPI-Signature: sha256=0000000000000000000000000000000000000000000000000000000000000000' \
	--data "$body")
expect "forged signature answered 401" 0 '^401$' '' -- printf '%s\n' "$code"
finish
