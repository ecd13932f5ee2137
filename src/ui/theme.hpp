// Colours and type roles: one dark, high-contrast look readable from a roller on the floor.
#pragma once

#include <SDL.h>

#include <cstddef>
#include <iterator>

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

// One size for each Type, in the order the enum lists them.
inline constexpr int kDesignSizes[]{
    16,  // caption
    20,  // body
    22,  // button
    28,  // heading
    40,  // title
    52,  // display
    72,  // countdown
};
static_assert(std::size(kDesignSizes) == static_cast<std::size_t>(Type::countdown) + 1);

inline constexpr int design_size(Type t) {
    const auto index = static_cast<std::size_t>(t);
    return index < std::size(kDesignSizes) ? kDesignSizes[index] : 20;  // as body text
}

inline constexpr bool is_bold(Type t) {
    return t != Type::caption && t != Type::body;
}

}  // namespace rs::ui
