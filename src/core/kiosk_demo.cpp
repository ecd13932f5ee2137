// The demonstration's controls: hiding it, and easing off a step that is too intense.
#include <algorithm>

#include "core/kiosk_parts.hpp"
#include "rollstation/core/kiosk_demo.hpp"

namespace rs::core::detail {

void show_demo(KioskState& s, bool shown) {
    s.demo_hidden = !shown;
}

void too_intense(KioskState& s) {
    if (!s.session_running())
        return;
    Session& session = *s.session;
    const int index = session.current_segment().step_index;
    const Step& step = session.current_step();
    Routine eased = *session.routine;
    Step& changed = eased.steps.at(static_cast<std::size_t>(index));
    if (const auto softer = softer_tool(*s.demos, step.area, step.tool)) {
        changed.tool = *softer;
        changed.demo.clear();
        // The routine's words were written for the firmer tool: the softer one's own cues fit.
        if (const DemoPtr demo = s.demos->find(step.area, *softer); demo && !demo->cues.empty())
            changed.cues = demo->cues;
        if (std::find(eased.tools.begin(), eased.tools.end(), *softer) == eased.tools.end())
            eased.tools.push_back(*softer);
    } else if (const auto lighter = lighter_pressure(step.pressure)) {
        changed.pressure = *lighter;
    } else {
        return;  // already the softest there is: the button is not offered
    }
    if (!session.eased_step(index))
        session.eased.push_back({index, step.tool, step.pressure});
    session.routine = std::make_shared<const Routine>(std::move(eased));
}

}  // namespace rs::core::detail

namespace rs::core {

bool KioskState::can_ease_off() const {
    if (!session_running())
        return false;
    const Step& step = session->current_step();
    return softer_tool(*demos, step.area, step.tool) || lighter_pressure(step.pressure);
}

DemoMoment demo_moment(const KioskState& state, Instant now) {
    DemoMoment m;
    if (!state.session)
        return m;
    const Session& s = *state.session;
    m.phase = s.phase;
    m.paused = s.paused;
    m.elapsed = s.phase_elapsed;
    if (!s.paused && now > s.last_advance)
        m.elapsed += std::chrono::duration_cast<Millis>(now - s.last_advance);
    const Step& step = s.current_step();
    m.tempo = step.tempo;
    m.side = s.current_segment().side;
    if (const SensorState* lead = lead_sensor(state.sensors, step.tool);
        lead && lead->connected && lead->measures_rotation()) {
        const int circumference = lead->motion.settings().circumference_mm;
        if (const auto mrev = lead->motion.position_mrev(); mrev && circumference > 0) {
            m.travel_mm = *mrev / 1000.0 * circumference;
            m.holding = lead->motion.activity() == Activity::holding;
        }
    }
    return m;
}

}  // namespace rs::core
