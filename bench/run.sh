#!/usr/bin/env bash
# Benchmark of the SDK against raw libcurl on the same local server, in one
# run. Starts nginx (Debian's nginx-light) with canned answers shaped like
# the API (plain HTTP/1.1, HTTPS with HTTP/2, and a port that injects 503
# and 429 answers), builds bench/bench in Release, and prints a table. See
# bench/README.md for what each row measures and how to read it.
#
#   bash bench/run.sh            full run (about five minutes)
#   QUICK=1 bash bench/run.sh    smaller counts
#   REPS=5 bash bench/run.sh     pairs alternated 5 times (default 3)
#   BENCH_RT=0 bash bench/run.sh no real-time priority (see README)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$root/_build/bench}
REPS=${REPS:-3}
mkdir -p "$work"
bash "$root/scripts/install-deps.sh" run
need=()
for p in nginx-light valgrind openssl; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cmake -S "$root" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	-DGOSENDAPI_EXAMPLES=OFF -DGOSENDAPI_CLI=OFF >/dev/null
cmake --build "$work/build" -j2 --target bench bench-decode gosendapi-mock >/dev/null
B=$work/build/bench/bench
D=$work/build/bench/bench-decode
MOCK=$work/build/mock/gosendapi-mock

if [ -n "${QUICK:-}" ]; then
	SEQ=5000; BULK=10000; RSS_SMALL=5000; RSS_BIG=50000; DEC=2000; RATE_N=300
else
	SEQ=20000; BULK=40000; RSS_SMALL=5000; RSS_BIG=50000; DEC=5000; RATE_N=1000
fi
TICKS_N=1000

# --- server: nginx with canned answers ---
port=$((20000 + RANDOM % 20000))
tport=$((port + 1))
fport=$((port + 2))
ng=$work/nginx
rm -rf "$ng" && mkdir -p "$ng/www/v1"
python3 - "$ng/www/v1/page.json" <<'PY'
import json, sys
items = [{"id": "wamid.BENCH%04d" % i, "phone_number_id": "555123456789",
          "to": "5491140%06d" % i, "from": "555123456789", "type": "text",
          "status": "delivered", "created_at": "2026-11-25T10:00:00Z",
          "text": {"body": "Your order %d has shipped and will arrive soon" % i}}
         for i in range(100)]
json.dump(items, open(sys.argv[1], "w"))
PY
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 -keyout "$ng/key.pem" -out "$ng/cert.pem" 2>/dev/null
chmod -R a+rX "$ng"
# A send's answer as the API gives it (about 250 bytes, a fresh id each
# time, a Location header): the shape the reference measurement uses.
sent='{"id":"msg_$request_id","status":"queued","to":"5491140123456","type":"text","created_at":"2026-11-25T10:00:00Z","conversation_id":"conv_01JDX3Q8W5N2M7K4R9T6Y1B3C5","segments":1,"pricing":{"billable":true,"category":"service"}}'
cat >"$ng/nginx.conf" <<NGX
pid $ng/nginx.pid;
error_log $ng/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $ng/tmp_body;
  proxy_temp_path $ng/tmp_proxy;
  fastcgi_temp_path $ng/tmp_fcgi;
  uwsgi_temp_path $ng/tmp_uwsgi;
  scgi_temp_path $ng/tmp_scgi;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  default_type application/json;
  # the fault port: 5% of the sends answered 503, 3% 429 (Retry-After: 1)
  split_clients "\${request_id}" \$bench_fault {
    5% 503;
    3% 429;
    * ok;
  }
  server {
    listen 127.0.0.1:$port backlog=4096;
    listen 127.0.0.1:$tport ssl http2;
    ssl_certificate $ng/cert.pem;
    ssl_certificate_key $ng/key.pem;
    root $ng/www;
    location = /v1/messages {
      if (\$request_method = POST) {
        add_header Location /v1/messages/msg_\$request_id;
        return 201 '$sent';
      }
      add_header X-Total-Count 100;
      try_files /v1/page.json =404;
    }
  }
  server {
    listen 127.0.0.1:$fport backlog=4096;
    location = /v1/messages {
      if (\$bench_fault = 503) {
        return 503 '{"error":{"code":"unavailable","message":"injected"}}';
      }
      if (\$bench_fault = 429) {
        add_header Retry-After 1 always;
        return 429 '{"error":{"code":"rate_limited","message":"injected"}}';
      }
      add_header Location /v1/messages/msg_\$request_id;
      return 201 '$sent';
    }
  }
}
NGX
nginx -c "$ng/nginx.conf" -p "$ng" -g 'worker_processes 1;'
mockpid=
trap 'kill $(cat "$ng/nginx.pid") 2>/dev/null || true; [ -z "$mockpid" ] || kill $mockpid 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$ng/nginx.pid" ] && break; read -r -t 0.1 <> <(:) || true; done
worker=$(pgrep -P "$(cat "$ng/nginx.pid")" | head -1)
URL=http://127.0.0.1:$port/v1
TURL=https://127.0.0.1:$tport/v1
FURL=http://127.0.0.1:$fport/v1

