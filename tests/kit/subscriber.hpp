// An MQTT 5 client (libmosquitto) on a thread of its own, as the facility side of a test: it
// connects (again and again, every 10 ms, while the broker is away), subscribes on every
// connection, and keeps every message it gets or hands each to a callback.
#pragma once

#include <mosquitto.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace rs::kit {

struct Received {
    std::string topic;
    std::string payload;
    int qos = 0;
    bool retain = false;  // as published (MQTT 5 retain-as-published), or as a retained message
    std::chrono::steady_clock::time_point at;

    nlohmann::json json() const { return nlohmann::json::parse(payload, nullptr, false); }
    bool on(const std::string& suffix) const {
        return topic.size() >= suffix.size() &&
               topic.compare(topic.size() - suffix.size(), suffix.size(), suffix) == 0;
    }
};

struct SubscriberOptions {
    std::string client_id;  // empty: one is made up
    std::string username;   // empty: no account
    std::string password;
    bool persistent = false;  // clean start off, and a session the broker keeps
    int session_expiry_s = 3600;
    int qos = 2;  // 2: every message arrives with the QoS it was published with
    std::string topic = "rollstation/#";
    // Set: each message goes here (on the client's thread) instead of being kept.
    std::function<void(const Received&)> on_message;
};

// Everything on `topic`, at QoS 2, from a fresh session.
SubscriberOptions watching(const std::string& topic);
// A QoS 1 subscription to `topic` in a session the broker keeps for `client_id`.
SubscriberOptions collecting(const std::string& client_id, const std::string& topic);

class Subscriber {
  public:
    explicit Subscriber(int port, SubscriberOptions options = {});
    ~Subscriber();
    Subscriber(const Subscriber&) = delete;
    Subscriber& operator=(const Subscriber&) = delete;

    // Subscribed on the current connection (the broker's SUBACK has arrived).
    bool ready() const { return ready_; }
    int connections() const { return connections_; }
    const std::string& client_id() const { return options_.client_id; }

    std::vector<Received> messages() const;
    // The messages on topics that end with `suffix` ("/event", "/status"...).
    std::vector<Received> on(const std::string& suffix) const;
    std::size_t count() const;

  private:
    void run();
    static void on_connect(mosquitto* m, void* self, int rc, int, const mosquitto_property*);
    static void on_subscribe(mosquitto*, void* self, int, int, const int*,
                             const mosquitto_property*);
    static void on_disconnect(mosquitto*, void* self, int, const mosquitto_property*);
    static void on_message(mosquitto*, void* self, const mosquitto_message* message,
                           const mosquitto_property*);

    int port_;
    SubscriberOptions options_;
    mosquitto* mosq_ = nullptr;
    std::atomic<bool> stop_{false};
    std::atomic<bool> ready_{false};
    std::atomic<int> connections_{0};
    mutable std::mutex mutex_;
    std::vector<Received> messages_;
    std::thread thread_;  // last: it uses everything above
};

}  // namespace rs::kit
