// Home Assistant discovery: one retained config per entity, each naming the same device, read
// from the station's retained state or stats, and available only while the station is online.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

#include "mqtt/home_assistant.hpp"

using nlohmann::json;
using rs::mqtt::discovery_messages;
using rs::mqtt::DiscoveryIdentity;

namespace {

DiscoveryIdentity roller_3() {
    DiscoveryIdentity id;
    id.topics.facility = "northside";
    id.topics.station = "roller-3";
    id.station_name = "Roller 3";
    id.version = "1.2.3";
    return id;
}

std::map<std::string, json> by_topic(const DiscoveryIdentity& id) {
    std::map<std::string, json> out;
    for (const auto& m : discovery_messages(id))
        out[m.topic] = json::parse(m.payload);
    return out;
}

}  // namespace

TEST_CASE("each station entity has its own config topic under the discovery prefix", "[ha]") {
    const auto configs = by_topic(roller_3());
    std::set<std::string> topics;
    for (const auto& [topic, config] : configs)
        topics.insert(topic);
    CHECK(topics == std::set<std::string>{
                        "homeassistant/sensor/roller-3/state/config",
                        "homeassistant/sensor/roller-3/routine/config",
                        "homeassistant/sensor/roller-3/sessions_today/config",
                        "homeassistant/sensor/roller-3/active_minutes_today/config",
                        "homeassistant/binary_sensor/roller-3/sensor_connected/config",
                    });
    DiscoveryIdentity other = roller_3();
    other.prefix = "site/ha";
    for (const auto& m : discovery_messages(other))
        CHECK(m.topic.rfind("site/ha/", 0) == 0);
}

TEST_CASE("every entity names one device, a unique id, its source topic and the availability",
          "[ha]") {
    const auto configs = by_topic(roller_3());
    std::set<std::string> unique_ids;
    for (const auto& [topic, c] : configs) {
        INFO(topic << ": " << c.dump());
        unique_ids.insert(c["unique_id"].get<std::string>());
        CHECK(c["device"]["identifiers"] == json{"rollstation_northside_roller-3"});
        CHECK(c["device"]["name"] == "Roller 3");
        CHECK(c["device"]["sw_version"] == "1.2.3");
        CHECK(c["origin"]["name"] == "Rollstation");
        REQUIRE(c["availability"].size() == 1);
        CHECK(c["availability"][0]["topic"] == "rollstation/northside/station/roller-3/status");
        CHECK_THAT(c["availability"][0]["value_template"].get<std::string>(),
                   Catch::Contains("value_json.online"));
        CHECK_FALSE(c["name"].get<std::string>().empty());
        CHECK(c["value_template"].is_string());
        CHECK(c["qos"] == 1);
    }
    CHECK(unique_ids.size() == configs.size());

    const std::string base = "homeassistant/sensor/roller-3/";
    CHECK(configs.at(base + "state/config")["state_topic"] ==
          "rollstation/northside/station/roller-3/state");
    CHECK(configs.at(base + "state/config")["options"] ==
          json{"idle", "browsing", "session", "class_countdown"});
    CHECK(configs.at(base + "sessions_today/config")["state_topic"] ==
          "rollstation/northside/station/roller-3/stats");
    CHECK(configs.at(base + "active_minutes_today/config")["unit_of_measurement"] == "min");
    CHECK(configs.at(
              "homeassistant/binary_sensor/roller-3/sensor_connected/config")["device_class"] ==
          "connectivity");
}

TEST_CASE("a station without a display name appears under its id", "[ha]") {
    DiscoveryIdentity id = roller_3();
    id.station_name.clear();
    for (const auto& m : discovery_messages(id))
        CHECK(json::parse(m.payload)["device"]["name"] == "roller-3");
}
