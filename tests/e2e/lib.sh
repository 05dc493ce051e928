# Shared helpers of the shell-level tests: start the standalone mock, run a
# command and assert on its exit code and output.
# Usage: source lib.sh; needs $BIN (build dir) set.
set -euo pipefail

fails=0
passes=0

start_mock() { # extra args...
	coproc MOCK { exec "$BIN/mock/gosendapi-mock" --port 0 --quiet "$@" 2>/dev/null; }
	local line=
	read -r -t 10 -u "${MOCK[0]}" line || true
	MOCK_PORT=${line#port=}
	case "$MOCK_PORT" in
	'' | *[!0-9]*)
		echo "mock did not start: '$line'" >&2
		exit 1
		;;
	esac
	export GOSENDAPI_BASE_URL=http://127.0.0.1:$MOCK_PORT/v1
	MOCKPID=$MOCK_PID
	trap 'kill $MOCKPID 2>/dev/null || true' EXIT
}

# expect NAME EXPECTED_EXIT STDOUT_REGEX STDERR_REGEX -- command...
expect() {
	local name=$1 code=$2 out_re=$3 err_re=$4
	shift 5
	local out err rc=0
	out=$(mktemp)
	err=$(mktemp)
	"$@" >"$out" 2>"$err" || rc=$?
	if [ "$rc" -ne "$code" ]; then
		echo "FAIL $name: exit $rc, expected $code"
		sed 's/^/  out: /' "$out"
		sed 's/^/  err: /' "$err"
		fails=$((fails + 1))
	elif [ -n "$out_re" ] && ! grep -Eq -- "$out_re" "$out"; then
		echo "FAIL $name: stdout does not match /$out_re/"
		sed 's/^/  out: /' "$out"
		fails=$((fails + 1))
	elif [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$err"; then
		echo "FAIL $name: stderr does not match /$err_re/"
		sed 's/^/  err: /' "$err"
		fails=$((fails + 1))
	else
		echo "ok   $name"
		passes=$((passes + 1))
	fi
	rm -f "$out" "$err"
}

finish() {
	echo "$passes passed, $fails failed"
	[ "$fails" -eq 0 ]
}
