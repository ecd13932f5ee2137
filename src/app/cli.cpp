#include "app/cli.hpp"

#include <charconv>

namespace rs::app {

std::variant<CliOptions, CliError> parse_cli(const std::vector<std::string>& args,
                                             const std::optional<std::string>& environment_config) {
    CliOptions options;
    options.config = environment_config.value_or("/etc/rollstation/station.yaml");
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--config") {
            if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0)
                return CliError{"--config needs a file path"};
            options.config = args[++i];
        } else if (a.rfind("--config=", 0) == 0) {
            if (a.size() == 9)
                return CliError{"--config needs a file path"};
            options.config = a.substr(9);
        } else if (a == "--probe-sensor") {
            if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0)
                return CliError{"--probe-sensor needs a source such as serial:/dev/ttyACM0@115200"};
            options.probe_sensor = args[++i];
        } else if (a == "--seconds") {
            int n = 0;
            const std::string value = i + 1 < args.size() ? args[i + 1] : "";
            const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (value.empty() || ec != std::errc{} || ptr != value.data() + value.size() || n < 1 ||
                n > 3600)
                return CliError{"--seconds needs a whole number from 1 to 3600"};
            options.probe_seconds = n;
            ++i;
        } else if (a == "--render-demo") {
            if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0)
                return CliError{"--render-demo needs a routine id such as pre-run"};
            options.render_demo = args[++i];
        } else if (a == "--out") {
            if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0)
                return CliError{"--out needs a folder path"};
            options.render_out = args[++i];
        } else if (a == "--size") {
            const std::string value = i + 1 < args.size() ? args[i + 1] : "";
            const auto x = value.find('x');
            int w = 0, h = 0;
            bool ok = x != std::string::npos;
            if (ok) {
                const auto [pw, ew] = std::from_chars(value.data(), value.data() + x, w);
                const auto [ph, eh] =
                    std::from_chars(value.data() + x + 1, value.data() + value.size(), h);
                ok = ew == std::errc{} && eh == std::errc{} && pw == value.data() + x &&
                     ph == value.data() + value.size();
            }
            if (!ok || w < 320 || h < 240 || w > 3840 || h > 3840)
                return CliError{
                    "--size needs WIDTHxHEIGHT in pixels, such as 1920x1080 (320x240 "
                    "to 3840x3840)"};
            options.render_w = w;
            options.render_h = h;
            ++i;
        } else if (a == "--scan-sensors") {
            options.scan_sensors = true;
        } else if (a == "--check-config") {
            options.check_config = true;
        } else if (a == "--set-pin") {
            options.set_pin = true;
        } else if (a == "--state-dir") {
            if (i + 1 >= args.size() || args[i + 1].empty() || args[i + 1].rfind("--", 0) == 0)
                return CliError{"--state-dir needs a folder path"};
            options.state_dir = args[++i];
        } else if (a == "--windowed") {
            options.windowed = true;
        } else if (a == "--version") {
            options.show_version = true;
        } else if (a == "--help" || a == "-h") {
            options.show_help = true;
        } else {
            return CliError{"unknown option '" + a + "'"};
        }
    }
    if (options.render_demo && !options.render_out)
        return CliError{"--render-demo needs --out DIR, the folder for its frames"};
    if (options.render_out && !options.render_demo)
        return CliError{"--out goes with --render-demo"};
    if (options.probe_seconds && !options.probe_sensor && !options.scan_sensors)
        return CliError{"--seconds goes with --probe-sensor or --scan-sensors"};
    if (options.scan_sensors && (options.probe_sensor || options.check_config || options.set_pin))
        return CliError{"--scan-sensors goes alone (with --seconds)"};
    if (options.set_pin && (options.check_config || options.probe_sensor))
        return CliError{"--set-pin goes alone (with --config)"};
    return options;
}

std::string usage_text() {
    return "usage: rollstation [--config PATH] [--state-dir DIR] [--check-config] [--windowed]\n"
           "                   [--version] [--help]\n"
           "       rollstation --probe-sensor SOURCE [--seconds N]\n"
           "       rollstation --scan-sensors [--seconds N]\n"
           "       rollstation [--config PATH] --set-pin\n"
           "       rollstation [--config PATH] --render-demo ROUTINE_ID --out DIR [--size WxH]\n"
           "\n"
           "  --config PATH    station file (default: $ROLLSTATION_CONFIG, else "
           "/etc/rollstation/station.yaml)\n"
           "  --check-config   check the station file and every routine, print a summary, exit 0 "
           "if all is valid\n"
           "  --state-dir DIR  where the last good station file and sensor calibrations are "
           "kept\n"
           "                   (default: $STATE_DIRECTORY, set by systemd, else the folder of "
           "storage.path)\n"
           "  --windowed       run in a window instead of fullscreen (Escape quits)\n"
           "  --set-pin        ask for a new admin PIN (4 to 8 digits) and store its salted hash "
           "in the station file\n"
           "  --probe-sensor SOURCE  read one sensor (serial:/dev/ttyACM0@115200, "
           "udp:0.0.0.0:5005, sim:steady,\n"
           "                   ble:AA:BB:CC:DD:EE:FF?kind=witmotion) for --seconds N (default 10) "
           "and print\n"
           "                   what it reports\n"
           "  --scan-sensors   look for Bluetooth LE sensors for --seconds N (default 10) and "
           "print each\n"
           "                   with its signal strength and the source line for the station "
           "file\n"
           "  --render-demo ROUTINE_ID  write PNG frames of each step's demonstration to --out "
           "DIR,\n"
           "                   at --size WxH (default 800x480); exit 1 for an unknown routine\n"
           "  --version        print the version\n"
           "  --help           print this help\n"
           "\n"
           "exit codes: 0 success, 1 a problem you can fix (such as a bad config), 2 bad usage\n";
}

}  // namespace rs::app
