#include "emulator/hx711_model.hpp"

#include <simavr/avr_ioport.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_cycle_timers.h>
#include <simavr/sim_io.h>
#include <simavr/sim_irq.h>

#include <algorithm>
#include <cmath>

#include "emulator/avr_machine.hpp"

namespace rs::emulator {
namespace {

constexpr int kDataPin = 2;
constexpr int kClockPin = 3;

avr_irq_t* port_d_pin(AvrMachine& machine, int pin) {
    return avr_io_getirq(machine.avr(), AVR_IOCTL_IOPORT_GETIRQ('D'), pin);
}

}  // namespace

Hx711Model::Hx711Model(AvrMachine& machine, std::function<double(double)> force_n,
                       LoadCellScale scale, std::uint32_t seed)
    : machine_(machine), force_n_(std::move(force_n)), scale_(scale), rng_(seed) {
    data_pin_ = port_d_pin(machine_, kDataPin);
    avr_irq_register_notify(port_d_pin(machine_, kClockPin), &Hx711Model::on_clock, this);
    drive(true);
    avr_cycle_timer_register(
        machine_.avr(),
        static_cast<avr_cycle_count_t>(AvrMachine::kFrequencyHz / kConversionsPerSecond),
        &Hx711Model::on_conversion, this);
}

void Hx711Model::after_reset() {
    pulses_ = 0;
    clock_high_ = false;
    drive(!ready_);
    // A reset also empties simavr's timer list: conversions start again.
    avr_cycle_timer_cancel(machine_.avr(), &Hx711Model::on_conversion, this);
    avr_cycle_timer_register(
        machine_.avr(),
        static_cast<avr_cycle_count_t>(AvrMachine::kFrequencyHz / kConversionsPerSecond),
        &Hx711Model::on_conversion, this);
}

void Hx711Model::drive(bool high) {
    // An external driver, in simavr's terms: otherwise it re-applies the firmware's pull-up on
    // DT at every write to PORTD (each SCK edge) and the bits read as ones.
    avr_ioport_external_t external{};
    external.name = 'D';
    external.mask = 1u << kDataPin;
    external.value = high ? 1u << kDataPin : 0u;
    avr_ioctl(machine_.avr(), AVR_IOCTL_IOPORT_SET_EXTERNAL('D'), &external);
    avr_raise_irq(data_pin_, high ? 1 : 0);
}

void Hx711Model::on_clock(avr_irq_t*, std::uint32_t value, void* self) {
    static_cast<Hx711Model*>(self)->clock_edge(value != 0);
}

std::uint64_t Hx711Model::on_conversion(avr_t*, std::uint64_t when, void* self) {
    static_cast<Hx711Model*>(self)->convert();
    return when + static_cast<avr_cycle_count_t>(AvrMachine::kFrequencyHz / kConversionsPerSecond);
}

void Hx711Model::convert() {
    if (pulses_ != 0)
        return;  // a read is under way: this conversion is lost, as on the part
    std::normal_distribution<double> noise(0.0, scale_.noise_counts);
    const double counts = scale_.offset_counts +
                          force_n_(machine_.seconds()) * scale_.counts_per_newton + noise(rng_);
    const auto clamped =
        static_cast<std::int32_t>(std::clamp(std::round(counts), -8388608.0, 8388607.0));
    value_ = static_cast<std::uint32_t>(clamped) & 0xFFFFFFu;
    ready_ = true;
    drive(false);
}

void Hx711Model::clock_edge(bool high) {
    const bool rising = high && !clock_high_;
    clock_high_ = high;
    if (!rising || !ready_)
        return;
    ++pulses_;
    if (pulses_ <= 24) {
        drive(((value_ >> (24 - pulses_)) & 1u) != 0);  // MSB first
        return;
    }
    // The 25th pulse: the read is over and channel A, gain 128 stays selected.
    ready_ = false;
    pulses_ = 0;
    ++conversions_read_;
    drive(true);
}

}  // namespace rs::emulator
