#!/usr/bin/env bash
# Install the Debian 12 packages a profile needs, skipping what is present.
#   scripts/install-deps.sh run    # build the library and run the demo
#   scripts/install-deps.sh test   # everything the full test suite uses
set -euo pipefail

profile=${1:-test}
run_pkgs=(build-essential cmake pkg-config ca-certificates
	libcurl4-openssl-dev libcjson-dev libmicrohttpd-dev libssl-dev)
test_pkgs=("${run_pkgs[@]}" libcmocka-dev openssl clang clang-tidy
	clang-format cppcheck valgrind libclang-rt-14-dev gcovr
	abigail-tools doxygen git curl
	# scripts/packaging-check.sh: cpack's DEB generator (dpkg-shlibdeps,
	# file), the C++ consumer, and the -dev packages of libcurl's private
	# libraries that `pkg-config --static --libs gosendapi` names
	dpkg-dev file g++ libnghttp2-dev librtmp-dev libssh2-1-dev libpsl-dev
	libkrb5-dev libldap-dev libzstd-dev libbrotli-dev libidn2-dev zlib1g-dev)

case "$profile" in
run) pkgs=("${run_pkgs[@]}") ;;
test) pkgs=("${test_pkgs[@]}") ;;
*)
	echo "usage: $0 run|test" >&2
	exit 2
	;;
esac

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
echo "installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
