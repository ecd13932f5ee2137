// The soak's report: delivery reconciled with what the kiosk produced, memory and descriptors
// after warm-up, the outbox at the end, as a table and a CSV; the result of the run.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>

#include "soak/ledger.hpp"
#include "soak/proc_sample.hpp"
#include "soak/soak.hpp"
#include "soak/station_db.hpp"

namespace rs::soak {

int Soak::report() {
    // Give late arrivals (repeats after the last reconnect) a moment, then reconcile.
    const auto produced = read_produced(path("produced.log"));
    Ledger ledger = reconcile(produced, collector_->events());
    for (auto until = Clock::now() + seconds(20); !ledger.ok() && Clock::now() < until;) {
        std::this_thread::sleep_for(milliseconds(200));
        ledger = reconcile(produced, collector_->events());
    }
    const auto db = read_station_db(time_disk_->database());

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
    row("wall clock steps", time_disk_->can_step_clock()
                                ? std::to_string(time_disk_->clock_steps()) +
                                      " (days forward, then back to the real time)"
                                : std::string("left out (no libfaketime)"));
    row("disk full", time_disk_->can_fill_disk()
                         ? std::to_string(time_disk_->disk_fills()) + " times, 15-40 s each"
                         : std::string("left out (no tmpfs: needs root)"));
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

}  // namespace rs::soak
