#include "screens.hpp"

namespace rs::ui::screens {

int margin(const Canvas& canvas) {
    return canvas.px(16);
}

Rect top_bar(Canvas& canvas, const std::string& title, const std::optional<BarButton>& left,
             const std::vector<std::optional<BarButton>>& extra,
             const std::optional<BarStatus>& status) {
    Rect area = canvas.bounds().inset(margin(canvas));
    Rect bar = area.take_top(canvas.px(72));
    const int side_w = canvas.px(canvas.scale().portrait() ? 96 : 120);
    if (left) {
        canvas.button(bar.take_left(side_w), left->label, left->action, ButtonStyle::secondary);
        bar.take_left(canvas.px(16));
    }
    canvas.button(bar.take_right(side_w), "Safety", core::act::ShowSafety{}, ButtonStyle::ghost);
    bar.take_right(canvas.px(16));
    // Extra buttons keep their places even when one is absent, so nothing jumps under a finger.
    for (auto it = extra.rbegin(); it != extra.rend(); ++it) {
        const Rect slot = bar.take_right(canvas.px(84));
        if (*it)
            canvas.button(slot, (*it)->label, (*it)->action, ButtonStyle::secondary, Type::heading);
        bar.take_right(canvas.px(8));
    }
    if (status) {
        const int w =
            std::min(bar.w / 2, canvas.fonts().width_of(Type::body, status->text) + canvas.px(40));
        Rect chip = bar.take_right(w).inset(0, canvas.px(14));
        bar.take_right(canvas.px(12));
        canvas.rounded(chip, chip.h / 2, colour::surface);
        const int dot = canvas.px(12);
        canvas.rounded({chip.x + canvas.px(12), chip.y + (chip.h - dot) / 2, dot, dot}, dot / 2,
                       status->colour);
        canvas.label({chip.x + canvas.px(30), chip.y, chip.w - canvas.px(36), chip.h}, Type::body,
                     status->text, colour::text);
    }
    canvas.label(bar, Type::heading, title, colour::text);
    area.take_top(canvas.px(12));
    return area;
}

}  // namespace rs::ui::screens
