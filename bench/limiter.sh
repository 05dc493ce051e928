#!/usr/bin/env bash
# The limiter shared through Redis: many processes on one key against the
# mock enforcing the limit, beside in-process limiters only; the cost of
# one acquire against loopback Redis; the highest aggregate rate held.
# Starts redis-server and gosendapi-mock on free loopback ports, builds
# bench-limiter in Release. About a minute. See bench/README.md.
#
#   bash bench/limiter.sh           4 x 500 at 100/s (the figures' run)
#   QUICK=1 bash bench/limiter.sh   4 x 100 at 100/s
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$root/_build/bench-limiter}
mkdir -p "$work"
cmake -S "$root" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	-DGOSENDAPI_EXAMPLES=OFF -DGOSENDAPI_CLI=OFF >/dev/null
cmake --build "$work/build" -j2 --target bench-limiter gosendapi-mock >/dev/null
B=$work/build/bench/bench-limiter
MOCK=$work/build/mock/gosendapi-mock
EACH=500
[ -z "${QUICK:-}" ] || EACH=100

rport=
for _ in 1 2 3 4 5 6 7 8; do
	p=$((20000 + RANDOM % 40000))
	redis-server --port "$p" --bind 127.0.0.1 --save '' --appendonly no \
		--logfile /dev/null &
	rpid=$!
	for _ in $(seq 1 200); do
		if redis-cli -p "$p" ping 2>/dev/null | grep -q PONG; then
			rport=$p
			break 2
		fi
		kill -0 "$rpid" 2>/dev/null || break
		sleep 0.05
	done
	kill "$rpid" 2>/dev/null || true
	wait "$rpid" 2>/dev/null || true
done
[ -n "$rport" ] || { echo "redis-server did not start" >&2; exit 1; }
mockpid=
trap 'kill $rpid $mockpid 2>/dev/null || true' EXIT
R=redis://127.0.0.1:$rport

start_mock() {
	[ -z "$mockpid" ] || { kill "$mockpid"; wait "$mockpid" 2>/dev/null || true; }
	coproc MOCKP { exec "$MOCK" --port 0 --quiet --rate-limit 100 2>/dev/null; }
	mockpid=$MOCKP_PID
	read -r -t 10 -u "${MOCKP[0]}" line
	base=http://127.0.0.1:${line#port=}/v1
}

echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(redis-server --version | cut -d' ' -f3)"
start_mock
"$B" procs redis 4 "$EACH" 100 "$base" "$R"
redis-cli -p "$rport" flushall >/dev/null
start_mock
"$B" procs local 4 "$EACH" 100 "$base" "$R"
redis-cli -p "$rport" flushall >/dev/null
"$B" acquire "$R" 20000
redis-cli -p "$rport" flushall >/dev/null
"$B" acquire1 "$R" 200
for rate in 1000 10000 50000 100000; do
	redis-cli -p "$rport" flushall >/dev/null
	"$B" hold 4 "$rate" 2 "$R"
done
