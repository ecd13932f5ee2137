#include "rollstation/core/motion.hpp"

#include <algorithm>
#include <cstdlib>

namespace rs::core {
namespace {

// Device clocks are uint32 milliseconds that wrap; unsigned subtraction handles the wrap.
std::uint32_t elapsed(std::uint32_t from, std::uint32_t to) {
    return to - from;
}

// The median of the first `n` values (n <= N). Insertion sort: tiny, and std::sort on arrays
// this small trips GCC 12's array-bounds warning.
template <std::size_t N>
double median_of(std::array<double, N> values, std::size_t n) {
    for (std::size_t i = 1; i < n; ++i) {
        for (std::size_t j = i; j > 0 && values[j - 1] > values[j]; --j)
            std::swap(values[j - 1], values[j]);
    }
    return values[n / 2];
}

// Rotation is a cumulative counter that may wrap at 32 bits: differences are taken modulo 2^32
// (C++20 defines the conversion), then widened so that abs() cannot overflow.
std::int64_t delta(std::int32_t to, std::int32_t from) {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(to) -
                                     static_cast<std::uint32_t>(from));
}
std::int64_t distance(std::int32_t a, std::int32_t b) {
    return std::abs(delta(a, b));
}

// How close to a turning point still counts as being at it (about 5 mm on a 47 cm roller):
// tight enough that a pass's timing is off by a few hundredths of a second at most.
constexpr std::int32_t kAtTurnMrev = 10;

}  // namespace

double ForceFilter::add(double newtons) {
    window_[next_] = newtons;
    next_ = (next_ + 1) % window_.size();
    count_ = std::min(count_ + 1, window_.size());
    const double median = median_of(window_, count_);
    smoothed_ = count_ == 1 ? median : smoothed_ + kAlpha * (median - smoothed_);
    return smoothed_;
}

std::optional<double> MotionTotals::seconds_per_pass() const {
    if (passes == 0)
        return std::nullopt;
    return pass_time.count() / 1000.0 / passes;
}

std::optional<double> MotionTotals::mean_force() const {
    if (force_samples == 0)
        return std::nullopt;
    return force_sum / static_cast<double>(force_samples);
}

MotionTotals& MotionTotals::operator+=(const MotionTotals& o) {
    passes += o.passes;
    pass_time += o.pass_time;
    rolling += o.rolling;
    holding += o.holding;
    idle += o.idle;
    force_sum += o.force_sum;
    force_samples += o.force_samples;
    peak_force = std::max(peak_force, o.peak_force);
    return *this;
}

MotionTotals MotionTotals::since(const MotionTotals& e) const {
    MotionTotals d;
    d.passes = passes - e.passes;
    d.pass_time = pass_time - e.pass_time;
    d.rolling = rolling - e.rolling;
    d.holding = holding - e.holding;
    d.idle = idle - e.idle;
    d.force_sum = force_sum - e.force_sum;
    d.force_samples = force_samples - e.force_samples;
    d.peak_force = peak_force;
    return d;
}

std::optional<double> MotionTracker::recent_seconds_per_pass() const {
    if (recent_count_ == 0)
        return std::nullopt;
    return median_of(recent_, recent_count_);
}

std::optional<double> MotionTracker::last_pass_seconds() const {
    if (recent_count_ == 0)
        return std::nullopt;
    return recent_[0];
}

void MotionTracker::reset_stream() {
    last_t_.reset();
    last_position_.reset();
    direction_ = 0;  // the first pass after a reconnect starts from wherever the roller is
    activity_ = Activity::idle;
    speed_cm_s_ = 0;
}

void MotionTracker::note_pass(std::uint32_t start, std::uint32_t end) {
    const double seconds = elapsed(start, end) / 1000.0;
    ++totals_.passes;
    totals_.pass_time += Millis{elapsed(start, end)};
    recent_[2] = recent_[1];
    recent_[1] = recent_[0];
    recent_[0] = seconds;
    recent_count_ = std::min<std::size_t>(recent_count_ + 1, recent_.size());
}

