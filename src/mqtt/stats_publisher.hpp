// The station's retained statistics (today and the last seven days) and its recent history:
// refreshed when sessions change, when the outbox empties and at local midnight, when a new day
// starts empty. The midnight check is re-armed hourly, so a clock that moves is followed.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <string>

#include "mqtt/link_parts.hpp"
#include "storage/outbox.hpp"

namespace rs::mqtt {

class StatsPublisher {
  public:
    explicit StatsPublisher(LinkParts& parts) : parts_(parts), midnight_(parts.io) {}

    // Computes the statistics now (on the parts' clock) and publishes them when online.
    void refresh();
    // Publishes the recent history (retained) when online.
    void publish_recent();
    // After a reconnect: the statistics last computed and the recent history, again.
    void republish();
    // Starts the midnight check; `stop` cancels it.
    void start_midnight_check();
    void stop() { midnight_.cancel(); }

    // How long until the midnight check should look again: just past the next local midnight,
    // at most an hour (the wall clock may be stepped meanwhile).
    static std::chrono::milliseconds wait_for_next_check(core::WallTime now);

    const storage::DayStats& today() const { return today_; }
    const std::string& payload() const { return payload_; }

  private:
    LinkParts& parts_;
    boost::asio::steady_timer midnight_;
    storage::DayStats today_;  // as last published
    std::string payload_;
};

}  // namespace rs::mqtt