# Real-time priority (SCHED_FIFO) for the client and the nginx worker, so
# that other work on the machine does not take their CPU in the middle of
# a measurement; the kernel still leaves 5% of each CPU to the rest.
RT=()
if [ "${BENCH_RT:-1}" != 0 ] && chrt -f -p 10 "$worker" 2>/dev/null; then
	RT=(chrt -f 10)
fi

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
# pair CPU_CLIENT CPU_SERVER "SDK ARGS" "RAW ARGS": alternate the two REPS
# times; sets sdk_v and raw_v (medians, per second) and ratio_v (median
# of the per-pair ratios SDK/raw).
pair() {
	local cc=$1 sc=$2 x y rs=() xs=() ys=()
	taskset -pc "$sc" "$worker" >/dev/null
	for _ in $(seq "$REPS"); do
		# shellcheck disable=SC2086
		x=$(taskset -c "$cc" "${RT[@]}" "$B" $3 | field per_sec)
		# shellcheck disable=SC2086
		y=$(taskset -c "$cc" "${RT[@]}" "$B" $4 | field per_sec)
		xs+=("$x"); ys+=("$y")
		rs+=("$(python3 -c "print('%.3f' % ($x / $y))")")
	done
	sdk_v=$(printf '%s\n' "${xs[@]}" | sort -n | sed -n "$(((REPS + 1) / 2))p")
	raw_v=$(printf '%s\n' "${ys[@]}" | sort -n | sed -n "$(((REPS + 1) / 2))p")
	ratio_v=$(printf '%s\n' "${rs[@]}" | sort -n | sed -n "$(((REPS + 1) / 2))p")
}
row() { printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5"; }
ratio() { python3 -c "print('%.3f' % ($1 / $2))"; }

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); libcurl $(curl-config --version | cut -d' ' -f2); nginx $(nginx -v 2>&1 | cut -d/ -f2); real-time priority: ${RT[*]:-off}; REPS=$REPS"
echo
row "measure" "SDK" "raw" "ratio" "target"
row "---" "---:" "---:" "---:" "---"

# sequential and concurrency 1: client and server worker on one core
pair 1 1 "sdk-seq $SEQ $URL" "raw-seq $SEQ $URL"
row "sequential sends/s (blocking call; raw easy handle)" "$sdk_v" "$raw_v" "$ratio_v" ">= 0.95"
seq_sdk=$sdk_v
pair 1 1 "sdk-async $SEQ $URL 1" "raw-socket $SEQ $URL 1"
row "async sends/s, concurrency 1 (raw multi-socket)" "$sdk_v" "$raw_v" "$ratio_v" ">= 0.95"
row "async C=1 against the blocking call (sends/s)" "$sdk_v" "$seq_sdk" "$(ratio "$sdk_v" "$seq_sdk")" "shown"
# concurrency 32: client on CPU0, server on CPU1 (the reference's split)
pair 0 1 "sdk-async $BULK $URL 32" "raw-socket $BULK $URL 32"
row "async sends/s, concurrency 32 (raw multi-socket)" "$sdk_v" "$raw_v" "$ratio_v" ">= 0.95"
pair 0 1 "sdk-bulk $BULK $URL 32" "raw-multi $BULK $URL 32"
row "bulk sends/s, C=32, default options (raw curl multi)" "$sdk_v" "$raw_v" "$ratio_v" ">= 0.90"
pair 0 1 "sdk-bulk-discard $BULK $URL 32" "raw-multi $BULK $URL 32"
row "bulk sends/s, C=32, discard_results (raw curl multi)" "$sdk_v" "$raw_v" "$ratio_v" "shown"
pair 0 1 "sdk-bulk $BULK $TURL 32 $ng/cert.pem" "raw-multi $BULK $TURL 32 $ng/cert.pem"
row "bulk sends/s, C=32, HTTP/2 over TLS" "$sdk_v" "$raw_v" "$ratio_v" "shown"

# decode of a 100-item page (CPU only)
taskset -pc 1 "$worker" >/dev/null
raw_dec=$(taskset -c 1 "$D" raw-decode $DEC "$ng/www/v1/page.json" | field per_sec)
sdk_dec=$(taskset -c 1 "$D" sdk-decode $DEC "$ng/www/v1/page.json" | field per_sec)
row "100-item page decodes/s (time ratio raw/SDK)" "$sdk_dec" "$raw_dec" "$(ratio "$raw_dec" "$sdk_dec")" "<= 1.3"

