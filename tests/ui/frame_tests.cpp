// Redraw discipline on the player, through the view's own counts: a frame in which only the
// moving parts moved copies the retained still picture and draws those parts alone.
#include "ui/harness.hpp"

using namespace rs;

namespace {

void start_player(test::HeadlessKiosk& k, const std::string& id) {
    k.app->dispatch(core::act::OpenLibrary{});
    k.app->dispatch(core::act::OpenRoutine{id});
    k.app->dispatch(core::act::StartRoutine{"frame-tests"});
    k.app->dispatch(core::act::AcknowledgeSafety{});
    k.app->pump();
}

// The interpolated time the ring shows, in milliseconds, as the player computes it.
core::Millis shown_remaining(const test::HeadlessKiosk& k) {
    const core::Session& s = *k.state().session;
    return s.remaining() -
           std::chrono::duration_cast<core::Millis>(k.clock.now().mono - s.last_advance);
}

// Moves the clock a frame at a time until the countdown's shown second has just begun.
void to_start_of_a_second(test::HeadlessKiosk& k) {
    for (int i = 0; i < 200 && shown_remaining(k).count() % 1000 < 900; ++i)
        k.advance(core::Millis{17}, core::Millis{17});
    REQUIRE(shown_remaining(k).count() % 1000 >= 900);
}

}  // namespace

TEST_CASE("a frame in which only the countdown moved draws only the moving parts", "[ui][frames]") {
    test::HeadlessKiosk k({800, 480});
    start_player(k, "pre-run");
    // Into the rolling phase, past the flash that marks its start.
    k.advance(core::Millis{5000 + 2 * ui::View::kFlashLength.count()}, core::Millis{17});
    REQUIRE(k.state().session->phase == core::Phase::active);
    to_start_of_a_second(k);
    const auto frames = k.app->frames();

    // A frame later the arc and the figure have moved; the digits still show the same second.
    k.advance(core::Millis{17}, core::Millis{17});
    REQUIRE(k.app->frames() == frames + 1);
    const ui::FrameReport& moved = k.app->last_frame_report();
    CHECK(moved.retained);
    CHECK(moved.partial);  // the software renderer keeps its canvas: only those areas change
    CHECK_FALSE(moved.still_redrawn);
    CHECK(moved.still_draw_calls == 0);
    // The demonstration's picture and the ring's cells at the arc's moving end, nothing else.
    CHECK(moved.moving_draw_calls >= 2);
    CHECK(moved.moving_draw_calls <= 6);
    // What is restored and shown again: the figure's box and a sliver of the ring.
    CHECK(moved.shown_pixels < 800 * 480 / 8);

    // Over the next second the digits change once: the still parts are drawn again once.
    int redrawn = 0, still_calls = 0;
    for (int frame = 0; frame < 58; ++frame) {
        k.advance(core::Millis{17}, core::Millis{17});
        if (k.app->last_frame_report().still_redrawn) {
            ++redrawn;
            still_calls = k.app->last_frame_report().still_draw_calls;
        }
    }
    CHECK(redrawn == 1);
    CHECK(still_calls > 20);  // text, buttons, the ring's track: all of the still picture
}

TEST_CASE("with the demonstration hidden, a frame shows again only where the arc and the dot moved",
          "[ui][frames]") {
    test::HeadlessKiosk k({800, 480});
    start_player(k, "pre-run");
    k.app->dispatch(core::act::ShowDemo{false});
    k.advance(core::Millis{5000 + 2 * ui::View::kFlashLength.count()}, core::Millis{17});
    REQUIRE(k.state().session->phase == core::Phase::active);
    to_start_of_a_second(k);
    k.advance(core::Millis{17}, core::Millis{17});
    const ui::FrameReport& moved = k.app->last_frame_report();
    REQUIRE(moved.partial);
    CHECK_FALSE(moved.still_redrawn);
    // The ring now fills the side: redrawing it whole would be about 60,000 pixels; its arc's end
    // and the pacing dot's old and new places are a few thousand.
    CHECK(moved.shown_pixels > 0);
    CHECK(moved.shown_pixels < 6000);
    CHECK(moved.moving_draw_calls <= 8);
}

