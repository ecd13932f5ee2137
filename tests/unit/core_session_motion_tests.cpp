// Unit tests for what the session engine does with sensor readings: rs::core::observe and the
// sensor figures in step_completed / session_completed / session_abandoned. Time is driven by hand
// as Now values; nothing sleeps.
#include <catch2/catch.hpp>

#include <variant>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/motion.hpp"
#include "rollstation/core/session.hpp"
#include "rollstation/core/wire.hpp"
#include "unit/sensor_station.hpp"
#include "unit/session_motion.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::session_motion;

namespace {

void check_no_sensor_fields(const UsageEvent& e) {
    INFO("event " << name_of(e.type));
    CHECK_FALSE(e.passes.has_value());
    CHECK_FALSE(e.seconds_per_pass.has_value());
    CHECK_FALSE(e.sensor_active.has_value());
    CHECK_FALSE(e.mean_force_n.has_value());
    CHECK_FALSE(e.peak_force_n.has_value());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Sensor figures in the events

TEST_CASE("a session without readings has no sensor fields in any event", "[session-motion]") {
    Run run(two_steps());
    run.to(sec(60));
    REQUIRE(run.session.phase == Phase::completed);
    REQUIRE(run.events.size() == 4);  // started, two steps, completed
    for (const UsageEvent& e : run.events)
        check_no_sensor_fields(e);
    CHECK_FALSE(run.session.motion.has_value());

    Run stopped(two_steps());
    stopped.cmd(SessionCommand::stop, sec(12));
    REQUIRE(stopped.of_type(EventType::session_abandoned).size() == 1);
    check_no_sensor_fields(stopped.of_type(EventType::session_abandoned)[0]);
}

TEST_CASE("step_completed carries the segment's own figures, session_completed the session's",
          "[session-motion]") {
    Run run(two_steps());
    // Before the session's first reading the tracker had already counted some work.
    run.see(reading(totals(3, 6000, 8000, 1000, 1000, 10, 300), true, 300.0), sec(1));
    // Segment 1 (5-25): readings with a running peak far above anything measured in it.
    run.see(reading(totals(5, 10000, 12000, 1000, 1400, 12, 999), true, 150.0), sec(10));
    run.see(reading(totals(7, 16000, 17000, 2000, 2200, 16, 999), true, 220.0), sec(15));
    run.see(reading(totals(9, 21000, 22000, 3000, 3000, 20, 999), true, 180.0), sec(20));
    run.to(sec(25));
    REQUIRE(run.session.phase == Phase::next_step);

    auto steps = run.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    {
        const UsageEvent& e = steps[0];
        CHECK(e.step_index == 0);
        CHECK(e.passes == 6);
        REQUIRE(e.seconds_per_pass.has_value());
        CHECK(*e.seconds_per_pass == Approx(2.5));  // 15 s over 6 passes
        CHECK(e.sensor_active == Millis{14000 + 2000});
        REQUIRE(e.mean_force_n.has_value());
        CHECK(*e.mean_force_n == Approx(200.0));  // 2000 N over 10 samples
        // The highest reading during the segment: not the get-ready 300, not the tracker's 999.
        CHECK(e.peak_force_n == 220.0);
    }

    // The next-step gap (25-31): work and a heavy press, neither belongs to a segment.
    run.see(reading(totals(13, 31000, 28000, 3000, 3600, 24, 999), true, 500.0), sec(28));
    // Segment 2 (31-51): a lower peak than segment 1's.
    run.see(reading(totals(15, 37000, 36000, 3000, 4800, 32, 999), true, 140.0), sec(40));
    run.see(reading(totals(18, 46000, 45000, 3500, 6000, 40, 999), true, 160.0), sec(50));
    run.to(sec(51));
    REQUIRE(run.session.phase == Phase::completed);

    steps = run.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 2);
    {
        const UsageEvent& e = steps[1];
        CHECK(e.step_index == 1);
        CHECK(e.passes == 5);
        REQUIRE(e.seconds_per_pass.has_value());
        CHECK(*e.seconds_per_pass == Approx(3.0));  // 15 s over 5 passes
        CHECK(e.sensor_active == Millis{17000 + 500});
        REQUIRE(e.mean_force_n.has_value());
        CHECK(*e.mean_force_n == Approx(150.0));  // 2400 N over 16 samples
        CHECK(e.peak_force_n == 160.0);
    }

    const auto done = run.of_type(EventType::session_completed);
    REQUIRE(done.size() == 1);
    const UsageEvent& e = done[0];
    CHECK(e.passes == 15);
    REQUIRE(e.seconds_per_pass.has_value());
    CHECK(*e.seconds_per_pass == Approx(40.0 / 15.0));
    CHECK(e.sensor_active == Millis{37000 + 2500});
    REQUIRE(e.mean_force_n.has_value());
    CHECK(*e.mean_force_n == Approx(5000.0 / 30.0));
    CHECK(e.peak_force_n == 220.0);  // the highest in any segment; not the gap's 500
    // The clock-based fields are unchanged by the sensor.
    CHECK(e.active == sec(40));
    CHECK(e.elapsed == sec(51));
}

TEST_CASE("session_abandoned carries the session's totals up to the stop", "[session-motion]") {
    Run run(two_steps());
    run.see(reading(totals(3, 6000, 8000, 1000, 1000, 10), true, 300.0), sec(1));
    run.see(reading(totals(9, 21000, 22000, 3000, 3000, 20), true, 220.0), sec(20));
    run.to(sec(25));
    run.see(reading(totals(12, 30000, 30000, 3000, 3400, 24), true, 260.0), sec(40));
    run.cmd(SessionCommand::stop, sec(45));

    const auto ended = run.of_type(EventType::session_abandoned);
    REQUIRE(ended.size() == 1);
    const UsageEvent& e = ended[0];
    CHECK(e.reason == AbandonReason::user_stopped);
    CHECK(e.passes == 9);
    REQUIRE(e.seconds_per_pass.has_value());
    CHECK(*e.seconds_per_pass == Approx(24.0 / 9.0));
    CHECK(e.sensor_active == Millis{22000 + 2000});
    REQUIRE(e.mean_force_n.has_value());
    CHECK(*e.mean_force_n == Approx(2400.0 / 14.0));
    CHECK(e.peak_force_n == 260.0);
    // Only the one finished step was reported before the stop.
    CHECK(run.of_type(EventType::step_completed).size() == 1);
}

TEST_CASE("a segment without passes or force has zero passes and no tempo or force figures",
          "[session-motion]") {
    Run run(one_step());
    run.see(reading(totals(4, 8000, 9000, 0, 0, 0), false), sec(1));
    run.to(sec(25));
    const auto steps = run.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].passes == 0);
    CHECK_FALSE(steps[0].seconds_per_pass.has_value());
    CHECK(steps[0].sensor_active == Millis{0});
    CHECK_FALSE(steps[0].mean_force_n.has_value());
    CHECK_FALSE(steps[0].peak_force_n.has_value());
}

