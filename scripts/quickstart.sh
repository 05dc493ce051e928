#!/usr/bin/env bash
# The main job, with no account: install what is missing, build, start the
# bundled mock server on a free local port, call the API through the
# examples, stop the mock.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh run
build=${GOSEND_BUILD_DIR:-$root/_build/quickstart}
if [ ! -x "$build/examples/me" ] || [ ! -x "$build/cli/gosendapi" ]; then
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$build" -j"${JOBS:-2}" >/dev/null
fi

# The mock prints "port=N" once it listens; read it from its stdout.
coproc MOCK { exec "$build/mock/gosendapi-mock" --port 0 --quiet 2>/dev/null; }
mock=$MOCK_PID
trap 'kill $mock 2>/dev/null || true' EXIT
line=
read -r -t 10 -u "${MOCK[0]}" line || true
port=${line#port=}
case "$port" in
''|*[!0-9]*) echo "mock server did not start (got: '$line')" >&2; exit 1 ;;
esac

export GOSENDAPI_KEY=gsk_test_quickstart_demo
export GOSENDAPI_BASE_URL=http://127.0.0.1:$port/v1
echo "mock GoSendAPI at $GOSENDAPI_BASE_URL"
echo
echo "\$ me                     # examples/me.c"
"$build/examples/me"

# A short tour with the command-line client (docs/cli.md).
gs=$build/cli/gosendapi
run() {
	echo
	echo "\$ gosendapi $*"
	"$gs" "$@"
}
run me
run messages send --from 555123456789 --to "+54 9 11 4012-3456" --text "Hola from gosendapi-c"
run messages send --from 555123456789 --to 5491140123456 \
	--template appointment_reminder --language es_AR --param Juan --param 20/05
run messages list --all
echo
echo "\$ gosendapi webhooks create --url https://example.com/hook --event whatsapp.message.received"
hook=$("$gs" webhooks create --url https://example.com/hook --event whatsapp.message.received)
echo "$hook"
secret=$(printf '%s\n' "$hook" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
echo "# the secret is shown once: keep it to verify deliveries"
body='{"id":"evt_1","event":"whatsapp.message.received","data":{"from":"5491140123456","type":"text","text":{"body":"hi"}}}'
echo
echo "\$ gosendapi webhooks sign --secret \$secret < body.json"
sig=$(printf '%s' "$body" | "$gs" webhooks sign --secret "$secret")
echo "$sig"
echo
echo "\$ gosendapi webhooks verify --secret \$secret --signature '$sig' < body.json"
printf '%s' "$body" | "$gs" webhooks verify --secret "$secret" --signature "$sig"
echo
echo "# a tampered body is refused (exit 1):"
if printf '%s' "${body/hi/HI}" | "$gs" webhooks verify --secret "$secret" --signature "$sig"; then
	echo "tampered body accepted" >&2
	exit 1
fi
