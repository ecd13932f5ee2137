#include <cmath>
#include <numbers>

#include "ui/screens/screens.hpp"

namespace rs::ui::screens {
namespace {

// Slow Lissajous drift, so no pixel shows the same thing for long (the attract screen runs for
// hours on panels that can burn in). Periods are prime-ish so the path rarely repeats.
Point drift(core::Instant now, Size room) {
    const double t = std::chrono::duration<double>(now.time_since_epoch()).count();
    const double fx = 0.5 + 0.5 * std::sin(2 * std::numbers::pi * t / 97.0);
    const double fy = 0.5 + 0.5 * std::sin(2 * std::numbers::pi * t / 61.0 + 1.0);
    return {static_cast<int>(fx * room.w), static_cast<int>(fy * room.h)};
}

}  // namespace

// The languages the station offers, each named in its own words, the one spoken now marked: a
// visitor who does not read the house language finds theirs before anything else.
void language_choice(Canvas& canvas, Rect row, const core::KioskState& state) {
    const auto& languages = state.settings.languages;
    const auto cells = split_columns(row, static_cast<int>(languages.size()), canvas.px(8));
    for (std::size_t i = 0; i < languages.size(); ++i) {
        const core::Language language = languages[i];
        const bool on = language == state.language;
        const std::string_view name = core::own_name_of(language);
        canvas.button(
            cells[i], name, core::act::ChooseLanguage{language},
            on ? ButtonStyle::chip_selected : ButtonStyle::chip,
            canvas.fitting(name, cells[i].w - canvas.px(12), {Type::body, Type::caption}));
    }
}

void home(Canvas& canvas, const core::KioskState& state, const Context& context) {
    canvas.clear(colour::background);
    const Rect screen = canvas.bounds();
    canvas.add_hit(screen, core::act::OpenLibrary{});

    const int block_w = std::min(screen.w - canvas.px(40), canvas.px(560));
    const bool choice = state.settings.offers_choice();
    const int block_h = canvas.px(choice ? 364 : 300);
    const Point offset = drift(context.now, {screen.w - block_w, screen.h - block_h});
    Rect block{offset.x, offset.y, block_w, block_h};

    const int cx = block.x + block.w / 2;
    canvas.text(Type::display, "Rollstation", colour::text, {cx, block.y}, Align::centre, block.w);
    canvas.text(Type::heading, context.station_name, colour::muted, {cx, block.y + canvas.px(72)},
                Align::centre, block.w);
    const std::string tagline = tr("Guided foam rolling: warm-ups, recovery and mobility");
    canvas.text(canvas.fitting(tagline, block.w, {Type::body, Type::caption}), tagline,
                colour::muted, {cx, block.y + canvas.px(116)}, Align::centre, block.w);
    const Rect start{cx - canvas.px(170), block.y + canvas.px(156), canvas.px(340), canvas.px(80)};
    canvas.button(start, tr("Tap to start"), core::act::OpenLibrary{}, ButtonStyle::primary,
                  Type::heading);
    const Rect safety{cx - canvas.px(80), block.y + canvas.px(248), canvas.px(160), canvas.px(52)};
    canvas.button(safety, tr("Safety"), core::act::ShowSafety{}, ButtonStyle::ghost, Type::body);
    if (choice) {
        const int w =
            std::min(block.w, canvas.px(120) * static_cast<int>(state.settings.languages.size()));
        language_choice(canvas, {cx - w / 2, block.y + canvas.px(312), w, canvas.px(52)}, state);
    }
}

}  // namespace rs::ui::screens
