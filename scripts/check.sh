#!/usr/bin/env bash
# The whole test suite with every quality gate. Installs what is missing
# (Debian 12 or 13), then: format, layer rules, gcc -Werror build + tests, clang -Werror
# build with ASan+UBSan + tests, ThreadSanitizer, valgrind memcheck, cppcheck,
# clang-tidy, brief libFuzzer runs and the quick-start demo.
#
#   scripts/check.sh            everything
#   FUZZ_SECONDS=60 scripts/check.sh   total fuzzing budget (default 50)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${GOSEND_CHECK_DIR:-$root/_build/check}
jobs=${JOBS:-2}
fuzz_budget=${FUZZ_SECONDS:-50}
mkdir -p "$out"

bash scripts/install-deps.sh test

step() { printf '\n==== %s ====\n' "$*"; }
start=$(date +%s)

build() { # name cmake-args...
	local dir=$out/$1
	shift
	cmake -S "$root" -B "$dir" -DGOSENDAPI_WERROR=ON "$@" >/dev/null
	# -Werror turns any warning into a failed build
	cmake --build "$dir" -j"$jobs" >"$dir/build.log" 2>&1 || {
		grep -E "(warning|error):" "$dir/build.log" || tail -30 "$dir/build.log"
		return 1
	}
}

passed=0
runtests() { # dir [ctest args]
	local dir=$1 n
	shift
	(cd "$dir" && ctest -j"$jobs" --output-on-failure --timeout 600 "$@") | tee "$dir/ctest.log"
	n=$(sed -n 's/.*tests passed, 0 tests failed out of \([0-9]*\).*/\1/p' "$dir/ctest.log")
	passed=$((passed + ${n:-0}))
}

step "format"
files=$(git ls-files '*.c' '*.h' '*.cpp' '*.hpp' 2>/dev/null || find src include tests examples mock fuzz bench -name '*.[ch]' -o -name '*.[ch]pp')
# The tree is formatted with clang-format 14 (Debian 12's). Other major
# versions lay some code out differently (clang-format 19, Debian 13's,
# reflows macro bodies and some operators), so only 14 is a gate: it is
# used when installed (as clang-format or clang-format-14), else skipped.
format_major=14
fmt=
for c in clang-format-$format_major clang-format; do
	command -v "$c" >/dev/null || continue
	v=$("$c" --version | sed -n 's/.*clang-format version \([0-9]*\).*/\1/p')
	if [ "$v" = "$format_major" ]; then
		fmt=$c
		break
	fi
done
if [ -n "$fmt" ]; then
	"$fmt" --dry-run -Werror $files
else
	echo "format: skipped ($(clang-format --version 2>/dev/null | head -1 || echo "no clang-format"); the tree is formatted with clang-format $format_major)"
fi

step "layers: libraries, include arrows, cycles, function length"
# src/README.md states the rules; the script's own test proves it finds
# each kind of breach.
bash scripts/check-layers.sh "$root"
bash scripts/check-layers-test.sh

step "gcc build (-Werror) and tests"
CC=gcc CXX=g++ build gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
runtests "$out/gcc"

step "ABI against the recorded baseline (abidiff)"
bash scripts/abi-check.sh "$out/gcc"

step "clang build (-Werror) with ASan+UBSan and tests"
CC=clang CXX=clang++ build asan -DCMAKE_BUILD_TYPE=Debug -DGOSENDAPI_ASAN=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	runtests "$out/asan"

step "ThreadSanitizer"
CC=clang CXX=clang++ build tsan -DCMAKE_BUILD_TYPE=Debug -DGOSENDAPI_TSAN=ON -DGOSENDAPI_EXAMPLES=OFF
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 runtests "$out/tsan"

step "valgrind memcheck"
CC=gcc CXX=g++ build valgrind -DCMAKE_BUILD_TYPE=Debug -DGOSENDAPI_VALGRIND=ON -DGOSENDAPI_EXAMPLES=OFF
runtests "$out/valgrind"

step "coverage (gcov; line coverage of src/ must reach ${COVERAGE_MIN:-90}%)"
CC=gcc CXX=g++ build coverage -DCMAKE_BUILD_TYPE=Debug -DGOSENDAPI_COVERAGE=ON -DGOSENDAPI_EXAMPLES=OFF
find "$out/coverage" -name '*.gcda' -delete
runtests "$out/coverage" >/dev/null
gcovr -r "$root" --filter "$root/src/" --object-directory "$out/coverage" \
	--exclude-unreachable-branches --print-summary \
	--fail-under-line "${COVERAGE_MIN:-90}" -o "$out/coverage/coverage.txt" |
	tee "$out/coverage/summary.txt"

