#!/usr/bin/env bash
# Install the Debian packages a profile needs, skipping what is present.
# Works on Debian 12 (bookworm) and Debian 13 (trixie).
#   scripts/install-deps.sh run    # build the library and run the demo
#   scripts/install-deps.sh test   # everything the full test suite uses
set -euo pipefail

profile=${1:-test}
run_pkgs=(build-essential cmake pkg-config ca-certificates
	libcurl4-openssl-dev libcjson-dev libmicrohttpd-dev libssl-dev
	libsqlite3-dev)
# The clang runtime (sanitizers, libFuzzer) is versioned with clang
# (libclang-rt-14-dev on Debian 12, libclang-rt-19-dev on 13): it is added
# below, once clang is installed, for the clang that `clang` runs.
test_pkgs=("${run_pkgs[@]}" libcmocka-dev openssl clang clang-tidy
	clang-format cppcheck valgrind gcovr abigail-tools doxygen git curl
	# scripts/packaging-check.sh: cpack's DEB generator (dpkg-shlibdeps,
	# file), the C++ consumer, and the -dev packages of libcurl's private
	# libraries that `pkg-config --static --libs gosendapi` names
	dpkg-dev file g++ libnghttp2-dev librtmp-dev libssh2-1-dev libpsl-dev
	libkrb5-dev libldap-dev libzstd-dev libbrotli-dev libidn2-dev zlib1g-dev
	# (on Debian 13 libcurl.pc also pulls in libidn2.pc and libssh2.pc,
	# which name -lunistring and -lgpg-error; Debian 12 does not need them)
	libunistring-dev libgpg-error-dev
	# tests/e2e/test_cli_shapes.sh: the CLI's manual page checked by groff
	# (col is in bsdextrautils, which a minimal Debian 13 lacks)
	groff-base bsdextrautils
	# the outbox (SQLite), the Redis limiter and its tests, the event-loop
	# adapters and their tests (with zlib1g-dev, listed above)
	redis-server libhiredis-dev libsqlite3-dev sqlite3 libuv1-dev
	libevent-dev)

case "$profile" in
run) pkgs=("${run_pkgs[@]}") ;;
test) pkgs=("${test_pkgs[@]}") ;;
*)
	echo "usage: $0 run|test" >&2
	exit 2
	;;
esac

if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
updated=no

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

install_missing() { # package...
	local p missing=()
	for p in "$@"; do
		installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -ne 0 ] || return 0
	echo "installing: ${missing[*]}"
	if [ "$updated" = no ]; then
		$SUDO apt-get update -qq
		updated=yes
	fi
	$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_missing "${pkgs[@]}"

if [ "$profile" = test ]; then
	# The sanitizer and libFuzzer runtime of the installed clang's major
	# version (clang -dumpversion: 14.0.6 on Debian 12, 19.1.7 on 13).
	major=$(clang -dumpversion | cut -d. -f1)
	case "$major" in
	'' | *[!0-9]*)
		echo "cannot tell clang's major version (clang -dumpversion: $(clang -dumpversion))" >&2
		exit 1
		;;
	esac
	install_missing "libclang-rt-$major-dev"
fi
