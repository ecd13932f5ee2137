// Where the recorder keeps events and rollups: one interface, a SQLite file for a gym or
// PostgreSQL for a chain. Every store() is one durable transaction: all of a batch or none.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "recorder/recorded_event.hpp"
#include "recorder/rollup.hpp"
#include "recorder/time_zone.hpp"

namespace rs::recorder {

// The database cannot take the batch now (gone, locked, full); the batch may be offered again.
struct StoreUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct StoreOutcome {
    std::size_t stored = 0;             // new events
    std::size_t duplicates = 0;         // already stored (a redelivery), skipped
    std::size_t restamped = 0;          // stored events a clock_corrected event moved to their time
    std::vector<std::string> problems;  // one line each, for the log
};

// hour_of_week serves the heatmap: its rows carry only the sessions started (the year's heatmap
// is the widest query a report makes, and summing one column is what keeps it fast).
enum class Grouping { total, station, routine, day, hour, hour_of_week };

struct RollupQuery {
    std::string facility;  // empty: every facility
    Date from, to;         // local dates, both included
};

struct GroupRow {
    std::vector<std::string> key;  // station: facility, station; hour_of_week: weekday, hour
    RollupCounts counts;
};

// How much of a station's history is known to be stored, kept apart from the newest event
// (a live event can be newer than pages of a backfill not fetched yet): every event stamped
// before `since_ms` is stored, and of the backfill under way from there, every one numbered up
// to `after_seq`. That number is the station's own, so it holds only under `boot`.
struct BackfillMark {
    std::string facility, station;
    std::int64_t since_ms = 0;
    std::int64_t after_seq = 0;  // 0: no backfill under way
    std::string boot;
};

struct StationSeen {
    std::string facility, station;
    std::int64_t last_seq = 0;
    std::int64_t last_ts_ms = 0;
    std::int64_t events = 0;
};

class EventStore {
  public:
    virtual ~EventStore() = default;
    // Stores the events not stored before, their rollups and the stations' high-water marks,
    // and `marks` (replacing a station's earlier one) in the same transaction, so a mark never
    // claims events that are not stored. Throws StoreUnavailable when the database is away;
    // nothing is half-written then.
    virtual StoreOutcome store(const std::vector<RecordedEvent>& batch,
                               const std::vector<BackfillMark>& marks) = 0;
    StoreOutcome store(const std::vector<RecordedEvent>& batch) { return store(batch, {}); }
    virtual std::optional<BackfillMark> backfill_mark(const std::string& facility,
                                                      const std::string& station) = 0;
    virtual std::vector<GroupRow> grouped(const RollupQuery& query, Grouping by) = 0;
    virtual std::vector<StationSeen> stations(const std::string& facility) = 0;
    virtual std::int64_t event_count() = 0;
    virtual std::string describe() const = 0;
};

// `sqlite:PATH` (or a plain path) or `postgresql://…` / `postgres://…`. Creates the schema
// when missing. Throws StoreUnavailable (with the reason) when it cannot be opened.
std::unique_ptr<EventStore> open_store(const std::string& uri, const ZoneBook& zones);

// Shared by both stores: the batch without repeats of an event_id, first copy kept.
std::vector<const RecordedEvent*> distinct_events(const std::vector<RecordedEvent>& batch);
// The SQL for grouped(): `placeholder(n)` spells the n-th parameter (from 1) of the dialect.
std::string grouped_sql(Grouping by, bool one_facility, std::string (*placeholder)(int));
std::size_t key_columns(Grouping by);

// The sums grouped_sql() selects, read from column `first` on through the dialect's
// `integer(column)` and `real(column)`.
template <typename Integer, typename Real>
RollupCounts grouped_counts(Grouping by, int first, Integer integer, Real real) {
    RollupCounts c;
    c.started = integer(first);
    if (by == Grouping::hour_of_week)
        return c;
    c.completed = integer(first + 1);
    c.abandoned = integer(first + 2);
    c.user_stopped = integer(first + 3);
    c.idle_timeout = integer(first + 4);
    c.preempted = integer(first + 5);
    c.power_loss = integer(first + 6);
    c.other = integer(first + 7);
    c.active_s = real(first + 8);
    c.force_sum = real(first + 9);
    c.force_n = integer(first + 10);
    c.tempo_sum = real(first + 11);
    c.tempo_n = integer(first + 12);
    c.class_started = integer(first + 13);
    c.class_completed = integer(first + 14);
    c.eased_steps = integer(first + 15);
    return c;
}

}  // namespace rs::recorder
