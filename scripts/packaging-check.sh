#!/usr/bin/env bash
# Packaging and ecosystem checks: what a user or a distribution gets from
# `cmake --install` and `cpack`, and whether programs outside the tree can
# build against it.
#
#   bash scripts/packaging-check.sh <source dir> <scratch dir>
#
#  1. install: one build (<scratch>/pkg, configured for /usr as a packager
#     would), `cmake --install --prefix <scratch>/prefix`; the shared library
#     and its SONAME, the static library, the headers, gosendapi.pc, the
#     CMake package and the programs, in GNU install dirs.
#  2. symbols: the shared library exports gosend_* functions only, no
#     gosend__* internals, and exactly the functions the headers declare.
#  3. consumers (tests/consumer): programs built against the install with
#     pkg-config (shared, static, C++ with g++ and clang++), find_package()
#     (shared and static) and add_subdirectory() of the source tree, and the
#     C++ consumer as C++11 on the C API and as C++17 on the C++ wrapper
#     (gosendapi.hpp) with pkg-config and find_package(); each sends a
#     message to gosendapi-mock, which confirms it arrived.
#     Header test (tests/headertest): every public header on its own, twice,
#     as C99 and C++11 with gcc and clang, and every _INIT macro in use;
#     gosendapi.hpp alone as C++17 (also without exceptions);
#     the event-loop adapters (adapters/*.h) too, with their loop library's
#     flags from pkg-config (skipped, with a note, when that library's
#     headers are not installed; scripts/install-deps.sh installs them).
#  4. Debian packages (cmake/packaging.cmake): names, versions,
#     dependencies and contents, checked with dpkg-deb; then unpacked with
#     dpkg -x into <scratch>/debroot and built against with pkg-config and
#     find_package().
#
# Nothing is written outside <scratch> (missing tools are installed through
# scripts/install-deps.sh). Ends with "N passed, M failed"; exit status 1 if
# any check failed. JOBS (default 2) sets build parallelism.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 <source dir> <scratch dir>" >&2
	exit 2
fi
src=$(cd "$1" && pwd)
mkdir -p "$2"
scratch=$(cd "$2" && pwd)
jobs=${JOBS:-2}
start=$(date +%s)

bash "$src/scripts/install-deps.sh" test

build=$scratch/pkg
prefix=$scratch/prefix
debs=$scratch/debs
debroot=$scratch/debroot
cons=$scratch/consumers
logs=$scratch/logs
rm -rf "$prefix" "$debs" "$debroot" "$logs" "$scratch/headertest"
mkdir -p "$logs" "$cons" "$scratch/headertest"

# Keep the checks away from the host's own configuration.
export CMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR LD_LIBRARY_PATH
export LC_ALL=C

# --- Bookkeeping -------------------------------------------------------------

passed=0
failed=0
n=0

# check DESCRIPTION COMMAND...: run COMMAND in a subshell with `set -e`, its
# output in a log file; count and print the outcome.
check() {
	local desc=$1 log rc
	shift
	n=$((n + 1))
	log=$logs/$(printf '%02d' "$n")-$(printf '%s' "$desc" | tr -c 'A-Za-z0-9' '_' | cut -c1-50).log
	set +e
	(
		set -e
		"$@"
	) >"$log" 2>&1
	rc=$?
	set -e
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok   $desc"
	else
		failed=$((failed + 1))
		echo "FAIL $desc (log: $log)"
		tail -n 25 "$log" | sed 's/^/     | /'
	fi
}

summary() {
	echo "packaging checks done in $(($(date +%s) - start)) s"
	echo "$passed passed, $failed failed"
}

# require DESCRIPTION COMMAND...: a check the rest depends on; stop if it fails.
require() {
	local before=$failed
	check "$@"
	if [ "$failed" -ne "$before" ]; then
		echo "cannot continue without: $1"
		summary
		exit 1
	fi
}

die() {
	echo "$*" >&2
	exit 1
}

# Helpers for the check bodies (they run in subshells: `die` ends the check).
expect_eq() { # actual expected what
	[ "$1" = "$2" ] || die "$3: expected '$2', got '$1'"
}
expect_file() {
	if [ ! -f "$1" ] || [ -L "$1" ]; then
		die "missing file: $1"
	fi
}
expect_link() { # link target
	[ -L "$1" ] || die "not a symlink: $1"
	expect_eq "$(readlink "$1")" "$2" "target of $1"
}
has_word() { # word list...
	local w=$1 x
	shift
	for x in "$@"; do
		[ "$x" = "$w" ] && return 0
	done
	return 1
}

# --- Facts about the tree ----------------------------------------------------

vh=$src/include/gosendapi/version.h
major=$(sed -n 's/^#define GOSENDAPI_VERSION_MAJOR \([0-9]*\).*/\1/p' "$vh")
minor=$(sed -n 's/^#define GOSENDAPI_VERSION_MINOR \([0-9]*\).*/\1/p' "$vh")
patch=$(sed -n 's/^#define GOSENDAPI_VERSION_PATCH \([0-9]*\).*/\1/p' "$vh")
version=$major.$minor.$patch
# SOVERSION MAJOR.MINOR while on 0.y, MAJOR from 1.0 (STYLE.md section 4).
if [ "$major" -eq 0 ]; then soversion=$major.$minor; else soversion=$major; fi
soname=libgosendapi.so.$soversion
realname=libgosendapi.so.$version
runtime_pkg=libgosendapi$soversion
deb_version=$version-1
cli_expected=no
[ -f "$src/cli/CMakeLists.txt" ] && cli_expected=yes
echo "gosendapi-c $version: SONAME $soname, source $src, scratch $scratch"

