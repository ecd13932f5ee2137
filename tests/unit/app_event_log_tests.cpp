// Usage events as log lines: every field that is set, as JSON.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "app/event_log.hpp"
#include "kit/usage_events.hpp"

using namespace rs::core;

TEST_CASE("an event line carries every field that is set", "[event-log]") {
    UsageEvent e = rs::kit::calves_step(2, 45, Millis{44'500});
    e.ts = WallTime{std::chrono::milliseconds{1'795'000'123'456}};
    e.session_id = "s1";
    e.routine_id = "pre-run";
    e.source = SessionSource::class_command;
    e.command_id = "c9";
    e.passes = 14;
    e.seconds_per_pass = 3.1;
    e.sensor_active = Millis{43'000};
    e.mean_force_n = 221.5;
    e.peak_force_n = 260.0;
    const std::string line = rs::app::describe_event(e);
    REQUIRE(line.rfind("event ", 0) == 0);
    const auto j = nlohmann::json::parse(line.substr(6));
    CHECK(j["v"] == 1);
    CHECK(j["type"] == "step_completed");
    CHECK(j["ts"] == "2026-11-18T11:08:43.456Z");
    CHECK(j["source"] == "class");
    CHECK(j["command_id"] == "c9");
    CHECK(j["active_s"] == Approx(44.5));
    CHECK(j["area"] == "calves");
    CHECK(j["tool"] == "foam-roller");
    CHECK(j["side"] == "left");
    CHECK(j["passes"] == 14);
    CHECK(j["seconds_per_pass"] == Approx(3.1));
    CHECK(j["sensor_active_s"] == Approx(43.0));
    CHECK(j["mean_force_n"] == Approx(221.5));
    CHECK(j["peak_force_n"] == Approx(260.0));
    CHECK_FALSE(j.contains("reason"));
}

TEST_CASE("a sensor event names its sensor and nothing of a session", "[event-log]") {
    UsageEvent e;
    e.type = EventType::sensor_lost;
    e.sensor_id = "roller-1";
    const auto j = nlohmann::json::parse(rs::app::describe_event(e).substr(6));
    CHECK(j["sensor_id"] == "roller-1");
    CHECK_FALSE(j.contains("session_id"));
    CHECK_FALSE(j.contains("planned_s"));
}