TEST_CASE("a sensor that first reports mid-session counts from its first reading",
          "[session-motion]") {
    SECTION("first reading during the segment") {
        Run run(one_step());
        run.to(sec(10));
        REQUIRE(run.session.phase == Phase::active);
        // The tracker has a long history from before this session.
        run.see(reading(totals(50, 150000, 200000, 5000, 9000, 100, 800), true, 200.0), sec(10));
        run.see(reading(totals(54, 162000, 210000, 5000, 10800, 110, 800), true, 210.0), sec(20));
        run.to(sec(25));
        const auto steps = run.of_type(EventType::step_completed);
        REQUIRE(steps.size() == 1);
        CHECK(steps[0].passes == 4);
        REQUIRE(steps[0].seconds_per_pass.has_value());
        CHECK(*steps[0].seconds_per_pass == Approx(3.0));
        CHECK(steps[0].sensor_active == sec(10));
        REQUIRE(steps[0].mean_force_n.has_value());
        CHECK(*steps[0].mean_force_n == Approx(180.0));
        CHECK(steps[0].peak_force_n == 210.0);

        const auto done = run.of_type(EventType::session_completed);
        REQUIRE(done.size() == 1);
        CHECK(done[0].passes == 4);
        CHECK(done[0].sensor_active == sec(10));
        CHECK(done[0].peak_force_n == 210.0);
    }
    SECTION("first reading in the second step: the first step has no sensor fields") {
        Run run(two_steps());
        run.to(sec(35));
        REQUIRE(run.session.phase == Phase::active);
        REQUIRE(run.session.segment == 1);
        run.see(reading(totals(40, 120000, 100000, 0, 5000, 50), true, 120.0), sec(35));
        run.see(reading(totals(45, 135000, 110000, 0, 6000, 60), true, 130.0), sec(45));
        run.to(sec(51));
        const auto steps = run.of_type(EventType::step_completed);
        REQUIRE(steps.size() == 2);
        check_no_sensor_fields(steps[0]);
        CHECK(steps[1].passes == 5);
        CHECK(steps[1].sensor_active == sec(10));
        CHECK(steps[1].peak_force_n == 130.0);
        const auto done = run.of_type(EventType::session_completed);
        REQUIRE(done.size() == 1);
        CHECK(done[0].passes == 5);
        REQUIRE(done[0].mean_force_n.has_value());
        CHECK(*done[0].mean_force_n == Approx(100.0));
    }
    SECTION("first reading during a gap: the next segment starts from the latest reading") {
        Run run(two_steps());
        run.to(sec(27));
        REQUIRE(run.session.phase == Phase::next_step);
        run.see(reading(totals(30, 90000, 80000, 0, 0, 0), true, 100.0), sec(27));
        run.see(reading(totals(32, 96000, 86000, 0, 0, 0), true, 100.0), sec(30));
        run.see(reading(totals(36, 108000, 98000, 0, 0, 0), true, 110.0), sec(45));
        run.to(sec(51));
        const auto steps = run.of_type(EventType::step_completed);
        REQUIRE(steps.size() == 2);
        check_no_sensor_fields(steps[0]);
        CHECK(steps[1].passes == 4);
        CHECK(steps[1].sensor_active == sec(12));
        CHECK(steps[1].peak_force_n == 110.0);
        const auto done = run.of_type(EventType::session_completed);
        REQUIRE(done.size() == 1);
        CHECK(done[0].passes == 6);  // from the first reading at 27 s, gap included
    }
}

