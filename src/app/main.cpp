// rollstation: the roller-station kiosk.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/admin_pin.hpp"
#include "app/cli.hpp"
#include "app/kiosk_app.hpp"
#include "app/language_report.hpp"
#include "app/last_good_config.hpp"
#include "app/link_setup.hpp"
#include "app/log.hpp"
#include "app/probe.hpp"
#include "app/render_demo.hpp"
#include "app/scan.hpp"
#include "app/service_manager.hpp"
#include "app/startup_checks.hpp"
#include "app/uuid.hpp"
#include "ui/safety_fit.hpp"
#include "ui/words.hpp"

namespace {

namespace fs = std::filesystem;

fs::path share_dir() {
    if (const char* env = std::getenv("ROLLSTATION_SHARE_DIR"))
        return env;
    return ROLLSTATION_SHARE_DIR;
}

// Where the interface catalogues are: the environment's choice, else those installed with the
// program when it runs from where it was installed, else the build tree's (a developer's run).
fs::path locale_dir() {
    if (const char* env = std::getenv("ROLLSTATION_LOCALE_DIR"); env && *env)
        return env;
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error && self.parent_path() == fs::path(ROLLSTATION_BIN_DIR))
        return ROLLSTATION_LOCALE_DIR;
    return ROLLSTATION_BUILD_LOCALE_DIR;
}

// The list of every interface text (the catalogues' template), for the translation report.
// The installed one beside the routines, else the source tree's (a run from the build tree).
fs::path catalogue_template() {
    std::error_code error;
    if (const fs::path installed = share_dir() / "rollstation.pot"; fs::exists(installed, error))
        return installed;
    return ROLLSTATION_SOURCE_POT;
}

// Where the kiosk keeps what it writes besides the database: the command line, then systemd's
// StateDirectory= (the first of a colon-separated list), then the database's folder.
fs::path state_dir(const rs::app::CliOptions& options, const rs::config::Setup* setup) {
    if (options.state_dir)
        return *options.state_dir;
    if (const char* env = std::getenv("STATE_DIRECTORY"); env && *env) {
        const std::string list = env;
        return list.substr(0, list.find(':'));
    }
    if (setup && !setup->station.storage.path.empty())
        return setup->station.storage.path.parent_path();
    return {};
}

// The station file, or the last good copy of it when the file itself is unusable.
std::optional<rs::config::Setup> load_for_start(const rs::app::CliOptions& options) {
    using namespace rs;
    config::Setup setup = config::load_setup(options.config, share_dir());
    for (const auto& e : setup.errors)
        app::log_warning(e.to_string());
    const fs::path state = state_dir(options, setup.station_ok ? &setup : nullptr);
    if (setup.station_ok) {
        if (!state.empty()) {
            try {
                fs::create_directories(state);
                app::LastGoodConfig(state).remember(options.config);
            } catch (const std::exception& e) {
                app::log_warning(std::string("cannot keep a copy of the station file: ") +
                                 e.what());
            }
        }
        return setup;
    }
    const auto copy = state.empty() ? std::nullopt : app::LastGoodConfig(state).recall();
    if (!copy) {
        app::log_error("cannot start without a usable station file: " + options.config.string() +
                       " (fix it and check it with rollstation --check-config --config " +
                       options.config.string() + ")");
        return std::nullopt;
    }
    config::Setup fallback = config::load_setup(copy->file, share_dir(), copy->base_dir);
    if (!fallback.station_ok) {
        app::log_error("the station file " + options.config.string() +
                       " is unusable and so is the last good copy " + copy->file.string());
        return std::nullopt;
    }
    app::log_error("the station file " + options.config.string() +
                   " is unusable: running on the last good copy " + copy->file.string() +
                   " until it is fixed (rollstation --check-config shows what is wrong)");
    return fallback;
}

