// Demonstration files: good ones load, every kind of mistake is reported where it is, a broken
// file is skipped, and --check-config lists the steps left without a demonstration.
#include <catch2/catch.hpp>

#include "rollstation/config/demo_loader.hpp"
#include "rollstation/config/setup.hpp"
#include "unit/support.hpp"

using namespace rs;
using test::TempDir;

namespace {

const std::filesystem::path kConfig = std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config";

std::string shipped_text(const std::string& id) {
    std::ifstream in(kConfig / "demos" / (id + ".yaml"));
    return {std::istreambuf_iterator<char>(in), {}};
}

config::Diagnostics load_errors(const TempDir& dir, const std::string& name,
                                const std::string& text) {
    config::Diagnostics errors;
    const auto demo = config::load_demo_file(dir.write(name, text), errors);
    CHECK_FALSE(demo);
    return errors;
}

// The 1-based line of the shipped file where `needle` first appears, so a test does not break
// when the file gains a line above it.
int line_of(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return 1 +
           static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a shipped demonstration reads back as its keyframes", "[demo][config]") {
    TempDir dir;
    config::Diagnostics errors;
    const auto demo = config::load_demo_file(
        dir.write("calves-foam-roller.yaml", shipped_text("calves-foam-roller")), errors);
    REQUIRE(errors.empty());
    REQUIRE(demo);
    CHECK(demo->id == "calves-foam-roller");
    CHECK(demo->area == core::Area::calves);
    CHECK(demo->tool == core::Tool::foam_roller);
    CHECK(demo->target.part == core::pose::PartRef{core::pose::Part::shin, core::pose::Limb::near});
    CHECK(demo->keyframes.size() == 2);
    CHECK(demo->keyframes[1].phase == core::PassPhase::back);
    CHECK(demo->range_mm == 330);
}

TEST_CASE("demonstration mistakes are reported at their line and column", "[demo][config]") {
    TempDir dir;
    const std::string good = shipped_text("calves-foam-roller");
    // Each mistake is reported on the line it replaced (where `at_line` is set).
    struct Mistake {
        std::string from, to;  // the good line's text and the mistake put in its place
        bool at_line;
        std::optional<int> column;
        std::string says;
    };
    const Mistake m = GENERATE(values<Mistake>({
        {"tool: foam-roller", "tool: hammer", true, 7, "unknown value 'hammer'"},
        {"part: shin", "part: tail", true, std::nullopt, "unknown part 'tail'"},
        {"range: 330mm", "range: far", true, std::nullopt, "millimetres"},
        {"torso: 140", "torso: upright", true, std::nullopt,
         "keyframes[0].torso must be a number, not 'upright'"},
        {"tool: [0, 0.075]", "tool: [0]", true, std::nullopt, "list of 2 numbers"},
        {"  - pass: out", "  - pass: sideways", true, std::nullopt, "must be out or back"},
        {"keyframes:", "frames:", false, std::nullopt, "frames"},
    }));
    INFO("'" << m.from << "' becomes '" << m.to << "'");
    const auto errors = load_errors(dir, "x.yaml", replaced(good, m.from, m.to));
    REQUIRE_FALSE(errors.empty());
    const auto& e = errors.front();
    if (m.at_line)
        CHECK(e.line == line_of(good, m.from));
    if (m.column)
        CHECK(e.column == *m.column);
    CHECK_THAT(e.message, Catch::Contains(m.says));
}

TEST_CASE("an implausible demonstration is refused at the keyframe where it goes wrong",
          "[demo][config]") {
    TempDir dir;
    const std::string good = shipped_text("calves-foam-roller");
    // Hips sunk into the floor in the second keyframe.
    const int second_keyframe = line_of(good, "  - pass: back");
    auto errors =
        load_errors(dir, "x.yaml", replaced(good, "hip: [-0.33, 0.224]", "hip: [-0.33, 0.05]"));
    REQUIRE_FALSE(errors.empty());
    // On the way there and at the keyframe itself.
    CHECK(std::any_of(errors.begin(), errors.end(),
                      [&](const auto& e) { return e.line == second_keyframe; }));
    CHECK_THAT(errors.front().message, Catch::Contains("below the floor"));
    // The roller left behind, away from the calf.
    errors = load_errors(dir, "x.yaml", replaced(good, "tool: [0, 0.075]", "tool: [0.4, 0.075]"));
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front().line == line_of(good, "  - pass: out"));
    CHECK_THAT(errors.front().message, Catch::Contains("away from the near shin"));
    // Floating above the floor.
    errors = load_errors(dir, "x.yaml", replaced(good, "tool: [0, 0.075]", "tool: [0, 0.2]"));
    REQUIRE_FALSE(errors.empty());
    CHECK_THAT(errors.front().message, Catch::Contains("off the floor"));
}

TEST_CASE("a broken demonstration file is skipped and the rest still load", "[demo][config]") {
    TempDir dir;
    dir.write("demos/calves-foam-roller.yaml", shipped_text("calves-foam-roller"));
    dir.write("demos/shins-foam-roller.yaml", "area: shins\ntool: [\n");
    const auto loaded = config::load_demo_dirs({dir.path() / "demos"});
    CHECK(loaded.demos.size() == 1);
    REQUIRE(loaded.skipped_files.size() == 1);
    CHECK_THAT(loaded.skipped_files.front(), Catch::EndsWith("shins-foam-roller.yaml"));
    REQUIRE_FALSE(loaded.errors.empty());
    CHECK(loaded.errors.front().line > 0);
    // A folder that is not there holds none, and is no error.
    CHECK(config::load_demo_dirs({dir.path() / "nowhere"}).errors.empty());
}

TEST_CASE("check-config lists every step without a demonstration", "[demo][config]") {
    TempDir dir;
    std::filesystem::copy(kConfig, dir.path() / "config", std::filesystem::copy_options::recursive);
    std::filesystem::remove(dir.path() / "config/demos/calves-foam-roller.yaml");
    const config::Setup setup =
        config::load_setup(dir.path() / "config/station.yaml", dir.path() / "config");
    REQUIRE_FALSE(setup.steps_without_demo.empty());
    for (const auto& line : setup.steps_without_demo)
        CHECK_THAT(line, Catch::Contains("(calves, foam-roller) has no demonstration"));
    const std::string text = config::describe(setup);
    CHECK_THAT(text, Catch::Contains("steps without a demonstration: " +
                                     std::to_string(setup.steps_without_demo.size())));
    CHECK_THAT(text, Catch::Contains("routine pre-run step"));

    const config::Setup whole = config::load_setup(kConfig / "station.yaml", kConfig);
    CHECK(whole.steps_without_demo.empty());
    CHECK(whole.demos->demos().size() >= 23);
    CHECK_THAT(config::describe(whole), Catch::Contains("demonstrations loaded: "));
}
