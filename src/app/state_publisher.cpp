#include "app/state_publisher.hpp"

#include <utility>

#include "mqtt/payloads.hpp"

namespace rs::app {

void StatePublisher::publish(const core::KioskState& state, core::Now now) {
    if (!outbound_)
        return;
    // Only when something visible changed is the payload built and compared at all.
    if (std::exchange(may_have_changed_, false)) {
        std::string fields = mqtt::state_fields(state).dump();
        if (fields != published_) {
            published_ = std::move(fields);
            pending_ = true;
        }
    }
    if (pending_ && now.mono - state_at_ >= kStateInterval) {
        outbound_->state(mqtt::state_payload(state, now.wall));
        state_at_ = now.mono;
        pending_ = false;
    }
    if (state.session_running() && now.mono - telemetry_at_ >= kTelemetryInterval) {
        outbound_->telemetry(mqtt::telemetry_payload(state, now.wall));
        telemetry_at_ = now.mono;
    }
}

std::optional<core::Instant> StatePublisher::next_due(const core::KioskState& state) const {
    if (!outbound_)
        return std::nullopt;
    std::optional<core::Instant> due;
    if (pending_)
        due = state_at_ + kStateInterval;
    if (state.session_running()) {
        const core::Instant telemetry = telemetry_at_ + kTelemetryInterval;
        if (!due || telemetry < *due)
            due = telemetry;
    }
    return due;
}

}  // namespace rs::app
