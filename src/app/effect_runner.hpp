// Carries out what an update asks of the shell: cues heard (and flashed on the screen), usage
// events and answers to coach commands sent out, force calibrations kept, the admin panel's
// tasks run; the backlight follows the dimmed state, and the panel's figures are kept fresh.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/calibration_store.hpp"
#include "app/dimmer.hpp"
#include "app/outbound.hpp"
#include "rollstation/config/setup.hpp"
#include "rollstation/core/kiosk.hpp"
#include "ui/admin_info.hpp"
#include "ui/audio.hpp"
#include "ui/view.hpp"

namespace rs::app {

struct EffectRunnerOptions {
    bool sound = true;
    Outbound* outbound = nullptr;
    // Empty: calibrations last until the next start.
    std::filesystem::path calibration_file;
    // Reads the configuration again (nothing when it is unusable, the reason in `problem`).
    std::function<std::optional<config::Setup>(std::string& problem)> reload;
    ui::AdminInfo admin;  // what the panel always shows of the station
    bool dims = false;    // the station dims its idle screen
    std::filesystem::path backlight;
    std::filesystem::path backlight_class_dir;
};

class EffectRunner {
  public:
    // `apply_setup` is how a reloaded configuration reaches the kiosk state.
    EffectRunner(EffectRunnerOptions options, ui::View& view,
                 std::function<void(const config::Setup&)> apply_setup);

    void run(const core::KioskEffects& effects, core::Instant now);
    void follow_dimming(bool was, bool now) { dimmer_.follow(was, now, view_); }
    void set_dim_level(int percent);
    // The calibrations kept from earlier runs (a damaged file is a start problem).
    Calibrations kept_calibrations();

    // Closes the audio device once cues have stopped for a while (its thread would run on).
    void rest_audio() { audio_.rest(); }
    // The admin panel's figures: due once a second while it is open.
    bool admin_info_due(const core::KioskState& state, core::Instant now) const;
    void refresh_admin_info(core::Instant now);
    void set_load_problems(std::vector<std::string> problems) {
        load_problems_ = std::move(problems);
    }

    std::vector<std::string>& start_errors() { return start_errors_; }
    const std::vector<std::string>& start_errors() const { return start_errors_; }
    bool restart_requested() const { return restart_; }

    static constexpr core::Millis kAdminInfoInterval{1000};

  private:
    void run_admin_task(core::AdminTask task);
    void keep_calibration(const std::string& sensor_id, const core::Calibration& c);

    EffectRunnerOptions options_;
    ui::View& view_;
    std::function<void(const config::Setup&)> apply_setup_;
    ui::CuePlayer audio_;
    std::vector<std::string> start_errors_;  // before the dimmer, which may add to them
    Dimmer dimmer_;
    std::optional<CalibrationStore> calibrations_;
    std::vector<std::string> load_problems_;  // from the configuration last loaded
    core::Instant admin_info_at_{};
    bool restart_ = false;
};

}  // namespace rs::app
