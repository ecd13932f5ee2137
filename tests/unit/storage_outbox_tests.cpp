// The durable outbox: numbering, delivery order, acknowledgement, durability across reopening,
// duplicate ids, the size/age/history bounds, open sessions, daily statistics and recovery from
// an unusable database file. Every test uses a real SQLite file in its own temporary folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/outbox.hpp"
#include "storage/sqlite.hpp"
#include "unit/support.hpp"

using rs::storage::DayStats;
using rs::storage::HistoryRow;
using rs::storage::OpenSession;
using rs::storage::Outbox;
using rs::storage::OutboxLimits;
using rs::storage::SqliteError;
using rs::storage::StoredEvent;
using rs::test::TempDir;

namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kHourMs = 3'600'000;
// A fixed wall-clock day start (2026-11-18T00:00:00Z); nothing depends on the real time.
constexpr std::int64_t kDay = 1'795'046'400'000;

std::string payload_for(const std::string& event_id, std::int64_t seq) {
    return "{\"id\":\"" + event_id + "\",\"seq\":" + std::to_string(seq) + "}";
}

HistoryRow row_of(const std::string& type, std::int64_t ts_ms, const std::string& routine = "r1",
                  std::int64_t active_ms = 0) {
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
StoredEvent add(Outbox& outbox, const std::string& event_id, std::int64_t now_ms = kDay,
                const std::string& type = "step_completed") {
    return outbox.append(
        event_id, row_of(type, now_ms),
        [&](std::int64_t seq) { return payload_for(event_id, seq); }, now_ms);
}

std::unique_ptr<Outbox> open_ok(const fs::path& file, OutboxLimits limits = {}) {
    auto opened = Outbox::open(file, limits);
    INFO(opened.problem);
    REQUIRE(opened.problem.empty());
    REQUIRE(opened.outbox != nullptr);
    return std::move(opened.outbox);
}

std::vector<std::int64_t> seqs_of(const std::vector<StoredEvent>& events) {
    std::vector<std::int64_t> out;
    for (const auto& e : events)
        out.push_back(e.seq);
    return out;
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> out;
    for (std::int64_t s = first; s <= last; ++s)
        out.push_back(s);
    return out;
}

// Reads one integer with a second, independent connection to the same file.
std::int64_t query_int(const fs::path& file, const char* sql) {
    rs::storage::Database db(file);
    auto q = db.prepare(sql);
    REQUIRE(q.step());
    return q.integer(0);
}

std::vector<OpenSession> sorted_sessions(Outbox& outbox) {
    auto sessions = outbox.open_sessions();
    std::sort(sessions.begin(), sessions.end(), [](const OpenSession& a, const OpenSession& b) {
        return a.session_id < b.session_id;
    });
    return sessions;
}

std::vector<fs::path> aside_files(const fs::path& folder) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().find(".unreadable-") != std::string::npos)
            out.push_back(entry.path());
    return out;
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Numbering, order, acknowledgement

