#!/usr/bin/env bash
# The configured service unit asks systemd for what a kiosk needs: readiness and a watchdog,
# restarts forever, tty1 as its own user, its state and configuration folders, and hardening
# that still lets it reach the display, the touchscreen and the serial sensors.
# Usage: unit-directives.sh BUILD_DIR
set -euo pipefail
unit="$1/systemd/rollstation.service"
fail() { echo "unit-directives: $*" >&2; exit 1; }
[ -f "$unit" ] || fail "no $unit"

# The value systemd would use: the last assignment of KEY (drop-ins aside).
value() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
expect() { [ "$(value "$1")" = "$2" ] || fail "$1 is '$(value "$1")', expected '$2'"; }
has() { grep -qxF "$1" "$unit" || fail "missing: $1"; }

expect Type notify
expect NotifyAccess main
[ "$(value WatchdogSec)" -gt 0 ] 2>/dev/null || fail "no WatchdogSec"
expect Restart always
expect StartLimitIntervalSec 0
expect User rollstation
expect TTYPath /dev/tty1
expect PAMName login
expect StandardOutput journal
expect StandardError journal
expect StateDirectory rollstation
expect ConfigurationDirectory rollstation
expect NoNewPrivileges yes
expect ProtectSystem strict
expect ProtectHome yes
expect PrivateTmp yes
expect DevicePolicy closed
has "Environment=SDL_VIDEODRIVER=kmsdrm"
has "Conflicts=getty@tty1.service"
has "WantedBy=multi-user.target"
for device in "char-drm rw" "char-input r" "char-ttyACM rw" "char-ttyUSB rw" "/dev/tty1 rw"; do
    has "DeviceAllow=$device"
done
# The system bus (BlueZ, for Bluetooth LE sensors) is a Unix socket; no Bluetooth socket is
# needed, since bluetoothd owns the radio.
families=" $(value RestrictAddressFamilies) "
[[ "$families" == *" AF_UNIX "* ]] || fail "RestrictAddressFamilies lacks AF_UNIX: no system bus"
[[ "$families" != *" AF_BLUETOOTH "* ]] || fail "AF_BLUETOOTH is not needed: BlueZ owns the radio"
has "After=bluetooth.service"
# PrivateDevices= hides /dev/dri and /dev/input: the kiosk would start to a black screen.
if grep -q '^PrivateDevices=yes' "$unit"; then fail "PrivateDevices=yes hides the display"; fi
# ProtectKernelTunables= makes /sys read-only: the backlight could not be dimmed.
if grep -q '^ProtectKernelTunables=yes' "$unit"; then fail "ProtectKernelTunables=yes blocks the backlight"; fi
echo "unit-directives: $unit asks for everything a kiosk needs"
