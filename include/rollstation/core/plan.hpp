// Expands a routine into the timed segments an athlete actually performs (sides and sets).
#pragma once

#include <vector>

#include "rollstation/core/routine.hpp"

namespace rs::core {

// One uninterrupted stretch of rolling: a step, on one side, for one set.
struct Segment {
    int step_index = 0;      // index into Routine::steps
    Side side = Side::both;  // never left_then_right: that is split into two segments
    int set = 1;             // 1-based
    int sets = 1;
    int duration_s = 0;
    bool operator==(const Segment&) const = default;
};

// What happens between a segment and the one after it.
enum class Gap { rest, switch_side, next_step };

std::vector<Segment> expand(const Routine& routine);

// The gap between segments i and i+1 of the same plan (i+1 must exist).
Gap gap_between(const Segment& before, const Segment& after);

}  // namespace rs::core
