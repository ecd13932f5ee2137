// What the kiosk's shell is started with: display, sound, sensors, the link and the service
// manager's hooks, and their translation from the station file.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/service_hooks.hpp"
#include "io/io_thread.hpp"
#include "rollstation/config/setup.hpp"
#include "sensors/sensor_hub.hpp"
#include "ui/admin_info.hpp"
#include "ui/display.hpp"

namespace rs::app {

struct KioskOptions {
    ui::DisplayOptions display;
    bool sound = true;
    std::filesystem::path font_dir;
    std::vector<sensors::SensorBinding> sensors;  // started on the I/O thread
    io::IoThread* io = nullptr;  // the shared I/O thread (else the sensors get one)

    // The service manager's hooks: once the first frame is on the screen, and at least every
    // `heartbeat_every` from the render loop while it turns (a hung loop misses them).
    ServiceHookOptions service;

    // Admin: what the panel shows of the station, how it reloads the configuration (nothing
    // when the files are unusable; the reason in `problem`), where calibrations are kept.
    ui::AdminInfo admin;
    std::function<std::optional<config::Setup>(std::string& problem)> reload;
    std::filesystem::path calibration_file;  // empty: calibrations last until the next start

    // Where backlights are found when the station file names none (display.backlight).
    std::filesystem::path backlight_class_dir = "/sys/class/backlight";

    // Rasterised texts kept as textures, least recently used dropped first: about 40 KiB each at
    // 800x480, so the default holds up to about 20 MiB once full.
    std::size_t text_cache_capacity = 512;
};

// The options a station file asks for, with `windowed` from the command line. A sensor whose
// source cannot be understood is reported in `errors` and left out.
KioskOptions options_from(const config::StationConfig& station, bool windowed,
                          std::vector<std::string>& errors);

}  // namespace rs::app
