// One function per screen: each draws the kiosk state and registers its touch targets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "../canvas.hpp"
#include "rollstation/core/kiosk.hpp"

namespace rs::ui::screens {

struct Context {
    core::Instant now{};
    std::string station_name;
};

void home(Canvas& canvas, const core::KioskState& state, const Context& context);
void library(Canvas& canvas, const core::KioskState& state, const Context& context);
void detail(Canvas& canvas, const core::KioskState& state, const Context& context);
void player(Canvas& canvas, const core::KioskState& state, const Context& context);
void summary(Canvas& canvas, const core::KioskState& state, const Context& context);
// Modal layers drawn over a screen.
void safety(Canvas& canvas, const core::KioskState& state, const Context& context);
void confirm_stop(Canvas& canvas, const core::KioskState& state, const Context& context);

// Shared pieces.
// The bar along the top: an optional button on the left, a title, and the safety button.
// Returns the space left for the screen's content below the bar.
struct BarButton {
    std::string label;
    core::Action action;
};
// `extra` buttons (short labels such as arrows) sit left of the safety button.
Rect top_bar(Canvas& canvas, const std::string& title, const std::optional<BarButton>& left,
             const std::vector<std::optional<BarButton>>& extra = {});

// The margin between the screen edge and content, in pixels.
int margin(const Canvas& canvas);

}  // namespace rs::ui::screens
