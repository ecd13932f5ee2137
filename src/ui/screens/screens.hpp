// One function per screen: each draws the kiosk state and registers its touch targets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rollstation/core/kiosk.hpp"
#include "ui/admin_info.hpp"
#include "ui/canvas.hpp"
#include "ui/words.hpp"

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
// In the player's bar while an athlete's own session runs and a class waits: join or not now.
void class_banner(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now);
// How a class is named to athletes: "Class warm-up by Sam", or without a coach's name.
std::string class_heading(const core::ClassWarmup& warmup);
// Modal layers drawn over a screen.
void safety(Canvas& canvas, const core::KioskState& state, const Context& context);
void confirm_stop(Canvas& canvas, const core::KioskState& state, const Context& context);
// The languages the station offers, for the library's language button.
void language_picker(Canvas& canvas, const core::KioskState& state, const Context& context);
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
    std::string short_text{};  // for a narrow bar, when `text` does not fit
};
// The bar's frame alone: the Safety button (and `left`, `extra`) drawn, the title's slot and the
// content area below returned, for screens that put their own things in the slot.
struct TopBar {
    Rect title;
    Rect content;
};
TopBar top_bar_frame(Canvas& canvas, const std::optional<BarButton>& left,
                     const std::vector<std::optional<BarButton>>& extra = {});
// A status chip at the right end of `bar`, which shrinks by its width.
void status_chip(Canvas& canvas, Rect& bar, const BarStatus& status);
// A title in the bar, a size smaller when long; with a `kicker` (such as "Step 2 of 9") above it.
void bar_title(Canvas& canvas, Rect bar, const std::string& title, const std::string& kicker);
// `extra` buttons (short labels such as arrows) sit left of the safety button.
Rect top_bar(Canvas& canvas, const std::string& title, const std::optional<BarButton>& left,
             const std::vector<std::optional<BarButton>>& extra = {},
             const std::optional<BarStatus>& status = std::nullopt);

// Live sensor figures for the player: pace and pressure bars with their legends and targets,
// passes and working time. Returns the height used (0 when no sensor serves the step's tool).
int live_panel(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now);
// The height live_panel will take.
int live_panel_height(const Canvas& canvas, const core::KioskState& state);
// "Sensor live" / "Sensor disconnected" for the bar, when the station has sensors.
std::optional<BarStatus> sensor_status(const core::KioskState& state);

// The step's demonstration (demo_panel.cpp): shown unless hidden, beside the countdown.
core::DemoPtr step_demo(const core::KioskState& state);
bool demo_visible(const core::KioskState& state);
void demo_figure(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now);
// The player's extra controls: "Hide move" / "Show move" for a step with a demonstration, and
// "Too intense" while rolling a step that has a softer tool or band to go to.
int demo_control_count(const core::KioskState& state);
void demo_control(Canvas& canvas, Rect cell, const core::KioskState& state, int index);

// "light", "moderate", "firm" (capitalised: "Light"...), for legends and the summary.
std::string pressure_word(core::Pressure pressure, bool capital = false);

// The margin between the screen edge and content, in pixels.
int margin(const Canvas& canvas);

}  // namespace rs::ui::screens
