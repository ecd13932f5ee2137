// The device clock: Timer1 in CTC mode gives exactly 1000 interrupts a second from the 16 MHz
// crystal (16 MHz / 64 / 250), so t_ms and the 100 Hz ticks drift only with the crystal.
#pragma once

#include <stdint.h>

namespace device_clock {

void start();
uint32_t now_ms();

}  // namespace device_clock
