#!/usr/bin/env bash
# Installs the Debian 12 packages Rollstation builds and tests with, if any are missing, and any
# extra packages named as arguments. Sourced or run by scripts/demo and scripts/test; safe to run
# again. With --tests it adds what only the tests need (Chromium, for the dashboard's browser
# tests; PostgreSQL, for the recorder's tests and benchmarks; gcc-avr, avr-libc and simavr, for
# the roller firmware and its emulator).
# `deps.sh --print-firmware` prints the firmware's packages (scripts/firmware installs them). `deps.sh --print-libraries` prints the libraries the code builds against (what an
# arm64 sysroot needs, see scripts/cross-arm64) and installs nothing.
set -euo pipefail

firmware=(gcc-avr avr-libc binutils-avr simavr libsimavr-dev)
if [ "${1:-}" = --print-firmware ]; then
    printf '%s\n' "${firmware[@]}"
    exit 0
fi
for_tests=()
if [ "${1:-}" = --tests ]; then
    for_tests=(chromium postgresql "${firmware[@]}")
    shift
fi

libraries=(
    libsdl2-dev libsdl2-ttf-dev libstb-dev libyaml-cpp-dev catch2 libboost-dev nlohmann-json3-dev
    libmosquitto-dev libsqlite3-dev libsystemd-dev libcrypt-dev libpq-dev
)
if [ "${1:-}" = --print-libraries ]; then
    printf '%s\n' "${libraries[@]}"
    exit 0
fi

packages=(
    build-essential cmake ninja-build pkg-config
    "${libraries[@]}" fonts-dejavu-core clang-format mosquitto mosquitto-clients
    dpkg-dev file shellcheck systemd
    "${for_tests[@]}" "$@"
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The dashboard is built, and its browser tests run, with Node.js 18 or newer and npm; a Node.js
# installed some other way (NodeSource, say) is used as it is.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    missing+=(nodejs npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    echo "error: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
# Wait for another apt or dpkg run on the machine rather than fail.
"${as_root[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 \
    "${missing[@]}"
