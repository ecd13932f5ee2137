// rollstation: the roller-station kiosk.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli.hpp"
#include "event_log.hpp"
#include "kiosk_app.hpp"
#include "link_setup.hpp"
#include "log.hpp"
#include "probe.hpp"
#include "uuid.hpp"

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
    if (options.probe_sensor)
        return app::run_probe(*options.probe_sensor, options.probe_seconds.value_or(10), std::cout);
    if (options.show_version) {
        std::cout << "rollstation " << ROLLSTATION_VERSION << "\n";
        return 0;
    }

    config::Setup setup;
    try {
        setup = config::load_setup(options.config, share_dir());
    } catch (const std::exception& e) {
        // The loaders report problems as diagnostics; this is the last line of defence.
        app::log_error("cannot read the configuration " + options.config.string() + ": " +
                       e.what());
        return 1;
    }
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
    // The facility's day (for statistics) is local time in its time zone: set it for the whole
    // process before any thread starts.
    setenv("TZ", setup.station.station.timezone.c_str(), 1);
    tzset();
    try {
        core::SystemClock clock;
        std::vector<std::string> problems;
        io::IoThread io([](const std::string& problem) { app::log_warning(problem); });
        mqtt::StationLink link(
            io,
            app::link_settings_from(setup.station, setup.library, ROLLSTATION_VERSION,
                                    app::make_uuid(), clock.now().wall, problems),
            [](const std::string& message) { app::log_warning(message); });
        app::KioskOptions kiosk_options =
            app::options_from(setup.station, options.windowed, problems);
        kiosk_options.io = &io;
        kiosk_options.link = &link;
        // Every usage event: logged, then stored durably and published by the link.
        app::KioskApp kiosk(setup, kiosk_options, clock, [&link](const core::UsageEvent& e) {
            app::log_info(app::describe_event(e));
            link.record(e, app::make_uuid());
        });
        problems.insert(problems.end(), kiosk.start_errors().begin(), kiosk.start_errors().end());
        for (const auto& p : problems)
            app::log_warning(p);
        link.on_commands(
            [&kiosk](core::Command c) { kiosk.post(core::act::ClassCommand{std::move(c)}); });
        const int code = kiosk.run();
        link.detach_commands();  // the kiosk goes first: no command may reach it on the way out
        return code;
    } catch (const std::exception& e) {
        app::log_error(e.what());
        return 1;
    }
}
