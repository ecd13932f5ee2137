// A station file written to a temporary folder (beside a one-routine library) and loaded, for the
// configuration tests: what it gave, and checks for the single located error a mistake must give.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "rollstation/config/station_config.hpp"
#include "unit/support.hpp"

namespace rs::test {

struct LoadedStation {
    TempDir dir;
    std::filesystem::path file;
    std::optional<config::StationConfig> config;
    config::Diagnostics errors;
};

// Writes the station text next to a routines folder and loads it (no share directory).
inline void load_station(LoadedStation& out, const std::string& text) {
    out.dir.write("routines/tiny-roll.yaml", kTinyRoutine);
    out.file = out.dir.write("station.yaml", text);
    out.config = config::load_station_config(out.file, {}, out.errors);
}

// The station file gave exactly one error, at that place, with that message.
inline void check_one_error(const LoadedStation& loaded, int line, int column,
                            const std::string& message) {
    INFO("errors:" << listing(loaded.errors));
    REQUIRE(loaded.errors.size() == 1);
    const config::Diagnostic& d = loaded.errors[0];
    CHECK(d.file == loaded.file.string());
    CHECK(d.line == line);
    CHECK(d.column == column);
    CHECK(d.message == message);
}

// Loads the station text and checks that it gives exactly that one error; returns whether the
// rest of the file still loaded.
inline bool check_station_error(const std::string& text, int line, int column,
                                const std::string& message) {
    LoadedStation l;
    load_station(l, text);
    check_one_error(l, line, column, message);
    return l.config.has_value();
}

// Loads station text with one mistake, checks that one error and returns the configuration read
// around it, in which the mistaken setting keeps its default.
inline config::StationConfig despite_error(const std::string& text, int line, int column,
                                           const std::string& message) {
    LoadedStation l;
    load_station(l, text);
    check_one_error(l, line, column, message);
    REQUIRE(l.config.has_value());
    return *l.config;
}

}  // namespace rs::test
