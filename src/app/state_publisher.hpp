// The kiosk's retained state, sent when what it holds changes (at most twice a second), and
// its telemetry, once a second while a session runs: no JSON on every animation frame.
#pragma once

#include <optional>
#include <string>

#include "app/outbound.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"

namespace rs::app {

class StatePublisher {
  public:
    explicit StatePublisher(Outbound* outbound) : outbound_(outbound) {}

    // Something on the screen changed, so the state payload may have too.
    void note_change() { may_have_changed_ = true; }
    void publish(const core::KioskState& state, core::Now now);
    // When publish() next has something to send, if ever.
    std::optional<core::Instant> next_due(const core::KioskState& state) const;

    static constexpr core::Millis kStateInterval{500};
    static constexpr core::Millis kTelemetryInterval{1000};

  private:
    Outbound* outbound_;
    std::string published_;  // the state fields last sent
    core::Instant state_at_{};
    bool pending_ = false;
    bool may_have_changed_ = true;
    core::Instant telemetry_at_{};
};

}  // namespace rs::app
