// Unit tests for the routine loader on bad files: every kind of mistake located, with its message.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "rollstation/config/routine_loader.hpp"
#include "rollstation/core/routine.hpp"
#include "unit/routine_file.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using namespace rs::core;
using namespace rs::test;
using namespace rs::test::routine_file;

namespace {

// The file is refused with exactly one error, at that place, with that message.
void check_one_error(const Loaded& loaded, int line, int column, const std::string& message) {
    INFO("errors:" << listing(loaded.errors));
    CHECK_FALSE(loaded.routine.has_value());
    REQUIRE(loaded.errors.size() == 1);
    const Diagnostic& d = loaded.errors[0];
    CHECK(d.file == loaded.file);
    CHECK(d.line == line);
    CHECK(d.column == column);
    CHECK(d.message == message);
}

bool has_error(const Loaded& loaded, int line, int column, const std::string& message) {
    return std::any_of(loaded.errors.begin(), loaded.errors.end(), [&](const Diagnostic& d) {
        return d.file == loaded.file && d.line == line && d.column == column &&
               d.message == message;
    });
}

const std::string kStepKeys =
    "allowed keys: area, tool, side, duration, sets, rest, tempo, pressure, cues, safety, hold, "
    "demo";
const std::string kTopKeys =
    "allowed keys: id, language, title, purpose, level, tools, summary, when, timer, steps, "
    "progression";

}  // namespace

// ---------------------------------------------------------------------------------------------
// Bad files: syntax and shape

TEST_CASE("a YAML syntax error is located", "[loader][errors]") {
    const Loaded loaded = load_text(kBase.replace_line(5, "tools: [foam-roller"));
    check_one_error(loaded, 6, 8, "YAML syntax error: end of sequence flow not found");
}

TEST_CASE("an empty file or one with only comments is an error for the whole file",
          "[loader][errors]") {
    for (const std::string text : {"", "\n\n", "# only a comment\n"}) {
        INFO("text: '" << text << "'");
        const Loaded loaded = load_text(text);
        check_one_error(loaded, 0, 0, "the document is empty");
        CHECK(loaded.errors[0].to_string() == loaded.file + ": the document is empty");
    }
}

TEST_CASE("a missing file cannot be read", "[loader][errors]") {
    TempDir dir;
    Diagnostics errors;
    const fs::path file = dir.path() / "nope.yaml";
    CHECK_FALSE(rs::config::load_routine_file(file, errors).has_value());
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == file.string());
    CHECK(errors[0].line == 0);
    CHECK(errors[0].message == "cannot read the file");
}

TEST_CASE("a top level that is not a mapping is an error", "[loader][errors]") {
    check_one_error(load_text("- id: bad-case\n- title: x\n"), 1, 1,
                    "a routine must be a mapping of keys to values, not a list");
    check_one_error(load_text("just some words\n"), 1, 1,
                    "a routine must be a mapping of keys to values, not a single value");
}

TEST_CASE("an unknown top-level key is located and the allowed keys listed", "[loader][errors]") {
    check_one_error(load_text(kBase.insert_after(7, "colour: blue")), 8, 1,
                    "unknown key 'colour'; " + kTopKeys);
}

TEST_CASE("an unknown key in a step is located and the allowed keys listed", "[loader][errors]") {
    check_one_error(load_text(kBase.insert_after(13, "    speed: fast")), 14, 5,
                    "unknown key 'steps[0].speed'; " + kStepKeys);
}

TEST_CASE("a misspelled required key gives the unknown key and the missing one",
          "[loader][errors]") {
    const Loaded loaded = load_text(kBase.replace_line(13, "    pressur: moderate"));
    INFO("errors:" << listing(loaded.errors));
    CHECK_FALSE(loaded.routine.has_value());
    CHECK(loaded.errors.size() == 2);
    CHECK(has_error(loaded, 13, 5, "unknown key 'steps[0].pressur'; " + kStepKeys));
    CHECK(has_error(loaded, 9, 5, "missing required key 'steps[0].pressure'"));
}

TEST_CASE("a duplicate key is located at its second occurrence", "[loader][errors]") {
    check_one_error(load_text(kBase.insert_after(2, "title: \"Again\"")), 3, 1,
                    "duplicate key 'title'");
    check_one_error(load_text(kBase.insert_after(12, "    duration: 30s")), 13, 5,
                    "duplicate key 'steps[0].duration'");
}

