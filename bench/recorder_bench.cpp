// The recorder's benchmarks: batched durable ingest into SQLite and PostgreSQL, and report
// times on a year of data (one 20-station gym on SQLite; a 50-facility chain on PostgreSQL).
//
//   recorder_bench ingest SQLITE_FILE [POSTGRES_URI]
//   recorder_bench gym-year SQLITE_FILE
//   recorder_bench chain-year POSTGRES_URI [EVENTS]
//
// Events have the shape stations publish (docs/mqtt.md) and go through EventStore::store in
// batches, as the service stores them. Prints one table row per figure.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "recorder/event_store.hpp"
#include "recorder/recorder_config.hpp"
#include "recorder/report.hpp"

namespace {

using namespace rs::recorder;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kBatch = 5000;
const char* const kRoutines[] = {
    "pre-run",    "post-run", "calves-and-shins",  "hips",       "upper-back", "quads",
    "hamstrings", "glutes",   "pre-workout-lower", "desk-reset", "lats",       "it-band"};

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// A synthetic history: `stations` stations per facility, `per_day` sessions a day each
// (three events a session: started, one step, completed or abandoned), from 1 January 2025.
class History {
  public:
    History(int facilities, int stations, int days, int per_day)
        : facilities_(facilities), stations_(stations), days_(days), per_day_(per_day) {}
    std::int64_t events() const {
        return static_cast<std::int64_t>(facilities_) * stations_ * days_ * per_day_ * 3;
    }
    // Calls `sink` with batches of events, in the order stations would send them.
    template <typename Sink>
    void generate(Sink&& sink) {
        std::vector<RecordedEvent> batch;
        batch.reserve(kBatch + 3);
        std::int64_t serial = 0;
        const std::int64_t start_day = days_from_civil({2025, 1, 1});
        for (int d = 0; d < days_; ++d)
            for (int f = 0; f < facilities_; ++f)
                for (int s = 0; s < stations_; ++s)
                    for (int k = 0; k < per_day_; ++k) {
                        const std::int64_t start_ms =
                            ((start_day + d) * 86400 + 5 * 3600 +
                             static_cast<std::int64_t>(rng_() % (16 * 3600))) *
                            1000;
                        add_session(batch, f, s, start_ms, serial);
                        serial += 3;
                        if (batch.size() >= kBatch) {
                            sink(batch);
                            batch.clear();
                        }
                    }
        if (!batch.empty())
            sink(batch);
    }

  private:
    void add_session(std::vector<RecordedEvent>& out, int f, int s, std::int64_t start_ms,
                     std::int64_t serial) {
        RecordedEvent e;
        e.facility = "gym-" + std::to_string(f);
        e.station = "roller-" + std::to_string(s);
        e.routine_id = kRoutines[rng_() % 12];
        e.source = rng_() % 5 == 0 ? "class" : "athlete";
        e.session_id = e.facility + "-" + std::to_string(serial);
        const double active = 120 + static_cast<double>(rng_() % 480);
        const bool completed = rng_() % 7 != 0;
        const char* types[] = {"session_started", "step_completed",
                               completed ? "session_completed" : "session_abandoned"};
        for (int i = 0; i < 3; ++i) {
            RecordedEvent x = e;
            x.type = types[i];
            x.seq = serial + i;
            x.event_id = "ev-" + std::to_string(serial + i) + "-" + e.facility;
            x.ts_ms = start_ms + (i == 0 ? 0 : static_cast<std::int64_t>(active * 1000) * i / 2);
            if (i == 2) {
                x.active_s = active;
                x.elapsed_s = active + 5;
                x.ts_ms = start_ms + static_cast<std::int64_t>(x.elapsed_s * 1000);
                x.mean_force_n = 150.0 + static_cast<double>(rng_() % 100);
                x.seconds_per_pass = 2.5 + static_cast<double>(rng_() % 20) / 10.0;
                if (!completed)
                    x.reason = "user_stopped";
            }
            char payload[512];
            std::snprintf(payload, sizeof payload,
                          R"({"v":1,"event_id":"%s","station":"%s","seq":%lld,"type":"%s",)"
                          R"("ts":"%lld","session_id":"%s","routine_id":"%s","source":"%s",)"
                          R"("planned_s":300,"active_s":%.1f,"steps_total":8})",
                          x.event_id.c_str(), x.station.c_str(), static_cast<long long>(x.seq),
                          x.type.c_str(), static_cast<long long>(x.ts_ms), x.session_id.c_str(),
                          x.routine_id.c_str(), x.source.c_str(), x.active_s);
            x.payload = payload;
            out.push_back(std::move(x));
        }
    }

