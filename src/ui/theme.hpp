// Colours and type roles: one dark, high-contrast look readable from a roller on the floor.
#pragma once

#include <SDL.h>

namespace rs::ui {

namespace colour {
inline constexpr SDL_Color background{14, 17, 22, 255};
inline constexpr SDL_Color surface{29, 34, 43, 255};
inline constexpr SDL_Color surface_pressed{52, 60, 75, 255};
inline constexpr SDL_Color outline{62, 72, 90, 255};
inline constexpr SDL_Color text{238, 241, 245, 255};
inline constexpr SDL_Color muted{150, 160, 176, 255};
inline constexpr SDL_Color on_accent{10, 20, 18, 255};
inline constexpr SDL_Color accent{46, 204, 143, 255};  // rolling
inline constexpr SDL_Color rest{88, 166, 255, 255};    // rest, switch side, next step
inline constexpr SDL_Color paused{255, 184, 77, 255};
inline constexpr SDL_Color danger{240, 90, 90, 255};
inline constexpr SDL_Color ring_track{40, 46, 58, 255};
}  // namespace colour

// Type sizes in design pixels (800x480); the Scale turns them into real pixels.
enum class Type { caption, body, button, heading, title, display, countdown };

inline constexpr int design_size(Type t) {
    switch (t) {
        case Type::caption:
            return 16;
        case Type::body:
            return 20;
        case Type::button:
            return 22;
        case Type::heading:
            return 28;
        case Type::title:
            return 40;
        case Type::display:
            return 52;
        case Type::countdown:
            return 72;
    }
    return 20;
}

inline constexpr bool is_bold(Type t) {
    return t != Type::caption && t != Type::body;
}

}  // namespace rs::ui