int run_kiosk(const rs::app::CliOptions& options, rs::config::Setup setup, bool& restart) {
    using namespace rs;
    app::log_info("station " + setup.station.station.id + ": " +
                  std::to_string(setup.library->routines().size()) + " routines loaded, " +
                  std::to_string(setup.skipped_files.size()) + " files skipped");
    const fs::path font_dir = setup.station.display.font_dir.empty()
                                  ? fs::path(ROLLSTATION_FONT_DIR)
                                  : setup.station.display.font_dir;
    bool fatal = false;
    for (const auto& problem :
         app::check_startup(app::startup_environment(font_dir), app::can_open_now)) {
        (problem.fatal ? app::log_error : app::log_warning)(problem.message);
        fatal = fatal || problem.fatal;
    }
    if (fatal)
        return 1;
    // The facility's day (for statistics) is local time in its time zone: set it for the whole
    // process before any thread starts.
    setenv("TZ", setup.station.station.timezone.c_str(), 1);
    tzset();

    app::ServiceManager service;
    core::SystemClock clock;
    std::vector<std::string> problems;
    io::IoThread io([](const std::string& problem) { app::log_warning(problem); });
    mqtt::StationLink link(
        io,
        app::link_settings_from(setup.station, setup.library, ROLLSTATION_VERSION, app::make_uuid(),
                                clock.now().wall, problems),
        [](const std::string& message) { app::log_warning(message); });
    app::KioskOptions kiosk_options = app::options_from(setup.station, options.windowed, problems);
    kiosk_options.io = &io;
    kiosk_options.service.on_first_frame = [&service] { service.ready("showing the home screen"); };
    kiosk_options.service.heartbeat_every = service.ping_interval();
    kiosk_options.service.heartbeat = [&service] { service.watchdog_ping(); };
    kiosk_options.admin.station_id = setup.station.station.id;
    kiosk_options.admin.version = ROLLSTATION_VERSION;
    if (setup.station.mqtt) {
        kiosk_options.admin.broker =
            setup.station.mqtt->host + ":" + std::to_string(setup.station.mqtt->port);
    }
    kiosk_options.reload = [&options](std::string& problem) -> std::optional<config::Setup> {
        config::Setup fresh = config::load_setup(options.config, share_dir());
        if (!fresh.station_ok) {
            problem = fresh.errors.empty() ? options.config.string() + " is unusable"
                                           : fresh.errors.front().to_string();
            return std::nullopt;
        }
        for (const auto& e : fresh.errors)
            app::log_warning(e.to_string());
        return fresh;
    };
    if (const fs::path state = state_dir(options, &setup); !state.empty())
        kiosk_options.calibration_file = state / "calibration.json";

    // Every usage event: logged, then stored durably and published by the link.
    app::LinkOutbound outbound(link);
    app::KioskApp kiosk(setup, kiosk_options, clock, &outbound);
    problems.insert(problems.end(), kiosk.start_errors().begin(), kiosk.start_errors().end());
    for (const auto& p : problems)
        app::log_warning(p);
    link.on_commands(
        [&kiosk](core::Command c) { kiosk.post(core::act::ClassCommand{std::move(c)}); });
    const int code = kiosk.run();
    service.stopping();
    link.detach_commands();  // the kiosk goes first: no command may reach it on the way out
    restart = kiosk.restart_requested();
    return code;
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
    // Before any thread starts: choosing the catalogues sets the process's environment.
    ui::use_catalogues(locale_dir());
    if (options.show_help) {
        std::cout << app::usage_text();
        return 0;
    }
    if (options.scan_sensors)
        return app::run_scan(options.probe_seconds.value_or(10), std::cout);
    if (options.probe_sensor)
        return app::run_probe(*options.probe_sensor, options.probe_seconds.value_or(10), std::cout);
    if (options.show_version) {
        std::cout << "rollstation " << ROLLSTATION_VERSION << "\n";
        return 0;
    }
    if (options.set_pin)
        return app::set_pin_command(options.config, std::cin, std::cout, std::cerr);

    if (options.render_demo) {
        try {
            const config::Setup setup = config::load_setup(options.config, share_dir());
            const std::filesystem::path fonts = setup.station.display.font_dir.empty()
                                                    ? ROLLSTATION_FONT_DIR
                                                    : setup.station.display.font_dir;
            return app::render_demo(setup, *options.render_demo, *options.render_out,
                                    options.render_w, options.render_h, fonts, std::cout,
                                    std::cerr);
        } catch (const std::exception& e) {
            app::log_error("cannot render the demonstrations: " + std::string(e.what()));
            return 1;
        }
    }
    if (options.check_config) {
        try {
            const config::Setup setup = config::load_setup(options.config, share_dir());
            std::cout << config::describe(setup);
            // The notice must be readable whole on the smallest screen, not just valid YAML.
            const std::filesystem::path fonts = setup.station.display.font_dir.empty()
                                                    ? ROLLSTATION_FONT_DIR
                                                    : setup.station.display.font_dir;
            const auto unreadable = ui::check_safety_notice(fonts, *setup.safety);
            for (const std::string& problem : unreadable)
                std::cout << setup.station.safety_notice.string() << ": " << problem << "\n";
            // Each language the station offers must be whole: an athlete who chose it would
            // otherwise meet English in the middle of a routine.
            const int incomplete = app::report_languages(setup, setup.station.display.languages,
                                                         catalogue_template(), std::cout);
            // A step without a demonstration still plays (as text), but is not ready to ship.
            return setup.valid() && setup.steps_without_demo.empty() && unreadable.empty() &&
                           incomplete == 0
                       ? 0
                       : 1;
        } catch (const std::exception& e) {
            app::log_error("cannot read the configuration " + options.config.string() + ": " +
                           e.what());
            return 1;
        }
    }

    bool restart = false;
    int code = 1;
    try {
        // The loaders report problems as diagnostics; the catch is the last line of defence.
        auto setup = load_for_start(options);
        if (!setup)
            return 1;
        code = run_kiosk(options, std::move(*setup), restart);
    } catch (const std::exception& e) {
        app::log_error(e.what());
        return 1;
    }
    if (restart) {
        // Everything is closed by now (window, database, broker link): start afresh, same
        // arguments, same process id (systemd keeps following it).
        std::fflush(nullptr);
        ::execv("/proc/self/exe", argv);
        app::log_error(
            "cannot restart: execv failed; exiting for the service manager to start "
            "the kiosk again");
        return 1;
    }
    return code;
}