# --- 1. Build and install ----------------------------------------------------

# (libgosendapi-redis has no Debian package yet: cmake/packaging.cmake)
do_build() {
	cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
		-DCMAKE_INSTALL_PREFIX=/usr -DBUILD_TESTING=OFF \
		-DGOSENDAPI_EXAMPLES=OFF -DGOSENDAPI_MOCK=ON -DGOSENDAPI_REDIS=OFF
	cmake --build "$build" -j"$jobs"
}
require "build (configured for /usr, as a packager would)" do_build

cache_get() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
libdir=$(cache_get CMAKE_INSTALL_LIBDIR)
includedir=$(cache_get CMAKE_INSTALL_INCLUDEDIR)
bindir=$(cache_get CMAKE_INSTALL_BINDIR)
# GNUInstallDirs caches these two empty: they then follow DATAROOTDIR
datarootdir=$(cache_get CMAKE_INSTALL_DATAROOTDIR)
datadir=$(cache_get CMAKE_INSTALL_DATADIR)
datadir=${datadir:-$datarootdir}
mandir=$(cache_get CMAKE_INSTALL_MANDIR)
mandir=${mandir:-$datarootdir/man}
cli_built=no
[ "$cli_expected" = yes ] && [ "$(cache_get GOSENDAPI_CLI)" != OFF ] && cli_built=yes
L=$prefix/$libdir
echo "install dirs: lib=$libdir include=$includedir bin=$bindir"

