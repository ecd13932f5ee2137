// Unit tests for the session engine (start_session, advance, apply, abandon).
// Time is driven by hand: every Now is built from a fixed origin plus an offset, no sleeping.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/session.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;

namespace {

// Plan (default timing: get ready 5 s, switch side 5 s, next step 6 s):
//   0-5 get ready | 5-25 calves L1 | 25-35 rest | 35-55 calves L2 | 55-60 switch side
//   60-80 calves R1 | 80-90 rest | 90-110 calves R2 | 110-116 next step | 116-146 upper back
// Planned total: 2 x (2 x 20 + 10) + 30 = 130 s; rolling time 110 s.
RoutinePtr sample_routine() {
    Routine r = make_routine("sample-routine", "Sample routine", Purpose::recovery, Level::beginner,
                             {make_step(Area::calves, Side::left_then_right, 20, 2, 10),
                              make_step(Area::thoracic_spine, Side::both, 30)});
    r.summary = "Calves with sets, then the upper back";
    r.when = When::after;
    return std::make_shared<const Routine>(std::move(r));
}

// A session plus everything it has emitted so far.
struct Run {
    Session session;
    std::vector<UsageEvent> events;  // all events so far
    std::vector<Cue> cues;           // all cues so far
    SessionEffects last;             // effects of the most recent call

    explicit Run(RoutinePtr routine = sample_routine(), SessionTiming timing = {},
                 Millis start = Millis{0}) {
        SessionStart request;
        request.session_id = "session-1";
        request.routine = std::move(routine);
        request.timing = timing;
        take(start_session(request, at(start)));
    }
    void take(SessionUpdate update) {
        session = std::move(update.session);
        last = std::move(update.effects);
        events.insert(events.end(), last.events.begin(), last.events.end());
        cues.insert(cues.end(), last.cues.begin(), last.cues.end());
    }
    void to(Millis t) { take(advance(session, at(t))); }
    void cmd(SessionCommand command, Millis t) { take(apply(session, command, at(t))); }
    // Ticks every `step` from `from` (exclusive) up to and including `until`.
    void tick(Millis from, Millis until, Millis step) {
        for (Millis t = from + step; t <= until; t += step)
            to(t);
        to(until);
    }
};

std::vector<UsageEvent> of_type(const std::vector<UsageEvent>& events, EventType type) {
    std::vector<UsageEvent> out;
    std::copy_if(events.begin(), events.end(), std::back_inserter(out),
                 [&](const UsageEvent& e) { return e.type == type; });
    return out;
}

long count_cue(const std::vector<Cue>& cues, Cue cue) {
    return std::count(cues.begin(), cues.end(), cue);
}

}  // namespace

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

// ---------------------------------------------------------------------------------------------
// Events and cues

TEST_CASE("one big advance crosses every phase and stamps each event when its phase ended",
          "[session]") {
    Run run;
    run.to(sec(200));
    REQUIRE(run.events.size() == 7);
    const auto steps = of_type(run.events, EventType::step_completed);
    REQUIRE(steps.size() == 5);

    struct Expect {
        long long end_s;
        int step_index;
        Area area;
        Side side;
        int set;
        int planned_s;
    };
    const std::vector<Expect> expected{
        {25, 0, Area::calves, Side::left, 1, 20},
        {55, 0, Area::calves, Side::left, 2, 20},
        {80, 0, Area::calves, Side::right, 1, 20},
        {110, 0, Area::calves, Side::right, 2, 20},
        {146, 1, Area::thoracic_spine, Side::both, 1, 30},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("step_completed #" << i);
        const UsageEvent& e = steps[i];
        CHECK(e.ts == wall_at(sec(expected[i].end_s)));
        CHECK(e.session_id == "session-1");
        CHECK(e.routine_id == "sample-routine");
        CHECK(e.step_index == expected[i].step_index);
        CHECK(e.area == expected[i].area);
        CHECK(e.tool == Tool::foam_roller);
        CHECK(e.side == expected[i].side);
        CHECK(e.set == expected[i].set);
        CHECK(e.planned_s == expected[i].planned_s);
        CHECK(e.active == sec(expected[i].planned_s));
        CHECK_FALSE(e.skipped);
        CHECK_FALSE(e.steps_total.has_value());
    }

    const UsageEvent& done = run.events.back();
    CHECK(done.type == EventType::session_completed);
    CHECK(done.ts == wall_at(sec(146)));
    CHECK(done.planned_s == 130);
    CHECK(done.steps_completed == 5);
    CHECK(done.steps_skipped == 0);
    CHECK(done.steps_total == 5);
    CHECK(done.active == sec(110));
    CHECK(done.elapsed == sec(146));
    CHECK_FALSE(done.reason.has_value());
    CHECK_FALSE(done.step_index.has_value());

    CHECK(run.session.phase == Phase::completed);
    CHECK(run.session.active_total == sec(110));
    CHECK(run.session.count(Session::Outcome::done) == 5);
}

