#include "event_log.hpp"

#include <sstream>

namespace rs::app {

std::string describe_event(const core::UsageEvent& e) {
    std::ostringstream out;
    out << "event " << core::name_of(e.type) << " session=" << e.session_id
        << " routine=" << e.routine_id << " source=" << core::name_of(e.source)
        << " planned_s=" << e.planned_s << " active_s=" << e.active.count() / 1000.0;
    if (e.step_index) {
        out << " step=" << *e.step_index << " area=" << core::name_of(*e.area)
            << " side=" << core::name_of(*e.side) << " set=" << *e.set
            << (e.skipped ? " skipped" : "");
    }
    if (e.steps_total) {
        out << " steps_completed=" << e.steps_completed.value_or(0)
            << " steps_skipped=" << e.steps_skipped.value_or(0)
            << " steps_total=" << *e.steps_total;
    }
    if (e.reason)
        out << " reason=" << core::name_of(*e.reason);
    return out.str();
}

}  // namespace rs::app
