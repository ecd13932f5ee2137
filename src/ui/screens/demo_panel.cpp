// The player's demonstration: the move itself beside the countdown, with "Hide" for athletes who
// know it and "Too intense" for a softer tool or a lighter band.
#include "ui/demo_figure.hpp"
#include "ui/screens/screens.hpp"

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

// "Too intense" counts while rolling a step that has somewhere softer to go.
bool offers_ease(const core::KioskState& state) {
    return state.can_ease_off() && state.session->phase == core::Phase::active;
}

}  // namespace

int demo_control_count(const core::KioskState& state) {
    if (!state.session_running())
        return 0;
    return (step_demo(state) ? 1 : 0) + (offers_ease(state) ? 1 : 0);
}

void demo_control(Canvas& canvas, Rect cell, const core::KioskState& state, int index) {
    const bool hide_first = step_demo(state) != nullptr;
    std::string label = tr("Too intense");
    core::Action action = core::act::TooIntense{};
    if (hide_first && index == 0) {
        label = state.demo_hidden ? tr("Show move") : tr("Hide move");
        action = core::act::ShowDemo{state.demo_hidden};
    }
    // A size smaller, rather than cut, when seven buttons share the row.
    const Type type =
        canvas.fitting(label, cell.w - canvas.px(16), {Type::button, Type::body, Type::caption});
    canvas.button(cell, label, std::move(action), ButtonStyle::secondary, type);
}

void demo_figure(Canvas& canvas, Rect box, const core::KioskState& state, core::Instant now) {
    const core::DemoPtr demo = step_demo(state);
    if (!demo || state.demo_hidden)
        return;
    canvas.rounded(box, canvas.px(14), colour::surface);
    const core::DemoMoment moment = core::demo_moment(state, now);
    // The figure is a moving picture; its floor stands still.
    draw_demo(canvas, box.inset(canvas.px(6)), *demo, core::demo_frame(*demo, moment), moment.side);
}

}  // namespace rs::ui::screens