# instructions per request (callgrind), marginal between two counts
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
marginal() { # MODE SMALL BIG [C]
	echo $((($(ir "$B" "$1" "$3" "$URL" ${4:+"$4"}) - $(ir "$B" "$1" "$2" "$URL" ${4:+"$4"})) / ($3 - $2)))
}
sdk_ir=$(marginal sdk-seq 200 2000); raw_ir=$(marginal raw-seq 200 2000)
row "instructions per send, sequential (callgrind)" "$sdk_ir" "$raw_ir" "$(ratio "$sdk_ir" "$raw_ir")" "<= 1.10"
# (at concurrency 1: with more in flight the count depends on how many
# answers one wake-up finds, which varies from run to run under valgrind)
sdk_ir=$(marginal sdk-async 200 2000 1); raw_ir=$(marginal raw-socket 200 2000 1)
row "instructions per send, async (callgrind)" "$sdk_ir" "$raw_ir" "$(ratio "$sdk_ir" "$raw_ir")" "shown"
sdk_ir=$(marginal sdk-bulk 200 2000 1); raw_ir=$(marginal raw-multi 200 2000 1)
row "instructions per send, bulk, default options (callgrind)" "$sdk_ir" "$raw_ir" "$(ratio "$sdk_ir" "$raw_ir")" "shown"
ird() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$D" "$1" "$2" "$ng/www/v1/page.json" 2>&1 >/dev/null |
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
raw_dir=$((($(ird raw-decode 500) - $(ird raw-decode 50)) / 450))
sdk_dir=$((($(ird sdk-decode 500) - $(ird sdk-decode 50)) / 450))
row "instructions per page decode (callgrind)" "$sdk_dir" "$raw_dir" "$(ratio "$sdk_dir" "$raw_dir")" "shown"

# peak RSS at two batch sizes
rss_small=$("$B" sdk-seq $RSS_SMALL "$URL" | field maxrss_kb)
rss_big=$("$B" sdk-seq $RSS_BIG "$URL" | field maxrss_kb)
row "peak RSS kB, sequential $RSS_SMALL vs $RSS_BIG" "$rss_small" "$rss_big" "$(ratio "$rss_big" "$rss_small")" "flat"
bulk_small=$("$B" sdk-bulk-rss $RSS_SMALL "$URL" 32 | field maxrss_kb)
bulk_big=$("$B" sdk-bulk-rss $RSS_BIG "$URL" 32 | field maxrss_kb)
row "peak RSS kB, bulk (discard_results) $RSS_SMALL vs $RSS_BIG" "$bulk_small" "$bulk_big" "$(ratio "$bulk_big" "$bulk_small")" "flat"

# the loop never blocks: a 10 ms timer on the poll loop during async sends
# of which 8% are answered 503 or 429 (retried after a backoff or
# Retry-After, as timers); REPS runs, the median and the worst
taskset -pc 1 "$worker" >/dev/null
gaps=(); rounds=(); failed=0
for _ in $(seq "$REPS"); do
	tick_line=$(taskset -c 0 "${RT[@]}" "$B" sdk-ticks $TICKS_N "$FURL" 32)
	gaps+=("$(field max_tick_gap_ms <<<"$tick_line")")
	rounds+=("$(field max_round_ms <<<"$tick_line")")
	failed=$((failed + $(field failed <<<"$tick_line")))
done
gap_med=$(printf '%s\n' "${gaps[@]}" | sort -n | sed -n "$(((REPS + 1) / 2))p")
gap_max=$(printf '%s\n' "${gaps[@]}" | sort -n | tail -1)
round_max=$(printf '%s\n' "${rounds[@]}" | sort -n | tail -1)
row "max gap of a 10 ms timer, $TICKS_N async sends with 503/429 (ms)" \
	"$gap_med" "10 ideal" "worst $gap_max" \
	"<= 100; longest round of the loop $round_max ms CPU; $failed of $((REPS * TICKS_N)) sends failed"

# the rate limit: the mock enforces 100/s in aligned windows
coproc MOCKP { exec "$MOCK" --port 0 --quiet --rate-limit 100 2>/dev/null; }
mockpid=$MOCKP_PID
read -r -t 10 -u "${MOCKP[0]}" line
rate_line=$("$B" sdk-rate $RATE_N "http://127.0.0.1:${line#port=}/v1" 100)
rate_secs=$(field seconds <<<"$rate_line")
rate_429=$(field rate_limited <<<"$rate_line")
ideal=$(python3 -c "print($RATE_N / 100)")
row "rate-limited bulk: $RATE_N at 100/s (s)" "$rate_secs" "$ideal ideal" "$(ratio "$rate_secs" "$ideal")" "<= 1.05, no 429 (got $rate_429)"
