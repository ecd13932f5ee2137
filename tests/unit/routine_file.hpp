// A valid routine file as numbered lines and a loader for one text, for the routine loader tests:
// each test changes one line to make one mistake and looks at what the loader gave.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "rollstation/config/diagnostic.hpp"
#include "rollstation/config/routine_loader.hpp"
#include "rollstation/core/routine.hpp"
#include "unit/support.hpp"

namespace rs::test::routine_file {

// What the loader reports, which every loader test reads.
using config::Diagnostic;
using config::Diagnostics;

// A valid routine; the tests change one line to make one mistake. Line numbers:
inline const TextLines kBase{
    "id: bad-case",                             // 1
    "title: \"Bad case\"",                      // 2
    "purpose: recovery",                        // 3
    "level: beginner",                          // 4
    "tools: [foam-roller]",                     // 5
    "summary: \"A routine with one mistake\"",  // 6
    "when: after",                              // 7
    "steps:",                                   // 8
    "  - area: calves",                         // 9
    "    tool: foam-roller",                    // 10
    "    side: left-then-right",                // 11
    "    duration: 45s",                        // 12
    "    pressure: moderate",                   // 13
    "    cues:",                                // 14
    "      - \"Roll from ankle to knee\"",      // 15
};

struct Loaded {
    std::optional<core::Routine> routine;
    config::Diagnostics errors;
    std::string file;
};

// The text written to a temporary <stem>.yaml and loaded.
inline Loaded load_text(const std::string& text, const std::string& stem = "bad-case") {
    TempDir dir;
    Loaded out;
    const std::filesystem::path file = dir.write(stem + ".yaml", text);
    out.file = file.string();
    out.routine = config::load_routine_file(file, out.errors);
    return out;
}

// The text loaded as a file that must give a routine; the test stops here, listing the errors,
// if it does not.
inline Loaded load_good(const std::string& text, const std::string& stem) {
    Loaded out = load_text(text, stem);
    INFO("errors:" << listing(out.errors));
    REQUIRE(out.routine.has_value());
    return out;
}

}  // namespace rs::test::routine_file
