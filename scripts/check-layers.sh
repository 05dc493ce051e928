#!/usr/bin/env bash
# Layer gate of the library's sources (src/), with the cycle rule also
# applied to cli/ and mock/. Prints one line per finding,
# "path:line: rule: message", and exits 1 when there is any.
#
#   scripts/check-layers.sh [--list] [ROOT]
#
#   ROOT    the repository root (default: .)
#   --list  print the findings but exit 0 (for reports)
#
# Rules (comments and string literals are not code):
#   libs    <cjson/...> and cJSON identifiers only in src/json/;
#           <curl/...> and curl_* / CURL* identifiers only in src/core/;
#           <hiredis/...> only in src/redis/ (libgosendapi-redis).
#   layer   a quoted include "X/..." of a layer X names a layer the folder
#           may use: core: core; json: json, core; call: call, json, core;
#           api: api, call, json, core; webhook: webhook, json, core;
#           async: async, api, call, json, core; bulk: bulk, async, api,
#           call, json, core; redis: redis (a library of its own on the
#           public API only: no other layer's headers). api/ includes no header that
#           brings in cJSON (json/decode.h), directly or through another.
#   cycle   no two files a, b (a.c and a.h, b.c and b.h) where a includes
#           b.h and b includes a.h, or a calls a function (or uses a
#           variable) b.c defines and b one a.c defines; in src/, cli/ and
#           mock/.
#   length  no function of src/**/*.c longer than 60 lines (from the line
#           with its name to its closing brace, clang-format's Linux style)
#           unless the comment directly above it has a line starting with
#           "/* long:" or " * long:".
#
# Needs bash, coreutils, grep, sed and awk (gawk or mawk).
set -uo pipefail
export LC_ALL=C

usage() {
	sed -n '2,/^$/{/^#/s/^# \{0,1\}//p}' "$0"
}

list=0
root=.
while [ $# -gt 0 ]; do
	case $1 in
	--list) list=1 ;;
	-h | --help)
		usage
		exit 0
		;;
	-*)
		echo "check-layers: unknown option $1" >&2
		exit 2
		;;
	*) root=$1 ;;
	esac
	shift
done
cd "$root" 2>/dev/null || {
	echo "check-layers: no directory $root" >&2
	exit 2
}
[ -d src ] || {
	echo "check-layers: no src/ in $root" >&2
	exit 2
}

sources() { # dir... : the C files under them, sorted
	local d
	for d in "$@"; do
		if [ -d "$d" ]; then
			find "$d" -type f \( -name '*.c' -o -name '*.h' \)
		fi
	done | sort
}

