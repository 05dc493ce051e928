#!/usr/bin/env bash
# gosendapi campaign send | resume | status | report against the standalone
# mock: CSV and JSON lines files, bad rows (recorded, never sent), a 1 MiB
# line, CSV headers that are wrong, Ctrl-C (SIGINT) and resume with every
# message stored once, the database's errors.
BIN=$1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli_lib.sh"
G=$BIN/cli/gosendapi
FROM=555123456789

# shellcheck disable=SC2119 # the mock takes no extra arguments here
start_logged_mock
export GOSENDAPI_KEY=gsk_test_cli_campaign
unset GOSENDAPI_IDEMPOTENCY_KEY
TMPD=$(mktemp -d)
trap 'kill $MOCKPID 2>/dev/null || true; rm -rf "$TMPD" "$MOCK_LOG" "$LAST_OUT" "$LAST_ERR"' EXIT
T=(--from $FROM --template appointment_reminder --language es_AR)

# posts N: N lines "POST /v1/messages 201" (for expect_log).
posts() {
	local i
	for ((i = 0; i < $1; i++)); do
		echo "POST /v1/messages 201"
	done
}

# stored: the messages the mock stored, one JSON object per line.
stored() {
	"$G" messages list --all
}

# ---------------------------------------------------------------- help
for cmd in "campaign send" "campaign resume" "campaign status" \
	"campaign report"; do
	# shellcheck disable=SC2086 # the command is two words
	expect "$cmd --help" 0 "^Usage: gosendapi $cmd( |$)" '' -- \
		"$G" $cmd --help
done
expect "send --help names the CSV columns" 0 'buttonN_payload' '' -- \
	"$G" campaign send --help
expect "the group lists its commands" 0 'campaign report' '' -- \
	"$G" campaign --help

# ---------------------------------------------------------------- usage
printf 'to,param1\n5491140000001,a\n' >"$TMPD/u.csv"
printf '{"phone_number_id":"%s","to":"5491140000001","type":"text","text":{"body":"x"}}\n' \
	$FROM >"$TMPD/u.jsonl"
mark
expect "send needs --db" 2 '' 'missing --db' -- \
	"$G" campaign send "$TMPD/u.csv" "${T[@]}"
expect "a CSV needs the template options" 2 '' \
	'a CSV file needs --from, --template and --language' -- \
	"$G" campaign send "$TMPD/u.csv" --db "$TMPD/u.db"
expect "JSON lines take no template options" 2 '' \
	'are for CSV files' -- \
	"$G" campaign send "$TMPD/u.jsonl" --db "$TMPD/u.db" "${T[@]}"
expect "an unknown extension needs --format" 2 '' \
	'give --format csv or --format jsonl' -- \
	"$G" campaign send "$TMPD/u.txt" --db "$TMPD/u.db"
expect "--format is csv or jsonl" 2 '' "--format: csv or jsonl, not 'xml'" \
	-- "$G" campaign send "$TMPD/u.csv" --db "$TMPD/u.db" --format xml
expect "--rate is the key's requests per second, a whole number" 2 '' \
	'--rate: expected a whole number from 1 to 1000000' -- \
	"$G" campaign send "$TMPD/u.jsonl" --db "$TMPD/u.db" --rate 0
expect "--concurrency 1-256" 2 '' '--concurrency: expected a whole number' \
	-- "$G" campaign send "$TMPD/u.jsonl" --db "$TMPD/u.db" \
	--concurrency 999
expect "--idempotency-key makes no sense for a campaign" 2 '' \
	'each message of a campaign gets its own key' -- \
	"$G" campaign send "$TMPD/u.jsonl" --db "$TMPD/u.db" \
	--idempotency-key k1
expect "a bad language is refused before anything is stored" 2 '' \
	'template.language.code' -- \
	"$G" campaign send "$TMPD/u.csv" --db "$TMPD/u.db" --from $FROM \
	--template t --language EN-us
expect "a missing file" 2 '' "cannot open '$TMPD/nope.csv'" -- \
	"$G" campaign send "$TMPD/nope.csv" --db "$TMPD/u.db" "${T[@]}"
expect "resume needs an existing database" 2 '' \
	"no campaign database '$TMPD/none.db'" -- \
	"$G" campaign resume --db "$TMPD/none.db"
