// Reports over MQTT 5 request/response against a real broker with the shipped kind of ACL:
// front-desk staff may ask for their facility's reports; a station may not, nor may anyone
// ask for another facility's; the recorder answers only on report/response topics.
#include <catch2/catch.hpp>

#include <fstream>

#include "integration/broker.hpp"
#include "recorder/event_store.hpp"
#include "recorder/recorder_config.hpp"
#include "recorder/sample_events.hpp"

using namespace rs::recorder;
using namespace rs::rtest;
using namespace rs::itest;

namespace {

void add_user(const TempDir& dir, const std::filesystem::path& file, const std::string& user) {
    ChildProcess tool({kMosquittoPasswd, "-b", file.string(), user, user + "-secret"}, dir.path(),
                      "passwd-" + user);
    REQUIRE(tool.wait_for_exit(kDeadline) == 0);
}

struct Answer {
    int code;
    std::string out;
};

Answer ask(const TempDir& dir, int port, const std::string& user, const std::string& topic,
           const std::string& response, const std::string& payload) {
    ChildProcess rr({"/usr/bin/mosquitto_rr",
                     "-h",
                     "127.0.0.1",
                     "-p",
                     std::to_string(port),
                     "-u",
                     user,
                     "-P",
                     user + "-secret",
                     "-t",
                     topic,
                     "-e",
                     response,
                     "-m",
                     payload,
                     "-W",
                     "3",
                     "-N",
                     "-D",
                     "PUBLISH",
                     "correlation-data",
                     "req-42"},
                    dir.path(), "rr-" + user);
    const auto code = rr.wait_for_exit(std::chrono::seconds(8));
    return {code.value_or(-1), rr.out()};
}

}  // namespace

TEST_CASE("staff get reports over request/response, others are refused",
          "[recorder][report][service]") {
    TempDir dir;
    const auto passwords = dir / "passwords";
    std::ofstream(passwords).flush();
    for (const char* user : {"recorder", "frontdesk", "roller-1"})
        add_user(dir, passwords, user);
    const auto acl = dir / "acl";
    std::ofstream(acl) << "user recorder\n"
                          "topic read rollstation/+/station/#\n"
                          "topic read rollstation/+/report/request\n"
                          "topic write rollstation/+/report/response/#\n"
                          "topic write rollstation/+/alert/#\n"
                          "user frontdesk\n"
                          "topic read rollstation/northside/#\n"
                          "topic write rollstation/northside/report/request\n"
                          "user roller-1\n"
                          "topic write rollstation/northside/station/roller-1/event\n"
                          "topic read rollstation/northside/report/response/#\n";
    BrokerOptions options;
    options.password_file = passwords;
    options.extra = {"acl_file " + acl.string()};
    Broker broker(dir, options);
    broker.start();

    const std::string uri = "sqlite:" + (dir / "r.db").string();
    {
        ZoneBook zones;
        zones.set("northside", *TimeZone::load("Europe/Berlin"));
        auto store = open_store(uri, zones);
        SessionSpec s;
        s.start_ms = utc_ms(2026, 6, 10, 16, 0);
        store->store(session_events(s, 1, "a"));
        s.routine = "post-run";
        s.completed = false;
        store->store(session_events(s, 3, "b"));
    }
    std::ofstream(dir / "rec.yaml") << "recorder:\n  store: " << uri << "\n"
                                    << "facilities:\n  northside:\n    timezone: Europe/Berlin\n"
                                    << "mqtt:\n  host: 127.0.0.1\n  port: " << broker.port()
                                    << "\n  username: recorder\n  password_file: pw\n";
    std::ofstream(dir / "pw") << "recorder-secret\n";
    ChildProcess recorder({ROLLSTATION_RECORDER_BINARY, "--config", (dir / "rec.yaml").string()},
                          dir.path(), "recorder");
    require_eventually("the recorder subscribed",
                       [&] { return recorder.err().find("subscribed") != std::string::npos; });

    const std::string request = R"({"v":1,"from":"2026-06-01","to":"2026-06-30"})";
    const auto staff = ask(dir, broker.port(), "frontdesk", "rollstation/northside/report/request",
                           "rollstation/northside/report/response/desk-1", request);
    INFO(recorder.describe());
    REQUIRE(staff.code == 0);
    const auto answer = nlohmann::json::parse(staff.out);
    CHECK(answer["ok"] == true);
    CHECK(answer["total"]["sessions"] == 2);
    CHECK(answer["timezone"] == "Europe/Berlin");
    CHECK(answer["by_day"][0]["id"] == "2026-06-10");
    CHECK(answer["by_routine"].size() == 2);
    CHECK(answer["by_station"][0]["id"] == "roller-1");
    CHECK(answer["heatmap"][2][18] == 2);  // Wednesday 18:00 local

    const auto bad = ask(dir, broker.port(), "frontdesk", "rollstation/northside/report/request",
                         "rollstation/northside/report/response/desk-1",
                         R"({"v":1,"from":"2026-06-30","to":"2026-06-01"})");
    REQUIRE(bad.code == 0);
    CHECK(nlohmann::json::parse(bad.out)["error"] == "\"to\" is before \"from\"");
    // The code a dashboard words the refusal by, in its own language.
    CHECK(nlohmann::json::parse(bad.out)["code"] == "dates_reversed");

    // The broker refuses these requests (not in the ACL): no answer comes.
    CHECK(ask(dir, broker.port(), "roller-1", "rollstation/northside/report/request",
              "rollstation/northside/report/response/x", request)
              .code != 0);
    CHECK(ask(dir, broker.port(), "frontdesk", "rollstation/southside/report/request",
              "rollstation/northside/report/response/desk-1", request)
              .code != 0);
    // And the recorder itself answers only on report/response topics.
    CHECK(ask(dir, broker.port(), "frontdesk", "rollstation/northside/report/request",
              "rollstation/northside/station/roller-1/cmd", request)
              .code != 0);
    CHECK(recorder.err().find("refused a report request") != std::string::npos);
}
