#!/usr/bin/env bash
# End-to-end test of examples/webhook_receiver and examples/verify_webhook:
# start the receiver on a free port, POST signed, re-sent, tampered and
# malformed deliveries with curl (signatures computed independently with
# `openssl dgst -sha256 -hmac`), and check every HTTP answer and every line
# the receiver prints.
#
# Usage: webhook_receiver_e2e.sh PATH/TO/webhook_receiver [PATH/TO/verify_webhook]
# Exit: 0 pass, 1 fail, 77 skipped (curl or openssl missing).
set -u

recv=${1:?usage: $0 webhook_receiver [verify_webhook]}
verify=${2:-}
new_secret=whsec_e2e_NewSecret123
old_secret=whsec_e2e_OldSecret456
failures=0

for tool in curl openssl mkfifo; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "SKIP: $tool not found"
		exit 77
	}
done

tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	exec 3<&- 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# sha256=<hex> of a body (given as a file) with a secret.
sign_file() {
	printf 'sha256=%s' "$(openssl dgst -sha256 -hmac "$1" <"$2" | sed 's/^.*= *//')"
}

# post BODYFILE [SIGNATURE_HEADER] -> prints "<status> <seconds>"
post() {
	if [ $# -ge 2 ]; then
		curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST \
			-H 'Content-Type: application/json' \
			-H "X-GoSendAPI-Signature: $2" \
			--data-binary "@$1" "http://127.0.0.1:$port/webhooks/gosendapi"
	else
		curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST \
			-H 'Content-Type: application/json' \
			--data-binary "@$1" "http://127.0.0.1:$port/webhooks/gosendapi"
	fi
}

# expect_status WHAT EXPECTED BODYFILE [SIGNATURE_HEADER]
expect_status() {
	local what=$1 want=$2 got
	shift 2
	got=$(post "$@")
	case "$got" in
	"$want "*) ;;
	*) fail "$what: expected HTTP $want, got '$got'" ;;
	esac
	# well within GoSendAPI's 10-second budget
	if [ "$want" = 200 ] && ! awk -v t="${got#* }" 'BEGIN { exit !(t < 2) }'; then
		fail "$what: took ${got#* } s"
	fi
}

# expect_line WHAT EXPECTED: the next line the receiver printed.
expect_line() {
	local line=
	if ! IFS= read -r -t 10 line <&3; then
		fail "$1: no line printed (expected '$2')"
		return
	fi
	[ "$line" = "$2" ] || fail "$1: printed '$line', expected '$2'"
}

body() { # body NAME TEXT: write a body file, no trailing newline
	printf '%s' "$2" >"$tmp/$1"
}

# ---- start the receiver ---------------------------------------------------
mkfifo "$tmp/out"
GOSENDAPI_WEBHOOK_SECRET=" $new_secret , $old_secret" "$recv" 0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3<"$tmp/out"
IFS= read -r -t 10 first <&3 || {
	echo "FAIL: the receiver printed no port line"
	cat "$tmp/err"
	exit 1
}
case "$first" in
port=[1-9]*) port=${first#port=} ;;
*)
	echo "FAIL: first line '$first' is not port=<N>"
	exit 1
	;;
esac

# ---- deliveries ---------------------------------------------------------
body received '{"event":"whatsapp.message.received","id":"evt_e2e_1","timestamp":"2026-01-15T10:00:00Z","data":{"phone_number_id":"555123456789","message":{"id":"wamid.E2E1","from":"5491140123456","type":"text","text":{"body":"Hola \"mundo\"\nchau"}}}}'
sig=$(sign_file "$new_secret" "$tmp/received")
expect_status "valid delivery" 200 "$tmp/received" "$sig"
expect_line "valid delivery" 'event=whatsapp.message.received id=evt_e2e_1 time=2026-01-15T10:00:00Z phone_number_id=555123456789 from=5491140123456 type=text message_id=wamid.E2E1 text="Hola \"mundo\"\nchau"'

# the same delivery again (a retry): answered 200, not printed
expect_status "repeat" 200 "$tmp/received" "$sig"

