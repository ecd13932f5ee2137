// What the admin panel shows that the kiosk state does not hold: the station's identity, its
// network, the broker link, today's use, and the problems met while loading and starting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rs::ui {

struct AdminInfo {
    std::string station_id;
    std::string version;
    std::vector<std::string> addresses;  // "eth0 192.168.1.20"
    std::string broker;                  // "broker.local:1883", empty: none configured
    bool broker_connected = false;
    std::int64_t outbox_depth = 0;
    std::int64_t dropped = 0;
    int sessions_today = 0;
    int active_minutes_today = 0;
    std::vector<std::string> problems;  // routine files that failed, start-up problems
    std::string notice;                 // the outcome of the last admin action
};

}  // namespace rs::ui