TEST_CASE("the player's moving parts get a frame at every refresh, none when paused",
          "[ui][frames]") {
    test::HeadlessKiosk k({800, 480});
    start_player(k, "pre-run");
    k.advance(core::Millis{5000}, core::Millis{17});
    REQUIRE(k.state().session->phase == core::Phase::active);
    // A second of pumping every 4 ms, as a loop woken by sensors would: 60 frames, not 250.
    const auto before = k.app->frames();
    k.advance(core::Millis{1000}, core::Millis{4});
    CHECK(k.app->frames() - before >= 59);
    CHECK(k.app->frames() - before <= 61);

    k.control(core::SessionCommand::pause);
    const auto paused = k.app->frames();
    k.advance(core::Millis{5000}, core::Millis{17});
    CHECK(k.app->frames() == paused);  // nothing moves, nothing is drawn
}

TEST_CASE("a modal layer is drawn whole, and the player's picture comes back the same",
          "[ui][frames]") {
    test::HeadlessKiosk k({800, 480});
    start_player(k, "pre-run");
    k.advance(core::Millis{5000}, core::Millis{17});
    const ui::Image before = k.app->render_and_capture();
    REQUIRE(k.app->last_frame_report().retained);
    // The stop dialog's shade covers the moving parts too: that frame is drawn whole, in order.
    k.tap<core::act::RequestStop>();
    REQUIRE(k.state().confirm_stop);
    CHECK_FALSE(k.app->last_frame_report().retained);
    k.tap<core::act::CancelStop>();
    const ui::Image after = k.app->render_and_capture();  // the same instant: nothing moved
    CHECK(k.app->last_frame_report().retained);
    CHECK(after.rgba == before.rgba);
}

TEST_CASE("frames that restore only the moving parts' areas add up to the whole picture",
          "[ui][frames]") {
    test::HeadlessKiosk k({800, 480});
    start_player(k, "pre-run");
    k.advance(core::Millis{7000}, core::Millis{17});  // get ready, the flash, two seconds rolling
    const ui::Image pieced = k.app->render_and_capture();
    REQUIRE(k.app->last_frame_report().partial);
    // An exposed window is drawn and shown whole: at the same instant it must look the same.
    SDL_Event exposed{};
    exposed.type = SDL_WINDOWEVENT;
    exposed.window.event = SDL_WINDOWEVENT_EXPOSED;
    SDL_PushEvent(&exposed);
    k.app->pump();
    REQUIRE(k.app->last_frame_report().still_redrawn);
    CHECK_FALSE(k.app->last_frame_report().partial);
    const ui::Image whole = k.app->render_and_capture();
    CHECK(whole.rgba == pieced.rgba);
}

TEST_CASE(
    "the step-change flash repaints the whole screen once per step of its fade, not every "
    "refresh",
    "[ui][frames]") {
    test::HeadlessKiosk k({800, 480});
    start_player(k, "pre-run");
    k.advance(core::Millis{4800}, core::Millis{17});
    REQUIRE(k.state().session->phase == core::Phase::get_ready);
    int whole_screen = 0, frames = 0;
    const auto first = k.app->frames();
    for (int i = 0; i < 50; ++i) {  // past the go cue and its whole flash
        k.advance(core::Millis{17}, core::Millis{17});
        if (k.app->last_frame_report().shown_pixels >= std::int64_t{800} * 480)
            ++whole_screen;
    }
    frames = static_cast<int>(k.app->frames() - first);
    REQUIRE(k.state().session->phase == core::Phase::active);
    CHECK(frames >= 45);       // the figure and the ring kept moving at every refresh
    CHECK(whole_screen >= 2);  // the flash was shown, and it faded
    CHECK(whole_screen <= ui::View::kFlashSteps + 1);  // +1: the still picture the cue redrew
}
