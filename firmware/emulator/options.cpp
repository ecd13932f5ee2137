#include "emulator/options.hpp"

#include <cstdlib>
#include <iostream>

#include "rollstation/core/source_spec.hpp"

namespace rs::emulator {
namespace {

std::optional<double> number(const std::string& text, double min, double max) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(v >= min && v <= max))
        return std::nullopt;
    return v;
}

bool known_profile(const std::string& name) {
    return name == "no-gyro" || name == "no-loadcell" || core::parse_profile(name).has_value();
}

}  // namespace

std::string emulator_profile_names() {
    return core::profile_names() + ", no-gyro, no-loadcell";
}

std::string usage() {
    return "usage: rollstation-avr-sim [--hex FILE] [--profile NAME] [--link PATH | --no-pty]\n"
           "                           [--seconds N] [--speed X] [--reset-at S]... [--send-at "
           "S:TEXT]...\n"
           "                           [--transcript FILE] [--eeprom FILE] [--counts-per-newton "
           "N] [--seed N]\n"
           "\n"
           "Runs the roller firmware's .hex on an emulated ATmega328P with an MPU-6050 and an\n"
           "HX711 playing a motion profile, its serial port on a pseudo-terminal.\n"
           "\n"
           "  --profile NAME        " +
           emulator_profile_names() +
           " (default steady)\n"
           "  --link PATH           make PATH a symlink to the pseudo-terminal\n"
           "  --no-pty              no pseudo-terminal (with --transcript, for tests)\n"
           "  --seconds N           stop after N emulated seconds (default: until interrupted)\n"
           "  --speed X             emulated time runs X times real time; 0 as fast as it can "
           "(default 1)\n"
           "  --reset-at S          press reset at S emulated seconds (the roller at rest)\n"
           "  --send-at S:TEXT      type TEXT and a line end on the serial line at S seconds\n"
           "  --transcript FILE     also write everything the firmware sends to FILE\n"
           "  --eeprom FILE         the EEPROM's contents: loaded at start, saved at the end\n"
           "  --counts-per-newton N the load cell's true scale (default 1000, the firmware's "
           "default)\n";
}

std::optional<Options> parse_options(int argc, char** argv, std::string& error) {
    Options o;
    o.hex = ROLLSTATION_FIRMWARE_HEX;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size())
                return std::nullopt;
            return args[++i];
        };
        const auto numeric = [&](double min, double max) -> std::optional<double> {
            const auto v = value();
            const auto n = v ? number(*v, min, max) : std::nullopt;
            if (!n)
                error = a + " needs a number from " + std::to_string(static_cast<long>(min)) +
                        " to " + std::to_string(static_cast<long>(max));
            return n;
        };
        if (a == "--hex" || a == "--link" || a == "--transcript" || a == "--eeprom" ||
            a == "--profile") {
            const auto v = value();
            if (!v || v->empty()) {
                error = a + " needs a value";
                return std::nullopt;
            }
            if (a == "--hex")
                o.hex = *v;
            if (a == "--link")
                o.link = *v;
            if (a == "--transcript")
                o.transcript = *v;
            if (a == "--eeprom")
                o.eeprom = *v;
            if (a == "--profile") {
                if (!known_profile(*v)) {
                    error = "--profile must be one of " + emulator_profile_names();
                    return std::nullopt;
                }
                o.profile = *v;
            }
        } else if (a == "--no-pty") {
            o.pty = false;
        } else if (a == "--seconds") {
            if (!(o.seconds = numeric(0.1, 86400)))
                return std::nullopt;
        } else if (a == "--speed") {
            const auto n = numeric(0, 100);
            if (!n)
                return std::nullopt;
            o.speed = *n;
        } else if (a == "--reset-at") {
            const auto n = numeric(0, 86400);
            if (!n)
                return std::nullopt;
            o.resets_s.push_back(*n);
        } else if (a == "--counts-per-newton") {
            const auto n = numeric(1, 1000000);
            if (!n)
                return std::nullopt;
            o.scale.counts_per_newton = *n;
        } else if (a == "--seed") {
            const auto n = numeric(0, 1 << 30);
            if (!n)
                return std::nullopt;
            o.seed = static_cast<unsigned>(*n);
        } else if (a == "--send-at") {
            const auto v = value();
            const auto colon = v ? v->find(':') : std::string::npos;
            const auto at =
                colon != std::string::npos ? number(v->substr(0, colon), 0, 86400) : std::nullopt;
            if (!at) {
                error = "--send-at needs SECONDS:TEXT, such as 3:CAL 2200";
                return std::nullopt;
            }
            o.inputs.push_back({*at, v->substr(colon + 1)});
        } else if (a == "--help" || a == "-h") {
            std::cout << usage();
            std::exit(0);
        } else {
            error = "unknown option '" + a + "'";
            return std::nullopt;
        }
    }
    if (!o.pty && o.link) {
        error = "--link needs the pseudo-terminal: drop --no-pty";
        return std::nullopt;
    }
    return o;
}

}  // namespace rs::emulator
