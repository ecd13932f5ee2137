// The demonstration's controls: hiding it, and easing off a step that is too intense.
#include <algorithm>

#include "kiosk_parts.hpp"

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

}  // namespace rs::core
