// Turns SDL touch and mouse events into one stream of presses and releases in window pixels.
#pragma once

#include <SDL.h>

#include <optional>

#include "ui/layout.hpp"

namespace rs::ui {

struct Pointer {
    enum class Kind { down, up } kind;
    Point at;  // window pixels
};

class PointerTracker {
  public:
    // Touch and real mouse events both count; SDL's synthetic mouse events for a touch do not,
    // so a tap is never handled twice. Only the first finger down is followed.
    std::optional<Pointer> translate(const SDL_Event& event, Size window);

    static constexpr Uint32 kStuckAfterMs = 10'000;

  private:
    std::optional<SDL_FingerID> finger_;
    Uint32 down_at_ = 0;  // SDL timestamp of that finger's press
};

}  // namespace rs::ui
