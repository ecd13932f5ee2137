#include "ui/input.hpp"

namespace rs::ui {

std::optional<Pointer> PointerTracker::translate(const SDL_Event& e, Size window) {
    switch (e.type) {
        case SDL_FINGERDOWN:
            // A second finger is ignored. But if the lift of the first was lost (a driver
            // glitch), the panel must not stay deaf: the same finger id coming down again, or
            // a press held impossibly long, means the old one is gone.
            if (finger_ && *finger_ != e.tfinger.fingerId &&
                e.common.timestamp - down_at_ < kStuckAfterMs)
                return std::nullopt;
            down_at_ = e.common.timestamp;
            finger_ = e.tfinger.fingerId;
            return Pointer{Pointer::Kind::down, touch_to_window(e.tfinger.x, e.tfinger.y, window)};
        case SDL_FINGERUP:
            if (!finger_ || *finger_ != e.tfinger.fingerId)
                return std::nullopt;
            finger_.reset();
            return Pointer{Pointer::Kind::up, touch_to_window(e.tfinger.x, e.tfinger.y, window)};
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT)
                return std::nullopt;
            return Pointer{e.type == SDL_MOUSEBUTTONDOWN ? Pointer::Kind::down : Pointer::Kind::up,
                           {e.button.x, e.button.y}};
        default:
            return std::nullopt;
    }
}

}  // namespace rs::ui
