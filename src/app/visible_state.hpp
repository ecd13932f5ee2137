// What the screen shows that time or sensors can change, so the loop can tell whether an update
// from the clock or the I/O thread needs a frame (sensors report up to 200 times a second).
#pragma once

#include "rollstation/core/kiosk.hpp"

namespace rs::app {

struct Visible {
    core::Screen screen{};
    int seconds_left = -1, segment = -1, phase = -1;
    unsigned linked = 0;  // one bit per sensor
    core::CoachCue cue{};
    bool weigh_in = false, can_weigh_in = false, dimmed = false;
    int body_weight_kg = 0;
    // The idle timeout may put the house language back on a home screen that is otherwise the same.
    core::Language language{};
    bool languages_visible = false;
    // Live figures, only where they are on screen (player, check-in).
    int passes = -1, working_s = -1, force_5n = -1, pace_ds = -1;
    bool operator==(const Visible&) const = default;
};

Visible visible(const core::KioskState& state);

// Whether the screen shows figures from a sensor's samples (the gauge, passes, pace): only then
// do the samples need to reach the core within a frame or two.
bool shows_sensor_figures(const core::KioskState& state);

}  // namespace rs::app