# signed with the old secret during rotation, upper-case hex, spaces
body delivered '{"event":"whatsapp.message.delivered","id":"evt_e2e_2","data":{"message_id":"wamid.OUT","status":"delivered","recipient":"5491140123456"}}'
sig_old=$(sign_file "$old_secret" "$tmp/delivered")
expect_status "old secret" 200 "$tmp/delivered" "  sha256=$(printf '%s' "${sig_old#sha256=}" | tr a-f A-F) "

# rejected deliveries print nothing
cp "$tmp/delivered" "$tmp/tampered"
printf ' ' >>"$tmp/tampered"
expect_status "tampered body" 401 "$tmp/tampered" "$sig_old"
expect_status "signature of another body" 401 "$tmp/delivered" "$sig"
expect_status "unknown secret" 401 "$tmp/delivered" "$(sign_file whsec_e2e_Unknown "$tmp/delivered")"
expect_status "missing signature" 401 "$tmp/delivered"
expect_status "sha1 signature" 400 "$tmp/delivered" "sha1=${sig_old#sha256=}"
expect_status "truncated signature" 400 "$tmp/delivered" "${sig_old%?}"
expect_status "no prefix" 400 "$tmp/delivered" "${sig_old#sha256=}"
body notjson '{"event":"whatsapp.message.received",'
expect_status "valid signature, not JSON" 400 "$tmp/notjson" "$(sign_file "$new_secret" "$tmp/notjson")"
body array '[{"event":"whatsapp.message.received"}]'
expect_status "valid signature, JSON array" 400 "$tmp/array" "$(sign_file "$new_secret" "$tmp/array")"
got=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/webhooks/gosendapi")
[ "$got" = 405 ] || fail "GET: expected 405, got $got"
head -c 1100000 /dev/zero | tr '\0' ' ' >"$tmp/big"
expect_status "body over 1 MiB" 413 "$tmp/big" "$(sign_file "$new_secret" "$tmp/big")"

# only the old-secret delivery was printed since the first one
expect_line "old secret" 'event=whatsapp.message.delivered id=evt_e2e_2 message_id=wamid.OUT status=delivered recipient=5491140123456'

# an event without id is recognised again by its body
body noid '{"event":"whatsapp.template.approved","data":{"template":{"name":"promo","status":"APPROVED"}}}'
sig_noid=$(sign_file "$new_secret" "$tmp/noid")
expect_status "event without id" 200 "$tmp/noid" "$sig_noid"
expect_status "event without id, repeat" 200 "$tmp/noid" "$sig_noid"
body other '{"event":"whatsapp.account.alert","event_id":42}'
expect_status "unknown event" 200 "$tmp/other" "$(sign_file "$new_secret" "$tmp/other")"
expect_line "event without id" 'event=whatsapp.template.approved id=- template=promo status=APPROVED'
expect_line "unknown event" 'event=whatsapp.account.alert id=42'

# ---- stop ---------------------------------------------------------------
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[ "$rc" = 0 ] || fail "receiver exited with $rc after SIGTERM"
if IFS= read -r -t 10 extra <&3; then
	fail "unexpected output line '$extra'"
fi
[ "$(grep -c '^duplicate' "$tmp/err")" = 2 ] || fail "expected 2 duplicates on stderr: $(cat "$tmp/err")"
[ "$(grep -c '^rejected 401' "$tmp/err")" = 4 ] || fail "expected 4 '401' rejections on stderr"
[ "$(grep -c '^rejected 400' "$tmp/err")" = 5 ] || fail "expected 5 '400' rejections on stderr"

# ---- verify_webhook -------------------------------------------------------
if [ -n "$verify" ]; then
	out=$("$verify" "$new_secret" "$sig" <"$tmp/received")
	rc=$?
	[ "$rc" = 0 ] && [ "$out" = whatsapp.message.received ] ||
		fail "verify_webhook valid: exit $rc, '$out'"
	out=$("$verify" "whsec_x,$old_secret" " $sig_old " <"$tmp/delivered")
	rc=$?
	[ "$rc" = 0 ] && [ "$out" = whatsapp.message.delivered ] ||
		fail "verify_webhook rotation: exit $rc, '$out'"
	"$verify" "$new_secret" "$sig" <"$tmp/tampered" >/dev/null 2>&1
	rc=$?
	[ "$rc" = 1 ] || fail "verify_webhook tampered: exit $rc, expected 1"
	"$verify" "$new_secret" "md5=abc" <"$tmp/received" >/dev/null 2>&1
	rc=$?
	[ "$rc" = 1 ] || fail "verify_webhook malformed: exit $rc, expected 1"
	"$verify" "$new_secret" </dev/null >/dev/null 2>&1
	rc=$?
	[ "$rc" = 2 ] || fail "verify_webhook usage: exit $rc, expected 2"
fi

if [ "$failures" -gt 0 ]; then
	echo "webhook_receiver_e2e: $failures failure(s)"
	echo "--- receiver stderr:"
	cat "$tmp/err"
	exit 1
fi
echo "webhook_receiver_e2e: all checks passed"
exit 0
