// The one way into the UI thread from the I/O thread: a locked queue of actions that coalesces
// sensor batches and wakes the UI loop once, however many samples arrive. A sensor streaming at
// 100 Hz would still wake it 100 times a second, most of it for nothing on a screen that shows no
// live figure: with a patience set, a stream wakes it at most once per patience, and the loop
// wakes itself in time for the rest (sensor_wait_cap()).
#pragma once

#include <SDL.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "rollstation/core/kiosk.hpp"

namespace rs::app {

class Inbox {
  public:
    using Steady = std::chrono::steady_clock;
    // `wake_event`: an SDL user event type pushed to wake a blocking SDL wait (0: none).
    explicit Inbox(Uint32 wake_event = 0, std::function<Steady::time_point()> now = Steady::now)
        : wake_event_(wake_event), now_(std::move(now)) {}

    void post(core::Action action);    // any thread
    std::vector<core::Action> take();  // UI thread
    bool empty() const;
    // Sleeps until something is posted or the time is up; true if something is waiting.
    bool wait_for(std::chrono::milliseconds limit);

    // How long a sensor batch may wait for the UI (0, the default: it wakes the UI at once).
    void set_sensor_patience(std::chrono::milliseconds patience);
    // While a sensor streams (a batch in the last two seconds), the longest the UI loop may sleep
    // so that no batch waits longer than the patience; nothing when no sensor streams.
    std::optional<std::chrono::milliseconds> sensor_wait_cap() const;
    // Wake-ups sent to the UI loop so far.
    std::size_t wakes() const { return wakes_; }

    static constexpr std::chrono::seconds kStreamMemory{2};

  private:
    mutable std::mutex mutex_;
    std::condition_variable posted_;
    std::vector<core::Action> pending_;
    Uint32 wake_event_;
    std::function<Steady::time_point()> now_;
    std::atomic<bool> wake_pending_{false};
    std::atomic<std::size_t> wakes_{0};
    std::chrono::milliseconds patience_{0};
    std::optional<Steady::time_point> last_sensor_post_, last_sensor_wake_;
};

}  // namespace rs::app