do_install() {
	case "$libdir" in /*) die "CMAKE_INSTALL_LIBDIR is absolute: $libdir" ;; esac
	cmake --install "$build" --prefix "$prefix"
}
require "cmake --install --prefix <scratch>/prefix" do_install

check_shared_lib() {
	expect_file "$L/$realname"
	expect_link "$L/$soname" "$realname"
	expect_link "$L/libgosendapi.so" "$soname"
	local got
	got=$(readelf -d "$L/$realname" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
	expect_eq "$got" "$soname" "SONAME"
	readelf -h "$L/$realname" | grep 'Type:.*DYN' >/dev/null || die "not a shared object"
}
check "shared library $realname, links $soname and libgosendapi.so, SONAME $soname" check_shared_lib

check_static_lib() {
	expect_file "$L/libgosendapi.a"
	ar t "$L/libgosendapi.a" >/dev/null
	nm --defined-only "$L/libgosendapi.a" 2>/dev/null | grep ' T gosend_version$' >/dev/null ||
		die "libgosendapi.a does not define gosend_version"
}
check "static library libgosendapi.a" check_static_lib

check_headers() {
	local want got h
	# the headers and the header-only event-loop adapters (adapters/);
	# redis.h goes with libgosendapi-redis, not built here
	want=$(cd "$src/include/gosendapi" && find . -type f ! -name redis.h | sort)
	got=$(cd "$prefix/$includedir/gosendapi" && find . | sort)
	expect_eq "$got" "$(printf '.\n./adapters\n./cpp\n%s' "$want" | sort)" \
		"files in $includedir/gosendapi"
	for h in $want; do
		cmp "$src/include/gosendapi/$h" "$prefix/$includedir/gosendapi/$h"
	done
}
check "public headers in $includedir/gosendapi and adapters/ (all of include/gosendapi but redis.h, unchanged)" check_headers

export PKG_CONFIG_PATH=$L/pkgconfig
check_pc_file() {
	expect_file "$L/pkgconfig/gosendapi.pc"
	pkg-config --validate gosendapi
	expect_eq "$(pkg-config --path gosendapi)" "$L/pkgconfig/gosendapi.pc" "pkg-config --path"
	expect_eq "$(pkg-config --modversion gosendapi)" "$version" "Version"
	expect_eq "$(pkg-config --variable=prefix gosendapi)" "$prefix" "prefix (the install prefix, not the configured /usr)"
	expect_eq "$(pkg-config --variable=libdir gosendapi)" "$L" "libdir"
	expect_eq "$(pkg-config --variable=includedir gosendapi)" "$prefix/$includedir" "includedir"
	local req
	req=$(pkg-config --print-requires-private gosendapi | awk '{print $1}' | sort | tr '\n' ' ')
	expect_eq "$req" "libcjson libcrypto libcurl sqlite3 " "Requires.private"
	expect_eq "$(pkg-config --print-requires gosendapi)" "" "Requires"
}
check "gosendapi.pc: version, install prefix, dirs, Requires.private libcurl libcjson libcrypto sqlite3" check_pc_file

check_pc_flags() {
	local libs cflags slibs scflags w
	# shellcheck disable=SC2207
	libs=($(pkg-config --libs gosendapi))
	# shellcheck disable=SC2207
	cflags=($(pkg-config --cflags gosendapi))
	# shellcheck disable=SC2207
	slibs=($(pkg-config --static --libs gosendapi))
	# shellcheck disable=SC2207
	scflags=($(pkg-config --static --cflags gosendapi))
	echo "libs: ${libs[*]}"
	echo "cflags: ${cflags[*]}"
	echo "static libs: ${slibs[*]}"
	echo "static cflags: ${scflags[*]}"
	expect_eq "${libs[*]}" "-L$L -lgosendapi" "pkg-config --libs"
	has_word "-I$prefix/$includedir" "${cflags[@]}" || die "--cflags lacks -I$prefix/$includedir"
	! has_word -DGOSENDAPI_STATIC "${cflags[@]}" || die "--cflags (shared) has -DGOSENDAPI_STATIC"
	for w in -lgosendapi -lcurl -lcjson -lcrypto -lsqlite3 -lm; do
		has_word "$w" "${slibs[@]}" || die "--static --libs lacks $w"
	done
	has_word -lpthread "${slibs[@]}" || has_word -pthread "${slibs[@]}" ||
		die "--static --libs lacks -lpthread"
	has_word -DGOSENDAPI_STATIC "${scflags[@]}" || die "--static --cflags lacks -DGOSENDAPI_STATIC"
}
check "gosendapi.pc flags: shared -lgosendapi only, static adds libcurl/cJSON/libcrypto/pthread/m and -DGOSENDAPI_STATIC" check_pc_flags

check_cmake_package() {
	local d=$L/cmake/gosendapi f dep
	for f in gosendapiConfig.cmake gosendapiConfigVersion.cmake gosendapiTargets.cmake; do
		expect_file "$d/$f"
	done
	ls "$d"/gosendapiTargets-*.cmake >/dev/null || die "no per-configuration targets file"
	for dep in Threads CURL OpenSSL; do
		grep -Eq "^[[:space:]]*find_dependency\\($dep([[:space:])]|$)" "$d/gosendapiConfig.cmake" ||
			die "gosendapiConfig.cmake: no find_dependency($dep)"
	done
	grep -Eq 'find_dependency\(PkgConfig\)' "$d/gosendapiConfig.cmake" ||
		die "gosendapiConfig.cmake: no find_dependency(PkgConfig) for libcjson"
	grep -Eq 'pkg_check_modules\(CJSON .*libcjson' "$d/gosendapiConfig.cmake" ||
		die "gosendapiConfig.cmake: libcjson is not looked up"
	grep -q 'add_library(gosendapi::gosendapi SHARED IMPORTED)' "$d/gosendapiTargets.cmake" ||
		die "gosendapiTargets.cmake: no gosendapi::gosendapi"
	grep -q 'add_library(gosendapi::gosendapi_static STATIC IMPORTED)' "$d/gosendapiTargets.cmake" ||
		die "gosendapiTargets.cmake: no gosendapi::gosendapi_static"
	grep -q 'SameMinorVersion\|PACKAGE_FIND_VERSION_MINOR' "$d/gosendapiConfigVersion.cmake" ||
		die "gosendapiConfigVersion.cmake does not compare the minor version"
}
check "CMake package: config, version file, exported targets, find_dependency for each dependency" check_cmake_package

check_no_build_paths() {
	local f bad=0
	while IFS= read -r f; do
		# the install prefix itself may lie inside the source tree
		if sed "s|$prefix||g" "$f" | grep -nF -e "$build" -e "$src"; then
			echo "^ in $f"
			bad=1
		fi
	done < <(find "$prefix" -type f \( -name '*.pc' -o -name '*.cmake' -o -name '*.h' \))
	[ "$bad" -eq 0 ] || die "installed files name the build or source directory"
}
check "installed .pc/.cmake/.h files do not name the build or source tree" check_no_build_paths

check_programs() {
	[ -x "$prefix/$bindir/gosendapi-mock" ] || die "no $bindir/gosendapi-mock"
	"$prefix/$bindir/gosendapi-mock" --help >/dev/null
	if [ "$cli_built" = yes ]; then
		[ -x "$prefix/$bindir/gosendapi" ] || die "no $bindir/gosendapi (the CLI)"
		local out
		out=$(LD_LIBRARY_PATH=$L "$prefix/$bindir/gosendapi" --version)
		echo "$out"
		case "$out" in
		*"libgosendapi $version"*) ;;
		*) die "gosendapi --version: '$out'" ;;
		esac
	else
		echo "CLI not built: $bindir/gosendapi not expected"
	fi
}
check "programs: $bindir/gosendapi-mock$([ "$cli_built" = yes ] && echo ", $bindir/gosendapi")" check_programs

check_nothing_else() {
	local extra
	extra=$(find "$prefix" -type f -o -type l | sed "s|^$prefix/||" | grep -Ev \
		-e "^$includedir/gosendapi/(adapters/)?[a-z0-9_]+\\.h$" \
		-e "^$includedir/gosendapi/gosendapi\\.hpp$" \
		-e "^$includedir/gosendapi/cpp/[a-z0-9_]+\\.hpp$" \
		-e "^$libdir/libgosendapi\\.(so(\\.[0-9.]+)?|a)$" \
		-e "^$libdir/pkgconfig/gosendapi\\.pc$" \
		-e "^$libdir/cmake/gosendapi/gosendapi[A-Za-z-]*\\.cmake$" \
		-e "^$bindir/gosendapi(-mock)?$" \
		-e "^$mandir/man1/gosendapi\\.1$" \
		-e "^$datadir/bash-completion/completions/gosendapi$" || true)
	[ -z "$extra" ] || die "unexpected installed files: $extra"
}
check "nothing else is installed (no test, example or mock-library files)" check_nothing_else

# --- 2. Symbols --------------------------------------------------------------

exported() { nm -D --defined-only "$L/$realname" | awk '{print $3}' | sed 's/@.*//' | sort -u; }

check_exports_prefix() {
	local bad
	exported >"$scratch/exports.txt"
	echo "$(wc -l <"$scratch/exports.txt") exported symbols"
	bad=$(grep -v '^gosend_' "$scratch/exports.txt" || true)
	[ -z "$bad" ] || die "exported symbols without the gosend_ prefix:
$bad"
	[ -s "$scratch/exports.txt" ] || die "no exported symbols at all"
}
check "shared library exports only gosend_* symbols (no cJSON or helper symbols)" check_exports_prefix

check_exports_internal() {
	local bad
	bad=$(exported | grep '^gosend__' || true)
	[ -z "$bad" ] || die "internal symbols exported:
$bad"
}
check "no internal gosend__* symbol is exported" check_exports_internal

# The functions the public headers declare with GOSEND_EXTERN.
declared() {
	cat "$prefix/$includedir"/gosendapi/*.h |
		perl -0777 -ne 's{/\*.*?\*/}{}gs; while (/\bGOSEND_EXTERN\b([^;{]*?)\b(gosend_\w+)\s*\(/g) { print "$2\n" }' |
		sort -u
}
check_exports_match() {
	local missing extra
	declared >"$scratch/declared.txt"
	exported >"$scratch/exports.txt"
	echo "$(wc -l <"$scratch/declared.txt") declared, $(wc -l <"$scratch/exports.txt") exported"
	missing=$(comm -23 "$scratch/declared.txt" "$scratch/exports.txt")
	extra=$(comm -13 "$scratch/declared.txt" "$scratch/exports.txt")
	[ -z "$missing" ] || echo "declared in the headers but not exported (a program calling them fails to link):
$missing"
	[ -z "$extra" ] || echo "exported but declared in no public header:
$extra"
	[ -z "$missing$extra" ]
}
check "exported functions are exactly the GOSEND_EXTERN declarations of the headers" check_exports_match

# --- 3. Consumers ------------------------------------------------------------

# The standalone mock from the build tree; it prints "port=N" once listening.
coproc MOCK { exec "$build/mock/gosendapi-mock" --port 0 --quiet 2>"$logs/mock.stderr"; }
# shellcheck disable=SC2153 # set by coproc
mock_pid=$MOCK_PID
trap 'kill "$mock_pid" 2>/dev/null || true' EXIT
line=
read -r -t 20 -u "${MOCK[0]}" line || true
port=${line#port=}
case "$port" in
'' | *[!0-9]*)
	echo "FAIL gosendapi-mock did not start (got: '$line')"
	failed=$((failed + 1))
	summary
	exit 1
	;;
esac
base=http://127.0.0.1:$port/v1
echo "gosendapi-mock at $base"

# run_consumer NAME BINARY [LIBDIR [API]]: the program sends "hello from
# NAME"; the mock must have stored it. With LIBDIR, libgosendapi must come
# from it. API "hpp": the program says it used the C++ wrapper.
run_consumer() {
	local name=$1 bin=$2 want_lib=${3:-} api=${4:-c} out id text got
	text="hello from $name"
	if [ -n "$want_lib" ]; then
		got=$(ldd "$bin" | awk '$1 ~ /^libgosendapi\.so/ {print $3}')
		expect_eq "$(dirname "$got")" "$want_lib" "directory libgosendapi.so is loaded from"
	fi
	out=$("$bin" "$base" "$text")
	echo "$out"
	[[ "$out" =~ ^id=([^ ]+)\ status=accepted\ version=([^ ]+)(\ api=gosendapi\.hpp)?$ ]] || die "unexpected output: $out"
	id=${BASH_REMATCH[1]}
	expect_eq "${BASH_REMATCH[2]}" "$version" "library version"
	if [ "$api" = hpp ]; then
		expect_eq "${BASH_REMATCH[3]}" " api=gosendapi.hpp" "API used"
	else
		expect_eq "${BASH_REMATCH[3]}" "" "API used"
	fi
	got=$(curl -sS --fail -H 'X-API-Key: gsk_test_packaging' "$base/messages/$id")
	echo "mock has: $got"
	case "$got" in
	*"\"text\":{\"body\":\"$text\"}"*) ;;
	*) die "the mock did not store message $id with text '$text'" ;;
	esac
}

