// When the kiosk draws a frame: at once after a tap, a cue or an exposed window; at the next
// refresh when only live figures went stale; and on an animation's own cadence.
#pragma once

#include <optional>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "ui/view.hpp"

namespace rs::app {

class FramePacer {
  public:
    FramePacer(const ui::View& view, core::Instant start) : view_(view), paced_from_(start) {}

    // The picture on the screen no longer shows the state: the next turn draws.
    void redraw_now() { redraw_ = true; }
    // It shows old figures (a sensor moved them): drawn at the next refresh.
    void mark_stale() { stale_ = true; }
    bool redraw_pending() const { return redraw_; }

    // When the next frame is due: at once, an animation's next slot, or a stale picture's next
    // refresh; nothing when the picture on the screen is current and still.
    std::optional<core::Instant> next_frame(const core::KioskState& state) const;
    // The slot a frame drawn at `now` counts from, if one is due by then.
    std::optional<core::Instant> due(const core::KioskState& state, core::Instant now) const;
    // A frame for `slot` was drawn at `now`.
    void drawn(core::Instant now, core::Instant slot);
    // A frame was drawn out of turn (a capture): the picture is current, the cadence unchanged.
    void drawn_out_of_turn() { redraw_ = stale_ = false; }

  private:
    const ui::View& view_;
    core::Instant paced_from_;  // the slot of the last frame, for the cadence of animations
    bool redraw_ = true;
    bool stale_ = false;
};

}  // namespace rs::app
