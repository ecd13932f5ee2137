// What the emulator measures about the firmware from the outside: every line it sent (checked
// with the kiosk's own parser), its sample clock against the emulated 16 MHz cycle counter, and
// from the busy pin (D13) how much of each 10 ms tick its work took.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "rollstation/core/wire.hpp"

namespace rs::emulator {

class SerialMonitor {
  public:
    // A byte the UART sent at emulated cycle `cycle`.
    void byte(char c, std::uint64_t cycle);
    // The firmware restarted: its clock and sequence start over.
    void restart();

    const core::wire::Counters& counters() const { return parser_.counters(); }
    std::uint64_t samples() const { return samples_; }
    std::uint64_t hellos() const { return hellos_; }
    std::uint64_t other_lines() const { return other_lines_; }
    // The device clock's error against the cycle clock over the longest run without a
    // restart, in parts per million; empty before two samples.
    std::optional<double> drift_ppm() const;
    double span_s() const { return best_.span_cycles / 16e6; }
    double largest_gap_ms() const { return largest_gap_ms_; }

  private:
    void line_finished();

    core::wire::Parser parser_;
    std::string line_;
    std::uint64_t line_start_cycle_ = 0;
    std::uint64_t samples_ = 0;
    std::uint64_t hellos_ = 0;
    std::uint64_t other_lines_ = 0;  // answers to commands (RSACK, RSERR)
    // A least-squares line through (device ms, cycle-clock ms) for the run since the last
    // restart: its slope is the clock's rate, and the few milliseconds a sample waits behind a
    // hello on the wire do not tilt it the way comparing two single samples would.
    struct Fit {
        std::uint64_t n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        std::uint32_t first_t_ms = 0;
        std::uint64_t first_cycle = 0;
        double span_cycles = 0;
        void add(double x, double y);
        std::optional<double> drift_ppm() const;
    };
    bool fitting_ = false;
    Fit run_;
    Fit best_;
    std::uint64_t last_cycle_ = 0;
    double largest_gap_ms_ = 0;
};

// The busy pin is high while a tick's work runs.
class BusyMeter {
  public:
    void level(bool high, std::uint64_t cycle);
    std::uint64_t ticks() const { return ticks_; }
    double mean_us() const { return ticks_ ? total_cycles_ / 16.0 / ticks_ : 0; }
    double max_us() const { return max_cycles_ / 16.0; }
    // The longest stretch between two ticks' starts.
    double max_period_ms() const { return max_period_cycles_ / 16000.0; }

  private:
    bool high_ = false;
    std::uint64_t rose_at_ = 0;
    std::optional<std::uint64_t> last_rise_;
    std::uint64_t ticks_ = 0;
    double total_cycles_ = 0;
    double max_cycles_ = 0;
    double max_period_cycles_ = 0;
};

void print_report(std::ostream& out, const SerialMonitor& serial, const BusyMeter& busy,
                  double emulated_s);

}  // namespace rs::emulator
