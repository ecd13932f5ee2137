// Draws the kiosk state: picks the screen, adds modal layers and the step-change flash, and
// knows when the next frame is due so an idle kiosk sleeps.
#pragma once

#include <optional>
#include <string>

#include "rollstation/core/kiosk.hpp"
#include "ui/admin_info.hpp"
#include "ui/canvas.hpp"

namespace rs::ui {

class View {
  public:
    explicit View(std::string station_name) : station_name_(std::move(station_name)) {}

    void draw(Canvas& canvas, const core::KioskState& state, core::Instant now);
    // A flash over the screen starts now (at step changes, so it is seen across a loud gym).
    void flash(core::Instant now) { flash_started_ = now; }
    void set_admin_info(AdminInfo info) { admin_info_ = std::move(info); }
    const AdminInfo& admin_info() const { return admin_info_; }
    AdminInfo& admin_info() { return admin_info_; }
    // How bright the dimmed attract screen is drawn, when no backlight dims it (100: as is).
    void set_dimmed_picture(int percent) { dimmed_picture_pct_ = percent; }
    // Whether a frame can be a retained picture of the still parts plus the moving parts drawn
    // over it: not while a modal layer or the dimming covers the screen, since the moving parts
    // underneath would then be drawn over it.
    bool layers_apart(const core::KioskState& state) const;
    // When the screen must be drawn again even if nothing happens (animations), if ever.
    std::optional<core::Instant> next_frame(const core::KioskState& state,
                                            core::Instant last_frame) const;

    // The display's refresh period: moving parts get a frame at every refresh.
    void set_frame_period(std::chrono::nanoseconds period) { frame_period_ = period; }
    std::chrono::nanoseconds frame_period() const { return frame_period_; }

    static constexpr core::Millis kFlashLength{350};
    static constexpr int kFlashSteps = 7;  // 50 ms each
    static constexpr core::Millis kAttractFrame{1000};
    static constexpr std::chrono::nanoseconds k60Hz{16'666'667};
    static constexpr core::Millis kAdminFrame{500};  // live figures and the lockout countdown

  private:
    std::string station_name_;
    std::optional<core::Instant> flash_started_;
    AdminInfo admin_info_;
    int dimmed_picture_pct_ = 100;
    std::chrono::nanoseconds frame_period_ = k60Hz;
};

}  // namespace rs::ui