expect "status needs an existing database" 2 '' \
	"no campaign database" -- "$G" campaign status --db "$TMPD/none.db"
expect "report --state takes a state's name" 2 '' \
	"--state: pending, in_flight, sent, accepted, failed or review, not 'done'" \
	-- "$G" campaign report --db "$TMPD/none.db" --state done
expect_log "usage errors send nothing"

# ------------------------------------------------- CSV, with bad rows
# A byte order mark, CR LF, a blank line, quoted fields with a comma, a
# line break and quotes; line 5 has a bad number, line 7 a missing field,
# line 8 an empty parameter.
{
	printf '\xef\xbb\xbfto,param1,param2\r\n'
	printf '5491140000001,Juan,20/05\r\n'
	printf '"+54 9 11 4000-0002","Ana, ""la jefa""",21/05\r\n'
	printf '\r\n'
	printf '54911400x0003,Luis,22/05\r\n'
	printf '5491140000004,"two\r\nlines",23/05\r\n'
	printf '5491140000005,Eva\r\n'
	printf '5491140000006,,24/05\r\n'
	printf '5491140000007,Sol,25/05'
} >"$TMPD/customers.csv"
mark
expect_json "CSV: good rows sent, bad rows recorded as failed" 0 \
	'd["result"] == "done" and d["campaign"] == "customers.csv" and d["total"] == 7 and d["sent"] == 4 and d["failed"] == 3 and d["pending"] == 0 and d["in_flight"] == 0' \
	-- "$G" campaign send "$TMPD/customers.csv" --db "$TMPD/c.db" "${T[@]}" \
	--progress 0
cp "$LAST_ERR" "$TMPD/send.err"
expect "... a bad number is named with its line" 0 \
	'^gosendapi: line 5: to: ' '' -- cat "$TMPD/send.err"
expect "... so is a row with a field missing" 0 \
	'^gosendapi: line 8: 2 fields, the header has 3$' '' -- cat "$TMPD/send.err"
expect "... and an empty parameter" 0 '^gosendapi: line 9: param1: ' '' -- \
	cat "$TMPD/send.err"
expect "... with the count of each" 0 \
	'^gosendapi: campaign customers.csv loaded: 4 to send, 3 bad rows' '' -- \
	cat "$TMPD/send.err"
expect_log "only the good rows went out" "$(posts 4)"
expect_json "the mock stored the template with every parameter" 0 \
	'sorted((l["to"], [p["text"] for c in l["template"]["components"] for p in c["parameters"]]) for l in lines) == [("5491140000001", ["Juan", "20/05"]), ("5491140000002", ["Ana, \"la jefa\"", "21/05"]), ("5491140000004", ["two\r\nlines", "23/05"]), ("5491140000007", ["Sol", "25/05"])] and all(l["template"]["name"] == "appointment_reminder" and l["template"]["language"]["code"] == "es_AR" for l in lines)' \
	-- stored
expect_json "report: every row, bad ones with their line" 0 \
	'len(lines) == 7 and [l["state"] for l in lines].count("sent") == 4 and sorted(l["source"] for l in lines if l["state"] == "failed") == ["line 5", "line 8", "line 9"] and all(l["message_id"].startswith("wamid.") and l["idempotency_key"] for l in lines if l["state"] == "sent")' \
	-- "$G" campaign report --db "$TMPD/c.db"
expect_json "report --state failed" 0 \
	'len(lines) == 3 and all(l["state"] == "failed" and "idempotency_key" not in l for l in lines)' \
	-- "$G" campaign report --db "$TMPD/c.db" --state failed
expect_json "report --with-body" 0 \
	'len(lines) == 4 and all(l["body"]["type"] == "template" for l in lines)' \
	-- "$G" campaign report --db "$TMPD/c.db" --state sent --with-body
expect_json "status: counts, rate and ETA" 0 \
	'd["campaigns"] == ["customers.csv"] and d["total"] == 7 and d["sent"] == 4 and d["failed"] == 3 and d["pending"] == 0 and d["eta_s"] == 0 and "rate_per_s" in d' \
	-- "$G" campaign status --db "$TMPD/c.db"
