// The shipped broker configurations (config/mosquitto) enforce the roles: a station publishes
// only under its own station topics and reads only its own command topics, staff only read,
// coaches also send commands, clients without an account are refused (or, on the demo broker,
// may only watch). Every refusal is the broker's own verdict (MQTT 5 "not authorized"), and
// what it refused never reaches anyone: a later message on the same path arrives alone.
#include <catch2/catch.hpp>

#include <algorithm>

#include "integration/shipped_broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

const std::map<std::string, std::string> kUsers = {
    {"roller-1", "pw-r1"}, {"roller-2", "pw-r2"},      {"frontdesk", "pw-staff"},
    {"coach", "pw-coach"}, {"homeassistant", "pw-ha"}, {"recorder", "pw-rec"}};

std::string station_topic(const std::string& id, const std::string& kind) {
    return "rollstation/northside/station/" + id + "/" + kind;
}

const std::string kAllCommands = "rollstation/northside/all/cmd";
const std::string kGroupCommands = "rollstation/northside/group/weight-room/cmd";
const std::string kHello = R"({"v":1,"online":true,"boot_id":"acl-test"})";
const std::string kCommand = R"({"v":1,"command_id":"acl-1","type":"cancel","target":"x"})";

std::vector<std::string> topics_of(const Subscriber& s) {
    std::vector<std::string> out;
    for (const auto& m : s.messages())
        out.push_back(m.topic);
    return out;
}

// Waits for `marker` at `watcher`, published after everything the test expects to be dropped.
void wait_for_marker(const Subscriber& watcher, const std::string& marker) {
    require_eventually("the marker on " + marker, [&] {
        const auto topics = topics_of(watcher);
        return std::find(topics.begin(), topics.end(), marker) != topics.end();
    });
}

// The broker as shipped, with its rollstation.conf, its ACL and the accounts above.
struct ShippedAcl {
    TempDir dir;
    ShippedBroker broker{dir, "rollstation.conf", "acl", kUsers};
};

}  // namespace

TEST_CASE_METHOD(ShippedAcl,
                 "shipped ACL: a station publishes under its own station topics and nowhere else",
                 "[integration][acl]") {
    Subscriber staff(broker.port(), signed_in("frontdesk", "pw-staff", "rollstation/#"));
    staff.wait_ready();
    SignedInClient station(broker.port(), "roller-1", "pw-r1");
    REQUIRE(station.connack() == 0);

    for (const std::string kind :
         {"status", "state", "event", "telemetry", "stats", "routines", "recent", "cmd/result"}) {
        INFO(kind);
        CHECK(taken(station.publish(station_topic("roller-1", kind), kHello)));
    }
    // Speaking for another station, or commanding anyone (itself included): refused.
    for (const std::string& topic :
         {station_topic("roller-2", "status"), station_topic("roller-2", "event"),
          station_topic("roller-2", "cmd/result"), station_topic("roller-2", "recent"),
          station_topic("roller-1", "cmd"), kAllCommands, kGroupCommands,
          std::string("rollstation/northside/station/roller-1"),
          std::string("rollstation/elsewhere/station/roller-1/status")}) {
        INFO(topic);
        CHECK(station.publish(topic, kHello) == kNotAuthorized);
    }
    const std::string marker = station_topic("roller-1", "stats");
    REQUIRE(taken(station.publish(marker, kHello)));
    require_eventually("the marker", [&] { return staff.on("/stats").size() == 2; });
    for (const auto& topic : topics_of(staff))
        CHECK(topic.rfind("rollstation/northside/station/roller-1/", 0) == 0);
    CHECK(staff.count() == 9);
}

TEST_CASE_METHOD(
    ShippedAcl,
    "shipped ACL: a station reads its own, its group's and everyone's commands, no others",
    "[integration][acl]") {
    SignedInClient roller_2(broker.port(), "roller-2", "pw-r2");
    REQUIRE(taken(roller_2.publish(station_topic("roller-2", "state"), kHello, true)));
    Subscriber station(broker.port(), signed_in("roller-1", "pw-r1", "rollstation/#"));
    station.wait_ready();
    SignedInClient coach(broker.port(), "coach", "pw-coach");

    CHECK(taken(coach.publish(station_topic("roller-2", "cmd"), kCommand)));
    CHECK(taken(coach.publish("rollstation/northside/group/front-room/cmd", kCommand)));
    CHECK(taken(coach.publish(station_topic("roller-1", "cmd"), kCommand)));
    CHECK(taken(coach.publish(kGroupCommands, kCommand)));
    CHECK(taken(coach.publish(kAllCommands, kCommand)));
    wait_for_marker(station, kAllCommands);
    // Neither roller-2's commands nor its retained state, nor another group's commands.
    CHECK(topics_of(station) ==
          std::vector<std::string>{station_topic("roller-1", "cmd"), kGroupCommands, kAllCommands});
}

