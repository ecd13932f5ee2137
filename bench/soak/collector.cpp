#include "collector.hpp"

#include <mqtt_protocol.h>

#include <chrono>
#include <nlohmann/json.hpp>

namespace rs::soak {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Collector::Collector(int port, std::string client_id, std::string station_topic)
    : port_(port), client_id_(std::move(client_id)), topic_(std::move(station_topic) + "/#") {
    mosq_ = mosquitto_new(client_id_.c_str(), false, this);
    if (!mosq_)
        throw std::runtime_error("mosquitto_new failed");
    mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    mosquitto_connect_v5_callback_set(mosq_, &Collector::on_connect);
    mosquitto_subscribe_v5_callback_set(mosq_, &Collector::on_subscribe);
    mosquitto_message_v5_callback_set(mosq_, &Collector::on_message_v5);
    mosquitto_disconnect_v5_callback_set(mosq_, &Collector::on_disconnect);
    thread_ = std::thread([this] { run(); });
}

Collector::~Collector() {
    stop_ = true;
    if (thread_.joinable())
        thread_.join();
    mosquitto_destroy(mosq_);
}

void Collector::run() {
    bool up = false;
    while (!stop_) {
        if (!up) {
            mosquitto_property* props = nullptr;
            mosquitto_property_add_int32(&props, MQTT_PROP_SESSION_EXPIRY_INTERVAL, 86400);
            up = mosquitto_connect_bind_v5(mosq_, "127.0.0.1", port_, 30, nullptr, props) ==
                 MOSQ_ERR_SUCCESS;
            mosquitto_property_free_all(&props);
            if (!up) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
        }
        if (mosquitto_loop(mosq_, 20, 1) != MOSQ_ERR_SUCCESS) {
            up = false;
            ready_ = false;
        }
    }
    if (up) {
        mosquitto_disconnect_v5(mosq_, 0, nullptr);
        mosquitto_loop(mosq_, 20, 1);
    }
}

void Collector::on_connect(mosquitto* m, void* self_ptr, int rc, int, const mosquitto_property*) {
    auto* self = static_cast<Collector*>(self_ptr);
    if (rc != 0)
        return;
    ++self->connections_;
    mosquitto_subscribe_v5(m, nullptr, self->topic_.c_str(), 1, 0, nullptr);
}

void Collector::on_subscribe(mosquitto*, void* self_ptr, int, int, const int*,
                             const mosquitto_property*) {
    static_cast<Collector*>(self_ptr)->ready_ = true;
}

void Collector::on_disconnect(mosquitto*, void* self_ptr, int, const mosquitto_property*) {
    static_cast<Collector*>(self_ptr)->ready_ = false;
}

void Collector::on_message_v5(mosquitto*, void* self_ptr, const mosquitto_message* message,
                              const mosquitto_property*) {
    static_cast<Collector*>(self_ptr)->on_message(*message);
}

void Collector::on_message(const mosquitto_message& message) {
    const std::string topic = message.topic;
    const std::string payload(static_cast<const char*>(message.payload),
                              static_cast<std::size_t>(message.payloadlen));
    const bool event = ends_with(topic, "/event");
    const bool result = ends_with(topic, "/cmd/result");
    const bool stats = ends_with(topic, "/stats");
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
