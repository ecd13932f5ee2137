// The shell around AlertEngine: decodes the stations' retained status, state and stats,
// publishes each raised or cleared alert retained on `<root>/<facility>/alert/<station>/<kind>`
// and, with mqtt.home_assistant enabled, a Home Assistant binary sensor for each.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "mqtt/mqtt_client.hpp"
#include "recorder/alerts.hpp"

namespace rs::recorder {

class AlertWatch {
  public:
    using Publish = std::function<void(const std::string& topic, const std::string& payload)>;
    AlertWatch(const RecorderConfig& config, Publish publish);

    std::vector<std::string> subscriptions() const;
    // True when the message was one of the watched topics (and so handled here).
    bool handle(const mqtt::Incoming& message, std::int64_t now_ms);
    void tick(std::int64_t now_ms);

    static std::string alert_topic(const std::string& root, const AlertChange& change);
    static std::string alert_payload(const AlertChange& change, std::int64_t now_ms);

  private:
    void publish_changes(const std::vector<AlertChange>& changes, std::int64_t now_ms);
    void announce(const std::string& facility, const std::string& station);

    const RecorderConfig& config_;
    Publish publish_;
    AlertEngine engine_;
    std::set<std::pair<std::string, std::string>> announced_;
};

}  // namespace rs::recorder
