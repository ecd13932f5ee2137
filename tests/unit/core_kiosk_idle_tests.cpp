// Unit tests for the kiosk state machine's idle timeout and rs::core::next_deadline. Time is passed
// in by hand as Now values; nothing sleeps.
#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "unit/kiosk_station.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::kiosk_station;

// ---------------------------------------------------------------------------------------------
// Idle timeout

TEST_CASE("the library, detail and summary screens return home after the idle timeout",
          "[kiosk][idle]") {
    SECTION("library") {
        Kiosk k;
        k.act(act::OpenLibrary{}, sec(10));
        k.act(act::SetLevel{Level::advanced}, sec(10));
        k.tick(ms(99999));
        CHECK(k.state.screen == Screen::library);
        k.tick(sec(100));
        CHECK(k.state.screen == Screen::home);
        CHECK(k.state.filter == LibraryFilter{});
    }
    SECTION("detail") {
        Kiosk k;
        k.act(act::OpenLibrary{}, sec(10));
        k.act(act::OpenRoutine{"ball-work"}, sec(20));
        k.tick(ms(109999));
        CHECK(k.state.screen == Screen::detail);
        k.tick(sec(110));
        CHECK(k.state.screen == Screen::home);
        CHECK(k.state.selected.empty());
    }
    SECTION("detail with the safety notice waiting") {
        Kiosk k;
        k.act(act::OpenLibrary{}, sec(10));
        k.act(act::OpenRoutine{"ball-work"}, sec(10));
        k.act(act::StartRoutine{"sess-1"}, sec(10));
        k.tick(sec(100));
        CHECK(k.state.screen == Screen::home);
        CHECK_FALSE(k.state.safety_visible);
        CHECK(k.state.session_after_safety.empty());
    }
    SECTION("summary, counted from the last touch") {
        Kiosk k;
        k.start("short-one", sec(0));
        k.tick(sec(25));
        REQUIRE(k.state.screen == Screen::summary);
        k.act(act::CancelStop{}, sec(30));  // any touch on the summary
        k.tick(ms(119999));
        CHECK(k.state.screen == Screen::summary);
        k.tick(sec(120));
        CHECK(k.state.screen == Screen::home);
        CHECK_FALSE(k.state.session.has_value());
        CHECK_FALSE(k.state.safety_acknowledged);
        CHECK(k.last.events.empty());
    }
}

TEST_CASE("the idle timeout follows the configured setting", "[kiosk][idle]") {
    Kiosk k;
    k.state.settings.idle_timeout_s = 15;
    k.act(act::OpenLibrary{}, sec(0));
    k.tick(ms(14999));
    CHECK(k.state.screen == Screen::library);
    k.tick(sec(15));
    CHECK(k.state.screen == Screen::home);
}

TEST_CASE("input keeps the kiosk awake and home never times out", "[kiosk][idle]") {
    Kiosk k;
    k.tick(sec(10000));
    CHECK(k.state.screen == Screen::home);
    CHECK(k.last.events.empty());
    k.act(act::OpenLibrary{}, sec(10000));
    for (int i = 1; i <= 10; ++i) {
        k.act(act::ShowPage{i}, sec(10000 + 60 * i));
        k.tick(sec(10000 + 60 * i + 59));
        CHECK(k.state.screen == Screen::library);
    }
}

TEST_CASE("a running session is not abandoned by the idle timeout", "[kiosk][idle]") {
    Kiosk k;
    k.start("long-one", sec(0));
    for (int t = 1; t <= 300; ++t)
        k.tick(sec(t));
    CHECK(k.state.screen == Screen::player);
    REQUIRE(k.state.session_running());
    CHECK(k.of_type(EventType::session_abandoned).empty());
    CHECK(k.of_type(EventType::step_completed).size() >= 3);
}

TEST_CASE("a paused session left alone is abandoned for idle timeout and the kiosk goes home",
          "[kiosk][idle]") {
    Kiosk k;
    k.start("long-one", sec(0));
    k.tick(sec(10));
    k.act(act::Control{SessionCommand::pause}, sec(20));
    k.tick(ms(109999));
    CHECK(k.state.screen == Screen::player);
    CHECK(k.state.session_running());
    CHECK(k.last.events.empty());

    k.tick(sec(110));
    CHECK(k.state.screen == Screen::home);
    CHECK_FALSE(k.state.session.has_value());
    CHECK_FALSE(k.state.safety_acknowledged);
    REQUIRE(k.last.events.size() == 1);
    const UsageEvent& e = k.last.events[0];
    CHECK(e.type == EventType::session_abandoned);
    CHECK(e.reason == AbandonReason::idle_timeout);
    CHECK(e.session_id == "sess-1");
    CHECK(e.active == sec(15));
    CHECK(e.elapsed == sec(110));
    CHECK(e.ts == at(sec(110)).wall);
}

TEST_CASE("a session paused by the safety notice is abandoned when nobody returns",
          "[kiosk][idle]") {
    Kiosk k;
    k.start("long-one", sec(0));
    k.act(act::ShowSafety{}, sec(30));
    k.tick(sec(120));
    CHECK(k.state.screen == Screen::home);
    REQUIRE(k.last.events.size() == 1);
    CHECK(k.last.events[0].reason == AbandonReason::idle_timeout);
}

