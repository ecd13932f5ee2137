// The kiosk's command line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rs::app {

struct CliOptions {
    std::filesystem::path config;
    bool check_config = false;
    bool windowed = false;
    bool show_version = false;
    bool show_help = false;
    bool set_pin = false;
    std::optional<std::filesystem::path> state_dir;
    std::optional<std::string> probe_sensor;  // a source spec
    std::optional<int> probe_seconds;         // default 10 s (also the scan's length)
    bool scan_sensors = false;                // list nearby Bluetooth LE sensors
    // --render-demo ROUTINE_ID --out DIR [--size WxH]: PNG frames of each step's demonstration.
    std::optional<std::string> render_demo;
    std::optional<std::filesystem::path> render_out;
    int render_w = 800, render_h = 480;
};

struct CliError {
    std::string message;
};

// `environment_config` is $ROLLSTATION_CONFIG when set.
std::variant<CliOptions, CliError> parse_cli(const std::vector<std::string>& args,
                                             const std::optional<std::string>& environment_config);

std::string usage_text();

}  // namespace rs::app
