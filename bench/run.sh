#!/usr/bin/env bash
# Benchmark of the SDK against raw libcurl on the same local server, in one
# run. Starts nginx (Debian's nginx-light) with canned answers shaped like
# the API (plain HTTP/1.1 and HTTPS with HTTP/2), builds bench/bench in
# Release, and prints a table. See bench/README.md for how to read it.
#
#   bash bench/run.sh            full run (a few minutes)
#   QUICK=1 bash bench/run.sh    smaller counts
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$root/_build/bench}
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
cmake --build "$work/build" -j2 --target bench gosendapi-mock >/dev/null
B=$work/build/bench/bench
MOCK=$work/build/mock/gosendapi-mock

if [ -n "${QUICK:-}" ]; then
	SEQ=5000; BULK=20000; RSS_SMALL=5000; RSS_BIG=50000; DEC=2000; RATE_N=300
else
	SEQ=30000; BULK=100000; RSS_SMALL=5000; RSS_BIG=50000; DEC=5000; RATE_N=1000
fi

# --- server: nginx with canned responses ---
port=$((20000 + RANDOM % 20000))
tport=$((port + 1))
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
sent='{"id":"wamid.BENCH","status":"accepted","messages":[{"id":"wamid.BENCH"}]}'
cat >"$ng/nginx.conf" <<NGX
pid $ng/nginx.pid;
error_log $ng/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $ng/tmp_body;
  proxy_temp_path $ng/tmp_proxy;
  fastcgi_temp_path $ng/tmp_fcgi;
  uwsgi_temp_path $ng/tmp_uwsgi;
  scgi_temp_path $ng/tmp_scgi;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  default_type application/json;
  server {
    listen 127.0.0.1:$port;
    listen 127.0.0.1:$tport ssl http2;
    ssl_certificate $ng/cert.pem;
    ssl_certificate_key $ng/key.pem;
    root $ng/www;
    location = /v1/messages {
      if (\$request_method = POST) { return 201 '$sent'; }
      add_header X-Total-Count 100;
      try_files /v1/page.json =404;
    }
  }
}
NGX
nginx -c "$ng/nginx.conf" -p "$ng" -g 'worker_processes 1;'
trap 'kill $(cat "$ng/nginx.pid") 2>/dev/null || true; kill $mockpid 2>/dev/null || true' EXIT
mockpid=
for _ in $(seq 50); do [ -s "$ng/nginx.pid" ] && break; read -r -t 0.1 <> <(:) || true; done
worker=$(pgrep -P "$(cat "$ng/nginx.pid")" | head -1)
URL=http://127.0.0.1:$port/v1
TURL=https://127.0.0.1:$tport/v1

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
run1() { # cpu args... -> per_sec (median of 3)
	local cpu=$1; shift
	for _ in 1 2 3; do taskset -c "$cpu" "$B" "$@" | field per_sec; done | sort -n | sed -n 2p
}
ratio() { python3 -c "print('%.3f' % ($1 / $2))"; }

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); libcurl $(curl-config --version | cut -d' ' -f2); nginx $(nginx -v 2>&1 | cut -d/ -f2)"
echo

