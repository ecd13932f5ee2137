#include "avr/mpu6050.hpp"

#include "avr/twi.hpp"

namespace {

constexpr uint8_t kAddress = 0x68;  // AD0 low, as on the GY-521
constexpr uint8_t kRegConfig = 0x1A;
constexpr uint8_t kRegGyroConfig = 0x1B;
constexpr uint8_t kRegGyroXHigh = 0x43;
constexpr uint8_t kRegPowerManagement = 0x6B;
constexpr uint8_t kRegWhoAmI = 0x75;

}  // namespace

namespace mpu6050 {

bool start() {
    uint8_t who = 0;
    if (!twi::read_registers(kAddress, kRegWhoAmI, &who, 1) || who != 0x68)
        return false;
    // Out of sleep, clocked from the X gyro's oscillator (steadier than the internal one); the
    // low-pass at 44 Hz keeps what a 100 Hz sample can see and drops the motor-like buzz above.
    return twi::write_register(kAddress, kRegPowerManagement, 0x01) &&
           twi::write_register(kAddress, kRegConfig, 0x03) &&
           twi::write_register(kAddress, kRegGyroConfig, 0x10);
}

bool read_rate(int16_t& rate) {
    uint8_t bytes[2];
    if (!twi::read_registers(kAddress, kRegGyroXHigh, bytes, 2))
        return false;
    rate = static_cast<int16_t>(static_cast<uint16_t>(bytes[0]) << 8 | bytes[1]);
    return true;
}

}  // namespace mpu6050
