#include "ui/tap_recognizer.hpp"

#include <utility>

namespace rs::ui {
namespace {

const Hit* topmost_at(const std::vector<Hit>& hits, Point p) {
    for (auto it = hits.rbegin(); it != hits.rend(); ++it) {
        if (it->rect.contains(p))
            return &*it;
    }
    return nullptr;
}

}  // namespace

std::optional<TouchMeaning> TapRecognizer::on_event(const SDL_Event& event, const Display& display,
                                                    const std::vector<Hit>& hits,
                                                    const Context& context) {
    auto pointer = pointer_.translate(event, display.window_size());
    if (!pointer)
        return std::nullopt;
    pointer->at = display.to_canvas(pointer->at);
    return on_pointer(*pointer, hits, context);
}

TouchMeaning TapRecognizer::on_pointer(const Pointer& pointer, const std::vector<Hit>& hits,
                                       const Context& context) {
    TouchMeaning meaning;
    const bool down = pointer.kind == Pointer::Kind::down;
    if (down && context.dimmed) {
        swallow_release_ = true;
        meaning.actions.emplace_back(core::act::Wake{});
        return meaning;
    }
    if (!down && std::exchange(swallow_release_, false))
        return meaning;
    const Point at = pointer.at;
    if (down && at.x < context.corner_px && at.y < context.corner_px)
        meaning.actions.emplace_back(core::act::AdminCorner{true});
    else if (context.admin_corner_held)
        meaning.actions.emplace_back(core::act::AdminCorner{false});
    meaning.redraw = true;
    if (down) {
        pressed_at_ = at;
        pressed_target_.reset();
        if (const Hit* hit = topmost_at(hits, at))
            pressed_target_ = hit->action;
        return meaning;
    }
    pressed_at_.reset();
    const std::optional<core::Action> target = std::exchange(pressed_target_, std::nullopt);
    const Hit* up = topmost_at(hits, at);
    if (target && up && core::same_target(*target, up->action))
        meaning.actions.push_back(up->action);
    return meaning;
}

}  // namespace rs::ui
