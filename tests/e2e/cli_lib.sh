# Helpers of the command-line tool's tests, on top of lib.sh (source that
# first): a mock whose request log is kept, JSON assertions on a command's
# output, and assertions on the requests that reached the mock.

# Like start_mock, but the mock logs one line "METHOD PATH STATUS" per
# request to $MOCK_LOG (PATH as sent, percent-encoding kept, no query).
# The line is written before the answer leaves the mock.
start_logged_mock() { # extra args...
	MOCK_LOG=$(mktemp)
	coproc LMOCK { exec "$BIN/mock/gosendapi-mock" --port 0 "$@" 2>"$MOCK_LOG"; }
	local line=
	read -r -t 10 -u "${LMOCK[0]}" line || true
	MOCK_PORT=${line#port=}
	case "$MOCK_PORT" in
	'' | *[!0-9]*)
		echo "mock did not start: '$line'" >&2
		exit 1
		;;
	esac
	export GOSENDAPI_BASE_URL=http://127.0.0.1:$MOCK_PORT/v1
	MOCKPID=$LMOCK_PID
	trap 'kill $MOCKPID 2>/dev/null || true; rm -f "$MOCK_LOG" "$LAST_OUT" "$LAST_ERR"' EXIT
}

stop_mock() {
	kill "$MOCKPID" 2>/dev/null || true
	wait "$MOCKPID" 2>/dev/null || true
}

# Stop the mock and start a fresh logged one (new state, new log, new
# faults) with these arguments.
restart_logged_mock() { # extra args...
	stop_mock
	rm -f "$MOCK_LOG"
	start_logged_mock "$@"
}

# err_value PREFIX: the rest of the first line of the last command's
# stderr that starts with PREFIX ("" when none does).
err_value() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"$1"*)
			printf '%s\n' "${line#"$1"}"
			return 0
			;;
		esac
	done <"$LAST_ERR"
}

LAST_OUT=$(mktemp)
LAST_ERR=$(mktemp)

record_fail() { # NAME MESSAGE
	echo "FAIL $1: $2"
	sed 's/^/  out: /' "$LAST_OUT"
	sed 's/^/  err: /' "$LAST_ERR"
	fails=$((fails + 1))
}

# expect_json NAME EXPECTED_EXIT CONDITION -- command...
# CONDITION is a Python expression (with `re` imported) over `d` (stdout
# as one JSON value, None if it is not one), `lines` (stdout as one JSON value per line, None if a
# line is not JSON), `out` and `err` (the texts). Use "True" to check the
# exit code only. stdout and stderr stay in $LAST_OUT and $LAST_ERR.
expect_json() {
	local name=$1 code=$2 cond=$3
	shift 4
	local rc=0
	"$@" >"$LAST_OUT" 2>"$LAST_ERR" || rc=$?
	if [ "$rc" -ne "$code" ]; then
		record_fail "$name" "exit $rc, expected $code"
	elif ! python3 -S - "$LAST_OUT" "$LAST_ERR" "$cond" <<'PY'; then
import json, re, sys
out = open(sys.argv[1], encoding="utf-8", errors="replace").read()
err = open(sys.argv[2], encoding="utf-8", errors="replace").read()
try:
    d = json.loads(out)
except ValueError:
    d = None
try:
    lines = [json.loads(l) for l in out.splitlines()]
except ValueError:
    lines = None
try:
    ok = bool(eval(sys.argv[3]))
except Exception as e:  # a failed lookup is a failed assertion
    print("  python: %r" % (e,))
    ok = False
sys.exit(0 if ok else 1)
PY
		record_fail "$name" "output does not satisfy: $cond"
	else
		echo "ok   $name"
		passes=$((passes + 1))
	fi
}

# jget EXPR: evaluate a Python expression over `d` = the JSON on stdin;
# prints "" when that fails.
jget() {
	python3 -S -c '
import json, re, sys
try:
    d = json.load(sys.stdin)
    print(eval(sys.argv[1]))
except Exception:
    print("")' "$1"
}

# mark: remember where the mock's request log ends.
mark() {
	MARK=$(wc -l <"$MOCK_LOG")
}

# expect_log NAME [LINE...]: the requests since `mark` are exactly these
# lines (other lines of the mock, such as webhook delivery attempts, are
# left out); none given: nothing was sent.
expect_log() {
	local name=$1
	shift
	local want='' got
	if [ "$#" -gt 0 ]; then
		want=$(printf '%s\n' "$@")
	fi
	got=$(tail -n +"$((MARK + 1))" "$MOCK_LOG" |
		grep -E '^[A-Z]+ /[^ ]* ([0-9]{3}|closed)$' || true)
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: requests differ"
		printf '%s\n' "$want" | sed 's/^/  want: /'
		printf '%s\n' "$got" | sed 's/^/  got:  /'
		fails=$((fails + 1))
	else
		echo "ok   $name"
		passes=$((passes + 1))
	fi
}
