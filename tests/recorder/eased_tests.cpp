// "Too intense": a step the athlete eased off is counted in the rollups, on a SQLite file and on
// a real PostgreSQL, and reports show it in every format.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "kit/usage_events.hpp"
#include "recorder/event_store.hpp"
#include "recorder/postgres_server.hpp"
#include "recorder/report.hpp"
#include "recorder/sample_events.hpp"
#include "storage/sqlite.hpp"

using namespace rs::recorder;
using namespace rs::rtest;

namespace {

// A step of `routine` at `ts_ms`, eased off from the lacrosse ball or done as planned.
RecordedEvent step(std::int64_t ts_ms, bool eased, const std::string& id) {
    rs::core::UsageEvent e = rs::kit::calves_step(1, 60, rs::core::Millis{50'000});
    e.ts = rs::core::WallTime{std::chrono::milliseconds(ts_ms)};
    e.session_id = "s-" + id;
    e.routine_id = "pre-run";
    e.tool = rs::core::Tool::tennis_ball;
    if (eased)
        e.eased_from_tool = rs::core::Tool::lacrosse_ball;
    return decoded("northside", "roller-1", rs::mqtt::event_payload(e, "roller-1", 1, id, {}));
}

}  // namespace

TEST_CASE("steps eased off are counted by day, station and hour", "[recorder][store][eased]") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgresql");
    INFO(kind);
    TempDir dir;
    ZoneBook zones;
    auto store = open_store(
        kind == "sqlite" ? "sqlite:" + (dir / "r.db").string() : shared_postgres().fresh_database(),
        zones);
    const std::int64_t nine = utc_ms(2026, 6, 10, 9, 0);
    CHECK(store
              ->store({step(nine, true, "e1"), step(nine + 60'000, false, "e2"),
                       step(utc_ms(2026, 6, 11, 14, 0), true, "e3")})
              .stored == 3);
    const auto total = store->grouped({"northside", {2026, 6, 1}, {2026, 6, 30}}, Grouping::total);
    REQUIRE(total.size() == 1);
    CHECK(total.front().counts.eased_steps == 2);
    CHECK(total.front().counts.started == 0);  // a step starts nothing
    const auto days = store->grouped({"northside", {2026, 6, 1}, {2026, 6, 30}}, Grouping::day);
    REQUIRE(days.size() == 2);
    CHECK(days[0].counts.eased_steps == 1);
    const auto hours = store->grouped({"northside", {2026, 6, 10}, {2026, 6, 10}}, Grouping::hour);
    REQUIRE(hours.size() == 1);
    CHECK(hours.front().key.back() == "9");
}

TEST_CASE("reports say how many steps were eased off", "[recorder][eased]") {
    Report r;
    r.request.from = {2026, 6, 1};
    r.request.to = {2026, 6, 30};
    r.request.by = Grouping::station;
    r.total.eased_steps = 3;
    r.groups.push_back({"northside/roller-1", r.total, std::nullopt});
    CHECK(nlohmann::json::parse(report_json(r))["total"]["eased_steps"] == 3);
    const std::string csv = report_csv(r);
    CHECK(csv.substr(0, csv.find('\n')).ends_with(",eased_steps"));
    CHECK(csv.find(",3\n") != std::string::npos);
    CHECK(report_table(r).find("steps eased off (\"Too intense\"): 3") != std::string::npos);
}

TEST_CASE("a recorder file from before eased steps were counted is brought up to date",
          "[recorder][store][eased]") {
    TempDir dir;
    const auto file = dir / "old.db";
    {
        // The rollup tables as the release before made them: no eased_steps column.
        rs::storage::Database db(file);
        const std::string counts =
            "started BIGINT NOT NULL, completed BIGINT NOT NULL, abandoned BIGINT NOT NULL, "
            "user_stopped BIGINT NOT NULL, idle_timeout BIGINT NOT NULL, preempted BIGINT NOT "
            "NULL, power_loss BIGINT NOT NULL, other BIGINT NOT NULL, active_s DOUBLE PRECISION "
            "NOT NULL, force_sum DOUBLE PRECISION NOT NULL, force_n BIGINT NOT NULL, tempo_sum "
            "DOUBLE PRECISION NOT NULL, tempo_n BIGINT NOT NULL, class_started BIGINT NOT NULL, "
            "class_completed BIGINT NOT NULL";
        db.exec(("CREATE TABLE rollup_hour (day TEXT NOT NULL, facility TEXT NOT NULL, station "
                 "TEXT NOT NULL, hour INTEGER NOT NULL, weekday INTEGER NOT NULL, " +
                 counts + ", PRIMARY KEY (day, facility, station, hour)) WITHOUT ROWID")
                    .c_str());
        db.exec(("CREATE TABLE rollup_day (day TEXT NOT NULL, facility TEXT NOT NULL, station "
                 "TEXT NOT NULL, routine TEXT NOT NULL, " +
                 counts + ", PRIMARY KEY (day, facility, station, routine)) WITHOUT ROWID")
                    .c_str());
        db.exec(
            "INSERT INTO rollup_day VALUES ('2026-06-09', 'northside', 'roller-1', 'pre-run', "
            "1, 1, 0, 0, 0, 0, 0, 0, 300, 0, 0, 0, 0, 0, 0)");
    }
    ZoneBook zones;
    auto store = open_store("sqlite:" + file.string(), zones);
    CHECK(store->store({step(utc_ms(2026, 6, 10, 9, 0), true, "e1")}).stored == 1);
    const auto total = store->grouped({"northside", {2026, 6, 1}, {2026, 6, 30}}, Grouping::total);
    REQUIRE(total.size() == 1);
    CHECK(total.front().counts.started == 1);  // what the old file held
    CHECK(total.front().counts.eased_steps == 1);
}
