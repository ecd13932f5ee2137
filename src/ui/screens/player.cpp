#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "rollstation/core/duration.hpp"
#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

using core::Phase;

std::string side_and_tool(const core::Segment& seg, const core::Step& step) {
    std::string out = label(seg.side) + "  \xC2\xB7  " + label(step.tool);
    if (seg.sets > 1) {
        out += "  \xC2\xB7  " +
               fill(tr("set {0} of {1}"), {std::to_string(seg.set), std::to_string(seg.sets)});
    }
    return out;
}

std::optional<std::string> phase_heading(const core::Session& s) {
    switch (s.phase) {
        case Phase::get_ready:
            return tr("Get ready");
        case Phase::rest:
            return tr("Rest");
        case Phase::switch_side:
            return tr("Switch sides");
        case Phase::next_step:
            return tr("Up next");
        default:
            return std::nullopt;
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
    {
        // The arc glides every frame; the digits below change once a second, with the still parts.
        const Canvas::MovingPart arc(canvas);
        canvas.ring(c, radius, thickness, 1.0 - left, 1.0, phase_colour(s));
    }

    const int seconds = static_cast<int>((remaining.count() + 999) / 1000);
    // The ring shrinks when a banner takes room: then the time steps down a size, never to "0…".
    const std::string clock = core::format_clock(seconds);
    const Type type = canvas.fitting(clock, radius * 2 - thickness * 3,
                                     {Type::countdown, Type::title, Type::heading});
    const int text_h = canvas.fonts().line_height(type);
    canvas.text(type, clock, colour::text, {c.x, c.y - text_h / 2 - radius / 10}, Align::centre,
                radius * 2 - thickness * 2);
    const std::optional<std::string> below =
        s.paused ? tr("Paused")
                 : (s.phase == Phase::active ? tr_c("time", "left") : phase_heading(s));
    if (state.cue != core::CoachCue::none && !s.paused) {
        // A live coaching cue takes the place of "left", large and warm so it is seen from the
        // floor.
        const std::string cue = tr_c("cue", core::text_of(state.cue).data());
        canvas.text(canvas.fitting(cue, radius * 2 - thickness * 2,
                                   {Type::heading, Type::body, Type::caption}),
                    cue, colour::paused, {c.x, c.y + text_h / 2 - radius / 10}, Align::centre,
                    radius * 2 - thickness * 2);
    } else {
        const std::string words = below.value_or("");
        // Below the centre the ring's inside narrows: the words keep clear of the track.
        const int room = radius * 3 / 2 - thickness;
        const Type type = canvas.fitting(words, room, {Type::body, Type::caption});
        // A ring made small by the demonstration leaves "Switch sides" to the heading beside it.
        if (canvas.fonts().width_of(type, words) <= room)
            canvas.text(type, words, phase_colour(s), {c.x, c.y + text_h / 2 - radius / 10},
                        Align::centre, room);
    }
}

// The time spent in this phase so far, moving smoothly between the core's updates.
core::Millis phase_time(const core::Session& s, core::Instant now) {
    core::Millis t = s.phase_elapsed;
    if (!s.paused && now > s.last_advance)
        t += std::chrono::duration_cast<core::Millis>(now - s.last_advance);
    return t;
}

// Cues take turns when they do not all fit: long enough to read twice from the floor.
constexpr core::Millis kCuePage{6000};

std::string target_text(const core::Step& step) {
    const std::string range =
        std::to_string(step.tempo.min_s) + "\xE2\x80\x93" + std::to_string(step.tempo.max_s);
    return fill(tr("One pass every {0} s"), {range}) + "  \xC2\xB7  " + label(step.pressure);
}

// Safety lines stay up for the whole step; the other cues (and the hold hint) share what room is
// left, a page at a time.
void cue_block(Canvas& canvas, Rect box, const core::Step& step, core::Millis elapsed) {
    const int gap = canvas.px(4);
    for (const core::LocalText& line : step.safety) {
        const std::string text = "\xE2\x9A\xA0 " + local(line);
        box.take_top(canvas.paragraph(box, Type::body, text, colour::paused) + gap);
    }
    std::vector<std::string> cues;
    for (const core::LocalText& cue : step.cues)
        cues.push_back("\xE2\x80\xA2 " + local(cue));
    if (step.hold_s) {
        cues.push_back("\xE2\x80\xA2 " +
                       fill(tr("Found a tender spot? Hold still on it for {0} s."),
                            {std::to_string(*step.hold_s)}));
    }
    // Pages of consecutive cues that fit the box together.
    const auto paginate = [&](int width) {
        std::vector<std::vector<std::size_t>> out(1);
        int used = 0;
        for (std::size_t i = 0; i < cues.size(); ++i) {
            const int h = canvas.paragraph_height(Type::body, cues[i], width) + gap;
            if (!out.back().empty() && used + h > box.h) {
                out.emplace_back();
                used = 0;
            }
            out.back().push_back(i);
            used += h;
        }
        return out;
    };
    auto pages = paginate(box.w);
    if (pages.size() > 1) {
        // The page dots take a strip at the right: the cues wrap in what is left of the width.
        const int dots_w = static_cast<int>(pages.size() + 1) * canvas.px(14) + canvas.px(4);
        pages = paginate(box.w - dots_w);
    }
    const auto page = static_cast<std::size_t>(elapsed / kCuePage) % pages.size();
    if (pages.size() > 1) {
        // Which page of how many, as dots at the right of the first line.
        const int dot = canvas.px(8);
        for (std::size_t i = 0; i < pages.size(); ++i) {
            const int x = box.right() - static_cast<int>(pages.size() - i) * (dot + canvas.px(6));
            canvas.rounded({x, box.y + canvas.px(8), dot, dot}, dot / 2,
                           i == page ? colour::text : colour::outline);
        }
        box.take_right(static_cast<int>(pages.size()) * (dot + canvas.px(6)) + canvas.px(4));
    }
    for (std::size_t i : pages[page])
        box.take_top(canvas.paragraph(box, Type::body, cues[i], colour::text) + gap);
}

void step_text(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    const core::Session& s = *state.session;
    const core::Segment& seg = s.current_segment();
    const core::Step& step = s.current_step();
    if (const auto heading = phase_heading(s)) {
        Rect line = box.take_top(canvas.px(34));
        canvas.text(Type::heading, *heading, colour::rest, {line.x, line.y}, Align::left, line.w);
    }
    // The area is the biggest text on the screen: a size smaller, or two lines, rather than cut.
    const std::string area = label(step.area);
    const bool gap = s.phase != Phase::active;
    const Type name_type = canvas.fitting(
        area, box.w,
        gap ? std::initializer_list<Type>{Type::title, Type::heading}
            : std::initializer_list<Type>{Type::display, Type::title, Type::heading});
    if (canvas.fonts().width_of(name_type, area) <= box.w) {
        Rect name = box.take_top(canvas.fonts().line_height(name_type));
        canvas.text(name_type, area, colour::text, {name.x, name.y}, Align::left, name.w);
    } else {
        box.take_top(canvas.paragraph(box, Type::heading, area, colour::text));
    }
    const std::string where = side_and_tool(seg, step);
    const Type sub_type = canvas.fitting(where, box.w, {Type::heading, Type::button, Type::body});
    Rect sub = box.take_top(canvas.fonts().line_height(sub_type) + canvas.px(4));
    canvas.text(sub_type, where, colour::accent, {sub.x, sub.y}, Align::left, sub.w);
    if (!gap && live_panel_height(canvas, state) > 0) {
        // The bars' legends carry the targets.
        box.take_top(live_panel(canvas, box, state, now) + canvas.px(6));
    } else if (!gap) {
        Rect target = box.take_top(canvas.fonts().line_height(Type::body) + canvas.px(6));
        canvas.text(Type::body, target_text(step), colour::muted, {target.x, target.y}, Align::left,
                    target.w);
    }
    cue_block(canvas, box, step, phase_time(s, now));
}

std::string up_next(const core::Session& s) {
    // In gaps the upcoming segment is already the one on screen, so "then" is always the one after.
    const int next = s.segment + 1;
    if (next >= static_cast<int>(s.plan.size()))
        return tr("Last step");
    const core::Segment& seg = s.plan[static_cast<std::size_t>(next)];
    const core::Step& step = s.routine->steps[static_cast<std::size_t>(seg.step_index)];
    return fill(tr("Then: {0}, {1} ({2})"),
                {label(step.area), label(seg.side), minutes_text(seg.duration_s)});
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

// Columns sized by their words: with seven buttons in a row, "Too intense" needs more room than
// "Back".
std::vector<Rect> weighted_columns(Rect row, const std::vector<double>& weights, int gap) {
    double total = 0;
    for (double w : weights)
        total += w;
    const int room = row.w - gap * static_cast<int>(weights.size() - 1);
    std::vector<Rect> out;
    int x = row.x;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const int w =
            i + 1 == weights.size() ? row.right() - x : static_cast<int>(room * weights[i] / total);
        out.push_back({x, row.y, w, row.h});
        x += w + gap;
    }
    return out;
}

void controls(Canvas& canvas, Rect row, const core::KioskState& state) {
    const core::Session& s = *state.session;
    const int extra = demo_control_count(state);
    std::vector<Rect> cells;
    if (canvas.scale().portrait()) {
        // Five buttons or more in a row leave too little room for their words on a narrow panel.
        const auto rows = split_rows(row, 2, canvas.px(8));
        cells = split_columns(rows[0], extra > 0 ? 4 : 3, canvas.px(10));
        const auto second = split_columns(rows[1], extra > 0 ? extra + 1 : 2, canvas.px(10));
        cells.insert(cells.end(), second.begin(), second.end());
    } else if (extra > 0) {
        std::vector<double> weights{1.0, 1.15, 1.0, 1.0};
        for (int i = 0; i < extra; ++i)
            weights.push_back(1.45);
        weights.push_back(1.0);
        cells = weighted_columns(row, weights, canvas.px(8));
    } else {
        cells = split_columns(row, 5, canvas.px(10));
    }
    using core::SessionCommand;
    canvas.button(cells[0], tr("Back"), core::act::Control{SessionCommand::back},
                  ButtonStyle::secondary);
    if (s.paused) {
        canvas.button(cells[1], tr("Resume"), core::act::Control{SessionCommand::resume},
                      ButtonStyle::primary);
    } else {
        canvas.button(cells[1], tr("Pause"), core::act::Control{SessionCommand::pause},
                      ButtonStyle::secondary);
    }
    canvas.button(cells[2], tr("Skip"), core::act::Control{SessionCommand::skip},
                  ButtonStyle::secondary);
    canvas.button(cells[3], tr("+15 s"), core::act::Control{SessionCommand::add_time},
                  ButtonStyle::secondary);
    for (int i = 0; i < extra; ++i)
        demo_control(canvas, cells[static_cast<std::size_t>(4 + i)], state, i);
    canvas.button(cells.back(), tr("Stop"), core::act::RequestStop{}, ButtonStyle::danger);
}

}  // namespace

