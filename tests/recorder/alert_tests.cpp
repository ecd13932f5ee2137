// Alerts: the rules on an injected clock, then raised and cleared by the recorder against a
// real broker when a station's link is killed and comes back.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "integration/broker.hpp"
#include "mqtt/payloads.hpp"
#include "recorder/alert_watch.hpp"
#include "recorder/alerts.hpp"
#include "recorder/sample_events.hpp"

using namespace rs::recorder;
using namespace rs::rtest;
using namespace rs::itest;

namespace {

RecorderConfig gym() {
    RecorderConfig c;
    FacilityConfig f;
    f.timezone = "Europe/Berlin";
    f.hours.by_weekday.fill(OpeningHours::Interval{6 * 60, 22 * 60});
    c.facilities["northside"] = f;
    c.alerts.offline_after_s = 300;
    c.alerts.sensor_after_s = 60;
    c.alerts.backlog_events = 100;
    c.alerts.clock_skew_s = 120;
    return c;
}

constexpr std::int64_t kSecond = 1000;

}  // namespace

TEST_CASE("a station offline during opening hours is raised after the set time, then cleared",
          "[recorder][alerts]") {
    const RecorderConfig config = gym();
    AlertEngine engine(config.alerts, config);
    const std::int64_t ten_am = utc_ms(2026, 6, 10, 8, 0);  // 10:00 in Berlin
    CHECK(engine.on_status("northside", "roller-1", false, ten_am).empty());
    CHECK(engine.tick(ten_am + 299 * kSecond).empty());
    const auto raised = engine.tick(ten_am + 300 * kSecond);
    REQUIRE(raised.size() == 1);
    CHECK(raised[0].kind == AlertKind::offline);
    CHECK(raised[0].active);
    CHECK(raised[0].since_ms == ten_am);
    CHECK(engine.tick(ten_am + 900 * kSecond).empty());  // raised once
    const auto cleared = engine.on_status("northside", "roller-1", true, ten_am + 901 * kSecond);
    REQUIRE(cleared.size() == 1);
    CHECK_FALSE(cleared[0].active);
    CHECK(cleared[0].detail == "back online");
}

TEST_CASE("a station off at night raises nothing until the facility opens", "[recorder][alerts]") {
    const RecorderConfig config = gym();
    AlertEngine engine(config.alerts, config);
    const std::int64_t closing = utc_ms(2026, 6, 10, 20, 30);  // 22:30 local: closed
    engine.on_status("northside", "roller-1", false, closing);
    CHECK(engine.tick(closing + 6 * 3600 * kSecond).empty());        // 04:30 local
    const auto at_opening = engine.tick(utc_ms(2026, 6, 11, 4, 0));  // 06:00 local
    REQUIRE(at_opening.size() == 1);
    CHECK(at_opening[0].kind == AlertKind::offline);
}

TEST_CASE("sensor, backlog and clock alerts", "[recorder][alerts]") {
    const RecorderConfig config = gym();
    AlertEngine engine(config.alerts, config);
    const std::int64_t t = utc_ms(2026, 6, 10, 8, 0);
    CHECK(engine.on_state("northside", "r", {{"roller", false}, {"pad", true}}, t, t).empty());
    const auto lost = engine.tick(t + 60 * kSecond);
    REQUIRE(lost.size() == 1);
    CHECK(lost[0].kind == AlertKind::sensor_disconnected);
    CHECK(lost[0].detail == "disconnected: roller");
    CHECK(lost[0].sensors == std::vector<std::string>{"roller"});
    const auto back = engine.on_state("northside", "r", {{"roller", true}}, t, t + 61 * kSecond);
    REQUIRE(back.size() == 1);
    CHECK_FALSE(back[0].active);

    CHECK(engine.on_stats("northside", "r", 150, std::nullopt, t).size() == 1);  // growing
    CHECK(engine.on_stats("northside", "r", 300, std::nullopt, t + kSecond).empty());
    const auto drained = engine.on_stats("northside", "r", 20, std::nullopt, t + 2 * kSecond);
    REQUIRE(drained.size() == 1);
    CHECK(drained[0].kind == AlertKind::outbox_backlog);
    CHECK_FALSE(drained[0].active);
    const auto deep = engine.on_stats("northside", "s", 500, std::nullopt, t);
    REQUIRE(deep.size() == 1);
    CHECK(deep[0].count == 500);
    // A deep backlog that is not growing raises nothing.
    CHECK(engine.on_stats("northside", "u", 50, std::nullopt, t).empty());

    const auto skewed = engine.on_stats("northside", "r", 0, t + 600 * kSecond, t);
    REQUIRE(skewed.size() == 1);
    CHECK(skewed[0].kind == AlertKind::clock_unsynchronised);
    CHECK(skewed[0].detail == "clock off by 600 s");
    CHECK(skewed[0].count == 600);
    CHECK(engine.on_stats("northside", "r", 0, t + 10 * kSecond, t).size() == 1);  // cleared
}

