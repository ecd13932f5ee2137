// The recorder's tables, in SQL both SQLite and PostgreSQL take.
#pragma once

#include <string>
#include <vector>

namespace rs::recorder {

// The counts every rollup row carries (see RollupCounts), after its key columns.
inline constexpr const char* kCountColumns =
    "started BIGINT NOT NULL, completed BIGINT NOT NULL, abandoned BIGINT NOT NULL, "
    "user_stopped BIGINT NOT NULL, idle_timeout BIGINT NOT NULL, preempted BIGINT NOT NULL, "
    "power_loss BIGINT NOT NULL, other BIGINT NOT NULL, active_s DOUBLE PRECISION NOT NULL, "
    "force_sum DOUBLE PRECISION NOT NULL, force_n BIGINT NOT NULL, "
    "tempo_sum DOUBLE PRECISION NOT NULL, tempo_n BIGINT NOT NULL, "
    "class_started BIGINT NOT NULL, class_completed BIGINT NOT NULL, "
    "eased_steps BIGINT NOT NULL DEFAULT 0";
inline constexpr int kCountColumnCount = 16;

// events: every event once, by event_id, with the payload as it came.
// rollup_hour: per facility, station and local hour; rollup_day: per facility, station, routine
// and local day (rollup.hpp). Both are keyed day first, so a period is one range of the key
// (SQLite keeps them WITHOUT ROWID: the rows are stored in key order).
// stations: each station's highest seq and latest event, and how many events it sent.
// backfill_marks: how much of each station's history is known stored (event_store.hpp).
// unsynced_events: the events stamped by a station's unsynchronised clock, by boot, until that
// boot's clock_corrected event moves them (clock_correction.hpp).
inline std::vector<std::string> schema(bool sqlite) {
    const std::string clustered = sqlite ? " WITHOUT ROWID" : "";
    return {
        "CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, facility TEXT NOT NULL, "
        "station TEXT NOT NULL, seq BIGINT NOT NULL, type TEXT NOT NULL, ts_ms BIGINT NOT NULL, "
        "session_id TEXT NOT NULL, payload TEXT NOT NULL)",
        std::string("CREATE TABLE IF NOT EXISTS rollup_hour (day TEXT NOT NULL, facility TEXT "
                    "NOT NULL, station TEXT NOT NULL, hour INTEGER NOT NULL, weekday INTEGER NOT "
                    "NULL, ") +
            kCountColumns + ", PRIMARY KEY (day, facility, station, hour))" + clustered,
        std::string("CREATE TABLE IF NOT EXISTS rollup_day (day TEXT NOT NULL, facility TEXT "
                    "NOT NULL, station TEXT NOT NULL, routine TEXT NOT NULL, ") +
            kCountColumns + ", PRIMARY KEY (day, facility, station, routine))" + clustered,
        "CREATE TABLE IF NOT EXISTS stations (facility TEXT NOT NULL, station TEXT NOT NULL, "
        "last_seq BIGINT NOT NULL, last_ts_ms BIGINT NOT NULL, events BIGINT NOT NULL, "
        "PRIMARY KEY (facility, station))",
        "CREATE TABLE IF NOT EXISTS backfill_marks (facility TEXT NOT NULL, station TEXT NOT "
        "NULL, since_ms BIGINT NOT NULL, after_seq BIGINT NOT NULL, boot TEXT NOT NULL, "
        "PRIMARY KEY (facility, station))",
        "CREATE TABLE IF NOT EXISTS unsynced_events (facility TEXT NOT NULL, station TEXT NOT "
        "NULL, boot_id TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (facility, station, "
        "boot_id, event_id))",
    };
}

// Adds a rollup row's counts to the stored ones (an upsert, the same in both dialects).
inline std::string rollup_on_conflict(const std::string& table, const std::string& key) {
    std::string sql = " ON CONFLICT (" + key + ") DO UPDATE SET ";
    const char* columns[] = {"started",      "completed",     "abandoned",       "user_stopped",
                             "idle_timeout", "preempted",     "power_loss",      "other",
                             "active_s",     "force_sum",     "force_n",         "tempo_sum",
                             "tempo_n",      "class_started", "class_completed", "eased_steps"};
    bool first = true;
    for (const char* c : columns) {
        sql += (first ? "" : ", ") + std::string(c) + " = " + table + "." + c + " + excluded." + c;
        first = false;
    }
    return sql;
}

inline constexpr const char* kUpsertBackfillMark =
    " ON CONFLICT (facility, station) DO UPDATE SET since_ms = excluded.since_ms, after_seq = "
    "excluded.after_seq, boot = excluded.boot";

inline const std::string kHourKey = "day, facility, station, hour";
inline const std::string kDayKey = "day, facility, station, routine";

}  // namespace rs::recorder
