// Unit tests for the session engine's events and cues: when each is emitted and what it carries,
// however the time is ticked.
#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/session.hpp"
#include "unit/session_run.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::session_run;

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
