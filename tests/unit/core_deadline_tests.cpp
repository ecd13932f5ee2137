// The shell sleeps until next_deadline: for every screen and class state it must never hand back
// a moment already past (the loop would spin a core), and the step timer must keep real time
// however often the loop wakes.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "rollstation/core/kiosk.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;

namespace {

struct Shell {
    KioskState state;
    Now now = at(Millis{0});

    Shell() {
        Routine r = make_routine("own", "Own routine", Purpose::recovery, Level::beginner,
                                 {make_step(Area::calves, Side::both, 60),
                                  make_step(Area::thoracic_spine, Side::both, 60)});
        auto routine = std::make_shared<const Routine>(std::move(r));
        state.library = std::make_shared<const Library>(std::vector<RoutinePtr>{routine});
        state.last_input = now.mono;
    }
    void act(const Action& a) { state = update(std::move(state), a, now).state; }
    void to(Instant t) {
        now = Now{t, kOrigin.wall + (t - kOrigin.mono)};
        act(act::Tick{});
    }
    void start_own() {
        for (const Action& tap : taps_to_start("own", "mine"))
            act(tap);
    }
    void push_class(Millis start_in) {
        ClassWarmup w;
        w.command_id = "c1";
        w.routine = state.library->routines().front();
        w.start_at = now.wall + start_in;
        act(act::ClassCommand{w});
    }
    // Sleeps from deadline to deadline for `span` as the shell does, checking each one; returns
    // how many times it woke.
    int sleep_through(Millis span) {
        const Instant end = now.mono + span;
        int wakes = 0;
        while (now.mono < end) {
            const auto next = next_deadline(state);
            if (next)
                REQUIRE(*next > now.mono);  // never a moment already past
            to(next ? std::min(*next, end) : end);
            REQUIRE(++wakes < 10'000);
        }
        return wakes;
    }
};

}  // namespace

TEST_CASE("no screen or class state hands the shell a deadline already past", "[deadline]") {
    const std::vector<std::pair<std::string, std::function<void(Shell&)>>> states{
        {"home", [](Shell&) {}},
        {"library", [](Shell& s) { s.act(act::OpenLibrary{}); }},
        {"detail",
         [](Shell& s) {
             s.act(act::OpenLibrary{});
             s.act(act::OpenRoutine{"own"});
         }},
        {"safety notice on the detail screen",
         [](Shell& s) {
             s.act(act::OpenLibrary{});
             s.act(act::OpenRoutine{"own"});
             s.act(act::StartRoutine{"mine"});
         }},
        {"player", [](Shell& s) { s.start_own(); }},
        {"player paused",
         [](Shell& s) {
             s.start_own();
             s.act(act::Control{SessionCommand::pause});
         }},
        {"stop dialog",
         [](Shell& s) {
             s.start_own();
             s.act(act::RequestStop{});
         }},
        {"summary",
         [](Shell& s) {
             s.start_own();
             s.act(act::RequestStop{});
             s.act(act::ConfirmStop{});
         }},
        {"class countdown, confirmed",
         [](Shell& s) {
             s.push_class(sec(20));
             s.act(act::AcknowledgeSafety{});
         }},
        {"class countdown, never confirmed", [](Shell& s) { s.push_class(sec(20)); }},
        {"class offered during a routine",
         [](Shell& s) {
             s.start_own();
             s.push_class(sec(20));
         }},
        {"class offered during a paused routine",
         [](Shell& s) {
             s.start_own();
             s.act(act::Control{SessionCommand::pause});
             s.push_class(sec(20));
         }},
        {"class waiting for the step to end (take over)",
         [](Shell& s) {
             s.state.settings.class_policy = ClassPolicy::take_over_after_step;
             s.start_own();
             s.to(s.now.mono + sec(10));
             s.push_class(sec(1));
         }},
        {"admin corner held", [](Shell& s) { s.act(act::AdminCorner{true}); }},
    };
    for (const auto& [name, arrange] : states) {
        SECTION(name) {
            Shell shell;
            arrange(shell);
            // Ten minutes of sleeping from deadline to deadline: a handful of wakes a second at
            // most (countdown ticks), never a spin.
            const int wakes = shell.sleep_through(sec(600));
            CHECK(wakes < 600);
        }
    }
}

TEST_CASE("an unjoined class keeps the athlete's step on real time", "[deadline][timer]") {
    // The scenario of a class pushed during an athlete's routine, not joined, its start let
    // pass; the loop also wakes every 0.3 ms (a busy inbox). The 60 s step still takes 60 s.
    Shell shell;
    shell.start_own();
    shell.push_class(sec(10));
    const Instant segment_start = shell.now.mono + sec(5);  // after get ready
    while (shell.state.session->phase != Phase::active)
        shell.to(shell.now.mono + std::chrono::microseconds{300});
    const Instant active_from = shell.now.mono;
    while (shell.state.session->segment == 0 && shell.state.session->phase == Phase::active)
        shell.to(shell.now.mono + std::chrono::microseconds{300});
    const double taken = std::chrono::duration<double>(shell.now.mono - active_from).count();
    CHECK(taken == Approx(60.0).epsilon(0.005));
    CHECK(active_from - segment_start < Millis{1});
    CHECK(shell.state.class_offer_visible());  // past its start, still joinable, not joined
}
