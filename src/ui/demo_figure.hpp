// Draws a demonstration: the figure as soft-edged capsules, the tool, the floor (or wall), the
// highlighted area and an arrow for the direction of rolling, scaled to fit any box.
#pragma once

#include "rollstation/core/demo.hpp"
#include "rollstation/core/kiosk_demo.hpp"
#include "ui/canvas.hpp"

namespace rs::ui {

void draw_demo(Canvas& canvas, Rect box, const core::Demo& demo, const core::DemoFrame& frame,
               core::Side side);

}  // namespace rs::ui
