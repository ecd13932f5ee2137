// Reports: the maths on a real SQLite store, opening hours across DST, and the command line.
#include <catch2/catch.hpp>

#include <fstream>

#include "integration/support.hpp"
#include "recorder/report.hpp"
#include "recorder/sample_events.hpp"

using namespace rs::recorder;
using namespace rs::rtest;
using rs::itest::ChildProcess;
using rs::itest::TempDir;

TEST_CASE("opening minutes follow the wall clock across DST changes", "[recorder][report][dst]") {
    const auto berlin = *TimeZone::load("Europe/Berlin");
    OpeningHours always = OpeningHours::always();
    // 29 March 2026 has 23 hours in Berlin, 25 October 25.
    CHECK(opening_minutes(always, berlin, {2026, 3, 29}, {2026, 3, 29}) == 23 * 60);
    CHECK(opening_minutes(always, berlin, {2026, 10, 25}, {2026, 10, 25}) == 25 * 60);
    OpeningHours early;
    early.by_weekday.fill(OpeningHours::Interval{60, 4 * 60});  // 01:00-04:00, across the gap
    CHECK(opening_minutes(early, berlin, {2026, 3, 29}, {2026, 3, 29}) == 120);
    early.by_weekday[6].reset();  // closed on Sundays
    CHECK(opening_minutes(early, berlin, {2026, 3, 29}, {2026, 3, 29}) == 0);
    CHECK(opening_minutes(early, berlin, {2026, 3, 23}, {2026, 3, 29}) == 6 * 180);
}

TEST_CASE("a report by station and by day, in every format", "[recorder][report]") {
    TempDir dir;
    const auto config_file = dir / "recorder.yaml";
    std::ofstream(config_file) << "recorder:\n  store: sqlite:recorder.db\n"
                               << "facilities:\n  northside:\n    timezone: Europe/Berlin\n"
                               << "    opening_hours: {daily: \"06:00-22:00\", sun: closed}\n";
    rs::config::Diagnostics errors;
    const auto config = load_recorder_config(config_file, errors);
    REQUIRE(errors.empty());
    REQUIRE(config);
    const ZoneBook zones = zones_of(*config);
    {
        auto store = open_store(config->store, zones);
        std::vector<RecordedEvent> events;
        for (int i = 0; i < 8; ++i) {
            SessionSpec s;
            s.station = i < 6 ? "roller-1" : "roller-2";
            s.start_ms = utc_ms(2026, 6, 8 + i % 2, 16, 0);  // 18:00 local, Mon and Tue
            s.active_s = 480;
            s.completed = i != 5;
            s.reason = rs::core::AbandonReason::user_stopped;
            s.from_class = i < 2;
            s.mean_force_n = 200.0;
            for (auto& e : session_events(s, 2 * i + 1, "s" + std::to_string(i)))
                events.push_back(std::move(e));
        }
        store->store(events);
        const Report r = build_report(*store, *config,
                                      {"northside", {2026, 6, 8}, {2026, 6, 9}, Grouping::station});
        CHECK(r.total.started == 8);
        CHECK(r.total.abandoned == 1);
        CHECK(r.stations == 2);
        CHECK(r.opening_minutes == 2 * 16 * 60);
        REQUIRE(r.groups.size() == 2);
        CHECK(r.groups[0].id == "roller-1");
        // 6 sessions of 8 minutes over two 16-hour days.
        REQUIRE(r.groups[0].utilisation);
        CHECK(*r.groups[0].utilisation == Approx(48.0 / (32 * 60)));
        CHECK(r.heatmap[0][18] == 4);  // Monday 18:00
        CHECK(r.heatmap[1][18] == 4);
        const std::string csv = report_csv(r);
        CHECK(csv.rfind("station,sessions,completed,abandoned,", 0) == 0);
        CHECK(csv.find("\nroller-1,6,5,1,1,0,0,0,0,48.0,2.5,2,2,200.0,,0\n") != std::string::npos);
        const auto json = nlohmann::json::parse(report_json(r));
        CHECK(json["total"]["sessions"] == 8);
        CHECK(json["heatmap"][0][18] == 4);
        CHECK(report_table(r).find("Mon  ") != std::string::npos);
    }

    const auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), ROLLSTATION_RECORDER_BINARY);
        ChildProcess p(args, dir.path(), "report");
        const auto code = p.wait_for_exit(std::chrono::seconds(10));
        return std::make_tuple(code.value_or(-1), p.out(), p.err());
    };
    const auto [ok, out, err] =
        run({"report", "--config", config_file.string(), "--from", "2026-06-01", "--to",
             "2026-06-30", "--by", "day", "--format", "table"});
    INFO(err);
    CHECK(ok == 0);
    CHECK(out.find("2026-06-08") != std::string::npos);
    CHECK(out.find("total") != std::string::npos);
    const auto [bad_date, o1, e1] = run({"report", "--config", config_file.string(), "--from",
                                         "2026-02-30", "--to", "2026-06-30", "--format", "csv"});
    CHECK(bad_date == 2);
    CHECK(e1.find("--from '2026-02-30' is not a date") != std::string::npos);
    const auto [bad_by, o2, e2] =
        run({"report", "--config", config_file.string(), "--from", "2026-06-01", "--to",
             "2026-06-30", "--by", "week", "--format", "csv"});
    CHECK(bad_by == 2);
    CHECK(e2.find("--by 'week' must be") != std::string::npos);
    const auto [reversed, o3, e3] = run({"report", "--config", config_file.string(), "--from",
                                         "2026-06-30", "--to", "2026-06-01", "--format", "csv"});
    CHECK(reversed == 2);
    const auto [missing, o4, e4] = run({"report", "--from", "2026-06-01"});
    CHECK(missing == 2);
    std::ofstream(dir / "bad.yaml") << "recorder:\n  store: mysql://x\n  timezone: Mars/Base\n";
    const auto [bad_file, o5, e5] =
        run({"--check-config", "--config", (dir / "bad.yaml").string()});
    CHECK(bad_file == 1);
    CHECK(e5.find("bad.yaml:2:10: recorder.store 'mysql://x' must be") != std::string::npos);
    CHECK(e5.find("recorder.timezone 'Mars/Base' is not a time zone") != std::string::npos);
}