TEST_CASE("a reading is applied after the clock has caught up under the previous one",
          "[session-motion]") {
    Run run(one_step());
    run.see(reading(totals(0, 0, 0, 0, 0, 0), true, 100.0), sec(1));
    run.see(reading(totals(6, 18000, 19000, 0, 1900, 19), true, 190.0), sec(24));
    // This reading arrives after the segment ended: the step is closed with the one before.
    run.see(reading(totals(9, 27000, 28000, 0, 9999, 20), true, 900.0), sec(26));
    const auto steps = run.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].ts == wall_at(sec(25)));
    CHECK(steps[0].passes == 6);
    CHECK(steps[0].peak_force_n == 190.0);
    const auto done = run.of_type(EventType::session_completed);
    REQUIRE(done.size() == 1);
    CHECK(done[0].passes == 6);
    // A finished session ignores later readings.
    CHECK(run.session.motion->totals.passes == 6);
}

TEST_CASE("readings from a tracker fed with a triangle wave give the passes rolled in the step",
          "[session-motion]") {
    // Rolling from the start at 1 s per pass, a reading every 100 ms. Turning points come every
    // whole second of device time and each pass is counted 150 ms later.
    Run run(one_step());
    sensors::Device roller;
    MotionTracker tracker;
    for (long long t = 100; t <= 25000; t += 100) {
        for (const wire::Message& m : roller.roll(ms(100), sec(1), 200.0))
            tracker.add(std::get<wire::Sample>(m));
        MotionReading r;
        r.totals = tracker.totals();
        r.working = tracker.activity() != Activity::idle;
        r.force_n = tracker.force();
        run.see(r, ms(t));
    }
    REQUIRE(run.session.phase == Phase::completed);
    const auto steps = run.of_type(EventType::step_completed);
    REQUIRE(steps.size() == 1);
    // The segment starts from the reading of 4.9 s (device time 4.88 s) and ends with the
    // reading of 24.9 s (24.88 s): the turns at 5 ... 24 s were counted in it.
    CHECK(steps[0].passes == 20);
    REQUIRE(steps[0].seconds_per_pass.has_value());
    CHECK(*steps[0].seconds_per_pass == Approx(1.0));
    CHECK(steps[0].sensor_active == sec(20));
    REQUIRE(steps[0].mean_force_n.has_value());
    CHECK(*steps[0].mean_force_n == Approx(200.0));
    CHECK(steps[0].peak_force_n == Approx(200.0));
    const auto done = run.of_type(EventType::session_completed);
    REQUIRE(done.size() == 1);
    // Turns at 1 ... 24 s; the first pass is not counted, because the roller was already moving
    // at its first sample and nobody saw where that pass began.
    CHECK(done[0].passes == 23);
    REQUIRE(done[0].seconds_per_pass.has_value());
    CHECK(*done[0].seconds_per_pass == Approx(1.0));
}
