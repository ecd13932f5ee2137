#include <cmath>

#include "rollstation/core/duration.hpp"
#include "screens.hpp"

namespace rs::ui::screens {
namespace {

using core::Phase;

std::string side_and_tool(const core::Segment& seg, const core::Step& step) {
    std::string out = std::string(core::label_of(seg.side)) + "  \xC2\xB7  " +
                      std::string(core::label_of(step.tool));
    if (seg.sets > 1)
        out += "  \xC2\xB7  set " + std::to_string(seg.set) + " of " + std::to_string(seg.sets);
    return out;
}

const char* phase_heading(const core::Session& s) {
    switch (s.phase) {
        case Phase::get_ready:
            return "Get ready";
        case Phase::rest:
            return "Rest";
        case Phase::switch_side:
            return "Switch sides";
        case Phase::next_step:
            return "Up next";
        default:
            return nullptr;
    }
}

SDL_Color phase_colour(const core::Session& s) {
    if (s.paused)
        return colour::paused;
    return s.phase == Phase::active ? colour::accent : colour::rest;
}

void countdown_ring(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    const core::Session& s = *state.session;
    // Interpolate between ticks so the ring moves smoothly while the clock runs.
    core::Millis remaining = s.remaining();
    if (!s.paused)
        remaining -= std::chrono::duration_cast<core::Millis>(now - s.last_advance);
    remaining = std::max(core::Millis{0}, remaining);
    const double length = std::max<double>(1, static_cast<double>(s.phase_length.count()));
    const double left = static_cast<double>(remaining.count()) / length;

    const int radius = std::min(box.w, box.h) / 2;
    const Point c = box.center();
    const int thickness = std::max(6, radius / 7);
    canvas.ring(c, radius, thickness, 0.0, 1.0, colour::ring_track);
    canvas.ring(c, radius, thickness, 1.0 - left, 1.0, phase_colour(s));

    const int seconds = static_cast<int>((remaining.count() + 999) / 1000);
    // The ring shrinks when a banner takes room: then the time steps down a size, never to "0…".
    const std::string clock = core::format_clock(seconds);
    const Type type = canvas.fonts().width_of(Type::countdown, clock) <= radius * 2 - thickness * 3
                          ? Type::countdown
                          : Type::title;
    const int text_h = canvas.fonts().line_height(type);
    canvas.text(type, clock, colour::text, {c.x, c.y - text_h / 2 - radius / 10}, Align::centre,
                radius * 2 - thickness * 2);
    const char* below =
        s.paused ? "Paused" : (s.phase == Phase::active ? "left" : phase_heading(s));
    if (state.cue != core::CoachCue::none && !s.paused) {
        // A live coaching cue takes the place of "left", large and warm so it is seen from the
        // floor.
        canvas.text(Type::heading, core::text_of(state.cue), colour::paused,
                    {c.x, c.y + text_h / 2 - radius / 10}, Align::centre,
                    radius * 2 - thickness * 2);
    } else {
        canvas.text(Type::body, below ? below : "", phase_colour(s),
                    {c.x, c.y + text_h / 2 - radius / 10}, Align::centre,
                    radius * 2 - thickness * 2);
    }
}

void step_text(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    const core::Session& s = *state.session;
    const core::Segment& seg = s.current_segment();
    const core::Step& step = s.current_step();
    if (const char* heading = phase_heading(s)) {
        Rect line = box.take_top(canvas.px(36));
        canvas.text(Type::heading, heading, colour::rest, {line.x, line.y}, Align::left, line.w);
    }
    Rect name = box.take_top(canvas.px(64));
    canvas.text(Type::display, core::label_of(step.area), colour::text, {name.x, name.y},
                Align::left, name.w);
    Rect sub = box.take_top(canvas.px(40));
    canvas.text(Type::heading, side_and_tool(seg, step), colour::accent, {sub.x, sub.y},
                Align::left, sub.w);
    if (const int used = live_panel(canvas, box, state, now); used > 0) {
        // Live figures replace the written targets: the bars show them.
        box.take_top(used + canvas.px(8));
    } else {
        Rect target = box.take_top(canvas.px(34));
        const std::string tempo = "One pass every " + std::to_string(step.tempo.min_s) +
                                  "\xE2\x80\x93" + std::to_string(step.tempo.max_s) +
                                  " s  \xC2\xB7  " + std::string(core::label_of(step.pressure));
        canvas.text(Type::body, tempo, colour::muted, {target.x, target.y}, Align::left, target.w);
        box.take_top(canvas.px(6));
    }
    for (const std::string& cue : step.cues) {
        if (box.h < canvas.px(30))
            break;
        box.take_top(canvas.paragraph(box, Type::body, "\xE2\x80\xA2 " + cue, colour::text) +
                     canvas.px(4));
    }
    if (step.hold_s && box.h >= canvas.px(30)) {
        canvas.paragraph(
            box, Type::body,
            "Found a tender spot? Hold still on it for " + std::to_string(*step.hold_s) + " s.",
            colour::paused);
    }
}

std::string up_next(const core::Session& s) {
    // In gaps the upcoming segment is already the one on screen, so "then" is always the one after.
    const int next = s.segment + 1;
    if (next >= static_cast<int>(s.plan.size()))
        return "Last step";
    const core::Segment& seg = s.plan[static_cast<std::size_t>(next)];
    const core::Step& step = s.routine->steps[static_cast<std::size_t>(seg.step_index)];
    return "Then: " + std::string(core::label_of(step.area)) + ", " +
           std::string(core::label_of(seg.side)) + " (" + core::format_minutes(seg.duration_s) +
           ")";
}

void progress(Canvas& canvas, Rect bar, const core::Session& s) {
    canvas.rounded(bar, bar.h / 2, colour::ring_track);
    const int total = static_cast<int>(s.plan.size());
    const int done = s.segment;
    Rect filled = bar;
    filled.w = total > 0 ? bar.w * done / total : 0;
    if (filled.w > 0)
        canvas.rounded(filled, bar.h / 2, colour::accent);
}

void controls(Canvas& canvas, Rect row, const core::Session& s) {
    const auto cells = split_columns(row, 5, canvas.px(10));
    using core::SessionCommand;
    canvas.button(cells[0], "Back", core::act::Control{SessionCommand::back},
                  ButtonStyle::secondary);
    if (s.paused) {
        canvas.button(cells[1], "Resume", core::act::Control{SessionCommand::resume},
                      ButtonStyle::primary);
    } else {
        canvas.button(cells[1], "Pause", core::act::Control{SessionCommand::pause},
                      ButtonStyle::secondary);
    }
    canvas.button(cells[2], "Skip", core::act::Control{SessionCommand::skip},
                  ButtonStyle::secondary);
    canvas.button(cells[3], "+15 s", core::act::Control{SessionCommand::add_time},
                  ButtonStyle::secondary);
    canvas.button(cells[4], "Stop", core::act::RequestStop{}, ButtonStyle::danger);
}

}  // namespace

void player(Canvas& canvas, const core::KioskState& state, const Context& context) {
    canvas.clear(colour::background);
    if (!state.session)
        return;
    const core::Session& s = *state.session;
    const int step_number = std::min(s.segment + 1, static_cast<int>(s.plan.size()));
    // The step count leads: a long routine title is what gets trimmed.
    Rect area = top_bar(canvas,
                        "Step " + std::to_string(step_number) + " of " +
                            std::to_string(s.plan.size()) + "  \xC2\xB7  " + s.routine->title,
                        std::nullopt, {}, sensor_status(state));
    if (state.class_offer_visible()) {
        class_banner(canvas, area.take_top(canvas.px(64)), state, context.now);
        area.take_top(canvas.px(8));
    }
    progress(canvas, area.take_top(canvas.px(8)), s);
    area.take_top(canvas.px(12));
    controls(canvas, area.take_bottom(canvas.px(80)), s);
    area.take_bottom(canvas.px(8));
    Rect next_line = area.take_bottom(canvas.px(28));
    canvas.text(Type::body, up_next(s), colour::muted, {next_line.x, next_line.y}, Align::left,
                next_line.w);

    if (canvas.scale().portrait()) {
        Rect ring_box = area.take_top(area.w * 3 / 4);
        countdown_ring(canvas, ring_box, state, context.now);
        area.take_top(canvas.px(12));
        step_text(canvas, area, state, context.now);
    } else {
        Rect ring_box = area.take_right(std::min(area.h, area.w * 2 / 5));
        area.take_right(canvas.px(16));
        countdown_ring(canvas, ring_box, state, context.now);
        step_text(canvas, area, state, context.now);
    }
}

}  // namespace rs::ui::screens