TEST_CASE("a missing required field is reported at the mapping that lacks it", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(6, "")), 1, 1, "missing required key 'summary'");
    check_one_error(load_text(kBase.replace_line(1, "")), 1, 1, "missing required key 'id'");
    check_one_error(load_text(kBase.remove_lines(8, 15)), 1, 1, "missing required key 'steps'");
    check_one_error(load_text(kBase.replace_line(12, "")), 9, 5,
                    "missing required key 'steps[0].duration'");
    check_one_error(load_text(kBase.remove_lines(14, 15)), 9, 5,
                    "missing required key 'steps[0].cues'");
    // An empty value counts as missing.
    check_one_error(load_text(kBase.replace_line(4, "level:")), 1, 1,
                    "missing required key 'level'");
}

TEST_CASE("a list where a single value belongs is a located type error", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(2, "title: [Bad, case]")), 2, 8,
                    "title must be a text or a map from language code to text, such as {en: "
                    "\"Calves\", de: \"Waden\"}, not a list");
    check_one_error(load_text(kBase.replace_line(12, "    duration: [45s]")), 12, 15,
                    "steps[0].duration must be a single value, not a list");
    check_one_error(load_text(kBase.replace_line(12, "    duration: {minutes: 1}")), 12, 15,
                    "steps[0].duration must be a single value, not a mapping");
    check_one_error(load_text(kBase.replace_line(10, "    tool: [foam-roller]")), 10, 11,
                    "steps[0].tool must be a single value, not a list");
    check_one_error(load_text(kBase.insert_after(12, "    sets: two")), 13, 11,
                    "steps[0].sets must be a whole number, not 'two'");
    check_one_error(load_text(kBase.insert_after(12, "    sets: 2.5")), 13, 11,
                    "steps[0].sets must be a whole number, not '2.5'");
}

TEST_CASE("a single value where a list belongs is a located type error", "[loader][errors]") {
    check_one_error(
        load_text(kBase.remove_lines(14, 15) + "    cues: \"Roll from ankle to knee\"\n"), 14, 11,
        "steps[0].cues must be a list, not a single value");
    check_one_error(load_text(kBase.replace_line(5, "tools: foam-roller")), 5, 8,
                    "tools must be a non-empty list such as [foam-roller]");
    check_one_error(load_text(kBase.replace_line(5, "tools: []")), 5, 8,
                    "tools must be a non-empty list such as [foam-roller]");
    std::vector<std::string> lines(kBase.lines().begin(), kBase.lines().begin() + 7);
    lines.push_back("steps: calves");
    check_one_error(load_text(join_lines(lines)), 8, 8, "steps must be a list of 1 to 20 steps");
    lines.back() = "steps: []";
    check_one_error(load_text(join_lines(lines)), 8, 8, "steps must be a list of 1 to 20 steps");
    lines.back() = "steps: [calves]";
    check_one_error(load_text(join_lines(lines)), 8, 9,
                    "steps[0] must be a mapping of keys to values, not a single value");
}

// ---------------------------------------------------------------------------------------------
// Bad files: words

TEST_CASE("unknown step words are located and list the allowed words", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(10, "    tool: foam-ball")), 10, 11,
                    "steps[0].tool: unknown value 'foam-ball'; expected one of "
                    "foam-roller, tennis-ball, lacrosse-ball, peanut-ball");
    check_one_error(
        load_text(kBase.replace_line(9, "  - area: neck")), 9, 11,
        "steps[0].area: unknown value 'neck'; expected one of " + allowed_names<Area>());
    check_one_error(load_text(kBase.replace_line(11, "    side: middle")), 11, 11,
                    "steps[0].side: unknown value 'middle'; expected one of both, left, right, "
                    "left-then-right");
    check_one_error(
        load_text(kBase.replace_line(13, "    pressure: hard")), 13, 15,
        "steps[0].pressure: unknown value 'hard'; expected one of light, moderate, firm");
}

TEST_CASE("an unknown tool in the tools list is located at the item", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(5, "tools: [foam-roller, foam-ball]")), 5, 22,
                    "tools[1]: unknown value 'foam-ball'; expected one of "
                    "foam-roller, tennis-ball, lacrosse-ball, peanut-ball");
    check_one_error(load_text(kBase.replace_line(5, "tools: [foam-roller, foam-roller]")), 5, 22,
                    "tools lists 'foam-roller' twice");
}

