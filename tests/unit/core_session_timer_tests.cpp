// Unit tests for the session engine's active-only timer: Timer::active holds a segment's clock
// while nobody works, Timer::clock counts every second. Time is driven by hand as Now values.
#include <catch2/catch.hpp>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/motion.hpp"
#include "rollstation/core/session.hpp"
#include "unit/session_motion.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::session_motion;

// ---------------------------------------------------------------------------------------------
// The active-only timer

TEST_CASE("Timer::active from the routine holds the segment's clock while nobody works",
          "[session-motion][timer]") {
    Run run(one_step(Timer::active));
    run.see(working_reading(false), sec(0));
    // Get ready runs on the clock whatever the sensor says.
    run.to(sec(5));
    CHECK(run.session.phase == Phase::active);
    run.to(sec(15));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.phase_elapsed == Millis{0});
    CHECK(run.session.active_total == Millis{0});
    CHECK(run.last.cues.empty());
    // Time before a reading runs under the reading before it.
    run.see(working_reading(true), sec(15));
    CHECK(run.session.phase_elapsed == Millis{0});
    run.to(sec(25));
    CHECK(run.session.phase_elapsed == sec(10));
    run.see(working_reading(false), sec(25));
    run.to(sec(40));
    CHECK(run.session.phase_elapsed == sec(10));
    CHECK(run.session.active_total == sec(10));
    CHECK(run.events.size() == 1);  // only session_started
    run.see(working_reading(true), sec(40));
    run.to(ms(49999));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.remaining() == ms(1));
    run.to(sec(50));
    REQUIRE(run.session.phase == Phase::completed);
    const auto steps = run.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].ts == wall_at(sec(50)));
    CHECK(steps[0].active == sec(20));
    const auto done = run.of_type(EventType::session_completed);
    REQUIRE(done.size() == 1);
    CHECK(done[0].active == sec(20));
    CHECK(done[0].elapsed == sec(50));
}

TEST_CASE("Timer::active from SessionTiming::timer applies unless the routine chooses the clock",
          "[session-motion][timer]") {
    SessionTiming timing;
    timing.timer = Timer::active;
    SECTION("routine without a timer: the station's active timer") {
        Run run(one_step(), timing);
        CHECK(run.session.counts_active_only() == false);  // no reading yet
        run.see(working_reading(false), sec(1));
        CHECK(run.session.counts_active_only());
        run.to(sec(30));
        CHECK(run.session.phase == Phase::active);
        CHECK(run.session.phase_elapsed == Millis{0});
        run.see(working_reading(true), sec(30));
        run.to(sec(50));
        CHECK(run.session.phase == Phase::completed);
        REQUIRE(run.of_type(EventType::step_completed).size() == 1);
        CHECK(run.of_type(EventType::step_completed)[0].ts == wall_at(sec(50)));
    }
    SECTION("routine with timer: clock overrides the station") {
        Run run(one_step(Timer::clock), timing);
        run.see(working_reading(false), sec(1));
        CHECK_FALSE(run.session.counts_active_only());
        run.to(sec(25));
        CHECK(run.session.phase == Phase::completed);
    }
}

TEST_CASE("with Timer::active, gaps and get ready run on the clock", "[session-motion][timer]") {
    Run run(two_steps(Timer::active));
    run.see(working_reading(true), sec(0));
    run.to(sec(25));
    CHECK(run.session.phase == Phase::next_step);
    run.see(working_reading(false), ms(25500));
    run.to(sec(31));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 1);
    run.to(sec(40));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.phase_elapsed == Millis{0});
}

TEST_CASE("Timer::clock counts every second whether or not anyone works",
          "[session-motion][timer]") {
    Run run(one_step(Timer::clock));
    run.see(working_reading(false), sec(0));
    CHECK_FALSE(run.session.counts_active_only());
    run.to(sec(15));
    CHECK(run.session.phase_elapsed == sec(10));
    run.to(sec(25));
    CHECK(run.session.phase == Phase::completed);
    const auto steps = run.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].active == sec(20));
    CHECK(steps[0].ts == wall_at(sec(25)));
}

TEST_CASE("with Timer::active a lost sensor or no sensor at all lets every second count",
          "[session-motion][timer]") {
    SECTION("no reading at all") {
        Run run(one_step(Timer::active));
        CHECK_FALSE(run.session.counts_active_only());
        run.to(sec(15));
        CHECK(run.session.phase_elapsed == sec(10));
        run.to(sec(25));
        CHECK(run.session.phase == Phase::completed);
    }
    SECTION("a reading that is not live") {
        Run run(one_step(Timer::active));
        run.see(lost_reading(), sec(1));
        CHECK_FALSE(run.session.counts_active_only());
        run.to(sec(25));
        CHECK(run.session.phase == Phase::completed);
    }
    SECTION("the sensor is lost mid-segment: the clock runs again from then on") {
        Run run(one_step(Timer::active));
        run.see(working_reading(false), sec(1));
        run.to(sec(15));
        CHECK(run.session.phase_elapsed == Millis{0});
        MotionReading lost = working_reading(false);
        lost.live = false;
        run.see(lost, sec(15));
        run.to(sec(25));
        CHECK(run.session.phase_elapsed == sec(10));
        run.to(sec(35));
        CHECK(run.session.phase == Phase::completed);
        REQUIRE(run.of_type(EventType::step_completed).size() == 1);
        CHECK(run.of_type(EventType::step_completed)[0].ts == wall_at(sec(35)));
    }
}
