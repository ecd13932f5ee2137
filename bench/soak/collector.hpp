// The facility side of the soak: one MQTT 5 client with a session the broker keeps (clean start
// off, a day's expiry) and QoS 1 subscriptions, so events published while it is reconnecting
// (or while the broker restarts) wait for it. It never restarts, and keeps every arrival.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "kit/subscriber.hpp"

namespace rs::soak {

struct ArrivedEvent {
    std::string event_id, type, session_id, source, reason;
    std::int64_t seq = -1;
};

struct ArrivedResult {
    std::string command_id, result, reason;
};

class Collector {
  public:
    // Follows everything the station publishes under `station_topic` (…/station/<id>).
    Collector(int port, std::string client_id, std::string station_topic);
    Collector(const Collector&) = delete;
    Collector& operator=(const Collector&) = delete;

    bool ready() const { return subscriber_.ready(); }  // subscribed on the current connection
    int connections() const { return subscriber_.connections(); }
    std::vector<ArrivedEvent> events() const;
    std::vector<ArrivedResult> results() const;
    std::size_t event_count() const;
    std::int64_t last_outbox_depth() const { return outbox_depth_; }  // from stats; -1: none yet
    std::vector<std::string> problems() const;  // payloads that were not what the docs say

  private:
    void on_message(const kit::Received& message);

    std::atomic<std::int64_t> outbox_depth_{-1};
    mutable std::mutex mutex_;
    std::vector<ArrivedEvent> events_;
    std::vector<ArrivedResult> results_;
    std::vector<std::string> problems_;
    kit::Subscriber subscriber_;  // last: its thread uses everything above
};

}  // namespace rs::soak
