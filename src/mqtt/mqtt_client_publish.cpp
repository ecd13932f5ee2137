// Publishing, MQTT 5 requests and answers, and subscribing: nothing is queued while the client
// is disconnected (the outbox is the queue), so each call says whether it went out.
#include "mqtt/mqtt_client.hpp"

namespace rs::mqtt {

std::optional<int> MqttClient::publish(const std::string& topic, const std::string& payload,
                                       int qos, bool retain) {
    if (!connected_)
        return std::nullopt;
    int mid = 0;
    const int rc =
        mosquitto_publish_v5(mosq_.get(), &mid, topic.c_str(), static_cast<int>(payload.size()),
                             payload.data(), qos, retain, nullptr);
    if (rc != MOSQ_ERR_SUCCESS)
        return std::nullopt;
    arm_write();
    return mid;
}

std::optional<int> MqttClient::respond(const Incoming& request, const std::string& payload) {
    if (request.response_topic.empty())
        return std::nullopt;
    return publish_v5(request.response_topic, payload, "", request.correlation_data);
}

std::optional<int> MqttClient::request(const std::string& topic, const std::string& payload,
                                       const std::string& response_topic,
                                       const std::string& correlation) {
    return publish_v5(topic, payload, response_topic, correlation);
}

std::optional<int> MqttClient::publish_v5(const std::string& topic, const std::string& payload,
                                          const std::string& response_topic,
                                          const std::string& correlation) {
    if (!connected_)
        return std::nullopt;
    mosquitto_property* props = nullptr;
    if (!response_topic.empty())
        mosquitto_property_add_string(&props, MQTT_PROP_RESPONSE_TOPIC, response_topic.c_str());
    if (!correlation.empty())
        mosquitto_property_add_binary(&props, MQTT_PROP_CORRELATION_DATA, correlation.data(),
                                      static_cast<uint16_t>(correlation.size()));
    int mid = 0;
    const int rc =
        mosquitto_publish_v5(mosq_.get(), &mid, topic.c_str(), static_cast<int>(payload.size()),
                             payload.data(), 1, false, props);
    mosquitto_property_free_all(&props);
    if (rc != MOSQ_ERR_SUCCESS)
        return std::nullopt;
    arm_write();
    return mid;
}

void MqttClient::subscribe(const std::string& topic, int qos) {
    if (!connected_)
        return;
    // Retain as published (MQTT 5): a message published retained says so on its first, live
    // delivery too, not only to later subscribers, so a retained command is refused both times.
    const int options = settings_.v5 ? MQTT_SUB_OPT_RETAIN_AS_PUBLISHED : 0;
    mosquitto_subscribe_v5(mosq_.get(), nullptr, topic.c_str(), qos, options, nullptr);
    arm_write();
}

}  // namespace rs::mqtt