TEST_CASE("append numbers events from 1 and stores the payload built from the number", "[outbox]") {
    TempDir dir;
    auto outbox = open_ok(dir.path() / "events.db");
    CHECK(outbox->depth() == 0);
    CHECK(outbox->pending(0, 100).empty());
    CHECK(outbox->dropped_total() == 0);

    std::vector<std::int64_t> seen;
    for (int i = 1; i <= 5; ++i) {
        const std::string id = "ev-" + std::to_string(i);
        const StoredEvent stored = outbox->append(
            id, row_of("step_completed", kDay + i),
            [&](std::int64_t seq) {
                seen.push_back(seq);
                return payload_for(id, seq);
            },
            kDay + i);
        CHECK(stored.seq == i);
        CHECK(stored.event_id == id);
        CHECK(stored.payload == payload_for(id, i));
    }
    CHECK(seen == range(1, 5));  // called once per append, with the number it got
    CHECK(outbox->depth() == 5);

    const auto all = outbox->pending(0, 100);
    REQUIRE(all.size() == 5);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto n = static_cast<std::int64_t>(i + 1);
        CHECK(all[i].seq == n);
        CHECK(all[i].event_id == "ev-" + std::to_string(n));
        CHECK(all[i].payload == payload_for(all[i].event_id, n));
    }

    SECTION("pending respects after_seq and limit") {
        CHECK(seqs_of(outbox->pending(2, 100)) == range(3, 5));
        CHECK(seqs_of(outbox->pending(0, 2)) == range(1, 2));
        CHECK(seqs_of(outbox->pending(1, 2)) == range(2, 3));
        CHECK(seqs_of(outbox->pending(4, 10)) == range(5, 5));
        CHECK(outbox->pending(5, 10).empty());
        CHECK(outbox->pending(0, 0).empty());
        CHECK(outbox->depth() == 5);  // reading never removes
    }

    SECTION("acknowledge removes exactly the one event") {
        outbox->acknowledge(3);
        CHECK(outbox->depth() == 4);
        CHECK(seqs_of(outbox->pending(0, 100)) == std::vector<std::int64_t>{1, 2, 4, 5});
        CHECK(seqs_of(outbox->pending(2, 1)) == std::vector<std::int64_t>{4});

        outbox->acknowledge(3);   // twice: harmless
        outbox->acknowledge(99);  // unknown: harmless
        CHECK(outbox->depth() == 4);

        outbox->acknowledge(1);
        outbox->acknowledge(5);
        CHECK(seqs_of(outbox->pending(0, 100)) == std::vector<std::int64_t>{2, 4});
        CHECK(outbox->depth() == 2);
        CHECK(outbox->dropped_total() == 0);  // acknowledged is not dropped

        // Numbering continues after the highest number ever given, not after what is left.
        CHECK(add(*outbox, "ev-6").seq == 6);
    }
}

TEST_CASE("numbering continues after reopening, even when every event was acknowledged",
          "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    {
        auto outbox = open_ok(file);
        for (int i = 1; i <= 3; ++i)
            CHECK(add(*outbox, "a-" + std::to_string(i)).seq == i);
        for (std::int64_t s = 1; s <= 3; ++s)
            outbox->acknowledge(s);
        CHECK(outbox->depth() == 0);
    }
    {
        auto outbox = open_ok(file);
        CHECK(outbox->depth() == 0);
        CHECK(add(*outbox, "b-1").seq == 4);
        outbox->acknowledge(4);
    }
    {
        // Opening without appending changes nothing either.
        auto outbox = open_ok(file);
    }
    {
        auto outbox = open_ok(file);
        CHECK(add(*outbox, "c-1").seq == 5);
        CHECK(seqs_of(outbox->pending(0, 10)) == std::vector<std::int64_t>{5});
    }
}

TEST_CASE("numbering continues after reopening even when the history rows were pruned",
          "[outbox]") {
    // The number is the history row's AUTOINCREMENT id; pruning the history must not let a
    // number be given out twice.
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    OutboxLimits limits;
    limits.history = std::chrono::hours{1};
    {
        auto outbox = open_ok(file, limits);
        add(*outbox, "a-1", kDay);
        add(*outbox, "a-2", kDay + 1);
        outbox->acknowledge(1);
        outbox->acknowledge(2);
        // Far later: prunes both older history rows; then acknowledge the new one too.
        CHECK(add(*outbox, "a-3", kDay + 10 * kHourMs).seq == 3);
        outbox->acknowledge(3);
    }
    CHECK(query_int(file, "SELECT COUNT(*) FROM history") == 1);
    auto outbox = open_ok(file, limits);
    // 20 h later still: the last history row goes as well, then the new one is numbered 4.
    CHECK(add(*outbox, "b-1", kDay + 30 * kHourMs).seq == 4);
}

// ---------------------------------------------------------------------------------------------
// Durability