# awk functions shared by the checks. strip() returns a line without its
# comments and the contents of its string and character literals (the
# quotes stay); `in_c` carries an open comment to the next line, reset it
# at each file's first line. report() prints a finding.
# shellcheck disable=SC2016 # awk text, not shell
lib='
function strip(s,    out, i, n, c, q) {
	if (!in_c && s !~ /[\/"\047]/)
		return s
	out = ""
	n = length(s)
	i = 1
	while (i <= n) {
		c = substr(s, i, 1)
		if (in_c) {
			if (c == "*" && substr(s, i + 1, 1) == "/") {
				in_c = 0
				out = out " "
				i += 2
			} else {
				i++
			}
			continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "*") {
			in_c = 1
			i += 2
			continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "/")
			break
		if (c == "\"" || c == "\047") {
			q = c
			for (i++; i <= n; i++) {
				c = substr(s, i, 1)
				if (c == "\\")
					i++
				else if (c == q)
					break
			}
			out = out q q
			i++
			continue
		}
		out = out c
		i++
	}
	return out
}
function lines(n) {
	return n == 1 ? "1 line" : n " lines"
}
# The files named on the command line: file[1..nf], known[path].
function files(    i) {
	for (i = 1; i < ARGC; i++) {
		file[++nf] = ARGV[i]
		known[ARGV[i]] = 1
	}
}
function report(where, line, rule, msg) {
	if (line)
		where = where ":" line
	printf "%s: %s: %s\n", where, rule, msg
}
# The path a quoted include names, as a file of the set `known`: next to
# the including file, else under src/ (the library include path).
function resolve(from, name,    d) {
	d = from
	sub(/[^\/]*$/, "", d)
	if ((d name) in known)
		return d name
	if (("src/" name) in known)
		return "src/" name
	return ""
}
function quoted(s) {
	if (s !~ /^[ \t]*#[ \t]*include[ \t]*"/)
		return ""
	sub(/^[ \t]*#[ \t]*include[ \t]*"/, "", s)
	sub(/".*/, "", s)
	return s
}
'

# libs: cJSON and curl stay in their folders.
check_libs() {
	[ $# -gt 0 ] || return 0
	awk "$lib"'
	function flush() {
		if (nj)
			report(f, fj, "libs", "uses cJSON outside src/json/ (" lines(nj) ", the first here)")
		if (nc)
			report(f, fc, "libs", "uses curl outside src/core/ (" lines(nc) ", the first here)")
		nj = nc = 0
	}
	FNR == 1 {
		flush()
		f = FILENAME
		in_c = 0
		json = f ~ /^src\/json\//
		core = f ~ /^src\/core\//
	}
	{
		code = strip($0)
		if ($0 ~ /^[ \t]*#[ \t]*include/) {
			inc = $0
			sub(/^[ \t]*#[ \t]*include[ \t]*/, "", inc)
			if (match(inc, /^[<"][^>"]*[>"]/))
				inc = substr(inc, 1, RLENGTH)
			if (!json && inc ~ /^[<"]cjson\//)
				report(f, FNR, "libs", "includes " inc " outside src/json/")
			if (!core && inc ~ /^[<"]curl\//)
				report(f, FNR, "libs", "includes " inc " outside src/core/")
			if (f !~ /^src\/redis\// && inc ~ /^[<"]hiredis\//)
				report(f, FNR, "libs", "includes " inc " outside src/redis/")
			next
		}
		if (!json && code ~ /(^|[^A-Za-z0-9_])cJSON([^A-Za-z0-9]|$)/ && !nj++)
			fj = FNR
		if (!core && code ~ /(^|[^A-Za-z0-9_])(curl_|CURL)/ && !nc++)
			fc = FNR
	}
	END { flush() }
	' "$@"
}

# layer: quoted includes follow the arrows; api/ stays free of cJSON.
check_layers() {
	[ $# -gt 0 ] || return 0
	awk "$lib"'
	function names(s) {
		sub(/^ /, "", s)
		sub(/ $/, "", s)
		gsub(/ /, ", ", s)
		return " " s
	}
	BEGIN {
		files()
		allowed["core"] = " core "
		allowed["json"] = " json core "
		allowed["call"] = " call json core "
		allowed["api"] = " api call json core "
		allowed["webhook"] = " webhook json core "
		allowed["async"] = " async api call json core "
		allowed["bulk"] = " bulk async api call json core "
		allowed["redis"] = " redis "
	}
	/^[ \t]*#[ \t]*include/ {
		ni++
		ifile[ni] = FILENAME
		iline[ni] = FNR
		iname[ni] = quoted($0)
		if ($0 ~ /[<"]cjson\//)
			cjson[FILENAME] = 1
	}
	END {
		for (k = 1; k <= ni; k++)
			ito[k] = iname[k] == "" ? "" : resolve(ifile[k], iname[k])
		# Headers that bring in cJSON, directly or through another;
		# via[h] is the next header on the way.
		do {
			more = 0
			for (k = 1; k <= ni; k++)
				if (ito[k] in cjson && !(ifile[k] in cjson)) {
					cjson[ifile[k]] = 1
					via[ifile[k]] = ito[k]
					more = 1
				}
		} while (more)
		for (i = 1; i <= nf; i++) {
			split(file[i], p, "/")
			if (p[3] == "" || p[2] in allowed || p[2] in seen)
				continue
			seen[p[2]] = 1
			report("src/" p[2] "/", 0, "layer", "folder is not a layer of the map in scripts/check-layers.sh")
		}
		for (k = 1; k <= ni; k++) {
			split(ifile[k], p, "/")
			layer = p[2]
			if (!(layer in allowed) || iname[k] == "")
				continue
			x = iname[k]
			if (x !~ /\//)
				continue
			sub(/\/.*/, "", x)
			if (x in allowed && index(allowed[layer], " " x " ") == 0)
				report(ifile[k], iline[k], "layer", layer "/ includes \"" iname[k] "\" (" layer "/ may use only" names(allowed[layer]) ")")
			if (layer == "api" && ito[k] in cjson) {
				chain = ""
				for (h = via[ito[k]]; h != ""; h = via[h])
					chain = chain " -> " h
				report(ifile[k], iline[k], "layer", "api/ includes \"" iname[k] "\", which brings in cJSON" (chain == "" ? "" : " (" substr(chain, 5) ")"))
			}
		}
	}
	' "$@"
}

# cycle: pairs of files a, b (a.c with a.h) that depend on each other, with
# the first evidence each way; one tree (src, cli, mock) at a time.
check_cycles() { # file...
	[ $# -gt 0 ] || return 0
	awk "$lib"'
	function group(f) {
		sub(/\.[ch]$/, "", f)
		return f
	}
	# A path without its tree (src/, cli/, mock/).
	function short_path(f) {
		sub(/^[^\/]*\//, "", f)
		return f
	}
	BEGIN {
		files()
		for (i = 1; i <= nf; i++)
			if (file[i] ~ /\.c$/)
				hasc[group(file[i])] = 1
	}
	FNR == 1 {
		in_c = 0
		pend = ""
		g = group(FILENAME)
	}
	{
		nl[FILENAME] = FNR
		c = strip($0)
		code[FILENAME, FNR] = c
		if ($0 ~ /^[ \t]*#[ \t]*include/) {
			ni++
			ifile[ni] = FILENAME
			iline[ni] = FNR
			iname[ni] = quoted($0)
			next
		}
		if (FILENAME !~ /\.c$/)
			next
		# What a .c file defines for others: functions (name line at
		# column 0, then "{" alone) and variables, neither static.
		if (c !~ /^[A-Za-z_]/)
			;
		else if (c ~ /^(static|extern|typedef)[^A-Za-z0-9_]/ ||
		         c ~ /^(struct|union|enum)[ \t]+[A-Za-z0-9_]*[ \t]*[{;]/)
			pend = ""
		else if (c ~ /\(/) {
			pend = c
			sub(/[ \t]*\(.*/, "", pend)
			sub(/.*[^A-Za-z0-9_]/, "", pend)
		} else if (c ~ /=/ || c ~ /;[ \t]*$/) {
			s = c
			sub(/[ \t]*[=;].*/, "", s)
			while (s ~ /\]$/)
				sub(/[ \t]*\[[^]]*\]$/, "", s)
			sub(/.*[^A-Za-z0-9_]/, "", s)
			if (s != "")
				def[s] = g
		}
		if (pend != "" && c ~ /;[ \t]*$/)
			pend = ""
		if (pend != "" && c ~ /^\{[ \t]*$/) {
			def[pend] = g
			pend = ""
		}
	}
	function edge(a, b, f, l, what) {
		if ((a, b) in evt)
			return
		evf[a, b] = f
		evl[a, b] = l
		evt[a, b] = what
	}
	END {
		for (k = 1; k <= ni; k++) {
			a = group(ifile[k])
			if (iname[k] == "" || !(a in hasc))
				continue
			h = resolve(ifile[k], iname[k])
			b = group(h)
			if (h ~ /\.h$/ && b != a && b in hasc)
				edge(a, b, ifile[k], iline[k], "includes \"" iname[k] "\"")
		}
		for (i = 1; i <= nf; i++) {
			f = file[i]
			a = group(f)
			if (!(a in hasc) || f !~ /\.c$/)
				continue
			for (l = 1; l <= nl[f]; l++) {
				n = split(code[f, l], t, /[^A-Za-z0-9_]+/)
				for (j = 1; j <= n; j++) {
					b = (t[j] in def) ? def[t[j]] : a
					if (b == a || (a, b, t[j]) in used)
						continue
					used[a, b, t[j]] = 1
					if (!((a, b) in ufile)) {
						ufile[a, b] = f
						uline[a, b] = l
						uses[a, b] = t[j]
					} else if (++nuse[a, b] < 3) {
						uses[a, b] = uses[a, b] ", " t[j]
					} else if (nuse[a, b] == 3) {
						uses[a, b] = uses[a, b] ", ..."
					}
				}
			}
		}
		for (k in ufile) {
			split(k, p, SUBSEP)
			edge(p[1], p[2], ufile[k], uline[k], "uses " uses[k] " of " short_path(p[2]) ".c")
		}
		for (k in evt) {
			split(k, p, SUBSEP)
			if (p[1] > p[2] || !((p[2], p[1]) in evt))
				continue
			r = p[2] SUBSEP p[1]
			report(evf[k], evl[k], "cycle", short_path(p[1]) " <-> " short_path(p[2]) ": " short_path(evf[k]) ":" evl[k] " " evt[k] "; " short_path(evf[r]) ":" evl[r] " " evt[r])
		}
	}
	' "$@" | sort
}

# length: functions of src/**/*.c up to 60 lines, or marked "long:".
check_length() {
	[ $# -gt 0 ] || return 0
	awk "$lib"'
	FNR == 1 {
		in_c = 0
		start = 0
		body = 0
	}
	{
		raw[FNR] = $0
		c = strip($0)
		if (!body && c ~ /^[A-Za-z_]/ && c ~ /\(/ && c !~ /^typedef[^A-Za-z0-9_]/) {
			start = FNR
			name = c
			sub(/[ \t]*\(.*/, "", name)
			sub(/.*[^A-Za-z0-9_]/, "", name)
		}
		if (!body && start && c ~ /;[ \t]*$/)
			start = 0
		if (!body && start && c ~ /^\{[ \t]*$/)
			body = 1
		if (body && c ~ /^\}[ \t]*$/) {
			n = FNR - start + 1
			if (n > 60 && !marked(start))
				report(FILENAME, start, "length", name "() is " n " lines (limit 60 unless a \"/* long:\" comment is above it)")
			body = 0
			start = 0
		}
	}
	function marked(s,    j) {
		if (s < 2 || raw[s - 1] !~ /\*\/[ \t]*$/)
			return 0
		for (j = s - 1; j >= 1; j--) {
			if (raw[j] ~ /^[ \t]*(\/\*|\*)[ \t]*long:/)
				return 1
			if (raw[j] ~ /^[ \t]*\/\*/)
				return 0
		}
		return 0
	}
	' "$@"
}

# shellcheck disable=SC2046 # C file names have no blanks
findings=$(
	check_libs $(sources src) &&
		check_layers $(sources src) &&
		check_cycles $(sources src) &&
		check_cycles $(sources cli) &&
		check_cycles $(sources mock) &&
		check_length $(sources src | grep '\.c$')
) || {
	echo "check-layers: a check failed to run" >&2
	exit 2
}
if [ -z "$findings" ]; then
	echo "check-layers: no findings"
	exit 0
fi
printf '%s\n' "$findings"
n=$(printf '%s\n' "$findings" | wc -l)
if [ "$list" = 1 ]; then
	echo "check-layers: $n findings (listed only)"
	exit 0
fi
echo "check-layers: $n findings" >&2
exit 1