TEST_CASE("unknown top-level words are located and list the allowed words", "[loader][errors]") {
    struct Case {
        int line;
        std::string text;
        int column;
        std::string expected;
    };
    for (const Case& c : std::vector<Case>{
             {3, "purpose: relax", 10,
              "purpose: unknown value 'relax'; expected one of warm-up, recovery, mobility, "
              "targeted"},
             {4, "level: expert", 8,
              "level: unknown value 'expert'; expected one of beginner, intermediate, advanced"},
             {7, "when: never", 7,
              "when: unknown value 'never'; expected one of before, after, any"},
         }) {
        const Loaded loaded = load_text(kBase.replace_line(c.line, c.text));
        INFO("errors:" << listing(loaded.errors));
        CHECK_FALSE(loaded.routine.has_value());
        REQUIRE(loaded.errors.size() == 1);
        CHECK(loaded.errors[0].line == c.line);
        CHECK(loaded.errors[0].column == c.column);
        CHECK_THAT(loaded.errors[0].message, Catch::EndsWith(c.expected));
    }
}

// BUG: YamlReader::word(map, key, need, what) names the field what + "." + key, so with an empty
// `what` (top-level fields) the message starts with a stray dot: ".purpose: unknown value ...".
// Every other reader uses path_of(), which gives "purpose".
TEST_CASE("unknown top-level words are named without a leading dot", "[loader][errors]") {
    check_one_error(
        load_text(kBase.replace_line(3, "purpose: relax")), 3, 10,
        "purpose: unknown value 'relax'; expected one of warm-up, recovery, mobility, targeted");
    check_one_error(
        load_text(kBase.replace_line(4, "level: expert")), 4, 8,
        "level: unknown value 'expert'; expected one of beginner, intermediate, advanced");
    check_one_error(load_text(kBase.replace_line(7, "when: never")), 7, 7,
                    "when: unknown value 'never'; expected one of before, after, any");
}

// ---------------------------------------------------------------------------------------------
// Bad files: ranges and durations

TEST_CASE("durations outside their ranges are located with the limits", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(12, "    duration: 5s")), 12, 15,
                    "steps[0].duration is 5 s; it must be between 10 s and 300 s");
    check_one_error(load_text(kBase.replace_line(12, "    duration: 5m1s")), 12, 15,
                    "steps[0].duration is 301 s; it must be between 10 s and 300 s");
    check_one_error(load_text(kBase.insert_after(12, "    rest: 2m1s")), 13, 11,
                    "steps[0].rest is 121 s; it must be between 0 s and 120 s");
    check_one_error(load_text(kBase.insert_after(12, "    hold: 4s")), 13, 11,
                    "steps[0].hold is 4 s; it must be between 5 s and 60 s");
    check_one_error(load_text(kBase.insert_after(12, "    hold: 61")), 13, 11,
                    "steps[0].hold is 61 s; it must be between 5 s and 60 s");
    check_one_error(load_text(kBase.insert_after(12, "    hold: 45s")), 13, 11,
                    "steps[0].hold (45 s) must be shorter than the step's duration (45 s)");
}

TEST_CASE("sets outside 1 to 5 are located with the limits", "[loader][errors]") {
    check_one_error(load_text(kBase.insert_after(12, "    sets: 6")), 13, 11,
                    "steps[0].sets is 6; it must be between 1 and 5");
    check_one_error(load_text(kBase.insert_after(12, "    sets: 0")), 13, 11,
                    "steps[0].sets is 0; it must be between 1 and 5");
    check_one_error(load_text(kBase.insert_after(12, "    sets: -1")), 13, 11,
                    "steps[0].sets is -1; it must be between 1 and 5");
}

TEST_CASE("a tempo outside 1-10 or upside down is out of range", "[loader][errors]") {
    for (const std::string tempo : {"0-4", "5-3", "2-11"}) {
        check_one_error(load_text(kBase.insert_after(12, "    tempo: " + tempo)), 13, 12,
                        "steps[0].tempo " + tempo +
                            " is out of range: use 1 <= min <= max <= 10 seconds per pass");
    }
}

TEST_CASE("a tempo that is not min-max is refused with an example", "[loader][errors]") {
    for (const std::string tempo : {"fast", "3", "2-", "-4", "2-4-6", "a-b", "2 - 4"}) {
        INFO("tempo '" << tempo << "'");
        check_one_error(
            load_text(kBase.insert_after(12, "    tempo: " + tempo)), 13, 12,
            "steps[0].tempo must be seconds per pass as min-max, such as 2-4, not '" + tempo + "'");
    }
}

