#!/usr/bin/env bash
# The main job, with no account: install what is missing, build, start the
# bundled mock server on a free local port, call the API through the
# examples, stop the mock.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh run
build=${GOSEND_BUILD_DIR:-$root/_build/quickstart}
if [ ! -x "$build/examples/me" ]; then
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
echo "\$ me"
"$build/examples/me"
