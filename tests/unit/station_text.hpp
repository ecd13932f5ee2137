// A valid station file as numbered lines and a valid safety notice, for the station file tests:
// each test changes one line to make one mistake.
#pragma once

#include <string>

#include "unit/station_file.hpp"
#include "unit/support.hpp"

namespace rs::test::station_text {

// A valid station file; tests change one line. Line numbers:
inline const TextLines kBase{
    "station:",                  // 1
    "  id: test-1",              // 2
    "  name: \"Test station\"",  // 3
    "  facility: gym",           // 4
    "display:",                  // 5
    "  fullscreen: false",       // 6
    "  idle_timeout_s: 90",      // 7
    "routines:",                 // 8
    "  dirs: [routines]",        // 9
};

inline const std::string kGoodSafety =
    "title: \"Careful now\"\n"
    "points:\n"
    "  - \"Stop at once if it hurts.\"\n"
    "  - \"Keep off joints and bones.\"\n"
    "  - \"Ask staff when unsure.\"\n";

using Loaded = LoadedStation;

}  // namespace rs::test::station_text
