// A simulated roller: the lines a real sensor would send for a given motion profile. Pure, so
// the simulator tool, the demo and tests all speak exactly the same protocol.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "rollstation/core/source_spec.hpp"

namespace rs::sensors {

struct SimSettings {
    core::SimProfile profile = core::SimProfile::steady;
    int rate_hz = 100;  // 1..200
    std::string device_id = "sim-roller";
    std::string firmware = "sim-1.0";
    int circumference_mm = 471;
    std::uint32_t seed = 1;
};

class Simulator {
  public:
    explicit Simulator(SimSettings settings);

    // Everything the device sends from the last call up to `t` seconds after it started:
    // a hello on start and every 5 s, samples at the rate, and noise for the garbage profile.
    std::string emit_until(double t);
    // The unplug profile is out of its socket for 3 s in every 12.
    bool plugged_in(double t) const;
    // The profile's motion, for tests that want the known answer.
    double position_rev(double t) const;
    // How fast the roller turns at `t` (revolutions a second): what a gyro inside it reads. The
    // slope of position_rev, except that stop-and-go's jump back to its start after each round
    // is rolled instead: every other round runs mirrored, from where the last one stopped.
    double turn_rate_rev_s(double t) const;
    double force_n(double t) const;
    double seconds_per_pass() const;

    const SimSettings& settings() const { return settings_; }
    std::uint64_t samples_sent() const { return samples_; }
    std::uint64_t corrupted_lines() const { return corrupted_; }

  private:
    std::string sample_line(double t);

    SimSettings settings_;
    std::mt19937 rng_;
    std::uint64_t samples_ = 0;
    std::uint64_t corrupted_ = 0;
    std::uint16_t seq_ = 0;
    double next_sample_ = 0;
    double next_hello_ = 0;
    double plugged_since_ = 0;
};

}  // namespace rs::sensors
