#include "screens.hpp"

namespace rs::ui::screens {

int margin(const Canvas& canvas) {
    return canvas.px(16);
}

Rect top_bar(Canvas& canvas, const std::string& title, const std::optional<BarButton>& left,
             const std::vector<std::optional<BarButton>>& extra) {
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
    canvas.label(bar, Type::heading, title, colour::text);
    area.take_top(canvas.px(12));
    return area;
}

}  // namespace rs::ui::screens
