#!/usr/bin/env bash
# Installs the Debian 12 packages Rollstation builds and tests with, if any are missing.
# Sourced or run by scripts/demo and scripts/test; safe to run again.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    libsdl2-dev libsdl2-ttf-dev fonts-dejavu-core libstb-dev
    libyaml-cpp-dev catch2 clang-format libboost-dev nlohmann-json3-dev
    libmosquitto-dev mosquitto mosquitto-clients libsqlite3-dev
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
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
