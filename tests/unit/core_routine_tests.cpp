// Unit tests for the routine model: vocabulary, ids, planned time, plan expansion and the library.
#include <catch2/catch.hpp>

#include <cctype>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "rollstation/core/library.hpp"
#include "rollstation/core/plan.hpp"
#include "rollstation/core/routine.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;

namespace {

std::vector<std::string> ids_of(const std::vector<RoutinePtr>& routines) {
    std::vector<std::string> out;
    for (const auto& r : routines)
        out.push_back(r->id);
    return out;
}

// The planned time of a routine made of these steps.
int planned_seconds_of(std::vector<Step> steps) {
    return planned_seconds(
        make_routine("one", "One", Purpose::recovery, Level::beginner, std::move(steps)));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Vocabulary

TEMPLATE_TEST_CASE("every enum value round-trips through its kebab-case name",
                   "[routine][vocabulary]", Purpose, Level, When, Tool, Side, Pressure, Area) {
    const auto values = all_values<TestType>();
    REQUIRE_FALSE(values.empty());
    std::set<std::string> names;
    std::set<std::string> labels;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const TestType v = values[i];
        // Declaration order, one entry per value.
        CHECK(static_cast<std::size_t>(v) == i);
        const std::string name(name_of(v));
        const std::string label(label_of(v));
        INFO("name: " << name << ", label: " << label);
        CHECK_FALSE(name.empty());
        CHECK_FALSE(label.empty());
        CHECK(parse_name<TestType>(name) == v);
        for (char c : name) {
            const bool kebab = (c >= 'a' && c <= 'z') || c == '-';
            CHECK(kebab);
        }
        names.insert(name);
        labels.insert(label);
    }
    CHECK(names.size() == values.size());
    CHECK(labels.size() == values.size());
}

TEMPLATE_TEST_CASE("allowed_names lists every name in order, comma separated",
                   "[routine][vocabulary]", Purpose, Level, When, Tool, Side, Pressure, Area) {
    std::string expected;
    for (TestType v : all_values<TestType>()) {
        if (!expected.empty())
            expected += ", ";
        expected += std::string(name_of(v));
    }
    CHECK(allowed_names<TestType>() == expected);
}

TEMPLATE_TEST_CASE("parse_name refuses unknown, empty and differently spelled words",
                   "[routine][vocabulary]", Purpose, Level, When, Tool, Side, Pressure, Area) {
    CHECK_FALSE(parse_name<TestType>("").has_value());
    CHECK_FALSE(parse_name<TestType>("nonsense").has_value());
    for (TestType v : all_values<TestType>()) {
        std::string upper(name_of(v));
        for (char& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK_FALSE(parse_name<TestType>(upper).has_value());
        CHECK_FALSE(parse_name<TestType>(std::string(name_of(v)) + " ").has_value());
    }
}

TEST_CASE("vocabulary has the documented words", "[routine][vocabulary]") {
    CHECK(all_values<Purpose>().size() == 4);
    CHECK(all_values<Level>().size() == 3);
    CHECK(all_values<When>().size() == 3);
    CHECK(all_values<Tool>().size() == 4);
    CHECK(all_values<Side>().size() == 4);
    CHECK(all_values<Pressure>().size() == 3);
    CHECK(all_values<Area>().size() == 17);

    CHECK(allowed_names<Purpose>() == "warm-up, recovery, mobility, targeted");
    CHECK(allowed_names<Level>() == "beginner, intermediate, advanced");
    CHECK(allowed_names<When>() == "before, after, any");
    CHECK(allowed_names<Tool>() == "foam-roller, tennis-ball, lacrosse-ball, peanut-ball");
    CHECK(allowed_names<Side>() == "both, left, right, left-then-right");
    CHECK(allowed_names<Pressure>() == "light, moderate, firm");
    CHECK(allowed_names<Area>() ==
          "calves, shins, hamstrings, quadriceps, adductors, lateral-thigh, glutes, hip-flexors, "
          "thoracic-spine, lats, pecs, upper-traps, rhomboids, posterior-shoulder, triceps, "
          "forearms, feet");

    CHECK(parse_name<Purpose>("warm-up") == Purpose::warm_up);
    CHECK(parse_name<Tool>("lacrosse-ball") == Tool::lacrosse_ball);
    CHECK(parse_name<Side>("left-then-right") == Side::left_then_right);
    CHECK(parse_name<Area>("thoracic-spine") == Area::thoracic_spine);
    CHECK_FALSE(parse_name<Purpose>("warm_up").has_value());
    CHECK(label_of(Area::thoracic_spine) == "Upper back");
    CHECK(label_of(Tool::foam_roller) == "Foam roller");
}

// ---------------------------------------------------------------------------------------------
// Ids

TEST_CASE("is_valid_routine_id accepts 3 to 40 lowercase letters, digits and inner dashes",
          "[routine][id]") {
    CHECK(is_valid_routine_id("abc"));
    CHECK(is_valid_routine_id("pre-run"));
    CHECK(is_valid_routine_id("lacrosse-ball-plantar-fascia"));
    CHECK(is_valid_routine_id("day-2"));
    CHECK(is_valid_routine_id("123"));
    CHECK(is_valid_routine_id(std::string(40, 'a')));
}

TEST_CASE("is_valid_routine_id refuses bad lengths, characters and edge dashes", "[routine][id]") {
    CHECK_FALSE(is_valid_routine_id(""));
    CHECK_FALSE(is_valid_routine_id("ab"));
    CHECK_FALSE(is_valid_routine_id(std::string(41, 'a')));
    CHECK_FALSE(is_valid_routine_id("-abc"));
    CHECK_FALSE(is_valid_routine_id("abc-"));
    CHECK_FALSE(is_valid_routine_id("Pre-run"));
    CHECK_FALSE(is_valid_routine_id("pre_run"));
    CHECK_FALSE(is_valid_routine_id("pre run"));
    CHECK_FALSE(is_valid_routine_id("pre.run"));
    CHECK_FALSE(is_valid_routine_id("pre/run"));
    CHECK_FALSE(is_valid_routine_id("caf\xc3\xa9"));
}

// ---------------------------------------------------------------------------------------------
// Planned time

TEST_CASE("planned_seconds adds duration per set and rests between sets", "[routine][planned]") {
    CHECK(planned_seconds_of({make_step(Area::calves, Side::both, 45)}) == 45);
    CHECK(planned_seconds_of({make_step(Area::calves, Side::left, 45)}) == 45);
    CHECK(planned_seconds_of({make_step(Area::calves, Side::right, 45, 3, 15)}) == 45 * 3 + 15 * 2);
}

TEST_CASE("planned_seconds counts left-then-right twice, rests included", "[routine][planned]") {
    // The example in docs/routines.md: (45 x 3 + 15 x 2) x 2 = 330 s.
    CHECK(planned_seconds_of({make_step(Area::quadriceps, Side::left_then_right, 45, 3, 15)}) ==
          330);
}

TEST_CASE("planned_seconds of the documented hamstring-focus example is 270 s",
          "[routine][planned]") {
    Step hamstrings = make_step(Area::hamstrings, Side::left_then_right, 45, 2, 15);
    hamstrings.hold_s = 20;  // holds happen inside the duration
    const Step calves = make_step(Area::calves, Side::left_then_right, 30);
    CHECK(planned_seconds_of({hamstrings, calves}) == 270);
}

TEST_CASE("planned_seconds ignores a rest when there is a single set", "[routine][planned]") {
    CHECK(planned_seconds_of({make_step(Area::calves, Side::left_then_right, 60, 1, 30)}) == 120);
}

// ---------------------------------------------------------------------------------------------
// Plan expansion

TEST_CASE("expand splits left-then-right into all left sets, then all right sets",
          "[routine][plan]") {
    const Routine r = make_routine("plan", "Plan", Purpose::recovery, Level::beginner,
                                   {make_step(Area::quadriceps, Side::left_then_right, 45, 2, 15),
                                    make_step(Area::thoracic_spine, Side::both, 60, 3, 10),
                                    make_step(Area::calves, Side::right, 30)});
    const std::vector<Segment> expected{
        {0, Side::left, 1, 2, 45},  {0, Side::left, 2, 2, 45},  {0, Side::right, 1, 2, 45},
        {0, Side::right, 2, 2, 45}, {1, Side::both, 1, 3, 60},  {1, Side::both, 2, 3, 60},
        {1, Side::both, 3, 3, 60},  {2, Side::right, 1, 1, 30},
    };
    CHECK(expand(r) == expected);
}

TEST_CASE("expand never yields a left-then-right segment and sums to the planned rolling time",
          "[routine][plan]") {
    const Routine r = make_routine("plan", "Plan", Purpose::recovery, Level::beginner,
                                   {make_step(Area::glutes, Side::left_then_right, 40, 3, 20),
                                    make_step(Area::lats, Side::left, 30, 2, 0)});
    const auto plan = expand(r);
    REQUIRE(plan.size() == 8);
    int rolling = 0;
    for (const Segment& seg : plan) {
        CHECK(seg.side != Side::left_then_right);
        CHECK(seg.set >= 1);
        CHECK(seg.set <= seg.sets);
        rolling += seg.duration_s;
    }
    // Planned time = rolling time + rests between sets (2 per side for glutes, 1 for lats x 0 s).
    CHECK(planned_seconds(r) == rolling + 2 * 2 * 20);
}

TEST_CASE("gap_between tells rests, side switches and step changes apart", "[routine][plan]") {
    const Routine r = make_routine("plan", "Plan", Purpose::recovery, Level::beginner,
                                   {make_step(Area::quadriceps, Side::left_then_right, 45, 2, 15),
                                    make_step(Area::quadriceps, Side::right, 45)});
    const auto plan = expand(r);
    REQUIRE(plan.size() == 5);
    CHECK(gap_between(plan[0], plan[1]) == Gap::rest);         // left set 1 -> left set 2
    CHECK(gap_between(plan[1], plan[2]) == Gap::switch_side);  // left set 2 -> right set 1
    CHECK(gap_between(plan[2], plan[3]) == Gap::rest);         // right set 1 -> right set 2
    // Same area and side, but a different step: that is a new step, not a rest.
    CHECK(gap_between(plan[3], plan[4]) == Gap::next_step);
}

// ---------------------------------------------------------------------------------------------
// Library

TEST_CASE("Library orders routines by purpose, then level, then title", "[routine][library]") {
    const Library library({
        make_routine_ptr("t-adv", "Zeta", Purpose::targeted, Level::advanced),
        make_routine_ptr("m-beg-b", "Bravo", Purpose::mobility, Level::beginner),
        make_routine_ptr("w-int", "Alpha", Purpose::warm_up, Level::intermediate),
        make_routine_ptr("r-beg", "Yankee", Purpose::recovery, Level::beginner),
        make_routine_ptr("m-beg-a", "Alpha", Purpose::mobility, Level::beginner),
        make_routine_ptr("w-beg", "Mike", Purpose::warm_up, Level::beginner),
        make_routine_ptr("t-int", "Alpha", Purpose::targeted, Level::intermediate),
    });
    CHECK(ids_of(library.routines()) == std::vector<std::string>{"w-beg", "w-int", "r-beg",
                                                                 "m-beg-a", "m-beg-b", "t-int",
                                                                 "t-adv"});
}

TEST_CASE("Library::find returns the routine with that id or nothing", "[routine][library]") {
    const Library library(
        {make_routine_ptr("pre-run", "Pre-run", Purpose::warm_up, Level::beginner),
         make_routine_ptr("post-run", "Post-run", Purpose::recovery, Level::beginner)});
    REQUIRE(library.find("post-run") != nullptr);
    CHECK(library.find("post-run")->title == "Post-run");
    CHECK(library.find("missing") == nullptr);
    CHECK(library.find("") == nullptr);
    CHECK(Library{}.find("pre-run") == nullptr);
    CHECK(Library{}.routines().empty());
}

TEST_CASE("filter_routines keeps the library order and applies purpose and level",
          "[routine][library]") {
    const Library library({
        make_routine_ptr("w-beg", "Warm beginner", Purpose::warm_up, Level::beginner),
        make_routine_ptr("r-beg", "Recovery beginner", Purpose::recovery, Level::beginner),
        make_routine_ptr("r-int", "Recovery intermediate", Purpose::recovery, Level::intermediate),
        make_routine_ptr("t-adv", "Targeted advanced", Purpose::targeted, Level::advanced),
        make_routine_ptr("t-int", "Targeted intermediate", Purpose::targeted, Level::intermediate),
    });
    CHECK(ids_of(filter_routines(library, {})) ==
          std::vector<std::string>{"w-beg", "r-beg", "r-int", "t-int", "t-adv"});
    CHECK(ids_of(filter_routines(library, {Purpose::recovery, std::nullopt})) ==
          std::vector<std::string>{"r-beg", "r-int"});
    CHECK(ids_of(filter_routines(library, {std::nullopt, Level::intermediate})) ==
          std::vector<std::string>{"r-int", "t-int"});
    CHECK(ids_of(filter_routines(library, {Purpose::targeted, Level::advanced})) ==
          std::vector<std::string>{"t-adv"});
    CHECK(filter_routines(library, {Purpose::mobility, std::nullopt}).empty());
    CHECK(filter_routines(library, {Purpose::warm_up, Level::advanced}).empty());
}
