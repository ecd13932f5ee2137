// The demonstration figure's pose math, and every shipped demonstration held to the laws of a
// body on a floor over its whole loop: these are tests on numbers, not pixels.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "rollstation/config/demo_loader.hpp"
#include "rollstation/config/routine_loader.hpp"
#include "rollstation/core/demo.hpp"

using namespace rs;
using core::pose::Body;
using core::pose::Limb;
using core::pose::Part;
using core::pose::Pose;

namespace {

const std::filesystem::path kConfig = std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config";

const std::vector<core::DemoPtr>& shipped() {
    static const config::LoadedDemos loaded = config::load_demo_dirs({kConfig / "demos"});
    return loaded.demos;
}

double distance(core::pose::Vec2 a, core::pose::Vec2 b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

Pose sample_pose() {
    Pose p;
    p.hip = {0.3, 0.5};
    p.torso = 120;
    p.neck = -20;
    p.arms = {{{-40, -30, -10}, {-50, -20, 5}}};
    p.legs = {{{30, -10, 90}, {45, -60, 80}}};
    p.tool = {0.1, 0.075};
    return p;
}

}  // namespace

TEST_CASE("the shipped demonstrations all load, one per file", "[demo]") {
    const config::LoadedDemos loaded = config::load_demo_dirs({kConfig / "demos"});
    for (const auto& e : loaded.errors)
        UNSCOPED_INFO(e.to_string());
    CHECK(loaded.errors.empty());
    CHECK(loaded.skipped_files.empty());
    CHECK(loaded.demos.size() >= 23);
}

TEST_CASE("every area and tool the shipped routines use has a demonstration", "[demo]") {
    const config::LoadedRoutines routines = config::load_routine_dirs({kConfig / "routines"});
    REQUIRE(routines.errors.empty());
    const core::DemoLibrary demos(shipped());
    std::set<std::pair<core::Area, core::Tool>> used;
    for (const auto& r : routines.routines) {
        for (const auto& step : r->steps) {
            used.insert({step.area, step.tool});
            INFO(r->id << ": " << core::name_of(step.area) << " with " << core::name_of(step.tool));
            CHECK(demos.for_step(step) != nullptr);
        }
    }
    CHECK(used.size() >= 20);
    CHECK(config::steps_without_demo(core::Library(routines.routines), demos).empty());
}

TEST_CASE("over the whole loop of every shipped demonstration the body obeys the floor",
          "[demo][pose]") {
    for (const auto& demo : shipped()) {
        INFO(demo->id);
        const double tool_r = core::pose::tool_radius(demo->tool);
        for (int s = 0; s <= 1000; ++s) {
            const double u = 2.0 * s / 1000;
            for (core::Side side : {core::Side::left, core::Side::right}) {
                const Pose p = core::for_side(core::pose_at(*demo, u), side);
                const Body body = core::pose::solve(demo->skeleton, p);
                INFO("at " << u << " of the loop, " << core::name_of(side));
                // No part below the floor.
                for (const auto& c : body.parts)
                    REQUIRE(std::min(c.from.y, c.to.y) - c.radius >= -core::kFloorTolerance);
                // The tool rests on its support...
                if (demo->support.kind == core::Support::Kind::floor) {
                    REQUIRE(std::abs(p.tool.y - tool_r) <= core::kTouchTolerance);
                } else {
                    const double wall =
                        side == core::Side::right ? -demo->support.wall_x : demo->support.wall_x;
                    REQUIRE(std::abs(std::abs(wall - p.tool.x) - tool_r) <= core::kTouchTolerance);
                }
                // ...and touches the highlighted area, neither away from it nor sunk into it.
                const double gap = core::pose::distance_to(body.at(demo->target.part), p.tool,
                                                           demo->target.from, demo->target.to) -
                                   tool_r;
                REQUIRE(std::abs(gap) <= core::kTouchTolerance);
                // Limbs keep their lengths.
                for (std::size_t i = 0; i < core::pose::kPartCount; ++i) {
                    const auto ref = core::pose::part_at(i);
                    const auto& c = body.parts[i];
                    REQUIRE(distance(c.from, c.to) ==
                            Approx(demo->skeleton.length_of(ref.part)).margin(1e-9));
                }
            }
        }
        CHECK(core::check_plausible(*demo).empty());
    }
}

TEST_CASE("a held position breathes but stays put and plausible", "[demo][pose]") {
    for (const auto& demo : shipped()) {
        INFO(demo->id);
        const Pose rest = core::held_pose(*demo, core::Millis{0});
        const Pose in = core::held_pose(*demo, core::kBreath / 2);
        CHECK(in.torso_swell > rest.torso_swell);
        CHECK(in.hip == rest.hip);
        CHECK(in.tool == rest.tool);
        CHECK(core::held_pose(*demo, core::kBreath) == rest);
    }
}

TEST_CASE("joints are where the limb lengths put them, and the parts chain together", "[pose]") {
    const core::pose::Skeleton sk;
    const Body body = core::pose::solve(sk, sample_pose());
    const auto& torso = body.at({Part::torso});
    CHECK(torso.from == sample_pose().hip);
    CHECK(distance(torso.from, torso.to) == Approx(sk.torso));
    for (Limb limb : {Limb::near, Limb::far}) {
        CHECK(body.at({Part::upper_arm, limb}).from == torso.to);
        CHECK(body.at({Part::forearm, limb}).from == body.at({Part::upper_arm, limb}).to);
        CHECK(body.at({Part::hand, limb}).from == body.at({Part::forearm, limb}).to);
        CHECK(body.at({Part::thigh, limb}).from == torso.from);
        CHECK(body.at({Part::shin, limb}).from == body.at({Part::thigh, limb}).to);
        CHECK(body.at({Part::foot, limb}).from == body.at({Part::shin, limb}).to);
        CHECK(distance(body.at({Part::shin, limb}).from, body.at({Part::shin, limb}).to) ==
              Approx(sk.shin));
    }
    // Standing straight: legs hang straight down from the hip, arms from the shoulder.
    Pose standing;
    standing.hip = {0, 0.9};
    standing.legs = {{{0, 0, 90}, {0, 0, 90}}};
    const Body up = core::pose::solve(sk, standing);
    CHECK(up.at({Part::shin, Limb::near}).to.y == Approx(0.9 - sk.thigh - sk.shin));
    CHECK(up.at({Part::shin, Limb::near}).to.x == Approx(0).margin(1e-12));
    CHECK(up.at({Part::foot, Limb::near}).to.x == Approx(sk.foot));  // the foot points forward
    CHECK(up.at({Part::upper_arm, Limb::near}).to.y == Approx(0.9 + sk.torso - sk.upper_arm));
}

TEST_CASE("the right side mirrors the left: x flips, heights and lengths stay", "[pose]") {
    const core::pose::Skeleton sk;
    const Pose left = sample_pose();
    const Body a = core::pose::solve(sk, left);
    const Body b = core::pose::solve(sk, core::for_side(left, core::Side::right));
    for (std::size_t i = 0; i < core::pose::kPartCount; ++i) {
        CHECK(b.parts[i].from.x == Approx(-a.parts[i].from.x).margin(1e-12));
        CHECK(b.parts[i].from.y == Approx(a.parts[i].from.y));
        CHECK(b.parts[i].to.x == Approx(-a.parts[i].to.x).margin(1e-12));
        CHECK(b.parts[i].to.y == Approx(a.parts[i].to.y));
    }
    CHECK(core::for_side(left, core::Side::left) == left);
    CHECK(core::for_side(left, core::Side::both) == left);
    CHECK(core::for_side(left, core::Side::right).tool.x == Approx(-left.tool.x));
}

TEST_CASE("a loop is a pass out and a pass back at the middle of the tempo band", "[demo]") {
    CHECK(core::pass_length(core::Tempo{2, 4}) == core::Millis{3000});
    CHECK(core::pass_length(core::Tempo{3, 6}) == core::Millis{4500});
    const core::Tempo tempo{2, 4};
    CHECK(core::paced_position(tempo, core::Millis{0}) == Approx(0));
    CHECK(core::paced_position(tempo, core::Millis{1500}) == Approx(0.5));
    CHECK(core::paced_position(tempo, core::Millis{3000}) == Approx(1.0));
    CHECK(core::paced_position(tempo, core::Millis{4500}) == Approx(1.5));
    CHECK(core::paced_position(tempo, core::Millis{6000}) == Approx(0));
    CHECK(core::paced_position(tempo, core::Millis{7500}) == Approx(0.5));
}

TEST_CASE("the figure advances with time and comes back to where it started", "[demo]") {
    const core::DemoLibrary demos(shipped());
    const core::DemoPtr calves = demos.find(core::Area::calves, core::Tool::foam_roller);
    REQUIRE(calves);
    const core::Tempo tempo{2, 4};
    auto hip_at = [&](int ms) {
        return core::pose_at(*calves, core::paced_position(tempo, core::Millis{ms})).hip.x;
    };
    // Out: the hips travel one way, eased at both ends; back: the other way.
    CHECK(hip_at(0) < hip_at(750));
    CHECK(hip_at(750) < hip_at(1500));
    CHECK(hip_at(1500) < hip_at(2900));
    CHECK(hip_at(3100) > hip_at(4500));
    CHECK(hip_at(4500) > hip_at(5900));
    CHECK(hip_at(6000) == Approx(hip_at(0)));
    // Eased: the middle of a pass moves faster than its start.
    CHECK(hip_at(1600) - hip_at(1400) > hip_at(200) - hip_at(0));
    // Keyframes are where the file puts them.
    CHECK(core::pose_at(*calves, 0).hip == calves->keyframes.front().pose.hip);
    CHECK(core::pose_at(*calves, 1.0).hip == calves->keyframes.back().pose.hip);
}

TEST_CASE("a live roller moves the figure by its rotation, folded over the movement's range",
          "[demo]") {
    core::Demo demo;
    demo.range_mm = 300;
    CHECK(core::followed_position(demo, 0) == Approx(0));
    CHECK(core::followed_position(demo, 150) == Approx(0.5));
    CHECK(core::followed_position(demo, 450) == Approx(1.5));
    CHECK(core::followed_position(demo, 600) == Approx(0));
    CHECK(core::followed_position(demo, -150) == Approx(1.5));  // rolled back past the start
}

TEST_CASE("too intense: the next softer tool with a demonstration, else a lighter band", "[demo]") {
    const core::DemoLibrary demos(shipped());
    using core::Area;
    using core::Tool;
    CHECK(core::softer_tool(demos, Area::feet, Tool::lacrosse_ball) == Tool::tennis_ball);
    CHECK(core::softer_tool(demos, Area::glutes, Tool::lacrosse_ball) == Tool::tennis_ball);
    CHECK(core::softer_tool(demos, Area::glutes, Tool::tennis_ball) == Tool::foam_roller);
    // No tennis-ball demonstration for the hip flexors: straight to the roller.
    CHECK(core::softer_tool(demos, Area::hip_flexors, Tool::lacrosse_ball) == Tool::foam_roller);
    CHECK(core::softer_tool(demos, Area::rhomboids, Tool::lacrosse_ball) == Tool::foam_roller);
    CHECK(core::softer_tool(demos, Area::posterior_shoulder, Tool::lacrosse_ball) == std::nullopt);
    CHECK(core::softer_tool(demos, Area::calves, Tool::foam_roller) == std::nullopt);
    CHECK(core::lighter_pressure(core::Pressure::firm) == core::Pressure::moderate);
    CHECK(core::lighter_pressure(core::Pressure::moderate) == core::Pressure::light);
    CHECK(core::lighter_pressure(core::Pressure::light) == std::nullopt);
}

TEST_CASE("a step finds the demonstration it names before the one for its area and tool",
          "[demo]") {
    const core::DemoLibrary demos(shipped());
    core::Step step;
    step.area = core::Area::calves;
    step.tool = core::Tool::foam_roller;
    REQUIRE(demos.for_step(step));
    CHECK(demos.for_step(step)->id == "calves-foam-roller");
    step.demo = "shins-foam-roller";
    CHECK(demos.for_step(step)->id == "shins-foam-roller");
    step.demo = "no-such-demo";
    CHECK(demos.for_step(step) == nullptr);
}