void player(Canvas& canvas, const core::KioskState& state, const Context& context) {
    canvas.clear(colour::background);
    if (!state.session)
        return;
    const core::Session& s = *state.session;
    const int step_number = std::min(s.segment + 1, static_cast<int>(s.plan.size()));
    TopBar bar = top_bar_frame(canvas, std::nullopt);
    const std::string kicker =
        fill(tr("Step {0} of {1}"), {std::to_string(step_number), std::to_string(s.plan.size())});
    const bool portrait = canvas.scale().portrait();
    if (state.class_offer_visible() && portrait) {
        // Too narrow to share the bar: the offer takes a row of its own.
        bar_title(canvas, bar.title, local(s.routine->title), kicker);
        class_banner(canvas, bar.content.take_top(canvas.px(120)), state, context.now);
        bar.content.take_top(canvas.px(10));
    } else if (state.class_offer_visible()) {
        // The offer takes the title's place: the steps below keep their room.
        class_banner(canvas, bar.title, state, context.now);
    } else {
        if (const auto status = sensor_status(state))
            status_chip(canvas, bar.title, *status);
        bar_title(canvas, bar.title, local(s.routine->title), kicker);
    }
    Rect area = bar.content;
    progress(canvas, area.take_top(canvas.px(6)), s);
    area.take_top(canvas.px(10));
    controls(canvas, area.take_bottom(canvas.px(portrait ? 160 : 76)), state);
    area.take_bottom(canvas.px(6));
    Rect next_line = area.take_bottom(canvas.fonts().line_height(Type::body));
    const std::string next = up_next(s);
    canvas.text(canvas.fitting(next, next_line.w, {Type::body, Type::caption}), next, colour::muted,
                {next_line.x, next_line.y}, Align::left, next_line.w);
    area.take_bottom(canvas.px(4));

    const bool show_demo = demo_visible(state);
    // Getting into position: the starting position large; rolling: the move beside the clock.
    const bool large_demo = show_demo && s.phase != Phase::active;
    if (portrait) {
        // A class offer takes a row: the ring gives up some of its height for it.
        const int ring_h = state.class_offer_visible() ? area.h / 4 : area.h / 3;
        Rect row = area.take_top(std::min(area.w * 3 / 4, ring_h));
        if (show_demo) {
            Rect ring_box = row.take_left(std::min(row.h, row.w * (large_demo ? 30 : 40) / 100));
            row.take_left(canvas.px(10));
            countdown_ring(canvas, ring_box, state, context.now);
            demo_figure(canvas, row, state, context.now);
        } else {
            countdown_ring(canvas, row, state, context.now);
        }
        area.take_top(canvas.px(12));
        step_text(canvas, area, state, context.now);
    } else {
        const int column_w = std::min(area.h, area.w * 2 / 5);
        Rect column = area.take_right(column_w);
        area.take_right(canvas.px(16));
        if (show_demo) {
            // Getting into position the figure takes more of the column than while rolling.
            const int ring_h = large_demo ? column.h * 42 / 100 : column.h / 2;
            Rect ring_box = column.take_top(ring_h);
            column.take_top(canvas.px(8));
            countdown_ring(canvas, ring_box, state, context.now);
            demo_figure(canvas, column, state, context.now);
        } else {
            countdown_ring(canvas, column, state, context.now);
        }
        step_text(canvas, area, state, context.now);
    }
}

}  // namespace rs::ui::screens
