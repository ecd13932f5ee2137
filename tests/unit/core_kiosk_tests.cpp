// Unit tests for the kiosk state machine (rs::core::update): browsing, the safety notice and
// starting, stopping, completion and going home. Time is passed in by hand as Now values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "unit/kiosk_station.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;
using namespace rs::test::kiosk_station;

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
