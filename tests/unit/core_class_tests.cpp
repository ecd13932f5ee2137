// Class warm-ups in the kiosk state: acceptance, the synchronized start, joining, cancelling.
#include <catch2/catch.hpp>

#include "rollstation/core/kiosk.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using rs::test::at;
using rs::test::sec;

namespace {

struct Station {
    KioskState state;
    std::vector<CommandResult> results;
    std::vector<UsageEvent> events;
    Millis now{0};

    Station() {
        Routine r = rs::test::make_routine("pre-run", "Pre-run", Purpose::warm_up, Level::beginner);
        auto routine = std::make_shared<const Routine>(std::move(r));
        state.library = std::make_shared<const Library>(std::vector<RoutinePtr>{routine});
    }
    void act(const Action& a) {
        KioskUpdate u = update(std::move(state), a, at(now));
        state = std::move(u.state);
        results.insert(results.end(), u.effects.results.begin(), u.effects.results.end());
        events.insert(events.end(), u.effects.events.begin(), u.effects.events.end());
    }
    // The athlete starts "pre-run" (session "mine") from the library.
    void start_own_session() {
        for (const Action& tap : rs::test::taps_to_start("pre-run", "mine"))
            act(tap);
    }
    void wait(Millis d) {
        for (Millis end = now + d; now < end;) {
            now += std::min(Millis{500}, end - now);
            act(act::Tick{});
        }
    }
    ClassWarmup warmup(const std::string& id, Millis start_in) const {
        ClassWarmup w;
        w.command_id = id;
        w.routine = state.library->routines().front();
        w.start_at = at(now).wall + start_in;
        w.coach = "Sam";
        w.message = "Team A";
        return w;
    }
    bool has(const std::string& id, CommandOutcome o) const {
        for (const auto& r : results)
            if (r.command_id == id && r.outcome == o)
                return true;
        return false;
    }
};

}  // namespace

TEST_CASE("a class is accepted, counts down and starts on time with source class", "[class]") {
    Station st;
    st.act(act::ClassCommand{st.warmup("c1", sec(45))});
    CHECK(st.has("c1", CommandOutcome::accepted));
    CHECK(st.state.screen == Screen::class_countdown);
    CHECK(st.state.class_needs_confirmation());
    CHECK(next_deadline(st.state) == at(sec(45)).mono);
    st.act(act::OpenLibrary{});
    CHECK(st.state.screen == Screen::class_countdown);  // the countdown holds the screen
    st.wait(sec(10));
    st.act(act::AcknowledgeSafety{});  // "I'm ready" on the countdown
    CHECK_FALSE(st.state.class_needs_confirmation());
    st.wait(sec(34));
    CHECK_FALSE(st.state.session_running());
    st.wait(sec(1));
    REQUIRE(st.state.session_running());
    CHECK(st.has("c1", CommandOutcome::started));
    CHECK(st.state.session->source == SessionSource::class_command);
    CHECK(st.state.session->command_id == "c1");
    CHECK_FALSE(st.state.safety_visible);
    REQUIRE(!st.events.empty());
    CHECK(st.events.front().type == EventType::session_started);
    CHECK(st.events.front().command_id == "c1");
    CHECK(st.events.front().source == SessionSource::class_command);
}

TEST_CASE("a class's end is reported: completed, or cancelled when stopped early", "[class]") {
    Station st;
    st.act(act::ClassCommand{st.warmup("c1", sec(1))});
    st.act(act::AcknowledgeSafety{});
    st.wait(sec(2));
    REQUIRE(st.state.session_running());
    st.wait(sec(600));
    CHECK(st.has("c1", CommandOutcome::completed));

    Station early;
    early.act(act::ClassCommand{early.warmup("c2", sec(1))});
    early.act(act::AcknowledgeSafety{});
    early.wait(sec(3));
    early.act(act::RequestStop{});
    early.act(act::ConfirmStop{});
    CHECK(early.has("c2", CommandOutcome::cancelled));
}

TEST_CASE("repeats are acted on once, a late start and a second class are refused", "[class]") {
    Station st;
    const auto w = st.warmup("c1", sec(30));
    st.act(act::ClassCommand{w});
    st.act(act::ClassCommand{w});
    CHECK(st.results.size() == 1);
    st.act(act::ClassCommand{st.warmup("c2", sec(60))});
    CHECK(st.has("c2", CommandOutcome::rejected));
    CHECK(st.results.back().reason == "class c1 is already waiting here");
    st.act(act::ClassCommand{st.warmup("c3", -sec(20))});
    CHECK(st.has("c3", CommandOutcome::rejected));
    CHECK_THAT(st.results.back().reason, Catch::StartsWith("start_at is 20 s in the past"));
}

TEST_CASE("a coach cancels a waiting class or a running one, an unknown one is refused",
          "[class]") {
    Station st;
    st.act(act::ClassCommand{st.warmup("c1", sec(30))});
    st.act(act::ClassCommand{CancelClass{"x1", "c1"}});
    CHECK(st.has("c1", CommandOutcome::cancelled));
    CHECK(st.has("x1", CommandOutcome::accepted));
    CHECK_FALSE(st.state.pending_class);
    CHECK(st.state.screen == Screen::home);

    st.act(act::ClassCommand{st.warmup("c2", sec(1))});
    st.act(act::AcknowledgeSafety{});
    st.wait(sec(2));
    REQUIRE(st.state.session_running());
    st.act(act::ClassCommand{CancelClass{"x2", "c2"}});
    CHECK(st.has("c2", CommandOutcome::cancelled));
    CHECK(st.events.back().reason == AbandonReason::preempted);

    st.act(act::ClassCommand{CancelClass{"x3", "nope"}});
    CHECK(st.has("x3", CommandOutcome::rejected));
}

