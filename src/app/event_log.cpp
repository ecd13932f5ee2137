#include "app/event_log.hpp"

#include "mqtt/payloads.hpp"

namespace rs::app {

std::string describe_event(const core::UsageEvent& e) {
    // The same fields the facility receives, one JSON object a line.
    return "event " + mqtt::event_fields(e).dump();
}

}  // namespace rs::app