# sequential: client and server worker pinned to one core (BENCHMARKING.md)
taskset -pc 1 "$worker" >/dev/null
raw_seq=$(run1 1 raw-seq $SEQ "$URL")
sdk_seq=$(run1 1 sdk-seq $SEQ "$URL")
# bulk: client and server on separate cores
taskset -pc 0 "$worker" >/dev/null
raw_multi=$(run1 1 raw-multi $BULK "$URL" 32)
sdk_bulk=$(run1 1 sdk-bulk $BULK "$URL" 32)
raw_h2=$(run1 1 raw-multi $BULK "$TURL" 32 "$ng/cert.pem")
sdk_h2=$(run1 1 sdk-bulk $BULK "$TURL" 32 "$ng/cert.pem")
# decode of a 100-item page (CPU only)
raw_dec=$(run1 1 raw-decode $DEC "$ng/www/v1/page.json")
sdk_dec=$(run1 1 sdk-decode $DEC "$ng/www/v1/page.json")
# instructions per send (callgrind, marginal between N=200 and N=2000)
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B" "$1" "$2" "$URL" 2>&1 >/dev/null |
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
raw_ir=$(( ($(ir raw-seq 2000) - $(ir raw-seq 200)) / 1800 ))
sdk_ir=$(( ($(ir sdk-seq 2000) - $(ir sdk-seq 200)) / 1800 ))
# instructions per page decode (marginal between M=50 and M=500)
ird() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B" "$1" "$2" "$ng/www/v1/page.json" 2>&1 >/dev/null |
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
raw_dir=$(( ($(ird raw-decode 500) - $(ird raw-decode 50)) / 450 ))
sdk_dir=$(( ($(ird sdk-decode 500) - $(ird sdk-decode 50)) / 450 ))
# peak RSS at two batch sizes
rss_small=$("$B" sdk-seq $RSS_SMALL "$URL" | field maxrss_kb)
rss_big=$("$B" sdk-seq $RSS_BIG "$URL" | field maxrss_kb)
bulk_small=$("$B" sdk-bulk-rss $RSS_SMALL "$URL" 32 | field maxrss_kb)
bulk_big=$("$B" sdk-bulk-rss $RSS_BIG "$URL" 32 | field maxrss_kb)
# the rate limit: the mock enforces 100/s in aligned windows
coproc MOCKP { exec "$MOCK" --port 0 --quiet --rate-limit 100 2>/dev/null; }
mockpid=$MOCKP_PID
read -r -t 10 -u "${MOCKP[0]}" line
rate_line=$("$B" sdk-rate $RATE_N "http://127.0.0.1:${line#port=}/v1" 100)
rate_secs=$(field seconds <<<"$rate_line")
rate_429=$(field rate_limited <<<"$rate_line")
ideal=$(python3 -c "print($RATE_N / 100)")

printf '%-44s %12s %12s %8s %s\n' "measure" "SDK" "raw" "ratio" "target"
printf '%-44s %12s %12s %8s %s\n' "sequential sends/s (HTTP/1.1, keep-alive)" "$sdk_seq" "$raw_seq" "$(ratio "$sdk_seq" "$raw_seq")" ">= 0.95"
printf '%-44s %12s %12s %8s %s\n' "bulk sends/s, 32 in flight (HTTP/1.1)" "$sdk_bulk" "$raw_multi" "$(ratio "$sdk_bulk" "$raw_multi")" ">= 0.90"
printf '%-44s %12s %12s %8s %s\n' "bulk sends/s, 32 in flight (HTTP/2, TLS)" "$sdk_h2" "$raw_h2" "$(ratio "$sdk_h2" "$raw_h2")" "(shown)"
printf '%-44s %12s %12s %8s %s\n' "100-item page decodes/s" "$sdk_dec" "$raw_dec" "$(ratio "$raw_dec" "$sdk_dec")" "time ratio <= 1.3"
printf '%-44s %12s %12s %8s %s\n' "instructions per page decode (callgrind)" "$sdk_dir" "$raw_dir" "$(ratio "$sdk_dir" "$raw_dir")" "(shown)"
printf '%-44s %12s %12s %8s %s\n' "instructions per send (callgrind)" "$sdk_ir" "$raw_ir" "$(ratio "$sdk_ir" "$raw_ir")" "<= 1.10"
printf '%-44s %12s %12s %8s %s\n' "peak RSS kB, sequential $RSS_SMALL vs $RSS_BIG" "$rss_small" "$rss_big" "$(ratio "$rss_big" "$rss_small")" "flat"
printf '%-44s %12s %12s %8s %s\n' "peak RSS kB, bulk $RSS_SMALL vs $RSS_BIG" "$bulk_small" "$bulk_big" "$(ratio "$bulk_big" "$bulk_small")" "flat"
printf '%-44s %12s %12s %8s %s\n' "rate-limited bulk: $RATE_N at 100/s (s, 429s)" "$rate_secs" "$ideal" "$(ratio "$rate_secs" "$ideal")" "<= 1.05, 0 x 429 (got $rate_429)"