TEST_CASE("events stay until acknowledged, across closing and reopening", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    std::vector<StoredEvent> written;
    {
        auto outbox = open_ok(file);
        for (int i = 0; i < 50; ++i)
            written.push_back(add(*outbox, "ev-" + std::to_string(i), kDay + i));
        CHECK(outbox->depth() == 50);
        // Destroyed without acknowledging anything.
    }
    {
        auto outbox = open_ok(file);
        CHECK(outbox->depth() == 50);
        const auto pending = outbox->pending(0, 1000);
        REQUIRE(pending.size() == written.size());
        for (std::size_t i = 0; i < pending.size(); ++i) {
            CHECK(pending[i].seq == written[i].seq);
            CHECK(pending[i].event_id == written[i].event_id);
            CHECK(pending[i].payload == written[i].payload);
        }
        // Acknowledge half; the other half is still there after the next reopen.
        for (std::int64_t s = 1; s <= 25; ++s)
            outbox->acknowledge(s);
    }
    auto outbox = open_ok(file);
    CHECK(outbox->depth() == 25);
    CHECK(seqs_of(outbox->pending(0, 1000)) == range(26, 50));
    CHECK(outbox->dropped_total() == 0);
}

// ---------------------------------------------------------------------------------------------
// Refused appends

TEST_CASE("a duplicate event id is refused and leaves nothing behind", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    auto outbox = open_ok(file);
    add(*outbox, "a", kDay, "session_started");
    add(*outbox, "b", kDay + 1, "session_started");

    std::vector<std::int64_t> offered;
    const auto again = [&] {
        outbox->append(
            "a", row_of("session_started", kDay + 2),
            [&](std::int64_t seq) {
                offered.push_back(seq);
                return std::string("{\"dup\":true}");
            },
            kDay + 2);
    };
    REQUIRE_THROWS_AS(again(), SqliteError);
    try {
        again();
    } catch (const SqliteError& e) {
        CHECK((e.code & 0xff) == SQLITE_CONSTRAINT);
        CHECK(e.code == SQLITE_CONSTRAINT_UNIQUE);  // extended result codes are on
    }
    // The payload was built (with the number the row would have had) before the refusal.
    CHECK(offered == std::vector<std::int64_t>{3, 3});

    // The first "a" is untouched, and no history row of the refused append was kept.
    CHECK(outbox->depth() == 2);
    const auto pending = outbox->pending(0, 10);
    REQUIRE(pending.size() == 2);
    CHECK(pending[0].event_id == "a");
    CHECK(pending[0].payload == payload_for("a", 1));
    CHECK(query_int(file, "SELECT COUNT(*) FROM history") == 2);
    CHECK(outbox->stats(kDay, kDay + kHourMs, [](std::int64_t) { return 0; }).sessions == 2);

    // The rollback also undid the AUTOINCREMENT counter (sqlite_sequence is written in the same
    // transaction), so the next append reuses 3: no gap, and 3 is still given out only once.
    CHECK(add(*outbox, "c", kDay + 3).seq == 3);
    CHECK(seqs_of(outbox->pending(0, 10)) == range(1, 3));
    CHECK(query_int(file, "SELECT seq FROM sqlite_sequence WHERE name = 'history'") == 3);

    // The connection is usable afterwards (no transaction left open): reopen and carry on.
    outbox.reset();
    outbox = open_ok(file);
    CHECK(add(*outbox, "d", kDay + 4).seq == 4);
}

TEST_CASE("an append whose payload cannot be built stores nothing", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    auto outbox = open_ok(file);
    add(*outbox, "a");
    const auto failing = [](std::int64_t) -> std::string {
        throw std::runtime_error("no payload");
    };
    CHECK_THROWS_WITH(outbox->append("b", row_of("session_started", kDay), failing, kDay),
                      "no payload");
    CHECK(outbox->depth() == 1);
    CHECK(query_int(file, "SELECT COUNT(*) FROM history") == 1);
    CHECK(add(*outbox, "b").seq == 2);
}

// ---------------------------------------------------------------------------------------------
// Bounds

