// Unit tests for the session engine's controls during a session: pause and resume, skip, back and
// add time.
#include <catch2/catch.hpp>

#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/session.hpp"
#include "unit/session_run.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::session_run;

namespace {

// The run has just begun segment `n`'s 20 s of rolling, and the command that got it there sent
// no event.
void check_segment_start(const Run& run, int n) {
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == n);
    CHECK(run.session.phase_elapsed == ms(0));
    CHECK(run.session.phase_length == sec(20));
    CHECK(run.last.events.empty());
}

// The run's last event closes the session with these step counts; it is returned for the rest.
const UsageEvent& check_completed(const Run& run, int completed, int skipped, int total) {
    const UsageEvent& done = run.events.back();
    REQUIRE(done.type == EventType::session_completed);
    CHECK(done.steps_completed == completed);
    CHECK(done.steps_skipped == skipped);
    CHECK(done.steps_total == total);
    return done;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Pause and resume

TEST_CASE("pause stops the clock and resume continues where it stopped", "[session]") {
    Run run;
    run.to(sec(10));  // 5 s into the first segment
    run.cmd(SessionCommand::pause, sec(10));
    CHECK(run.session.paused);
    CHECK(run.last.events.empty());

    run.to(sec(100));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.phase_elapsed == sec(5));
    CHECK(run.session.active_total == sec(5));
    CHECK(run.last.events.empty());
    CHECK(run.last.cues.empty());

    run.cmd(SessionCommand::resume, sec(100));
    CHECK_FALSE(run.session.paused);
    CHECK(run.session.phase_elapsed == sec(5));
    run.to(ms(114999));
    CHECK(run.session.phase == Phase::active);
    run.to(sec(115));
    CHECK(run.session.phase == Phase::rest);
    REQUIRE(run.last.events.size() == 1);
    CHECK(run.last.events[0].active == sec(20));
    CHECK(run.last.events[0].ts == wall_at(sec(115)));
}

TEST_CASE("time up to the pause still counts and a pause during a gap holds the gap", "[session]") {
    Run run;
    run.cmd(SessionCommand::pause, sec(8));  // advances to 8 s first: 3 s into segment 0
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.phase_elapsed == sec(3));
    run.cmd(SessionCommand::resume, sec(20));
    run.to(sec(37));  // segment 0 ends at 37 s, the rest runs to 47 s
    CHECK(run.session.phase == Phase::rest);
    run.cmd(SessionCommand::pause, sec(40));
    run.to(sec(1000));
    CHECK(run.session.phase == Phase::rest);
    CHECK(run.session.remaining() == sec(7));
    run.cmd(SessionCommand::resume, sec(1000));
    run.to(sec(1007));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 1);
}

TEST_CASE("pausing twice or resuming a running session changes nothing", "[session]") {
    Run run;
    run.cmd(SessionCommand::resume, sec(6));
    CHECK_FALSE(run.session.paused);
    CHECK(run.session.phase_elapsed == sec(1));
    run.cmd(SessionCommand::pause, sec(7));
    run.cmd(SessionCommand::pause, sec(9));
    CHECK(run.session.paused);
    CHECK(run.session.phase_elapsed == sec(2));
}

// ---------------------------------------------------------------------------------------------
// Skip

TEST_CASE("skip during a segment records it as skipped with the time actually rolled",
          "[session]") {
    Run run;
    run.to(sec(12));
    run.cmd(SessionCommand::skip, sec(12));
    REQUIRE(run.last.events.size() == 1);
    const UsageEvent& e = run.last.events[0];
    CHECK(e.type == EventType::step_completed);
    CHECK(e.skipped);
    CHECK(e.planned_s == 20);
    CHECK(e.active == sec(7));
    CHECK(e.active < sec(e.planned_s));
    CHECK(e.ts == wall_at(sec(12)));
    CHECK(e.side == Side::left);
    CHECK(e.set == 1);
    CHECK(run.session.outcomes[0] == Session::Outcome::skipped);
    CHECK(run.session.phase == Phase::rest);
    CHECK(run.session.segment == 1);
    CHECK(run.session.remaining() == sec(10));
    CHECK(run.last.cues == std::vector<Cue>{Cue::step_change});

    run.to(sec(500));
    CHECK(check_completed(run, 4, 1, 5).active == sec(7 + 90));
}

