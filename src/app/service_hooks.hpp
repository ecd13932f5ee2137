// What the loop owes the world around it as it turns: "ready" to the service manager once the
// first frame is up, a watchdog ping at least every `heartbeat_every`, and free heap pages back
// to the system once a minute (heap_trim.hpp says why), never by a wake of its own.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "rollstation/core/clock.hpp"

namespace rs::app {

struct ServiceHookOptions {
    std::function<void()> on_first_frame;
    std::optional<core::Millis> heartbeat_every;
    std::function<void()> heartbeat;
};

class ServiceHooks {
  public:
    explicit ServiceHooks(ServiceHookOptions options) : options_(std::move(options)) {}

    // Once per turn of the loop, after any frame it drew.
    void turn(core::Instant now, std::uint64_t frames_drawn);
    // The next heartbeat, when there is a watchdog to feed.
    std::optional<core::Instant> next_due() const;

    static constexpr core::Millis kHeapTrimInterval{60'000};

  private:
    ServiceHookOptions options_;
    core::Instant heartbeat_at_{};
    core::Instant heap_trimmed_at_{};
};

}  // namespace rs::app
