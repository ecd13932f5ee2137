#include <vector>

#include "rollstation/core/duration.hpp"
#include "rollstation/core/verdict.hpp"
#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

int whole_seconds(core::Millis ms) {
    return static_cast<int>((ms.count() + 500) / 1000);
}

struct Figure {
    std::string value, name;
    SDL_Color colour = colour::text;
};

void tile(Canvas& canvas, Rect r, const Figure& f, Type value_type) {
    canvas.rounded(r, canvas.px(14), colour::surface);
    Rect inner = r.inset(canvas.px(12));
    Rect top = inner.take_top(inner.h * 3 / 5);
    canvas.label(top, canvas.fitting(f.value, top.w, {value_type, Type::heading, Type::body}),
                 f.value, f.colour, Align::centre);
    canvas.label(inner, canvas.fitting(f.name, inner.w, {Type::body, Type::caption}), f.name,
                 colour::muted, Align::centre);
}

std::string verdict_text(core::Verdict v) {
    return tr_c("verdict", core::text_of(v).data());
}

SDL_Color verdict_colour(core::Verdict v) {
    return v == core::Verdict::on_target ? colour::accent : colour::paused;
}

}  // namespace

void summary(Canvas& canvas, const core::KioskState& state, const Context& context) {
    canvas.clear(colour::background);
    Rect area = top_bar(canvas, tr("Summary"), std::nullopt);
    if (!state.session)
        return;
    const core::Session& s = *state.session;
    const bool completed = s.phase == core::Phase::completed;

    Rect done = area.take_bottom(canvas.px(80));
    area.take_bottom(canvas.px(12));
    // A routine that names its next step up offers it to an athlete who finished this one.
    const core::RoutinePtr next = completed && !s.routine->progression.empty()
                                      ? state.library->find(s.routine->progression)
                                      : nullptr;
    if (next) {
        const auto cells = split_columns(done, 2, canvas.px(12));
        canvas.button(cells[0], tr("Done"), core::act::GoHome{}, ButtonStyle::secondary,
                      Type::heading);
        const std::string offer = fill(tr("Ready for more: {0}"), {local(next->title)});
        const int room = cells[1].w - canvas.px(24);
        const Type type = canvas.fitting(offer, room, {Type::button, Type::body, Type::caption});
        if (canvas.fonts().width_of(type, offer) <= room) {
            canvas.button(cells[1], offer, core::act::OpenRoutine{next->id}, ButtonStyle::primary,
                          type);
        } else {
            canvas.button(cells[1], tr("Ready for more"), core::act::OpenRoutine{next->id},
                          ButtonStyle::primary);
        }
    } else {
        canvas.button(done.inset((done.w - std::min(done.w, canvas.px(360))) / 2, 0), tr("Done"),
                      core::act::GoHome{}, ButtonStyle::primary, Type::heading);
    }

    Rect headline = area.take_top(canvas.px(60));
    // Stopping early is no failure, but no success either: amber, not the green of "done".
    canvas.label(headline, Type::title, completed ? tr("Well done!") : tr("Routine stopped"),
                 completed ? colour::accent : colour::paused, Align::centre);
    const std::string& title = local(s.routine->title);
    const Type title_type = canvas.fitting(title, area.w, {Type::heading, Type::body});
    if (canvas.fonts().width_of(title_type, title) <= area.w) {
        canvas.label(area.take_top(canvas.px(40)), title_type, title, colour::muted, Align::centre);
    } else {
        area.take_top(canvas.paragraph(area, Type::body, title, colour::muted, true));
    }
    area.take_top(canvas.px(12));

    const core::Millis elapsed =
        std::chrono::duration_cast<core::Millis>(s.last_advance - s.started_at);
    const int total = static_cast<int>(s.plan.size());
    std::vector<Figure> figures = {
        {core::format_clock(whole_seconds(elapsed)), tr("total time")},
        {core::format_clock(whole_seconds(s.active_total)), tr("step time")},
        {std::to_string(s.count(core::Session::Outcome::done)) + "/" + std::to_string(total),
         tr("steps done")},
        {std::to_string(s.count(core::Session::Outcome::skipped)), tr("skipped")},
    };
    if (s.motion) {
        // What the sensor saw over the whole session, judged against the steps' targets.
        const core::MotionTotals d = s.session_motion();
        const core::SessionVerdicts v = core::judge(s, state.zones(), state.body_weight_n);
        figures.push_back({std::to_string(d.passes), tr_n("pass", "passes", d.passes)});
        Figure pace{"\xE2\x80\x93", tr("per pass")};
        if (v.seconds_per_pass && v.tempo) {
            pace = {fill(tr_c("duration", "{0} s"), {decimal(*v.seconds_per_pass, 1)}),
                    fill(tr("per pass, {0}"), {verdict_text(*v.tempo)}), verdict_colour(*v.tempo)};
        }
        figures.push_back(pace);
        figures.push_back({core::format_clock(whole_seconds(d.active())), tr("working")});
        Figure pressure{"\xE2\x80\x93", tr("pressure")};
        if (v.level && v.pressure) {
            std::string value = pressure_word(*v.level, true);
            if (v.body_weight_pct) {
                value += " \xC2\xB7 " + decimal(*v.body_weight_pct, 0) + " %";
            }
            pressure = {value, fill(tr("pressure, {0}"), {verdict_text(*v.pressure)}),
                        verdict_colour(*v.pressure)};
        }
        figures.push_back(pressure);
    }
    const bool portrait = canvas.scale().portrait();
    const int columns = portrait ? 2 : 4;
    const int rows = static_cast<int>((figures.size() + columns - 1) / columns);
    const auto tiles = grid(area, columns, rows, canvas.px(12));
    const Type value_type = rows > 1 && !portrait ? Type::heading : Type::title;
    for (std::size_t i = 0; i < figures.size(); ++i)
        tile(canvas, tiles[i], figures[i], value_type);
    (void)context;
}

}  // namespace rs::ui::screens
