// The summary's words: tempo and pressure judged against the targets of the steps reached.
#include <catch2/catch.hpp>

#include "rollstation/core/verdict.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;

namespace {

// Step 1: 2-3 s a pass, light; step 2: 6-8 s a pass, firm.
Session two_steps() {
    Step quick = make_step(Area::calves, Side::both, 60);
    quick.tempo = {2, 3};
    quick.pressure = Pressure::light;
    Step slow = make_step(Area::quadriceps, Side::both, 60);
    slow.tempo = {6, 8};
    slow.pressure = Pressure::firm;
    SessionStart start;
    start.session_id = "v";
    start.routine = std::make_shared<const Routine>(
        make_routine("verdicts", "Verdicts", Purpose::recovery, Level::beginner, {quick, slow}));
    return start_session(start, at(Millis{0})).session;
}

// The sensor saw `passes` passes of `seconds` each and `newtons` on average.
void saw(Session& s, int passes, double seconds, double newtons) {
    MotionReading r;
    r.source = "roller";
    r.totals.passes = passes;
    r.totals.pass_time = Millis{static_cast<Millis::rep>(passes * seconds * 1000)};
    r.totals.force_sum = newtons * 100;
    r.totals.force_samples = 100;
    s.motion = r;
}

}  // namespace

TEST_CASE("no sensor figures, no verdict", "[verdict]") {
    const SessionVerdicts v = judge(two_steps(), ForceZones{}, std::nullopt);
    CHECK_FALSE(v.tempo);
    CHECK_FALSE(v.pressure);
}

TEST_CASE("a routine stopped in its first step is judged by that step alone", "[verdict]") {
    Session s = two_steps();
    saw(s, 10, 2.5, 100);  // on the first step's targets, far from the second's
    const SessionVerdicts v = judge(s, ForceZones{}, std::nullopt);
    REQUIRE(v.tempo);
    CHECK(*v.tempo == Verdict::on_target);
    REQUIRE(v.pressure);
    CHECK(*v.pressure == Verdict::on_target);
    CHECK(v.level == Pressure::light);
    CHECK_FALSE(v.body_weight_pct);
    CHECK(text_of(*v.tempo) == "on target");
}

TEST_CASE("too fast, too slow, too light and too firm, with the share of body weight",
          "[verdict]") {
    Session s = two_steps();
    saw(s, 10, 1.0, 30);
    SessionVerdicts v = judge(s, ForceZones{}, std::nullopt);
    CHECK(v.tempo == Verdict::too_fast);
    CHECK(v.pressure == Verdict::too_light);

    saw(s, 10, 9.0, 350);
    v = judge(s, ForceZones{}, 700.0);
    CHECK(v.tempo == Verdict::too_slow);
    CHECK(v.pressure == Verdict::too_firm);
    CHECK(v.level == Pressure::firm);
    REQUIRE(v.body_weight_pct);
    CHECK(*v.body_weight_pct == Approx(50));

    // Both steps reached: the targets are the length-weighted mean of the two.
    s.segment = 1;
    saw(s, 10, 4.5, 200);
    v = judge(s, ForceZones{}, std::nullopt);
    CHECK(v.tempo == Verdict::on_target);  // between (2+6)/2 and (3+8)/2
}
