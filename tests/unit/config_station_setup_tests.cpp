// Unit tests for the safety notice and for load_setup / describe over a station file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "rollstation/config/setup.hpp"
#include "rollstation/config/station_config.hpp"
#include "unit/station_file.hpp"
#include "unit/station_text.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using rs::config::Diagnostics;
using namespace rs::test;
using namespace rs::test::station_text;

namespace {

// Writes a safety notice that must be refused and returns the errors it gave.
Diagnostics refused_safety_notice(const TempDir& dir, const std::string& name,
                                  const std::string& text) {
    Diagnostics errors;
    CHECK_FALSE(rs::config::load_safety_notice(dir.write(name, text), errors).has_value());
    return errors;
}

// A safety notice refused with exactly one error, at that place, with that message.
void check_safety_error(const TempDir& dir, const std::string& name, const std::string& text,
                        int line, int column, const std::string& message) {
    const Diagnostics errors = refused_safety_notice(dir, name, text);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == line);
    CHECK(errors[0].column == column);
    CHECK(errors[0].message == message);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Safety notice and load_setup

TEST_CASE("a broken safety notice is reported and the built-in notice shown instead",
          "[station][setup][safety]") {
    TempDir dir;
    dir.write("routines/tiny-roll.yaml", rs::test::kTinyRoutine);
    const fs::path safety = dir.write("safety.yaml",
                                      "title: [Before, you, roll]\npoints:\n  - \"Stop on pain.\"\n"
                                      "  - \"Avoid joints.\"\n  - \"Ask staff.\"\n");
    const fs::path file = dir.write("station.yaml", kBase.text() + "safety_notice: safety.yaml\n");
    const auto setup = rs::config::load_setup(file, {});
    INFO("errors:" << listing(setup.errors));
    CHECK(setup.station_ok);
    CHECK_FALSE(setup.valid());
    REQUIRE(setup.errors.size() == 1);
    CHECK(setup.errors[0].file == safety.string());
    CHECK(setup.errors[0].line == 1);
    CHECK(setup.errors[0].column == 8);
    CHECK(setup.errors[0].message ==
          "title must be a text or a map from language code to text, such as {en: \"Calves\", de: "
          "\"Waden\"}, not a list");
    REQUIRE(setup.safety != nullptr);
    CHECK(setup.safety->title == "Before you roll");
    CHECK(setup.safety->points.size() == 3);
    for (const auto& p : setup.safety->points)
        CHECK_FALSE(p.empty());
    CHECK(setup.library->routines().size() == 1);
}

TEST_CASE("safety notice mistakes are located", "[station][safety]") {
    TempDir dir;
    std::string nine = "title: \"Careful\"\npoints:\n";
    for (int i = 0; i < 9; ++i)
        nine += "  - \"Point " + std::to_string(i) + "\"\n";
    check_safety_error(dir, "nine.yaml", nine, 3, 3, "points must hold 3 to 8 lines, not 9");
    check_safety_error(dir, "extra.yaml", kGoodSafety + "footer: \"x\"\n", 6, 1,
                       "unknown key 'footer'; allowed keys: language, title, points");
    {
        Diagnostics errors;
        const fs::path file = dir.write("good.yaml", kGoodSafety);
        const auto notice = rs::config::load_safety_notice(file, errors);
        REQUIRE(notice.has_value());
        CHECK(errors.empty());
        CHECK(notice->title == "Careful now");
        CHECK(notice->points.size() == 3);
    }
}

// docs/routines.md: "`points` holds 3 to 8 lines of at most 90 characters each". The loader
// accepts 1 to 8 points of up to 120 characters, so a notice the docs forbid goes live.
TEST_CASE("the safety notice limits match docs/routines.md", "[station][safety]") {
    TempDir dir;
    CHECK(refused_safety_notice(dir, "two.yaml",
                                "title: \"Careful\"\npoints:\n  - \"One\"\n  - \"Two\"\n")
              .size() == 1);
    CHECK(refused_safety_notice(dir, "long.yaml",
                                "title: \"Careful\"\npoints:\n  - \"" + std::string(100, 'x') +
                                    "\"\n  - \"Two\"\n  - \"Three\"\n")
              .size() == 1);
}

TEST_CASE("a missing safety notice file is reported and the built-in notice used",
          "[station][setup][safety]") {
    TempDir dir;
    dir.write("routines/tiny-roll.yaml", rs::test::kTinyRoutine);
    const fs::path file = dir.write("station.yaml", kBase.text());
    const auto setup = rs::config::load_setup(file, {});
    CHECK(setup.station_ok);
    REQUIRE(setup.errors.size() == 1);
    CHECK(setup.errors[0].file == (dir.path() / "safety.yaml").string());
    CHECK(setup.errors[0].message == "cannot read the file");
    REQUIRE(setup.safety != nullptr);
    CHECK(setup.safety->title == "Before you roll");
}

TEST_CASE("a missing station file makes station_ok false", "[station][setup]") {
    TempDir dir;
    const fs::path file = dir.path() / "absent.yaml";
    const auto setup = rs::config::load_setup(file, {});
    CHECK_FALSE(setup.station_ok);
    CHECK_FALSE(setup.valid());
    REQUIRE_FALSE(setup.errors.empty());
    CHECK(setup.errors[0].file == file.string());
    CHECK(setup.errors[0].line == 0);
    CHECK(setup.errors[0].message == "cannot read the file");
    REQUIRE(setup.library != nullptr);
    CHECK(setup.library->routines().empty());
    REQUIRE(setup.safety != nullptr);
    CHECK(setup.safety->title == "Before you roll");
    CHECK_FALSE(setup.safety->points.empty());
    const std::string text = rs::config::describe(setup);
    CHECK_THAT(text, Catch::StartsWith("station: the station file could not be used\n"));
    CHECK_THAT(text, Catch::Contains("routines loaded: 0\n"));
    CHECK_THAT(text, Catch::Contains(file.string() + ": cannot read the file\n"));
}

TEST_CASE("describe lists skipped routine files and every error as file:line:col",
          "[station][setup]") {
    TempDir dir;
    dir.write("routines/tiny-roll.yaml", rs::test::kTinyRoutine);
    std::string bad = rs::test::kTinyRoutine;
    bad.replace(bad.find("tiny-roll"), 9, "bad-roll");
    bad.replace(bad.find("pressure: light"), 15, "pressure: hard");
    const fs::path bad_file = dir.write("routines/bad-roll.yaml", bad);
    dir.write("safety.yaml", kGoodSafety);
    const fs::path file = dir.write("station.yaml", kBase.text());
    const auto setup = rs::config::load_setup(file, {});
    CHECK(setup.station_ok);
    CHECK_FALSE(setup.valid());
    CHECK(setup.skipped_files == std::vector<std::string>{bad_file.string()});
    const std::string text = rs::config::describe(setup);
    INFO(text);
    CHECK_THAT(text, Catch::StartsWith("station: test-1 (Test station), facility gym\n"));
    CHECK_THAT(text, Catch::Contains("routines loaded: 1\n"));
    CHECK_THAT(text, Catch::Contains("  recovery: beginner 1 intermediate 0 advanced 0\n"));
    CHECK_THAT(text, Catch::Contains("routine files skipped: 1\n  " + bad_file.string() + "\n"));
    CHECK_THAT(text, Catch::Contains(
                         "errors: 1\n" + bad_file.string() +
                         ":13:15: steps[0].pressure: unknown value 'hard'; expected one of light, "
                         "moderate, firm\n"));
}
