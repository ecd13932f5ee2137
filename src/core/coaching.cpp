#include "rollstation/core/coaching.hpp"

#include <algorithm>
#include <array>

namespace rs::core {

const ForceBand& ForceZones::band(Pressure p) const {
    switch (p) {
        case Pressure::light:
            return light;
        case Pressure::firm:
            return firm;
        case Pressure::moderate:
            break;
    }
    return moderate;
}

ForceZones ForceZones::from_body_weight(double n) {
    return {{0.15 * n, 0.25 * n}, {0.25 * n, 0.40 * n}, {0.35 * n, 0.50 * n}};
}

CoachCue Coach::condition(const CoachInput& in) {
    if (!in.rolling_expected)
        return CoachCue::none;
    // Pressing harder buys nothing but pain, so that comes first.
    if (in.force_n && in.band && *in.force_n > in.band->max_n * 1.05)
        return CoachCue::ease_off;
    const bool moving = in.still_for < Millis{1500};
    if (moving && in.seconds_per_pass && *in.seconds_per_pass < in.tempo.min_s * 0.9)
        return CoachCue::slower;
    if (!in.holding && in.still_for >= kStillBeforeNudge)
        return CoachCue::keep_rolling;
    return CoachCue::none;
}

namespace {
// The least urgent cue first: pressing too hard above all.
constexpr std::array<CoachCue, 4> kByUrgency{CoachCue::none, CoachCue::keep_rolling,
                                             CoachCue::slower, CoachCue::ease_off};

int urgency(CoachCue cue) {
    const auto* at = std::find(kByUrgency.begin(), kByUrgency.end(), cue);
    return at == kByUrgency.end() ? 0 : static_cast<int>(at - kByUrgency.begin());
}
}  // namespace

CoachCue Coach::update(const CoachInput& input, Instant now) {
    const CoachCue wanted = condition(input);
    if (wanted != candidate_) {
        candidate_ = wanted;
        candidate_since_ = now;
    }
    const bool confirmed = candidate_ != CoachCue::none && now - candidate_since_ >= kConfirm;
    if (confirmed && urgency(candidate_) > urgency(shown_)) {
        // A more urgent cue (pressure above all) takes over at once.
        shown_ = candidate_;
        shown_since_ = now;
        condition_gone_ = false;
        return shown_;
    }
    if (shown_ != CoachCue::none) {
        // Keep showing while its condition holds; let it go only after a calm spell.
        if (wanted == shown_) {
            condition_gone_ = false;
            return shown_;
        }
        if (!condition_gone_) {
            condition_gone_ = true;
            condition_gone_since_ = now;
        }
        const bool long_enough = now - shown_since_ >= kMinShow;
        const bool calm = now - condition_gone_since_ >= kClearAfter;
        if (!long_enough || !calm)
            return shown_;
        shown_ = CoachCue::none;
    }
    if (confirmed) {
        shown_ = candidate_;
        shown_since_ = now;
        condition_gone_ = false;
    }
    return shown_;
}

}  // namespace rs::core
