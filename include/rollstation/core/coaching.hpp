// Live coaching while an athlete rolls: pressure bands and the cues "slower", "ease off" and
// "keep rolling", with enough hysteresis that a cue never flickers.
#pragma once

#include <optional>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/routine.hpp"

namespace rs::core {

struct ForceBand {
    double min_n = 0;
    double max_n = 0;
    bool operator==(const ForceBand&) const = default;
};

struct ForceZones {
    ForceBand light{60, 150};
    ForceBand moderate{150, 300};
    ForceBand firm{250, 400};

    const ForceBand& band(Pressure p) const;
    // Research on rollers under a force plate puts typical rolling at about a third of body
    // weight; we aim "moderate" at 25-40 % and place the others either side of it.
    static ForceZones from_body_weight(double newtons);
    bool operator==(const ForceZones&) const = default;
};

enum class CoachCue { none, slower, ease_off, keep_rolling };
std::string_view text_of(CoachCue cue);

struct CoachInput {
    bool rolling_expected = false;  // an active segment is under way
    Tempo tempo{};
    std::optional<double> seconds_per_pass;  // recent passes
    std::optional<double> force_n;
    std::optional<ForceBand> band;
    Millis still_for{0};
    bool holding = false;  // still but under load: a tender-spot hold is fine
};

class Coach {
  public:
    // Returns the cue to show now.
    CoachCue update(const CoachInput& input, Instant now);
    CoachCue shown() const { return shown_; }

    static constexpr Millis kConfirm{800};   // a condition must last this long before its cue shows
    static constexpr Millis kMinShow{2000};  // a cue stays at least this long
    static constexpr Millis kClearAfter{
        1000};  // and goes once its condition has been gone this long
    static constexpr Millis kStillBeforeNudge{3000};

    static CoachCue condition(const CoachInput& input);

  private:
    CoachCue shown_ = CoachCue::none;
    Instant shown_since_{};
    CoachCue candidate_ = CoachCue::none;
    Instant candidate_since_{};
    Instant condition_gone_since_{};
    bool condition_gone_ = false;
};

}  // namespace rs::core
