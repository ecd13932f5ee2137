// Time as the core sees it: a monotonic instant for timing and a wall time for event stamps.
#pragma once

#include <chrono>

namespace rs::core {

using Millis = std::chrono::milliseconds;
using Instant = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

// Both readings are taken together so an action is stamped consistently.
struct Now {
    Instant mono{};
    WallTime wall{};
};

// The shell reads time through this interface so tests can drive it by hand.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual Now now() const = 0;
};

class SystemClock final : public Clock {
  public:
    Now now() const override {
        return {std::chrono::steady_clock::now(), std::chrono::system_clock::now()};
    }
};

// A clock that moves only when told to; both readings advance together.
class FakeClock final : public Clock {
  public:
    explicit FakeClock(WallTime wall_start = WallTime{std::chrono::seconds{1'795'000'000}})
        : current_{Instant{std::chrono::hours{1}}, wall_start} {}
    Now now() const override { return current_; }
    void advance(Millis by) {
        current_.mono += by;
        current_.wall += by;
    }

  private:
    Now current_;
};

}  // namespace rs::core
