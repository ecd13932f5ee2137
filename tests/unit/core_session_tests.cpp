// Unit tests for the session engine: starting a session, its phase sequence, stable names and the
// step timer. Time is driven by hand: every Now is built from a fixed origin plus an offset.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/session.hpp"
#include "unit/session_run.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::session_run;

// ---------------------------------------------------------------------------------------------
// Start and the phase sequence

TEST_CASE("start_session emits session_started with the planned total and segment count",
          "[session]") {
    const Run run;
    REQUIRE(run.last.events.size() == 1);
    const UsageEvent& e = run.last.events[0];
    CHECK(e.type == EventType::session_started);
    CHECK(e.ts == wall_at(sec(0)));
    CHECK(e.session_id == "session-1");
    CHECK(e.routine_id == "sample-routine");
    CHECK(e.source == SessionSource::athlete);
    CHECK(e.planned_s == 130);
    CHECK(e.steps_total == 5);
    CHECK_FALSE(e.step_index.has_value());
    CHECK_FALSE(e.reason.has_value());
    CHECK(run.last.cues == std::vector<Cue>{Cue::step_change});

    const Session& s = run.session;
    CHECK(s.phase == Phase::get_ready);
    CHECK(s.segment == 0);
    CHECK(s.phase_length == sec(5));
    CHECK(s.remaining() == sec(5));
    CHECK(s.plan.size() == 5);
    CHECK(s.outcomes == std::vector<Session::Outcome>(5, Session::Outcome::pending));
    CHECK(s.planned_total_s() == 130);
    CHECK_FALSE(s.paused);
    CHECK_FALSE(s.finished());
}

TEST_CASE("start_session carries a class command's source and id into every event", "[session]") {
    SessionStart request;
    request.session_id = "class-7";
    request.routine = sample_routine();
    request.source = SessionSource::class_command;
    request.command_id = "cmd-42";
    SessionUpdate u = start_session(request, at(sec(0)));
    u = advance(u.session, at(sec(500)));
    REQUIRE_FALSE(u.effects.events.empty());
    for (const UsageEvent& e : u.effects.events) {
        CHECK(e.source == SessionSource::class_command);
        CHECK(e.command_id == "cmd-42");
        CHECK(e.session_id == "class-7");
    }
}

TEST_CASE("start_session refuses a missing routine or one without steps", "[session]") {
    SessionStart request;
    request.session_id = "x";
    CHECK_THROWS_AS(start_session(request, at(sec(0))), std::invalid_argument);
    Routine empty;
    empty.id = "empty";
    request.routine = std::make_shared<const Routine>(empty);
    CHECK_THROWS_AS(start_session(request, at(sec(0))), std::invalid_argument);
}

TEST_CASE("get_ready turns into the first active segment after timing.get_ready_s", "[session]") {
    SessionTiming timing;
    timing.get_ready_s = 3;
    Run run(sample_routine(), timing);
    run.to(ms(2999));
    CHECK(run.session.phase == Phase::get_ready);
    CHECK(run.session.remaining() == ms(1));
    CHECK(run.last.cues.empty());
    run.to(sec(3));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 0);
    CHECK(run.session.phase_elapsed == ms(0));
    CHECK(run.session.phase_length == sec(20));
    CHECK(run.last.cues == std::vector<Cue>{Cue::step_change});
    CHECK(run.last.events.empty());
}

TEST_CASE("phases follow the plan: active, rest, active, switch side, active, rest, next step",
          "[session]") {
    Run run;
    struct Expect {
        long long t_ms;
        Phase phase;
        int segment;
        long long length_ms;
    };
    const std::vector<Expect> timeline{
        {4999, Phase::get_ready, 0, 5000},    {5000, Phase::active, 0, 20000},
        {24999, Phase::active, 0, 20000},     {25000, Phase::rest, 1, 10000},
        {34999, Phase::rest, 1, 10000},       {35000, Phase::active, 1, 20000},
        {55000, Phase::switch_side, 2, 5000}, {59999, Phase::switch_side, 2, 5000},
        {60000, Phase::active, 2, 20000},     {80000, Phase::rest, 3, 10000},
        {90000, Phase::active, 3, 20000},     {110000, Phase::next_step, 4, 6000},
        {115999, Phase::next_step, 4, 6000},  {116000, Phase::active, 4, 30000},
        {145999, Phase::active, 4, 30000},
    };
    for (const Expect& x : timeline) {
        run.to(ms(x.t_ms));
        INFO("t = " << x.t_ms << " ms, phase " << name_of(run.session.phase));
        CHECK(run.session.phase == x.phase);
        CHECK(run.session.segment == x.segment);
        CHECK(run.session.phase_length == ms(x.length_ms));
    }
    CHECK(run.session.current_segment().side == Side::both);
    CHECK(run.session.current_step().area == Area::thoracic_spine);
    run.to(sec(146));
    CHECK(run.session.phase == Phase::completed);
    CHECK(run.session.finished());
}

