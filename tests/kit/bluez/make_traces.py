#!/usr/bin/env python3
"""Writes the notification traces the fake BlueZ plays (tests/data/ble/*.trace).

The traces follow the devices' published packet formats byte for byte, from motion that is known
exactly, so a test can say how many passes or what force they must give. Each line is
"MILLISECONDS HEX": when the notification arrives after the trace starts, and its bytes.
Run it again only to change the traces; the tests read the committed files.
"""
import math
import pathlib
import random
import struct

OUT = pathlib.Path(__file__).resolve().parents[2] / "data" / "ble"


def witmotion_packet(gyro_x, gyro_y, gyro_z, angle_z):
    """One WitMotion BLE 5.0 combined packet: 0x55 0x61, acceleration, angular velocity, angle."""
    def raw(value, full_scale):
        return max(-32768, min(32767, round(value / full_scale * 32768)))
    acc = (raw(0.02, 16), raw(-0.01, 16), raw(1.0, 16))
    gyro = (raw(gyro_x, 2000), raw(gyro_y, 2000), raw(gyro_z, 2000))
    angle = (raw(0.5, 180), raw(-0.3, 180), raw(angle_z, 180))
    return bytes([0x55, 0x61]) + struct.pack("<9h", *acc, *gyro, *angle)


def witmotion_rolling():
    """10 s at 100 Hz of a roller rolled back and forth about the IMU's x axis: 1.5 turns each
    way, a pass every 2 s, so 4 reversals after the first stroke."""
    rng = random.Random(21)
    lines = ["# WitMotion BLE 5.0, roller axis x, 100 Hz, 1.5 turns each way, one pass per 2 s"]
    amplitude_deg, period_s = 540.0, 4.0
    for i in range(1000):
        t = i / 100.0
        rate = amplitude_deg * 2 * math.pi / period_s * math.cos(2 * math.pi * t / period_s)
        packet = witmotion_packet(rate + rng.gauss(0, 2), rng.gauss(0, 3), rng.gauss(0, 3),
                                  10.0)
        lines.append(f"{i * 10} {packet.hex()}")
    return lines


def progressor_pressing():
    """6 s of a Progressor pressed to 30 kg and held, let go, pressed again: 80 samples a
    second, two to a notification, timestamps in microseconds from a clock that started earlier."""
    lines = ["# Tindeq Progressor, 80 Hz, two samples per notification, 30 kg holds"]
    lines.append("0 " + (bytes([0x00, 4]) + struct.pack("<I", 3900)).hex())  # battery answer
    start_us = 4_292_000_000  # 3 s before the 32-bit wrap, which the trace crosses
    samples = []
    for i in range(480):
        t = i / 80.0
        phase = t % 6.0
        kg = 30.0 if 1.0 <= phase < 5.0 else (30.0 * phase if phase < 1.0 else 30.0 * (6.0 - phase))
        samples.append((kg, (start_us + round(t * 1e6)) % 2**32, round(t * 1000)))
    for j in range(0, len(samples), 2):
        pair = samples[j:j + 2]
        payload = b"".join(struct.pack("<fI", kg, us) for kg, us, _ in pair)
        lines.append(f"{pair[-1][2] + 5} {(bytes([0x01, len(payload)]) + payload).hex()}")
    return lines


def nus_lines():
    """Our line protocol over the Nordic UART service, cut into 20-byte notifications."""
    def frame(body):
        check = 0
        for c in body.encode():
            check ^= c
        return f"${body}*{check:02X}\n"
    stream = frame("RSHEL,nus-roller,1.0.0,R,471")
    for i in range(200):
        t = i * 20
        rotation = round(1500 * math.sin(2 * math.pi * (i / 50.0) / 4.0))
        stream += frame(f"RSDAT,{i},{t},{rotation},0")
    data = stream.encode()
    lines = ["# Rollstation line protocol over the Nordic UART service, 20-byte notifications"]
    for k in range(0, len(data), 20):
        lines.append(f"{k // 20 * 4} {data[k:k + 20].hex()}")
    return lines


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, lines in (("witmotion-rolling", witmotion_rolling()),
                        ("progressor-pressing", progressor_pressing()),
                        ("nus-rolling", nus_lines())):
        (OUT / f"{name}.trace").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
