// The soak's supervisor, shared by its parts: soak_driver.cpp runs the schedule of faults,
// soak_processes.cpp starts and stops the kiosk, the roller and the tools, soak_report.cpp checks
// the run and prints the table.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "kit/broker.hpp"
#include "kit/process.hpp"
#include "soak/collector.hpp"
#include "soak/proc_sample.hpp"
#include "soak/soak_driver.hpp"
#include "soak/time_and_disk.hpp"

namespace rs::soak {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

// A process of the soak's, its output and errors appended to `log`.
class Process : public kit::Process {
  public:
    Process(std::vector<std::string> argv, const fs::path& log)
        : kit::Process(std::move(argv), {log, {}, true}) {}
    std::optional<int> wait(milliseconds limit) { return wait_for_exit(limit); }
};

inline const std::string kStation = "soak-1";
inline const std::string kStationTopic = "rollstation/soak/station/" + kStation;
inline const std::vector<std::string> kCommandTopics = {
    kStationTopic + "/cmd", "rollstation/soak/group/soak-group/cmd", "rollstation/soak/all/cmd"};

inline double seconds_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// How often each fault comes, scaled to the length of the run (a CI-sized run of 3 minutes
// still sees each several times).
struct Schedule {
    explicit Schedule(seconds total)
        : broker_every(std::clamp<seconds>(total / 8, seconds(40), seconds(300))),
          kiosk_every(std::clamp<seconds>(total / 10, seconds(30), seconds(300))),
          replug_every(std::clamp<seconds>(total / 20, seconds(20), seconds(120))),
          coach_every(std::clamp<seconds>(total / 15, seconds(20), seconds(120))),
          hostile_every(seconds(10)),
          clock_every(std::clamp<seconds>(total / 5, seconds(40), seconds(400))),
          disk_every(std::clamp<seconds>(total / 6, seconds(40), seconds(360))),
          // Long enough for the kiosk's text cache to fill (see soak_kiosk.cpp).
          warmup(std::clamp<seconds>(total / 15, seconds(30), seconds(120))),
          // The end has no kiosk stops: one long run shows whether memory stays flat.
          kiosk_stops_until(total - std::max<seconds>(total / 3, seconds(90))) {}
    seconds broker_every, kiosk_every, replug_every, coach_every, hostile_every;
    // The wall clock stepped forward by days, and back to the real time a minute later; the
    // database's disk full for 15-40 s.
    seconds clock_every, disk_every;
    seconds warmup;
    seconds kiosk_stops_until;
};

struct KioskLife {
    int run = 0;
    Clock::time_point started, ended;
    std::string how_it_ended = "running";
    std::vector<ProcSample> samples;
};

struct ToolRun {
    std::string kind;  // "coach" or "hostile"
    std::unique_ptr<Process> process;
    Clock::time_point deadline;
};

class Soak {
  public:
    explicit Soak(const SoakOptions& o);

    int run();

  private:
    fs::path path(const std::string& name) const { return options_.dir / name; }
    milliseconds jitter(seconds base) {
        std::uniform_real_distribution<double> f(0.7, 1.3);
        return milliseconds(static_cast<std::int64_t>(base.count() * 1000 * f(rng_)));
    }
    template <typename T>
    const T& pick(const std::vector<T>& from) {
        return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng_)];
    }
    void log(const std::string& line) {
        const double t = seconds_between(start_, Clock::now());
        char stamp[32];
        std::snprintf(stamp, sizeof stamp, "[%7.1f s] ", t);
        std::cout << stamp << line << std::endl;
        events_log_ << stamp << line << std::endl;
    }

    void write_station_file();
    void start_kiosk(bool touch);
    void stop_kiosk(int sig, const std::string& why);
    void supervise_kiosk();
    void start_sim();
    void send_hostile();
    void push_class();
    void reap_tools(bool all);
    void sample();
    bool drain(seconds limit);
    int report();

    SoakOptions options_;
    Schedule schedule_;
    std::mt19937 rng_;
    // Started again after a crash of its own: false, with the reason in the soak's log.
    bool start_broker() {
        try {
            broker_.start();
            return true;
        } catch (const std::exception& e) {
            log(e.what());
            return false;
        }
    }

    kit::Broker broker_;
    fs::path self_;
    std::ofstream events_log_;
    Clock::time_point start_;

    std::unique_ptr<Collector> collector_;
    std::unique_ptr<Process> kiosk_;
    std::vector<KioskLife> lives_;
    bool kiosk_stop_expected_ = false;
    std::optional<Clock::time_point> kiosk_restart_at_;
    int kills_ = 0, terms_ = 0, crashes_ = 0;
    std::vector<std::string> crash_notes_;

    std::unique_ptr<Process> sim_;
    int sim_starts_ = 0;
    std::optional<Clock::time_point> sim_back_at_;

    int broker_restarts_ = 0;
    std::optional<Clock::time_point> broker_back_at_;

    void time_and_disk_faults(Clock::time_point now);
    std::unique_ptr<TimeAndDisk> time_disk_;
    Clock::time_point next_clock_step_, next_disk_fill_;
    std::optional<Clock::time_point> clock_back_at_, disk_free_at_;
    // Events held in memory while the disk is full die with the process: no stops until the
    // kiosk has had time to store them.
    Clock::time_point stops_allowed_from_{};

    std::vector<ToolRun> tools_;
    int hostile_sent_ = 0, coach_pushes_ = 0;
    std::map<int, int> coach_exits_;  // rollstation-coach exit code -> how often
};

}  // namespace rs::soak