TEST_CASE("the size bound keeps the newest events and counts the dropped ones", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    OutboxLimits limits;
    limits.max_events = 10;
    {
        auto outbox = open_ok(file, limits);
        for (int i = 1; i <= 25; ++i) {
            add(*outbox, "ev-" + std::to_string(i), kDay + i);
            CHECK(outbox->depth() == std::min(i, 10));
        }
        CHECK(seqs_of(outbox->pending(0, 100)) == range(16, 25));
        CHECK(outbox->dropped_total() == 15);
    }
    {
        auto outbox = open_ok(file, limits);
        CHECK(outbox->dropped_total() == 15);
        CHECK(outbox->depth() == 10);
        const auto pending = outbox->pending(0, 100);
        REQUIRE(pending.size() == 10);
        CHECK(pending.front().event_id == "ev-16");
        CHECK(pending.front().payload == payload_for("ev-16", 16));

        // Acknowledged events make room: nothing is dropped while under the bound.
        outbox->acknowledge(16);
        outbox->acknowledge(17);
        CHECK(add(*outbox, "ev-26", kDay + 26).seq == 26);
        CHECK(outbox->dropped_total() == 15);
        CHECK(add(*outbox, "ev-27", kDay + 27).seq == 27);
        CHECK(outbox->dropped_total() == 15);
        CHECK(add(*outbox, "ev-28", kDay + 28).seq == 28);
        CHECK(outbox->dropped_total() == 16);
        CHECK(seqs_of(outbox->pending(0, 100)) == range(19, 28));
    }
    // A reopen with other limits still reports the total ever dropped.
    auto outbox = open_ok(file);
    CHECK(outbox->dropped_total() == 16);
    CHECK(outbox->depth() == 10);
}

TEST_CASE("the age bound drops events older than max_age at the next append", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    OutboxLimits limits;
    limits.max_age = std::chrono::hours{1};
    auto outbox = open_ok(file, limits);

    add(*outbox, "e1", kDay);
    add(*outbox, "e2", kDay + 1'000'000);
    // Exactly max_age old is still kept (only strictly older goes).
    add(*outbox, "e3", kDay + kHourMs);
    CHECK(outbox->depth() == 3);
    CHECK(outbox->dropped_total() == 0);

    // Nothing is dropped merely by time passing: only an append enforces the bound.
    outbox.reset();
    outbox = open_ok(file, limits);
    CHECK(outbox->depth() == 3);

    add(*outbox, "e4", kDay + kHourMs + 1);
    CHECK(seqs_of(outbox->pending(0, 10)) == range(2, 4));
    CHECK(outbox->dropped_total() == 1);

    add(*outbox, "e5", kDay + 10 * kHourMs);
    CHECK(seqs_of(outbox->pending(0, 10)) == range(5, 5));
    CHECK(outbox->dropped_total() == 4);

    outbox.reset();
    outbox = open_ok(file, limits);
    CHECK(outbox->dropped_total() == 4);
}

TEST_CASE("history older than the history limit is pruned at the next append", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    OutboxLimits limits;
    limits.history = std::chrono::hours{24};
    auto outbox = open_ok(file, limits);
    const auto hour = [](std::int64_t) { return 0; };

    add(*outbox, "a", kDay, "session_started");
    add(*outbox, "b", kDay + kHourMs, "session_started");
    CHECK(outbox->stats(kDay, kDay + 48 * kHourMs, hour).sessions == 2);

    // At 25 h the cut is at 1 h: "a" (0 h) goes, "b" (exactly 1 h) stays.
    add(*outbox, "c", kDay + 25 * kHourMs, "session_started");
    CHECK(outbox->stats(kDay, kDay + 48 * kHourMs, hour).sessions == 2);
    CHECK(outbox->stats(kDay, kDay + kHourMs, hour).sessions == 0);
    CHECK(query_int(file, "SELECT COUNT(*) FROM history") == 2);
    CHECK(query_int(file, "SELECT MIN(ts_ms) FROM history") == kDay + kHourMs);

    // The history bound is separate from the outbox: "a" still waits for delivery.
    CHECK(seqs_of(outbox->pending(0, 10)) == range(1, 3));
    CHECK(outbox->dropped_total() == 0);
}

