// Unit tests for the routine loader on good routines: every field read from a file, the limits,
// inline JSON routines and a step's safety lines.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rollstation/config/routine_loader.hpp"
#include "rollstation/core/routine.hpp"
#include "unit/routine_file.hpp"
#include "unit/support.hpp"

using rs::config::Diagnostics;
using namespace rs::core;
using namespace rs::test;
using namespace rs::test::routine_file;

namespace {

// The inline routine both JSON tests give: it loaded, with its id and its one 30 s step.
void check_coach_inline(const std::optional<Routine>& routine, const Diagnostics& errors) {
    INFO("errors:" << listing(errors));
    REQUIRE(routine.has_value());
    CHECK(routine->id == "coach-inline");
    CHECK(routine->steps.at(0).duration_s == 30);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// A good file

TEST_CASE("a good routine file round-trips every field", "[loader]") {
    const std::string text =
        "# A comment the loader ignores\n"
        "id: good-routine\n"
        "title: \"Good routine\"\n"
        "purpose: recovery\n"
        "level: intermediate\n"
        "tools: [tennis-ball, foam-roller]\n"
        "summary: \"Every field there is\"\n"
        "when: after\n"
        "steps:\n"
        "  - area: hamstrings\n"
        "    tool: tennis-ball\n"
        "    side: left-then-right\n"
        "    duration: 1m30s\n"
        "    sets: 3\n"
        "    rest: 15s\n"
        "    tempo: 3-5\n"
        "    pressure: firm\n"
        "    hold: 20s\n"
        "    cues:\n"
        "      - \"First cue\"\n"
        "      - \"Second cue\"\n"
        "      - \"Third cue\"\n"
        "  - area: thoracic-spine\n"
        "    tool: foam-roller\n"
        "    side: both\n"
        "    duration: 45\n"
        "    pressure: light\n"
        "    cues: [\"Only cue\"]\n";
    const Loaded loaded = load_good(text, "good-routine");
    CHECK(loaded.errors.empty());

    Step first = make_step(Area::hamstrings, Side::left_then_right, 90, 3, 15, Tool::tennis_ball);
    first.tempo = Tempo{3, 5};
    first.pressure = Pressure::firm;
    first.hold_s = 20;
    first.cues = {"First cue", "Second cue", "Third cue"};
    Step second = make_step(Area::thoracic_spine, Side::both, 45);
    second.pressure = Pressure::light;
    second.cues = {"Only cue"};
    Routine expected = make_routine("good-routine", "Good routine", Purpose::recovery,
                                    Level::intermediate, {first, second});
    expected.tools = {Tool::tennis_ball, Tool::foam_roller};
    expected.summary = "Every field there is";
    expected.when = When::after;

    const Routine& got = *loaded.routine;
    CHECK(got.id == expected.id);
    CHECK(got.title == expected.title);
    CHECK(got.purpose == expected.purpose);
    CHECK(got.level == expected.level);
    CHECK(got.tools == expected.tools);
    CHECK(got.summary == expected.summary);
    CHECK(got.when == expected.when);
    REQUIRE(got.steps.size() == 2);
    CHECK(got.steps[0] == first);
    CHECK(got.steps[1] == second);
    // Optional keys left out get their defaults.
    CHECK(got.steps[1].sets == 1);
    CHECK(got.steps[1].rest_s == 0);
    CHECK(got.steps[1].tempo == Tempo{2, 4});
    CHECK_FALSE(got.steps[1].hold_s.has_value());
    CHECK(got == expected);
}

TEST_CASE("limits are inclusive at both ends", "[loader]") {
    const std::string cue60(60, 'x');
    const std::string text =
        "id: edge-case\n"
        "title: \"" +
        std::string(40, 'T') +
        "\"\n"
        "purpose: targeted\n"
        "level: advanced\n"
        "tools: [lacrosse-ball]\n"
        "summary: \"" +
        std::string(90, 'S') +
        "\"\n"
        "when: any\n"
        "steps:\n"
        "  - area: feet\n"
        "    tool: lacrosse-ball\n"
        "    side: left\n"
        "    duration: 10s\n"
        "    sets: 5\n"
        "    rest: 2m\n"
        "    tempo: 1-10\n"
        "    pressure: light\n"
        "    hold: 5s\n"
        "    cues: [\"" +
        cue60 +
        "\"]\n"
        "  - area: calves\n"
        "    tool: lacrosse-ball\n"
        "    side: right\n"
        "    duration: 5m\n"
        "    sets: 1\n"
        "    rest: 0\n"
        "    tempo: 10-10\n"
        "    pressure: moderate\n"
        "    hold: 1m\n"
        "    cues: [a, b, c]\n";
    const Loaded loaded = load_good(text, "edge-case");
    CHECK(loaded.routine->steps[0].duration_s == 10);
    CHECK(loaded.routine->steps[0].rest_s == 120);
    CHECK(loaded.routine->steps[0].tempo == Tempo{1, 10});
    CHECK(loaded.routine->steps[1].duration_s == 300);
    CHECK(loaded.routine->steps[1].hold_s == 60);
}

TEST_CASE("parse_routine_text reads an inline routine in JSON and names its source", "[loader]") {
    const std::string json =
        R"({"id": "coach-inline", "title": "Coach", "purpose": "warm-up", "level": "beginner",
            "tools": ["foam-roller"], "summary": "Inline", "when": "before",
            "steps": [{"area": "calves", "tool": "foam-roller", "side": "both", "duration": "30s",
                       "pressure": "moderate", "cues": ["Roll"]}]})";
    Diagnostics errors;
    check_coach_inline(rs::config::parse_routine_text(json, "class command 7", errors), errors);

