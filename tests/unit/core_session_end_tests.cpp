// Unit tests for the end of a session: stop and abandon with their reasons, and a finished session
// that emits nothing more.
#include <catch2/catch.hpp>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/session.hpp"
#include "unit/session_run.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::session_run;

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
