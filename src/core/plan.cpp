#include "rollstation/core/plan.hpp"

namespace rs::core {

std::vector<Segment> expand(const Routine& routine) {
    std::vector<Segment> out;
    for (std::size_t i = 0; i < routine.steps.size(); ++i) {
        const Step& step = routine.steps[i];
        const auto add_side = [&](Side side) {
            for (int set = 1; set <= step.sets; ++set) {
                out.push_back(Segment{static_cast<int>(i), side, set, step.sets, step.duration_s});
            }
        };
        if (step.side == Side::left_then_right) {
            add_side(Side::left);
            add_side(Side::right);
        } else {
            add_side(step.side);
        }
    }
    return out;
}

Gap gap_between(const Segment& before, const Segment& after) {
    if (before.step_index != after.step_index)
        return Gap::next_step;
    if (before.side != after.side)
        return Gap::switch_side;
    return Gap::rest;
}

}  // namespace rs::core
