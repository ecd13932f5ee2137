#include "ui/view.hpp"

#include <cmath>

#include "ui/screens/screens.hpp"

namespace rs::ui {

void View::draw(Canvas& canvas, const core::KioskState& state, core::Instant now) {
    // Every word of this frame in the athlete's language, routine texts included.
    const Speaking speaking(state.language);
    const screens::Context context{now, station_name_, &admin_info_};
    switch (state.screen) {
        case core::Screen::home:
            screens::home(canvas, state, context);
            break;
        case core::Screen::library:
            screens::library(canvas, state, context);
            break;
        case core::Screen::detail:
            screens::detail(canvas, state, context);
            break;
        case core::Screen::player:
            screens::player(canvas, state, context);
            break;
        case core::Screen::class_countdown:
            screens::class_countdown(canvas, state, context);
            break;
        case core::Screen::summary:
            screens::summary(canvas, state, context);
            break;
    }
    if (state.weigh_in.active)
        screens::weigh_in(canvas, state, context);
    if (state.confirm_stop)
        screens::confirm_stop(canvas, state, context);
    if (state.languages_visible)
        screens::language_picker(canvas, state, context);
    if (state.safety_visible)
        screens::safety(canvas, state, context);
    switch (state.admin.view) {
        case core::AdminView::closed:
            break;
        case core::AdminView::pin:
            screens::pin_pad(canvas, state, context);
            break;
        case core::AdminView::panel:
            screens::admin_panel(canvas, state, context);
            break;
        case core::AdminView::calibrate:
            screens::calibration(canvas, state, context);
            break;
    }
    if (state.dimmed && dimmed_picture_pct_ < 100) {
        canvas.shade({0, 0, 0, static_cast<Uint8>(255 * (100 - dimmed_picture_pct_) / 100)});
    }
    if (flash_started_ && now - *flash_started_ < kFlashLength) {
        const double left = 1.0 - std::chrono::duration<double>(now - *flash_started_) /
                                      std::chrono::duration<double>(kFlashLength);
        // The white fades in a few steps, not a shade per refresh: each step repaints the whole
        // screen (at 1080p that is most of a frame's budget), and in a fade this short steps
        // of a sixteenth of white are not told apart.
        const double step = std::ceil(left * kFlashSteps) / kFlashSteps;
        const Canvas::MovingPart fading(canvas);
        canvas.shade({255, 255, 255, static_cast<Uint8>(110 * step)});
    }
}

bool View::layers_apart(const core::KioskState& state) const {
    const bool shaded = state.dimmed && dimmed_picture_pct_ < 100;
    return !state.weigh_in.active && !state.confirm_stop && !state.safety_visible &&
           !state.languages_visible && !state.admin.open() && !shaded;
}

std::optional<core::Instant> View::next_frame(const core::KioskState& state,
                                              core::Instant last_frame) const {
    if (flash_started_ && last_frame - *flash_started_ < kFlashLength)
        return last_frame + frame_period_;
    if (state.admin.open())
        return last_frame + kAdminFrame;
    if (state.weigh_in.active)
        return last_frame + core::Millis{100};  // the steadiness bar fills as the athlete stands
    if (state.screen == core::Screen::class_countdown)
        return last_frame + kAttractFrame;   // the countdown ticks once a second
    if (state.screen == core::Screen::home)  // keeps drifting under a modal too
        return last_frame + kAttractFrame;
    if (state.screen == core::Screen::player && state.session_running() && !state.session->paused) {
        return last_frame + frame_period_;  // the ring and the pacing dot glide
    }
    return std::nullopt;
}

}  // namespace rs::ui
