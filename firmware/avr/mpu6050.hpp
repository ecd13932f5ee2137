// The MPU-6050 gyro on I2C (the GY-521 board), its X axis along the roller's axis.
#pragma once

#include <stdint.h>

namespace mpu6050 {

// Checks WHO_AM_I and sets it up: awake, gyro clock, ±1000 °/s, 44 Hz low-pass.
bool start();
// The rate about X, raw counts (32.8 per °/s); false if the bus failed.
bool read_rate(int16_t& rate);

}  // namespace mpu6050