    int facilities_, stations_, days_, per_day_;
    std::mt19937_64 rng_{42};
};

void row(const std::string& what, double value, const std::string& unit,
         const std::string& target) {
    std::printf("| %-58s | %12.1f %-9s | %-10s |\n", what.c_str(), value, unit.c_str(),
                target.c_str());
}

void header() {
    std::printf("| %-58s | %22s | %-10s |\n", "recorder", "measured", "target");
    std::printf("|%s|%s|%s|\n", std::string(60, '-').c_str(), std::string(24, '-').c_str(),
                std::string(12, '-').c_str());
}

RecorderConfig config_for(const std::string& store) {
    RecorderConfig c;
    c.store = store;
    c.timezone = "Europe/Berlin";
    return c;
}

double ingest(const std::string& store_uri, int facilities, int stations, int days, int per_day) {
    const RecorderConfig config = config_for(store_uri);
    const ZoneBook zones = zones_of(config);
    auto store = open_store(store_uri, zones);
    History history(facilities, stations, days, per_day);
    double busy = 0;
    std::int64_t stored = 0;
    history.generate([&](const std::vector<RecordedEvent>& batch) {
        const auto t = Clock::now();
        stored += static_cast<std::int64_t>(store->store(batch).stored);
        busy += seconds_since(t);
    });
    if (stored != history.events())
        std::fprintf(stderr, "stored %lld of %lld events\n", static_cast<long long>(stored),
                     static_cast<long long>(history.events()));
    return static_cast<double>(stored) / busy;
}

// The best of five runs of `query`, in milliseconds.
template <typename Query>
double best_ms(Query&& query) {
    double best = 1e9;
    for (int i = 0; i < 5; ++i) {
        const auto t = Clock::now();
        query();
        best = std::min(best, seconds_since(t) * 1000.0);
    }
    return best;
}

void report_times(const std::string& store_uri, const std::string& label,
                  const std::string& target) {
    const RecorderConfig config = config_for(store_uri);
    const ZoneBook zones = zones_of(config);
    auto store = open_store(store_uri, zones);
    const RollupQuery month{"", {2025, 6, 1}, {2025, 6, 30}};
    const RollupQuery year{"", {2025, 1, 1}, {2025, 12, 31}};
    row(label + ": month by station", best_ms([&] { store->grouped(month, Grouping::station); }),
        "ms", target);
    row(label + ": month heatmap", best_ms([&] { store->grouped(month, Grouping::hour_of_week); }),
        "ms", target);
    row(label + ": month, whole report by station", best_ms([&] {
            build_report(*store, config, {"", month.from, month.to, Grouping::station});
        }),
        "ms", target);
    row(label + ": year by station", best_ms([&] { store->grouped(year, Grouping::station); }),
        "ms", target);
    row(label + ": year heatmap", best_ms([&] { store->grouped(year, Grouping::hour_of_week); }),
        "ms", target);
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2) {
        std::fprintf(stderr,
                     "usage: recorder_bench ingest SQLITE_FILE [POSTGRES_URI] | gym-year "
                     "SQLITE_FILE | chain-year POSTGRES_URI [EVENTS]\n");
        return 2;
    }
    try {
        header();
        if (args[0] == "ingest") {
            // 20 stations, 30 days, 10 sessions a day: 180,000 events, batches of 5000.
            row("ingest into SQLite (WAL, synchronous=FULL)",
                ingest("sqlite:" + args[1], 1, 20, 30, 10), "events/s", ">= 20000");
            if (args.size() > 2)
                row("ingest into PostgreSQL (fsync on, COPY + upsert)",
                    ingest(args[2], 1, 20, 30, 10), "events/s", ">= 20000");
        } else if (args[0] == "gym-year") {
            // One gym: 20 stations, 40 sessions a day each, a year: 876,000 events.
            row("a year of one 20-station gym into SQLite",
                ingest("sqlite:" + args[1], 1, 20, 365, 40), "events/s", ">= 20000");
            report_times("sqlite:" + args[1], "SQLite gym year", "< 100 ms");
        } else if (args[0] == "chain-year") {
            const long long events = args.size() > 2 ? std::stoll(args[2]) : 9'855'000;
            // 50 facilities of 20 stations, a year; sessions a day per station from EVENTS.
            const int per_day = std::max(1, static_cast<int>(events / (50LL * 20 * 365 * 3)));
            const auto t = Clock::now();
            const double rate = ingest(args[1], 50, 20, 365, per_day);
            row("a year of a 50-facility chain into PostgreSQL (" +
                    std::to_string(50LL * 20 * 365 * 3 * per_day / 1000) + "k events)",
                rate, "events/s", ">= 20000");
            row("  loading it took", seconds_since(t), "s", "");
            report_times(args[1], "PostgreSQL chain year", "< 500 ms");
        } else {
            std::fprintf(stderr, "unknown benchmark '%s'\n", args[0].c_str());
            return 2;
        }
    } catch (const StoreUnavailable& e) {
        std::fprintf(stderr, "recorder_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
