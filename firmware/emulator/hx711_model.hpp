// An HX711 on two port-D pins (DT on PD2, SCK on PD3, as firmware/avr/board.hpp wires it): a
// conversion 80 times a second (RATE pin high) of a force profile through a load cell, DT low
// while one is ready, one bit out per SCK rising edge, the 25th pulse ends the read.
#pragma once

#include <cstdint>
#include <functional>
#include <random>

struct avr_irq_t;
struct avr_t;

namespace rs::emulator {

class AvrMachine;

struct LoadCellScale {
    double counts_per_newton = 1000;      // the firmware's default factor: no calibration needed
    std::int32_t offset_counts = 84'123;  // an empty pad is never exactly zero
    double noise_counts = 150;
};

class Hx711Model {
  public:
    static constexpr double kConversionsPerSecond = 80;

    // `force_n(t)`: the force on the pad at emulated time t (seconds).
    Hx711Model(AvrMachine& machine, std::function<double(double)> force_n, LoadCellScale scale,
               std::uint32_t seed);
    // After the AVR's reset the port's inputs start over: drive DT again.
    void after_reset();

    std::uint64_t conversions_read() const { return conversions_read_; }

  private:
    static void on_clock(avr_irq_t* irq, std::uint32_t value, void* self);
    static std::uint64_t on_conversion(avr_t* avr, std::uint64_t when, void* self);
    void clock_edge(bool high);
    void convert();
    void drive(bool high);

    AvrMachine& machine_;
    std::function<double(double)> force_n_;
    LoadCellScale scale_;
    std::mt19937 rng_;
    avr_irq_t* data_pin_ = nullptr;
    bool clock_high_ = false;
    bool ready_ = false;
    int pulses_ = 0;
    std::uint32_t value_ = 0;  // 24-bit two's complement
    std::uint64_t conversions_read_ = 0;
};

}  // namespace rs::emulator
