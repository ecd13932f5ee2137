// The player's demonstration: the move itself beside the countdown, with "Hide" for athletes who
// know it and "Too intense" for a softer tool or a lighter band.
#include "demo_figure.hpp"
#include "screens.hpp"

namespace rs::ui::screens {

core::DemoPtr step_demo(const core::KioskState& state) {
    if (!state.session_running())
        return nullptr;
    return state.demos->for_step(state.session->current_step());
}

bool demo_visible(const core::KioskState& state) {
    return !state.demo_hidden && step_demo(state) != nullptr;
}

namespace {

// A control's words a size smaller, rather than cut, when its cell is narrow.
void control(Canvas& canvas, Rect cell, const char* label, core::Action action, ButtonStyle style) {
    const Type type = canvas.fitting(label, cell.w - canvas.px(20), {Type::button, Type::body});
    canvas.button(cell, label, std::move(action), style, type);
}

}  // namespace

void demo_controls(Canvas& canvas, Rect row, const core::KioskState& state) {
    const bool ease = state.can_ease_off() && state.session->phase == core::Phase::active;
    const bool demo = step_demo(state) != nullptr;
    if (!ease && !demo)
        return;
    const auto cells = split_columns(row, ease && demo ? 2 : 1, canvas.px(8));
    if (demo) {
        if (state.demo_hidden)
            control(canvas, cells[0], "Show move", core::act::ShowDemo{true}, ButtonStyle::ghost);
        else
            control(canvas, cells[0], "Hide move", core::act::ShowDemo{false}, ButtonStyle::ghost);
    }
    if (ease)
        control(canvas, cells.back(), "Too intense", core::act::TooIntense{},
                ButtonStyle::secondary);
}

void demo_figure(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    const core::DemoPtr demo = step_demo(state);
    if (!demo || state.demo_hidden)
        return;
    canvas.rounded(box, canvas.px(14), colour::surface);
    const core::DemoMoment moment = core::demo_moment(state, now);
    draw_demo(canvas, box.inset(canvas.px(6)), *demo, core::demo_frame(*demo, moment), moment.side);
}

}  // namespace rs::ui::screens
