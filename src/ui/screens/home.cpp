#include <cmath>
#include <numbers>

#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

// Slow Lissajous drift, so no pixel shows the same thing for long (the attract screen runs for
// hours on panels that can burn in). Periods are prime-ish so the path rarely repeats.
Point drift(core::Instant now, Size room) {
    const double t = std::chrono::duration<double>(now.time_since_epoch()).count();
    const double fx = 0.5 + 0.5 * std::sin(2 * std::numbers::pi * t / 97.0);
    const double fy = 0.5 + 0.5 * std::sin(2 * std::numbers::pi * t / 61.0 + 1.0);
    return {static_cast<int>(fx * room.w), static_cast<int>(fy * room.h)};
}

}  // namespace

void home(Canvas& canvas, const core::KioskState&, const Context& context) {
    canvas.clear(colour::background);
    const Rect screen = canvas.bounds();
    canvas.add_hit(screen, core::act::OpenLibrary{});

    const int block_w = std::min(screen.w - canvas.px(40), canvas.px(560));
    const int block_h = canvas.px(300);
    const Point offset = drift(context.now, {screen.w - block_w, screen.h - block_h});
    Rect block{offset.x, offset.y, block_w, block_h};

    const int cx = block.x + block.w / 2;
    canvas.text(Type::display, "Rollstation", colour::text, {cx, block.y}, Align::centre, block.w);
    canvas.text(Type::heading, context.station_name, colour::muted, {cx, block.y + canvas.px(72)},
                Align::centre, block.w);
    const std::string tagline = "Guided foam rolling: warm-ups, recovery and mobility";
    canvas.text(canvas.fitting(tagline, block.w, {Type::body, Type::caption}), tagline,
                colour::muted, {cx, block.y + canvas.px(116)}, Align::centre, block.w);
    const Rect start{cx - canvas.px(170), block.y + canvas.px(156), canvas.px(340), canvas.px(80)};
    canvas.button(start, "Tap to start", core::act::OpenLibrary{}, ButtonStyle::primary,
                  Type::heading);
    const Rect safety{cx - canvas.px(80), block.y + canvas.px(248), canvas.px(160), canvas.px(52)};
    canvas.button(safety, "Safety", core::act::ShowSafety{}, ButtonStyle::ghost, Type::body);
}

}  // namespace rs::ui::screens