mark
expect "the same campaign is not loaded twice" 2 '' \
	"campaign 'customers.csv' is already in" -- \
	"$G" campaign send "$TMPD/customers.csv" --db "$TMPD/c.db" "${T[@]}"
expect "resume of a finished campaign" 0 '"result":"done"' '' -- \
	"$G" campaign resume --db "$TMPD/c.db" --campaign customers.csv
expect_log "neither sends anything again"
expect "resume of an unknown campaign" 2 '' "no campaign 'other' in" -- \
	"$G" campaign resume --db "$TMPD/c.db" --campaign other

# ---------------------------- CSV: header, buttons, a second campaign
{
	printf 'button1_url,TO,header_image,param1,button0_payload\n'
	printf 'promo-1,5491140000011,https://example.com/a.png,Juan,stop\n'
	printf 'promo-2,5491140000012,4242,Ana,stop\n'
} >"$TMPD/promo.csv"
mark
expect_json "CSV with header and button columns, into the same file" 0 \
	'd["campaign"] == "promo" and d["sent"] == 2 and d["total"] == 2' \
	-- "$G" campaign send "$TMPD/promo.csv" --db "$TMPD/c.db" \
	--campaign promo "${T[@]}" --concurrency 1
expect_log "two sends" "$(posts 2)"
expect_json "components: header media, body, buttons in index order" 0 \
	'[l["template"]["components"] for l in lines if l["to"] == "5491140000011"] == [[{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://example.com/a.png"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Juan"}]}, {"type": "button", "sub_type": "quick_reply", "index": "0", "parameters": [{"type": "payload", "payload": "stop"}]}, {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "promo-1"}]}]] and [l["template"]["components"][0]["parameters"][0]["image"] for l in lines if l["to"] == "5491140000012"] == [{"id": "4242"}]' \
	-- stored
expect_json "status of the whole file names both campaigns" 0 \
	'd["campaigns"] == ["customers.csv", "promo"] and d["total"] == 9 and d["sent"] == 6' \
	-- "$G" campaign status --db "$TMPD/c.db"
expect_json "status of one campaign" 0 \
	'd["campaign"] == "promo" and d["total"] == 2' \
	-- "$G" campaign status --db "$TMPD/c.db" --campaign promo

# ---------------------------------------------- CSV with wrong columns
mark
for bad in 'phone,param1|column 1 of the header, .phone.: not a known column' \
	'to,param2|has param2 but no param1' \
	'to,param1,To|names .to. twice' \
	'param1,param2|no .to. column' \
	'to,header_text,header_image|two header parameters' \
	'to,button3_payload,button3_url|names button 3 twice' \
	'to,button10_url|not a known column' \
	'to,"param1|line 1, the header: the file ends inside a quoted field'; do
	header=${bad%%|*}
	printf '%s\n5491140000001,a,b\n' "$header" >"$TMPD/wrong.csv"
	expect "wrong columns: $header" 2 '' "${bad#*|}" -- \
		"$G" campaign send "$TMPD/wrong.csv" --db "$TMPD/w.db" "${T[@]}"
done
: >"$TMPD/empty.csv"
expect "an empty CSV" 2 '' "is empty" -- \
	"$G" campaign send "$TMPD/empty.csv" --db "$TMPD/w.db" "${T[@]}"
printf 'to,param1\n' >"$TMPD/header-only.csv"
expect "a CSV with a header only" 2 '' "no messages in" -- \
	"$G" campaign send "$TMPD/header-only.csv" --db "$TMPD/w.db" "${T[@]}"
expect_log "a wrong header sends nothing"
expect_json "... and stores nothing" 0 \
	'd["total"] == 0 and d["campaigns"] == []' \
	-- "$G" campaign status --db "$TMPD/w.db"

# ------------------------------- JSON lines, bad lines and a 1 MiB line
python3 -S - "$TMPD/msgs.jsonl" $FROM <<'PY'
import json, sys
path, frm = sys.argv[1], sys.argv[2]
def msg(to, body):
    return json.dumps({"phone_number_id": frm, "to": to, "type": "text",
                       "text": {"body": body}})
