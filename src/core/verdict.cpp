#include "rollstation/core/verdict.hpp"

#include <algorithm>

namespace rs::core {

SessionVerdicts judge(const Session& s, const ForceZones& zones,
                      std::optional<double> body_weight_n) {
    SessionVerdicts out;
    if (!s.motion)
        return out;
    // The targets of the segments reached (done, skipped or under way when it ended), each
    // weighted by its planned length: a routine stopped in its first step is judged by that step.
    double weight = 0, tempo_min = 0, tempo_max = 0, force_min = 0, force_max = 0;
    const auto reached = std::min(s.plan.size(), static_cast<std::size_t>(s.segment) + 1);
    for (std::size_t i = 0; i < reached; ++i) {
        const Segment& seg = s.plan[i];
        const Step& step = s.routine->steps.at(static_cast<std::size_t>(seg.step_index));
        const double w = seg.duration_s;
        const ForceBand& band = zones.band(step.pressure);
        weight += w;
        tempo_min += w * step.tempo.min_s;
        tempo_max += w * step.tempo.max_s;
        force_min += w * band.min_n;
        force_max += w * band.max_n;
    }
    if (weight <= 0)
        return out;
    const MotionTotals d = s.session_motion();
    if ((out.seconds_per_pass = d.seconds_per_pass())) {
        const double spp = *out.seconds_per_pass;
        out.tempo = spp < tempo_min / weight   ? Verdict::too_fast
                    : spp > tempo_max / weight ? Verdict::too_slow
                                               : Verdict::on_target;
    }
    if (const auto mean = d.mean_force()) {
        out.pressure = *mean < force_min / weight   ? Verdict::too_light
                       : *mean > force_max / weight ? Verdict::too_firm
                                                    : Verdict::on_target;
        out.level = *mean < zones.moderate.min_n ? Pressure::light
                    : *mean < zones.firm.min_n   ? Pressure::moderate
                                                 : Pressure::firm;
        if (body_weight_n && *body_weight_n > 0)
            out.body_weight_pct = 100.0 * *mean / *body_weight_n;
    }
    return out;
}

}  // namespace rs::core
