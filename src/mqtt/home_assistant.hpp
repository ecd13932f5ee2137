// Home Assistant MQTT discovery: one retained config per entity, so each station appears in
// Home Assistant as a device with sensors read from its retained state and stats, available
// while its status says online. Sent on every connect and again whenever Home Assistant says
// (on <prefix>/status) that it has come online.
#pragma once

#include <string>
#include <vector>

#include "mqtt/topics.hpp"

namespace rs::mqtt {

struct DiscoveryIdentity {
    Topics topics;
    std::string station_name;
    std::string version;
    std::string prefix = "homeassistant";
};

struct RetainedMessage {
    std::string topic;
    std::string payload;
};

// The configs, one per entity: state, current routine, sessions today, active minutes today
// and sensor connected. Their topics are <prefix>/<component>/<station id>/<entity>/config.
std::vector<RetainedMessage> discovery_messages(const DiscoveryIdentity& identity);

// Where Home Assistant announces itself ("online" after every start).
inline std::string home_assistant_status_topic(const std::string& prefix) {
    return prefix + "/status";
}

}  // namespace rs::mqtt