with open(path, "w") as f:
    f.write(msg("5491140000021", "one") + "\n")          # 1
    f.write("{not json\n")                               # 2
    f.write(msg("123", "bad number") + "\n")             # 3
    f.write("\n")                                        # 4
    f.write(msg("5491140000022", "x" * (1 << 20)) + "\n")  # 5: 1 MiB
    f.write('{"phone_number_id":"%s","to":"5491140000023"}\n' % frm)  # 6
    f.write(msg("5491140000024", "two") + "\r\n")        # 7
    f.write("[1,2]\n")                                   # 8
    f.write(msg("5491140000025", "three"))               # 9, no newline
PY
mark
expect_json "JSON lines: good lines sent, bad ones recorded" 0 \
	'd["total"] == 8 and d["sent"] == 3 and d["failed"] == 5' \
	-- "$G" campaign send "$TMPD/msgs.jsonl" --db "$TMPD/j.db" --progress 0
cp "$LAST_ERR" "$TMPD/send.err"
expect "... the 1 MiB line is a bad row, named" 0 \
	'^gosendapi: line 5: longer than 65536 bytes$' '' -- cat "$TMPD/send.err"
expect "... a bad JSON line is named" 0 '^gosendapi: line 2: ' '' -- \
	cat "$TMPD/send.err"
expect_log "only the three good lines went out" "$(posts 3)"
expect_json "report lists the bad lines by source" 0 \
	'sorted(l["source"] for l in lines if l["state"] == "failed") == ["line 2", "line 3", "line 5", "line 6", "line 8"]' \
	-- "$G" campaign report --db "$TMPD/j.db"
expect_json "the mock stored each good line once" 0 \
	'sorted(l["to"] for l in lines if l["to"] >= "5491140000021" and l["to"] <= "5491140000025") == ["5491140000021", "5491140000024", "5491140000025"]' \
	-- stored
printf '{"phone_number_id":"%s","to":"5491140000031","type":"text","text":{"body":"stdin"}}\n' \
	$FROM >"$TMPD/one.jsonl"
expect_json "a file on stdin, with --format" 0 \
	'd["campaign"] == "stdin" and d["sent"] == 1' \
	-- sh -c "\"$G\" campaign send - --format jsonl --db \"$TMPD/j.db\" <\"$TMPD/one.jsonl\""

# --------------------------------------------- Ctrl-C, then resume
N=300
python3 -S - "$TMPD/big.jsonl" $FROM $N <<'PY'
import json, sys
path, frm, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "w") as f:
    for i in range(n):
        f.write(json.dumps({"phone_number_id": frm,
                            "to": "54911410%05d" % i, "type": "text",
                            "text": {"body": "n%d" % i}}) + "\n")
PY
mkfifo "$TMPD/err.fifo"
mark
"$G" campaign send "$TMPD/big.jsonl" --db "$TMPD/big.db" --rate 50 \
	--progress 0.2 >"$TMPD/int.out" 2>"$TMPD/err.fifo" &
RUN=$!
exec 3<"$TMPD/err.fifo"
progress=
while IFS= read -r -t 60 -u 3 line; do
	printf '%s\n' "$line" >>"$TMPD/int.err"
	# stop once a few commits went by (20 of 300 at 50/s)
	if [[ $line =~ campaign\ big\.jsonl:\ ([0-9]+)/$N\ done ]] &&
		((BASH_REMATCH[1] >= 20)); then
		progress=$line
		break
	fi
done
# while it runs: status reads the file, a second run of it is refused
expect_json "status while the campaign runs" 0 \
	"d['total'] == $N and d['sent'] > 0" \
	-- "$G" campaign status --db "$TMPD/big.db"
expect "a second run of the same campaign is refused" 1 '' \
	'is locked by another process' -- \
	"$G" campaign resume --db "$TMPD/big.db" --campaign big.jsonl
kill -INT "$RUN"
cat <&3 >>"$TMPD/int.err"
exec 3<&-
rc=0
wait "$RUN" || rc=$?
if [ -n "$progress" ] && [ "$rc" -eq 130 ]; then
	echo "ok   Ctrl-C stops the run with exit 130"
	passes=$((passes + 1))
else
	echo "FAIL Ctrl-C: exit $rc, progress line '$progress'"
	sed 's/^/  err: /' "$TMPD/int.err"
	fails=$((fails + 1))
fi
expect "the progress line every few seconds (off a terminal)" 0 \
	"^gosendapi: campaign big.jsonl: [0-9]+/$N done, [0-9]+ sent, 0 failed(, [0-9.]+/s)?, ETA " \
	'' -- cat "$TMPD/int.err"
