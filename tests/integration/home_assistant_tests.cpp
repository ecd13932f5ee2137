// The real kiosk with Home Assistant discovery on, signed in to the broker with the shipped
// facility configuration and ACL: everything it publishes is accepted, Home Assistant finds it
// as a device with its sensors, and it announces itself again when Home Assistant comes back.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>

#include "integration/kiosk_file.hpp"
#include "integration/shipped_broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

const std::string kBase = "rollstation/northside/station/roller-1/";

std::filesystem::path station_file(const TempDir& dir, int port) {
    std::ofstream(dir / "roller-1.password") << "pw-r1\n";
    const auto file = dir / "roller-1.yaml";
    std::ofstream(file) << "station: {id: roller-1, name: \"Roller 1\", facility: northside, "
                           "groups: [weight-room], timezone: UTC}\n"
                        << headless_kiosk_lines() << "sensors:\n"
                        << "  - {id: r1-roller, kind: roller, source: \"sim:steady\"}\n"
                        << "mqtt:\n"
                        << "  host: 127.0.0.1\n"
                        << "  port: " << port << "\n"
                        << "  username: roller-1\n"
                        << "  password_file: " << (dir / "roller-1.password").string() << "\n"
                        << "  home_assistant: {enabled: true}\n"
                        << "storage: {path: " << (dir / "roller-1.db").string() << "}\n";
    return file;
}

nlohmann::json last_on(const Subscriber& s, const std::string& topic) {
    nlohmann::json found;
    for (const auto& m : s.messages())
        if (m.topic == topic)
            found = m.json();
    return found;
}

}  // namespace

TEST_CASE("a kiosk under the shipped ACL is heard in full and announced to Home Assistant",
          "[integration][acl][ha]") {
    TempDir dir;
    ShippedBroker broker(
        dir, "rollstation.conf", "acl",
        {{"roller-1", "pw-r1"}, {"frontdesk", "pw-staff"}, {"homeassistant", "pw-ha"}});
    Subscriber staff(broker.port(), signed_in("frontdesk", "pw-staff", "rollstation/#"));
    Subscriber ha(broker.port(), signed_in("homeassistant", "pw-ha", "homeassistant/#"));
    staff.wait_ready();
    ha.wait_ready();
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    ChildProcess kiosk({ROLLSTATION_BINARY, "--config", station_file(dir, broker.port()).string()},
                       dir.path(), "kiosk");

    require_eventually("status, state, stats, routines and the sensor's event", [&] {
        return !last_on(staff, kBase + "status").is_null() &&
               !last_on(staff, kBase + "state").is_null() &&
               !last_on(staff, kBase + "stats").is_null() &&
               !last_on(staff, kBase + "routines").is_null() && !staff.on("/event").empty();
    });
    const auto status = last_on(staff, kBase + "status");
    CHECK(status["online"] == true);
    CHECK(status["name"] == "Roller 1");
    CHECK(status["groups"] == nlohmann::json{"weight-room"});
    const auto stats = last_on(staff, kBase + "stats");
    CHECK(stats["last_7_days"]["days"].size() == 7);
    const auto routines = last_on(staff, kBase + "routines")["routines"];
    REQUIRE(routines.size() == 17);
    CHECK(std::any_of(routines.begin(), routines.end(), [](const nlohmann::json& r) {
        return r["id"] == "pre-run" && r["title"] == "Pre-run warm-up" && r["planned_s"] == 300;
    }));

    // Home Assistant's view: one config per entity, retained, all naming the station's device.
    const auto configs = [&] {
        std::multiset<std::string> topics;
        for (const auto& m : ha.messages())
            if (m.topic.size() > 7 && m.topic.compare(m.topic.size() - 7, 7, "/config") == 0)
                topics.insert(m.topic);
        return topics;
    };
    require_eventually("the five discovery configs", [&] { return configs().size() == 5; });
    for (const auto& m : ha.messages()) {
        INFO(m.topic);
        CHECK(m.retain);
        CHECK(m.json()["device"]["name"] == "Roller 1");
    }
    // Home Assistant restarts and says so: the station announces itself again.
    SignedInClient home_assistant(broker.port(), "homeassistant", "pw-ha");
    REQUIRE(taken(home_assistant.publish("homeassistant/status", "online")));
    require_eventually("the configs again", [&] { return configs().size() == 10; });

    INFO(kiosk.describe());
    CHECK(kiosk.running());
    CHECK(kiosk.err().find("refused") == std::string::npos);
}

}  // namespace rs::itest
