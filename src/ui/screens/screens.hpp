// One function per screen: each draws the kiosk state and registers its touch targets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../admin_info.hpp"
#include "../canvas.hpp"
#include "rollstation/core/kiosk.hpp"

namespace rs::ui::screens {

struct Context {
    core::Instant now{};
    std::string station_name;
    const AdminInfo* admin = nullptr;  // for the admin screens
};

void home(Canvas& canvas, const core::KioskState& state, const Context& context);
void library(Canvas& canvas, const core::KioskState& state, const Context& context);
void detail(Canvas& canvas, const core::KioskState& state, const Context& context);
void player(Canvas& canvas, const core::KioskState& state, const Context& context);
void summary(Canvas& canvas, const core::KioskState& state, const Context& context);
void class_countdown(Canvas& canvas, const core::KioskState& state, const Context& context);
// Over the player while an athlete's own session runs and a class waits: an offer to join.
void class_banner(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now);
// Modal layers drawn over a screen.
void safety(Canvas& canvas, const core::KioskState& state, const Context& context);
void confirm_stop(Canvas& canvas, const core::KioskState& state, const Context& context);
void weigh_in(Canvas& canvas, const core::KioskState& state, const Context& context);
// The admin layers, over everything else.
void pin_pad(Canvas& canvas, const core::KioskState& state, const Context& context);
void admin_panel(Canvas& canvas, const core::KioskState& state, const Context& context);
void calibration(Canvas& canvas, const core::KioskState& state, const Context& context);

// Shared pieces.
// The bar along the top: an optional button on the left, a title, and the safety button.
// Returns the space left for the screen's content below the bar.
struct BarButton {
    std::string label;
    core::Action action;
};
// A short status shown in the bar (the sensor link), left of the safety button.
struct BarStatus {
    std::string text;
    SDL_Color colour;
};
// `extra` buttons (short labels such as arrows) sit left of the safety button.
Rect top_bar(Canvas& canvas, const std::string& title, const std::optional<BarButton>& left,
             const std::vector<std::optional<BarButton>>& extra = {},
             const std::optional<BarStatus>& status = std::nullopt);

// Live sensor figures for the player: pacing bar, passes, pressure gauge, working time.
// Returns the height used (0 when the station has no sensors).
int live_panel(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now);
// "Sensor live" / "Sensor disconnected" for the bar, when the station has sensors.
std::optional<BarStatus> sensor_status(const core::KioskState& state);

// The margin between the screen edge and content, in pixels.
int margin(const Canvas& canvas);

}  // namespace rs::ui::screens
