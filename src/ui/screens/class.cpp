// A coach's class: the countdown (with an "I'm ready" for a station nobody has confirmed the
// safety notice on), and the offer to join shown in the player's bar.
#include <algorithm>

#include "rollstation/core/duration.hpp"
#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

int seconds_until(const core::KioskState& s, core::Instant now) {
    const auto left = std::chrono::duration_cast<core::Millis>(s.class_start_mono - now);
    return static_cast<int>(std::max<long long>(0, (left.count() + 999) / 1000));
}

int seconds_since(const core::KioskState& s, core::Instant now) {
    return static_cast<int>(std::max<long long>(
        0, std::chrono::duration_cast<core::Millis>(now - s.class_start_mono).count() / 1000));
}

std::string class_name(const core::ClassWarmup& w) {
    return w.message.empty() ? local(w.routine->title) : w.message;
}

// The first safety points, shortened to what the countdown has room for.
void confirmation(Canvas& canvas, Rect box, const core::KioskState& state, bool started) {
    canvas.rounded(box, canvas.px(14), colour::surface);
    Rect inner = box.inset(canvas.px(14), canvas.px(10));
    Rect buttons = inner.take_right(canvas.px(canvas.scale().portrait() ? 150 : 210));
    inner.take_right(canvas.px(12));
    const auto cells = split_rows(buttons, 2, canvas.px(8));
    canvas.button(cells[0], tr("I'm ready"), core::act::AcknowledgeSafety{}, ButtonStyle::primary);
    canvas.button(cells[1], tr("Read safety"), core::act::ShowSafety{}, ButtonStyle::secondary,
                  Type::body);
    const std::string ask = started ? tr("The class has begun: tap I'm ready to join")
                                    : tr("Before the class: tap I'm ready to join");
    inner.take_top(canvas.paragraph(inner, Type::body, ask, colour::paused) + canvas.px(4));
    for (const core::LocalText& point : state.safety->points) {
        const std::string line = "\xE2\x80\xA2 " + local(point);
        if (canvas.paragraph_height(Type::caption, line, inner.w) > inner.h)
            break;  // the whole notice is one tap away
        inner.take_top(canvas.paragraph(inner, Type::caption, line, colour::text) + canvas.px(2));
    }
}

}  // namespace

std::string class_heading(const core::ClassWarmup& w) {
    return w.coach.empty() ? tr("Class warm-up") : fill(tr("Class warm-up by {0}"), {w.coach});
}

void class_countdown(Canvas& canvas, const core::KioskState& state, const Context& context) {
    canvas.clear(colour::background);
    if (!state.pending_class)
        return;
    const core::ClassWarmup& w = *state.pending_class;
    Rect area = top_bar(canvas, class_heading(w), std::nullopt);
    const int cx = area.x + area.w / 2;
    const int left = seconds_until(state, context.now);
    const bool started = left == 0;
    const std::string intro =
        fill(started ? tr("{0} has begun") : tr("{0} starts in"), {class_name(w)});
    const Type intro_type =
        canvas.fitting(intro, area.w, {Type::heading, Type::button, Type::body});
    if (canvas.fonts().width_of(intro_type, intro) <= area.w) {
        canvas.label(area.take_top(canvas.px(40)), intro_type, intro, colour::text, Align::centre);
    } else {
        area.take_top(canvas.paragraph(area, Type::body, intro, colour::text, true));
    }
    Rect big = area.take_top(canvas.px(84));
    canvas.label(big, Type::countdown, core::format_clock(left), colour::accent, Align::centre);
    const std::string about =
        local(w.routine->title) + "  \xC2\xB7  " + minutes_text(core::planned_seconds(*w.routine));
    const Type about_type = canvas.fitting(about, area.w, {Type::heading, Type::body});
    canvas.text(about_type, about, colour::muted, {cx, area.y}, Align::centre, area.w);
    area.take_top(canvas.fonts().line_height(about_type) + canvas.px(4));
    const std::string grab = fill(tr("Grab: {0}"), {tools_text(*w.routine)});
    const Type grab_type = canvas.fitting(grab, area.w, {Type::heading, Type::body});
    canvas.text(grab_type, grab, colour::paused, {cx, area.y}, Align::centre, area.w);
    area.take_top(canvas.fonts().line_height(grab_type) + canvas.px(8));
    if (state.class_needs_confirmation()) {
        confirmation(canvas, area, state, started);
    } else {
        canvas.paragraph(area, Type::body, local(w.routine->summary), colour::text, true);
    }
}

void class_banner(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    if (!state.class_offer_visible())
        return;
    const core::ClassWarmup& w = *state.pending_class;
    canvas.rounded(box, canvas.px(12), colour::rest);
    Rect inner = box.inset(canvas.px(6));
    // A tall box (a row of its own on a narrow panel) puts the buttons under the words.
    const bool stacked = box.h > canvas.px(100);
    Rect buttons = stacked ? inner.take_bottom(canvas.px(56)) : inner;
    canvas.button(buttons.take_right(canvas.px(stacked ? 150 : 120)), tr("Not now"),
                  core::act::DeclineClass{}, ButtonStyle::secondary, Type::body);
    buttons.take_right(canvas.px(6));
    canvas.button(buttons.take_right(canvas.px(stacked ? 150 : 100)), tr("Join"),
                  core::act::JoinClass{}, ButtonStyle::primary);
    if (!stacked)
        inner = buttons;
    inner.take_right(canvas.px(6));
    inner.take_left(canvas.px(8));
    const int left = seconds_until(state, now);
    const std::string head =
        left > 0 ? fill(tr("Class starts in {0}"), {core::format_clock(left)})
                 : fill(tr("Class began {0} ago"), {core::format_clock(seconds_since(state, now))});
    const std::string who = fill(tr("{0}: {1}"), {class_heading(w), class_name(w)});
    const int head_h = canvas.fonts().line_height(Type::body);
    const int who_h = canvas.fonts().line_height(Type::caption);
    const int top = inner.y + (inner.h - head_h - who_h) / 2;
    canvas.text(canvas.fitting(head, inner.w, {Type::button, Type::body, Type::caption}), head,
                colour::on_accent, {inner.x, top}, Align::left, inner.w);
    // The coach's own words may be long; the countdown screen shows them whole after Join.
    canvas.text(Type::caption, who, colour::on_accent, {inner.x, top + head_h}, Align::left,
                inner.w, Overflow::ellipsis_ok);
}

}  // namespace rs::ui::screens
