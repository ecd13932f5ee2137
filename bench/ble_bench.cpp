// Bluetooth LE latency: from the fake BlueZ sending a WitMotion notification (100 Hz) on a
// private system bus to the kiosk's state on the UI thread holding its sample. The path is the
// kiosk's own: dbus-daemon, the source's bus thread, the I/O thread's decoder, the inbox and
// core::update in KioskApp, on SDL's dummy video driver (which polls every 10 ms; KMSDRM on
// the Pi polls the same way, see ui/event_wait.cpp).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "app/kiosk_app.hpp"
#include "app/kiosk_options.hpp"
#include "kit/bluez.hpp"
#include "rollstation/config/setup.hpp"

namespace fs = std::filesystem;
using namespace rs;
using Clock = std::chrono::steady_clock;

namespace {

const fs::path kSource = ROLLSTATION_SOURCE_DIR;
constexpr int kSamples = 1500;

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int main() {
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    char pattern[] = "/tmp/rollstation-ble-bench-XXXXXX";
    const fs::path dir = mkdtemp(pattern);
    int status = 1;
    try {
        const kit::PrivateBus bus(dir);
        const std::string address = "AA:BB:CC:00:00:01";
        const fs::path emitted = dir / "emitted";
        const kit::FakeBluez bluez(
            dir,
            {{address, "witmotion", "WT901BLE68", -60, kit::ble_trace("witmotion-rolling"), true}},
            emitted.string());

        config::Setup setup = config::load_setup(kSource / "config/demo.yaml", {});
        setup.station.sensors.front().source = "ble:" + address + "?kind=witmotion&axis=x";
        std::vector<std::string> errors;
        app::KioskOptions options = app::options_from(setup.station, true, errors);
        options.display.software = true;
        options.sound = false;
        core::SystemClock clock;
        app::KioskApp kiosk(setup, options, clock, nullptr);

        // Arrival on the UI thread of sample n is matched with the moment notification n left
        // the fake (its log: index, CLOCK_MONOTONIC nanoseconds, the clock steady_clock reads).
        std::vector<double> latencies;
        std::vector<std::int64_t> sent;
        std::ifstream log;
        std::uint64_t seen = 0, first_index = 0;
        bool linked = false;
        const auto t0 = Clock::now();
        while (latencies.size() < kSamples && Clock::now() - t0 < std::chrono::seconds(60)) {
            kiosk.wait_and_pump(core::Millis{50});
            const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 Clock::now().time_since_epoch())
                                 .count();
            const auto& sensor = kiosk.state().sensors.front();
            if (!log.is_open())
                log.open(emitted);
            log.clear();
            std::int64_t index = 0, ns = 0;
            while (log >> index >> ns)
                sent.push_back(ns);
            if (!linked && sensor.counters.lines > 0 && sent.size() >= sensor.counters.lines) {
                // The samples before the first batch seen here are not timed: the link was
                // still being made. Sample `lines` is notification `first_index + lines - 1`.
                linked = true;
                first_index = sent.size() - sensor.counters.lines;
                seen = sensor.counters.lines;
                continue;
            }
            for (; linked && seen < sensor.counters.lines && first_index + seen < sent.size();
                 ++seen)
                latencies.push_back((now - sent[first_index + seen]) / 1e6);
        }
        if (latencies.size() < 100) {
            std::fprintf(stderr, "too few samples arrived (%zu)\n", latencies.size());
        } else {
            std::printf("%-44s %12s %12s\n", "measure", "value", "target");
            std::printf("%-44s %9.2f ms %12s\n", "BLE notification to UI state p50 (100 Hz)",
                        percentile(latencies, 0.5), "");
            std::printf("%-44s %9.2f ms %9s ms\n", "BLE notification to UI state p99",
                        percentile(latencies, 0.99), "< 10+frame");
            std::printf("%-44s %9zu %12s\n", "BLE samples timed", latencies.size(), "");
            status = 0;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
    }
    fs::remove_all(dir);
    return status;
}
