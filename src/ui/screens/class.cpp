#include <algorithm>

#include "rollstation/core/duration.hpp"
#include "screens.hpp"

namespace rs::ui::screens {
namespace {

int seconds_until(const core::KioskState& s, core::Instant now) {
    const auto left = std::chrono::duration_cast<core::Millis>(s.class_start_mono - now);
    return static_cast<int>(std::max<long long>(0, (left.count() + 999) / 1000));
}

std::string class_name(const core::ClassWarmup& w) {
    return w.message.empty() ? w.routine->title : w.message;
}

}  // namespace

void class_countdown(Canvas& canvas, const core::KioskState& state, const Context& context) {
    canvas.clear(colour::background);
    if (!state.pending_class)
        return;
    const core::ClassWarmup& w = *state.pending_class;
    Rect area = top_bar(canvas, "Class warm-up", std::nullopt);
    const int cx = area.x + area.w / 2;
    Rect line = area.take_top(canvas.px(48));
    canvas.label(line, Type::heading, "Coach " + w.coach + ": " + class_name(w) + " starts in",
                 colour::text, Align::centre);
    Rect big = area.take_top(canvas.px(110));
    canvas.label(big, Type::countdown, core::format_clock(seconds_until(state, context.now)),
                 colour::accent, Align::centre);
    const std::string tools = core::tools_label(*w.routine);
    canvas.text(
        Type::heading,
        w.routine->title + "  \xC2\xB7  " + core::format_minutes(core::planned_seconds(*w.routine)),
        colour::muted, {cx, area.y}, Align::centre, area.w);
    area.take_top(canvas.px(44));
    canvas.text(Type::heading, "Grab: " + tools, colour::paused, {cx, area.y}, Align::centre,
                area.w);
    area.take_top(canvas.px(44));
    canvas.paragraph(area, Type::body, w.routine->summary, colour::text, true);
}

void class_banner(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    if (!state.class_offer_visible())
        return;
    const core::ClassWarmup& w = *state.pending_class;
    canvas.rounded(box, canvas.px(12), colour::rest);
    Rect join = box.take_right(canvas.px(150)).inset(canvas.px(6));
    canvas.button(join, "Join", core::act::JoinClass{}, ButtonStyle::primary);
    const int left = seconds_until(state, now);
    const std::string when = left > 0 ? "starts in " + core::format_clock(left) : "has started";
    canvas.label(box.inset(canvas.px(14), 0), Type::body,
                 "Class by " + w.coach + ": " + class_name(w) + " " + when, colour::on_accent);
}

}  // namespace rs::ui::screens
