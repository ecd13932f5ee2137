// When the loop draws: at once after a tap, at the next refresh for stale figures, on an
// animation's cadence otherwise, and never when the picture on the screen is current and still.
#include <catch2/catch.hpp>

#include "app/frame_pacer.hpp"

using namespace rs;
using namespace std::chrono_literals;

namespace {

struct Paced {
    ui::View view{"Test station"};
    core::KioskState state;
    core::Instant start{10s};
    app::FramePacer pacer{view, start};
    core::Instant period_after(int n) const { return start + n * view.frame_period(); }
};

}  // namespace

TEST_CASE("the first frame is drawn at once and then a still screen asks for none", "[pacer]") {
    Paced p;
    p.state.screen = core::Screen::library;
    REQUIRE(p.pacer.redraw_pending());
    REQUIRE(p.pacer.due(p.state, p.start) == p.start);
    p.pacer.drawn(p.start, p.start);
    CHECK_FALSE(p.pacer.redraw_pending());
    CHECK_FALSE(p.pacer.next_frame(p.state).has_value());
    CHECK_FALSE(p.pacer.due(p.state, p.start + 1h).has_value());
}

TEST_CASE("a tap is drawn on the next turn, whatever the cadence", "[pacer]") {
    Paced p;
    p.state.screen = core::Screen::library;
    p.pacer.drawn(p.start, p.start);
    const core::Instant tap = p.start + 3ms;
    p.pacer.redraw_now();
    CHECK(p.pacer.next_frame(p.state) <= tap);  // the loop does not sleep
    REQUIRE(p.pacer.due(p.state, tap) == tap);
    p.pacer.drawn(tap, tap);
    CHECK_FALSE(p.pacer.due(p.state, tap + 1s).has_value());
}

TEST_CASE("stale figures wait for the next refresh, not longer", "[pacer]") {
    Paced p;
    p.state.screen = core::Screen::library;
    p.pacer.drawn(p.start, p.start);
    p.pacer.mark_stale();
    CHECK(p.pacer.next_frame(p.state) == p.period_after(1));
    CHECK_FALSE(p.pacer.due(p.state, p.start + p.view.frame_period() / 2).has_value());
    REQUIRE(p.pacer.due(p.state, p.period_after(1)) == p.period_after(1));
    p.pacer.drawn(p.period_after(1), p.period_after(1));
    CHECK_FALSE(p.pacer.next_frame(p.state).has_value());
}

TEST_CASE("the home screen drifts once a second", "[pacer]") {
    Paced p;
    p.pacer.drawn(p.start, p.start);
    CHECK(p.pacer.next_frame(p.state) == p.start + ui::View::kAttractFrame);
    p.pacer.mark_stale();  // a live figure on the home screen is shown sooner
    CHECK(p.pacer.next_frame(p.state) == p.period_after(1));
}

TEST_CASE("a frame drawn a little late keeps the cadence, a long stall starts it again",
          "[pacer]") {
    Paced p;
    p.state.screen = core::Screen::home;
    p.pacer.drawn(p.start, p.start);
    const core::Instant slot = p.start + ui::View::kAttractFrame;
    // Woken 4 ms late: the next slot still counts from this one.
    REQUIRE(p.pacer.due(p.state, slot + 4ms) == slot);
    p.pacer.drawn(slot + 4ms, slot);
    CHECK(p.pacer.next_frame(p.state) == slot + ui::View::kAttractFrame);
    // Woken far later than a refresh period: counting from the slot would rush to catch up.
    const core::Instant next = slot + ui::View::kAttractFrame;
    const core::Instant stalled = next + 500ms;
    REQUIRE(p.pacer.due(p.state, stalled) == next);
    p.pacer.drawn(stalled, next);
    CHECK(p.pacer.next_frame(p.state) == stalled + ui::View::kAttractFrame);
}

TEST_CASE("a capture leaves the picture current without moving the cadence", "[pacer]") {
    Paced p;
    p.state.screen = core::Screen::home;
    p.pacer.drawn(p.start, p.start);
    p.pacer.mark_stale();
    p.pacer.drawn_out_of_turn();
    CHECK(p.pacer.next_frame(p.state) == p.start + ui::View::kAttractFrame);
}
