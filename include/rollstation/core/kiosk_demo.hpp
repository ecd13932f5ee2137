// The demonstration's moment from the whole kiosk state: the step under way, its phase and
// time, and where the lead roller has turned to.
#pragma once

#include "rollstation/core/demo.hpp"
#include "rollstation/core/kiosk.hpp"

namespace rs::core {

// `now` moves the phase's time on smoothly between the core's updates.
DemoMoment demo_moment(const KioskState& state, Instant now);

}  // namespace rs::core
