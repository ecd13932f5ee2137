#include "emulator/timing_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rs::emulator {
namespace {

constexpr double kCyclesPerMs = 16000.0;

std::string format(const char* pattern, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

}  // namespace

void SerialMonitor::byte(char c, std::uint64_t cycle) {
    if (c == '$') {
        line_.clear();
        line_start_cycle_ = cycle;
    }
    line_ += c;
    if (line_.size() > 200)
        line_.clear();
    parser_.feed(std::string_view(&c, 1), [&](const core::wire::Message& m) {
        if (std::holds_alternative<core::wire::Hello>(m))
            ++hellos_;
    });
    if (c == '\n')
        line_finished();
}

void SerialMonitor::line_finished() {
    std::string_view text = line_;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    if (text.rfind("$RSACK", 0) == 0 || text.rfind("$RSERR", 0) == 0) {
        ++other_lines_;
        return;
    }
    const core::wire::LineResult r = core::wire::parse_line(text);
    if (!r.message)
        return;
    const auto* sample = std::get_if<core::wire::Sample>(&*r.message);
    if (!sample)
        return;
    ++samples_;
    if (!fitting_) {
        run_ = Fit{};
        run_.first_t_ms = sample->t_ms;
        run_.first_cycle = line_start_cycle_;
        fitting_ = true;
    } else {
        largest_gap_ms_ =
            std::max(largest_gap_ms_, (line_start_cycle_ - last_cycle_) / kCyclesPerMs);
    }
    last_cycle_ = line_start_cycle_;
    const double device_ms = static_cast<std::uint32_t>(sample->t_ms - run_.first_t_ms);
    const double cycle_ms = (line_start_cycle_ - run_.first_cycle) / kCyclesPerMs;
    run_.add(device_ms, cycle_ms);
    run_.span_cycles = static_cast<double>(line_start_cycle_ - run_.first_cycle);
    if (run_.span_cycles >= best_.span_cycles)
        best_ = run_;
}

void SerialMonitor::Fit::add(double x, double y) {
    ++n;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
}

std::optional<double> SerialMonitor::Fit::drift_ppm() const {
    const double d = static_cast<double>(n);
    const double var = sxx - sx * sx / d;
    if (n < 2 || var <= 0)
        return std::nullopt;
    const double true_ms_per_device_ms = (sxy - sx * sy / d) / var;
    return (1.0 / true_ms_per_device_ms - 1.0) * 1e6;
}

void SerialMonitor::restart() {
    fitting_ = false;
    line_.clear();
}

std::optional<double> SerialMonitor::drift_ppm() const {
    return best_.drift_ppm();
}

void BusyMeter::level(bool high, std::uint64_t cycle) {
    if (high == high_)
        return;
    high_ = high;
    if (high) {
        if (last_rise_)
            max_period_cycles_ =
                std::max(max_period_cycles_, static_cast<double>(cycle - *last_rise_));
        last_rise_ = cycle;
        rose_at_ = cycle;
        return;
    }
    const double took = static_cast<double>(cycle - rose_at_);
    ++ticks_;
    total_cycles_ += took;
    max_cycles_ = std::max(max_cycles_, took);
}

void print_report(std::ostream& out, const SerialMonitor& serial, const BusyMeter& busy,
                  double emulated_s) {
    const auto& c = serial.counters();
    out << "summary\n";
    out << format("  emulated: %.1f s of a 16 MHz ATmega328P\n", emulated_s);
    out << "  lines: " << c.lines << " good, " << c.bad_checksum << " bad checksum, " << c.overlong
        << " too long, " << c.malformed - serial.other_lines() << " malformed, "
        << serial.other_lines() << " command answers\n";
    out << "  samples: " << serial.samples() << ", hellos: " << serial.hellos()
        << ", lost samples: " << c.lost_samples << ", sequence restarts: " << c.seq_restarts
        << "\n";
    if (const auto drift = serial.drift_ppm()) {
        out << format("  sample clock: drift %+.0f ppm", *drift)
            << format(" (%.4f %%)", *drift / 1e4)
            << format(" against the cycle clock over %.1f s", serial.span_s())
            << format(", %.1f samples/s", serial.samples() / std::max(emulated_s, 1e-9))
            << format(", largest gap %.1f ms\n", serial.largest_gap_ms());
    }
    out << "  tick work: " << busy.ticks() << " ticks" << format(", mean %.0f us", busy.mean_us())
        << format(", max %.0f us", busy.max_us())
        << format(" (%.1f %% of the 10 ms period)", busy.max_us() / 100.0)
        << format(", longest tick-to-tick %.2f ms\n", busy.max_period_ms());
}

}  // namespace rs::emulator
