#!/usr/bin/env bash
# ABI guard: compare the built shared library with the recorded ABI of the
# release line (abi/libgosendapi.so.<SONAME version>.abi, made by abidw).
# An incompatible change fails, unless the SONAME was bumped (then a new
# baseline file is expected) and CHANGELOG.md says "ABI break".
#
#   scripts/abi-check.sh BUILD_DIR            check
#   scripts/abi-check.sh BUILD_DIR --record   write the baseline
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$1
lib=$(ls "$build"/libgosendapi.so.*.*.* | head -1)
soname=$(readelf -d "$lib" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
baseline=$root/abi/$soname.abi
current=$(mktemp)
trap 'rm -f "$current"' EXIT
abidw --headers-dir "$root/include/gosendapi" --no-corpus-path --out-file "$current" "$lib"

if [ "${2:-}" = "--record" ]; then
	cp "$current" "$baseline"
	echo "recorded $baseline"
	exit 0
fi
if [ ! -f "$baseline" ]; then
	if ls "$root"/abi/*.abi >/dev/null 2>&1 && grep -q "ABI break" "$root/CHANGELOG.md"; then
		echo "abi: new SONAME $soname with an ABI break noted in CHANGELOG.md; record its baseline with --record"
		exit 0
	fi
	echo "abi: no baseline for $soname (abi/$soname.abi) and no 'ABI break' entry in CHANGELOG.md" >&2
	exit 1
fi
rc=0
report=$(abidiff --suppressions "$root/abi/appended-members.abignore" \
	--headers-dir2 "$root/include/gosendapi" "$baseline" "$current") || rc=$?
printf '%s\n' "$report"
if [ $((rc & 3)) -ne 0 ]; then
	echo "abi: abidiff failed ($rc)" >&2
	exit 1
fi
# Additions are compatible; anything removed or changed is not (abidiff
# flags a changed return or parameter type only as "changed").
changed=$(printf '%s\n' "$report" |
	sed -n 's/.*changes summary: \([0-9]*\) Removed[^,]*, \([0-9]*\) Changed.*/\1 \2/p' |
	awk '{ n += $1 + $2 } END { print n + 0 }')
if [ $((rc & 8)) -ne 0 ] || [ "$changed" -ne 0 ]; then
	echo "abi: incompatible change against $baseline: bump the SONAME and note the ABI break in CHANGELOG.md" >&2
	exit 1
fi
[ $((rc & 4)) -ne 0 ] && echo "abi: only additions against $baseline"
echo "abi: $soname compatible with its baseline"
