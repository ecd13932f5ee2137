// An MPU-6050 on the emulated TWI bus: answers at 0x68, WHO_AM_I, wakes on PWR_MGMT_1, honours
// the gyro's full-scale setting, and serves the X rate of a motion profile (plus a bias and
// noise, as a real part has) from GYRO_XOUT.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <random>

struct avr_irq_t;

namespace rs::emulator {

class AvrMachine;

class Mpu6050Model {
  public:
    static constexpr std::uint8_t kAddress = 0x68;
    static constexpr double kBiasDps = 1.4;  // a typical zero-rate offset
    static constexpr double kNoiseDps = 0.1;

    // `rate_dps(t)`: the roller's turn rate about its axis at emulated time t (seconds).
    Mpu6050Model(AvrMachine& machine, std::function<double(double)> rate_dps, std::uint32_t seed);

    std::uint64_t reads() const { return reads_; }

  private:
    static void on_bus(avr_irq_t* irq, std::uint32_t value, void* self);
    void handle(std::uint32_t value);
    void write_register(std::uint8_t reg, std::uint8_t value);
    std::uint8_t read_register(std::uint8_t reg);
    void latch_gyro();
    void answer(std::uint8_t condition, std::uint8_t data);

    AvrMachine& machine_;
    std::function<double(double)> rate_dps_;
    std::mt19937 rng_;
    avr_irq_t* irq_ = nullptr;
    std::array<std::uint8_t, 128> registers_{};
    bool selected_ = false;
    std::uint8_t selected_address_ = 0;
    bool expecting_register_ = false;
    std::uint8_t pointer_ = 0;
    std::array<std::int16_t, 3> latched_{};
    std::uint64_t reads_ = 0;
};

}  // namespace rs::emulator