TEST_CASE("alert payloads and Home Assistant discovery", "[recorder][alerts]") {
    RecorderConfig config = gym();
    config.mqtt.home_assistant.enabled = true;
    std::map<std::string, std::string> published;
    AlertWatch watch(config, [&](const std::string& topic, const std::string& payload) {
        published[topic] = payload;
    });
    const std::int64_t t = utc_ms(2026, 6, 10, 8, 0);
    rs::mqtt::Incoming status;
    status.topic = "rollstation/northside/station/roller-1/status";
    status.payload = R"({"v":1,"online":false,"boot_id":"b"})";
    CHECK(watch.handle(status, t));
    watch.tick(t + 300 * kSecond);
    const auto alert =
        nlohmann::json::parse(published.at("rollstation/northside/alert/roller-1/offline"));
    CHECK(alert["active"] == true);
    CHECK(alert["since"] == "2026-06-10T08:00:00.000Z");
    // The figures a dashboard words in its own language, named per kind.
    AlertChange backlog{"northside", "roller-1", AlertKind::outbox_backlog, true, t, "…", {}, 240};
    CHECK(nlohmann::json::parse(AlertWatch::alert_payload(backlog, t))["outbox_depth"] == 240);
    AlertChange noisy{"northside", "roller-1", AlertKind::sensor_bad_lines, true, t, "…",
                      {"pad"},     41};
    const auto bad = nlohmann::json::parse(AlertWatch::alert_payload(noisy, t));
    CHECK(bad["sensor"] == "pad");
    CHECK(bad["bad_lines"] == 41);
    AlertChange lost{"northside", "roller-1",  AlertKind::sensor_disconnected, true, t, "…",
                     {"a", "b"},  std::nullopt};
    CHECK(nlohmann::json::parse(AlertWatch::alert_payload(lost, t))["sensors"].size() == 2);
    const auto discovery = nlohmann::json::parse(
        published.at("homeassistant/binary_sensor/rollstation_northside_roller-1_offline/config"));
    CHECK(discovery["device_class"] == "problem");
    CHECK(discovery["state_topic"] == "rollstation/northside/alert/roller-1/offline");
    rs::mqtt::Incoming garbage = status;
    garbage.payload = "{{{{";
    CHECK(watch.handle(garbage, t));  // refused quietly, nothing raised or cleared
    rs::mqtt::Incoming event;
    event.topic = "rollstation/northside/station/roller-1/event";
    CHECK_FALSE(watch.handle(event, t));
}

TEST_CASE(
    "the recorder raises an offline alert when a station vanishes and clears it on its "
    "return",
    "[recorder][alerts][service]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    const auto file = dir / "rec.yaml";
    std::ofstream(file) << "recorder:\n  store: sqlite:" << (dir / "r.db").string()
                        << "\n  client_id: rec-alerts\n"
                        << "facilities:\n  itest:\n    opening_hours: {daily: \"00:00-24:00\"}\n"
                        << "alerts:\n  offline_after_s: 1\n"
                        << "mqtt:\n  host: 127.0.0.1\n  port: " << broker.port() << "\n";
    ChildProcess recorder({ROLLSTATION_RECORDER_BINARY, "--config", file.string()}, dir.path(),
                          "recorder");
    Subscriber alerts(broker.port(), watching("rollstation/itest/alert/#"));
    alerts.wait_ready();
    const auto active = [&](bool want) {
        const auto got = alerts.on("/alert/drv-1/offline");
        return !got.empty() && got.back().json()["active"] == want;
    };
    auto station = std::make_unique<ChildProcess>(
        std::vector<std::string>{ROLLSTATION_LINK_DRIVER, (dir / "s.db").string(),
                                 std::to_string(broker.port()), "3"},
        dir.path(), "drv-1");
    Subscriber statuses(broker.port(), watching("rollstation/itest/station/+/status"));
    require_eventually("the station online", [&] { return statuses.count() > 0; });
    ::kill(station->pid(), SIGKILL);  // gone without a goodbye: the broker sends its will
    station->kill_and_reap();
    require_eventually(
        "the offline alert raised", [&] { return active(true); }, std::chrono::seconds(10));
    station = std::make_unique<ChildProcess>(
        std::vector<std::string>{ROLLSTATION_LINK_DRIVER, (dir / "s.db").string(),
                                 std::to_string(broker.port()), "0"},
        dir.path(), "drv-1-again");
    require_eventually(
        "the offline alert cleared", [&] { return active(false); }, std::chrono::seconds(10));
    INFO(recorder.describe());
    CHECK(alerts.on("/alert/drv-1/offline").back().json()["detail"] == "back online");
}

