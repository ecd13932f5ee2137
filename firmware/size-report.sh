#!/usr/bin/env bash
# Prints the firmware's flash and RAM use on an ATmega328P and fails past the margins the
# reference design keeps: 80 % of flash, 75 % of RAM (the rest is for the stack and changes).
# usage: size-report.sh FIRMWARE.elf
set -euo pipefail
elf=${1:?usage: size-report.sh FIRMWARE.elf}
flash_total=32768 # the bootloader takes 0.5 KB (Uno, Optiboot) to 2 KB (older Nanos) of it
ram_total=2048
read -r text data bss < <(avr-size -A "$elf" | awk '
    $1 == ".text" { t = $2 } $1 == ".data" { d = $2 } $1 == ".bss" { b = $2 }
    END { print t + 0, d + 0, b + 0 }')
flash=$((text + data)) # initialised data is stored in flash and copied to RAM at start
ram=$((data + bss))
flash_pct=$((flash * 1000 / flash_total))
ram_pct=$((ram * 1000 / ram_total))
printf 'flash: %d of %d bytes (%d.%d %%), limit 80 %%\n' "$flash" "$flash_total" $((flash_pct / 10)) $((flash_pct % 10))
printf 'RAM:   %d of %d bytes (%d.%d %%) before the stack, limit 75 %%\n' "$ram" "$ram_total" $((ram_pct / 10)) $((ram_pct % 10))
status=0
[ "$flash_pct" -le 800 ] || { echo "error: the firmware uses more than 80 % of flash" >&2; status=1; }
[ "$ram_pct" -le 750 ] || { echo "error: the firmware uses more than 75 % of RAM" >&2; status=1; }
exit $status