TEST_CASE("ticking in small steps gives exactly the same events as one big advance", "[session]") {
    Run big;
    big.to(sec(200));
    for (long long step_ms : {250LL, 333LL, 1000LL, 7000LL}) {
        INFO("tick every " << step_ms << " ms");
        Run small;
        small.tick(ms(0), sec(200), ms(step_ms));
        CHECK(small.events == big.events);
        CHECK(count_cue(small.cues, Cue::countdown) == count_cue(big.cues, Cue::countdown));
        CHECK(count_cue(small.cues, Cue::step_change) == count_cue(big.cues, Cue::step_change));
        CHECK(count_cue(small.cues, Cue::finished) == 1);
    }
}

TEST_CASE("the events of one big advance carry the session's started time into elapsed",
          "[session]") {
    Run run(sample_routine(), {}, sec(1000));
    run.to(sec(1000 + 500));
    REQUIRE_FALSE(run.events.empty());
    const UsageEvent& done = run.events.back();
    CHECK(done.type == EventType::session_completed);
    CHECK(done.ts == wall_at(sec(1146)));
    CHECK(done.elapsed == sec(146));
}

TEST_CASE("countdown cues sound at 3, 2 and 1 s left, exactly once each", "[session]") {
    Run run;
    run.to(sec(5));
    REQUIRE(run.session.phase == Phase::active);
    std::vector<long long> cue_times;
    for (long long t = 5100; t <= 24900; t += 100) {
        run.to(ms(t));
        for (Cue c : run.last.cues) {
            CHECK(c == Cue::countdown);
            cue_times.push_back(t);
        }
    }
    CHECK(cue_times == std::vector<long long>{22000, 23000, 24000});
}

TEST_CASE("countdown cues come on the first tick at or after each mark with uneven ticks",
          "[session]") {
    Run run;
    run.to(sec(5));
    std::vector<long long> cue_times;
    for (long long t = 5000 + 700; t < 25000; t += 700) {
        run.to(ms(t));
        cue_times.insert(cue_times.end(),
                         static_cast<std::size_t>(count_cue(run.last.cues, Cue::countdown)), t);
    }
    // Marks at 22.0, 23.0, 24.0 s; ticks at 5.7 + 0.7k s: 22.5, 23.2, 24.6.
    CHECK(cue_times == std::vector<long long>{22500, 23200, 24600});
}

TEST_CASE("a single advance across the last three seconds gives three countdown cues",
          "[session]") {
    Run run;
    run.to(sec(5));
    run.to(sec(21));
    CHECK(run.last.cues.empty());
    run.to(ms(24500));
    CHECK(run.last.cues == std::vector<Cue>{Cue::countdown, Cue::countdown, Cue::countdown});
    run.to(sec(25));
    CHECK(run.last.cues == std::vector<Cue>{Cue::step_change});
}

TEST_CASE("no countdown cues sound during gaps or get ready", "[session]") {
    Run run;
    run.tick(ms(0), ms(4999), ms(100));
    CHECK(count_cue(run.cues, Cue::countdown) == 0);
    run.to(sec(25));  // end of the first segment, into the rest
    const long before = count_cue(run.cues, Cue::countdown);
    run.tick(sec(25), ms(34999), ms(100));
    CHECK(count_cue(run.cues, Cue::countdown) == before);
}

TEST_CASE("every new phase gives one step_change cue and the end gives finished", "[session]") {
    Run run;
    CHECK(count_cue(run.cues, Cue::step_change) == 1);  // get ready
    run.to(sec(200));
    // active x5, rest x2, switch side x1, next step x1 after get ready.
    CHECK(count_cue(run.cues, Cue::step_change) == 1 + 9);
    CHECK(count_cue(run.cues, Cue::countdown) == 5 * 3);
    CHECK(count_cue(run.cues, Cue::finished) == 1);
    CHECK(run.cues.back() == Cue::finished);
}

TEST_CASE("session_completed reports active time without pauses and elapsed time with them",
          "[session]") {
    Run run;
    run.to(sec(10));
    run.cmd(SessionCommand::pause, sec(10));
    run.cmd(SessionCommand::resume, sec(70));
    run.to(sec(300));
    const UsageEvent& done = run.events.back();
    REQUIRE(done.type == EventType::session_completed);
    CHECK(done.active == sec(110));
    CHECK(done.elapsed == sec(146 + 60));
    CHECK(done.ts == wall_at(sec(206)));
}

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
    const UsageEvent& done = run.events.back();
    REQUIRE(done.type == EventType::session_completed);
    CHECK(done.steps_completed == 4);
    CHECK(done.steps_skipped == 1);
    CHECK(done.steps_total == 5);
    CHECK(done.active == sec(7 + 90));
}

