#include "soak/soak_driver.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "kit/broker.hpp"
#include "kit/process.hpp"
#include "soak/collector.hpp"
#include "soak/hostile.hpp"
#include "soak/ledger.hpp"
#include "soak/proc_sample.hpp"
#include "soak/station_db.hpp"

namespace rs::soak {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

// A process of the soak's, its output and errors appended to `log`.
class Process : public kit::Process {
  public:
    Process(std::vector<std::string> argv, const fs::path& log)
        : kit::Process(std::move(argv), {log, {}, true}) {}
    std::optional<int> wait(milliseconds limit) { return wait_for_exit(limit); }
};

// The soak's mosquitto keeps the collector's session and its queued messages across restarts.
kit::BrokerOptions soak_broker() {
    kit::BrokerOptions o = kit::persistent_broker();
    // Hostile payloads of a few MiB must reach the station (it refuses them itself).
    o.extra.push_back("message_size_limit 0");
    return o;
}

const std::string kStation = "soak-1";
const std::string kStationTopic = "rollstation/soak/station/" + kStation;
const std::vector<std::string> kCommandTopics = {
    kStationTopic + "/cmd", "rollstation/soak/group/soak-group/cmd", "rollstation/soak/all/cmd"};
// Short routines, so class sessions end within the soak.
const std::vector<std::string> kClassRoutines = {"between-sets-reset", "first-roll-intro",
                                                 "tennis-ball-forearms", "desk-posture"};
const std::vector<std::string> kProfiles = {"steady", "fast",    "stop-and-go", "hold",
                                            "heavy",  "garbage", "unplug"};

double seconds_between(Clock::time_point a, Clock::time_point b) {
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
          // Long enough for the kiosk's text cache to fill (see soak_kiosk.cpp).
          warmup(std::clamp<seconds>(total / 15, seconds(30), seconds(120))),
          // The end has no kiosk stops: one long run shows whether memory stays flat.
          kiosk_stops_until(total - std::max<seconds>(total / 3, seconds(90))) {}
    seconds broker_every, kiosk_every, replug_every, coach_every, hostile_every, warmup;
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
    explicit Soak(const SoakOptions& o)
        : options_(o),
          schedule_(o.duration),
          rng_(o.seed),
          broker_(o.dir, soak_broker(), "mosquitto"),
          self_(fs::read_symlink("/proc/self/exe")) {}

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

    std::vector<ToolRun> tools_;
    int hostile_sent_ = 0, coach_pushes_ = 0;
    std::map<int, int> coach_exits_;  // rollstation-coach exit code -> how often
};

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
      << "  path: " << path("station.db").string() << "\n";
}

