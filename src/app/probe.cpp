#include "app/probe.hpp"

#include <cstdio>
#include <mutex>
#include <thread>

#include "app/inbox.hpp"
#include "rollstation/core/kiosk.hpp"
#include "sensors/sensor_hub.hpp"

namespace rs::app {
namespace {

std::string format(const char* pattern, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

std::string figures(const core::SensorState& s) {
    const auto& t = s.motion.totals();
    std::string line = "passes " + std::to_string(t.passes);
    if (const auto spp = s.motion.recent_seconds_per_pass())
        line += format(", %.1f s per pass", *spp);
    line += format(", %.1f cm/s", s.motion.speed_cm_s());
    if (const auto f = s.motion.force())
        line += format(", force %.0f N", *f);
    return line;
}

}  // namespace

int run_probe(const std::string& source, int seconds, std::ostream& out) {
    const core::SpecParse parsed = core::parse_source(source);
    if (!parsed.spec) {
        out << "error: " << parsed.error << "\n";
        return 2;  // a mistyped source is a usage error
    }
    Inbox inbox;
    core::KioskState state;
    state.sensors.emplace_back(core::SensorSpec{"probe", "roller", 0});
    std::vector<std::string> errors;
    std::mutex problems_mutex;
    std::vector<std::string> problems;  // from the I/O thread, printed as they come
    std::uint64_t links_down = 0;
    std::uint64_t samples = 0;  // hellos and status lines are not samples
    {
        sensors::Outputs outputs;
        outputs.post = [&](core::Action a) { inbox.post(std::move(a)); };
        outputs.report = [&](const std::string&, const std::string& problem) {
            std::lock_guard lock(problems_mutex);
            problems.push_back(problem);
        };
        sensors::SensorHub hub({{"probe", *parsed.spec}}, outputs, errors);
        for (const auto& e : errors)
            out << "error: " << e << "\n";
        if (!errors.empty())
            return 1;
        out << "probing " << source << " for " << seconds << " s\n";
        const auto start = std::chrono::steady_clock::now();
        for (int second = 1; second <= seconds; ++second) {
            std::this_thread::sleep_until(start + std::chrono::seconds(second));
            const core::Now now{std::chrono::steady_clock::now(), std::chrono::system_clock::now()};
            {
                std::lock_guard lock(problems_mutex);
                for (const auto& p : problems)
                    out << "  problem: " << p << "\n";
                problems.clear();
            }
            for (auto& action : inbox.take()) {
                if (const auto* link = core::action_as<core::act::SensorLink>(action);
                    link && !link->up)
                    ++links_down;
                if (const auto* batch = core::action_as<core::act::SensorBatch>(action)) {
                    for (const auto& m : batch->messages)
                        samples += std::holds_alternative<core::wire::Sample>(m) ? 1 : 0;
                }
                state = core::update(std::move(state), action, now).state;
            }
            state = core::update(std::move(state), core::act::Tick{}, now).state;
            const core::SensorState& s = state.sensors.front();
            out << "  " << second << " s: " << (s.connected ? "live" : "no data") << ", lines "
                << s.counters.lines << ", bad " << s.counters.bad_lines() << ", lost "
                << s.counters.lost_samples << ", " << figures(s) << "\n";
            out.flush();
        }
    }
    const core::SensorState& s = state.sensors.front();
    out << "summary\n";
    if (s.hello) {
        out << "  device: " << s.hello->device_id << ", firmware " << s.hello->firmware
            << ", measures" << (s.hello->measures_rotation ? " rotation" : "")
            << (s.hello->measures_force ? " force" : "");
        if (s.hello->circumference_mm)
            out << ", circumference " << *s.hello->circumference_mm << " mm";
        out << "\n";
    } else {
        out << "  device: no hello seen (sent every 5 s by the firmware)\n";
    }
    out << format("  sample rate: %.1f Hz\n", static_cast<double>(samples) / seconds);
    out << "  lines: " << s.counters.lines << " good, " << s.counters.bad_checksum
        << " bad checksum, " << s.counters.overlong << " too long, " << s.counters.malformed
        << " malformed, " << s.counters.garbage_bytes << " garbage bytes\n";
    out << "  lost samples: " << s.counters.lost_samples
        << ", sequence restarts: " << s.counters.seq_restarts << ", disconnects: " << links_down
        << "\n";
    if (s.rssi_dbm || s.battery_pct) {
        out << "  radio:";
        if (s.rssi_dbm)
            out << " signal " << *s.rssi_dbm << " dBm";
        if (s.battery_pct)
            out << (s.rssi_dbm ? "," : "") << " battery " << *s.battery_pct << " %";
        out << "\n";
    }
    const auto& t = s.motion.totals();
    out << "  passes: " << t.passes;
    if (const auto spp = t.seconds_per_pass())
        out << format(", mean %.2f s per pass", *spp);
    out << format(", speed %.1f cm/s", s.motion.speed_cm_s());
    if (const auto mean = t.mean_force())
        out << format(", mean force %.0f N", *mean) << format(", peak %.0f N", t.peak_force);
    out << "\n";
    return samples > 0 ? 0 : 1;
}

}  // namespace rs::app