no_shared_gosendapi() { # binary
	if readelf -d "$1" | grep -E 'NEEDED.*libgosendapi'; then
		die "$1 needs libgosendapi.so"
	fi
	nm "$1" | grep ' T gosend_messages_send_text$' >/dev/null || die "$1 does not contain the library code"
}

cc_flags=(-std=c99 -Wall -Wextra -pedantic -Werror)
cxx_flags=(-std=c++11 -Wall -Wextra -pedantic -Werror)
cxx17_flags=(-std=c++17 -Wall -Wextra -Wpedantic -Werror)

consumer_pkgconfig() {
	local d=$cons/pkgconfig
	rm -rf "$d" && mkdir -p "$d"
	# shellcheck disable=SC2046
	gcc "${cc_flags[@]}" -o "$d/consumer" "$src/tests/consumer/consumer.c" \
		$(pkg-config --cflags --libs gosendapi) -Wl,-rpath,"$L"
	run_consumer pkg-config "$d/consumer" "$L"
}
check "consumer: cc \$(pkg-config --cflags --libs gosendapi), sends a message" consumer_pkgconfig

consumer_static() {
	local d=$cons/static libs
	rm -rf "$d" && mkdir -p "$d"
	# libgosendapi.a rather than the .so next to it; the rest as pkg-config says.
	libs=$(pkg-config --static --libs gosendapi)
	libs=${libs/-lgosendapi/-l:libgosendapi.a}
	# shellcheck disable=SC2046,SC2086
	gcc "${cc_flags[@]}" -o "$d/consumer" "$src/tests/consumer/consumer.c" \
		$(pkg-config --static --cflags gosendapi) $libs
	no_shared_gosendapi "$d/consumer"
	run_consumer static "$d/consumer"
}
check "consumer: static, \$(pkg-config --static --libs gosendapi) with libgosendapi.a, no libgosendapi.so NEEDED" consumer_static

