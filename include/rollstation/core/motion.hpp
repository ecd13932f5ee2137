// Turning raw roller samples into what a coach would watch: passes, tempo, speed, time rolling
// or holding under load, and a smoothed force. Pure; driven by the device's own sample clock.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/wire.hpp"

namespace rs::core {

struct MotionSettings {
    int reversal_mrev = 150;     // travel back from the furthest point that counts as a reversal
    int circumference_mm = 0;    // 0: unknown, so no speed
    int motion_step_mrev = 30;   // smaller wobbles are not movement
    Millis still_after{700};     // no movement for this long: not rolling any more
    double load_newtons = 40.0;  // still, but pressing at least this hard: holding a spot
    Millis longest_gap{500};     // a longer silence between samples is not counted as any activity
};

enum class Activity { idle, rolling, holding };

// Median of the last five readings (kills spikes), then an exponential average (smooths).
class ForceFilter {
  public:
    double add(double newtons);
    std::optional<double> value() const {
        return count_ > 0 ? std::optional(smoothed_) : std::nullopt;
    }

    static constexpr double kAlpha = 0.3;

  private:
    std::array<double, 5> window_{};
    std::size_t next_ = 0, count_ = 0;
    double smoothed_ = 0;
};

// Running totals; a copy taken at a step's start subtracted from one at its end gives the step's.
struct MotionTotals {
    int passes = 0;
    Millis pass_time{0};  // summed length of the counted passes
    Millis rolling{0};
    Millis holding{0};
    Millis idle{0};
    double force_sum = 0;  // newtons, over samples while active
    std::uint64_t force_samples = 0;
    double peak_force = 0;

    Millis active() const { return rolling + holding; }
    std::optional<double> seconds_per_pass() const;
    std::optional<double> mean_force() const;
    MotionTotals since(const MotionTotals& earlier) const;  // peak_force stays the later's
    MotionTotals& operator+=(const MotionTotals& other);    // peak_force: the larger
};

class MotionTracker {
  public:
    explicit MotionTracker(MotionSettings settings = {}) : settings_(settings) {}

    void add(const wire::Sample& sample);
    void reset_stream();  // after a reconnect: the device clock and position start afresh
    void set_circumference(int mm) { settings_.circumference_mm = mm; }

    const MotionTotals& totals() const { return totals_; }
    Activity activity() const { return activity_; }
    std::optional<double> force() const { return force_.value(); }
    double speed_cm_s() const { return speed_cm_s_; }
    // Length of the last few completed passes (the median of up to three), for tempo coaching.
    std::optional<double> recent_seconds_per_pass() const;
    std::optional<double> last_pass_seconds() const;
    // How long the roller has been still (device time), for "keep rolling".
    Millis still_for() const { return still_for_; }
    // The roller's integrated rotation in thousandths of a turn, once a sample carried it.
    std::optional<std::int32_t> position_mrev() const { return last_position_; }
    const MotionSettings& settings() const { return settings_; }

  private:
    void track_passes(std::int32_t position, std::uint32_t t);
    void note_pass(std::uint32_t start, std::uint32_t end);

    MotionSettings settings_;
    MotionTotals totals_;
    ForceFilter force_;
    Activity activity_ = Activity::idle;
    double speed_cm_s_ = 0;
    Millis still_for_{0};

    std::optional<std::uint32_t> last_t_;
    std::optional<std::int32_t> last_position_;
    std::int32_t motion_anchor_ = 0;  // position at the last real movement
    std::uint32_t last_motion_t_ = 0;

    std::int32_t origin_ = 0;           // where the first pass starts from
    int direction_ = 0;                 // +1, -1, 0 before the first pass is under way
    int samples_at_origin_ = 0;         // how long the roller sat at its starting point
    bool time_this_pass_ = false;       // the pass under way was seen from its start
    std::int32_t extreme_ = 0;          // furthest point of the pass under way
    std::uint32_t extreme_t_ = 0;       // when it was first reached
    std::uint32_t near_extreme_t_ = 0;  // the last time we were still near it
    std::uint32_t pass_start_t_ = 0;
    std::array<double, 3> recent_{};  // seconds of the last passes, newest at [0]
    std::size_t recent_count_ = 0;
};

}  // namespace rs::core
