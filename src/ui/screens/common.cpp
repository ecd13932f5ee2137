#include "ui/screens/screens.hpp"

namespace rs::ui::screens {

std::string pressure_word(core::Pressure pressure, bool capital) {
    switch (pressure) {
        case core::Pressure::light:
            return capital ? tr_c("pressure word", "Light") : tr_c("pressure word", "light");
        case core::Pressure::moderate:
            return capital ? tr_c("pressure word", "Moderate") : tr_c("pressure word", "moderate");
        case core::Pressure::firm:
            return capital ? tr_c("pressure word", "Firm") : tr_c("pressure word", "firm");
    }
    return {};
}

int margin(const Canvas& canvas) {
    return canvas.px(16);
}

TopBar top_bar_frame(Canvas& canvas, const std::optional<BarButton>& left,
                     const std::vector<std::optional<BarButton>>& extra) {
    Rect area = canvas.bounds().inset(margin(canvas));
    Rect bar = area.take_top(canvas.px(72));
    const int side_w = canvas.px(canvas.scale().portrait() ? 96 : 120);
    if (left) {
        canvas.button(bar.take_left(side_w), left->label, left->action, ButtonStyle::secondary);
        bar.take_left(canvas.px(16));
    }
    canvas.button(bar.take_right(side_w), tr("Safety"), core::act::ShowSafety{},
                  ButtonStyle::ghost);
    bar.take_right(canvas.px(16));
    // Extra buttons keep their places even when one is absent, so nothing jumps under a finger.
    for (auto it = extra.rbegin(); it != extra.rend(); ++it) {
        const Rect slot = bar.take_right(canvas.px(84));
        if (*it)
            canvas.button(slot, (*it)->label, (*it)->action, ButtonStyle::secondary, Type::heading);
        bar.take_right(canvas.px(8));
    }
    area.take_top(canvas.px(12));
    return {bar, area};
}

void status_chip(Canvas& canvas, Rect& bar, const BarStatus& status) {
    const int room = bar.w / 2 - canvas.px(42);
    const std::string& text =
        canvas.fonts().width_of(Type::caption, status.text) > room && !status.short_text.empty()
            ? status.short_text
            : status.text;
    const Type type = canvas.fitting(text, room, {Type::body, Type::caption});
    const int w = std::min(bar.w / 2, canvas.fonts().width_of(type, text) + canvas.px(42));
    Rect chip = bar.take_right(w).inset(0, canvas.px(14));
    bar.take_right(canvas.px(12));
    canvas.rounded(chip, chip.h / 2, colour::surface);
    const int dot = canvas.px(12);
    canvas.rounded({chip.x + canvas.px(12), chip.y + (chip.h - dot) / 2, dot, dot}, dot / 2,
                   status.colour);
    canvas.label({chip.x + canvas.px(30), chip.y, chip.w - canvas.px(36), chip.h}, type, text,
                 colour::text);
}

void bar_title(Canvas& canvas, Rect bar, const std::string& title, const std::string& kicker) {
    // A long title steps down a size or two rather than losing its end.
    if (kicker.empty()) {
        const Type type = canvas.fitting(title, bar.w, {Type::heading, Type::button, Type::body});
        if (canvas.fonts().width_of(type, title) <= bar.w) {
            canvas.label(bar, type, title, colour::text);
            return;
        }
        // Narrow (portrait, beside a Back button): two lines.
        const Type two =
            canvas.paragraph_height(Type::body, title, bar.w) <= bar.h ? Type::body : Type::caption;
        const int h = canvas.paragraph_height(two, title, bar.w);
        canvas.paragraph({bar.x, bar.y + std::max(0, (bar.h - h) / 2), bar.w, bar.h}, two, title,
                         colour::text);
        return;
    }
    const int kicker_h = canvas.fonts().line_height(Type::caption);
    const Type type = canvas.fitting(title, bar.w, {Type::button, Type::body, Type::caption});
    if (canvas.fonts().width_of(type, title) > bar.w) {
        // Narrow: the kicker and the title run on together over a few small lines; where even
        // that is too tall (a long title in a long language), the title alone, since the
        // progress bar below still shows how far the athlete is.
        std::string both = kicker + "  \xC2\xB7  " + title;
        if (canvas.paragraph_height(Type::caption, both, bar.w) > bar.h)
            both = title;
        const int h = canvas.paragraph_height(Type::caption, both, bar.w);
        canvas.paragraph({bar.x, bar.y + std::max(0, (bar.h - h) / 2), bar.w, bar.h}, Type::caption,
                         both, colour::text);
        return;
    }
    const int title_h = canvas.fonts().line_height(type);
    const int top = bar.y + (bar.h - kicker_h - title_h) / 2;
    canvas.text(Type::caption, kicker, colour::muted, {bar.x, top}, Align::left, bar.w);
    canvas.text(type, title, colour::text, {bar.x, top + kicker_h}, Align::left, bar.w);
}

Rect top_bar(Canvas& canvas, const std::string& title, const std::optional<BarButton>& left,
             const std::vector<std::optional<BarButton>>& extra,
             const std::optional<BarStatus>& status) {
    TopBar frame = top_bar_frame(canvas, left, extra);
    if (status)
        status_chip(canvas, frame.title, *status);
    bar_title(canvas, frame.title, title, {});
    return frame.content;
}

}  // namespace rs::ui::screens
