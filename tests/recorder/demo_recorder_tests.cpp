// The demo's recorder: config/recorder-demo.yaml on the shipped demo broker (demo.conf and
// demo.acl), as scripts/demo runs them. A session the demo station publishes is stored, and a
// dashboard that has not signed in (the demo's) gets it in its History answer; the same figures
// come from `rollstation-recorder report`.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "integration/shipped_broker.hpp"
#include "recorder/recorder_run.hpp"
#include "recorder/sample_events.hpp"

using namespace rs::rtest;

namespace {

// The shipped file with this test's store, password file and broker port in place of /tmp's.
std::filesystem::path demo_recorder_file(const TempDir& dir, int port) {
    std::ifstream in(std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config/recorder-demo.yaml");
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml =
        std::regex_replace(text.str(), std::regex("/tmp/rollstation-demo"), dir.path().string());
    yaml = std::regex_replace(yaml, std::regex("port: 18830"), "port: " + std::to_string(port));
    const auto file = dir / "recorder-demo.yaml";
    std::ofstream(file) << yaml;
    std::ofstream(dir / "recorder.password") << "pw-recorder\n";
    return file;
}

std::string visitor_asks(int port, const std::string& day) {
    ChildProcess rr({"/usr/bin/mosquitto_rr", "-h", "127.0.0.1", "-p", std::to_string(port), "-t",
                     "rollstation/demo-gym/report/request", "-e",
                     "rollstation/demo-gym/report/response/visitor", "-m",
                     R"({"v":1,"from":")" + day + R"(","to":")" + day + R"("})", "-W", "3"},
                    std::filesystem::temp_directory_path(), "rs-demo-rr");
    return rr.wait_for_exit(std::chrono::seconds(8)) == 0 ? rr.out() : "";
}

}  // namespace

TEST_CASE("the demo's recorder stores the demo station's sessions for the History view",
          "[recorder][report][service]") {
    TempDir dir;
    ShippedBroker broker(dir, "demo.conf", "demo.acl",
                         {{"demo-1", "pw-demo"}, {"recorder", "pw-recorder"}});
    auto recorder = start_recorder(dir, "demo-recorder", demo_recorder_file(dir, broker.port()));

    SessionSpec s;
    s.facility = "demo-gym";
    s.station = "demo-1";
    s.start_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count() -
                 20 * 60'000;
    s.from_class = true;
    SignedInClient station(broker.port(), "demo-1", "pw-demo");
    for (const auto& e : session_events(s, 1, "demo-s1"))
        REQUIRE(taken(station.publish("rollstation/demo-gym/station/demo-1/event", e.payload)));

    // The day in UTC, the demo facility's zone.
    const auto day = rs::recorder::civil_from_days(s.start_ms / 86'400'000);
    char date[11];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", day.year, day.month, day.day);
    nlohmann::json answer;
    require_eventually("the visitor's History answer counts the session", [&] {
        answer = nlohmann::json::parse(visitor_asks(broker.port(), date), nullptr, false);
        return answer.is_object() && answer.value("ok", false) && answer["total"]["sessions"] == 1;
    });
    CHECK(answer["total"]["class_sessions"] == 1);
    CHECK(answer["by_station"][0]["id"] == "demo-1");

    ChildProcess report({kRecorder, "report", "--config", (dir / "recorder-demo.yaml").string(),
                         "--from", date, "--to", date, "--format", "table"},
                        dir.path(), "report");
    REQUIRE(report.wait_for_exit(kDeadline) == 0);
    INFO(report.out());
    CHECK(report.out().find("demo-1") != std::string::npos);
    recorder->kill_and_reap();
}
