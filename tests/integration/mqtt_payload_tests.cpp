// Every message the station publishes, as a consumer sees it on rollstation/#, against the
// documented schema (docs/mqtt.md, contracts.md): "v": 1 everywhere, the fields of status,
// event (per type), state, telemetry and stats, the retain flags and the QoS of each topic.
#include <catch2/catch.hpp>

#include <regex>

#include "integration/broker.hpp"
#include "integration/support.hpp"
#include "mqtt/payloads.hpp"
#include "rollstation/config/setup.hpp"
#include "rollstation/core/kiosk.hpp"

namespace rs::itest {
namespace {

using nlohmann::json;

const std::string kStation = "schema-1";
const std::regex kIsoMs(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");

// The schema checks, each failure a line naming the message.
class Schema {
  public:
    void check(const Received& m) {
        current_ = m.topic + " " + m.payload;
        const json j = m.json();
        if (!j.is_object()) {
            fail("not a JSON object");
            return;
        }
        if (!(j.contains("v") && j["v"] == 1))
            fail("no \"v\": 1");
        const auto kind = m.topic.substr(m.topic.rfind('/') + 1);
        ++seen[kind];
        const bool retained =
            kind == "status" || kind == "state" || kind == "stats" || kind == "recent";
        if (m.retain != retained)
            fail(std::string("retain flag ") + (m.retain ? "set" : "not set"));
        const int qos = kind == "telemetry" ? 0 : 1;
        if (m.qos != qos)
            fail("QoS " + std::to_string(m.qos) + ", not " + std::to_string(qos));
        if (kind == "status")
            status(j);
        else if (kind == "event")
            event(j);
        else if (kind == "state")
            state(j);
        else if (kind == "telemetry")
            telemetry(j);
        else if (kind == "stats")
            stats(j);
        else if (kind == "recent")
            recent(j);
        else
            fail("a topic nobody documented");
    }

    std::vector<std::string> problems;
    std::map<std::string, int> seen;         // messages per topic kind
    std::map<std::string, int> event_types;  // events per type
    std::map<std::string, int> modes;        // state messages per mode

  private:
    void fail(const std::string& what) { problems.push_back(what + ": " + current_); }

    void need(const json& j, const std::string& key, json::value_t type) {
        if (!j.contains(key)) {
            fail("no \"" + key + "\"");
            return;
        }
        const json::value_t t = j[key].type();
        const bool number =
            type == json::value_t::number_float &&
            (t == json::value_t::number_integer || t == json::value_t::number_unsigned);
        const bool integer =
            type == json::value_t::number_integer && t == json::value_t::number_unsigned;
        if (t != type && !number && !integer)
            fail("\"" + key + "\" is a " + j[key].type_name());
    }
    void text(const json& j, const std::string& key) { need(j, key, json::value_t::string); }
    void integer(const json& j, const std::string& key) {
        need(j, key, json::value_t::number_integer);
    }
    void number(const json& j, const std::string& key) {
        need(j, key, json::value_t::number_float);
    }
    void boolean(const json& j, const std::string& key) { need(j, key, json::value_t::boolean); }
    void time(const json& j, const std::string& key) {
        text(j, key);
        if (j.contains(key) && j[key].is_string() &&
            !std::regex_match(j[key].get<std::string>(), kIsoMs))
            fail("\"" + key + "\" is not ISO-8601 UTC with milliseconds");
    }
    void one_of(const json& j, const std::string& key, const std::set<std::string>& values) {
        text(j, key);
        if (j.contains(key) && j[key].is_string() && !values.count(j[key].get<std::string>()))
            fail("\"" + key + "\" has an undocumented value");
    }

    void status(const json& j) {
        boolean(j, "online");
        text(j, "boot_id");
        if (j.value("online", false)) {
            text(j, "version");
            time(j, "started_at");
        }
    }

    void event(const json& j) {
        text(j, "event_id");
        if (j.value("station", "") != kStation)
            fail("\"station\" is not " + kStation);
        integer(j, "seq");
        time(j, "ts");
        one_of(j, "type",
               {"session_started", "step_completed", "session_completed", "session_abandoned",
                "sensor_connected", "sensor_lost"});
        const std::string type = j.value("type", "");
        if (event_ids_.insert(j.value("event_id", "")).second)
            ++event_types[type];  // distinct events: a repeat is not another event
        if (type.rfind("session_", 0) == 0 || type == "step_completed") {
            text(j, "session_id");
            text(j, "routine_id");
            one_of(j, "source", {"athlete", "class"});
            integer(j, "planned_s");
            number(j, "active_s");
        }
        if (type == "session_started")
            integer(j, "steps_total");
        if (type == "step_completed") {
            integer(j, "step_index");
            text(j, "area");
            text(j, "tool");
            text(j, "side");
            integer(j, "set");
            boolean(j, "skipped");
        }
        if (type == "session_completed" || type == "session_abandoned") {
            integer(j, "steps_completed");
            integer(j, "steps_skipped");
            integer(j, "steps_total");
            number(j, "elapsed_s");
        }
        if (type == "session_abandoned")
            one_of(j, "reason", {"user_stopped", "idle_timeout", "preempted", "power_loss"});
        if (type == "sensor_connected" || type == "sensor_lost")
            text(j, "sensor_id");
    }

    void state(const json& j) {
        one_of(j, "mode", {"idle", "browsing", "session", "class_countdown"});
        ++modes[j.value("mode", "")];
        need(j, "sensors", json::value_t::array);
        if (j.contains("sensors") && j["sensors"].is_array()) {
            for (const auto& sensor : j["sensors"]) {
                text(sensor, "id");
                boolean(sensor, "connected");
            }
        }
        time(j, "updated_at");
        if (j.value("mode", "") == "session") {
            text(j, "session_id");
            text(j, "routine_id");
            need(j, "step", json::value_t::object);
            if (j.contains("step") && j["step"].is_object()) {
                const json& step = j["step"];
                integer(step, "index");
                integer(step, "count");
                text(step, "area");
                text(step, "tool");
                text(step, "side");
                text(step, "phase");
            }
        } else if (j.contains("step") || j.contains("session_id")) {
            fail("session fields without a session");
        }
    }

    void telemetry(const json& j) {
        time(j, "ts");
        text(j, "session_id");
        text(j, "phase");
        integer(j, "step_index");
        number(j, "remaining_s");
    }

    void stats(const json& j) {
        text(j, "date");
        if (j.contains("date") && j["date"].is_string() &&
            !std::regex_match(j["date"].get<std::string>(), kDate))
            fail("\"date\" is not YYYY-MM-DD");
        text(j, "timezone");
        integer(j, "sessions");
        integer(j, "completed");
        integer(j, "abandoned");
        number(j, "active_minutes");
        need(j, "by_routine", json::value_t::object);
        if (j.contains("by_routine") && j["by_routine"].is_object()) {
            for (const auto& [routine, figures] : j["by_routine"].items()) {
                integer(figures, "sessions");
                integer(figures, "completed");
                integer(figures, "abandoned");
            }
        }
        for (const char* key : {"abandoned_by_reason", "completed_by_hour", "abandoned_by_hour"})
            need(j, key, json::value_t::object);
        time(j, "updated_at");
    }

    // The short retained history: each entry a message of this station's, as first published.
    void recent(const json& j) {
        text(j, "station");
        time(j, "updated_at");
        need(j, "entries", json::value_t::array);
        if (!j.contains("entries") || !j["entries"].is_array())
            return;
        for (const auto& e : j["entries"]) {
            text(e, "topic");
            need(e, "payload", json::value_t::object);
            if (e.value("topic", "").ends_with("/event") && e.contains("payload"))
                text(e["payload"], "event_id");
        }
    }

    std::string current_;
    std::set<std::string> event_ids_;
};

// A kiosk state driven by the pure update, on the real clock, with the repository's routines.
// Every usage event it makes is recorded through the link, every change published as state.
class Driven {
  public:
    explicit Driven(mqtt::StationLink& link) : link_(link) {
        const config::Setup setup = config::load_setup(
            std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config/demo.yaml", {});
        REQUIRE(setup.station_ok);
        REQUIRE_FALSE(setup.library->routines().empty());
        state.library = setup.library;
        state.safety = setup.safety;
        state.sensors.emplace_back(core::SensorSpec{"demo-roller", "roller", 0});
        state.last_input = clock_.now().mono;
    }
    void act(const core::Action& action) {
        const core::Now now = clock_.now();
        core::KioskUpdate u = core::update(std::move(state), action, now);
        state = std::move(u.state);
        for (const auto& e : u.effects.events) {
            link_.record(e, "schema-event-" + std::to_string(++recorded));
            types.insert(std::string(core::name_of(e.type)));
        }
        link_.publish_state(mqtt::state_payload(state, now.wall));
        if (state.session_running())
            link_.publish_telemetry(mqtt::telemetry_payload(state, now.wall));
    }
    void start(const std::string& routine_id, const std::string& session_id) {
        act(core::act::OpenLibrary{});
        act(core::act::OpenRoutine{routine_id});
        act(core::act::StartRoutine{session_id});
        if (state.safety_visible)
            act(core::act::AcknowledgeSafety{});
        REQUIRE(state.session_running());
    }

    core::KioskState state;
    int recorded = 0;
    std::set<std::string> types;

  private:
    mqtt::StationLink& link_;
    core::SystemClock clock_;
};

// A running broker with a subscriber to everything the station publishes, and the log and I/O
// thread a station link needs beside them. The subscriber asks for QoS 2 and
// retain-as-published: each message arrives with the QoS and retain flag it was published with.
struct WatchedBroker {
    TempDir dir;
    Broker broker{dir};
    Subscriber everything{started(broker), watching("rollstation/#")};
    LogCapture log;
    io::IoThread io;

    WatchedBroker() { everything.wait_ready(); }
    // Starts the broker, for the subscriber that needs its port.
    static int started(Broker& b) {
        b.start();
        return b.port();
    }
};

}  // namespace

TEST_CASE_METHOD(WatchedBroker,
                 "mqtt: every published message follows the documented schema, retain flag and QoS",
                 "[integration][mqtt]") {
    mqtt::LinkSettings settings = link_settings(broker.port(), dir / "station.db", kStation);
    std::string routine;
    int recorded = 0;
    {
        mqtt::StationLink link(io, settings, log.sink());
        require_eventually("the link to connect", [&] { return link.status().connected; });
        Driven kiosk(link);
        routine = kiosk.state.library->routines().front()->id;

        kiosk.act(core::act::Tick{});  // idle
        // One session skipped through to its end: started, a step_completed per segment,
        // completed.
        kiosk.start(routine, "schema-session-1");
        for (int i = 0; i < 200 && kiosk.state.session_running(); ++i)
            kiosk.act(core::act::Control{core::SessionCommand::skip});
        REQUIRE_FALSE(kiosk.state.session_running());
        kiosk.act(core::act::GoHome{});
        // One stopped by the athlete: session_abandoned, reason user_stopped.
        kiosk.start(routine, "schema-session-2");
        kiosk.act(core::act::Control{core::SessionCommand::skip});
        kiosk.act(core::act::RequestStop{});
        kiosk.act(core::act::ConfirmStop{});
        kiosk.act(core::act::OpenLibrary{});  // browsing
        recorded = kiosk.recorded;
        CHECK(kiosk.types == std::set<std::string>{"session_started", "step_completed",
                                                   "session_completed", "session_abandoned"});

        require_eventually("every event at the subscriber, the outbox empty", [&] {
            return delivery_of(everything.on("/event")).seq_of.size() ==
                       static_cast<std::size_t>(recorded) &&
                   link.status().outbox_depth == 0;
        });
        require_eventually("the day's stats with both sessions", [&] {
            const auto stats = everything.on("/stats");
            return !stats.empty() && stats.back().json().value("sessions", 0) == 2 &&
                   stats.back().json().value("abandoned", 0) == 1;
        });
    }  // a clean stop: the offline status too

    require_eventually("the goodbye", [&] {
        const auto status = everything.on("/status");
        return !status.empty() && status.back().json().value("online", true) == false;
    });
    INFO(log.joined());

    Schema schema;
    for (const auto& m : everything.messages())
        schema.check(m);
    INFO("messages per kind: " << json(schema.seen).dump());
    for (const auto& p : schema.problems)
        UNSCOPED_INFO(p);
    CHECK(schema.problems.empty());
    for (const std::string kind : {"status", "event", "state", "telemetry", "stats", "recent"})
        CHECK(schema.seen[kind] > 0);
    CHECK(schema.event_types["session_started"] == 2);
    CHECK(schema.event_types["session_completed"] == 1);
    CHECK(schema.event_types["session_abandoned"] == 1);
    CHECK(schema.event_types["step_completed"] >= 1);
    CHECK(schema.modes["idle"] > 0);
    CHECK(schema.modes["session"] > 0);
    CHECK(schema.modes["browsing"] > 0);

    // The figures: the last stats of the day and the abandoned session's reason.
    const json stats = everything.on("/stats").back().json();
    INFO(stats.dump());
    CHECK(stats["timezone"] == "UTC");
    CHECK(stats["sessions"] == 2);
    CHECK(stats["completed"] == 1);
    CHECK(stats["abandoned"] == 1);
    CHECK(stats["by_routine"][routine] ==
          json{{"sessions", 2}, {"completed", 1}, {"abandoned", 1}});
    CHECK(stats["abandoned_by_reason"] == json{{"user_stopped", 1}});
    // Every session event is in the retained history too, in the order it was published.
    const json recent = everything.on("/recent").back().json();
    std::vector<std::string> remembered;
    for (const auto& e : recent["entries"])
        remembered.push_back(e["payload"].value("type", ""));
    CHECK(remembered == std::vector<std::string>{"session_started", "session_completed",
                                                 "session_started", "session_abandoned"});
    for (const auto& m : everything.on("/event")) {
        const json j = m.json();
        if (j.value("type", "") == "session_abandoned")
            CHECK(j["reason"] == "user_stopped");
    }
    const json online = everything.on("/status").front().json();
    CHECK(online["online"] == true);
    CHECK(online["boot_id"] == settings.boot_id);
    CHECK(online["version"] == settings.version);
    CHECK(online["started_at"] == mqtt::iso8601(settings.started_at));
}

// The retained stats carry "outbox_depth" (events waiting for the broker): once everything is
// delivered they must say 0, not the depth at the moment the session's events were handed over.
TEST_CASE_METHOD(WatchedBroker,
                 "mqtt: the retained stats' outbox_depth drops to 0 once every event is delivered",
                 "[integration][mqtt]") {
    mqtt::StationLink link(io, link_settings(broker.port(), dir / "station.db", kStation),
                           log.sink());
    require_eventually("the link to connect", [&] { return link.status().connected; });
    for (const auto& [event, id] : synthetic_session(0))
        link.record(event, id);
    require_eventually("three events delivered and acknowledged", [&] {
        return delivery_of(everything.on("/event")).seq_of.size() == 3 &&
               link.status().outbox_depth == 0;
    });
    const auto depth_in_stats = [&] {
        const auto stats = everything.on("/stats");
        return stats.empty() ? -1 : stats.back().json().value("outbox_depth", -1);
    };
    // Give the link a moment to say so (it publishes on the I/O thread).
    wait_until([&] { return depth_in_stats() == 0; }, Millis{1500});
    const auto stats = everything.on("/stats");
    INFO("last stats: " << (stats.empty() ? std::string("none") : stats.back().payload));
    CHECK(depth_in_stats() == 0);
}

}  // namespace rs::itest
