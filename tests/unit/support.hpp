// Helpers shared by the unit tests: temporary folders, hand-driven time, routine builders, an
// athlete's taps and numbered lines of text for config files with one mistake each.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <random>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "kit/temp_dir.hpp"
#include "rollstation/config/diagnostic.hpp"
#include "rollstation/core/actions.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/routine.hpp"

namespace rs::test {

// ---------------------------------------------------------------------------------------------
// Files

using kit::TempDir;

// Every line followed by a newline.
inline std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

// A valid file as numbered lines (1-based); each edit returns the whole text with one change, so
// a test can make one mistake on a known line. The lines themselves never change.
class TextLines {
  public:
    TextLines(std::initializer_list<std::string> lines) : lines_(lines) {}
    // These lines and then `more`, for files that begin alike.
    TextLines followed_by(std::initializer_list<std::string> more) const {
        TextLines out = *this;
        out.lines_.insert(out.lines_.end(), more);
        return out;
    }
    const std::vector<std::string>& lines() const { return lines_; }
    std::string text() const { return join_lines(lines_); }
    // Line n replaced by `replacement` (which may hold several lines, or none: then line n goes).
    std::string replace_line(int n, const std::string& replacement) const {
        std::vector<std::string> lines = lines_;
        if (replacement.empty()) {
            lines.erase(lines.begin() + (n - 1));
        } else {
            lines[static_cast<std::size_t>(n - 1)] = replacement;
        }
        return join_lines(lines);
    }
    // `extra` inserted after line n (so it becomes line n + 1).
    std::string insert_after(int n, const std::string& extra) const {
        std::vector<std::string> lines = lines_;
        lines.insert(lines.begin() + n, extra);
        return join_lines(lines);
    }
    // Lines first to last, both included, removed.
    std::string remove_lines(int first, int last) const {
        std::vector<std::string> lines = lines_;
        lines.erase(lines.begin() + (first - 1), lines.begin() + last);
        return join_lines(lines);
    }

  private:
    std::vector<std::string> lines_;
};

// One diagnostic per line, each indented, for INFO().
inline std::string listing(const config::Diagnostics& errors) {
    std::string out;
    for (const auto& e : errors)
        out += "\n  " + e.to_string();
    return out;
}

// ---------------------------------------------------------------------------------------------
// Time: every Now is a fixed origin plus an offset, so nothing sleeps.

// A valid routine file of one short step (tiny-roll.yaml), for station and loader tests.
inline const std::string kTinyRoutine =
    "id: tiny-roll\n"
    "title: \"Tiny roll\"\n"
    "purpose: recovery\n"
    "level: beginner\n"
    "tools: [foam-roller]\n"
    "summary: \"One short step\"\n"
    "when: any\n"
    "steps:\n"
    "  - area: calves\n"
    "    tool: foam-roller\n"
    "    side: both\n"
    "    duration: 30s\n"
    "    pressure: light\n"
    "    cues: [\"Roll slowly\"]\n";

inline const core::Now kOrigin = core::FakeClock{}.now();

inline core::Millis sec(long long s) {
    return core::Millis{s * 1000};
}
inline core::Millis ms(long long m) {
    return core::Millis{m};
}
inline core::Now at(core::Millis offset) {
    return core::Now{kOrigin.mono + offset, kOrigin.wall + offset};
}
inline core::Instant mono_at(core::Millis offset) {
    return kOrigin.mono + offset;
}
inline core::WallTime wall_at(core::Millis offset) {
    return kOrigin.wall + offset;
}

// ---------------------------------------------------------------------------------------------
// Routines

// A step with one cue ("Roll slowly") and the default tempo and pressure.
inline core::Step make_step(core::Area area, core::Side side, int duration_s, int sets = 1,
                            int rest_s = 0, core::Tool tool = core::Tool::foam_roller) {
    core::Step step;
    step.area = area;
    step.tool = tool;
    step.side = side;
    step.duration_s = duration_s;
    step.sets = sets;
    step.rest_s = rest_s;
    step.cues = {"Roll slowly"};
    return step;
}

// A foam-roller routine for any time; with no steps it gets one 30 s calves step.
inline core::Routine make_routine(std::string id, std::string title, core::Purpose purpose,
                                  core::Level level, std::vector<core::Step> steps = {}) {
    core::Routine r;
    r.id = std::move(id);
    r.title = std::move(title);
    r.purpose = purpose;
    r.level = level;
    r.tools = {core::Tool::foam_roller};
    r.summary = "A routine for tests";
    r.when = core::When::any;
    if (steps.empty())
        steps.push_back(make_step(core::Area::calves, core::Side::both, 30));
    r.steps = std::move(steps);
    return r;
}

// make_routine, shared as the library and the session engine hold routines.
inline core::RoutinePtr make_routine_ptr(std::string id, std::string title, core::Purpose purpose,
                                         core::Level level, std::vector<core::Step> steps = {}) {
    return std::make_shared<const core::Routine>(
        make_routine(std::move(id), std::move(title), purpose, level, std::move(steps)));
}

// What an athlete taps to start a routine on their own: the library, the routine's card, Start,
// and "I understand" on the safety notice.
inline std::vector<core::Action> taps_to_start(const std::string& routine_id,
                                               const std::string& session_id) {
    return {core::act::OpenLibrary{}, core::act::OpenRoutine{routine_id},
            core::act::StartRoutine{session_id}, core::act::AcknowledgeSafety{}};
}

}  // namespace rs::test
