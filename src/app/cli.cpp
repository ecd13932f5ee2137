#include "cli.hpp"

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
        } else if (a == "--check-config") {
            options.check_config = true;
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
    return options;
}

std::string usage_text() {
    return "usage: rollstation [--config PATH] [--check-config] [--windowed] [--version] [--help]\n"
           "\n"
           "  --config PATH    station file (default: $ROLLSTATION_CONFIG, else "
           "/etc/rollstation/station.yaml)\n"
           "  --check-config   check the station file and every routine, print a summary, exit 0 "
           "if all is valid\n"
           "  --windowed       run in a window instead of fullscreen (Escape quits)\n"
           "  --version        print the version\n"
           "  --help           print this help\n"
           "\n"
           "exit codes: 0 success, 1 a problem you can fix (such as a bad config), 2 bad usage\n";
}

}  // namespace rs::app