TEST_CASE(
    "a sensor sending bad lines above the rate is raised from the station's state, then "
    "cleared",
    "[recorder][alerts]") {
    RecorderConfig config = gym();
    config.alerts.bad_lines_per_minute = 30;
    std::vector<std::pair<std::string, std::string>> published;
    AlertWatch watch(config, [&](const std::string& topic, const std::string& payload) {
        published.emplace_back(topic, payload);
    });
    const std::int64_t t = utc_ms(2026, 6, 10, 8, 0);
    // The station's own state payload, its parser counting bad checksums and malformed lines.
    rs::core::KioskState state;
    state.sensors.emplace_back(rs::core::SensorSpec{"roller-a"});
    const auto send = [&](std::uint64_t checksums, std::uint64_t malformed, std::int64_t at) {
        state.sensors[0].connected = true;
        state.sensors[0].counters.bad_checksum = checksums;
        state.sensors[0].counters.malformed = malformed;
        const auto now = rs::core::WallTime{std::chrono::milliseconds(at)};
        const auto payload = rs::mqtt::state_payload(state, now);
        CHECK(nlohmann::json::parse(payload)["sensors"][0]["bad_lines"] == checksums + malformed);
        watch.handle({"rollstation/northside/station/r/state", payload, false, "", ""}, at);
    };
    const auto bad_line_alerts = [&] {
        std::vector<nlohmann::json> out;
        for (const auto& [topic, payload] : published)
            if (topic == "rollstation/northside/alert/r/sensor_bad_lines")
                out.push_back(nlohmann::json::parse(payload));
        return out;
    };
    send(0, 0, t);
    send(10, 5, t + 20 * kSecond);  // 15 in 20 s: under 30 a minute
    CHECK(bad_line_alerts().empty());
    send(20, 12, t + 40 * kSecond);  // 32 within the minute
    auto alerts = bad_line_alerts();
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0]["active"] == true);
    CHECK(alerts[0]["detail"] == "32 bad lines in the last minute from roller-a");
    CHECK(alerts[0]["since"] == "2026-06-10T08:00:40.000Z");
    // The line heals: no new state comes, the minute passes, the tick clears it.
    watch.tick(t + 70 * kSecond);
    CHECK(bad_line_alerts().size() == 1);  // still 32 since the sample at the minute's start
    watch.tick(t + 90 * kSecond);          // 17 since the 20 s sample: under the rate
    alerts = bad_line_alerts();
    REQUIRE(alerts.size() == 2);
    CHECK(alerts[1]["active"] == false);
    CHECK(alerts[1]["cleared_at"] == "2026-06-10T08:01:30.000Z");
    // A station that restarted counts from 0 again: not a negative rate, a new baseline.
    send(0, 0, t + 200 * kSecond);
    send(5, 0, t + 210 * kSecond);
    CHECK(bad_line_alerts().size() == 2);
    // Hostile counters are ignored, not trusted.
    watch.handle({"rollstation/northside/station/r/state",
                  R"({"v":1,"sensors":[{"id":"roller-a","connected":true,"bad_lines":-5},)"
                  R"({"id":"x","connected":true,"bad_lines":"many"}]})",
                  false, "", ""},
                 t + 220 * kSecond);
    CHECK(bad_line_alerts().size() == 2);
}
