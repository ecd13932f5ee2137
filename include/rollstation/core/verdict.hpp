// How a finished session went against its steps' targets, in words an athlete understands:
// tempo on target, too fast or too slow; pressure as a level, on target, too light or too firm.
#pragma once

#include <optional>
#include <string_view>

#include "rollstation/core/coaching.hpp"
#include "rollstation/core/session.hpp"

namespace rs::core {

enum class Verdict { on_target, too_fast, too_slow, too_light, too_firm };
std::string_view text_of(Verdict verdict);

struct SessionVerdicts {
    std::optional<double> seconds_per_pass;
    std::optional<Verdict> tempo;
    std::optional<Pressure> level;  // the band the mean force falls in
    std::optional<Verdict> pressure;
    std::optional<double> body_weight_pct;  // the mean force as a share of the check-in's weight
};

// Targets are the rolled steps' bands weighted by their length; no sensor figures, no verdict.
SessionVerdicts judge(const Session& session, const ForceZones& zones,
                      std::optional<double> body_weight_n);

}  // namespace rs::core