// ---------------------------------------------------------------------------------------------
// Open sessions

TEST_CASE("open sessions are remembered, replaced and closed, across reopening", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    {
        auto outbox = open_ok(file);
        CHECK(outbox->open_sessions().empty());
        outbox->session_opened("s1", "{\"routine\":\"r1\"}");
        outbox->session_opened("s2", "{\"routine\":\"r2\"}");
        auto sessions = sorted_sessions(*outbox);
        REQUIRE(sessions.size() == 2);
        CHECK(sessions[0].session_id == "s1");
        CHECK(sessions[0].snapshot == "{\"routine\":\"r1\"}");
        CHECK(sessions[1].session_id == "s2");
        CHECK(sessions[1].snapshot == "{\"routine\":\"r2\"}");

        // The same id again replaces its snapshot.
        outbox->session_opened("s1", "{\"routine\":\"r1\",\"step\":3}");
        sessions = sorted_sessions(*outbox);
        REQUIRE(sessions.size() == 2);
        CHECK(sessions[0].snapshot == "{\"routine\":\"r1\",\"step\":3}");

        outbox->session_closed("s2");
        outbox->session_closed("unknown");  // harmless
        // Sessions are not events.
        CHECK(outbox->depth() == 0);
    }
    {
        auto outbox = open_ok(file);
        const auto sessions = sorted_sessions(*outbox);
        REQUIRE(sessions.size() == 1);
        CHECK(sessions[0].session_id == "s1");
        CHECK(sessions[0].snapshot == "{\"routine\":\"r1\",\"step\":3}");
        outbox->session_closed("s1");
        CHECK(outbox->open_sessions().empty());
    }
    auto outbox = open_ok(file);
    CHECK(outbox->open_sessions().empty());
}

// An event that opens or closes session `session`, for Outbox::append.
Outbox::NewEvent session_event(const std::string& event_id, const std::string& session,
                               Outbox::SessionMark mark, std::int64_t now_ms = kDay) {
    HistoryRow row = row_of(
        mark == Outbox::SessionMark::opens ? "session_started" : "session_completed", now_ms);
    row.session_id = session;
    return {event_id, row, [event_id](std::int64_t seq) { return payload_for(event_id, seq); },
            mark, mark == Outbox::SessionMark::opens ? "{\"routine_id\":\"r1\"}" : ""};
}

TEST_CASE("a session opens and closes in the same transaction as its start and end events",
          "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    auto outbox = open_ok(file);
    outbox->append({session_event("start-1", "s1", Outbox::SessionMark::opens),
                    session_event("start-2", "s2", Outbox::SessionMark::opens)},
                   kDay);
    auto sessions = sorted_sessions(*outbox);
    REQUIRE(sessions.size() == 2);
    CHECK(sessions[0].session_id == "s1");
    CHECK(sessions[0].snapshot == "{\"routine_id\":\"r1\"}");

    outbox->append({session_event("end-1", "s1", Outbox::SessionMark::closes)}, kDay + 1);
    sessions = sorted_sessions(*outbox);
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].session_id == "s2");
    CHECK(outbox->depth() == 3);
}

// A crash (or any failure) between storing an event and marking its session used to leave a
// session closed twice (its end stored, the session still open: power_loss at the next start)
// or never closed (its start stored, not open). Now the two share one transaction.
TEST_CASE("a failed append changes no session", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    auto outbox = open_ok(file);
    outbox->append({session_event("start-1", "s1", Outbox::SessionMark::opens)}, kDay);

    // The end of s1 in a batch that fails (a repeated id): s1 stays open, the end is not stored.
    CHECK_THROWS_AS(outbox->append({session_event("end-1", "s1", Outbox::SessionMark::closes),
                                    session_event("start-1", "s9", Outbox::SessionMark::opens)},
                                   kDay + 1),
                    SqliteError);
    REQUIRE(outbox->open_sessions().size() == 1);
    CHECK(outbox->depth() == 1);

    // The start of s2 whose payload cannot be built: s2 is not open.
    Outbox::NewEvent broken = session_event("start-2", "s2", Outbox::SessionMark::opens);
    broken.payload = [](std::int64_t) -> std::string { throw std::runtime_error("no payload"); };
    CHECK_THROWS_WITH(outbox->append({broken}, kDay + 2), "no payload");
    const auto sessions = outbox->open_sessions();
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].session_id == "s1");
    CHECK(query_int(file, "SELECT COUNT(*) FROM open_sessions") == 1);
}

