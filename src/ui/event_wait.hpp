// Waiting for the next SDL event without burning a core.
#pragma once

#include <SDL.h>

#include <functional>

namespace rs::ui {

class EventWaiter {
  public:
    // Call after the video subsystem is up: it looks at which driver is in use.
    // `sleep(ms)` replaces SDL_Delay while polling, so another thread can cut the wait short;
    // it returns true when it was woken.
    explicit EventWaiter(std::function<bool(int)> sleep = {});
    // Like SDL_WaitEventTimeout: true with an event, false when the timeout passed first.
    bool wait(SDL_Event* event, int timeout_ms);
    bool native() const { return native_; }

    // Drivers without a blocking wait (kmsdrm on the Pi, dummy in tests) make SDL poll every
    // millisecond; we poll at this interval instead: touch latency stays well under a frame.
    static constexpr int kPollIntervalMs = 10;

  private:
    bool native_ = false;
    std::function<bool(int)> sleep_;
};

}  // namespace rs::ui
