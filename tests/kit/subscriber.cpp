#include "kit/subscriber.hpp"

#include <mqtt_protocol.h>
#include <unistd.h>

#include <stdexcept>

namespace rs::kit {
namespace {

std::atomic<int>& next_id() {
    static std::atomic<int> id{0};
    return id;
}

}  // namespace

SubscriberOptions watching(const std::string& topic) {
    SubscriberOptions o;
    o.topic = topic;
    return o;
}

SubscriberOptions collecting(const std::string& client_id, const std::string& topic) {
    SubscriberOptions o;
    o.client_id = client_id;
    o.persistent = true;
    o.qos = 1;
    o.topic = topic;
    return o;
}

Subscriber::Subscriber(int port, SubscriberOptions options)
    : port_(port), options_(std::move(options)) {
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
    if (options_.client_id.empty())
        options_.client_id =
            "test-sub-" + std::to_string(::getpid()) + "-" + std::to_string(next_id().fetch_add(1));
    mosq_ = mosquitto_new(options_.client_id.c_str(), !options_.persistent, this);
    if (!mosq_)
        throw std::runtime_error("mosquitto_new failed for " + options_.client_id);
    mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    if (!options_.username.empty())
        mosquitto_username_pw_set(mosq_, options_.username.c_str(), options_.password.c_str());
    mosquitto_connect_v5_callback_set(mosq_, &Subscriber::on_connect);
    mosquitto_subscribe_v5_callback_set(mosq_, &Subscriber::on_subscribe);
    mosquitto_message_v5_callback_set(mosq_, &Subscriber::on_message);
    mosquitto_disconnect_v5_callback_set(mosq_, &Subscriber::on_disconnect);
    thread_ = std::thread([this] { run(); });
}

Subscriber::~Subscriber() {
    stop_ = true;
    if (thread_.joinable())
        thread_.join();
    mosquitto_destroy(mosq_);
}

std::vector<Received> Subscriber::messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
}

std::vector<Received> Subscriber::on(const std::string& suffix) const {
    std::vector<Received> out;
    for (auto& m : messages())
        if (m.on(suffix))
            out.push_back(std::move(m));
    return out;
}

std::size_t Subscriber::count() const {
    std::lock_guard lock(mutex_);
    return messages_.size();
}

void Subscriber::run() {
    bool up = false;
    while (!stop_) {
        if (!up) {
            mosquitto_property* props = nullptr;
            if (options_.persistent)
                mosquitto_property_add_int32(&props, MQTT_PROP_SESSION_EXPIRY_INTERVAL,
                                             static_cast<std::uint32_t>(options_.session_expiry_s));
            up = mosquitto_connect_bind_v5(mosq_, "127.0.0.1", port_, 60, nullptr, props) ==
                 MOSQ_ERR_SUCCESS;
            mosquitto_property_free_all(&props);
            if (!up) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                continue;
            }
        }
        if (mosquitto_loop(mosq_, 10, 1) != MOSQ_ERR_SUCCESS) {
            up = false;
            ready_ = false;
        }
    }
    if (up) {
        mosquitto_disconnect_v5(mosq_, 0, nullptr);
        mosquitto_loop(mosq_, 10, 1);
    }
}

void Subscriber::on_connect(mosquitto* m, void* self_ptr, int rc, int, const mosquitto_property*) {
    auto* self = static_cast<Subscriber*>(self_ptr);
    if (rc != 0)
        return;
    ++self->connections_;
    mosquitto_subscribe_v5(m, nullptr, self->options_.topic.c_str(), self->options_.qos,
                           MQTT_SUB_OPT_RETAIN_AS_PUBLISHED, nullptr);
}

void Subscriber::on_subscribe(mosquitto*, void* self_ptr, int, int, const int*,
                              const mosquitto_property*) {
    static_cast<Subscriber*>(self_ptr)->ready_ = true;
}

void Subscriber::on_disconnect(mosquitto*, void* self_ptr, int, const mosquitto_property*) {
    static_cast<Subscriber*>(self_ptr)->ready_ = false;
}

void Subscriber::on_message(mosquitto*, void* self_ptr, const mosquitto_message* message,
                            const mosquitto_property*) {
    auto* self = static_cast<Subscriber*>(self_ptr);
    Received r;
    r.topic = message->topic;
    r.payload.assign(static_cast<const char*>(message->payload),
                     static_cast<std::size_t>(message->payloadlen));
    r.qos = message->qos;
    r.retain = message->retain;
    r.at = std::chrono::steady_clock::now();
    if (self->options_.on_message) {
        self->options_.on_message(r);
        return;
    }
    std::lock_guard lock(self->mutex_);
    self->messages_.push_back(std::move(r));
}

}  // namespace rs::kit
