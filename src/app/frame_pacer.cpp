#include "app/frame_pacer.hpp"

namespace rs::app {

std::optional<core::Instant> FramePacer::next_frame(const core::KioskState& state) const {
    if (redraw_)
        return paced_from_;  // already due
    const auto animation = view_.next_frame(state, paced_from_);
    if (!stale_)
        return animation;
    const core::Instant refresh = paced_from_ + view_.frame_period();
    return animation && *animation < refresh ? animation : refresh;
}

std::optional<core::Instant> FramePacer::due(const core::KioskState& state,
                                             core::Instant now) const {
    if (redraw_)
        return now;
    const auto slot = next_frame(state);
    if (slot && *slot <= now)
        return slot;
    return std::nullopt;
}

// An animation's frames keep to the display's cadence: a frame drawn a little after its slot
// counts from the slot, so waking late now and then does not slow the motion down.
void FramePacer::drawn(core::Instant now, core::Instant slot) {
    paced_from_ = now - slot < view_.frame_period() ? slot : now;
    redraw_ = stale_ = false;
}

}  // namespace rs::app