consumer_cxx() { # compiler
	local d=$cons/cxx-$1
	rm -rf "$d" && mkdir -p "$d"
	# shellcheck disable=SC2046
	"$1" "${cxx_flags[@]}" -o "$d/consumer" "$src/tests/consumer/consumer.cpp" \
		$(pkg-config --cflags --libs gosendapi) -Wl,-rpath,"$L"
	run_consumer "C++ ($1)" "$d/consumer" "$L"
}
check "consumer: C++11 with g++ -Wall -Wextra -pedantic -Werror, umbrella header and _INIT macros" consumer_cxx g++
check "consumer: C++11 with clang++ -Wall -Wextra -pedantic -Werror" consumer_cxx clang++

consumer_cxx17() { # compiler: consumer.cpp as C++17, on gosendapi.hpp
	local d=$cons/cxx17-$1
	rm -rf "$d" && mkdir -p "$d"
	# shellcheck disable=SC2046
	"$1" "${cxx17_flags[@]}" -o "$d/consumer" "$src/tests/consumer/consumer.cpp" \
		$(pkg-config --cflags --libs gosendapi) -Wl,-rpath,"$L"
	run_consumer "C++17 ($1)" "$d/consumer" "$L" hpp
}
check "consumer: C++17 on gosendapi.hpp with g++ ${cxx17_flags[*]:1}, \$(pkg-config --cflags --libs gosendapi)" consumer_cxx17 g++
check "consumer: C++17 on gosendapi.hpp with clang++ ${cxx17_flags[*]:1}" consumer_cxx17 clang++

consumer_find_package() {
	local d=$cons/find_package
	rm -rf "$d"
	CC=gcc CXX=g++ cmake -S "$src/tests/consumer/find_package" -B "$d" \
		-DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="-Wall -Wextra -Werror" \
		-DCMAKE_CXX_FLAGS="-Wall -Wextra -Wpedantic -Werror" | tee "$d.configure.log"
	grep -qF "from $L/cmake/gosendapi" "$d.configure.log" || die "the package was not found in $prefix"
	cmake --build "$d" -j"$jobs"
	run_consumer find_package "$d/consumer" "$L"
	no_shared_gosendapi "$d/consumer_static"
	run_consumer "find_package static" "$d/consumer_static"
	run_consumer "find_package C++17" "$d/consumer_cpp" "$L" hpp
}
check "consumer: find_package(gosendapi 0.1) with CMAKE_PREFIX_PATH, gosendapi::gosendapi and gosendapi::gosendapi_static, C++17 on gosendapi.hpp" consumer_find_package

