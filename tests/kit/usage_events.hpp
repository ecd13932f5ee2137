// Usage events as the tests make them up: the step most of their sessions are made of.
#pragma once

#include "rollstation/core/events.hpp"

namespace rs::kit {

// A step_completed event for one set on the left calf with the foam roller; the caller adds the
// session, its time and whatever else the test is about.
inline core::UsageEvent calves_step(int step_index, int planned_s, core::Millis active) {
    core::UsageEvent e;
    e.type = core::EventType::step_completed;
    e.planned_s = planned_s;
    e.active = active;
    e.step_index = step_index;
    e.area = core::Area::calves;
    e.tool = core::Tool::foam_roller;
    e.side = core::Side::left;
    e.set = 1;
    return e;
}

}  // namespace rs::kit
