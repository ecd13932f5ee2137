#include <catch2/catch.hpp>

#include "recorder/recorded_event.hpp"
#include "recorder/rollup.hpp"
#include "recorder/sample_events.hpp"

using namespace rs::recorder;
using rs::rtest::session_events;
using rs::rtest::SessionSpec;
using rs::rtest::utc_ms;

namespace {

std::string problem_with(const std::string& payload) {
    auto result = decode_event({"northside", "roller-1"}, payload);
    REQUIRE(std::holds_alternative<std::string>(result));
    return std::get<std::string>(result);
}

const std::string kGood =
    R"({"v":1,"event_id":"e-1","station":"roller-1","seq":7,"type":"session_started",)"
    R"("ts":"2026-11-21T17:03:04.123Z","session_id":"s-1","routine_id":"pre-run","source":"athlete"})";

// The good event with the first `from` in it changed to `to`.
std::string good_with(const std::string& from, const std::string& to) {
    std::string payload = kGood;
    payload.replace(payload.find(from), from.size(), to);
    return payload;
}

}  // namespace

TEST_CASE("an event published by the station codec decodes whole", "[recorder][decode]") {
    SessionSpec s;
    s.start_ms = utc_ms(2026, 11, 21, 17, 3);
    s.completed = false;
    s.reason = rs::core::AbandonReason::idle_timeout;
    s.from_class = true;
    s.mean_force_n = 210.5;
    const auto events = session_events(s, 40, "sess-1");
    CHECK(events[0].type == "session_started");
    CHECK(events[0].seq == 40);
    CHECK(events[0].source == "class");
    CHECK(events[0].ts_ms == s.start_ms);
    CHECK(events[1].outcome() == Outcome::abandoned);
    CHECK(events[1].reason == "idle_timeout");
    CHECK(events[1].mean_force_n == 210.5);
    CHECK(events[1].session_start_ms() == s.start_ms);
    CHECK(events[1].payload.find("\"event_id\":\"sess-1-b\"") != std::string::npos);
}

TEST_CASE("topics name the facility and the station", "[recorder][decode]") {
    const auto t = parse_event_topic("rollstation/northside/station/roller-1/event", "rollstation");
    REQUIRE(t);
    CHECK((t->facility == "northside" && t->station == "roller-1"));
    CHECK_FALSE(parse_event_topic("rollstation/northside/station/roller-1/state", "rollstation"));
    CHECK_FALSE(parse_event_topic("other/northside/station/roller-1/event", "rollstation"));
    CHECK_FALSE(parse_event_topic("rollstation//station/roller-1/event", "rollstation"));
    CHECK_FALSE(parse_event_topic("rollstation/a/station/b/event/extra", "rollstation"));
}

TEST_CASE("bad payloads are refused with the field that is wrong", "[recorder][decode]") {
    CHECK(std::holds_alternative<RecordedEvent>(decode_event({"northside", "roller-1"}, kGood)));
    CHECK(problem_with("not json {") == "payload is not JSON");
    CHECK(problem_with("[1,2]") == "payload is not a JSON object");
    CHECK(problem_with(R"({"v":2})") == "\"v\" must be 1");
    CHECK(problem_with(R"({"v":1,"station":"roller-1"})") == "missing \"event_id\"");
    CHECK(problem_with(good_with("\"station\":\"roller-1\"", "\"station\":\"roller-9\"")) ==
          "\"station\" is 'roller-9' but the topic is station 'roller-1'");
    CHECK(problem_with(good_with("2026-11-21T", "2026-02-30T")).find("\"ts\" must be") == 0);
    CHECK(problem_with(good_with("\"seq\":7", "\"seq\":-1")) ==
          "\"seq\" must be a whole number from 0");
    CHECK(problem_with(good_with("session_started", "DROP TABLE xyz"))
              .find("\"type\" must be one of") == 0);
    CHECK(problem_with(good_with("\"e-1\"", "\"e'; DROP TABLE events;--\""))
              .find("\"event_id\" must be an identifier") == 0);
    std::string nan_active = kGood;
    nan_active.insert(nan_active.size() - 1, R"(,"active_s":-5)");
    CHECK(problem_with(nan_active).find("\"active_s\"") != std::string::npos);
    CHECK(problem_with(std::string(kMaxPayloadBytes + 1, ' ')).find("over the") !=
          std::string::npos);
}

TEST_CASE("rollups count a session in the local hour it started", "[recorder][rollup][dst]") {
    ZoneBook zones;
    zones.set("northside", *TimeZone::load("Europe/Berlin"));
    Rollup rollup;
    SessionSpec s;
    // Starts 23:50 UTC on 28 March (00:50 local on the 29th), ends after midnight UTC.
    s.start_ms = utc_ms(2026, 3, 28, 23, 50);
    s.active_s = 1200;
    for (const auto& e : session_events(s, 1, "a"))
        add_to_rollup(rollup, e, zones);
    s.start_ms = utc_ms(2026, 3, 29, 1, 10);  // 03:10 CEST: the hour after the gap
    s.completed = false;
    s.reason = rs::core::AbandonReason::preempted;
    for (const auto& e : session_events(s, 3, "b"))
        add_to_rollup(rollup, e, zones);
    REQUIRE(rollup.size() == 2);
    const auto first = rollup.begin();
    CHECK(first->first.day == "2026-03-29");
    CHECK(first->first.hour == 0);
    CHECK(first->first.weekday == 6);
    CHECK(first->second.started == 1);
    CHECK(first->second.completed == 1);
    CHECK(first->second.active_s == Approx(1200));
    const auto second = std::next(first);
    CHECK(second->first.hour == 3);
    CHECK(second->second.abandoned == 1);
    CHECK(second->second.preempted == 1);
}