TEST_CASE("badly written durations are refused with the parser's reason", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(12, "    duration: 1h")), 12, 15,
                    "steps[0].duration: invalid duration '1h': unknown unit 'h'; use m or s");
    check_one_error(load_text(kBase.replace_line(12, "    duration: 30s1m")), 12, 15,
                    "steps[0].duration: invalid duration '30s1m': write minutes before seconds, "
                    "each once (1m30s)");
    check_one_error(
        load_text(kBase.replace_line(12, "    duration: -45")), 12, 15,
        "steps[0].duration: invalid duration '-45': expected a number such as 45s, 1m30s or 90");
    check_one_error(load_text(kBase.insert_after(12, "    rest: 1.5")), 13, 11,
                    "steps[0].rest: invalid duration '1.5': unknown unit '.'; use m or s");
}

// ---------------------------------------------------------------------------------------------
// Bad files: cues, tools and ids

TEST_CASE("more than three cues or none at all is refused", "[loader][errors]") {
    check_one_error(
        load_text(kBase.text() + "      - \"Two\"\n      - \"Three\"\n      - \"Four\"\n"), 15, 7,
        "steps[0].cues has 4 cues; give between 1 and 3 short ones");
    check_one_error(load_text(kBase.remove_lines(14, 15) + "    cues: []\n"), 14, 11,
                    "steps[0].cues has 0 cues; give between 1 and 3 short ones");
}

TEST_CASE("a cue longer than 60 characters is located at the cue", "[loader][errors]") {
    const std::string long_cue(61, 'x');
    check_one_error(load_text(kBase.replace_line(15, "      - \"" + long_cue + "\"")), 15, 9,
                    "steps[0].cues[0] is 61 characters long; the limit is 60");
    check_one_error(load_text(kBase.text() + "      - \"\"\n"), 16, 9,
                    "steps[0].cues[1] must not be empty");
}

TEST_CASE("a step's tool must be listed in the routine's tools", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(10, "    tool: tennis-ball")), 10, 11,
                    "steps[0].tool 'tennis-ball' is not listed in the routine's tools");
}

TEST_CASE("a listed tool that no step uses is an error", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(5, "tools: [foam-roller, tennis-ball]")), 5, 8,
                    "tools lists 'tennis-ball' but no step uses it");
}

TEST_CASE("the id must match the file name", "[loader][errors]") {
    check_one_error(load_text(kBase.text(), "other-name"), 1, 5,
                    "id 'bad-case' must match the file name 'other-name'");
}

TEST_CASE("an invalid id is refused", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(1, "id: Bad_Case"), "Bad_Case"), 1, 5,
                    "id 'Bad_Case' must be 3 to 40 lowercase letters, digits and dashes");
    check_one_error(load_text(kBase.replace_line(1, "id: ab"), "ab"), 1, 5,
                    "id 'ab' must be 3 to 40 lowercase letters, digits and dashes");
    check_one_error(load_text(kBase.replace_line(1, "id: -abc"), "-abc"), 1, 5,
                    "id '-abc' must be 3 to 40 lowercase letters, digits and dashes");
}

TEST_CASE("texts over their length limits are located", "[loader][errors]") {
    check_one_error(load_text(kBase.replace_line(2, "title: \"" + std::string(41, 'T') + "\"")), 2,
                    8, "title is 41 characters long; the limit is 40");
    check_one_error(load_text(kBase.replace_line(6, "summary: \"" + std::string(91, 'S') + "\"")),
                    6, 10, "summary is 91 characters long; the limit is 90");
    check_one_error(load_text(kBase.replace_line(2, "title: \"\"")), 2, 8,
                    "title must not be empty");
}

TEST_CASE("every mistake in a file is reported, each at its own place", "[loader][errors]") {
    std::string text = kBase.text();
    text +=
        "  - area: neck\n"           // 16
        "    tool: foam-roller\n"    // 17
        "    side: both\n"           // 18
        "    duration: 2h\n"         // 19
        "    pressure: moderate\n"   // 20
        "    cues: [\"Gently\"]\n";  // 21
    const Loaded loaded = load_text(text);
    INFO("errors:" << listing(loaded.errors));
    CHECK_FALSE(loaded.routine.has_value());
    CHECK(loaded.errors.size() == 2);
    CHECK(
        has_error(loaded, 16, 11,
                  "steps[1].area: unknown value 'neck'; expected one of " + allowed_names<Area>()));
    CHECK(has_error(loaded, 19, 15,
                    "steps[1].duration: invalid duration '2h': unknown unit 'h'; use m or s"));
}