TEST_CASE("an athlete's own session is never thrown away without a tap", "[class]") {
    Station st;
    st.start_own_session();
    REQUIRE(st.state.session_running());
    st.act(act::ClassCommand{st.warmup("c1", sec(5))});
    CHECK(st.state.class_offer_visible());
    st.wait(sec(20));
    CHECK(st.state.session->session_id == "mine");  // still theirs
    st.act(act::JoinClass{});
    REQUIRE(st.state.session_running());
    CHECK(st.state.session->command_id == "c1");
    bool preempted = false;
    for (const auto& e : st.events)
        preempted = preempted || (e.session_id == "mine" && e.reason == AbandonReason::preempted);
    CHECK(preempted);
}

TEST_CASE("with take-over policy the class begins after the current step", "[class]") {
    Station st;
    st.state.settings.class_policy = ClassPolicy::take_over_after_step;
    st.start_own_session();
    st.wait(sec(6));  // rolling the first step
    REQUIRE(st.state.session->phase == Phase::active);
    st.act(act::ClassCommand{st.warmup("c1", sec(1))});
    st.wait(sec(3));
    CHECK(st.state.session->session_id == "mine");  // the step is finished first
    st.wait(sec(40));
    REQUIRE(st.state.session_running());
    CHECK(st.state.session->command_id == "c1");
}

TEST_CASE("a class nobody joins lapses and never starts by itself later", "[class]") {
    Station st;
    st.start_own_session();
    st.act(act::Control{SessionCommand::pause});  // paused long, yet the athlete is present
    st.state.settings.idle_timeout_s = 3600;
    st.act(act::ClassCommand{st.warmup("c1", sec(1))});
    st.wait(sec(30));
    CHECK(st.state.class_offer_visible());  // still joinable for a while after its start
    st.wait(st.state.settings.class_join_window);
    CHECK(st.has("c1", CommandOutcome::not_joined));
    CHECK(st.results.back().reason == "lapsed");
    CHECK_FALSE(st.state.pending_class);
    CHECK(st.state.session->session_id == "mine");
}

TEST_CASE("a class offered during a routine that ends first lapses instead of starting",
          "[class]") {
    // Tapping Done on your own routine must not start a class nobody asked for (perhaps with
    // nobody left at the station), nor count it as a session.
    Station st;
    st.start_own_session();
    st.act(act::ClassCommand{st.warmup("c1", sec(20))});
    st.wait(sec(10));
    st.act(act::RequestStop{});
    st.act(act::ConfirmStop{});
    REQUIRE(st.state.screen == Screen::summary);
    st.wait(sec(30));
    CHECK(st.has("c1", CommandOutcome::not_joined));
    CHECK_FALSE(st.has("c1", CommandOutcome::started));
    st.act(act::GoHome{});
    st.wait(sec(120));
    CHECK_FALSE(st.state.session_running());
    CHECK(st.state.screen == Screen::home);
}

TEST_CASE("Not now declines the class and keeps the athlete's routine", "[class]") {
    Station st;
    st.start_own_session();
    st.act(act::ClassCommand{st.warmup("c1", sec(30))});
    REQUIRE(st.state.class_offer_visible());
    st.act(act::DeclineClass{});
    CHECK_FALSE(st.state.class_offer_visible());
    CHECK(st.has("c1", CommandOutcome::not_joined));
    CHECK(st.results.back().reason == "declined");
    st.wait(sec(60));
    CHECK(st.state.session->session_id == "mine");
}

TEST_CASE("a class on a station nobody has confirmed the notice on waits, then lapses", "[class]") {
    Station st;
    st.act(act::ClassCommand{st.warmup("c1", sec(5))});
    st.wait(sec(6));
    CHECK_FALSE(st.state.session_running());  // nobody said they are ready
    CHECK(st.state.screen == Screen::class_countdown);
    CHECK(st.state.class_needs_confirmation());
    SECTION("confirmed late: the class begins at once") {
        st.act(act::AcknowledgeSafety{});
        REQUIRE(st.state.session_running());
        CHECK(st.has("c1", CommandOutcome::started));
    }
    SECTION("never confirmed: the class lapses and the kiosk goes home") {
        st.wait(st.state.settings.class_join_window);
        CHECK(st.has("c1", CommandOutcome::not_joined));
        CHECK(st.state.screen == Screen::home);
        CHECK(st.events.empty());  // no session was counted
    }
}

TEST_CASE("a class start follows the wall clock when NTP steps it", "[class]") {
    Station st;
    st.act(act::ClassCommand{st.warmup("c1", sec(60))});
    st.act(act::AcknowledgeSafety{});
    // The wall clock steps back an hour: the start is now an hour and a minute away, and the
    // kiosk waits that long without a wake in between.
    const Now stepped{at(st.now).mono, at(st.now).wall - std::chrono::hours{1}};
    st.state = update(std::move(st.state), act::Tick{}, stepped).state;
    const auto next = next_deadline(st.state);
    REQUIRE(next);
    CHECK(*next - stepped.mono == std::chrono::hours{1} + sec(60));
}
