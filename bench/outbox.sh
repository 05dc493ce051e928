#!/usr/bin/env bash
# What the durable outbox costs over a plain bulk send, on the mock
# (gosendapi-mock): throughput of the same N text messages at concurrency
# C, sent with gosend_messages_send_bulk and with an outbox run (FULL and
# NORMAL synchronous commits), alternated REPS times, each on a fresh mock;
# then the peak RSS of outbox campaigns of 10,000 and 100,000 messages.
# Prints a markdown table. See bench/README.md.
#
#   bash bench/outbox.sh            N=20000, REPS=3
#   N=5000 REPS=1 bash bench/outbox.sh
#   NO_RSS=1 bash bench/outbox.sh   no campaign sizes
#   RSS_URL=http://127.0.0.1:PORT/v1 bash bench/outbox.sh
#                                   campaign sizes against that server
#                                   (the mock slows down past some 20,000
#                                   stored messages)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$root/_build/bench-outbox}
N=${N:-20000}
C=${C:-32}
REPS=${REPS:-3}
mkdir -p "$work"
cmake -S "$root" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	-DGOSENDAPI_EXAMPLES=OFF -DGOSENDAPI_CLI=OFF >/dev/null
cmake --build "$work/build" -j2 --target bench-outbox gosendapi-mock >/dev/null
B=$work/build/bench/bench-outbox
MOCK=$work/build/mock/gosendapi-mock
db=$work/campaign.db

mockpid=
start_mock() {
	coproc M { exec "$MOCK" --port 0 --quiet 2>/dev/null; }
	local line=
	read -r -t 10 -u "${M[0]}" line
	URL=http://127.0.0.1:${line#port=}/v1
	mockpid=$M_PID
}
stop_mock() {
	kill "$mockpid" 2>/dev/null || true
	wait "$mockpid" 2>/dev/null || true
}
trap stop_mock EXIT

field() { # line name
	local w
	for w in $1; do
		case $w in "$2"=*) echo "${w#*=}" ;; esac
	done
}

measure() { # mode [args]: prints the bench line, on a fresh mock and file
	rm -f "$db" "$db-wal" "$db-shm" "$db-run"
	if [ -n "${USE_URL:-}" ]; then
		if [ "$1" = bulk ]; then
			"$B" bulk "$2" "$USE_URL" "$C"
		else
			"$B" outbox "$2" "$USE_URL" "$C" "$db" ${3:+"$3"}
		fi
		return
	fi
	start_mock
	if [ "$1" = bulk ]; then
		"$B" bulk "$2" "$URL" "$C"
	else
		"$B" outbox "$2" "$URL" "$C" "$db" ${3:+"$3"}
	fi
	stop_mock
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

declare -a bulk full relaxed
for ((r = 0; r < REPS; r++)); do
	bulk+=("$(field "$(measure bulk "$N")" per_sec)")
	full+=("$(field "$(measure outbox "$N")" per_sec)")
	relaxed+=("$(field "$(measure outbox "$N" relaxed)" per_sec)")
done
mb=$(printf '%s\n' "${bulk[@]}" | median)
mf=$(printf '%s\n' "${full[@]}" | median)
mr=$(printf '%s\n' "${relaxed[@]}" | median)
echo
echo "| $N sends, concurrency $C, on gosendapi-mock | messages/s (median of $REPS) | cost over bulk |"
echo "|---|---|---|"
echo "| gosend_messages_send_bulk (default options) | $mb | |"
awk -v b="$mb" -v f="$mf" -v r="$mr" 'BEGIN {
	printf "| outbox run, synchronous=FULL (default) | %s | %.1f%% |\n", f, (b - f) / b * 100
	printf "| outbox run, relaxed_durability (NORMAL) | %s | %.1f%% |\n", r, (b - r) / b * 100
}'
[ -n "${NO_RSS:-}" ] && exit 0
echo
USE_URL=${RSS_URL:-}
echo "| outbox campaign | peak RSS of the program | enqueue s | run s |"
echo "|---|---|---|---|"
for n in 10000 100000; do
	line=$(measure outbox "$n")
	echo "| $n messages | $(field "$line" maxrss_kb) kB | $(field "$line" enqueue_seconds) | $(field "$line" seconds) |"
done
for n in 10000 100000; do
	line=$(measure bulk "$n")
	echo "| (bulk, $n messages, for contrast) | $(field "$line" maxrss_kb) kB | | $(field "$line" seconds) |"
done