step "cppcheck"
# cppcheck 2.11 and later (Debian 13 has 2.17) stop following branches in
# long functions at their "normal" check level and report that as an
# information message, which --error-exitcode counts as a finding; the
# exhaustive level analyses every branch, as cppcheck 2.10 (Debian 12) does.
cppcheck_level=()
# (grep reads the whole help: with -q it would stop early, cppcheck would
# die of SIGPIPE and pipefail would make the test false)
if cppcheck --help 2>/dev/null | grep -- '--check-level=' >/dev/null; then
	cppcheck_level=(--check-level=exhaustive)
fi
cppcheck --enable=warning,performance,portability --error-exitcode=1 \
	"${cppcheck_level[@]}" --inline-suppr --quiet -I include -I src src/
# the C++ wrapper, through its tests and example
cppcheck --enable=warning,performance,portability --error-exitcode=1 \
	"${cppcheck_level[@]}" --inline-suppr --quiet --language=c++ --std=c++17 \
	-I include -I tests/support -I mock tests/cpp/ examples/cpp_send.cpp

step "clang-tidy"
# .clang-tidy enables whole groups (bugprone-*, cert-*, clang-analyzer-*).
# Three checks that clang-tidy 18 added to them (Debian 13 has 19; Debian
# 12 has 14, which does not know them) flag plain C idioms: void * to T **
# without a cast, a cast through void * (the holder's aligned header), and
# `n > 0 && --n == 0` (well defined in C); they are turned off so both
# releases run the same checks. Anything else a newer clang-tidy finds
# still fails.
clang-tidy -p "$out/gcc" --quiet \
	--checks=-bugprone-multi-level-implicit-pointer-conversion,-bugprone-casting-through-void,-bugprone-inc-dec-in-conditions \
	src/*/*.c 2>/dev/null
# the C++ wrapper (gosendapi.hpp) through its tests and example, as the
# gcc build compiled them; only the wrapper's own header is reported (read
# as C++, the C headers' internal names with "__" count as reserved)
clang-tidy -p "$out/gcc" --quiet --header-filter='include/gosendapi/(gosendapi|cpp/[a-z_]+)\.hpp' \
	tests/cpp/*.cpp examples/cpp_send.cpp 2>/dev/null

step "API reference (Doxygen, warnings are errors)"
cmake --build "$out/gcc" --target docs

step "packaging: install, exports, consumers, header test, .deb"
bash scripts/packaging-check.sh "$root" "$out/packaging" | tee "$out/packaging.log"
grep -q ' passed, 0 failed$' "$out/packaging.log"

step "fuzzing (${fuzz_budget}s in all)"
CC=clang CXX=clang++ build fuzz -DGOSENDAPI_FUZZ=ON -DBUILD_TESTING=OFF -DGOSENDAPI_EXAMPLES=OFF -DGOSENDAPI_MOCK=OFF
fuzzers=("$out"/fuzz/fuzz/*_fuzzer)
per=$((fuzz_budget / ${#fuzzers[@]}))
[ "$per" -ge 2 ] || per=2
for f in "${fuzzers[@]}"; do
	name=$(basename "$f" _fuzzer)
	corpus=$out/fuzz-corpus/$name
	mkdir -p "$corpus"
	seeds=()
	[ -d "fuzz/corpora/$name" ] && seeds=("fuzz/corpora/$name")
	echo "-- $name (${per}s)"
	# a crash, leak or timeout fails the check (and leaves the input)
	if ! "$f" -max_total_time="$per" -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$out/fuzz-$name-" "$corpus" "${seeds[@]}" >"$out/fuzz-$name.log" 2>&1; then
		grep -E "ERROR|SUMMARY|Test unit written" "$out/fuzz-$name.log" >&2
		echo "fuzzer $name failed" >&2
		exit 1
	fi
	grep -E "stat::number_of_executed_units" "$out/fuzz-$name.log"
done

step "quick-start demo"
GOSEND_BUILD_DIR="$out/gcc" bash scripts/quickstart.sh

step "done in $(($(date +%s) - start)) s"
echo "all checks passed"
echo "$passed passed, 0 failed"
