#include "sensors/simulator.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "rollstation/core/wire.hpp"

namespace rs::sensors {
namespace {

// Back and forth over `amplitude` revolutions, each one-way pass taking `pass_s`.
double triangle(double t, double pass_s, double amplitude) {
    const double phase = std::fmod(t, 2 * pass_s) / pass_s;
    return amplitude * (phase <= 1 ? phase : 2 - phase);
}

constexpr double kAmplitudeRev = 1.5;

}  // namespace

Simulator::Simulator(SimSettings settings) : settings_(std::move(settings)), rng_(settings_.seed) {
    settings_.rate_hz = std::clamp(settings_.rate_hz, 1, 200);
}

double Simulator::seconds_per_pass() const {
    return settings_.profile == core::SimProfile::fast ? 1.0 : 3.0;
}

double Simulator::position_rev(double t) const {
    const double pass = seconds_per_pass();
    switch (settings_.profile) {
        case core::SimProfile::stop_and_go: {
            // 9 s of rolling (three passes), then 5 s off the roller.
            const double cycle = std::fmod(t, 14.0);
            return triangle(std::min(cycle, 9.0), pass, kAmplitudeRev);
        }
        case core::SimProfile::hold: {
            // Two passes out and back, then 10 s pressing into a tender spot at the start.
            const double cycle = std::fmod(t, 16.0);
            return triangle(std::min(cycle, 6.0), pass, kAmplitudeRev);
        }
        default:
            return triangle(t, pass, kAmplitudeRev);
    }
}

double Simulator::turn_rate_rev_s(double t) const {
    constexpr double h = 0.0005;
    const double from = std::max(0.0, t - h);
    double rate = (position_rev(t + h) - position_rev(from)) / (t + h - from);
    if (settings_.profile == core::SimProfile::stop_and_go) {
        if (std::abs(rate) > 10)
            rate = 0;  // the instant of the jump itself
        if (static_cast<long>(std::floor(t / 14.0)) % 2 == 1)
            rate = -rate;
    }
    return rate;
}

double Simulator::force_n(double t) const {
    switch (settings_.profile) {
        case core::SimProfile::heavy:
            return 480;
        case core::SimProfile::stop_and_go:
            return std::fmod(t, 14.0) < 9.0 ? 220 : 0;
        case core::SimProfile::hold:
            return std::fmod(t, 16.0) < 6.0 ? 220 : 320;
        default:
            return 220;
    }
}

bool Simulator::plugged_in(double t) const {
    if (settings_.profile != core::SimProfile::unplug)
        return true;
    const double cycle = std::fmod(t, 12.0);
    return cycle < 8.0 || cycle >= 11.0;
}

std::string Simulator::sample_line(double t) {
    std::normal_distribution<double> noise(0.0, 3.0);
    const auto rotation = static_cast<long>(std::lround(position_rev(t) * 1000));
    const auto force = static_cast<long>(std::lround(std::max(0.0, force_n(t) + noise(rng_)) * 10));
    const auto t_ms = static_cast<std::uint32_t>(std::llround(t * 1000));  // wraps as a device's
    ++samples_;
    return core::wire::frame("RSDAT," + std::to_string(seq_++) + "," + std::to_string(t_ms) + "," +
                             std::to_string(rotation) + "," + std::to_string(force));
}

std::string Simulator::emit_until(double t) {
    std::string out;
    const double step = 1.0 / settings_.rate_hz;
    while (next_sample_ <= t) {
        const double at = next_sample_;
        next_sample_ += step;
        if (!plugged_in(at)) {
            plugged_since_ = -1;
            continue;
        }
        if (plugged_since_ < 0) {
            // Plugged back in: a real device boots and says hello first.
            plugged_since_ = at;
            next_hello_ = at;
        }
        if (at >= next_hello_) {
            out += core::wire::frame("RSHEL," + settings_.device_id + "," + settings_.firmware +
                                     ",RF," + std::to_string(settings_.circumference_mm));
            next_hello_ = at + 5.0;
        }
        std::string line = sample_line(at);
        if (settings_.profile == core::SimProfile::garbage) {
            std::uniform_int_distribution<int> dice(0, 99);
            if (dice(rng_) < 4) {
                line[line.size() - 2] = line[line.size() - 2] == '0' ? '1' : '0';  // bad checksum
                ++corrupted_;
            }
            if (dice(rng_) < 10) {
                std::uniform_int_distribution<int> byte(0, 255), length(1, 40);
                std::string noise(static_cast<std::size_t>(length(rng_)), '\0');
                for (auto& c : noise)
                    c = static_cast<char>(byte(rng_));
                out += noise;
                out += '\n';
            }
        }
        out += line;
    }
    return out;
}

}  // namespace rs::sensors
