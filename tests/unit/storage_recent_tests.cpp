// What the history tells a dashboard beyond "sessions started": how sessions ended (completed,
// abandoned and why) by the hour they started, a database from before reasons were kept, and
// the short recent history the station keeps retained. Real SQLite files in temporary folders.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mqtt/recent_history.hpp"
#include "rollstation/core/commands.hpp"
#include "storage/outbox.hpp"
#include "unit/outbox_file.hpp"

using namespace rs::test::outbox_file;

namespace {

int utc_hour(std::int64_t ts) {
    return static_cast<int>(((ts - kDay) / kHourMs % 24 + 24) % 24);
}

void put(Outbox& outbox, const std::string& type, std::int64_t ts, const std::string& session,
         const std::string& reason = {}) {
    static int n = 0;
    const std::string id = "recent-" + std::to_string(++n);
    const HistoryRow row{type, ts,     session, "pre-run",    "athlete",
                         1000, reason, {},      std::nullopt, true};
    outbox.append(
        id, row,
        [&](std::int64_t seq) {
            return "{\"v\":1,\"type\":\"" + type + "\",\"seq\":" + std::to_string(seq) + "}";
        },
        ts);
}

}  // namespace

TEST_CASE("abandoned sessions count by reason, and each end by the hour its session started",
          "[outbox][stats]") {
    TempDir dir;
    auto outbox = open_ok(dir.path() / "station.db");
    // 07:50 start, completed at 08:10: it belongs to 07 like its start.
    put(*outbox, "session_started", kDay + 7 * kHourMs + 50 * 60'000, "a");
    put(*outbox, "session_completed", kDay + 8 * kHourMs + 10 * 60'000, "a");
    put(*outbox, "session_started", kDay + 8 * kHourMs, "b");
    put(*outbox, "session_abandoned", kDay + 8 * kHourMs + 60'000, "b", "user_stopped");
    put(*outbox, "session_started", kDay + 9 * kHourMs, "c");
    put(*outbox, "session_abandoned", kDay + 9 * kHourMs + 60'000, "c", "idle_timeout");
    put(*outbox, "session_started", kDay + 9 * kHourMs + 120'000, "d");
    put(*outbox, "session_abandoned", kDay + 9 * kHourMs + 180'000, "d", "idle_timeout");
    // Started yesterday, ended today: its start is found outside the range asked about.
    put(*outbox, "session_started", kDay - kHourMs, "e");
    put(*outbox, "session_abandoned", kDay + 60'000, "e", "power_loss");
    // Still running: started, not ended.
    put(*outbox, "session_started", kDay + 10 * kHourMs, "f");

    const auto d = outbox->stats(kDay, kDay + 24 * kHourMs, utc_hour);
    CHECK(d.sessions == 5);
    CHECK(d.completed == 1);
    CHECK(d.abandoned == 4);
    CHECK(d.abandoned_by_reason ==
          std::map<std::string, int>{{"idle_timeout", 2}, {"power_loss", 1}, {"user_stopped", 1}});
    CHECK(d.by_routine.at("pre-run").sessions == 5);
    CHECK(d.by_routine.at("pre-run").completed == 1);
    CHECK(d.by_routine.at("pre-run").abandoned == 4);
    CHECK(d.sessions_by_hour == std::map<int, int>{{7, 1}, {8, 1}, {9, 2}, {10, 1}});
    std::map<int, std::pair<int, int>> outcomes;
    for (const auto& [hour, o] : d.outcomes_by_hour)
        outcomes[hour] = {o.completed, o.abandoned};
    CHECK(outcomes ==
          std::map<int, std::pair<int, int>>{{7, {1, 0}}, {8, {0, 1}}, {9, {0, 2}}, {23, {0, 1}}});
}

TEST_CASE("a database from before reasons were kept opens, counts its abandons as unknown",
          "[outbox][stats]") {
    TempDir dir;
    const auto file = dir.path() / "station.db";
    // The first release's history table, with one abandoned session in it.
    write_first_history(file, false,
                        "INSERT INTO history (type, ts_ms, session_id, routine_id, source, "
                        "active_ms) VALUES ('session_abandoned', 1795046460000, 'old', 'pre-run', "
                        "'athlete', 5000)");
    auto outbox = open_ok(file);
    put(*outbox, "session_abandoned", kDay + 120'000, "new", "preempted");
    const auto d = outbox->stats(kDay, kDay + 24 * kHourMs, utc_hour);
    CHECK(d.abandoned == 2);
    CHECK(d.abandoned_by_reason == std::map<std::string, int>{{"preempted", 1}, {"unknown", 1}});
}

TEST_CASE("the recent history keeps the feed's events, commands and answers, newest last",
          "[outbox][recent]") {
    TempDir dir;
    const auto file = dir.path() / "station.db";
    {
        auto outbox = open_ok(file);
        // Without a topic (tools, tests of other things) events are not remembered.
        put(*outbox, "session_started", kDay, "x");
        CHECK(outbox->recent().empty());
        outbox->set_recent_event_topic("rs/f/station/s/event");
        put(*outbox, "session_started", kDay + 1, "a");
        put(*outbox, "step_completed", kDay + 2, "a");  // not news for a feed
        put(*outbox, "session_completed", kDay + 3, "a");
        outbox->remember_recent("rs/f/station/s/cmd/result", R"({"v":1,"result":"accepted"})");
        const auto recent = outbox->recent();
        REQUIRE(recent.size() == 3);
        CHECK(recent[0].topic == "rs/f/station/s/event");
        CHECK(recent[0].payload.find("session_started") != std::string::npos);
        CHECK(recent[1].payload.find("session_completed") != std::string::npos);
        CHECK(recent[2].topic == "rs/f/station/s/cmd/result");
    }
    SECTION("it survives a restart and stays bounded, the oldest going first") {
        auto outbox = open_ok(file);
        CHECK(outbox->recent().size() == 3);
        for (int i = 0; i < 50; ++i)
            outbox->remember_recent("t", "{\"n\":" + std::to_string(i) + "}");
        const auto recent = outbox->recent();
        REQUIRE(recent.size() == Outbox::kRecentKept);
        CHECK(recent.front().payload == "{\"n\":10}");
        CHECK(recent.back().payload == "{\"n\":49}");
    }
}

TEST_CASE("the recent payload lists entries oldest first and leaves out the oldest when too big",
          "[recent]") {
    std::vector<rs::storage::RecentEntry> entries;
    for (int i = 0; i < 10; ++i)
        entries.push_back({"rs/f/station/s/event", "{\"n\":" + std::to_string(i) + "}"});
    entries.push_back({"rs/f/station/s/event", "not json"});  // skipped, never a crash
    const auto now = std::chrono::system_clock::time_point(std::chrono::milliseconds(kDay));
    auto j = nlohmann::json::parse(rs::mqtt::recent_payload(entries, "s", now));
    CHECK(j["v"] == 1);
    CHECK(j["station"] == "s");
    CHECK(j["updated_at"] == "2026-11-19T00:00:00.000Z");
    REQUIRE(j["entries"].size() == 10);
    CHECK(j["entries"][0] ==
          nlohmann::json{{"topic", "rs/f/station/s/event"}, {"payload", {{"n", 0}}}});
    CHECK(j["entries"][9]["payload"]["n"] == 9);
    // Each entry is 51 bytes with its comma: room for three.
    j = nlohmann::json::parse(rs::mqtt::recent_payload(entries, "s", now, 160));
    REQUIRE(j["entries"].size() == 3);
    CHECK(j["entries"][0]["payload"]["n"] == 7);
}

TEST_CASE("a command's summary keeps what a dashboard shows, and a name only when given",
          "[recent]") {
    auto routine = std::make_shared<rs::core::Routine>();
    routine->id = "team-warm-up";
    routine->title = "Team warm-up";
    rs::core::ClassWarmup w;
    w.command_id = "c1";
    w.routine = routine;
    w.start_at = std::chrono::system_clock::time_point(std::chrono::milliseconds(kDay));
    const auto received = w.start_at - std::chrono::seconds(30);
    auto j = nlohmann::json::parse(rs::mqtt::command_summary(w, received));
    CHECK(j == nlohmann::json{{"v", 1},
                              {"command_id", "c1"},
                              {"type", "class_warmup"},
                              {"routine_id", "team-warm-up"},
                              {"start_at", "2026-11-19T00:00:00.000Z"},
                              {"received_at", "2026-11-18T23:59:30.000Z"}});
    w.inline_routine = true;
    w.coach = "Sam";
    w.message = "Team A";
    j = nlohmann::json::parse(rs::mqtt::command_summary(w, received));
    CHECK(j["routine"] == nlohmann::json{{"id", "team-warm-up"}, {"title", "Team warm-up"}});
    CHECK(!j.contains("routine_id"));
    CHECK(j["coach"] == "Sam");
    CHECK(j["message"] == "Team A");
    j = nlohmann::json::parse(
        rs::mqtt::command_summary(rs::core::CancelClass{"c2", "c1"}, received));
    CHECK(j == nlohmann::json{{"v", 1},
                              {"command_id", "c2"},
                              {"type", "cancel"},
                              {"target", "c1"},
                              {"received_at", "2026-11-18T23:59:30.000Z"}});
}
