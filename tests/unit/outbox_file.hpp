// A durable outbox on a real SQLite file for the outbox tests: the storage names they use, a
// fixed day, events appended with a payload that names their id and number, opening that must
// succeed, reading back, and a history table as older releases left it.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kit/temp_dir.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite.hpp"

namespace rs::test::outbox_file {

using kit::TempDir;
using storage::Database;
using storage::DayStats;
using storage::HistoryRow;
using storage::Moment;
using storage::OpenSession;
using storage::Outbox;
using storage::OutboxLimits;
using storage::SqliteError;
using storage::Statement;
using storage::StoredEvent;

inline constexpr std::int64_t kHourMs = 3'600'000;
// A fixed wall-clock day start (2026-11-19T00:00:00Z); nothing depends on the real time.
inline constexpr std::int64_t kDay = 1'795'046'400'000;

// A test's temporary folder and the outbox database file in it, not made yet.
struct OutboxFolder {
    TempDir dir;
    const std::filesystem::path file = dir.path() / "events.db";
};

inline std::string payload_for(const std::string& event_id, std::int64_t seq) {
    return "{\"id\":\"" + event_id + "\",\"seq\":" + std::to_string(seq) + "}";
}

inline HistoryRow row_of(const std::string& type, std::int64_t ts_ms,
                         const std::string& routine = "r1", std::int64_t active_ms = 0) {
    HistoryRow row;
    row.type = type;
    row.ts_ms = ts_ms;
    row.session_id = "s-" + std::to_string(ts_ms);
    row.routine_id = routine;
    row.source = "athlete";
    row.active_ms = active_ms;
    return row;
}

// Appends one event whose payload names its id and number; ts and now are both `now_ms`.
inline StoredEvent add(Outbox& outbox, const std::string& event_id, std::int64_t now_ms = kDay,
                       const std::string& type = "step_completed") {
    return outbox.append(
        event_id, row_of(type, now_ms),
        [&](std::int64_t seq) { return payload_for(event_id, seq); }, now_ms);
}

inline std::unique_ptr<Outbox> open_ok(const std::filesystem::path& file,
                                       OutboxLimits limits = {}) {
    auto opened = Outbox::open(file, limits);
    INFO(opened.problem);
    REQUIRE(opened.problem.empty());
    REQUIRE(opened.outbox != nullptr);
    return std::move(opened.outbox);
}

inline std::vector<std::int64_t> seqs_of(const std::vector<StoredEvent>& events) {
    std::vector<std::int64_t> out;
    for (const auto& e : events)
        out.push_back(e.seq);
    return out;
}

inline std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> out;
    for (std::int64_t s = first; s <= last; ++s)
        out.push_back(s);
    return out;
}

// Reads one integer with a second, independent connection to the same file.
inline std::int64_t query_int(const std::filesystem::path& file, const char* sql) {
    rs::storage::Database db(file);
    auto q = db.prepare(sql);
    REQUIRE(q.step());
    return q.integer(0);
}

// A history table as the first releases made it, before the published payloads were kept;
// `with_reason` adds the column for why a session was abandoned, which came before the payloads.
// `insert` puts the rows in.
inline void write_first_history(const std::filesystem::path& file, bool with_reason,
                                const std::string& insert) {
    Database db(file);
    const std::string create =
        std::string(
            "CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT "
            "NULL, ts_ms INTEGER NOT NULL, session_id TEXT, routine_id TEXT, source TEXT, "
            "active_ms INTEGER NOT NULL DEFAULT 0") +
        (with_reason ? ", reason TEXT)" : ")");
    db.exec(create.c_str());
    db.exec(insert.c_str());
}

}  // namespace rs::test::outbox_file
