// Turns a finger's presses and releases into what they mean: a tap on a target, a touch that
// only wakes a dimmed screen, or the hidden admin corner held down. A tap counts where the
// finger is lifted, and only on the very target it went down on (the same action, however the
// screen was redrawn in between), so a screen that changed under a held finger never fires a
// button the finger did not press.
#pragma once

#include <optional>
#include <vector>

#include "rollstation/core/actions.hpp"
#include "ui/canvas.hpp"
#include "ui/display.hpp"
#include "ui/input.hpp"

namespace rs::ui {

struct TouchMeaning {
    std::vector<core::Action> actions;  // to dispatch, in order
    bool redraw = false;                // the pressed look changed
};

class TapRecognizer {
  public:
    struct Context {
        bool dimmed = false;             // the screen is dimmed: a touch only wakes it
        bool admin_corner_held = false;  // the kiosk is timing a press on the admin corner
        int corner_px = 0;               // the admin corner's size on the canvas
    };

    // From an SDL event, when it is a press or release that counts (input.hpp says which).
    std::optional<TouchMeaning> on_event(const SDL_Event& event, const Display& display,
                                         const std::vector<Hit>& hits, const Context& context);
    // `pointer` in canvas pixels; `hits` as the last frame drew them (the topmost last).
    TouchMeaning on_pointer(const Pointer& pointer, const std::vector<Hit>& hits,
                            const Context& context);
    // Where a finger is down, for drawing the pressed look; none when no finger is.
    std::optional<Point> pressed_point() const { return pressed_at_; }

  private:
    PointerTracker pointer_;
    std::optional<Point> pressed_at_;
    std::optional<core::Action> pressed_target_;
    bool swallow_release_ = false;  // the press woke a dimmed screen: its release is no tap
};

}  // namespace rs::ui