void Soak::start_kiosk(bool touch) {
    KioskLife life;
    life.run = static_cast<int>(lives_.size()) + 1;
    life.started = Clock::now();
    std::vector<std::string> argv = {
        self_.string(), "kiosk",
        "--config",     path("station.yaml").string(),
        "--produced",   path("produced.log").string(),
        "--seed",       std::to_string(options_.seed * 1000 + life.run)};
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

void Soak::sample() {
    if (!kiosk_ || lives_.empty())
        return;
    if (auto s = sample_process(kiosk_->pid())) {
        const auto now = Clock::now();
        s->at_s = seconds_between(start_, now);
        s->age_s = seconds_between(lives_.back().started, now);
        s->run = lives_.back().run;
        lives_.back().samples.push_back(*s);
    }
}

// Waits until the outbox is empty, no session is open and every numbered event reached the
// collector.
bool Soak::drain(seconds limit) {
    const auto until = Clock::now() + limit;
    while (Clock::now() < until) {
        const auto db = read_station_db(path("station.db"));
        if (db && db->outbox == 0 && db->open_sessions == 0) {
            std::set<std::int64_t> seqs;
            for (const auto& e : collector_->events())
                seqs.insert(e.seq);
            if (static_cast<std::int64_t>(seqs.size()) >= db->stored)
                return true;
        }
        sample();
        std::this_thread::sleep_for(milliseconds(200));
    }
    return false;
}

int Soak::run() {
    events_log_.open(path("soak.log"));
    start_ = Clock::now();
    log("soak for " + std::to_string(options_.duration.count()) + " s in " + options_.dir.string() +
        (options_.sanitizer_reports.empty() ? "" : " (sanitized build)"));
    if (!start_broker()) {
        std::cerr << "soak: the broker did not start (see " << path("soak.log") << ")\n";
        return 1;
    }
    write_station_file();
    collector_ = std::make_unique<Collector>(broker_.port(), "soak-collector", kStationTopic);
    {
        const auto until = Clock::now() + seconds(10);
        while (!collector_->ready() && Clock::now() < until)
            std::this_thread::sleep_for(milliseconds(10));
        if (!collector_->ready()) {
            std::cerr << "soak: the collector could not subscribe\n";
            return 1;
        }
    }
    start_sim();
    start_kiosk(true);

    const auto end = start_ + options_.duration;
    const auto quiet_from = start_ + schedule_.kiosk_stops_until;
    auto next_broker = start_ + jitter(schedule_.broker_every);
    auto next_kiosk_stop = start_ + jitter(schedule_.kiosk_every);
    auto next_replug = start_ + jitter(schedule_.replug_every);
    auto next_coach = start_ + jitter(schedule_.coach_every) / 2;
    auto next_hostile = start_ + jitter(schedule_.hostile_every);
    auto next_sample = start_;
    auto next_progress = start_ + seconds(60);

    while (Clock::now() < end) {
        const auto now = Clock::now();
        supervise_kiosk();
        if (now >= next_kiosk_stop && now < quiet_from && kiosk_) {
            // Mostly the plug pulled (kill -9); every third time a stop as systemd does it.
            const bool gentle = (kills_ + terms_) % 3 == 2;
            if (gentle) {
                ++terms_;
                stop_kiosk(SIGTERM, "stopped with SIGTERM");
            } else {
                ++kills_;
                stop_kiosk(SIGKILL, "killed -9");
            }
            next_kiosk_stop = now + jitter(schedule_.kiosk_every);
        }
        if (broker_.up() && now >= next_broker) {
            broker_.stop(seconds(10));
            ++broker_restarts_;
            broker_back_at_ =
                Clock::now() + milliseconds(std::uniform_int_distribution<int>(2000, 8000)(rng_));
            log("broker stopped");
        }
        if (!broker_.up() && broker_back_at_ && now >= *broker_back_at_) {
            if (start_broker()) {
                log("broker started again");
                broker_back_at_.reset();
                next_broker = Clock::now() + jitter(schedule_.broker_every);
            } else {
                log("broker did not start; trying again");
                broker_back_at_ = Clock::now() + seconds(1);
            }
        }
        if (sim_ && now >= next_replug) {
            sim_->stop(seconds(5));
            sim_.reset();
            sim_back_at_ =
                Clock::now() + milliseconds(std::uniform_int_distribution<int>(2000, 8000)(rng_));
            log("roller unplugged");
        }
        if (!sim_ && sim_back_at_ && now >= *sim_back_at_) {
            start_sim();
            next_replug = Clock::now() + jitter(schedule_.replug_every);
        }
        if (now >= next_hostile) {
            if (broker_.up())
                send_hostile();
            next_hostile = Clock::now() + jitter(schedule_.hostile_every);
        }
        if (now >= next_coach) {
            if (broker_.up())
                push_class();
            next_coach = Clock::now() + jitter(schedule_.coach_every);
        }
        reap_tools(false);
        if (now >= next_sample) {
            sample();
            next_sample += seconds(1);
        }
        if (now >= next_progress) {
            const auto& s = lives_.back().samples;
            log("progress: " + std::to_string(collector_->event_count()) + " events arrived; run " +
                std::to_string(lives_.back().run) +
                (s.empty() ? ""
                           : ", RSS " + std::to_string(s.back().rss_kib / 1024) + " MiB, " +
                                 std::to_string(s.back().fds) + " fds"));
            next_progress += seconds(60);
        }
        std::this_thread::sleep_for(milliseconds(50));
    }

    log("time is up: the last run stops, a run with nobody at the screen delivers what is left");
    reap_tools(true);
    if (!broker_.up()) {
        broker_.start();
        broker_back_at_.reset();
    }
    if (sim_) {
        sim_->stop(seconds(5));
        sim_.reset();
    }
    supervise_kiosk();
    stop_kiosk(SIGTERM, "stopped with SIGTERM at the end");
    start_kiosk(false);
    const bool drained = drain(seconds(120));
    log(drained ? "drained" : "NOT drained within 120 s");
    stop_kiosk(SIGTERM, "stopped with SIGTERM after draining");
    // Retained hostile commands are cleared, as an operator would.
    for (const auto& topic : kCommandTopics) {
        Process clear({"/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
                       std::to_string(broker_.port()), "-t", topic, "-r", "-n"},
                      path("tools.log"));
        clear.wait(seconds(10));
    }
    return report();
}

int Soak::report() {
    // Give late arrivals (repeats after the last reconnect) a moment, then reconcile.
    const auto produced = read_produced(path("produced.log"));
    Ledger ledger = reconcile(produced, collector_->events());
    for (auto until = Clock::now() + seconds(20); !ledger.ok() && Clock::now() < until;) {
        std::this_thread::sleep_for(milliseconds(200));
        ledger = reconcile(produced, collector_->events());
    }
    const auto db = read_station_db(path("station.db"));

    // Memory and descriptors.
    std::int64_t peak_rss = 0, worst_rss_growth = 0, first_rss = 0;
    int peak_fds = 0, worst_fd_growth = 0, measured_runs = 0;
    double longest_late = 0, longest_trend = 0;
    std::ofstream csv(path("samples.csv"));
    csv << "at_s,run,age_s,rss_kib,fds\n";
    for (const auto& life : lives_) {
        for (const auto& s : life.samples) {
            csv << s.at_s << "," << s.run << "," << s.age_s << "," << s.rss_kib << "," << s.fds
                << "\n";
            peak_rss = std::max(peak_rss, s.rss_kib);
            peak_fds = std::max(peak_fds, s.fds);
            if (s.age_s >= schedule_.warmup.count() && first_rss == 0)
                first_rss = s.rss_kib;
        }
        const Growth g =
            growth_after_warmup(life.samples, schedule_.warmup.count(), schedule_.warmup.count());
        if (g.measured) {
            ++measured_runs;
            worst_rss_growth = std::max(worst_rss_growth, g.rss_kib);
            worst_fd_growth = std::max(worst_fd_growth, g.fds);
            if (g.late_s > longest_late) {
                longest_late = g.late_s;
                longest_trend = g.rss_trend_kib_per_h;
            }
        }
    }
    std::size_t sanitizer_reports = 0;
    if (!options_.sanitizer_reports.empty()) {
        std::error_code ec;
        for (fs::directory_iterator it(options_.sanitizer_reports, ec), e; !ec && it != e;
             it.increment(ec))
            ++sanitizer_reports;
    }
    int hostile_rejected = 0, hostile_accepted = 0, class_accepted = 0;
    for (const auto& r : collector_->results()) {
        const bool hostile = r.command_id.rfind("hostile-", 0) == 0 || r.command_id.empty();
        if (hostile && r.result == "rejected")
            ++hostile_rejected;
        else if (hostile)
            ++hostile_accepted;
        else if (r.result == "accepted")
            ++class_accepted;
    }
    const bool sanitized = !options_.sanitizer_reports.empty();
    const bool memory_ok = worst_rss_growth <= options_.rss_bound_kib;
    const bool fds_ok = worst_fd_growth <= options_.fd_bound;
    const bool outbox_ok = db && db->outbox == 0 && db->open_sessions == 0 && db->dropped == 0;

    std::ostringstream t;
    const auto row = [&t](const std::string& what, const std::string& value) {
        t << "| " << what << " | " << value << " |\n";
    };
    const auto mib = [](std::int64_t kib) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(kib) / 1024);
        return std::string(text);
    };
    const auto pass = [](bool ok) { return ok ? std::string("ok") : std::string("FAIL"); };
    const double minutes = seconds_between(start_, Clock::now()) / 60;
    char run_time[64];
    std::snprintf(run_time, sizeof run_time, "%.1f min (%.2f h)", minutes, minutes / 60);
    int sessions = 0;
    if (auto it = ledger.by_type.find("session_started"); it != ledger.by_type.end())
        sessions = it->second;
    std::string reasons;
    for (const auto& [reason, n] : ledger.abandoned_by_reason)
        reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(n);
    std::string coach;
    for (const auto& [code, n] : coach_exits_)
        coach += (coach.empty() ? "" : ", ") +
                 std::string(code == 0   ? "accepted "
                             : code == 1 ? "rejected "
                                         : "exit " + std::to_string(code) + " ") +
                 std::to_string(n);

    t << "| measure | value |\n| --- | --- |\n";
    row("run time", run_time);
    row("build", sanitized ? "AddressSanitizer + UBSan" : "RelWithDebInfo");
    row("kiosk runs", std::to_string(lives_.size()) + " (" + std::to_string(kills_) + " kill -9, " +
                          std::to_string(terms_) + " SIGTERM, " + std::to_string(crashes_) +
                          " crashes)");
    row("broker restarts", std::to_string(broker_restarts_));
    row("roller plug-ins", std::to_string(sim_starts_) + " (profiles at random)");
    row("sessions", std::to_string(sessions) + " (" + std::to_string(ledger.class_sessions) +
                        " class); completed " +
                        std::to_string(ledger.by_type["session_completed"]) + ", abandoned " +
                        std::to_string(ledger.by_type["session_abandoned"]) +
                        (reasons.empty() ? "" : " (" + reasons + ")"));
    row("coach pushes", std::to_string(coach_pushes_) + (coach.empty() ? "" : " (" + coach + ")"));
    row("hostile commands sent", std::to_string(hostile_sent_) + "; refusals " +
                                     std::to_string(hostile_rejected) +
                                     " (retained ones again at each subscribe), accepted " +
                                     std::to_string(hostile_accepted));
    row("events produced by the kiosk", std::to_string(ledger.produced));
    row("power-loss closings expected", std::to_string(ledger.power_loss_expected));
    row("events delivered (distinct ids)", std::to_string(ledger.distinct) + " of " +
                                               std::to_string(ledger.expected) + " expected; " +
                                               std::to_string(ledger.arrivals) + " arrivals, " +
                                               std::to_string(ledger.repeats) + " repeats");
    row("seq", "1.." + std::to_string(ledger.max_seq) + ", gaps " +
                   std::to_string(ledger.missing_seqs.size()));
    row("lost events", std::to_string(ledger.lost.size()));
    row("one event under two ids", std::to_string(ledger.twice.size()));
    row("events never produced", std::to_string(ledger.unexpected.size()));
    row("outbox after the last stop",
        db ? std::to_string(db->outbox) + " events, " + std::to_string(db->open_sessions) +
                 " open sessions, " + std::to_string(db->dropped) + " dropped"
           : "unreadable");
    row("peak RSS / first after warm-up", mib(peak_rss) + " / " + mib(first_rss));
    row("RSS growth after warm-up, worst run",
        mib(worst_rss_growth) + (sanitized ? " (not judged: ASan's quarantine grows by design)"
                                           : " (bound " + mib(options_.rss_bound_kib) + ")"));
    row("peak open fds", std::to_string(peak_fds));
    row("fd growth after warm-up, worst run",
        std::to_string(worst_fd_growth) + " (bound " + std::to_string(options_.fd_bound) + ")");
    row("runs long enough to judge",
        std::to_string(measured_runs) + " (warm-up " + std::to_string(schedule_.warmup.count()) +
            " s, longest judged stretch " + std::to_string(static_cast<int>(longest_late)) + " s)");
    if (measured_runs > 0 && !sanitized) {
        char trend[64];
        std::snprintf(trend, sizeof trend, "%+.0f KiB an hour (least squares)", longest_trend);
        row("RSS trend over the longest judged stretch", trend);
    }
    row("sanitizer reports", sanitized ? std::to_string(sanitizer_reports) : "n/a (not sanitized)");

    std::ostringstream checks;
    const auto check = [&checks, &pass](bool ok, const std::string& what) {
        checks << pass(ok) << ": " << what << "\n";
        return ok;
    };
    bool ok = true;
    ok &= check(ledger.lost.empty() && ledger.distinct == ledger.expected,
                "every event produced arrived at the collector");
    ok &= check(ledger.missing_seqs.empty(), "seq has no gaps");
    ok &= check(ledger.twice.empty(), "no event twice under different ids");
    ok &= check(ledger.unexpected.empty(), "nothing arrived that was not produced");
    ok &= check(outbox_ok, "the outbox is empty and no session is left open");
    if (sanitized)
        checks << "n/a: RSS flat after warm-up (not judged under a sanitizer)\n";
    else
        ok &= check(memory_ok, "RSS flat after warm-up");
    ok &= check(fds_ok, "open descriptors flat after warm-up");
    ok &= check(crashes_ == 0, "the kiosk never crashed");
    ok &= check(hostile_accepted == 0, "no hostile command was accepted");
    ok &= check(sanitizer_reports == 0, "no sanitizer reports");
    ok &= check(collector_->problems().empty(), "every payload was well-formed");
    ok &= check(measured_runs > 0, "at least one run lasted long enough to judge memory");
    for (const auto& note : crash_notes_)
        checks << "  crash: " << note << "\n";
    for (const auto& id : ledger.lost)
        checks << "  lost: " << id << "\n";
    for (const auto& s : ledger.missing_seqs)
        checks << "  missing seq: " << s << "\n";
    for (const auto& t2 : ledger.twice)
        checks << "  twice: " << t2 << "\n";
    for (const auto& u : ledger.unexpected)
        checks << "  unexpected: " << u << "\n";
    for (const auto& p : collector_->problems())
        checks << "  payload: " << p << "\n";

    const std::string text =
        t.str() + "\n" + checks.str() + (ok ? "SOAK PASSED\n" : "SOAK FAILED\n");
    std::cout << "\n" << text;
    std::ofstream(path("summary.md")) << text;
    collector_.reset();
    broker_.stop(seconds(10));
    return ok ? 0 : 1;
}

}  // namespace

int run_soak(const SoakOptions& options) {
    // The kiosk and the tools inherit these: no window, no sound device, the software renderer.
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    ::signal(SIGPIPE, SIG_IGN);
    fs::create_directories(options.dir);  // the broker writes its configuration there at once
    Soak soak(options);
    return soak.run();
}

}  // namespace rs::soak
