// Measures what a kiosk user feels: time to the first frame, frame times on the busiest screen,
// the CPU an idle attract screen costs, and peak memory. Runs on the software renderer with
// SDL's dummy video driver, so the figures compare builds on one machine, not the Pi's GPU.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <atomic>
#include <mutex>
#include <thread>

#include "app/heap_trim.hpp"
#include "app/kiosk_app.hpp"
#include "rollstation/core/wire.hpp"
#include "sensors/simulator.hpp"
#include "tools/pty.hpp"

namespace fs = std::filesystem;
using namespace rs;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const std::size_t i =
        std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5));
    return v[i];
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

// A station folder with `count` routines: the shipped ones, then renamed copies.
fs::path make_station(int count) {
    const fs::path src = fs::path(ROLLSTATION_SOURCE_DIR) / "config";
    const fs::path dir =
        fs::temp_directory_path() / ("rollstation-bench-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "routines");
    fs::copy_file(src / "safety.yaml", dir / "safety.yaml");
    fs::copy_file(src / "demo.yaml", dir / "station.yaml");
    fs::copy(src / "demos", dir / "demos", fs::copy_options::recursive);
    std::vector<fs::path> shipped;
    for (const auto& e : fs::directory_iterator(src / "routines"))
        shipped.push_back(e.path());
    std::sort(shipped.begin(), shipped.end());
    for (int i = 0; i < count; ++i) {
        const fs::path& from = shipped[static_cast<std::size_t>(i) % shipped.size()];
        std::ifstream in(from);
        std::stringstream text;
        text << in.rdbuf();
        std::string id = from.stem().string();
        std::string body = text.str();
        if (i >= static_cast<int>(shipped.size())) {
            const std::string new_id = "copy" + std::to_string(i) + "-" + id.substr(0, 25);
            body = std::regex_replace(body, std::regex("\nid: " + id), "\nid: " + new_id);
            id = new_id;
        }
        std::ofstream(dir / "routines" / (id + ".yaml")) << body;
    }
    return dir;
}

app::KioskOptions headless(ui::Size size) {
    app::KioskOptions o;
    o.display.fullscreen = false;
    o.display.size = size;
    o.display.software = true;
    o.sound = false;
    return o;
}

struct FrameTimes {
    double p50 = 0, p99 = 0;
    // The drawing thread's own CPU time a frame: what the frame costs when other work on the
    // machine preempts it (wall-clock p99 then measures the machine, not the kiosk).
    double cpu_p50 = 0, cpu_p99 = 0;
};

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

// The player rolling a step, its demonstration animating (or hidden by the athlete).
FrameTimes player_frames(const config::Setup& setup, ui::Size size, bool demo_shown = true) {
    core::FakeClock clock;
    app::KioskApp kiosk(setup, headless(size), clock, nullptr);
    kiosk.dispatch(core::act::OpenLibrary{});
    kiosk.dispatch(core::act::OpenRoutine{"post-workout-full-body"});
    kiosk.dispatch(core::act::StartRoutine{"bench"});
    kiosk.dispatch(core::act::AcknowledgeSafety{});
    kiosk.dispatch(core::act::ShowDemo{demo_shown});
    clock.advance(core::Millis{6000});
    kiosk.pump();
    std::vector<double> times, cpu;
    for (int i = 0; i < 600; ++i) {
        clock.advance(core::Millis{50});  // the ring animates at 20 frames a second
        kiosk.force_redraw();
        const auto t0 = Clock::now();
        const double c0 = thread_cpu_ms();
        kiosk.pump();
        cpu.push_back(thread_cpu_ms() - c0);
        times.push_back(ms_since(t0));
    }
    return {percentile(times, 0.5), percentile(times, 0.99), percentile(cpu, 0.5),
            percentile(cpu, 0.99)};
}

// Lines per second through the wire-protocol parser, fed in 4 KiB chunks as a serial read would.
double parser_lines_per_second() {
    rs::sensors::Simulator sim(
        rs::sensors::SimSettings{rs::core::SimProfile::steady, 200, "bench", "1", 471, 1});
    const std::string stream = sim.emit_until(2000.0);  // 400,000 samples
    std::size_t lines = 0;
    const auto t0 = Clock::now();
    constexpr int kRounds = 5;
    for (int round = 0; round < kRounds; ++round) {
        core::wire::Parser parser;
        for (std::size_t at = 0; at < stream.size(); at += 4096) {
            parser.feed(std::string_view(stream).substr(at, 4096),
                        [&](const core::wire::Message&) { ++lines; });
        }
    }
    return lines / (ms_since(t0) / 1000.0);
}

// From a sample written on a pseudo-terminal to the kiosk state on the UI thread having it.
FrameTimes sensor_latency(const config::Setup& base) {
    const fs::path link =
        fs::temp_directory_path() / ("rollstation-bench-pty-" + std::to_string(getpid()));
    rs::tools::PseudoTerminal pty(link);
    config::Setup setup = base;
    setup.station.sensors = {{"bench-roller", "roller", "serial:" + link.string(), 471}};
    app::KioskOptions options = headless({800, 480});
    options.sensors = {{"bench-roller", *core::parse_source("serial:" + link.string()).spec}};
    core::SystemClock clock;
    app::KioskApp kiosk(setup, options, clock, nullptr);

    std::mutex mutex;
    std::vector<Clock::time_point> sent;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        std::this_thread::sleep_for(
            std::chrono::milliseconds(300));  // let the source open the device
        for (int i = 0; i < 2000 && !done; ++i) {
            const std::string line =
                core::wire::frame("RSDAT," + std::to_string(i) + "," + std::to_string(i * 5) + "," +
                                  std::to_string(i) + ",2000");
            {
                std::lock_guard lock(mutex);
                sent.push_back(Clock::now());
            }
            pty.write(line);
            std::this_thread::sleep_for(
                std::chrono::milliseconds(5));  // 200 Hz, the protocol's top rate
        }
    });
    std::vector<double> latencies;
    std::uint64_t seen = 0;
    const auto t0 = Clock::now();
    while (latencies.size() < 1900 && ms_since(t0) < 30'000) {
        kiosk.wait_and_pump(core::Millis{50});
        const std::uint64_t lines = kiosk.state().sensors.front().counters.lines;
        const auto now = Clock::now();
        std::lock_guard lock(mutex);
        for (; seen < lines && seen < sent.size(); ++seen) {
            latencies.push_back(
                std::chrono::duration<double, std::milli>(now - sent[seen]).count());
        }
    }
    done = true;
    writer.join();
    if (latencies.empty())
        return {-1, -1};
    return {percentile(latencies, 0.5), percentile(latencies, 0.99)};
}

}  // namespace

