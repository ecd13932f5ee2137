// Unit tests for the routine loader: the shipped library, routine folders and how a diagnostic
// reads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
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

const fs::path kSourceDir = ROLLSTATION_SOURCE_DIR;
const fs::path kRoutineDir = kSourceDir / "config" / "routines";

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

Level level_for_tools(const std::vector<Tool>& tools) {
    Level level = Level::beginner;
    for (Tool t : tools) {
        if (t == Tool::lacrosse_ball)
            level = Level::advanced;
        if ((t == Tool::tennis_ball || t == Tool::peanut_ball) && level == Level::beginner)
            level = Level::intermediate;
    }
    return level;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The shipped library

TEST_CASE("every shipped routine loads without errors", "[loader][shipped]") {
    const auto loaded = rs::config::load_routine_dirs({kRoutineDir});
    INFO("errors:" << listing(loaded.errors));
    CHECK(loaded.errors.empty());
    CHECK(loaded.skipped_files.empty());
    CHECK(loaded.routines.size() >= 12);

    std::size_t yaml_files = 0;
    for (const auto& entry : fs::directory_iterator(kRoutineDir)) {
        if (entry.path().extension() == ".yaml")
            ++yaml_files;
    }
    CHECK(loaded.routines.size() == yaml_files);

    for (const auto& entry : fs::directory_iterator(kRoutineDir)) {
        Diagnostics errors;
        auto routine = rs::config::load_routine_file(entry.path(), errors);
        INFO(entry.path().string() << listing(errors));
        REQUIRE(routine.has_value());
        CHECK(errors.empty());
        CHECK(routine->id == entry.path().stem().string());
        CHECK(is_valid_routine_id(routine->id));
    }
}

TEST_CASE("the shipped library covers every purpose and level", "[loader][shipped]") {
    const auto loaded = rs::config::load_routine_dirs({kRoutineDir});
    std::set<Purpose> purposes;
    std::set<Level> levels;
    for (const auto& r : loaded.routines) {
        purposes.insert(r->purpose);
        levels.insert(r->level);
    }
    for (Purpose p : all_values<Purpose>()) {
        INFO("purpose " << name_of(p));
        CHECK(purposes.count(p) == 1);
    }
    for (Level l : all_values<Level>()) {
        INFO("level " << name_of(l));
        CHECK(levels.count(l) == 1);
    }
}

TEST_CASE("the shipped library follows the tool progression roller, tennis ball, lacrosse ball",
          "[loader][shipped]") {
    const auto loaded = rs::config::load_routine_dirs({kRoutineDir});
    REQUIRE_FALSE(loaded.routines.empty());
    bool roller_beginner = false, tennis_intermediate = false, lacrosse_advanced = false;
    for (const auto& r : loaded.routines) {
        INFO("routine " << r->id);
        // A routine has the level of its hardest tool.
        CHECK(r->level == level_for_tools(r->tools));
        const auto uses = [&](Tool t) {
            return std::find(r->tools.begin(), r->tools.end(), t) != r->tools.end();
        };
        if (r->tools == std::vector<Tool>{Tool::foam_roller} && r->level == Level::beginner)
            roller_beginner = true;
        if (uses(Tool::tennis_ball) && r->level == Level::intermediate)
            tennis_intermediate = true;
        if (uses(Tool::lacrosse_ball) && r->level == Level::advanced)
            lacrosse_advanced = true;
        // Every step's tool is listed and every listed tool is used.
        std::set<Tool> used;
        for (const Step& s : r->steps)
            used.insert(s.tool);
        CHECK(used == std::set<Tool>(r->tools.begin(), r->tools.end()));
    }
    CHECK(roller_beginner);
    CHECK(tennis_intermediate);
    CHECK(lacrosse_advanced);
}

TEST_CASE("shipped routines match the table in docs/routines.md", "[loader][shipped]") {
    struct Row {
        Purpose purpose;
        Level level;
        When when;
        int total_s;
    };
    const std::map<std::string, Row> table{
        {"first-roll-intro", {Purpose::mobility, Level::beginner, When::any, 280}},
        {"pre-workout-lower", {Purpose::warm_up, Level::beginner, When::before, 300}},
        {"pre-workout-upper", {Purpose::warm_up, Level::beginner, When::before, 300}},
        {"pre-run", {Purpose::warm_up, Level::beginner, When::before, 300}},
        {"between-sets-reset", {Purpose::mobility, Level::beginner, When::any, 60}},
        {"post-workout-full-body", {Purpose::recovery, Level::beginner, When::after, 750}},
        {"post-run-recovery", {Purpose::recovery, Level::beginner, When::after, 600}},
        {"leg-day-recovery", {Purpose::recovery, Level::beginner, When::after, 960}},
        {"desk-posture", {Purpose::mobility, Level::beginner, When::any, 330}},
        {"calves-and-shins", {Purpose::targeted, Level::beginner, When::any, 300}},
        {"peanut-ball-upper-back", {Purpose::mobility, Level::intermediate, When::any, 240}},
        {"tennis-ball-glutes", {Purpose::targeted, Level::intermediate, When::any, 210}},
        {"tennis-ball-feet", {Purpose::targeted, Level::intermediate, When::any, 240}},
        {"tennis-ball-forearms", {Purpose::targeted, Level::intermediate, When::any, 240}},
        {"lacrosse-ball-hips", {Purpose::targeted, Level::advanced, When::any, 300}},
        {"lacrosse-ball-shoulders", {Purpose::targeted, Level::advanced, When::any, 270}},
        {"lacrosse-ball-plantar-fascia", {Purpose::targeted, Level::advanced, When::any, 300}},
    };
    const auto loaded = rs::config::load_routine_dirs({kRoutineDir});
    const rs::core::Library library(loaded.routines);
    for (const auto& [id, row] : table) {
        INFO("routine " << id);
        const auto r = library.find(id);
        REQUIRE(r != nullptr);
        CHECK(r->purpose == row.purpose);
        CHECK(r->level == row.level);
        CHECK(r->when == row.when);
        CHECK(planned_seconds(*r) == row.total_s);
    }
}

TEST_CASE("each shipped routine's 'Planned total' comment matches its planned time",
          "[loader][shipped]") {
    const std::regex planned(R"(# Planned total: (\d+) min (\d+) s)");
    for (const auto& entry : fs::directory_iterator(kRoutineDir)) {
        INFO(entry.path().string());
        const std::string text = read_text(entry.path());
        std::smatch m;
        REQUIRE(std::regex_search(text, m, planned));
        Diagnostics errors;
        const auto routine = rs::config::load_routine_file(entry.path(), errors);
        REQUIRE(routine.has_value());
        CHECK(planned_seconds(*routine) == std::stoi(m[1]) * 60 + std::stoi(m[2]));
    }
}

TEST_CASE("the complete example in docs/routines.md loads and plans 270 s", "[loader][shipped]") {
    const std::string doc = read_text(kSourceDir / "docs" / "routines.md");
    const auto start = doc.find("```yaml\n# Basis:");
    REQUIRE(start != std::string::npos);
    const auto body = start + 8;
    const auto end = doc.find("```", body);
    REQUIRE(end != std::string::npos);
    const Loaded loaded = load_good(doc.substr(body, end - body), "hamstring-focus");
    CHECK(loaded.errors.empty());
    CHECK(planned_seconds(*loaded.routine) == 270);
    CHECK(loaded.routine->steps.at(0).hold_s == 20);
    CHECK(loaded.routine->steps.at(0).tempo == Tempo{3, 5});
}

// ---------------------------------------------------------------------------------------------
// Folders

TEST_CASE("load_routine_dirs skips bad files, keeps good ones and ignores other files",
          "[loader][dirs]") {
    TempDir dir;
    dir.write("good-aaa.yaml", kBase.replace_line(1, "id: good-aaa"));
    dir.write("good-bbb.yml", kBase.replace_line(1, "id: good-bbb"));
    const fs::path bad = dir.write("bad-case.yaml", kBase.replace_line(13, "    pressure: hard"));
    const fs::path empty = dir.write("empty-one.yaml", "");
    dir.write("README.txt", "not a routine");
    dir.write("notes.yaml.bak", "id: [");

    const auto loaded = rs::config::load_routine_dirs({dir.path()});
    INFO("errors:" << listing(loaded.errors));
    std::vector<std::string> ids;
    for (const auto& r : loaded.routines)
        ids.push_back(r->id);
    CHECK(ids == std::vector<std::string>{"good-aaa", "good-bbb"});
    CHECK(loaded.skipped_files == std::vector<std::string>{bad.string(), empty.string()});
    REQUIRE(loaded.errors.size() == 2);
    CHECK(loaded.errors[0].file == bad.string());
    CHECK(loaded.errors[0].line == 13);
    CHECK(loaded.errors[0].column == 15);
    CHECK(loaded.errors[1].file == empty.string());
    CHECK(loaded.errors[1].message == "the document is empty");
}

TEST_CASE("a repeated id in a later folder is an error at its id and the first file wins",
          "[loader][dirs]") {
    TempDir dir;
    const std::string first_text = kBase.text();
    const std::string second_text = "# A second copy\n# with a different title\n" +
                                    kBase.replace_line(2, "title: \"Imposter\"");
    const fs::path first = dir.write("one/bad-case.yaml", first_text);
    const fs::path second = dir.write("two/bad-case.yaml", second_text);

    const auto loaded = rs::config::load_routine_dirs({dir.path() / "one", dir.path() / "two"});
    REQUIRE(loaded.routines.size() == 1);
    CHECK(loaded.routines[0]->title == "Bad case");
    CHECK(loaded.skipped_files == std::vector<std::string>{second.string()});
    REQUIRE(loaded.errors.size() == 1);
    const Diagnostic& d = loaded.errors[0];
    CHECK(d.file == second.string());
    CHECK(d.line == 3);
    CHECK(d.column == 5);
    CHECK(d.message == "duplicate routine id 'bad-case', already defined in " + first.string());
}

TEST_CASE("a routine folder that cannot be read is reported and the others still load",
          "[loader][dirs]") {
    TempDir dir;
    dir.write("ok/good-aaa.yaml", kBase.replace_line(1, "id: good-aaa"));
    const fs::path missing = dir.path() / "missing";
    const auto loaded = rs::config::load_routine_dirs({missing, dir.path() / "ok"});
    REQUIRE(loaded.routines.size() == 1);
    REQUIRE(loaded.errors.size() == 1);
    CHECK(loaded.errors[0].file == missing.string());
    CHECK(loaded.errors[0].line == 0);
    CHECK_THAT(loaded.errors[0].message, Catch::StartsWith("cannot read the routine folder: "));
}

TEST_CASE("load_routine_dirs of no folders loads nothing", "[loader][dirs]") {
    const auto loaded = rs::config::load_routine_dirs({});
    CHECK(loaded.routines.empty());
    CHECK(loaded.errors.empty());
    CHECK(loaded.skipped_files.empty());
}

// ---------------------------------------------------------------------------------------------
// Diagnostic

TEST_CASE("Diagnostic::to_string gives file:line:col: message", "[loader][diagnostic]") {
    CHECK(Diagnostic{"config/routines/x.yaml", 12, 7, "something is wrong"}.to_string() ==
          "config/routines/x.yaml:12:7: something is wrong");
    CHECK(Diagnostic{"a.yaml", 1, 1, "m"}.to_string() == "a.yaml:1:1: m");
    // A problem with the whole file has no position.
    CHECK(Diagnostic{"a.yaml", 0, 0, "the document is empty"}.to_string() ==
          "a.yaml: the document is empty");
}

TEST_CASE("the shipped library marks what to stay away from as safety lines", "[loader][shipped]") {
    const auto library = rs::config::load_routine_dirs({kRoutineDir});
    int safety_lines = 0;
    for (const auto& routine : library.routines) {
        for (const auto& step : routine->steps) {
            safety_lines += static_cast<int>(step.safety.size());
            for (const auto& cue : step.cues) {
                INFO(routine->id << ": " << cue);
                CHECK(cue.in(Language::en).find("Stay off") ==
                      std::string::npos);  // those belong in safety
            }
        }
    }
    CHECK(safety_lines >= 20);
}
