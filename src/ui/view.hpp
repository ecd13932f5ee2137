// Draws the kiosk state: picks the screen, adds modal layers and the step-change flash, and
// knows when the next frame is due so an idle kiosk sleeps.
#pragma once

#include <optional>
#include <string>

#include "canvas.hpp"
#include "rollstation/core/kiosk.hpp"

namespace rs::ui {

class View {
  public:
    explicit View(std::string station_name) : station_name_(std::move(station_name)) {}

    void draw(Canvas& canvas, const core::KioskState& state, core::Instant now);
    // A flash over the screen starts now (at step changes, so it is seen across a loud gym).
    void flash(core::Instant now) { flash_started_ = now; }
    // When the screen must be drawn again even if nothing happens (animations), if ever.
    std::optional<core::Instant> next_frame(const core::KioskState& state,
                                            core::Instant last_frame) const;

    static constexpr core::Millis kFlashLength{350};
    static constexpr core::Millis kAttractFrame{1000};
    static constexpr core::Millis kSessionFrame{50};

  private:
    std::string station_name_;
    std::optional<core::Instant> flash_started_;
};

}  // namespace rs::ui
