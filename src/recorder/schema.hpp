// The recorder's tables, in SQL both SQLite and PostgreSQL take.
#pragma once

namespace rs::recorder {

// events: every event once, by event_id, with the payload as it came.
// rollup: per facility, station, routine, source and local hour (see rollup.hpp).
// stations: each station's highest seq and latest event, and how many events it sent.
inline constexpr const char* kSchema[] = {
    "CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, facility TEXT NOT NULL, "
    "station TEXT NOT NULL, seq BIGINT NOT NULL, type TEXT NOT NULL, ts_ms BIGINT NOT NULL, "
    "session_id TEXT NOT NULL, payload TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rollup (facility TEXT NOT NULL, station TEXT NOT NULL, "
    "routine TEXT NOT NULL, source TEXT NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL, "
    "weekday INTEGER NOT NULL, started BIGINT NOT NULL, completed BIGINT NOT NULL, "
    "abandoned BIGINT NOT NULL, user_stopped BIGINT NOT NULL, idle_timeout BIGINT NOT NULL, "
    "preempted BIGINT NOT NULL, power_loss BIGINT NOT NULL, other BIGINT NOT NULL, "
    "active_s DOUBLE PRECISION NOT NULL, force_sum DOUBLE PRECISION NOT NULL, "
    "force_n BIGINT NOT NULL, tempo_sum DOUBLE PRECISION NOT NULL, tempo_n BIGINT NOT NULL, "
    "PRIMARY KEY (facility, station, routine, source, day, hour))",
    "CREATE INDEX IF NOT EXISTS rollup_by_day ON rollup (day, facility)",
    "CREATE TABLE IF NOT EXISTS stations (facility TEXT NOT NULL, station TEXT NOT NULL, "
    "last_seq BIGINT NOT NULL, last_ts_ms BIGINT NOT NULL, events BIGINT NOT NULL, "
    "PRIMARY KEY (facility, station))",
};

// Adds a rollup row's counts to the stored ones (an upsert, same in both dialects).
inline constexpr const char* kRollupOnConflict =
    " ON CONFLICT (facility, station, routine, source, day, hour) DO UPDATE SET "
    "started = rollup.started + excluded.started, "
    "completed = rollup.completed + excluded.completed, "
    "abandoned = rollup.abandoned + excluded.abandoned, "
    "user_stopped = rollup.user_stopped + excluded.user_stopped, "
    "idle_timeout = rollup.idle_timeout + excluded.idle_timeout, "
    "preempted = rollup.preempted + excluded.preempted, "
    "power_loss = rollup.power_loss + excluded.power_loss, "
    "other = rollup.other + excluded.other, active_s = rollup.active_s + excluded.active_s, "
    "force_sum = rollup.force_sum + excluded.force_sum, "
    "force_n = rollup.force_n + excluded.force_n, "
    "tempo_sum = rollup.tempo_sum + excluded.tempo_sum, "
    "tempo_n = rollup.tempo_n + excluded.tempo_n";

}  // namespace rs::recorder
