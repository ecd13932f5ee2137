// The soak's processes: the station file, the kiosk started, stopped and restarted as systemd
// would, the simulated roller plugged in again, and the hostile and coach tools sent and reaped.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "soak/hostile.hpp"
#include "soak/soak.hpp"

namespace rs::soak {

namespace {

// Short routines, so class sessions end within the soak.
const std::vector<std::string> kClassRoutines = {"between-sets-reset", "first-roll-intro",
                                                 "tennis-ball-forearms", "desk-posture"};
const std::vector<std::string> kProfiles = {"steady", "fast",    "stop-and-go", "hold",
                                            "heavy",  "garbage", "unplug"};

}  // namespace

void Soak::write_station_file() {
    const fs::path source = ROLLSTATION_SOURCE_DIR;
    std::ofstream f(path("station.yaml"));
    f << "station:\n"
      << "  id: " << kStation << "\n"
      << "  name: \"Soak station\"\n"
      << "  facility: soak\n"
      << "  groups: [soak-group]\n"
      << "  timezone: UTC\n"
      << "display:\n"
      << "  fullscreen: false\n"
      << "  width: 800\n"
      << "  height: 480\n"
      << "  idle_timeout_s: 20\n"
      << "  sound: false\n"
      << "routines:\n"
      << "  dirs: [" << (source / "config/routines").string() << "]\n"
      << "safety_notice: " << (source / "config/safety.yaml").string() << "\n"
      << "session:\n"
      << "  class_confirmation: false\n"  // nobody taps "I'm ready" in the soak
      << "  get_ready: 2s\n"
      << "  switch_side: 2s\n"
      << "  next_step: 2s\n"
      << "sensors:\n"
      << "  - id: soak-roller\n"
      << "    kind: roller\n"
      << "    source: \"serial:" << path("roller").string() << "@115200\"\n"
      << "    circumference_mm: 471\n"
      << "mqtt:\n"
      << "  host: 127.0.0.1\n"
      << "  port: " << broker_.port() << "\n"
      << "storage:\n"
      << "  path: " << time_disk_->database().string() << "\n";
}

void Soak::start_kiosk(bool touch) {
    KioskLife life;
    life.run = static_cast<int>(lives_.size()) + 1;
    life.started = Clock::now();
    std::vector<std::string> argv = time_disk_->kiosk_prefix(!options_.sanitizer_reports.empty());
    for (const std::string& a : std::initializer_list<std::string>{
             self_.string(), "kiosk", "--config", path("station.yaml").string(), "--produced",
             path("produced.log").string(), "--seed",
             std::to_string(options_.seed * 1000 + life.run)})
        argv.push_back(a);
    if (!touch)
        argv.push_back("--no-touch");
    kiosk_ = std::make_unique<Process>(argv, path("kiosk.log"));
    kiosk_stop_expected_ = false;
    kiosk_restart_at_.reset();
    log("kiosk run " + std::to_string(life.run) + " started, pid " + std::to_string(kiosk_->pid()) +
        (touch ? "" : " (nobody at the screen)"));
    lives_.push_back(std::move(life));
}

void Soak::stop_kiosk(int sig, const std::string& why) {
    if (!kiosk_ || !kiosk_->running())
        return;
    kiosk_stop_expected_ = true;
    kiosk_->signal(sig);
    const auto status = kiosk_->wait(seconds(15));
    if (!status) {
        kiosk_->signal(SIGKILL);
        kiosk_->wait(seconds(15));
        crash_notes_.push_back("run " + std::to_string(lives_.back().run) +
                               " did not stop within 15 s of " + why);
        ++crashes_;
    } else if (sig == SIGTERM && *status != 0) {
        crash_notes_.push_back("run " + std::to_string(lives_.back().run) + " exited with " +
                               std::to_string(*status) + " on SIGTERM");
        ++crashes_;
    }
    lives_.back().ended = Clock::now();
    lives_.back().how_it_ended = why;
    log("kiosk run " + std::to_string(lives_.back().run) + ": " + why);
    kiosk_.reset();
}

// A kiosk that ended without being asked is a crash: noted. Any ended kiosk is started again
// 2 s later, as systemd/rollstation.service does it (Restart=always, RestartSec=2).
void Soak::supervise_kiosk() {
    const auto now = Clock::now();
    if (kiosk_ && !kiosk_->running()) {
        const int status = kiosk_->status().value_or(-1);
        ++crashes_;
        crash_notes_.push_back("run " + std::to_string(lives_.back().run) +
                               " ended by itself with status " + std::to_string(status));
        lives_.back().ended = now;
        lives_.back().how_it_ended = "crashed (" + std::to_string(status) + ")";
        log("kiosk run " + std::to_string(lives_.back().run) + " CRASHED with status " +
            std::to_string(status));
        kiosk_.reset();
    }
    if (!kiosk_ && !kiosk_restart_at_)
        kiosk_restart_at_ = now + seconds(2);
    if (!kiosk_ && kiosk_restart_at_ && now >= *kiosk_restart_at_)
        start_kiosk(true);
}

void Soak::start_sim() {
    const std::string profile = pick(kProfiles);
    ++sim_starts_;
    sim_ = std::make_unique<Process>(
        std::vector<std::string>{ROLLSTATION_SIM_BINARY, "--profile", profile, "--link",
                                 path("roller").string(), "--seed",
                                 std::to_string(options_.seed + sim_starts_)},
        path("sim.log"));
    sim_back_at_.reset();
    log("roller plugged in (profile " + profile + ")");
}

void Soak::send_hostile() {
    const HostileCommand c = hostile_command(hostile_sent_, rng_, std::chrono::system_clock::now());
    const fs::path file = path("hostile.payload");
    std::ofstream(file, std::ios::binary) << c.payload;
    std::vector<std::string> argv = {"/usr/bin/mosquitto_pub",
                                     "-h",
                                     "127.0.0.1",
                                     "-p",
                                     std::to_string(broker_.port()),
                                     "-q",
                                     "1",
                                     "-i",
                                     "soak-hostile",
                                     "-t",
                                     pick(kCommandTopics)};
    if (c.payload.empty()) {
        argv.push_back("-n");
    } else {
        argv.insert(argv.end(), {"-f", file.string()});
    }
    if (c.retained)
        argv.push_back("-r");
    ++hostile_sent_;
    tools_.push_back({"hostile", std::make_unique<Process>(argv, path("tools.log")),
                      Clock::now() + seconds(20)});
    // mosquitto_pub has read the file once it has published; the next one waits for it.
    tools_.back().process->wait(seconds(10));
    log("hostile command: " + c.kind);
}

void Soak::push_class() {
    const std::string routine = pick(kClassRoutines);
    ++coach_pushes_;
    tools_.push_back(
        {"coach",
         std::make_unique<Process>(
             std::vector<std::string>{ROLLSTATION_COACH_BINARY, "--host", "127.0.0.1", "--port",
                                      std::to_string(broker_.port()), "--facility", "soak", "push",
                                      "--routine", routine, "--to", "station:" + kStation, "--in",
                                      "8s", "--wait", "5s", "--coach", "Soak"},
             path("tools.log")),
         Clock::now() + seconds(30)});
    log("coach pushes a class: " + routine);
}

void Soak::reap_tools(bool all) {
    const auto now = Clock::now();
    for (auto it = tools_.begin(); it != tools_.end();) {
        auto status = it->process->status();
        if (!status && (all || now >= it->deadline))
            status = it->process->stop(seconds(2));
        if (!status) {
            ++it;
            continue;
        }
        if (it->kind == "coach")
            ++coach_exits_[*status];
        it = tools_.erase(it);
    }
}

}  // namespace rs::soak
