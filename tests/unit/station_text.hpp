// A valid station file as numbered lines and a valid safety notice, for the station file tests:
// each test changes one line to make one mistake.
#pragma once

#include <string>

#include "unit/station_file.hpp"
#include "unit/support.hpp"

namespace rs::test::station_text {

// The station section every test station file begins with, lines 1 to 4.
inline const TextLines kHead{
    "station:",
    "  id: test-1",
    "  name: \"Test station\"",
    "  facility: gym",
};

// A valid station file; tests change one line. Line numbers:
inline const TextLines kBase = kHead.followed_by({
    "display:",              // 5
    "  fullscreen: false",   // 6
    "  idle_timeout_s: 90",  // 7
    "routines:",             // 8
    "  dirs: [routines]",    // 9
});

inline const std::string kGoodSafety =
    "title: \"Careful now\"\n"
    "points:\n"
    "  - \"Stop at once if it hurts.\"\n"
    "  - \"Keep off joints and bones.\"\n"
    "  - \"Ask staff when unsure.\"\n";

using Loaded = LoadedStation;

}  // namespace rs::test::station_text
