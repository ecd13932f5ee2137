// rollstation-soak: hours of a station's life under faults, then a verdict (see
// docs/reliability.md). scripts/soak builds and runs it.
//
//   rollstation-soak [--minutes N | --seconds N] [--dir DIR] [--seed N] [--rss-bound-mib N]
//                    [--sanitizer-reports DIR]
//   rollstation-soak kiosk --config FILE --produced FILE [--seed N] [--no-touch]
//
// The second form is the kiosk under test, which the first starts (and kills) as a child.
#include <mosquitto.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "soak/soak_driver.hpp"
#include "soak/soak_kiosk.hpp"

namespace {

int usage() {
    std::cerr << "usage: rollstation-soak [--minutes N | --seconds N] [--dir DIR] [--seed N]\n"
                 "                        [--rss-bound-mib N] [--sanitizer-reports DIR]\n"
                 "       rollstation-soak kiosk --config FILE --produced FILE [--seed N] "
                 "[--no-touch]\n";
    return 2;
}

std::string default_dir() {
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    return std::string("soak-") + stamp;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const auto number = [](const std::string& text) { return std::stoll(text); };
    try {
        if (!args.empty() && args[0] == "kiosk") {
            rs::soak::KioskRun run;
            for (std::size_t i = 1; i < args.size(); ++i) {
                const bool has_value = i + 1 < args.size();
                if (args[i] == "--config" && has_value) {
                    run.config = args[++i];
                } else if (args[i] == "--produced" && has_value) {
                    run.produced = args[++i];
                } else if (args[i] == "--seed" && has_value) {
                    run.seed = static_cast<std::uint32_t>(number(args[++i]));
                } else if (args[i] == "--no-touch") {
                    run.touch = false;
                } else {
                    return usage();
                }
            }
            if (run.config.empty() || run.produced.empty())
                return usage();
            return rs::soak::run_kiosk(run);
        }

        rs::soak::SoakOptions options;
        options.dir = default_dir();
        for (std::size_t i = 0; i < args.size(); ++i) {
            const bool has_value = i + 1 < args.size();
            if (args[i] == "--minutes" && has_value) {
                options.duration = std::chrono::seconds(number(args[++i]) * 60);
            } else if (args[i] == "--seconds" && has_value) {
                options.duration = std::chrono::seconds(number(args[++i]));
            } else if (args[i] == "--dir" && has_value) {
                options.dir = args[++i];
            } else if (args[i] == "--seed" && has_value) {
                options.seed = static_cast<std::uint32_t>(number(args[++i]));
            } else if (args[i] == "--rss-bound-mib" && has_value) {
                options.rss_bound_kib = number(args[++i]) * 1024;
            } else if (args[i] == "--sanitizer-reports" && has_value) {
                options.sanitizer_reports = args[++i];
            } else {
                return usage();
            }
        }
        if (options.duration.count() < 60) {
            std::cerr << "rollstation-soak: run for at least a minute\n";
            return 2;
        }
        mosquitto_lib_init();
        const int code = rs::soak::run_soak(options);
        mosquitto_lib_cleanup();
        return code;
    } catch (const std::exception& e) {
        std::cerr << "rollstation-soak: " << e.what() << "\n";
        return 1;
    }
}
