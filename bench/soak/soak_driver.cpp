// The soak's run: one kiosk, a real broker, a simulated roller and a collector for the given time,
// with faults on their schedule, then a drain of what is still on its way and the report.
#include "soak/soak_driver.hpp"

#include <signal.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "kit/broker.hpp"
#include "soak/collector.hpp"
#include "soak/proc_sample.hpp"
#include "soak/soak.hpp"
#include "soak/station_db.hpp"

namespace rs::soak {

namespace {

// The soak's mosquitto keeps the collector's session and its queued messages across restarts.
kit::BrokerOptions soak_broker() {
    kit::BrokerOptions o = kit::persistent_broker();
    // Hostile payloads of a few MiB must reach the station (it refuses them itself).
    o.extra.push_back("message_size_limit 0");
    return o;
}

}  // namespace

Soak::Soak(const SoakOptions& o)
    : options_(o),
      schedule_(o.duration),
      rng_(o.seed),
      broker_(o.dir, soak_broker(), "mosquitto"),
      self_(fs::read_symlink("/proc/self/exe")) {}

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
        const auto db = read_station_db(time_disk_->database());
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
    time_disk_ =
        std::make_unique<TimeAndDisk>(options_.dir, [this](const std::string& l) { log(l); });
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
    next_clock_step_ = start_ + jitter(schedule_.clock_every);
    next_disk_fill_ = start_ + jitter(schedule_.disk_every);
    auto next_progress = start_ + seconds(60);

    while (Clock::now() < end) {
        const auto now = Clock::now();
        supervise_kiosk();
        time_and_disk_faults(now);
        if (now >= next_kiosk_stop && now < quiet_from && kiosk_ && now >= stops_allowed_from_) {
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
    if (time_disk_->disk_full()) {
        time_disk_->free_disk();
        stops_allowed_from_ = Clock::now() + seconds(40);
        log("disk has room again");
    }
    time_disk_->set_clock_offset(0);
    // What the last run holds in memory is stored before it is stopped.
    while (Clock::now() < stops_allowed_from_)
        std::this_thread::sleep_for(milliseconds(200));
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
    const int verdict = report();
    time_disk_->keep_database(path("station.db"));
    time_disk_.reset();
    return verdict;
}

void Soak::time_and_disk_faults(Clock::time_point now) {
    if (time_disk_->can_step_clock() && now >= next_clock_step_ && !clock_back_at_) {
        const int days = std::uniform_int_distribution<int>(7, 45)(rng_);
        time_disk_->set_clock_offset(static_cast<long long>(days) * 86'400);
        clock_back_at_ = now + seconds(60);
        log("wall clock stepped " + std::to_string(days) + " days forward");
    }
    if (clock_back_at_ && now >= *clock_back_at_) {
        time_disk_->set_clock_offset(0);
        clock_back_at_.reset();
        next_clock_step_ = now + jitter(schedule_.clock_every);
        log("wall clock stepped back to the real time");
    }
    if (time_disk_->can_fill_disk() && now >= next_disk_fill_ && !disk_free_at_) {
        time_disk_->fill_disk();
        disk_free_at_ =
            now + milliseconds(std::uniform_int_distribution<int>(15'000, 40'000)(rng_));
        stops_allowed_from_ = Clock::time_point::max();
        log("disk filled");
    }
    if (disk_free_at_ && now >= *disk_free_at_) {
        time_disk_->free_disk();
        disk_free_at_.reset();
        // The kiosk writes held events again within 30 s (its longest back-off).
        stops_allowed_from_ = now + seconds(40);
        next_disk_fill_ = now + jitter(schedule_.disk_every);
        log("disk has room again");
    }
}

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
