#include "app/outbound.hpp"

#include "app/event_log.hpp"
#include "app/log.hpp"
#include "app/uuid.hpp"

namespace rs::app {

void LinkOutbound::event(const core::UsageEvent& event) {
    const std::string id = make_uuid();
    log_info(describe_event(event));
    if (on_recorded_)
        on_recorded_(id, event);
    link_.record(event, id);
}

}  // namespace rs::app
