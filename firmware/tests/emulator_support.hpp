// Runs rollstation-avr-sim (the firmware's .hex in simavr) for the firmware's end-to-end tests.
#pragma once

#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include "integration/support.hpp"

namespace rs::fwtest {

using itest::ChildProcess;
using itest::Millis;
using itest::TempDir;

inline const std::string kEmulator = ROLLSTATION_AVR_SIM_BINARY;
inline const std::string kKiosk = ROLLSTATION_BINARY;

struct Transcript {
    std::string text;    // everything the firmware sent
    std::string report;  // the emulator's summary
    std::vector<core::wire::Sample> samples;
    std::vector<core::wire::Hello> hellos;
    std::vector<core::wire::Status> statuses;
    core::wire::Counters counters;
};

// Runs the emulator as fast as the host goes (no pseudo-terminal) for `seconds` of emulated
// time and parses what the firmware sent with the kiosk's own parser.
inline Transcript run_unpaced(const TempDir& dir, const std::string& profile, double seconds,
                              std::vector<std::string> extra = {}) {
    const auto file = dir / ("transcript-" + profile);
    std::vector<std::string> argv{
        kEmulator,      "--no-pty",   "--speed",   "0",
        "--profile",    profile,      "--seconds", std::to_string(seconds),
        "--transcript", file.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    ChildProcess emulator(argv, dir.path(), "emulator-" + profile);
    const std::optional<int> code = emulator.wait_for_exit(Millis{60000});
    INFO(emulator.describe());
    REQUIRE(code);
    REQUIRE(*code == 0);
    Transcript t;
    t.report = emulator.out();
    std::ifstream in(file, std::ios::binary);
    t.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    core::wire::Parser parser;
    parser.feed(t.text, [&](const core::wire::Message& m) {
        if (const auto* s = std::get_if<core::wire::Sample>(&m))
            t.samples.push_back(*s);
        if (const auto* h = std::get_if<core::wire::Hello>(&m))
            t.hellos.push_back(*h);
        if (const auto* s = std::get_if<core::wire::Status>(&m))
            t.statuses.push_back(*s);
    });
    t.counters = parser.counters();
    return t;
}

inline std::optional<double> number_after(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(pattern)))
        return std::nullopt;
    return std::stod(m[1]);
}

}  // namespace rs::fwtest
