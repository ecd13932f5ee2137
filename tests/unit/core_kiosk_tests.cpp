// Unit tests for the kiosk state machine: rs::core::update and rs::core::next_deadline.
// Time is passed in by hand as Now values; nothing sleeps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "unit/sensor_station.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;

namespace {

// "short-one": get ready 5 s, then one 20 s segment: completes 25 s after the start.
// "long-one": six 60 s segments with gaps: several minutes.
std::shared_ptr<const Library> test_library() {
    return std::make_shared<const Library>(std::vector<RoutinePtr>{
        make_routine_ptr("short-one", "Short one", Purpose::recovery, Level::beginner,
                         {make_step(Area::thoracic_spine, Side::both, 20)}),
        make_routine_ptr("long-one", "Long one", Purpose::warm_up, Level::beginner,
                         {make_step(Area::calves, Side::left_then_right, 60),
                          make_step(Area::quadriceps, Side::left_then_right, 60),
                          make_step(Area::glutes, Side::left_then_right, 60)}),
        make_routine_ptr("ball-work", "Ball work", Purpose::targeted, Level::advanced,
                         {make_step(Area::glutes, Side::left_then_right, 45)}),
    });
}

// The kiosk without sensors, on the library above, driven as the sensor tests drive theirs.
struct Kiosk : sensors::Station {
    Kiosk() : Station(std::vector<SensorSpec>{}) { state.library = test_library(); }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Browsing

TEST_CASE("the kiosk starts at home and OpenLibrary shows the library", "[kiosk]") {
    Kiosk k;
    CHECK(k.state.screen == Screen::home);
    CHECK_FALSE(k.state.session.has_value());
    k.act(act::OpenLibrary{}, sec(1));
    CHECK(k.state.screen == Screen::library);
    CHECK(k.state.last_input == mono_at(sec(1)));
    CHECK(k.last.events.empty());
}

TEST_CASE("changing a filter goes back to the first page", "[kiosk]") {
    Kiosk k;
    k.act(act::OpenLibrary{}, sec(1));
    k.act(act::ShowPage{3}, sec(2));
    CHECK(k.state.page == 3);
    k.act(act::SetPurpose{Purpose::recovery}, sec(3));
    CHECK(k.state.filter.purpose == Purpose::recovery);
    CHECK(k.state.page == 0);
    k.act(act::ShowPage{2}, sec(4));
    k.act(act::SetLevel{Level::advanced}, sec(5));
    CHECK(k.state.filter.level == Level::advanced);
    CHECK(k.state.filter.purpose == Purpose::recovery);
    CHECK(k.state.page == 0);
    k.act(act::ShowPage{1}, sec(6));
    k.act(act::SetPurpose{std::nullopt}, sec(7));
    CHECK_FALSE(k.state.filter.purpose.has_value());
    CHECK(k.state.page == 0);
    k.act(act::ShowPage{-4}, sec(8));
    CHECK(k.state.page == 0);
}

TEST_CASE("OpenRoutine shows a known routine and ignores an unknown id", "[kiosk]") {
    Kiosk k;
    k.act(act::OpenLibrary{}, sec(1));
    k.act(act::OpenRoutine{"no-such-routine"}, sec(2));
    CHECK(k.state.screen == Screen::library);
    CHECK(k.state.selected.empty());
    k.act(act::OpenRoutine{"ball-work"}, sec(3));
    CHECK(k.state.screen == Screen::detail);
    CHECK(k.state.selected == "ball-work");
    k.act(act::OpenRoutine{"no-such-routine"}, sec(4));
    CHECK(k.state.screen == Screen::detail);
    CHECK(k.state.selected == "ball-work");
}

// ---------------------------------------------------------------------------------------------
// Safety notice and starting

TEST_CASE("the first start of a visit shows the safety notice, acknowledging it starts the session",
          "[kiosk][safety]") {
    Kiosk k;
    k.state.settings.timing.get_ready_s = 3;
    k.act(act::OpenLibrary{}, sec(1));
    k.act(act::OpenRoutine{"short-one"}, sec(2));
    k.act(act::StartRoutine{"sess-1"}, sec(3));
    CHECK(k.state.safety_visible);
    CHECK(k.state.session_after_safety == "sess-1");
    CHECK_FALSE(k.state.session.has_value());
    CHECK(k.state.screen == Screen::detail);
    CHECK(k.last.events.empty());

    k.act(act::AcknowledgeSafety{}, sec(10));
    CHECK_FALSE(k.state.safety_visible);
    CHECK(k.state.safety_acknowledged);
    CHECK(k.state.session_after_safety.empty());
    CHECK(k.state.screen == Screen::player);
    REQUIRE(k.state.session.has_value());
    CHECK(k.state.session_running());
    CHECK(k.state.session->session_id == "sess-1");
    CHECK(k.state.session->routine->id == "short-one");
    CHECK(k.state.session->timing.get_ready_s == 3);
    CHECK(k.state.session->started_at == mono_at(sec(10)));
    REQUIRE(k.last.events.size() == 1);
    CHECK(k.last.events[0].type == EventType::session_started);
    CHECK(k.last.events[0].session_id == "sess-1");
    CHECK(k.last.events[0].routine_id == "short-one");
    CHECK(k.last.cues == std::vector<Cue>{Cue::step_change});
}

TEST_CASE("a second start in the same visit skips the safety notice", "[kiosk][safety]") {
    Kiosk k;
    k.start("short-one", sec(1), "sess-1");
    REQUIRE(k.state.session_running());
    k.act(act::RequestStop{}, sec(5));
    k.act(act::ConfirmStop{}, sec(6));
    REQUIRE(k.state.screen == Screen::summary);

    k.act(act::OpenLibrary{}, sec(7));
    k.act(act::OpenRoutine{"ball-work"}, sec(8));
    k.act(act::StartRoutine{"sess-2"}, sec(9));
    CHECK_FALSE(k.state.safety_visible);
    CHECK(k.state.screen == Screen::player);
    REQUIRE(k.state.session_running());
    CHECK(k.state.session->session_id == "sess-2");
    CHECK(k.state.session->routine->id == "ball-work");
    REQUIRE(k.last.events.size() == 1);
    CHECK(k.last.events[0].type == EventType::session_started);
}

TEST_CASE("CloseSafety cancels the waiting start", "[kiosk][safety]") {
    Kiosk k;
    k.act(act::OpenLibrary{}, sec(1));
    k.act(act::OpenRoutine{"short-one"}, sec(2));
    k.act(act::StartRoutine{"sess-1"}, sec(3));
    REQUIRE(k.state.safety_visible);
    k.act(act::CloseSafety{}, sec(4));
    CHECK_FALSE(k.state.safety_visible);
    CHECK(k.state.session_after_safety.empty());
    CHECK_FALSE(k.state.safety_acknowledged);
    CHECK_FALSE(k.state.session.has_value());
    CHECK(k.state.screen == Screen::detail);

    // Reading the notice later on does not start the cancelled session.
    k.act(act::ShowSafety{}, sec(5));
    k.act(act::AcknowledgeSafety{}, sec(6));
    CHECK(k.state.safety_acknowledged);
    CHECK_FALSE(k.state.session.has_value());
    CHECK(k.events.empty());
}

TEST_CASE("StartRoutine is ignored away from the detail screen", "[kiosk]") {
    Kiosk k;
    k.act(act::StartRoutine{"sess-1"}, sec(1));
    CHECK_FALSE(k.state.safety_visible);
    CHECK(k.state.screen == Screen::home);
    k.act(act::OpenLibrary{}, sec(2));
    k.act(act::StartRoutine{"sess-1"}, sec(3));
    CHECK_FALSE(k.state.safety_visible);
    CHECK(k.state.screen == Screen::library);
    CHECK_FALSE(k.state.session.has_value());
}

TEST_CASE("ShowSafety during a session pauses it until the athlete resumes", "[kiosk][safety]") {
    Kiosk k;
    k.start("long-one", sec(0));
    k.tick(sec(10));  // 5 s into the first segment
    k.act(act::ShowSafety{}, sec(10));
    CHECK(k.state.safety_visible);
    REQUIRE(k.state.session_running());
    CHECK(k.state.session->paused);
    k.tick(sec(60));
    CHECK(k.state.session->phase_elapsed == sec(5));
    k.act(act::AcknowledgeSafety{}, sec(60));
    CHECK_FALSE(k.state.safety_visible);
    CHECK(k.state.session->paused);
    CHECK(k.state.screen == Screen::player);
    k.act(act::Control{SessionCommand::resume}, sec(61));
    CHECK_FALSE(k.state.session->paused);
    k.tick(sec(63));
    CHECK(k.state.session->phase_elapsed == sec(7));
}

TEST_CASE("browsing actions are ignored while a session runs", "[kiosk]") {
    Kiosk k;
    k.start("short-one", sec(0));
    k.act(act::OpenLibrary{}, sec(1));
    CHECK(k.state.screen == Screen::player);
    k.act(act::OpenRoutine{"ball-work"}, sec(2));
    CHECK(k.state.screen == Screen::player);
    CHECK(k.state.selected == "short-one");
    k.act(act::StartRoutine{"sess-2"}, sec(3));
    CHECK(k.state.session->session_id == "sess-1");
}

TEST_CASE("player controls reach the session and are ignored without one", "[kiosk]") {
    Kiosk k;
    k.act(act::Control{SessionCommand::skip}, sec(1));
    CHECK_FALSE(k.state.session.has_value());
    CHECK(k.last.events.empty());

    k.start("short-one", sec(1));
    k.act(act::Control{SessionCommand::skip}, sec(2));  // get ready -> active
    CHECK(k.state.session->phase == Phase::active);
    k.act(act::Control{SessionCommand::add_time}, sec(3));
    CHECK(k.state.session->phase_length == sec(35));
    k.act(act::Control{SessionCommand::skip}, sec(4));  // the only segment: done
    CHECK(k.state.screen == Screen::summary);
    REQUIRE(k.last.events.size() == 2);
    CHECK(k.last.events[0].skipped);
    CHECK(k.last.events[1].type == EventType::session_completed);
}

// ---------------------------------------------------------------------------------------------
// Stopping

TEST_CASE("RequestStop asks, CancelStop keeps rolling, ConfirmStop abandons", "[kiosk][stop]") {
    Kiosk k;
    k.start("long-one", sec(0));
    k.act(act::RequestStop{}, sec(10));
    CHECK(k.state.confirm_stop);
    CHECK(k.state.session_running());
    k.act(act::CancelStop{}, sec(11));
    CHECK_FALSE(k.state.confirm_stop);
    CHECK(k.state.session_running());
    CHECK(k.state.screen == Screen::player);

    k.act(act::RequestStop{}, sec(20));
    k.act(act::ConfirmStop{}, sec(21));
    CHECK_FALSE(k.state.confirm_stop);
    CHECK_FALSE(k.state.session_running());
    REQUIRE(k.state.session.has_value());
    CHECK(k.state.session->phase == Phase::abandoned);
    CHECK(k.state.screen == Screen::summary);
    REQUIRE(k.last.events.size() == 1);
    CHECK(k.last.events[0].type == EventType::session_abandoned);
    CHECK(k.last.events[0].reason == AbandonReason::user_stopped);
    CHECK(k.last.events[0].elapsed == sec(21));
}

TEST_CASE("RequestStop without a running session does not ask", "[kiosk][stop]") {
    Kiosk k;
    k.act(act::RequestStop{}, sec(1));
    CHECK_FALSE(k.state.confirm_stop);
    k.act(act::ConfirmStop{}, sec(2));
    CHECK(k.events.empty());
}

// ---------------------------------------------------------------------------------------------
// Completion and going home

TEST_CASE("a completed session shows the summary", "[kiosk]") {
    Kiosk k;
    k.start("short-one", sec(0));
    k.act(act::RequestStop{}, sec(20));  // the open question holds the clock
    k.tick(sec(24));
    k.act(act::CancelStop{}, sec(24));  // four seconds behind the dialog did not count
    k.tick(ms(28999));
    CHECK(k.state.screen == Screen::player);
    k.tick(sec(29));
    CHECK(k.state.screen == Screen::summary);
    CHECK_FALSE(k.state.confirm_stop);
    REQUIRE(k.state.session.has_value());
    CHECK(k.state.session->phase == Phase::completed);
    CHECK_FALSE(k.state.session_running());
    REQUIRE_FALSE(k.last.events.empty());
    CHECK(k.last.events.back().type == EventType::session_completed);
    CHECK(k.last.events.back().steps_completed == 1);
    CHECK(std::count(k.last.cues.begin(), k.last.cues.end(), Cue::finished) == 1);
}

TEST_CASE("GoHome resets the visit", "[kiosk]") {
    Kiosk k;
    k.act(act::OpenLibrary{}, sec(0));
    k.act(act::SetPurpose{Purpose::recovery}, sec(0));
    k.act(act::SetLevel{Level::beginner}, sec(0));
    k.act(act::ShowPage{1}, sec(0));
    k.start("short-one", sec(0));
    k.tick(sec(30));
    REQUIRE(k.state.screen == Screen::summary);
    REQUIRE(k.state.safety_acknowledged);

    k.act(act::GoHome{}, sec(31));
    CHECK(k.state.screen == Screen::home);
    CHECK_FALSE(k.state.session.has_value());
    CHECK_FALSE(k.state.safety_acknowledged);
    CHECK_FALSE(k.state.safety_visible);
    CHECK(k.state.session_after_safety.empty());
    CHECK(k.state.selected.empty());
    CHECK(k.state.filter == LibraryFilter{});
    CHECK(k.state.page == 0);
    CHECK(k.last.events.empty());  // the finished session is not closed a second time

    // The next athlete sees the notice again.
    k.act(act::OpenLibrary{}, sec(32));
    k.act(act::OpenRoutine{"short-one"}, sec(32));
    k.act(act::StartRoutine{"sess-2"}, sec(32));
    CHECK(k.state.safety_visible);
    CHECK_FALSE(k.state.session.has_value());
}

TEST_CASE("GoHome during a session abandons it as stopped by the user", "[kiosk]") {
    Kiosk k;
    k.start("long-one", sec(0));
    k.act(act::GoHome{}, sec(30));
    CHECK(k.state.screen == Screen::home);
    CHECK_FALSE(k.state.session.has_value());
    REQUIRE(k.last.events.size() == 1);
    CHECK(k.last.events[0].type == EventType::session_abandoned);
    CHECK(k.last.events[0].reason == AbandonReason::user_stopped);
}

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
