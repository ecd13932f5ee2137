// The HX711 load-cell amplifier on two GPIO pins: DT low means a conversion is ready; 25 clock
// pulses shift it out (24 bits, MSB first) and select channel A at gain 128 for the next.
#pragma once

#include <stdint.h>

namespace hx711 {

void start();
bool ready();
// Reads the conversion; call only when ready(). About 60 µs.
int32_t read();

}  // namespace hx711
