// Whether the wall clock can be trusted yet. A Raspberry Pi has no battery-backed clock: until
// NTP (or an RTC) has set it, the wall clock is whatever was saved at the last shutdown, or
// 1970, and it may later be stepped by weeks. Events recorded meanwhile are marked so and
// re-stamped from the monotonic clock once the wall clock is synchronised.
#pragma once

#include <atomic>

namespace rs::core {

class ClockSync {
  public:
    virtual ~ClockSync() = default;
    virtual bool synchronised() const = 0;
};

// Set by hand (tests, tools); any thread may read or set it.
class FakeClockSync final : public ClockSync {
  public:
    explicit FakeClockSync(bool synced = true) : synced_(synced) {}
    bool synchronised() const override { return synced_.load(); }
    void set(bool synced) { synced_.store(synced); }

  private:
    std::atomic<bool> synced_;
};

}  // namespace rs::core
