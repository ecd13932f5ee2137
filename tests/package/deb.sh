#!/usr/bin/env bash
# The Debian package cpack makes from the built tree: name, version and architecture, the shared
# libraries in Depends, the station file as a conffile, the maintainer scripts, where the files go
# and the unit's ExecStart.
# Usage: deb.sh SOURCE_DIR BUILD_DIR PREFIX CONFIG_DIR UNIT_DIR DEB_ARCH
set -euo pipefail
src=$1 build=$2 prefix=$3 config_dir=$4 unit_dir=$5 arch=$6

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps (dpkg-dev) is needed for the package's Depends"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1 ||
    { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
debs=("$tmp"/out/rollstation_*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then fail "expected one rollstation_*.deb, got: ${debs[*]}"; fi
deb=${debs[0]}
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ "$(basename "$deb")" = "rollstation_${version}-1_${arch}.deb" ] || fail "unexpected file name $(basename "$deb")"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = rollstation ] || fail "Package: $(field Package)"
[ "$(field Version)" = "${version}-1" ] || fail "Version: $(field Version)"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture: $(field Architecture), expected $arch"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
# A station's package is small: a larger one has picked up a tree it should not have.
[ "$(field Installed-Size)" -lt 20000 ] || fail "Installed-Size: $(field Installed-Size) KiB"

# Depends: from dpkg-shlibdeps (with versions), plus what the scripts and the screen need.
depends=$(field Depends)
for p in 'libc6 \(>= ' 'libstdc\+\+6 \(>= ' 'libsdl2-2\.0-0 \(>= ' 'libsdl2-ttf-2\.0-0 \(>= ' \
    'libyaml-cpp0\.[0-9]+ \(>= ' 'libmosquitto1 \(>= ' 'libsqlite3-0 \(>= ' 'libsystemd0( \(|,|$)' \
    'libcrypt1 \(>= ' 'adduser' 'fonts-dejavu-core'; do
    [[ "$depends" =~ (^|, )$p ]] || fail "Depends lacks ${p%% *}: $depends"
done
[[ "$(field Recommends)" == *mosquitto-clients* ]] || fail "Recommends: $(field Recommends)"

# Control members: the station file is a conffile; the maintainer scripts are the ones in
# packaging/debian, executable.
mkdir "$tmp/control"
dpkg-deb -e "$deb" "$tmp/control"
[ "$(cat "$tmp/control/conffiles")" = "$config_dir/station.yaml" ] ||
    fail "conffiles: $(tr '\n' ' ' <"$tmp/control/conffiles")"
for s in postinst prerm postrm; do
    cmp -s "$src/packaging/debian/$s" "$tmp/control/$s" || fail "$s differs from packaging/debian/$s"
    [ "$(stat -c %a "$tmp/control/$s")" = 755 ] || fail "$s is not mode 755"
done

# Contents: owned by root, in the configured places.
dpkg-deb -c "$deb" >"$tmp/contents"
if awk '$2 != "root/root"' "$tmp/contents" | grep -q .; then fail "files not owned by root/root"; fi
for f in "$prefix/bin/rollstation" "$prefix/bin/rollstation-sim" "$prefix/bin/rollstation-coach" \
    "$prefix/share/rollstation/safety.yaml" "$config_dir/station.yaml" "$unit_dir/rollstation.service" \
    "$prefix/share/dbus-1/system.d/rollstation-bluez.conf"; do
    grep -q " \.$f\$" "$tmp/contents" || fail "$f is not in the package"
done
routines=$(find "$src/config/routines" -name '*.yaml' | wc -l)
packaged=$(grep -c " \.$prefix/share/rollstation/routines/.*\.yaml\$" "$tmp/contents" || true)
[ "$routines" = "$packaged" ] || fail "$packaged routines in the package, $routines in config/routines"

mkdir "$tmp/data"
dpkg-deb -x "$deb" "$tmp/data"
exec_start=$(sed -n 's/^ExecStart=//p' "$tmp/data$unit_dir/rollstation.service")
[[ "$exec_start" == "$prefix/bin/rollstation "* ]] || fail "the unit's ExecStart is '$exec_start'"
if file "$tmp/data$prefix/bin/rollstation" | grep -q 'not stripped'; then fail "the binaries are not stripped"; fi

echo "package OK: $(basename "$deb"), $(stat -c %s "$deb") bytes; Depends: $depends"