void MotionTracker::track_passes(std::int32_t p, std::uint32_t t) {
    if (direction_ == 0) {
        // The first pass begins once the roller has clearly gone one way; it started when the
        // roller last sat at its starting point.
        const std::int64_t travel = delta(p, origin_);
        if (std::abs(travel) <= kAtTurnMrev) {
            pass_start_t_ = t;
            ++samples_at_origin_;
        }
        if (std::abs(travel) >= settings_.reversal_mrev) {
            // Only a pass seen from its very start is timed: after a reconnect or a gap the
            // roller may already have been half-way along.
            time_this_pass_ = samples_at_origin_ >= 2;
            direction_ = travel > 0 ? 1 : -1;
            extreme_ = p;
            extreme_t_ = near_extreme_t_ = t;
        }
        return;
    }
    const bool further = direction_ > 0 ? delta(p, extreme_) > 0 : delta(p, extreme_) < 0;
    if (further) {
        extreme_ = p;
        extreme_t_ = near_extreme_t_ = t;
        return;
    }
    const std::int64_t back = distance(p, extreme_);
    if (back <= kAtTurnMrev)
        near_extreme_t_ = t;  // resting at the turn
    if (back >= settings_.reversal_mrev) {
        if (time_this_pass_)
            note_pass(pass_start_t_, extreme_t_);
        time_this_pass_ = true;
        // The next pass starts when the roller left the turning point, not when it got there,
        // so a pause at the end of a pass belongs to neither pass.
        pass_start_t_ = near_extreme_t_;
        direction_ = -direction_;
        extreme_ = p;
        extreme_t_ = near_extreme_t_ = t;
    }
}

void MotionTracker::add(const wire::Sample& s) {
    if (s.force_dn) {
        const double newtons = force_.add(*s.force_dn / 10.0);
        totals_.peak_force = std::max(totals_.peak_force, newtons);
    }
    const std::uint32_t t = s.t_ms;
    std::uint32_t dt = last_t_ ? elapsed(*last_t_, t) : 0;
    if (dt > static_cast<std::uint32_t>(settings_.longest_gap.count())) {
        // A gap in the data, or the device clock jumped (a reboot sends it back to zero): what
        // happened in between is unknown, so it is no activity, and a pass under way is not
        // timed across it. Totals so far stay.
        dt = 0;
        last_position_.reset();
        direction_ = 0;
    }
    last_t_ = t;

    if (s.rotation_mrev) {
        const std::int32_t p = *s.rotation_mrev;
        if (!last_position_) {
            origin_ = p;
            samples_at_origin_ = 0;
            motion_anchor_ = p;
            // A fresh sensor has not moved yet: it starts out still, not rolling.
            last_motion_t_ = t - static_cast<std::uint32_t>(settings_.still_after.count());
            pass_start_t_ = t;
        }
        if (distance(p, motion_anchor_) >= settings_.motion_step_mrev) {
            motion_anchor_ = p;
            last_motion_t_ = t;
        }
        if (last_position_ && dt > 0 && settings_.circumference_mm > 0) {
            const double cm = static_cast<double>(distance(p, *last_position_)) / 1000.0 *
                              settings_.circumference_mm / 10.0;
            const double instant = cm / (dt / 1000.0);
            speed_cm_s_ += 0.2 * (instant - speed_cm_s_);
        }
        track_passes(p, t);
        last_position_ = p;
    }
    still_for_ = Millis{elapsed(last_motion_t_, t)};
    const bool moving = s.rotation_mrev.has_value() && still_for_ < settings_.still_after;
    const bool loaded = force_.value().value_or(0) >= settings_.load_newtons;
    activity_ = moving ? Activity::rolling : (loaded ? Activity::holding : Activity::idle);
    if (!moving)
        speed_cm_s_ = 0;

    const Millis step{dt};
    switch (activity_) {
        case Activity::rolling:
            totals_.rolling += step;
            break;
        case Activity::holding:
            totals_.holding += step;
            break;
        case Activity::idle:
            totals_.idle += step;
            break;
    }
    if (activity_ != Activity::idle && force_.value()) {
        totals_.force_sum += *force_.value();
        ++totals_.force_samples;
    }
}

}  // namespace rs::core
