// The durable outbox's open sessions, kept in the same transaction as their events, and its daily
// statistics. Every test uses a real SQLite file in its own temporary folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/outbox.hpp"
#include "storage/sqlite.hpp"
#include "unit/outbox_file.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using namespace rs::test::outbox_file;

namespace {

std::vector<OpenSession> sorted_sessions(Outbox& outbox) {
    auto sessions = outbox.open_sessions();
    std::sort(sessions.begin(), sessions.end(), [](const OpenSession& a, const OpenSession& b) {
        return a.session_id < b.session_id;
    });
    return sessions;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Open sessions

TEST_CASE_METHOD(OutboxFolder,
                 "open sessions are remembered, replaced and closed, across reopening",
                 "[outbox]") {
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

TEST_CASE_METHOD(OutboxFolder,
                 "a session opens and closes in the same transaction as its start and end events",
                 "[outbox]") {
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
TEST_CASE_METHOD(OutboxFolder, "a failed append changes no session", "[outbox]") {
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

TEST_CASE("stats count started, completed and abandoned sessions in a period, its end left out",
          "[outbox]") {
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
