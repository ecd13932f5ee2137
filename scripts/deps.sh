#!/usr/bin/env bash
# Installs the Debian 12 packages Rollstation builds and tests with, if any are missing, and any
# extra packages named as arguments. Sourced or run by scripts/demo and scripts/test; safe to run
# again. `deps.sh --print-libraries` prints the libraries the code builds against (what an arm64
# sysroot needs, see scripts/cross-arm64) and installs nothing.
set -euo pipefail

libraries=(
    libsdl2-dev libsdl2-ttf-dev libstb-dev libyaml-cpp-dev catch2 libboost-dev nlohmann-json3-dev
    libmosquitto-dev libsqlite3-dev libsystemd-dev libcrypt-dev
)
if [ "${1:-}" = --print-libraries ]; then
    printf '%s\n' "${libraries[@]}"
    exit 0
fi

packages=(
    build-essential cmake ninja-build pkg-config
    "${libraries[@]}" fonts-dejavu-core clang-format mosquitto mosquitto-clients
    dpkg-dev file shellcheck systemd
    "$@"
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
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
"${as_root[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}"
