#include "soak/collector.hpp"

#include <nlohmann/json.hpp>

namespace rs::soak {
namespace {

// A session the broker keeps for a day, so nothing published while it reconnects is lost.
kit::SubscriberOptions collector_options(std::string client_id, std::string station_topic) {
    kit::SubscriberOptions o = kit::collecting(std::move(client_id), station_topic + "/#");
    o.session_expiry_s = 86'400;
    return o;
}

}  // namespace

Collector::Collector(int port, std::string client_id, std::string station_topic)
    : subscriber_(port, [&] {
          kit::SubscriberOptions o = collector_options(std::move(client_id), station_topic);
          o.on_message = [this](const kit::Received& m) { on_message(m); };
          return o;
      }()) {}

void Collector::on_message(const kit::Received& message) {
    const std::string& topic = message.topic;
    const std::string& payload = message.payload;
    const bool event = message.on("/event");
    const bool result = message.on("/cmd/result");
    const bool stats = message.on("/stats");
    if (!event && !result && !stats)
        return;  // status, state, telemetry, and the commands the soak itself sends
    const auto j = nlohmann::json::parse(payload, nullptr, false);
    std::lock_guard lock(mutex_);
    if (!j.is_object()) {
        problems_.push_back(topic + ": not a JSON object: " + payload.substr(0, 200));
        return;
    }
    try {
        if (event) {
            ArrivedEvent e;
            e.event_id = j.at("event_id").get<std::string>();
            e.seq = j.at("seq").get<std::int64_t>();
            e.type = j.at("type").get<std::string>();
            e.session_id = j.value("session_id", "");
            e.source = j.value("source", "");
            e.reason = j.value("reason", "");
            events_.push_back(std::move(e));
        } else if (result) {
            results_.push_back({j.value("command_id", ""), j.at("result").get<std::string>(),
                                j.value("reason", "")});
        } else {
            outbox_depth_ = j.at("outbox_depth").get<std::int64_t>();
        }
    } catch (const nlohmann::json::exception& e) {
        problems_.push_back(topic + ": " + e.what() + ": " + payload.substr(0, 200));
    }
}

std::vector<ArrivedEvent> Collector::events() const {
    std::lock_guard lock(mutex_);
    return events_;
}

std::vector<ArrivedResult> Collector::results() const {
    std::lock_guard lock(mutex_);
    return results_;
}

std::size_t Collector::event_count() const {
    std::lock_guard lock(mutex_);
    return events_.size();
}

std::vector<std::string> Collector::problems() const {
    std::lock_guard lock(mutex_);
    return problems_;
}

}  // namespace rs::soak
