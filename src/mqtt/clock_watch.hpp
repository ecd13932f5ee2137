// Watches the wall clock against the monotonic one on the I/O thread: once a second it reads
// whether the wall clock is synchronised and how far it stands from the monotonic clock, and
// reports a change of either (NTP arriving, a step either way) so the link can re-stamp
// waiting events, correct its status and recompute the day's statistics at once.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>

#include "mqtt/link_parts.hpp"

namespace rs::mqtt {

class ClockWatch {
  public:
    struct Change {
        bool synced = false;
        bool sync_changed = false;
        std::int64_t stepped_ms = 0;  // how far the wall clock moved against the monotonic one
    };
    ClockWatch(LinkParts& parts, std::function<void(const Change&)> on_change);

    void start();
    void stop() { timer_.cancel(); }
    // Looks now, reporting a change (also called by the timer).
    void check();

    bool synced() const { return synced_; }
    // A monotonic instant on the wall clock as it stands now (the process's start, say).
    core::WallTime wall_of(core::Instant at) const;

    static constexpr std::chrono::seconds kEvery{1};
    // Smaller moves are the ordinary slewing of NTP and the jitter of reading two clocks.
    static constexpr std::int64_t kStepAtLeastMs = 1000;

  private:
    LinkParts& parts_;
    std::function<void(const Change&)> on_change_;
    boost::asio::steady_timer timer_;
    bool synced_ = false;
    std::int64_t wall_minus_mono_ms_ = 0;
};

}  // namespace rs::mqtt
