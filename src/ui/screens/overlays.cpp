#include <algorithm>
#include <string>

#include "ui/safety_fit.hpp"
#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

// A centred card over a dimmed screen that swallows every touch outside its buttons.
Rect modal_card(Canvas& canvas, int design_w, int design_h) {
    canvas.clear_hits();
    canvas.shade({0, 0, 0, 200});
    const Rect screen = canvas.bounds();
    canvas.add_hit(screen, core::act::Tick{});  // a tap outside the card does nothing
    const int w = std::min(screen.w - 2 * margin(canvas), canvas.px(design_w));
    const int h = std::min(screen.h - 2 * margin(canvas), canvas.px(design_h));
    const Rect card{(screen.w - w) / 2, (screen.h - h) / 2, w, h};
    canvas.rounded(card, canvas.px(18), colour::surface);
    return card.inset(canvas.px(24));
}

}  // namespace

void safety(Canvas& canvas, const core::KioskState& state, const Context&) {
    const SafetyLayout layout =
        layout_safety_notice(canvas.fonts(), canvas.scale().canvas(), *state.safety);
    modal_card(canvas, 720, safety_card_height(canvas.scale().canvas()));
    Rect card = layout.card;
    Rect buttons = card.take_bottom(canvas.px(80));
    const bool starting = !state.session_after_safety.empty();
    const auto cells = split_columns(buttons, 2, canvas.px(16));
    canvas.button(cells[0], tr("Back"), core::act::CloseSafety{}, ButtonStyle::secondary);
    canvas.button(cells[1], starting ? tr("I understand, start") : tr("I understand"),
                  core::act::AcknowledgeSafety{}, ButtonStyle::primary);
    Rect title = card.take_top(canvas.px(48));
    const std::string& heading = local(state.safety->title);
    canvas.text(canvas.fitting(heading, title.w, {Type::heading, Type::body}), heading,
                colour::paused, {title.x, title.y}, Align::left, title.w);
    // Every point, a size smaller when they need it; one that still does not fit is reported
    // (and --check-config refuses such a notice before it reaches a screen).
    Rect points = layout.points;
    const Type type = layout.type.value_or(Type::caption);
    for (const core::LocalText& point : state.safety->points) {
        points.take_top(
            canvas.paragraph(points, type, safety_point_text(local(point)), colour::text) +
            canvas.px(6));
    }
}

void weigh_in(Canvas& canvas, const core::KioskState& state, const Context& context) {
    Rect card = modal_card(canvas, 560, 320);
    canvas.button(card.take_bottom(canvas.px(80)), tr("Cancel"), core::act::CancelWeighIn{},
                  ButtonStyle::secondary);
    card.take_bottom(canvas.px(12));
    canvas.label(card.take_top(canvas.px(50)), Type::heading, tr("Stand still on the pad"),
                 colour::text, Align::centre);
    const std::optional<double> force = core::weigh_in_force(state.sensors);
    std::string reading = tr("Step onto the pad");
    SDL_Color tone = colour::muted;
    switch (state.weigh_in.problem) {
        case core::WeighInProblem::none:
            if (force) {
                reading = fill(tr("{0} kg"), {decimal(core::kilograms_of(*force), 0)});
                tone = colour::accent;
            }
            break;
        case core::WeighInProblem::no_reading:
            break;
        case core::WeighInProblem::out_of_range:
            // 30-250 kg: anything else is a bag, a knee or a second person, not a body weight.
            reading = tr("That is not a body weight");
            tone = colour::paused;
            break;
        case core::WeighInProblem::unsteady:
            reading = tr("Hold still");
            tone = colour::paused;
            break;
    }
    canvas.label(card.take_top(canvas.px(60)), Type::heading, reading, tone, Align::centre);
    Rect bar = card.take_top(canvas.px(16));
    canvas.rounded(bar, bar.h / 2, colour::ring_track);
    if (const auto& since = state.weigh_in.steady_since) {
        const double done = std::clamp(std::chrono::duration<double>(context.now - *since) /
                                           std::chrono::duration<double>(core::kWeighInHold),
                                       0.0, 1.0);
        Rect filled = bar;
        filled.w = static_cast<int>(bar.w * done);
        if (filled.w > 0)
            canvas.rounded(filled, bar.h / 2, colour::accent);
    }
    card.take_top(canvas.px(10));
    canvas.paragraph(card, Type::caption,
                     tr("Your pressure targets will follow your weight. Nothing is stored."),
                     colour::muted, true);
}

void language_picker(Canvas& canvas, const core::KioskState& state, const Context&) {
    const auto& languages = state.settings.languages;
    const int rows = static_cast<int>(languages.size());
    Rect card = modal_card(canvas, 420, 110 + 72 * rows);
    canvas.button(card.take_bottom(canvas.px(64)), tr("Back"), core::act::ShowLanguages{false},
                  ButtonStyle::secondary);
    card.take_bottom(canvas.px(12));
    const auto cells = split_rows(card, rows, canvas.px(8));
    for (std::size_t i = 0; i < languages.size(); ++i) {
        const core::Language language = languages[i];
        canvas.button(cells[i], core::own_name_of(language), core::act::ChooseLanguage{language},
                      language == state.language ? ButtonStyle::chip_selected : ButtonStyle::chip,
                      Type::heading);
    }
}

void confirm_stop(Canvas& canvas, const core::KioskState&, const Context&) {
    Rect card = modal_card(canvas, 560, 260);
    Rect buttons = card.take_bottom(canvas.px(80));
    const auto cells = split_columns(buttons, 2, canvas.px(16));
    canvas.button(cells[0], tr("Keep going"), core::act::CancelStop{}, ButtonStyle::primary);
    canvas.button(cells[1], tr("End routine"), core::act::ConfirmStop{}, ButtonStyle::danger);
    canvas.label(card.take_top(canvas.px(56)), Type::heading, tr("End this routine?"), colour::text,
                 Align::centre);
    canvas.paragraph(card, Type::body, tr("What you have done so far is saved."), colour::muted,
                     true);
}

}  // namespace rs::ui::screens