// ---------------------------------------------------------------------------------------------
// Statistics

TEST_CASE("stats count started, completed and abandoned sessions within [from, to)", "[outbox]") {
    TempDir dir;
    auto outbox = open_ok(dir.path() / "events.db");
    int n = 0;
    const auto put = [&](const std::string& type, std::int64_t ts, const std::string& routine,
                         std::int64_t active_ms = 0) {
        const std::string id = "ev-" + std::to_string(++n);
        outbox->append(
            id, row_of(type, ts, routine, active_ms),
            [&](std::int64_t seq) { return payload_for(id, seq); }, kDay + 24 * kHourMs);
    };
    const std::int64_t from = kDay;
    const std::int64_t to = kDay + 24 * kHourMs;

    put("session_started", from, "r1");  // the start is included
    put("session_started", from + kHourMs, "r1");
    put("step_completed", from + kHourMs + 60'000, "r1", 999);  // other types are ignored
    put("session_completed", from + kHourMs + 600'000, "r1", 600'000);
    put("session_started", from + kHourMs + 300'000, "r2");
    put("session_completed", from + 2 * kHourMs, "r2", 300'000);
    put("session_started", from + 23 * kHourMs, "r2");
    put("session_abandoned", from + 23 * kHourMs + 1'800'000, "r2", 50'000);
    put("class_command", from + 5 * kHourMs, "r1", 7);
    // Outside the range: just before, and exactly at the (excluded) end.
    put("session_started", from - 1, "r3");
    put("session_completed", from - 1, "r1", 1'000'000);
    put("session_started", to, "r3");
    put("session_abandoned", to, "r1", 2'000'000);

    std::vector<std::int64_t> asked;
    const DayStats d = outbox->stats(from, to, [&](std::int64_t ts) {
        asked.push_back(ts);
        return static_cast<int>(((ts - kDay) / kHourMs + 2) % 24);  // a UTC+2 facility
    });
    CHECK(d.sessions == 4);
    CHECK(d.completed == 2);
    CHECK(d.abandoned == 1);
    // Completed sessions' active time, and (as implemented) abandoned sessions' as well.
    CHECK(d.active_ms == 600'000 + 300'000 + 50'000);

    REQUIRE(d.by_routine.size() == 2);
    CHECK(d.by_routine.count("r3") == 0);
    CHECK(d.by_routine.at("r1").sessions == 2);
    CHECK(d.by_routine.at("r1").completed == 1);
    CHECK(d.by_routine.at("r2").sessions == 2);
    CHECK(d.by_routine.at("r2").completed == 1);

    // The local hour is asked of the starts and ends in range (these ends have no start of
    // their own in the history, so their own time stands in).
    std::sort(asked.begin(), asked.end());
    CHECK(asked == std::vector<std::int64_t>{from, from + kHourMs, from + kHourMs + 300'000,
                                             from + kHourMs + 600'000, from + 2 * kHourMs,
                                             from + 23 * kHourMs, from + 23 * kHourMs + 1'800'000});
    CHECK(d.sessions_by_hour == std::map<int, int>{{1, 1}, {2, 1}, {3, 2}});
    CHECK(d.abandoned_by_reason == std::map<std::string, int>{{"unknown", 1}});

    SECTION("an empty range counts nothing") {
        const DayStats none = outbox->stats(from + 3 * kHourMs, from + 4 * kHourMs,
                                            [](std::int64_t) -> int { return 0; });
        CHECK(none.sessions == 0);
        CHECK(none.completed == 0);
        CHECK(none.abandoned == 0);
        CHECK(none.active_ms == 0);
        CHECK(none.by_routine.empty());
        CHECK(none.sessions_by_hour.empty());
    }
    SECTION("the history is the same after reopening") {
        outbox.reset();
        outbox = open_ok(dir.path() / "events.db");
        const DayStats again = outbox->stats(from, to, [](std::int64_t) { return 0; });
        CHECK(again.sessions == 4);
        CHECK(again.completed == 2);
        CHECK(again.abandoned == 1);
        CHECK(again.active_ms == 950'000);
        CHECK(again.sessions_by_hour == std::map<int, int>{{0, 4}});
    }
}

// ---------------------------------------------------------------------------------------------
// Opening

TEST_CASE("a corrupt database file is moved aside and a new one started", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    std::string garbage(4096, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i)
        garbage[i] = static_cast<char>((i * 37 + 11) % 251);
    dir.write("events.db", garbage);
    REQUIRE(fs::file_size(file) == 4096);

    auto opened = Outbox::open(file);
    REQUIRE(opened.outbox != nullptr);
    INFO(opened.problem);
    REQUIRE_FALSE(opened.problem.empty());
    CHECK(opened.problem.find(file.string()) != std::string::npos);

    // The problem names where the bad file went, and it is there, byte for byte.
    const std::string marker = "moved to ";
    const auto at = opened.problem.find(marker);
    REQUIRE(at != std::string::npos);
    const auto end = opened.problem.find(" and a new one started", at);
    REQUIRE(end != std::string::npos);
    const fs::path aside = opened.problem.substr(at + marker.size(), end - at - marker.size());
    CHECK(aside.string().find(file.string() + ".unreadable-") == 0);
    REQUIRE(fs::exists(aside));
    CHECK(read_all(aside) == garbage);
    CHECK(aside_files(dir.path()) == std::vector<fs::path>{aside});

    // The new database works, and is a proper one when opened again.
    auto& outbox = *opened.outbox;
    CHECK(outbox.depth() == 0);
    const StoredEvent first = add(outbox, "after-recovery");
    CHECK(outbox.pending(0, 10).size() == 1);
    opened.outbox.reset();
    auto reopened = open_ok(file);
    const auto pending = reopened->pending(0, 10);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].seq == first.seq);
    CHECK(pending[0].event_id == "after-recovery");
    CHECK(aside_files(dir.path()).size() == 1);
}

TEST_CASE("a database in a folder that does not exist yet gets its folder", "[outbox]") {
    TempDir dir;
    const fs::path file = dir.path() / "var" / "lib" / "rollstation" / "events.db";
    REQUIRE_FALSE(fs::exists(file.parent_path()));
    {
        auto outbox = open_ok(file);
        CHECK(fs::is_directory(file.parent_path()));
        CHECK(fs::exists(file));
        CHECK(add(*outbox, "first").seq == 1);
    }
    auto outbox = open_ok(file);
    CHECK(outbox->depth() == 1);
}

TEST_CASE("a healthy database that another connection holds locked is not moved aside",
          "[outbox]") {
    // A write lock held longer than the 2 s busy timeout makes opening fail with SQLITE_BUSY:
    // that is refused, and the file with its undelivered events stays. (Takes about 2 s.)
    TempDir dir;
    const fs::path file = dir.path() / "events.db";
    {
        auto outbox = open_ok(file);
        for (int i = 1; i <= 3; ++i)
            add(*outbox, "ev-" + std::to_string(i));
    }
    std::string problem;
    {
        rs::storage::Database other(file);
        other.exec("BEGIN IMMEDIATE");
        try {
            auto opened = Outbox::open(file);
            problem = opened.problem;
        } catch (const SqliteError&) {
            // Refusing to open while locked would be acceptable; moving the file aside is not.
        }
        other.exec("ROLLBACK");
    }
    INFO(problem);
    CHECK(problem.empty());
    CHECK(aside_files(dir.path()).empty());
    auto outbox = open_ok(file);
    CHECK(outbox->depth() == 3);
}
