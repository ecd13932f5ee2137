#include "input.hpp"

namespace rs::ui {

std::optional<Pointer> PointerTracker::translate(const SDL_Event& e, Size window) {
    switch (e.type) {
        case SDL_FINGERDOWN:
            if (finger_)
                return std::nullopt;
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
