#include "mqtt/home_assistant.hpp"

#include <nlohmann/json.hpp>

namespace rs::mqtt {
namespace {

using nlohmann::json;

struct Entity {
    const char* component;  // sensor or binary_sensor
    const char* object;     // the entity's part of the ids and of the topic
    const char* name;
    bool from_stats;  // else from state
    json extra;       // the value template and what kind of value it is
};

std::vector<Entity> entities() {
    return {
        {"sensor",
         "state",
         "State",
         false,
         {{"value_template", "{{ value_json.mode }}"},
          {"device_class", "enum"},
          {"options", {"idle", "browsing", "session", "class_countdown"}},
          {"icon", "mdi:tablet-dashboard"}}},
        {"sensor",
         "routine",
         "Current routine",
         false,
         {{"value_template", "{{ value_json.routine_title | default('none') }}"},
          {"icon", "mdi:format-list-numbered"}}},
        {"sensor",
         "sessions_today",
         "Sessions today",
         true,
         {{"value_template", "{{ value_json.sessions }}"},
          {"state_class", "total_increasing"},
          {"icon", "mdi:counter"}}},
        {"sensor",
         "active_minutes_today",
         "Active minutes today",
         true,
         {{"value_template", "{{ value_json.active_minutes | round(1) }}"},
          {"unit_of_measurement", "min"},
          {"device_class", "duration"},
          {"state_class", "total_increasing"}}},
        // On when the station has sensors and every one of them is connected.
        {"binary_sensor",
         "sensor_connected",
         "Sensor connected",
         false,
         {{"value_template",
           "{{ 'ON' if (value_json.sensors | length > 0) and "
           "(value_json.sensors | rejectattr('connected') | list | length == 0) else 'OFF' }}"},
          {"device_class", "connectivity"}}},
    };
}

}  // namespace

std::vector<RetainedMessage> discovery_messages(const DiscoveryIdentity& id) {
    const Topics& t = id.topics;
    const std::string device_id = t.root + "_" + t.facility + "_" + t.station;
    const json device{{"identifiers", {device_id}},
                      {"name", id.station_name.empty() ? t.station : id.station_name},
                      {"manufacturer", "Rollstation"},
                      {"model", "Foam-roller station"},
                      {"sw_version", id.version}};
    const json availability =
        json::array({{{"topic", t.status()},
                      {"value_template", "{{ 'online' if value_json.online else 'offline' }}"}}});

    std::vector<RetainedMessage> out;
    for (const Entity& e : entities()) {
        json config = e.extra;
        config["name"] = e.name;
        config["unique_id"] = device_id + "_" + e.object;
        config["state_topic"] = e.from_stats ? t.stats() : t.state();
        config["availability"] = availability;
        config["device"] = device;
        config["origin"] = {{"name", "Rollstation"}, {"sw_version", id.version}};
        config["qos"] = 1;
        out.push_back({id.prefix + "/" + e.component + "/" + t.station + "/" + e.object + "/config",
                       config.dump()});
    }
    return out;
}

}  // namespace rs::mqtt