TEST_CASE_METHOD(ShippedAcl,
                 "shipped ACL: staff read every station and cannot push a command or speak for one",
                 "[integration][acl]") {
    SignedInClient roller_1(broker.port(), "roller-1", "pw-r1");
    REQUIRE(taken(roller_1.publish(station_topic("roller-1", "status"), kHello, true)));
    Subscriber staff(broker.port(), signed_in("frontdesk", "pw-staff", "rollstation/#"));
    require_eventually("the retained status at the front desk",
                       [&] { return staff.on("/status").size() == 1; });
    // Who would hear what the front desk sends: the station (its commands) and a coach (all).
    Subscriber station(broker.port(), signed_in("roller-1", "pw-r1", "rollstation/#"));
    Subscriber coach_view(broker.port(), signed_in("coach", "pw-coach", "rollstation/#"));
    station.wait_ready();
    coach_view.wait_ready();

    SignedInClient frontdesk(broker.port(), "frontdesk", "pw-staff");
    for (const std::string& topic :
         {station_topic("roller-1", "cmd"), kGroupCommands, kAllCommands,
          station_topic("roller-1", "state"), station_topic("roller-1", "cmd/result"),
          std::string("rollstation/northside/station/frontdesk/status")}) {
        INFO(topic);
        CHECK(frontdesk.publish(topic, kCommand) == kNotAuthorized);
    }
    SignedInClient coach(broker.port(), "coach", "pw-coach");
    REQUIRE(taken(coach.publish(kAllCommands, kCommand)));
    wait_for_marker(station, kAllCommands);
    wait_for_marker(coach_view, kAllCommands);
    // The station reads its own retained status (its check for another station with its id)
    // and, of what the front desk sent, nothing but the command to all.
    CHECK(topics_of(station) ==
          std::vector<std::string>{station_topic("roller-1", "status"), kAllCommands});
    CHECK(topics_of(coach_view) ==
          std::vector<std::string>{station_topic("roller-1", "status"), kAllCommands});
}

TEST_CASE_METHOD(
    ShippedAcl,
    "shipped ACL: only the recorder asks stations for their history, each answers its own",
    "[integration][acl]") {
    const std::string request = station_topic("roller-1", "history/request");
    const std::string body = R"({"v":1})";
    SignedInClient recorder(broker.port(), "recorder", "pw-rec");
    REQUIRE(recorder.connack() == 0);
    CHECK(taken(recorder.publish(request, body)));
    for (const auto& [user, password] : std::vector<std::pair<std::string, std::string>>{
             {"frontdesk", "pw-staff"}, {"coach", "pw-coach"}, {"roller-2", "pw-r2"}}) {
        INFO(user);
        SignedInClient other(broker.port(), user, password);
        REQUIRE(other.connack() == 0);
        CHECK(other.publish(request, body) == kNotAuthorized);
    }
    SignedInClient station(broker.port(), "roller-1", "pw-r1");
    REQUIRE(station.connack() == 0);
    CHECK(taken(station.publish(station_topic("roller-1", "history/response/recorder"), body)));
    CHECK(station.publish(station_topic("roller-2", "history/response/recorder"), body) ==
          kNotAuthorized);
    CHECK(station.publish(station_topic("roller-1", "history/request"), body) == kNotAuthorized);
}

TEST_CASE_METHOD(ShippedAcl,
                 "shipped ACL: a coach sends commands anywhere but cannot speak for a station",
                 "[integration][acl]") {
    SignedInClient coach(broker.port(), "coach", "pw-coach");
    CHECK(taken(coach.publish(station_topic("roller-2", "cmd"), kCommand)));
    CHECK(taken(coach.publish(kGroupCommands, kCommand)));
    CHECK(taken(coach.publish(kAllCommands, kCommand)));
    CHECK(coach.publish(station_topic("roller-2", "cmd/result"), kCommand) == kNotAuthorized);
    CHECK(coach.publish(station_topic("roller-2", "status"), kHello) == kNotAuthorized);
    CHECK(coach.publish("homeassistant/sensor/roller-2/state/config", "{}") == kNotAuthorized);
}

TEST_CASE_METHOD(
    ShippedAcl,
    "shipped ACL: clients without an account, or with a wrong password, are turned away",
    "[integration][acl]") {
    SignedInClient anonymous(broker.port());
    CHECK(anonymous.connack() == MQTT_RC_NOT_AUTHORIZED);
    // mosquitto 2.0 says "not authorized" to a wrong password too: it gives nothing away.
    SignedInClient guessing(broker.port(), "roller-1", "not-the-password");
    CHECK(guessing.connack() == MQTT_RC_NOT_AUTHORIZED);
}

TEST_CASE(
    "demo broker: anyone on loopback may watch and ask for reports, only the station and "
    "the coach publish",
    "[integration][acl]") {
    TempDir dir;
    ShippedBroker broker(dir, "demo.conf", "demo.acl",
                         {{"demo-1", "pw-demo"}, {"coach", "pw-coach"}});
    const std::string base = "rollstation/demo-gym/station/demo-1/";
    Subscriber watcher(broker.port(), watching("rollstation/#"));
    watcher.wait_ready();

    SignedInClient anonymous(broker.port());
    REQUIRE(anonymous.connack() == 0);
    CHECK(anonymous.publish(base + "status", kHello) == kNotAuthorized);
    CHECK(anonymous.publish("rollstation/demo-gym/all/cmd", kCommand) == kNotAuthorized);
    // A dashboard that has not signed in may ask the demo's recorder for its History.
    CHECK(taken(anonymous.publish("rollstation/demo-gym/report/request", R"({"v":1})")));
    CHECK(anonymous.publish("rollstation/demo-gym/report/response/x", "{}") == kNotAuthorized);
    SignedInClient station(broker.port(), "demo-1", "pw-demo");
    CHECK(station.publish("rollstation/demo-gym/all/cmd", kCommand) == kNotAuthorized);
    CHECK(taken(station.publish(base + "status", kHello)));
    SignedInClient coach(broker.port(), "coach", "pw-coach");
    CHECK(taken(coach.publish("rollstation/demo-gym/all/cmd", kCommand)));
    wait_for_marker(watcher, "rollstation/demo-gym/all/cmd");
    CHECK(topics_of(watcher) == std::vector<std::string>{"rollstation/demo-gym/report/request",
                                                         base + "status",
                                                         "rollstation/demo-gym/all/cmd"});
}

}  // namespace rs::itest
