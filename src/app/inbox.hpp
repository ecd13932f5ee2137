// The one way into the UI thread from the I/O thread: a locked queue of actions that coalesces
// sensor batches and wakes the UI loop once, however many samples arrive.
#pragma once

#include <SDL.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "rollstation/core/kiosk.hpp"

namespace rs::app {

class Inbox {
  public:
    // `wake_event`: an SDL user event type pushed to wake a blocking SDL wait (0: none).
    explicit Inbox(Uint32 wake_event = 0) : wake_event_(wake_event) {}

    void post(core::Action action);    // any thread
    std::vector<core::Action> take();  // UI thread
    bool empty() const;
    // Sleeps until something is posted or the time is up; true if something is waiting.
    bool wait_for(std::chrono::milliseconds limit);

  private:
    mutable std::mutex mutex_;
    std::condition_variable posted_;
    std::vector<core::Action> pending_;
    Uint32 wake_event_;
    std::atomic<bool> wake_pending_{false};
};

}  // namespace rs::app