TEST_CASE("the current segment tracks side and set through left-then-right with sets",
          "[session]") {
    Run run;
    struct Expect {
        long long t_s;
        Side side;
        int set;
    };
    for (const Expect& x : std::vector<Expect>{{5, Side::left, 1},
                                               {35, Side::left, 2},
                                               {60, Side::right, 1},
                                               {90, Side::right, 2},
                                               {116, Side::both, 1}}) {
        run.to(sec(x.t_s));
        INFO("t = " << x.t_s << " s");
        REQUIRE(run.session.phase == Phase::active);
        CHECK(run.session.current_segment().side == x.side);
        CHECK(run.session.current_segment().set == x.set);
    }
}

TEST_CASE("custom gap lengths are used and a zero-length gap is skipped", "[session]") {
    SessionTiming timing;
    timing.get_ready_s = 2;
    timing.switch_side_s = 3;
    timing.next_step_s = 0;
    Run run(sample_routine(), timing);
    // 0-2 ready | 2-22 L1 | 22-32 rest | 32-52 L2 | 52-55 switch | 55-75 R1 | 75-85 rest | 85-105
    // R2 | 105-135
    run.to(sec(52));
    CHECK(run.session.phase == Phase::switch_side);
    CHECK(run.session.phase_length == sec(3));
    run.to(sec(55));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 2);
    run.to(sec(105));
    CHECK(run.session.phase == Phase::active);  // no "next step" gap at all
    CHECK(run.session.segment == 4);
    CHECK(run.session.phase_elapsed == ms(0));
    run.to(sec(135));
    CHECK(run.session.phase == Phase::completed);
}

TEST_CASE("a step with rest 0 goes straight from one set to the next", "[session]") {
    Routine r = *sample_routine();
    r.steps[0].rest_s = 0;
    Run run(std::make_shared<const Routine>(r));
    run.to(sec(25));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 1);
    CHECK(run.session.current_segment().set == 2);
}

TEST_CASE("phase and event names are stable", "[session]") {
    CHECK(name_of(Phase::get_ready) == "get_ready");
    CHECK(name_of(Phase::active) == "active");
    CHECK(name_of(Phase::rest) == "rest");
    CHECK(name_of(Phase::switch_side) == "switch_side");
    CHECK(name_of(Phase::next_step) == "next_step");
    CHECK(name_of(Phase::completed) == "completed");
    CHECK(name_of(Phase::abandoned) == "abandoned");
    CHECK(name_of(EventType::session_started) == "session_started");
    CHECK(name_of(EventType::step_completed) == "step_completed");
    CHECK(name_of(EventType::session_completed) == "session_completed");
    CHECK(name_of(EventType::session_abandoned) == "session_abandoned");
    CHECK(name_of(AbandonReason::user_stopped) == "user_stopped");
    CHECK(name_of(AbandonReason::idle_timeout) == "idle_timeout");
    CHECK(name_of(AbandonReason::power_loss) == "power_loss");
    CHECK(name_of(AbandonReason::preempted) == "preempted");
    CHECK(name_of(SessionSource::athlete) == "athlete");
    CHECK(name_of(SessionSource::class_command) == "class");
}

TEST_CASE("the step timer keeps real time however often the loop wakes", "[session][timer]") {
    // A loop woken every 0.3 ms (a busy inbox, a banner's animation) used to lose the fraction
    // of a millisecond each time: a one-minute step took minutes.
    Run run;
    const Millis get_ready = sec(5);
    Instant t = mono_at(Millis{0});
    const Instant end_of_first_segment = mono_at(get_ready + sec(20));
    int wakes = 0;
    while (run.session.segment == 0 && run.session.phase != Phase::rest) {
        t += std::chrono::microseconds{300};
        ++wakes;
        run.take(advance(run.session, Now{t, kOrigin.wall + (t - kOrigin.mono)}));
        REQUIRE(t < end_of_first_segment + Millis{2});
    }
    CHECK(wakes > 80'000);
    // The segment ended within a millisecond of its planned end, after ~83,000 wakes.
    CHECK(t >= end_of_first_segment);
    CHECK(t - end_of_first_segment <= Millis{1});
    REQUIRE_FALSE(run.events.empty());
    CHECK(run.session.active_total == sec(20));
}
