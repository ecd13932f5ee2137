#include "app/kiosk_options.hpp"

namespace rs::app {

KioskOptions options_from(const config::StationConfig& station, bool windowed,
                          std::vector<std::string>& errors) {
    KioskOptions o;
    o.display.fullscreen = station.display.fullscreen && !windowed;
    o.display.size = {station.display.width, station.display.height};
    o.display.rotation = station.display.rotation;
    o.display.renderer = station.display.renderer;
    o.sound = station.display.sound;
    o.font_dir = station.display.font_dir;
    o.display.escape_quits = !o.display.fullscreen;
    for (const auto& sensor : station.sensors) {
        const core::SpecParse parsed = core::parse_source(sensor.source);
        if (parsed.spec) {
            o.sensors.push_back({sensor.id, *parsed.spec});
        } else {
            errors.push_back("sensor " + sensor.id + ": " + parsed.error);
        }
    }
    return o;
}

}  // namespace rs::app
