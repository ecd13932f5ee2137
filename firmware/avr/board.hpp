// The Arduino Nano / Uno's wiring, in one place (docs/build-a-roller.md draws it):
//   MPU-6050  SDA -> A4 (PC4), SCL -> A5 (PC5), VCC 5 V (the GY-521 board has a regulator)
//   HX711     DT  -> D2 (PD2), SCK -> D3 (PD3), VCC 5 V
//   D13 (PB5, the board's LED) is high while a tick's work runs: a logic analyser (or the
//   emulator) sees how much of each 10 ms the firmware uses.
#pragma once

#include <avr/io.h>

namespace board {

constexpr uint8_t kHx711Data = PD2;
constexpr uint8_t kHx711Clock = PD3;
constexpr uint8_t kBusyPin = PB5;

}  // namespace board