expect "Ctrl-C says how to resume" 0 \
	"^gosendapi: resume with: gosendapi campaign resume --db $TMPD/big.db --campaign big.jsonl$" \
	'' -- cat "$TMPD/int.err"
expect_json "the summary says stopped, with messages left" 0 \
	"d['result'] == 'stopped' and d['total'] == $N and 0 < d['sent'] < $N and d['pending'] + d['in_flight'] > 0" \
	-- cat "$TMPD/int.out"
expect_json "status after Ctrl-C: what is left, the rate and an ETA" 0 \
	"d['total'] == $N and d['pending'] + d['in_flight'] > 0 and d['rate_per_s'] > 0 and d['eta_s'] > 0" \
	-- "$G" campaign status --db "$TMPD/big.db" --campaign big.jsonl
expect_json "resume sends the rest" 0 \
	"d['result'] == 'done' and d['sent'] == $N and d['total'] == $N" \
	-- "$G" campaign resume --db "$TMPD/big.db" --concurrency 8
expect_json "the mock stored every message exactly once" 0 \
	"sorted(l['to'] for l in lines if l['to'].startswith('54911410')) == ['54911410%05d' % i for i in range($N)]" \
	-- stored
expect_json "report: every message sent, with its id" 0 \
	"len(lines) == $N and len(set(l['message_id'] for l in lines)) == $N" \
	-- "$G" campaign report --db "$TMPD/big.db" --state sent

# ------------------------------ a deadline the rate limit cannot meet
python3 -S - "$TMPD/slow.jsonl" $FROM <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(12):
        f.write(json.dumps({"phone_number_id": sys.argv[2],
                            "to": "549114200%04d" % i, "type": "text",
                            "text": {"body": "slow %d" % i}}) + "\n")
PY
expect_json "--rate 1 with --deadline 1500: the run stops, exit 3" 3 \
	'd["result"] == "stopped" and d["pending"] + d["in_flight"] > 0 and "resume with: " in err and "timed out" in err' \
	-- "$G" campaign send "$TMPD/slow.jsonl" --db "$TMPD/slow.db" --rate 1 \
	--deadline 1500 --concurrency 4 --progress 0
expect_json "... and resume sends the rest" 0 \
	'd["result"] == "done" and d["sent"] == 12' \
	-- "$G" campaign resume --db "$TMPD/slow.db" --rate 20
expect_json "... each message stored once" 0 \
	'sorted(l["to"] for l in lines if l["to"].startswith("549114200")) == ["549114200%04d" % i for i in range(12)]' \
	-- stored

# ------------------------------------------------ on a terminal: a bar
if command -v script >/dev/null; then
	# script(1) runs the tool on a pseudo-terminal; its output is the
	# terminal's (stdout and stderr together)
	expect "on a terminal: a progress bar redrawn in place" 0 \
		$'\r\\[#{24}\\] 8/8  sent 3  failed 5 .*ETA 0s\033\\[K' '' -- \
		env TERM=xterm script -qec "\"$G\" campaign send \"$TMPD/msgs.jsonl\" --db \"$TMPD/tty.db\" --campaign tty" /dev/null
fi

# ---------------------------------------------------------------- database
mark
printf 'this is not a database, only text that is long enough to be read %s\n' \
	"$(printf 'x%.0s' $(seq 1 200))" >"$TMPD/text.db"
expect "a file that is not a database" 1 '' \
	"is not a campaign database, or it is damaged" -- \
	"$G" campaign send "$TMPD/u.jsonl" --db "$TMPD/text.db"
expect "... nor for status" 1 '' "is not a campaign database" -- \
	"$G" campaign status --db "$TMPD/text.db"
expect "a database in a directory that does not exist" 1 '' '.' -- \
	"$G" campaign send "$TMPD/u.jsonl" --db "$TMPD/no/dir/x.db"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$TMPD/ro" && chmod 555 "$TMPD/ro"
	expect "a read-only directory" 1 '' 'cannot be written' -- \
		"$G" campaign send "$TMPD/u.jsonl" --db "$TMPD/ro/x.db"
fi
expect_log "a bad database sends nothing"

finish
