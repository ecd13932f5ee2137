// I2C master on the ATmega328P's TWI at 400 kHz. Every wait is bounded: a missing or stuck
// device costs at most a few hundred microseconds and a false, never a hung sample loop.
#pragma once

#include <stdint.h>

namespace twi {

void start();
bool write_register(uint8_t address, uint8_t reg, uint8_t value);
bool read_registers(uint8_t address, uint8_t reg, uint8_t* out, uint8_t count);

}  // namespace twi
