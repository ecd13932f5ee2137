#include "rollstation/core/plan.hpp"
#include "ui/screens/screens.hpp"

namespace rs::ui::screens {

void detail(Canvas& canvas, const core::KioskState& state, const Context&) {
    canvas.clear(colour::background);
    const core::RoutinePtr routine = state.library->find(state.selected);
    Rect area = top_bar(canvas, routine ? local(routine->title) : tr("Routine"),
                        BarButton{tr("Back"), core::act::OpenLibrary{}});
    if (!routine)
        return;

    const bool portrait = canvas.scale().portrait();
    Rect actions = area.take_bottom(canvas.px(80));
    area.take_bottom(canvas.px(12));
    canvas.button(actions.take_right(canvas.px(portrait ? 220 : 260)), tr("Start"),
                  core::act::StartRoutine{}, ButtonStyle::primary, Type::heading);
    actions.take_right(canvas.px(12));
    if (state.can_weigh_in()) {
        // Optional: with a force pad, pressure targets can follow the athlete's weight.
        if (state.body_weight_n) {
            canvas.button(actions.take_right(canvas.px(portrait ? 110 : 130)), tr("Clear"),
                          core::act::ClearWeighIn{}, ButtonStyle::ghost);
            actions.take_right(canvas.px(12));
            canvas.button(actions.take_right(canvas.px(portrait ? 150 : 190)), tr("Weigh again"),
                          core::act::StartWeighIn{}, ButtonStyle::secondary);
            actions.take_right(canvas.px(12));
            const std::string text = fill(tr("Pressure for {0} kg"),
                                          {decimal(core::kilograms_of(*state.body_weight_n), 0)});
            canvas.paragraph(actions.inset(0, (actions.h - canvas.px(48)) / 2), Type::body, text,
                             colour::accent);
        } else {
            canvas.button(actions.take_right(canvas.px(portrait ? 216 : 220)), tr("Weigh in"),
                          core::act::StartWeighIn{}, ButtonStyle::secondary);
        }
    }

    Rect about = portrait ? area.take_top(canvas.px(230)) : area.take_left(area.w * 2 / 5);
    if (!portrait)
        area.take_left(canvas.px(20));
    about.take_top(canvas.paragraph(about, Type::body, local(routine->summary), colour::text) +
                   canvas.px(14));
    const auto fact = [&](const std::string& name, const std::string& value) {
        Rect line = about.take_top(canvas.px(30));
        canvas.text(Type::caption, name, colour::muted, {line.x, line.y + canvas.px(4)});
        const int w = line.w - canvas.px(90);
        canvas.text(canvas.fitting(value, w, {Type::body, Type::caption}), value, colour::text,
                    {line.x + canvas.px(90), line.y}, Align::left, w);
    };
    fact(tr_c("fact", "Time"), minutes_text(core::planned_seconds(*routine)));
    fact(tr_c("fact", "Purpose"), label(routine->purpose));
    fact(tr_c("fact", "Level"), label(routine->level));
    fact(tr_c("fact", "When"), label(routine->when));
    fact(tr_c("fact", "Tools"), tools_text(*routine));

    // The steps as the athlete will meet them, one line each, trimmed to what fits.
    const int row_h = canvas.px(34);
    const int rows_fit = std::max(1, area.h / row_h);
    const auto& steps = routine->steps;
    const int shown =
        static_cast<int>(steps.size()) <= rows_fit ? static_cast<int>(steps.size()) : rows_fit - 1;
    for (int i = 0; i < shown; ++i) {
        const core::Step& step = steps[static_cast<std::size_t>(i)];
        Rect row = area.take_top(row_h);
        std::string time = minutes_text(step.duration_s);
        if (step.sets > 1)
            time = std::to_string(step.sets) + " \xC3\x97 " + time;
        if (step.side == core::Side::left_then_right)
            time = fill(tr("{0} each side"), {time});
        if (routine->tools.size() > 1)
            time += "  \xC2\xB7  " + label(step.tool);
        // The time and tool are measured first; the area's name takes the rest of the row.
        const Type time_type = canvas.fitting(time, row.w * 3 / 5, {Type::caption});
        const int time_w = canvas.fonts().width_of(time_type, time);
        canvas.text(time_type, time, colour::muted, {row.right(), row.y + canvas.px(4)},
                    Align::right, row.w * 3 / 5);
        const std::string name = std::to_string(i + 1) + ".  " + label(step.area);
        const int name_w = row.w - time_w - canvas.px(12);
        canvas.text(canvas.fitting(name, name_w, {Type::body, Type::caption}), name, colour::text,
                    {row.x, row.y}, Align::left, name_w);
    }
    if (shown < static_cast<int>(steps.size())) {
        Rect row = area.take_top(row_h);
        canvas.text(
            Type::body,
            tr_n("+ {n} more step", "+ {n} more steps", static_cast<long>(steps.size()) - shown),
            colour::muted, {row.x, row.y});
    }
}

}  // namespace rs::ui::screens
