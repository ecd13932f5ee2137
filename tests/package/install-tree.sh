#!/usr/bin/env bash
# `cmake --install` into a temporary DESTDIR: the binaries, the routine library and safety notice,
# the station file and the systemd unit land where the configured prefix says, the installed kiosk
# accepts the installed station file, a second install keeps an edited station file, and nothing
# is written outside DESTDIR.
# Usage: install-tree.sh SOURCE_DIR BUILD_DIR PREFIX CONFIG_DIR UNIT_DIR
# ($ROLLSTATION_EMULATOR runs the target's binaries in a cross build.)
set -euo pipefail
src=$1 build=$2 prefix=$3 config_dir=$4 unit_dir=$5
read -r -a emulator <<<"${ROLLSTATION_EMULATOR:-}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

touch "$tmp/before"
DESTDIR="$root" cmake --install "$build" >"$tmp/install.log"

# Binaries.
for b in rollstation rollstation-sim rollstation-coach; do
    [ -x "$root$prefix/bin/$b" ] || fail "$prefix/bin/$b is not installed"
done

# Read-only data: every routine, the safety notice.
share="$root$prefix/share/rollstation"
[ -f "$share/safety.yaml" ] || fail "no $prefix/share/rollstation/safety.yaml"
cmp -s "$src/config/safety.yaml" "$share/safety.yaml" || fail "safety.yaml differs from the source"
expected=$(cd "$src/config/routines" && find . -type f | sort)
actual=$(cd "$share/routines" && find . -type f | sort)
[ -n "$expected" ] || fail "no routines in the source tree?"
[ "$expected" = "$actual" ] || fail "installed routines differ from config/routines"
# The demonstrations the player animates sit beside them, where the kiosk looks.
expected=$(cd "$src/config/demos" && find . -type f | sort)
actual=$(cd "$share/demos" && find . -type f | sort)
[ -n "$expected" ] || fail "no demonstrations in the source tree?"
[ "$expected" = "$actual" ] || fail "installed demonstrations differ from config/demos"

# The station file, and the installed kiosk accepting it with the installed data.
station="$root$config_dir/station.yaml"
cmp -s "$src/config/station.yaml" "$station" || fail "$config_dir/station.yaml is not config/station.yaml"
ROLLSTATION_SHARE_DIR="$share" "${emulator[@]}" "$root$prefix/bin/rollstation" \
    --check-config --config "$station" >"$tmp/check.log" 2>&1 ||
    { cat "$tmp/check.log" >&2; fail "the installed kiosk rejects the installed station file"; }

# The unit: ExecStart names the installed kiosk and station file.
unit="$root$unit_dir/rollstation.service"
[ -f "$unit" ] || fail "no $unit_dir/rollstation.service"
if grep -Eq '@[A-Za-z_]+@' "$unit"; then fail "an @VARIABLE@ left in the unit"; fi
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
read -r -a words <<<"$exec_start"
[ "${words[0]}" = "$prefix/bin/rollstation" ] || fail "ExecStart runs '${words[0]}', not $prefix/bin/rollstation"
[[ " $exec_start " == *" --config $config_dir/station.yaml "* ]] ||
    fail "ExecStart does not pass --config $config_dir/station.yaml: $exec_start"
if command -v systemd-analyze >/dev/null; then
    # Checked as installed, with the binary's path pointed into DESTDIR.
    sed "s|^ExecStart=$prefix/bin/rollstation|ExecStart=$root$prefix/bin/rollstation|" "$unit" \
        >"$tmp/rollstation.service"
    # Warnings count too: systemd ignores a line it cannot parse and starts the unit anyway.
    (cd "$tmp" && systemd-analyze verify --man=no ./rollstation.service) >"$tmp/verify.log" 2>&1 ||
        { cat "$tmp/verify.log" >&2; fail "systemd-analyze verify rejects the unit"; }
    if grep 'rollstation\.service' "$tmp/verify.log" >&2; then fail "systemd-analyze verify warns about the unit"; fi
else
    echo "note: no systemd-analyze; the unit was not verified" >&2
fi
if [ "$prefix" = /usr ]; then
    # The Debian layout.
    [ "$config_dir" = /etc/rollstation ] || fail "prefix /usr but the station file goes to $config_dir"
    [[ "$unit_dir" =~ ^(/usr)?/lib/systemd/system$ ]] || fail "prefix /usr but the unit goes to $unit_dir"
fi

# A second install keeps an edited station file and brings back everything else.
echo "# edited on the station" >>"$station"
rm "$root$prefix/bin/rollstation-sim"
DESTDIR="$root" cmake --install "$build" >"$tmp/install2.log"
grep -q '^# edited on the station$' "$station" || fail "a second install replaced the edited station file"
grep -q "Keeping: $station" "$tmp/install2.log" || fail "the second install does not say it kept the station file"
[ -x "$root$prefix/bin/rollstation-sim" ] || fail "a second install did not restore a binary"

# Nothing outside DESTDIR: every file the install recorded is inside it, and no installed path
# exists outside it with a change after this test began.
while IFS= read -r f; do
    [ -e "$root$f" ] || fail "installed, but not inside DESTDIR: $f"
done <"$build/install_manifest.txt"
while IFS= read -r f; do
    outside=${f#"$root"}
    if [ -e "$outside" ] || [ -L "$outside" ]; then
        [ -z "$(find "$outside" -maxdepth 0 -cnewer "$tmp/before")" ] || fail "written outside DESTDIR: $outside"
    fi
done < <(find "$root" ! -type d; find "$root$prefix/share/rollstation" "$root$config_dir" -type d)

echo "install tree OK: $(find "$root" -type f | wc -l) files under $prefix, $config_dir and $unit_dir"