TEST_CASE("skip during get ready or a gap jumps straight to the upcoming segment", "[session]") {
    Run run;
    run.cmd(SessionCommand::skip, sec(1));
    check_segment_start(run, 0);

    run.to(sec(21));  // segment 0 ends at 21 s: rest
    REQUIRE(run.session.phase == Phase::rest);
    run.cmd(SessionCommand::skip, sec(23));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 1);
    CHECK(run.session.phase_length == sec(20));
    CHECK(run.last.events.empty());
    CHECK(run.session.outcomes[0] == Session::Outcome::done);
    CHECK(run.session.outcomes[1] == Session::Outcome::pending);
}

TEST_CASE("skipping the last segment completes the session", "[session]") {
    Run run;
    run.to(sec(120));  // 4 s into the last segment
    REQUIRE(run.session.segment == 4);
    run.cmd(SessionCommand::skip, sec(120));
    CHECK(run.session.phase == Phase::completed);
    REQUIRE(run.last.events.size() == 2);
    CHECK(run.last.events[0].skipped);
    CHECK(run.last.events[0].active == sec(4));
    CHECK(run.last.events[1].type == EventType::session_completed);
    CHECK(run.last.events[1].steps_completed == 4);
    CHECK(run.last.events[1].steps_skipped == 1);
    CHECK(run.last.events[1].elapsed == sec(120));
    CHECK(count_cue(run.last.cues, Cue::finished) == 1);
}

// ---------------------------------------------------------------------------------------------
// Back

TEST_CASE("back after 5 s or more restarts the current segment", "[session]") {
    Run run;
    run.to(sec(41));  // 6 s into segment 1
    run.cmd(SessionCommand::back, sec(41));
    check_segment_start(run, 1);
    CHECK(run.last.cues == std::vector<Cue>{Cue::step_change});
    run.to(ms(60999));
    CHECK(run.session.segment == 1);
    run.to(sec(61));
    CHECK(run.session.phase == Phase::switch_side);
    REQUIRE(run.last.events.size() == 1);
    CHECK(run.last.events[0].active == sec(20));
}

TEST_CASE("back exactly at 5 s restarts, just before 5 s goes to the previous segment",
          "[session]") {
    SECTION("at 5 s") {
        Run run;
        run.cmd(SessionCommand::back, sec(40));  // segment 1 started at 35 s
        CHECK(run.session.segment == 1);
        CHECK(run.session.phase == Phase::active);
    }
    SECTION("at 4.999 s") {
        Run run;
        run.cmd(SessionCommand::back, ms(39999));
        CHECK(run.session.segment == 0);
        CHECK(run.session.phase == Phase::active);
        CHECK(run.session.phase_elapsed == ms(0));
    }
}

TEST_CASE("back early in a segment goes to the previous one, which is counted once", "[session]") {
    Run run;
    run.to(sec(38));  // 3 s into segment 1; segment 0 is done
    REQUIRE(run.session.count(Session::Outcome::done) == 1);
    run.cmd(SessionCommand::back, sec(38));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 0);
    CHECK(run.session.current_segment().set == 1);
    CHECK(run.session.outcomes[1] == Session::Outcome::pending);

    run.to(sec(58));  // segment 0 redone: ends at 58 s
    CHECK(run.session.phase == Phase::rest);
    CHECK(run.session.count(Session::Outcome::done) == 1);
    CHECK(of_type(run.events, EventType::step_completed).size() == 2);

    run.to(sec(1000));
    check_completed(run, 5, 0, 5);
    CHECK(of_type(run.events, EventType::step_completed).size() == 6);
}