TEST_CASE("skip during get ready or a gap jumps straight to the upcoming segment", "[session]") {
    Run run;
    run.cmd(SessionCommand::skip, sec(1));
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 0);
    CHECK(run.session.phase_elapsed == ms(0));
    CHECK(run.session.phase_length == sec(20));
    CHECK(run.last.events.empty());

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
    CHECK(run.session.phase == Phase::active);
    CHECK(run.session.segment == 1);
    CHECK(run.session.phase_elapsed == ms(0));
    CHECK(run.session.phase_length == sec(20));
    CHECK(run.last.events.empty());
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
    const UsageEvent& done = run.events.back();
    REQUIRE(done.type == EventType::session_completed);
    CHECK(done.steps_completed == 5);
    CHECK(done.steps_total == 5);
    CHECK(done.steps_skipped == 0);
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

// ---------------------------------------------------------------------------------------------
// Stop and abandon

TEST_CASE("stop abandons the session with reason user_stopped", "[session]") {
    Run run;
    run.to(sec(30));
    run.cmd(SessionCommand::stop, sec(30));
    CHECK(run.session.phase == Phase::abandoned);
    CHECK(run.session.finished());
    CHECK(run.session.end_reason == AbandonReason::user_stopped);
    REQUIRE(run.last.events.size() == 1);
    const UsageEvent& e = run.last.events[0];
    CHECK(e.type == EventType::session_abandoned);
    CHECK(e.reason == AbandonReason::user_stopped);
    CHECK(e.ts == wall_at(sec(30)));
    CHECK(e.planned_s == 130);
    CHECK(e.steps_completed == 1);
    CHECK(e.steps_skipped == 0);
    CHECK(e.steps_total == 5);
    CHECK(e.active == sec(20));
    CHECK(e.elapsed == sec(30));
    CHECK(count_cue(run.last.cues, Cue::finished) == 0);
}

TEST_CASE("stop while paused ends the session and clears the pause", "[session]") {
    Run run;
    run.cmd(SessionCommand::pause, sec(10));
    run.cmd(SessionCommand::stop, sec(50));
    CHECK(run.session.phase == Phase::abandoned);
    CHECK_FALSE(run.session.paused);
    REQUIRE(run.last.events.size() == 1);
    CHECK(run.last.events[0].active == sec(5));
    CHECK(run.last.events[0].elapsed == sec(50));
}

TEST_CASE("abandon records power loss and idle timeout as the reason", "[session]") {
    for (AbandonReason reason :
         {AbandonReason::power_loss, AbandonReason::idle_timeout, AbandonReason::preempted}) {
        INFO("reason " << name_of(reason));
        Run run;
        run.to(sec(15));
        run.take(abandon(run.session, reason, at(sec(15))));
        CHECK(run.session.phase == Phase::abandoned);
        CHECK(run.session.end_reason == reason);
        REQUIRE(run.last.events.size() == 1);
        const UsageEvent& e = run.last.events[0];
        CHECK(e.type == EventType::session_abandoned);
        CHECK(e.reason == reason);
        CHECK(e.steps_completed == 0);
        CHECK(e.steps_total == 5);
        CHECK(e.active == sec(10));
        CHECK(e.elapsed == sec(15));
        CHECK(e.ts == wall_at(sec(15)));
    }
}

TEST_CASE("abandon brings the clock up to date before it closes the session", "[session]") {
    Run run;
    run.take(abandon(run.session, AbandonReason::power_loss, at(sec(60))));
    // Segments 0 and 1 ended at 25 s and 55 s before the cut.
    REQUIRE(run.last.events.size() == 3);
    CHECK(run.last.events[0].type == EventType::step_completed);
    CHECK(run.last.events[1].type == EventType::step_completed);
    CHECK(run.last.events[2].type == EventType::session_abandoned);
    CHECK(run.last.events[2].steps_completed == 2);
    CHECK(run.last.events[2].active == sec(40));
}

TEST_CASE("a finished session emits nothing more", "[session]") {
    const auto check_silent = [](Run& run) {
        const Session before = run.session;
        run.to(sec(5000));
        CHECK(run.last.events.empty());
        CHECK(run.last.cues.empty());
        for (SessionCommand c :
             {SessionCommand::pause, SessionCommand::resume, SessionCommand::skip,
              SessionCommand::back, SessionCommand::add_time, SessionCommand::stop}) {
            run.cmd(c, sec(5001));
            CHECK(run.last.events.empty());
            CHECK(run.last.cues.empty());
            CHECK(run.session.phase == before.phase);
            CHECK(run.session.end_reason == before.end_reason);
        }
        run.take(abandon(run.session, AbandonReason::power_loss, at(sec(5002))));
        CHECK(run.last.events.empty());
        CHECK(run.session.phase == before.phase);
        CHECK(run.session.end_reason == before.end_reason);
        CHECK(run.session.outcomes == before.outcomes);
    };
    SECTION("completed") {
        Run run;
        run.to(sec(200));
        REQUIRE(run.session.phase == Phase::completed);
        check_silent(run);
    }
    SECTION("abandoned") {
        Run run;
        run.cmd(SessionCommand::stop, sec(20));
        REQUIRE(run.session.phase == Phase::abandoned);
        check_silent(run);
    }
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