    Diagnostics bad_errors;
    const auto bad =
        rs::config::parse_routine_text(R"({"id": "x"})", "class command 8", bad_errors);
    CHECK_FALSE(bad.has_value());
    REQUIRE_FALSE(bad_errors.empty());
    for (const auto& d : bad_errors)
        CHECK(d.file == "class command 8");
}

TEST_CASE("routine_from_json checks a parsed JSON routine by the file rules", "[loader]") {
    nlohmann::json j = nlohmann::json::parse(
        R"({"id": "coach-inline", "title": "Coach", "purpose": "warm-up", "level": "beginner",
            "tools": ["foam-roller"], "summary": "Inline", "when": "before",
            "steps": [{"area": "calves", "tool": "foam-roller", "side": "both", "duration": "30s",
                       "pressure": "moderate", "sets": 2, "cues": ["Roll"]}]})");
    Diagnostics errors;
    const auto routine = rs::config::routine_from_json(j, "routine", errors);
    check_coach_inline(routine, errors);
    CHECK(routine->steps.at(0).sets == 2);

    j["steps"][0]["duration"] = "9m";
    Diagnostics bad_errors;
    CHECK_FALSE(rs::config::routine_from_json(j, "routine", bad_errors).has_value());
    REQUIRE(bad_errors.size() == 1);
    CHECK(bad_errors.front().file == "routine");
    CHECK(bad_errors.front().message ==
          "steps[0].duration is 540 s; it must be between 10 s and 300 s");
}

TEST_CASE("a step's safety lines are read apart from its cues, one or two of them",
          "[loader][safety]") {
    const std::string head =
        R"({"id": "shin-care", "title": "S", "purpose": "warm-up", "level": "beginner",
            "tools": ["foam-roller"], "summary": "S", "when": "before",
            "steps": [{"area": "shins", "tool": "foam-roller", "side": "both", "duration": "30s",
                       "pressure": "light", "cues": ["Kneel"], )";
    Diagnostics errors;
    const auto routine = rs::config::parse_routine_text(
        head + R"("safety": ["Stay off the shin bone itself"]}]})", "class command 1", errors);
    INFO("errors:" << listing(errors));
    REQUIRE(routine.has_value());
    CHECK(routine->steps.at(0).cues == std::vector<rs::core::LocalText>{"Kneel"});
    CHECK(routine->steps.at(0).safety ==
          std::vector<rs::core::LocalText>{"Stay off the shin bone itself"});

    Diagnostics too_many;
    CHECK_FALSE(rs::config::parse_routine_text(head + R"("safety": ["a", "b", "c"]}]})",
                                               "class command 2", too_many));
    REQUIRE(too_many.size() == 1);
    CHECK_THAT(too_many[0].message,
               Catch::EndsWith("steps[0].safety has 3 lines; give 1 or 2 (or leave it out)"));
}
