// A station that sent events before its clock was synchronised (a Pi at 2000-01-01 until NTP)
// follows them with clock_corrected. The recorder moves those events to their real time, in the
// events table and in the rollups, on a SQLite file and on a real PostgreSQL alike.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "recorder/clock_correction.hpp"
#include "recorder/event_store.hpp"
#include "recorder/postgres_server.hpp"
#include "recorder/sample_events.hpp"

using namespace rs::recorder;
using namespace rs::rtest;

namespace {

constexpr std::int64_t kBoot2000 = 946'720'800'000;  // 2000-01-01T10:00:00Z

// A session of `boot` with the station's unsynchronised stamps: started at mono 5 s.
std::vector<RecordedEvent> early_session(const std::string& boot, const std::string& id) {
    rs::core::UsageEvent start;
    start.type = rs::core::EventType::session_started;
    start.ts = rs::core::WallTime{std::chrono::milliseconds(kBoot2000)};
    start.session_id = id;
    start.routine_id = "pre-run";
    start.planned_s = 300;
    start.steps_total = 4;
    rs::core::UsageEvent end = start;
    end.type = rs::core::EventType::session_completed;
    end.ts = start.ts + std::chrono::seconds(310);
    end.active = rs::core::Millis{300'000};
    end.elapsed = rs::core::Millis{310'000};
    end.steps_completed = 4;
    end.steps_skipped = 0;
    return {
        decoded("northside", "roller-1",
                rs::mqtt::event_payload(start, "roller-1", 1, id + "-a", {boot, 5'000, false})),
        decoded("northside", "roller-1",
                rs::mqtt::event_payload(end, "roller-1", 2, id + "-b", {boot, 315'000, false}))};
}

// NTP arrived at mono 1000 s: by then the real time was 2026-06-10T08:00:00Z.
RecordedEvent correction(const std::string& boot) {
    return decoded(
        "northside", "roller-1",
        rs::mqtt::clock_corrected_payload(
            "roller-1", 3, "fix-" + boot, {boot, 1'000'000, true},
            rs::core::WallTime{std::chrono::milliseconds(utc_ms(2026, 6, 10, 8, 0))}, 2));
}

RollupCounts in_year(EventStore& store, int year) {
    const auto rows = store.grouped({"northside", {year, 1, 1}, {year, 12, 31}}, Grouping::total);
    return rows.empty() ? RollupCounts{} : rows.front().counts;
}

std::string uri_for(const std::string& kind, const TempDir& dir) {
    return kind == "sqlite" ? "sqlite:" + (dir / "recorder.db").string()
                            : shared_postgres().fresh_database();
}

}  // namespace

TEST_CASE("clock_corrected moves a boot's unsynchronised events and their rollups to their time",
          "[recorder][store][clock]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(kind);
    TempDir dir;
    ZoneBook zones;
    auto store = open_store(uri_for(kind, dir), zones);
    store->store(early_session("boot-a", "s1"));
    store->store(early_session("boot-b", "s2"));  // another boot, corrected by its own event
    CHECK(in_year(*store, 2000).started == 2);

    const StoreOutcome outcome = store->store({correction("boot-a")});
    CHECK(outcome.stored == 1);
    CHECK(outcome.restamped == 2);
    CHECK(outcome.problems.empty());
    // boot-a's session now counts on 2026-06-10, 995 s before NTP arrived; boot-b's stays.
    CHECK(in_year(*store, 2000).started == 1);
    const RollupCounts moved = in_year(*store, 2026);
    CHECK(moved.started == 1);
    CHECK(moved.completed == 1);
    CHECK(moved.active_s == Approx(300));
    const auto by_hour =
        store->grouped({"northside", {2026, 6, 10}, {2026, 6, 10}}, Grouping::hour);
    REQUIRE(by_hour.size() == 1);
    CHECK(by_hour.front().key.back() == "7");  // 08:00 - 995 s is 07:43 UTC

    // A redelivered correction moves nothing twice.
    const StoreOutcome again = store->store({correction("boot-a")});
    CHECK(again.duplicates == 1);
    CHECK(again.restamped == 0);
    CHECK(in_year(*store, 2026).started == 1);
}

TEST_CASE("a re-stamped payload keeps the station's stamp as recorded_ts", "[recorder][clock]") {
    ZoneBook zones;
    const auto events = early_session("boot-a", "s1");
    const ClockCorrection fix =
        correct_clock(correction("boot-a"), {{events[0].event_id, events[0].payload}}, zones);
    REQUIRE(fix.events.size() == 1);
    const auto j = nlohmann::json::parse(fix.events[0].payload);
    CHECK(j["ts"] == "2026-06-10T07:43:25.000Z");
    CHECK(j["recorded_ts"] == "2000-01-01T10:00:00.000Z");
    CHECK(j["clock_synced"] == true);
    CHECK(fix.events[0].ts_ms == utc_ms(2026, 6, 10, 8, 0) - 995'000);
    CHECK(format_timestamp(kBoot2000 + 7) == "2000-01-01T10:00:00.007Z");
}

TEST_CASE("a clock_corrected event without its clock fields is refused with the reason",
          "[recorder][clock]") {
    auto j = nlohmann::json::parse(correction("boot-a").payload);
    j.erase("corrects");
    const auto refused = decode_event({"northside", "roller-1"}, j.dump());
    REQUIRE(std::holds_alternative<std::string>(refused));
    CHECK(std::get<std::string>(refused).find("\"corrects\"") != std::string::npos);
}
