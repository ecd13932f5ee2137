#include "soak/soak_kiosk.hpp"

#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <system_error>

#include "app/event_log.hpp"
#include "app/kiosk_app.hpp"
#include "app/link_setup.hpp"
#include "app/log.hpp"
#include "app/uuid.hpp"
#include "rollstation/core/events.hpp"
#include "soak/touch_script.hpp"

namespace rs::soak {
namespace {

// The record of what the kiosk produced: written with one write(2) per event before the event
// goes to the station link, so a kill -9 a moment later cannot take the line with it. The soak
// checks that each of these arrived at the collector.
class ProducedLog {
  public:
    explicit ProducedLog(const std::filesystem::path& file)
        : fd_(::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {
        if (fd_ < 0)
            throw std::system_error(errno, std::generic_category(), "open " + file.string());
    }
    ~ProducedLog() { ::close(fd_); }
    ProducedLog(const ProducedLog&) = delete;
    ProducedLog& operator=(const ProducedLog&) = delete;

    void note(const std::string& event_id, const core::UsageEvent& e) {
        const std::string line = event_id + " " + std::string(core::name_of(e.type)) + " " +
                                 (e.session_id.empty() ? "-" : e.session_id) + "\n";
        if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
            app::log_error("the produced-events log could not be written");
    }

  private:
    int fd_;
};

// A finger down and up at a window point, as the panel's driver would send them.
void touch(ui::Point p, ui::Size window) {
    for (Uint32 type : {SDL_FINGERDOWN, SDL_FINGERUP}) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 1;
        e.tfinger.x = (static_cast<float>(p.x) + 0.5f) / static_cast<float>(window.w);
        e.tfinger.y = (static_cast<float>(p.y) + 0.5f) / static_cast<float>(window.h);
        SDL_PushEvent(&e);
    }
}

}  // namespace

int run_kiosk(const KioskRun& run) {
    const config::Setup setup = config::load_setup(run.config, {});
    for (const auto& e : setup.errors)
        app::log_warning(e.to_string());
    if (!setup.station_ok) {
        app::log_error("cannot start without a usable station file: " + run.config.string());
        return 1;
    }
    setenv("TZ", setup.station.station.timezone.c_str(), 1);
    tzset();
    core::SystemClock clock;
    std::vector<std::string> problems;
    io::IoThread io([](const std::string& problem) { app::log_warning(problem); });
    mqtt::StationLink link(io,
                           app::link_settings_from(setup.station, setup.library, "soak",
                                                   app::make_uuid(), clock.now().wall, problems),
                           [](const std::string& message) { app::log_warning(message); });
    app::KioskOptions options = app::options_from(setup.station, true, problems);
    options.io = &io;
    // A smaller text cache than the station's (512) fills within the soak's warm-up, so memory
    // that grows after it is not the cache filling up (and eviction is exercised all the time).
    options.text_cache_capacity = 160;
    ProducedLog produced(run.produced);
    app::LinkOutbound outbound(
        link, [&](const std::string& id, const core::UsageEvent& e) { produced.note(id, e); });
    app::KioskApp kiosk(setup, options, clock, &outbound);
    problems.insert(problems.end(), kiosk.start_errors().begin(), kiosk.start_errors().end());
    for (const auto& p : problems)
        app::log_warning(p);
    link.on_commands(
        [&kiosk](core::Command c) { kiosk.post(core::act::ClassCommand{std::move(c)}); });

    TouchScript script(run.seed);
    auto next_touch = std::chrono::steady_clock::now() + script.pause();
    auto next_report = std::chrono::steady_clock::now();
    while (!kiosk.quit_requested()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= next_report) {
            // What fills up by design (the text cache, up to its capacity) against the heap: a
            // heap that grows once the cache is full is a leak.
            const struct mallinfo2 heap = mallinfo2();
            app::log_info("soak: text cache " + std::to_string(kiosk.text_cache().size()) +
                          " textures, heap in use " + std::to_string(heap.uordblks / 1024) +
                          " KiB, heap from the system " + std::to_string(heap.arena / 1024) +
                          " KiB, mapped " + std::to_string(heap.hblkhd / 1024) + " KiB");
            next_report = now + std::chrono::seconds(30);
        }
        if (run.touch && now >= next_touch) {
            if (const auto tap = script.next(kiosk.hits(), kiosk.display().window_size()))
                touch(tap->at, kiosk.display().window_size());
            next_touch = now + script.pause();
        }
        const auto until_touch =
            std::chrono::ceil<core::Millis>(next_touch - std::chrono::steady_clock::now());
        kiosk.wait_and_pump(run.touch ? std::clamp(until_touch, core::Millis{0}, core::Millis{1000})
                                      : core::Millis{1000});
    }
    link.detach_commands();
    app::log_info("stopping");
    return 0;
}

}  // namespace rs::soak
