#include "app/kiosk_setup.hpp"

#include "app/admin_pin.hpp"

namespace rs::app {

EffectRunnerOptions effect_options(const config::Setup& setup, const KioskOptions& options,
                                   Outbound* outbound) {
    EffectRunnerOptions o;
    o.sound = options.sound;
    o.outbound = outbound;
    o.calibration_file = options.calibration_file;
    o.reload = options.reload;
    o.admin = options.admin;
    if (o.admin.station_id.empty())
        o.admin.station_id = setup.station.station.id;
    o.dims = setup.station.display.dim_after_s > 0;
    o.backlight = setup.station.display.backlight;
    o.backlight_class_dir = options.backlight_class_dir;
    return o;
}

std::vector<core::SensorState> configured_sensors(const config::StationConfig& station) {
    core::MotionSettings motion;
    motion.reversal_mrev = station.coaching.reversal_mrev;
    motion.load_newtons = station.coaching.load_newtons;
    std::vector<core::SensorState> sensors;
    for (const auto& c : station.sensors) {
        sensors.emplace_back(
            core::SensorSpec{c.id, c.kind, c.circumference_mm, c.tools, c.weigh_in}, motion);
    }
    return sensors;
}

void apply_to_state(const config::Setup& setup, core::KioskState& state) {
    state.library = setup.library;
    state.safety = setup.safety;
    if (setup.demos)
        state.demos = setup.demos;
    auto& settings = state.settings;
    settings.idle_timeout_s = setup.station.display.idle_timeout_s;
    settings.dim_after_s = setup.station.display.dim_after_s;
    settings.timing = setup.station.timing;
    settings.zones = setup.station.coaching.zones;
    settings.class_policy = setup.station.class_policy;
    settings.class_confirmation = setup.station.class_confirmation;
    settings.house_language = setup.station.station.language;
    settings.languages = setup.station.display.languages;
    state.use_house_language();  // a new house language is spoken from now on
    settings.admin.pin_matches = nullptr;
    if (const std::string hash = setup.station.admin.pin_hash; !hash.empty())
        settings.admin.pin_matches = [hash](const std::string& pin) {
            return pin_matches(pin, hash);
        };
}

}  // namespace rs::app