// An untouched session that runs longer than the idle timeout must not skip its summary: the
// summary stays up for idle_timeout_s after the session ends.
TEST_CASE("a session longer than the idle timeout still shows its summary", "[kiosk][idle]") {
    Kiosk k;
    k.start("long-one", sec(0));
    Millis t{0};
    while (k.of_type(EventType::session_completed).empty() && t < sec(3600)) {
        t += sec(1);
        k.tick(t);
    }
    REQUIRE_FALSE(k.of_type(EventType::session_completed).empty());
    CHECK(k.state.screen == Screen::summary);
    CHECK(k.state.session.has_value());
    k.tick(t + sec(89));
    CHECK(k.state.screen == Screen::summary);
    k.tick(t + sec(90));
    CHECK(k.state.screen == Screen::home);
}

// ---------------------------------------------------------------------------------------------
// Deadlines

TEST_CASE("next_deadline is empty at home and the idle deadline on waiting screens",
          "[kiosk][deadline]") {
    Kiosk k;
    CHECK_FALSE(next_deadline(k.state).has_value());
    k.act(act::OpenLibrary{}, sec(7));
    CHECK(next_deadline(k.state) == mono_at(sec(97)));
    k.act(act::OpenRoutine{"ball-work"}, sec(12));
    CHECK(next_deadline(k.state) == mono_at(sec(102)));
    k.tick(sec(50));  // a tick is not input
    CHECK(next_deadline(k.state) == mono_at(sec(102)));
}

TEST_CASE("next_deadline follows the session's phase ends and countdown marks",
          "[kiosk][deadline]") {
    Kiosk k;
    k.start("short-one", sec(10));
    // Get ready ends at 15 s; no idle deadline while the session runs.
    CHECK(next_deadline(k.state) == mono_at(sec(15)));
    k.tick(sec(15));
    REQUIRE(k.state.session->phase == Phase::active);
    // 20 s segment: countdown marks at 32, 33 and 34 s, the end at 35 s.
    CHECK(next_deadline(k.state) == mono_at(sec(32)));
    k.tick(ms(20500));
    CHECK(next_deadline(k.state) == mono_at(sec(32)));
    k.tick(sec(32));
    CHECK(k.last.cues == std::vector<Cue>{Cue::countdown});
    CHECK(next_deadline(k.state) == mono_at(sec(33)));
    k.tick(sec(33));
    CHECK(next_deadline(k.state) == mono_at(sec(34)));
    k.tick(ms(34500));
    CHECK(next_deadline(k.state) == mono_at(sec(35)));
    k.tick(sec(35));
    CHECK(k.state.screen == Screen::summary);
    // The summary waits for the athlete: the idle deadline counts from when it appeared.
    CHECK(next_deadline(k.state) == mono_at(sec(125)));
}

TEST_CASE("next_deadline of a paused session is the idle deadline only", "[kiosk][deadline]") {
    Kiosk k;
    k.start("long-one", sec(0));
    k.tick(sec(10));
    k.act(act::Control{SessionCommand::pause}, sec(12));
    CHECK(next_deadline(k.state) == mono_at(sec(102)));
    k.act(act::Control{SessionCommand::resume}, sec(40));
    // 7 s into a 60 s segment at 40 s: the first countdown mark is 50 s later.
    CHECK(next_deadline(k.state) == mono_at(sec(90)));
}

TEST_CASE("next_deadline during a gap is the end of the gap", "[kiosk][deadline]") {
    Kiosk k;
    k.start("long-one", sec(0));
    k.tick(sec(66));  // first segment 5-65 s, then a 5 s side switch
    REQUIRE(k.state.session->phase == Phase::switch_side);
    CHECK(next_deadline(k.state) == mono_at(sec(70)));
}

TEST_CASE("a safety notice read on the attract screen does not carry over to the next athlete",
          "[kiosk][safety][idle]") {
    rs::core::KioskState s;
    s.settings.idle_timeout_s = 90;
    s = rs::core::update(std::move(s), rs::core::act::ShowSafety{}, rs::test::at(rs::test::sec(1)))
            .state;
    s = rs::core::update(std::move(s), rs::core::act::AcknowledgeSafety{},
                         rs::test::at(rs::test::sec(2)))
            .state;
    REQUIRE(s.safety_acknowledged);
    REQUIRE(rs::core::next_deadline(s).has_value());  // the visit has a timeout
    s = rs::core::update(std::move(s), rs::core::act::Tick{}, rs::test::at(rs::test::sec(93)))
            .state;
    CHECK_FALSE(s.safety_acknowledged);
    CHECK_FALSE(rs::core::next_deadline(s).has_value());  // and then the kiosk rests

    // A notice left open on the attract screen closes the same way.
    s = rs::core::update(std::move(s), rs::core::act::ShowSafety{},
                         rs::test::at(rs::test::sec(100)))
            .state;
    s = rs::core::update(std::move(s), rs::core::act::Tick{}, rs::test::at(rs::test::sec(191)))
            .state;
    CHECK_FALSE(s.safety_visible);
}
