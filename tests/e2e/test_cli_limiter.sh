#!/usr/bin/env bash
# `messages send --limiter redis://...`, GOSENDAPI_LIMITER and `campaign
# send --limiter` against the standalone mock and a real redis-server on a free loopback port: the
# send goes through the shared limiter (the key's state appears in Redis
# under the SHA-256 of the API key, with the rate of its kind), a URL of
# another scheme or a malformed one is a usage error (exit 2, nothing
# sent), and with Redis unreachable the send still goes, once, through
# the fallback, which says so on stderr. Skipped (77) when the program
# was built without Redis support or redis-server is missing.
BIN=$1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli_lib.sh"
G=$BIN/cli/gosendapi
FROM=555123456789
TO=5491140123456
KEY=gsk_test_cli_limiter_e2e

command -v redis-server >/dev/null || exit 77
[ -f "$BIN/src/redis/gosendapi-redis.pc" ] || [ -n "$(ls "$BIN"/src/redis/libgosendapi-redis.so* 2>/dev/null)" ] || exit 77

# shellcheck disable=SC2119 # the mock takes no extra arguments here
start_logged_mock
export GOSENDAPI_KEY=$KEY
unset GOSENDAPI_LIMITER GOSENDAPI_IDEMPOTENCY_KEY

# a redis-server on a free port: try a few until one starts
RPID=
for _ in 1 2 3 4 5 6 7 8; do
	RPORT=$((20000 + RANDOM % 40000))
	redis-server --port "$RPORT" --bind 127.0.0.1 --save '' \
		--appendonly no --logfile /dev/null &
	RPID=$!
	for _ in $(seq 1 200); do
		# the one started, not another server on the port
		redis-cli -p "$RPORT" info server 2>/dev/null |
			grep -q "^process_id:$RPID[^0-9]*$" && break 2
		kill -0 "$RPID" 2>/dev/null || break
		sleep 0.05
	done
	kill "$RPID" 2>/dev/null
	wait "$RPID" 2>/dev/null
	RPID=
done
[ -n "$RPID" ] || {
	echo "redis-server did not start"
	exit 1
}
trap 'kill $MOCKPID $RPID 2>/dev/null || true; rm -f "$MOCK_LOG" "$LAST_OUT" "$LAST_ERR"' EXIT
URL=redis://127.0.0.1:$RPORT/2
STATE="gosendapi:rl:{$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)}"

expect "send through --limiter" 0 '"id"' '' -- \
	"$G" messages send --limiter "$URL" --from $FROM --to $TO --text hi
expect "the key's state in Redis (db 2), its stored rate" 0 '^10\.000$' '' -- \
	redis-cli -p "$RPORT" -n 2 hget "$STATE" rate
expect "no key holds the API key itself" 0 '^0$' '' -- \
	sh -c "redis-cli -p $RPORT -n 2 keys '*$KEY*' | grep -c . || true"
expect "send through GOSENDAPI_LIMITER" 0 '"id"' '' -- \
	env GOSENDAPI_LIMITER="$URL" "$G" messages send --from $FROM --to $TO \
	--text again
expect "two sends reached the mock" 0 '^2$' '' -- \
	sh -c "grep -c '^POST /v1/messages 201' '$MOCK_LOG'"
expect "another scheme is a usage error" 2 '' 'redis://' -- \
	"$G" messages send --limiter http://127.0.0.1:1 --from $FROM --to $TO \
	--text no
expect "a malformed URL is a usage error" 2 '' 'url' -- \
	"$G" messages send --limiter redis://127.0.0.1:port --from $FROM \
	--to $TO --text no
expect "nothing sent on usage errors" 0 '^2$' '' -- \
	sh -c "grep -c '^POST /v1/messages 201' '$MOCK_LOG'"
# a campaign through the shared limiter: --rate is the rate stored for a
# key Redis meets first (only when the program has the campaign command)
SENT=2
if "$G" campaign send --help >/dev/null 2>&1; then
	CDIR=$(mktemp -d)
	for i in 1 2 3; do
		printf '{"phone_number_id":"%s","to":"54911401234%02d","type":"text","text":{"body":"c%d"}}\n' \
			"$FROM" "$i" "$i"
	done >"$CDIR/c.jsonl"
	KEY2=gsk_test_cli_limiter_campaign
	STATE2="gosendapi:rl:{$(printf %s "$KEY2" | sha256sum | cut -d' ' -f1)}"
	expect "campaign send through --limiter" 0 '"sent": ?3' '' -- \
		env GOSENDAPI_KEY=$KEY2 "$G" campaign send "$CDIR/c.jsonl" \
		--db "$CDIR/c.db" --limiter "$URL" --rate 7
	expect "the campaign key's stored rate is --rate" 0 '^7\.000$' '' -- \
		redis-cli -p "$RPORT" -n 2 hget "$STATE2" rate
	SENT=5
	expect "the campaign's three sends reached the mock" 0 "^$SENT\$" '' -- \
		sh -c "grep -c '^POST /v1/messages 201' '$MOCK_LOG'"
	rm -rf "$CDIR"
fi
kill "$RPID"
wait "$RPID" 2>/dev/null
expect "Redis down: the fallback sends, and says so" 0 '"id"' \
	'redis limiter: Redis at 127.0.0.1:[0-9]+ failed' -- \
	"$G" messages send --limiter "$URL" --from $FROM --to $TO --text down
expect "sent once" 0 "^$((SENT + 1))\$" '' -- \
	sh -c "grep -c '^POST /v1/messages 201' '$MOCK_LOG'"
finish
