#!/usr/bin/env bash
# Tests of scripts/check-layers.sh on small trees written to a temporary
# directory: the findings of each rule, what is not a finding, the exit
# codes. Prints one line per case and exits 1 when one fails.
#
#   scripts/check-layers-test.sh
set -uo pipefail
export LC_ALL=C

gate=$(cd "$(dirname "$0")" && pwd)/check-layers.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
tree=

new_tree() { # name
	tree=$tmp/$1
	mkdir -p "$tree/src"
}

put() { # path < text
	mkdir -p "$tree/$(dirname "$1")"
	cat >"$tree/$1"
}

# A function of `n` lines in clang-format's Linux style.
function_of() { # name n
	local i
	printf 'int %s(int x)\n{\n' "$1"
	for ((i = 3; i < $2; i++)); do
		printf '\tx++;\n'
	done
	printf '}\n'
}

expect() { # case exit-code [gate options] < expected stdout
	local name=$1 want_rc=$2 want got rc
	shift 2
	want=$(cat)
	got=$("$gate" "$@" "$tree" 2>/dev/null)
	rc=$?
	if [ "$got" = "$want" ] && [ "$rc" = "$want_rc" ]; then
		echo "ok   $name"
		return
	fi
	echo "FAIL $name (exit $rc, expected $want_rc)"
	diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | sed 's/^/     /'
	failed=1
}

# ---- libs: cJSON only in json/, curl only in core/
new_tree libs
put src/core/t.c <<'EOF'
#include <curl/curl.h>
int t(void)
{
	CURL *c = curl_easy_init();
	return c != 0;
}
EOF
put src/json/j.c <<'EOF'
#include <cjson/cJSON.h>
/* CURLOPT_URL in a comment */
int j(void)
{
	return cJSON_IsTrue(0) + (int)CURLOPT_URL + (int)CURLOPT_PORT;
}
EOF
put src/call/c.c <<'EOF'
/* cJSON and curl_easy_perform in a comment, */
static const char *s = "and in a string: cJSON curl_x CURLE";
static const char q = '"'; // cJSON after an odd quote
int cJSONish, my_curl_x;
EOF
put src/webhook/w.h <<'EOF'
#include "cjson/cJSON.h" /* a comment */
EOF
put src/api/a.c <<'EOF'
int g(cJSON *x);
int h(const cJSON *x);
EOF
put src/outbox/o.c <<'EOF'
#include <sqlite3.h>
int o(sqlite3 *db)
{
	return sqlite3_close(db) == SQLITE_OK;
}
EOF
put src/bulk/s.c <<'EOF'
#include <sqlite3.h>
/* sqlite3_open in a comment */
int s(void)
{
	return SQLITE_OK + my_sqlite3ish;
}
EOF
expect libs 1 <<'EOF'
src/api/a.c:1: libs: uses cJSON outside src/json/ (2 lines, the first here)
src/bulk/s.c:1: libs: includes <sqlite3.h> outside src/outbox/
src/bulk/s.c:5: libs: uses SQLite outside src/outbox/ (1 line, the first here)
src/json/j.c:5: libs: uses curl outside src/core/ (1 line, the first here)
src/webhook/w.h:1: libs: includes "cjson/cJSON.h" outside src/json/
EOF
expect libs-list 0 --list <<'EOF'
src/api/a.c:1: libs: uses cJSON outside src/json/ (2 lines, the first here)
src/bulk/s.c:1: libs: includes <sqlite3.h> outside src/outbox/
src/bulk/s.c:5: libs: uses SQLite outside src/outbox/ (1 line, the first here)
src/json/j.c:5: libs: uses curl outside src/core/ (1 line, the first here)
src/webhook/w.h:1: libs: includes "cjson/cJSON.h" outside src/json/
check-layers: 5 findings (listed only)
EOF

# ---- layer: the include arrows, and no cJSON header in api/
new_tree layer
put src/core/k.h <<'EOF'
#include "core/l.h"
#include "json/types.h"
EOF
put src/json/decode.h <<'EOF'
#include <cjson/cJSON.h>
#include "core/k.h"
EOF
put src/json/types.h </dev/null
put src/call/list.h <<'EOF'
#include "json/decode.h"
EOF
put src/api/a.c <<'EOF'
#include "gosendapi/a.h"
#include "api/text.h"
#include "json/types.h"
#include "json/decode.h"
#include "call/list.h"
#include "bulk/b.h"
EOF
put src/webhook/w.c <<'EOF'
#include "json/decode.h"
#include "call/list.h"
EOF
put src/bulk/b.c <<'EOF'
#include "api/a.h"
#include "call/list.h"
#include "webhook/w.h"
EOF
put src/outbox/o.c <<'EOF'
#include "bulk/b.h"
#include "webhook/w.h"
EOF
put src/extra/e.c </dev/null
expect layer 1 <<'EOF'
src/extra/: layer: folder is not a layer of the map in scripts/check-layers.sh
src/api/a.c:4: layer: api/ includes "json/decode.h", which brings in cJSON
src/api/a.c:5: layer: api/ includes "call/list.h", which brings in cJSON (src/json/decode.h)
src/api/a.c:6: layer: api/ includes "bulk/b.h" (api/ may use only api, call, json, core)
src/bulk/b.c:3: layer: bulk/ includes "webhook/w.h" (bulk/ may use only bulk, async, api, call, json, core)
src/core/k.h:2: layer: core/ includes "json/types.h" (core/ may use only core)
src/outbox/o.c:2: layer: outbox/ includes "webhook/w.h" (outbox/ may use only outbox, bulk, async, api, call, json, core)
src/webhook/w.c:2: layer: webhook/ includes "call/list.h" (webhook/ may use only webhook, json, core)
EOF

