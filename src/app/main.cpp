// rollstation: the roller-station kiosk.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli.hpp"
#include "event_log.hpp"
#include "kiosk_app.hpp"
#include "log.hpp"

namespace {

std::filesystem::path share_dir() {
    if (const char* env = std::getenv("ROLLSTATION_SHARE_DIR"))
        return env;
    return ROLLSTATION_SHARE_DIR;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace rs;
    const std::vector<std::string> args(argv + 1, argv + argc);
    std::optional<std::string> env_config;
    if (const char* env = std::getenv("ROLLSTATION_CONFIG"))
        env_config = env;
    const auto parsed = app::parse_cli(args, env_config);
    if (const auto* error = std::get_if<app::CliError>(&parsed)) {
        std::cerr << "rollstation: " << error->message << "\n\n" << app::usage_text();
        return 2;
    }
    const auto& options = std::get<app::CliOptions>(parsed);
    if (options.show_help) {
        std::cout << app::usage_text();
        return 0;
    }
    if (options.show_version) {
        std::cout << "rollstation " << ROLLSTATION_VERSION << "\n";
        return 0;
    }

    const config::Setup setup = config::load_setup(options.config, share_dir());
    if (options.check_config) {
        std::cout << config::describe(setup);
        return setup.valid() ? 0 : 1;
    }
    for (const auto& e : setup.errors)
        app::log_warning(e.to_string());
    if (!setup.station_ok) {
        app::log_error("cannot start without a usable station file: " + options.config.string());
        return 1;
    }
    app::log_info("station " + setup.station.station.id + ": " +
                  std::to_string(setup.library->routines().size()) + " routines loaded, " +
                  std::to_string(setup.skipped_files.size()) + " files skipped");
    try {
        core::SystemClock clock;
        app::KioskApp kiosk(
            setup, app::options_from(setup.station, options.windowed), clock,
            [](const core::UsageEvent& e) { app::log_info(app::describe_event(e)); });
        return kiosk.run();
    } catch (const std::exception& e) {
        app::log_error(e.what());
        return 1;
    }
}
