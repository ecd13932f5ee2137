// The athlete of the soak: picks the next tap from the targets on the screen, with weights that
// make sessions start and move along (skip often, stop sometimes, pause and wander now and
// then), and how long to wait before it. Seeded, so a run can be repeated.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <vector>

#include "ui/canvas.hpp"

namespace rs::soak {

struct Tap {
    ui::Point at;
    bool on_target = true;  // false: a stray touch between the buttons
};

class TouchScript {
  public:
    explicit TouchScript(std::uint32_t seed) : rng_(seed) {}
    // Where to touch next on a screen of `size` showing `hits`; nothing if there is no target.
    std::optional<Tap> next(const std::vector<ui::Hit>& hits, ui::Size size);
    // How long to wait before the next touch: mostly a second or two, sometimes long enough for
    // a step to end by itself or a paused session to time out.
    std::chrono::milliseconds pause();

  private:
    double weight(const core::Action& action) const;
    std::mt19937 rng_;
};

}  // namespace rs::soak