# ---- cycle: includes of each other's header, calls of each other's code
new_tree cycle
put src/core/a.h <<'EOF'
#include "core/b.h"
int a_fn(void);
EOF
put src/core/a.c <<'EOF'
#include "core/a.h"
#include "core/c.h"
EOF
put src/core/b.h </dev/null
put src/core/b.c <<'EOF'
#include "core/a.h"
EOF
put src/core/c.h <<'EOF'
#include "core/a.h"
EOF
put src/core/c.c </dev/null
put src/api/x.h </dev/null
put src/api/x.c <<'EOF'
#include "json/x.h"
EOF
put src/json/x.h </dev/null
put src/json/x.c <<'EOF'
#include "api/x.h"
EOF
put src/core/shared.h </dev/null
put src/core/d.c <<'EOF'
#include "core/shared.h"
#include "core/b.h"
EOF
put src/core/e.c <<'EOF'
#include "core/shared.h"
#include "core/d.h"
EOF
put cli/cli.h <<'EOF'
struct cli_thing;
int p_fn(void);
int q_fn(void);
int r_fn(void);
extern const int q_table[];
EOF
put cli/p.c <<'EOF'
#include "cli.h"
struct cli_thing;
int p_fn(void)
{
	return q_fn();
}
EOF
put cli/q.c <<'EOF'
#include "cli.h"
static int later(void);
const int q_table[] = {1, 2};
int q_fn(void)
{
	/* r_fn() in a comment */
	return later() + (int)sizeof "p_fn()";
}
static int later(void)
{
	return p_fn();
}
EOF
put cli/r.c <<'EOF'
#include "cli.h"
int r_fn(void)
{
	return q_table[0];
}
EOF
put mock/m.h <<'EOF'
int m_fn(void);
int n_fn(void);
EOF
put mock/m.c <<'EOF'
#include "m.h"
int m_fn(void)
{
	return n_fn();
}
EOF
put mock/n.c <<'EOF'
#include "m.h"
int n_fn(void)
{
	return 1;
}
EOF
expect cycle 1 <<'EOF'
src/json/x.c:1: layer: json/ includes "api/x.h" (json/ may use only json, core)
src/api/x.c:1: cycle: api/x <-> json/x: api/x.c:1 includes "json/x.h"; json/x.c:1 includes "api/x.h"
src/core/a.c:2: cycle: core/a <-> core/c: core/a.c:2 includes "core/c.h"; core/c.h:1 includes "core/a.h"
src/core/a.h:1: cycle: core/a <-> core/b: core/a.h:1 includes "core/b.h"; core/b.c:1 includes "core/a.h"
cli/p.c:5: cycle: p <-> q: p.c:5 uses q_fn of q.c; q.c:11 uses p_fn of p.c
mock/m.c:4: cycle: m <-> n: m.c:4 uses n_fn of n.c; n.c:1 includes "m.h"
EOF

# ---- length: 60 lines at most, unless a "long:" comment is above
new_tree length
{
	echo 'int proto(int x);'
	function_of sixty 60
	function_of sixty_one 61
	echo '/* long: a table of cases reads best in one piece */'
	function_of marked 70
	printf '/*\n * What it does.\n * long: one state machine\n */\n'
	function_of marked_in_block 70
	echo '/* long long: not a mark */'
	function_of long_long 61
	printf '/* long: not directly above */\n\n'
	function_of gap 61
	printf 'static const char *const\nnames[] = {"}", "{"};\n'
	printf 'static int two_lines(int x,\n                     int y)\n{\n'
	printf '\tconst char *s = "\\"{\\n}";\n/* }\n} */\n'
	for ((i = 0; i < 55; i++)); do
		printf '\tx++;\n'
	done
	printf '}\n'
} | put src/core/f.c
expect length 1 <<'EOF'
src/core/f.c:62: length: sixty_one() is 61 lines (limit 60 unless a "/* long:" comment is above it)
src/core/f.c:269: length: long_long() is 61 lines (limit 60 unless a "/* long:" comment is above it)
src/core/f.c:332: length: gap() is 61 lines (limit 60 unless a "/* long:" comment is above it)
src/core/f.c:395: length: two_lines() is 62 lines (limit 60 unless a "/* long:" comment is above it)
EOF

# ---- clean tree, bad arguments
new_tree clean
put src/core/a.c <<'EOF'
#include "core/a.h"
EOF
expect clean 0 <<'EOF'
check-layers: no findings
EOF
tree=$tmp/none
expect no-directory 2 </dev/null
tree=$tmp
expect no-src 2 </dev/null
expect bad-option 2 --bogus </dev/null

exit $failed