consumer_add_subdirectory() { # build dir name, extra cmake args...
	local name=$1 d=$cons/$1
	shift
	# The build directory is kept between runs: only changes are rebuilt.
	CC=gcc cmake -S "$src/tests/consumer/add_subdirectory" -B "$d" \
		-DGOSENDAPI_SOURCE_DIR="$src" -DBUILD_TESTING=OFF \
		-DGOSENDAPI_EXAMPLES=OFF "$@"
	cmake --build "$d" -j"$jobs"
	[ ! -e "$d/CPackConfig.cmake" ] || die "the subproject set up CPack in the consumer's build tree"
	local lib
	lib=$(ldd "$d/consumer" | awk '$1 ~ /^libgosendapi\.so/ {print $3}')
	case "$lib" in
	"$d"/*) ;;
	*) die "consumer uses '$lib', not the library built in $d" ;;
	esac
	run_consumer "$name" "$d/consumer"
}
check "consumer: add_subdirectory() of the source tree (BUILD_TESTING=OFF GOSENDAPI_EXAMPLES=OFF), gosendapi::gosendapi" \
	consumer_add_subdirectory add_subdirectory
if [ "${PACKAGING_FETCHCONTENT:-1}" != 0 ]; then
	check "consumer: FetchContent_MakeAvailable() of the source tree, gosendapi::gosendapi" \
		consumer_add_subdirectory fetchcontent -DUSE_FETCHCONTENT=ON
fi

# Header test: tests/headertest/headertest.c(pp) compiled once per header.
ht=$scratch/headertest
headers=$(cd "$prefix/$includedir/gosendapi" && ls -- *.h)
# The event-loop adapters: header-only, each needs its loop library's
# headers (and nothing of libgosendapi's link line).
adapters=$(cd "$prefix/$includedir/gosendapi" && ls -- adapters/*.h)

gen_inits() { # writes $ht/inits.h: every GOSEND_*_INIT macro in use
	{
		echo "/* generated by packaging-check.sh: every _INIT macro in use */"
		for h in $headers; do echo "#include <gosendapi/$h>"; done
		echo "void headertest_inits(void);"
		echo "void headertest_inits(void)"
		echo "{"
		cat "$prefix/$includedir"/gosendapi/*.h |
			perl -0777 -ne 'while (/^#define\s+(GOSEND_\w+_INIT)(?![\w(])((?:[^\n]*\\\n)*[^\n]*)/mg) {
				my ($m, $body) = ($1, $2);
				if ($body =~ /GOSEND_VERSIONED_INIT\(\s*(\w+)/) {
					print "\t{\n\t\t$1 v = $m;\n\t\t(void)v;\n\t}\n";
				} else {
					print "#error \"$m: no GOSEND_VERSIONED_INIT(type, ...)\"\n";
				}
			}'
		echo "}"
	} >"$ht/inits.h"
	grep -c ' v = ' "$ht/inits.h" | sed 's/$/ _INIT macros/'
}

# adapter_flags adapters/NAME.h: the flags its loop library needs (from
# pkg-config); fails when that library's headers are not installed.
# <uv.h> wants POSIX declarations under -std=c99, as in any program.
adapter_flags() {
	case "$1" in
	adapters/libuv.h) pkg-config --cflags libuv && echo "-D_POSIX_C_SOURCE=200809L" ;;
	adapters/libevent.h) pkg-config --cflags libevent_core ;;
	*) ;;
	esac
}

headertest() { # compiler std extra-flags... : each header alone, twice
	local cc=$1 file h bad=0
	shift
	case "$cc" in *++) file=$src/tests/headertest/headertest.cpp ;; *) file=$src/tests/headertest/headertest.c ;; esac
	for h in $headers gosendapi.h; do
		if ! "$cc" "$@" -fsyntax-only -I"$prefix/$includedir" \
			"-DHEADERTEST_HEADER=<gosendapi/$h>" "$file"; then
			echo "^ $cc: gosendapi/$h"
			bad=1
		fi
	done
	for h in $adapters; do
		if ! flags=$(adapter_flags "$h"); then
			echo "skipped gosendapi/$h: its library's headers are missing"
			continue
		fi
		# shellcheck disable=SC2086
		if ! "$cc" "$@" $flags -fsyntax-only -I"$prefix/$includedir" \
			"-DHEADERTEST_HEADER=<gosendapi/$h>" "$file"; then
			echo "^ $cc: gosendapi/$h ($flags)"
			bad=1
		fi
	done
	if ! "$cc" "$@" -fsyntax-only -I"$prefix/$includedir" -I"$ht" \
		"-DHEADERTEST_HEADER=<gosendapi/gosendapi.h>" \
		"-DHEADERTEST_INITS=<inits.h>" "$file"; then
		echo "^ $cc: the _INIT macros (inits.h)"
		bad=1
	fi
	[ "$bad" -eq 0 ]
}
c_strict=(-std=c99 -Wall -Wextra -pedantic -Werror -Wstrict-prototypes
	-Wmissing-prototypes -Wshadow -Wundef -Wcast-qual)
cxx_strict=(-std=c++11 -Wall -Wextra -pedantic -Werror -Wshadow -Wundef
	-Wcast-qual -Wold-style-cast -Wzero-as-null-pointer-constant)
check "header test setup: generate the _INIT macro uses" gen_inits
check "header test: each public header alone, C99, gcc ${c_strict[*]:1}" headertest gcc "${c_strict[@]}"
check "header test: each public header alone, C99, clang" headertest clang "${c_strict[@]}"
check "header test: each public header alone, C++11, g++ ${cxx_strict[*]:1}" headertest g++ "${cxx_strict[@]}"
check "header test: each public header alone, C++11, clang++" headertest clang++ "${cxx_strict[@]}"

# The C++ wrapper: C++17 only, alone and twice, with and without exceptions.
cxx_headers=$(cd "$prefix/$includedir/gosendapi" && ls -- *.hpp)
# its parts (cpp/*.hpp), installed beside it and included by it only
cxx_parts=$(cd "$prefix/$includedir/gosendapi" && ls -- cpp/*.hpp)
headertest_hpp() { # compiler
	local h ex
	for h in $cxx_headers; do
		for ex in -fexceptions -fno-exceptions; do
			"$1" -std=c++17 "${cxx_strict[@]:1}" "$ex" -fsyntax-only \
				-I"$prefix/$includedir" "-DHEADERTEST_HEADER=<gosendapi/$h>" \
				"$src/tests/headertest/headertest.cpp" || die "$1 $ex: gosendapi/$h"
		done
	done
}
check "header test: gosendapi.hpp alone, C++17, g++ (with and without exceptions)" headertest_hpp g++
check "header test: gosendapi.hpp alone, C++17, clang++ (with and without exceptions)" headertest_hpp clang++

check_extern_c() {
	local h bad=0 f
	for h in $headers; do
		f=$prefix/$includedir/gosendapi/$h
		grep -q 'GOSEND_EXTERN' "$f" || continue
		[ "$h" = common.h ] && continue
		if ! grep -q '^GOSEND_BEGIN_DECL' "$f" || ! grep -q '^GOSEND_END_DECL' "$f"; then
			echo "gosendapi/$h declares functions outside GOSEND_BEGIN_DECL/GOSEND_END_DECL"
			bad=1
		fi
	done
	[ "$bad" -eq 0 ]
}
check "headers wrap their declarations in GOSEND_BEGIN_DECL/END_DECL (extern \"C\")" check_extern_c

# --- 4. Debian packages ------------------------------------------------------

do_cpack() {
	command -v dpkg-shlibdeps >/dev/null || die "dpkg-shlibdeps missing (package dpkg-dev)"
	(cd "$build" && cpack -G DEB -B "$debs")
}
require "cpack -G DEB" do_cpack

arch=$(dpkg --print-architecture)
deb_rt=$debs/${runtime_pkg}_${deb_version}_$arch.deb
deb_dev=$debs/libgosendapi-dev_${deb_version}_$arch.deb
deb_tools=$debs/gosendapi-tools_${deb_version}_$arch.deb

check_deb_set() {
	local got want
	got=$(find "$debs" -maxdepth 1 -name '*.deb' -printf '%f\n' | sort)
	want=$(printf '%s\n' "$(basename "$deb_rt")" "$(basename "$deb_dev")" "$(basename "$deb_tools")" | sort)
	expect_eq "$got" "$want" "packages generated"
}
check "packages: $runtime_pkg, libgosendapi-dev, gosendapi-tools ($deb_version, $arch)" check_deb_set

field() { dpkg-deb -f "$1" "$2"; }
# deps DEB: the relations of the Depends field, one a line (alternatives too)
deps() { field "$1" Depends | sed 's/[,|]/\n/g' | sed 's/^ *//; s/ *$//'; }
expect_dep() { # deb regex
	deps "$1" | grep -E "^($2)( \\(|$)" >/dev/null || die "$(basename "$1"): no dependency on $2 (Depends: $(field "$1" Depends))"
}
# contents DEB: "path" or "path -> target", one a line, without "./"
contents() {
	dpkg-deb -c "$1" | awk '{ $1=$2=$3=$4=$5=""; sub(/^ +/, ""); print }' | sed 's|^\./||' | grep -v '/$'
}

check_deb_runtime() {
	local d=$deb_rt c
	dpkg-deb -I "$d"
	expect_eq "$(field "$d" Package)" "$runtime_pkg" "Package"
	expect_eq "$(field "$d" Version)" "$deb_version" "Version"
	expect_eq "$(field "$d" Section)" "libs" "Section"
	expect_eq "$(field "$d" Architecture)" "$arch" "Architecture"
	expect_dep "$d" libc6
	expect_dep "$d" 'libcurl4|libcurl4t64'
	expect_dep "$d" 'libcjson1'
	expect_dep "$d" 'libssl3|libssl3t64'
	! deps "$d" | grep gosendapi >/dev/null || die "the runtime package depends on itself"
	c=$(contents "$d")
	echo "$c"
	expect_eq "$c" "usr/$libdir/$soname -> $realname
usr/$libdir/$realname" "contents"
	expect_eq "$(dpkg-deb --ctrl-tarfile "$d" | tar -xOf - ./shlibs)" \
		"libgosendapi $soversion $runtime_pkg (>= $deb_version)" "shlibs"
	dpkg-deb --ctrl-tarfile "$d" | tar -xOf - ./postinst | grep ldconfig >/dev/null || die "postinst does not run ldconfig"
}
check "$runtime_pkg: Section libs, Depends libc6 libcurl4 libcjson1 libssl3 (shlibdeps), only the library, shlibs, ldconfig" check_deb_runtime

check_deb_dev() {
	local d=$deb_dev c h want
	dpkg-deb -I "$d"
	expect_eq "$(field "$d" Package)" "libgosendapi-dev" "Package"
	expect_eq "$(field "$d" Version)" "$deb_version" "Version"
	expect_eq "$(field "$d" Section)" "libdevel" "Section"
	deps "$d" | grep -xF "$runtime_pkg (= $deb_version)" >/dev/null ||
		die "no Depends: $runtime_pkg (= $deb_version) (Depends: $(field "$d" Depends))"
	expect_dep "$d" 'libcurl4-openssl-dev'
	expect_dep "$d" 'libcjson-dev'
	expect_dep "$d" 'libssl-dev'
	c=$(contents "$d" | sort)
	echo "$c"
	want=$({
		for h in $headers $cxx_headers $cxx_parts $adapters; do echo "usr/$includedir/gosendapi/$h"; done
		echo "usr/$libdir/libgosendapi.a"
		echo "usr/$libdir/libgosendapi.so -> $soname"
		echo "usr/$libdir/pkgconfig/gosendapi.pc"
		(cd "$L/cmake/gosendapi" && ls) | sed "s|^|usr/$libdir/cmake/gosendapi/|"
	} | sort)
	expect_eq "$c" "$want" "contents"
}
check "libgosendapi-dev: Depends $runtime_pkg (= $deb_version), libcurl4-openssl-dev, libcjson-dev, libssl-dev; headers, .a, .so link, .pc, CMake files" check_deb_dev

check_deb_tools() {
	local d=$deb_tools c want
	dpkg-deb -I "$d"
	expect_eq "$(field "$d" Package)" "gosendapi-tools" "Package"
	expect_eq "$(field "$d" Version)" "$deb_version" "Version"
	expect_dep "$d" 'libmicrohttpd12|libmicrohttpd12t64'
	expect_dep "$d" libc6
	c=$(contents "$d" | sort)
	echo "$c"
	want=usr/$bindir/gosendapi-mock
	if [ "$cli_built" = yes ]; then
		want=$(printf '%s\n' "usr/$bindir/gosendapi" "$want" \
			"usr/$mandir/man1/gosendapi.1" \
			"usr/$datadir/bash-completion/completions/gosendapi" | sort)
		deps "$d" | grep -xF "$runtime_pkg (= $deb_version)" >/dev/null || die "the CLI needs $runtime_pkg"
	fi
	expect_eq "$c" "$want" "contents"
}
check "gosendapi-tools: gosendapi-mock$([ "$cli_built" = yes ] && echo " and the CLI"), Depends from shlibdeps" check_deb_tools

check_deb_files() {
	local d bad
	for d in "$debs"/*.deb; do
		bad=$(dpkg-deb -c "$d" | awk '$2 != "root/root"')
		[ -z "$bad" ] || die "$(basename "$d"): files not owned by root: $bad"
		bad=$(dpkg-deb -c "$d" | awk '$1 ~ /^-/ && $1 != "-rw-r--r--" && $1 != "-rwxr-xr-x"')
		[ -z "$bad" ] || die "$(basename "$d"): unusual permissions: $bad"
		bad=$(dpkg-deb -c "$d" | awk '{print $6}' | grep -Ev '^\./(usr/.*)?$' || true)
		[ -z "$bad" ] || die "$(basename "$d"): files outside /usr: $bad"
		field "$d" Maintainer | grep . >/dev/null || die "$(basename "$d"): no Maintainer"
		field "$d" Description | awk 'NR == 1 && length > 80 {bad = 1} END {exit bad}' || die "$(basename "$d"): synopsis longer than 80"
	done
}
check "all packages: root-owned files under /usr, 0644/0755, Maintainer, short synopsis" check_deb_files

do_unpack() {
	local d
	for d in "$debs"/*.deb; do
		dpkg -x "$d" "$debroot"
	done
	expect_file "$debroot/usr/$libdir/$realname"
	expect_eq "$(sed -n 's/^prefix=//p' "$debroot/usr/$libdir/pkgconfig/gosendapi.pc")" "/usr" "prefix in the packaged gosendapi.pc"
}
require "dpkg -x the packages into <scratch>/debroot (prefix=/usr in gosendapi.pc)" do_unpack

check_deb_rpath() {
	local f bad=0
	while IFS= read -r f; do
		if readelf -d "$f" 2>/dev/null | grep -E '\((RPATH|RUNPATH)\)'; then
			echo "^ ${f#"$debroot"}"
			bad=1
		fi
	done < <(find "$debroot" -type f \( -perm -u+x -o -name '*.so*' \))
	[ "$bad" -eq 0 ] || die "packaged ELF files with RPATH/RUNPATH (Debian policy: none)"
}
check "packaged programs and libraries carry no RPATH/RUNPATH" check_deb_rpath

consumer_deb_pkgconfig() {
	local d=$cons/deb-pkgconfig flags
	rm -rf "$d" && mkdir -p "$d"
	# The packaged gosendapi.pc as it would be found in /usr, seen in debroot.
	flags=$(PKG_CONFIG_PATH='' PKG_CONFIG_SYSROOT_DIR=$debroot \
		PKG_CONFIG_LIBDIR=$debroot/usr/$libdir/pkgconfig:$(pkg-config --variable pc_path pkg-config) \
		pkg-config --cflags --libs gosendapi)
	echo "flags: $flags"
	case "$flags" in *"-I$debroot/usr/include"*"-L$debroot/usr/$libdir"*) ;; *) die "flags do not point into debroot" ;; esac
	# shellcheck disable=SC2086
	gcc "${cc_flags[@]}" -o "$d/consumer" "$src/tests/consumer/consumer.c" $flags
	LD_LIBRARY_PATH=$debroot/usr/$libdir run_consumer "deb pkg-config" "$d/consumer" "$debroot/usr/$libdir"
}
check "consumer: against the unpacked packages with pkg-config (PKG_CONFIG_SYSROOT_DIR)" consumer_deb_pkgconfig

consumer_deb_cmake() {
	local d=$cons/deb-find_package
	rm -rf "$d"
	CC=gcc cmake -S "$src/tests/consumer/find_package" -B "$d" \
		-DCMAKE_PREFIX_PATH="$debroot/usr" | tee "$d.configure.log"
	grep -qF "from $debroot/usr/$libdir/cmake/gosendapi" "$d.configure.log" ||
		die "the package was not found in debroot"
	cmake --build "$d" -j"$jobs"
	run_consumer "deb find_package" "$d/consumer" "$debroot/usr/$libdir"
	no_shared_gosendapi "$d/consumer_static"
	run_consumer "deb find_package static" "$d/consumer_static"
	run_consumer "deb find_package C++17" "$d/consumer_cpp" "$debroot/usr/$libdir" hpp
}
check "consumer: against the unpacked packages with find_package (CMAKE_PREFIX_PATH)" consumer_deb_cmake

kill "$mock_pid" 2>/dev/null || true
wait "$mock_pid" 2>/dev/null || true
trap - EXIT

summary
[ "$failed" -eq 0 ]