TEST_CASE("back in a gap returns to the segment just finished", "[session]") {
    SECTION("in a rest") {
        Run run;
        run.to(sec(30));  // rest after segment 0
        run.cmd(SessionCommand::back, sec(30));
        CHECK(run.session.phase == Phase::active);
        CHECK(run.session.segment == 0);
        CHECK(run.session.phase_length == sec(20));
        CHECK(run.session.count(Session::Outcome::done) == 1);
        run.to(sec(50));
        CHECK(run.session.phase == Phase::rest);
        CHECK(run.session.count(Session::Outcome::done) == 1);
        run.to(sec(1000));
        REQUIRE(run.events.back().type == EventType::session_completed);
        CHECK(run.events.back().steps_completed == 5);
    }
    SECTION("in a side switch") {
        Run run;
        run.to(sec(57));  // switch side after left set 2
        REQUIRE(run.session.phase == Phase::switch_side);
        run.cmd(SessionCommand::back, sec(57));
        CHECK(run.session.phase == Phase::active);
        CHECK(run.session.segment == 1);
        CHECK(run.session.current_segment().side == Side::left);
        CHECK(run.session.current_segment().set == 2);
    }
    SECTION("before the next step") {
        Run run;
        run.to(sec(112));
        REQUIRE(run.session.phase == Phase::next_step);
        run.cmd(SessionCommand::back, sec(112));
        CHECK(run.session.phase == Phase::active);
        CHECK(run.session.segment == 3);
        CHECK(run.session.current_segment().side == Side::right);
    }
}

TEST_CASE("back in get ready or early in the first segment stays at the start", "[session]") {
    Run run;
    run.cmd(SessionCommand::back, sec(2));
    CHECK(run.session.phase == Phase::get_ready);
    CHECK(run.session.remaining() == sec(3));
    CHECK(run.last.cues.empty());
    run.cmd(SessionCommand::back, sec(7));  // 2 s into segment 0
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 0);
    CHECK(run.session.phase_elapsed == ms(0));
}

// ---------------------------------------------------------------------------------------------
// Add time

TEST_CASE("add_time lengthens the segment by 15 s, up to 120 s in total", "[session]") {
    Run run;
    run.to(sec(6));
    run.cmd(SessionCommand::add_time, sec(6));
    CHECK(run.session.phase_length == sec(35));
    CHECK(run.session.added == sec(15));
    CHECK(run.session.remaining() == sec(34));
    for (int i = 0; i < 7; ++i)
        run.cmd(SessionCommand::add_time, sec(6));
    CHECK(run.session.added == sec(120));
    CHECK(run.session.phase_length == sec(140));
    run.cmd(SessionCommand::add_time, sec(6));
    CHECK(run.session.added == sec(120));
    CHECK(run.session.phase_length == sec(140));
    CHECK(run.last.events.empty());
}

TEST_CASE("added time is rolled and reported, and the next segment starts fresh", "[session]") {
    Run run;
    run.cmd(SessionCommand::add_time, sec(6));
    run.to(ms(39999));
    CHECK(run.session.phase == Phase::active);
    run.to(sec(40));
    CHECK(run.session.phase == Phase::rest);
    REQUIRE(run.last.events.size() == 1);
    CHECK(run.last.events[0].planned_s == 20);
    CHECK(run.last.events[0].active == sec(35));
    CHECK(run.session.added == ms(0));
    run.to(sec(50));
    CHECK(run.session.phase_length == sec(20));
}

TEST_CASE("add_time respects a custom step and cap", "[session]") {
    SessionTiming timing;
    timing.add_time_s = 30;
    timing.add_time_max_s = 60;
    Run run(sample_routine(), timing);
    run.to(sec(6));
    for (int i = 0; i < 5; ++i)
        run.cmd(SessionCommand::add_time, sec(6));
    CHECK(run.session.added == sec(60));
    CHECK(run.session.phase_length == sec(80));
}
