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

void demo_controls(Canvas& canvas, Rect row, const core::KioskState& state) {
    const bool ease = state.can_ease_off() && state.session->phase == core::Phase::active;
    const auto cells = split_columns(row, ease ? 2 : 1, canvas.px(8));
    if (step_demo(state)) {
        if (state.demo_hidden) {
            canvas.button(cells[0], "Show move", core::act::ShowDemo{true}, ButtonStyle::ghost);
        } else {
            canvas.button(cells[0], "Hide move", core::act::ShowDemo{false}, ButtonStyle::ghost);
        }
    }
    if (ease)
        canvas.button(cells.back(), "Too intense", core::act::TooIntense{}, ButtonStyle::secondary);
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
