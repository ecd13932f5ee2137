// Unit tests for the coaching settings in the station file (the `coaching` section and
// `session.timer`) and the routine file's `timer` key: good values load, every bad value gives
// exactly one located error.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rollstation/config/routine_loader.hpp"
#include "rollstation/config/station_config.hpp"
#include "rollstation/core/coaching.hpp"
#include "rollstation/core/routine.hpp"
#include "unit/station_file.hpp"
#include "unit/station_text.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using rs::config::Diagnostic;
using rs::config::Diagnostics;
using rs::core::ForceBand;
using rs::core::ForceZones;
using rs::core::Timer;
using rs::test::station_text::kHead;
using namespace rs::test;

namespace {

// A valid station file with every coaching setting; tests change one line. Line numbers:
const TextLines kStation = kHead.followed_by({
    "routines:",                 // 5
    "  dirs: [routines]",        // 6
    "session:",                  // 7
    "  timer: active",           // 8
    "coaching:",                 // 9
    "  light_n: [50, 120]",      // 10
    "  moderate_n: [120, 250]",  // 11
    "  firm_n: [200.5, 380]",    // 12
    "  reversal_mrev: 200",      // 13
    "  load_n: 30",              // 14
});

// Exactly one error, at that place, with that message; the rest of the file still loads.
void check_coaching_error(const std::string& text, int line, int column,
                          const std::string& message) {
    CHECK(check_station_error(text, line, column, message));
}

std::string band_message(const std::string& key) {
    return "coaching." + key + " must be [min, max] in newtons with 0 <= min < max <= 3000";
}

// A coaching key and where its value starts in kStation.
struct Key {
    std::string name;
    int line;
    int column;
};
const Key kLight{"light_n", 10, 12};
const Key kModerate{"moderate_n", 11, 15};
const Key kFirm{"firm_n", 12, 11};
const Key kReversal{"reversal_mrev", 13, 18};
const Key kLoad{"load_n", 14, 11};

// kStation with that key given that value.
std::string with_value(const Key& key, const std::string& value) {
    return kStation.replace_line(key.line, "  " + key.name + ": " + value);
}

// Each value makes the band one error at the value, with the band's message.
void check_band_errors(const Key& band, const std::vector<std::string>& values) {
    for (const std::string& value : values) {
        INFO(band.name << ": " << value);
        check_coaching_error(with_value(band, value), band.line, band.column,
                             band_message(band.name));
    }
}

// A whole-number key refuses each value outside its range (`range` as the message words it) and
// each value that is not a whole number, with one error at the value.
void check_whole_number_errors(const Key& key, const std::string& range,
                               const std::vector<std::string>& out_of_range,
                               const std::vector<std::string>& not_whole) {
    const std::string name = "coaching." + key.name;
    for (const std::string& value : out_of_range) {
        check_coaching_error(with_value(key, value), key.line, key.column,
                             name + " is " + value + "; it must be " + range);
    }
    for (const std::string& value : not_whole) {
        check_coaching_error(with_value(key, value), key.line, key.column,
                             name + " must be a whole number, not '" + value + "'");
    }
}

// A valid routine; the timer goes after line 7. Line numbers:
const TextLines kRoutineLines{
    "id: timed-roll",               // 1
    "title: \"Timed roll\"",        // 2
    "purpose: recovery",            // 3
    "level: beginner",              // 4
    "tools: [foam-roller]",         // 5
    "summary: \"One timed step\"",  // 6
    "when: any",                    // 7
    "steps:",                       // 8
    "  - area: calves",             // 9
    "    tool: foam-roller",        // 10
    "    side: both",               // 11
    "    duration: 30s",            // 12
    "    pressure: moderate",       // 13
    "    cues: [\"Roll slowly\"]",  // 14
};

struct RoutineFile {
    TempDir dir;
    std::string file;
    std::optional<rs::core::Routine> routine;
    Diagnostics errors;
};

void load_routine(RoutineFile& out, const std::string& text) {
    const fs::path file = out.dir.write("timed-roll.yaml", text);
    out.file = file.string();
    out.routine = rs::config::load_routine_file(file, out.errors);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Good values

TEST_CASE("the coaching section and session.timer load into StationConfig", "[config-coaching]") {
    LoadedStation s;
    load_station(s, kStation.text());
    INFO("errors:" << listing(s.errors));
    REQUIRE(s.errors.empty());
    REQUIRE(s.config.has_value());
    const auto& c = *s.config;
    CHECK(c.timing.timer == Timer::active);
    CHECK(c.coaching.zones.light == ForceBand{50, 120});
    CHECK(c.coaching.zones.moderate == ForceBand{120, 250});
    CHECK(c.coaching.zones.firm == ForceBand{200.5, 380});
    CHECK(c.coaching.reversal_mrev == 200);
    CHECK(c.coaching.load_newtons == 30);
}

TEST_CASE("without a coaching section or a timer the defaults apply", "[config-coaching]") {
    LoadedStation s;
    load_station(s, kStation.remove_lines(7, 14));
    INFO("errors:" << listing(s.errors));
    REQUIRE(s.errors.empty());
    REQUIRE(s.config.has_value());
    CHECK(s.config->timing.timer == Timer::clock);
    CHECK(s.config->coaching.zones == ForceZones{});
    CHECK(s.config->coaching.reversal_mrev == 150);
    CHECK(s.config->coaching.load_newtons == 40);
}

TEST_CASE("each coaching key is optional and the others keep their defaults", "[config-coaching]") {
    LoadedStation s;
    load_station(s, kStation.remove_lines(10, 12));  // no bands, only reversal and load
    INFO("errors:" << listing(s.errors));
    REQUIRE(s.errors.empty());
    CHECK(s.config->coaching.zones == ForceZones{});
    CHECK(s.config->coaching.reversal_mrev == 200);
    CHECK(s.config->coaching.load_newtons == 30);

    LoadedStation t;
    load_station(t, kStation.remove_lines(13, 14));  // only bands
    REQUIRE(t.errors.empty());
    CHECK(t.config->coaching.zones.light == ForceBand{50, 120});
    CHECK(t.config->coaching.reversal_mrev == 150);
    CHECK(t.config->coaching.load_newtons == 40);
}

TEST_CASE("session.timer accepts clock and active", "[config-coaching]") {
    for (const auto& [word, timer] : std::vector<std::pair<std::string, Timer>>{
             {"clock", Timer::clock}, {"active", Timer::active}}) {
        INFO(word);
        LoadedStation s;
        load_station(s, kStation.replace_line(8, "  timer: " + word));
        REQUIRE(s.errors.empty());
        CHECK(s.config->timing.timer == timer);
    }
}

TEST_CASE("coaching values at the edges of their ranges are accepted", "[config-coaching]") {
    struct Case {
        int line;
        std::string text;
    };
    for (const Case& c : std::vector<Case>{
             {10, "  light_n: [0, 3000]"},
             {10, "  light_n: [0.5, 0.75]"},
             {10, "  light_n: [2999.5, 3000]"},
             {11, "  moderate_n: [ 100 , 200 ]"},
             {11, "  moderate_n:\n    - 100\n    - 200"},
             {13, "  reversal_mrev: 20"},
             {13, "  reversal_mrev: 2000"},
             {14, "  load_n: 1"},
             {14, "  load_n: 1000"},
         }) {
        INFO(c.text);
        LoadedStation s;
        load_station(s, kStation.replace_line(c.line, c.text));
        INFO("errors:" << listing(s.errors));
        CHECK(s.errors.empty());
    }
    LoadedStation s;
    load_station(s, kStation.replace_line(10, "  light_n: [0, 3000]"));
    CHECK(s.config->coaching.zones.light == ForceBand{0, 3000});
    LoadedStation t;
    load_station(t, kStation.replace_line(14, "  load_n: 1000"));
    CHECK(t.config->coaching.load_newtons == 1000);
    LoadedStation u;
    load_station(u, kStation.replace_line(13, "  reversal_mrev: 2000"));
    CHECK(u.config->coaching.reversal_mrev == 2000);
}

// ---------------------------------------------------------------------------------------------
// Bad values: one located error each

TEST_CASE("a force band of the wrong shape gives one error at the value", "[config-coaching]") {
    check_band_errors(kLight, {"100", "[50]", "[50, 100, 150]", "[]", "{min: 50, max: 120}",
                               "[[50], 120]", "[50, [120]]", "[~, 120]", "true"});
}

TEST_CASE("a force band with min >= max gives one error", "[config-coaching]") {
    check_band_errors(kModerate, {"[250, 250]", "[250, 120]"});
    check_band_errors(kFirm, {"[0, 0]"});
}

TEST_CASE("a negative force gives one error", "[config-coaching]") {
    check_band_errors(kLight, {"[-10, 120]", "[-20, -10]"});
    check_band_errors(kFirm, {"[-0.5, 380]"});
}

TEST_CASE("a force above 3000 N gives one error", "[config-coaching]") {
    check_band_errors(
        kFirm, {"[200, 3001]", "[200, 3000.5]", "[3001, 4000]", "[200, inf]", "[200, 1e400]"});
}

TEST_CASE("a force that is not a number gives one error", "[config-coaching]") {
    check_band_errors(kLight, {"[low, 120]", "[50, high]", "[\"\", 120]", "[\" \", 120]"});
}

// Known bug: read_band (src/config/station_config.cpp:138) converts each bound with std::stod,
// which stops at the first character it cannot use and accepts "nan": "60N" loads as 60 and "nan"
// passes every range check (all comparisons with NaN are false), so no error is reported.
TEST_CASE("a force with trailing text or NaN is not a number", "[config-coaching]") {
    for (const std::string value :
         {"[60N, 120]", "[50, 120 newtons]", "[nan, 120]", "[50, nan]", "[nan, nan]"}) {
        INFO(value);
        LoadedStation s;
        load_station(s, kStation.replace_line(10, "  light_n: " + value));
        INFO("errors:" << listing(s.errors) << "\nlight_n loaded as ["
                       << s.config->coaching.zones.light.min_n << ", "
                       << s.config->coaching.zones.light.max_n << "]");
        CHECK(s.errors.size() == 1);
        CHECK(s.config->coaching.zones.light == ForceZones{}.light);
    }
}

TEST_CASE("reversal_mrev outside 20..2000 or not a whole number gives one error",
          "[config-coaching]") {
    check_whole_number_errors(kReversal, "between 20 and 2000", {"19", "2001", "-150"},
                              {"150.5", "lots"});
    check_coaching_error(with_value(kReversal, "[150]"), 13, 18,
                         "coaching.reversal_mrev must be a single value, not a list");
}

TEST_CASE("load_n outside 1..1000 or not a whole number gives one error", "[config-coaching]") {
    check_whole_number_errors(kLoad, "between 1 and 1000", {"0", "1001", "-40", "3001"},
                              {"40.5", "heavy"});
}

TEST_CASE("a bad value keeps that setting's default and loads the rest", "[config-coaching]") {
    LoadedStation s;
    load_station(s, kStation.replace_line(10, "  light_n: [150, 60]"));
    REQUIRE(s.errors.size() == 1);
    REQUIRE(s.config.has_value());
    CHECK(s.config->coaching.zones.light == ForceZones{}.light);
    CHECK(s.config->coaching.zones.moderate == ForceBand{120, 250});
    CHECK(s.config->coaching.reversal_mrev == 200);
    CHECK(s.config->timing.timer == Timer::active);

    LoadedStation t;
    load_station(t, kStation.replace_line(8, "  timer: sometimes"));
    REQUIRE(t.errors.size() == 1);
    CHECK(t.config->timing.timer == Timer::clock);
    CHECK(t.config->coaching.load_newtons == 30);
}

TEST_CASE("an unknown timer word gives one error", "[config-coaching]") {
    for (const auto& [word, message] : std::vector<std::pair<std::string, std::string>>{
             {"stopwatch",
              "session.timer: unknown value 'stopwatch'; expected one of clock, active"},
             {"Active", "session.timer: unknown value 'Active'; expected one of clock, active"},
             {"[clock]", "session.timer must be a single value, not a list"},
         }) {
        check_coaching_error(kStation.replace_line(8, "  timer: " + word), 8, 10, message);
    }
}

TEST_CASE("an unknown coaching key gives one error at the key", "[config-coaching]") {
    const std::string allowed = "allowed keys: light_n, moderate_n, firm_n, reversal_mrev, load_n";
    check_coaching_error(kStation.insert_after(14, "  heavy_n: [400, 600]"), 15, 3,
                         "unknown key 'coaching.heavy_n'; " + allowed);
    check_coaching_error(kStation.replace_line(14, "  load: 30"), 14, 3,
                         "unknown key 'coaching.load'; " + allowed);
}

TEST_CASE("a coaching section that is not a mapping gives one error", "[config-coaching]") {
    const std::string text = kStation.remove_lines(10, 14);
    check_coaching_error(text + "  - light_n\n", 10, 3,
                         "coaching must be a mapping of keys to values, not a list");
    const TextLines lines =
        kHead.followed_by({"routines:", "  dirs: [routines]", "coaching: firm"});
    check_coaching_error(lines.text(), 7, 11,
                         "coaching must be a mapping of keys to values, not a single value");
}

// ---------------------------------------------------------------------------------------------
// The routine file's timer

TEST_CASE("a routine's timer loads into Routine::timer", "[config-coaching][loader]") {
    // The routine the text loads to (it must load), and its timer.
    const auto timer_of = [](const std::string& text) {
        RoutineFile r;
        load_routine(r, text);
        INFO("errors:" << listing(r.errors));
        REQUIRE(r.routine.has_value());
        return r.routine->timer;
    };
    SECTION("absent: the station decides") {
        CHECK_FALSE(timer_of(kRoutineLines.text()).has_value());
    }
    SECTION("clock") {
        CHECK(timer_of(kRoutineLines.insert_after(7, "timer: clock")) == Timer::clock);
    }
    SECTION("active") {
        CHECK(timer_of(kRoutineLines.insert_after(7, "timer: active")) == Timer::active);
    }
}

TEST_CASE("a bad routine timer refuses the file with one located error",
          "[config-coaching][loader]") {
    struct Case {
        std::string line;
        int column;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{
             {"timer: stopwatch", 8,
              "timer: unknown value 'stopwatch'; expected one of clock, active"},
             {"timer: \"\"", 8, "timer: unknown value ''; expected one of clock, active"},
             {"timer: 30", 8, "timer: unknown value '30'; expected one of clock, active"},
             {"timer: [active]", 8, "timer must be a single value, not a list"},
             {"timer: {kind: active}", 8, "timer must be a single value, not a mapping"},
         }) {
        INFO(c.line);
        RoutineFile r;
        load_routine(r, kRoutineLines.insert_after(7, c.line));
        INFO("errors:" << listing(r.errors));
        CHECK_FALSE(r.routine.has_value());
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].file == r.file);
        CHECK(r.errors[0].line == 8);
        CHECK(r.errors[0].column == c.column);
        CHECK(r.errors[0].message == c.message);
    }
}

TEST_CASE("session.class_policy chooses how a class meets an athlete's session",
          "[config-coaching]") {
    rs::test::TempDir dir;
    dir.write("routines/.keep", "");
    const auto load = [&](const std::string& policy, rs::config::Diagnostics& errors) {
        const auto file = dir.write("station.yaml",
                                    "station: {id: s1, name: S, facility: f}\n"
                                    "routines: {dirs: [routines]}\n"
                                    "session:\n  class_policy: " +
                                        policy + "\n");
        return rs::config::load_station_config(file, {}, errors);
    };
    rs::config::Diagnostics errors;
    auto config = load("take_over_after_step", errors);
    REQUIRE(config);
    CHECK(errors.empty());
    CHECK(config->class_policy == rs::core::ClassPolicy::take_over_after_step);
    errors.clear();
    config = load("whenever", errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 4);
    CHECK(errors[0].column == 17);
    CHECK(errors[0].message ==
          "session.class_policy must be offer or take_over_after_step, not 'whenever'");
}