int main(int argc, char** argv) {
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    const int idle_seconds = argc > 1 ? std::atoi(argv[1]) : 10;

    const fs::path station = make_station(50);
    std::vector<double> startups;
    config::Setup setup;
    for (int run = 0; run < 7; ++run) {
        const auto t0 = Clock::now();
        setup = config::load_setup(station / "station.yaml", {});
        core::SystemClock clock;
        app::KioskApp kiosk(setup, headless({800, 480}), clock, nullptr);
        kiosk.pump();  // the first frame is drawn and presented here
        startups.push_back(ms_since(t0));
    }
    if (setup.library->routines().size() != 50 || !setup.errors.empty() ||
        setup.demos->demos().empty()) {
        std::fprintf(stderr, "benchmark library did not load cleanly (%zu routines)\n",
                     setup.library->routines().size());
        return 1;
    }

    const FrameTimes small = player_frames(setup, {800, 480});
    const FrameTimes large = player_frames(setup, {1920, 1080});
    const FrameTimes small_plain = player_frames(setup, {800, 480}, false);
    const FrameTimes large_plain = player_frames(setup, {1920, 1080}, false);
    // What the kiosk's once-a-minute heap trim (heap_trim.hpp) costs after the player runs have
    // churned the text cache: the most it will ever find to hand back at once.
    const auto trim_t0 = Clock::now();
    app::return_free_heap_to_system();
    const double trim_ms = ms_since(trim_t0);

    // The attract screen, alone and with a 100 Hz roller linked: sensor data that changes
    // nothing on screen must not cost frames.
    const auto idle_cpu = [&](bool with_sensor) {
        config::Setup station_setup = setup;
        app::KioskOptions options = headless({800, 480});
        if (with_sensor) {
            station_setup.station.sensors = {{"bench-sim", "roller", "sim:steady", 471}};
            options.sensors = {{"bench-sim", *core::parse_source("sim:steady").spec}};
        }
        core::SystemClock clock;
        app::KioskApp kiosk(station_setup, options, clock, nullptr);
        kiosk.pump();
        const double cpu0 = cpu_seconds();
        const auto t0 = Clock::now();
        while (ms_since(t0) < idle_seconds * 1000.0)
            kiosk.wait_and_pump(core::Millis{1000});
        return 100.0 * (cpu_seconds() - cpu0) / (ms_since(t0) / 1000.0);
    };
    const double idle_cpu_percent = idle_cpu(false);
    const double idle_sensor_cpu_percent = idle_cpu(true);
    const double parser_rate = parser_lines_per_second();
    const FrameTimes latency = sensor_latency(setup);
    fs::remove_all(station);

    std::printf("%-44s %12s %12s\n", "measure", "value", "target");
    std::printf("%-44s %9.1f ms %9s ms\n", "start to first frame, 50 routines (median)",
                percentile(startups, 0.5), "< 300");
    std::printf("%-44s %9.2f ms %12s\n", "player frame 800x480 p50", small.p50, "");
    std::printf("%-44s %9.2f ms %9s ms\n", "player frame 800x480 p99", small.p99, "< 4");
    std::printf("%-44s %9.2f ms %12s\n", "player frame 1920x1080 p50", large.p50, "");
    std::printf("%-44s %9.2f ms %9s ms\n", "player frame 1920x1080 p99", large.p99, "< 12");
    // CPU time a frame, on the drawing thread: what the frame costs with or without the
    // demonstration even when other work on the machine preempts the kiosk.
    const struct {
        const char* label;
        double value;
    } cpu_rows[] = {
        {"  CPU a frame 800x480 p50", small.cpu_p50},
        {"  CPU a frame 800x480 p99", small.cpu_p99},
        {"  CPU a frame 1920x1080 p50", large.cpu_p50},
        {"  CPU a frame 1920x1080 p99", large.cpu_p99},
        {"  demonstration hidden: wall 800x480 p99", small_plain.p99},
        {"  demonstration hidden: CPU 800x480 p99", small_plain.cpu_p99},
        {"  demonstration hidden: wall 1080p p99", large_plain.p99},
        {"  demonstration hidden: CPU 1080p p99", large_plain.cpu_p99},
    };
    for (const auto& row : cpu_rows)
        std::printf("%-44s %9.2f ms %12s\n", row.label, row.value, "");
    std::printf("%-44s %10.2f %% %10s %%\n",
                ("idle home screen CPU over " + std::to_string(idle_seconds) + " s").c_str(),
                idle_cpu_percent, "< 1");
    std::printf("%-44s %10.2f %% %10s %%\n", "idle home CPU, 100 Hz sensor linked",
                idle_sensor_cpu_percent, "< 1");
    std::printf("%-44s %9.2f ms %12s\n", "heap trim after the player runs", trim_ms, "");
    std::printf("%-44s %9.1f MB %9s MB\n", "peak RSS", peak_rss_kb() / 1024.0, "< 60");
    std::printf("%-44s %9.2f M/s %8s M/s\n", "sensor parser throughput (lines)", parser_rate / 1e6,
                "> 5");
    std::printf("%-44s %9.2f ms %12s\n", "sensor sample to UI state p50 (pty, 200 Hz)", latency.p50,
                "");
    std::printf("%-44s %9.2f ms %9s ms\n", "sensor sample to UI state p99", latency.p99,
                "< 5+frame");
    return 0;
}
