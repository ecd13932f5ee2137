#include "rollstation/core/events.hpp"

namespace rs::core {

std::string_view name_of(EventType type) {
    switch (type) {
        case EventType::session_started:
            return "session_started";
        case EventType::step_completed:
            return "step_completed";
        case EventType::session_completed:
            return "session_completed";
        case EventType::session_abandoned:
            return "session_abandoned";
        case EventType::sensor_connected:
            return "sensor_connected";
        case EventType::sensor_lost:
            return "sensor_lost";
    }
    return "unknown";
}

std::string_view name_of(AbandonReason reason) {
    switch (reason) {
        case AbandonReason::user_stopped:
            return "user_stopped";
        case AbandonReason::idle_timeout:
            return "idle_timeout";
        case AbandonReason::preempted:
            return "preempted";
        case AbandonReason::power_loss:
            return "power_loss";
    }
    return "unknown";
}

std::string_view name_of(SessionSource source) {
    return source == SessionSource::athlete ? "athlete" : "class";
}

}  // namespace rs::core
