#include "ui/harness.hpp"

using namespace rs;
using core::Screen;
using core::SessionCommand;

namespace {

void open_routine(test::HeadlessKiosk& k, const std::string& id) {
    k.tap_window({400, 240});  // anywhere on the attract screen
    REQUIRE(k.state().screen == Screen::library);
    // Page through the library until the card is on screen.
    for (int page = 0; page < 20; ++page) {
        for (const auto& hit : k.app->hits()) {
            if (const auto* a = core::action_as<core::act::OpenRoutine>(hit.action);
                a && a->id == id) {
                k.tap_window(hit.rect.center());
                REQUIRE(k.state().screen == Screen::detail);
                return;
            }
        }
        k.tap<core::act::ShowPage>(
            [&](const core::act::ShowPage& p) { return p.page > k.state().page; });
    }
    FAIL("routine " << id << " not found in the library");
}

// A left click at `p` queued as SDL gives it, from mouse `which` (SDL_TOUCH_MOUSEID: one SDL
// makes up from a touch).
void push_click(const ui::Point& p, Uint32 which) {
    for (Uint32 type : {SDL_MOUSEBUTTONDOWN, SDL_MOUSEBUTTONUP}) {
        SDL_Event e{};
        e.type = type;
        e.button.which = which;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = p.x;
        e.button.y = p.y;
        SDL_PushEvent(&e);
    }
}

}  // namespace

TEST_CASE("an athlete plays a whole routine by touch, home to summary", "[ui][flow]") {
    test::HeadlessKiosk k({800, 480});
    REQUIRE(k.state().screen == Screen::home);
    open_routine(k, "tennis-ball-glutes");

    k.tap<core::act::StartRoutine>();
    REQUIRE(k.state().safety_visible);  // first routine of the visit: the notice comes first
    k.tap<core::act::AcknowledgeSafety>();
    REQUIRE(k.state().screen == Screen::player);
    REQUIRE(k.state().session_running());
    CHECK(k.state().session->phase == core::Phase::get_ready);

    k.control(SessionCommand::pause);
    CHECK(k.state().session->paused);
    k.advance(core::Millis{20'000});
    CHECK(k.state().session->phase == core::Phase::get_ready);  // paused: time stood still
    k.control(SessionCommand::resume);

    k.advance(core::Millis{6'000});
    CHECK(k.state().session->phase == core::Phase::active);
    k.control(SessionCommand::add_time);
    k.control(SessionCommand::skip);

    // Let the rest of the routine run out on its own (bounded by its planned time plus gaps).
    for (int second = 0; second < 15 * 60 && k.state().screen == Screen::player; ++second) {
        k.advance(core::Millis{1000});
    }
    REQUIRE(k.state().screen == Screen::summary);
    CHECK(k.state().session->phase == core::Phase::completed);

    REQUIRE(!k.events.empty());
    CHECK(k.events.front().type == core::EventType::session_started);
    CHECK(k.events.back().type == core::EventType::session_completed);
    CHECK(k.events.back().steps_skipped == 1);
    std::size_t step_events = 0;
    for (const auto& e : k.events)
        step_events += e.type == core::EventType::step_completed ? 1 : 0;
    CHECK(step_events == k.state().session->plan.size());

    k.tap<core::act::GoHome>();
    CHECK(k.state().screen == Screen::home);
}

TEST_CASE("stopping asks first, and the summary says the routine was stopped", "[ui][flow]") {
    test::HeadlessKiosk k({800, 480});
    open_routine(k, "pre-workout-lower");
    k.tap<core::act::StartRoutine>();
    k.tap<core::act::AcknowledgeSafety>();
    k.advance(core::Millis{10'000});
    k.tap<core::act::RequestStop>();
    REQUIRE(k.state().confirm_stop);
    CHECK_FALSE(k.on_screen<core::act::Control>());  // the dialog is modal
    k.tap<core::act::CancelStop>();
    CHECK(k.state().session_running());
    k.tap<core::act::RequestStop>();
    k.tap<core::act::ConfirmStop>();
    REQUIRE(k.state().screen == Screen::summary);
    REQUIRE(k.events.back().type == core::EventType::session_abandoned);
    CHECK(k.events.back().reason == core::AbandonReason::user_stopped);
}

TEST_CASE("a synthetic mouse event from a touch is not a second tap", "[ui][input]") {
    test::HeadlessKiosk k({800, 480});
    open_routine(k, "pre-workout-lower");
    // A touch on "Back" followed by SDL's own synthetic mouse click for it.
    const ui::Hit* back = nullptr;
    for (const auto& hit : k.app->hits()) {
        if (core::action_is<core::act::OpenLibrary>(hit.action))
            back = &hit;
    }
    REQUIRE(back != nullptr);
    const ui::Point p = back->rect.center();
    push_click(p, SDL_TOUCH_MOUSEID);
    k.app->pump();
    CHECK(k.state().screen == Screen::detail);  // ignored
    // A real mouse click works.
    push_click(p, 0);
    k.app->pump();
    CHECK(k.state().screen == Screen::library);
}

TEST_CASE("a finger that slides off a button does not press it", "[ui][input]") {
    test::HeadlessKiosk k({800, 480});
    open_routine(k, "pre-workout-lower");
    SDL_Event down{}, up{};
    down.type = SDL_FINGERDOWN;
    down.tfinger.fingerId = 3;
    down.tfinger.x = 0.02f;  // the Back button, top left
    down.tfinger.y = 0.08f;
    up = down;
    up.type = SDL_FINGERUP;
    up.tfinger.x = 0.5f;
    up.tfinger.y = 0.5f;
    SDL_PushEvent(&down);
    SDL_PushEvent(&up);
    k.app->pump();
    CHECK(k.state().screen == Screen::detail);
}

TEST_CASE("an unattended kiosk returns home after the idle timeout", "[ui][idle]") {
    test::HeadlessKiosk k({800, 480});
    open_routine(k, "pre-workout-lower");
    k.advance(core::Millis{(k.state().settings.idle_timeout_s + 1) * 1000}, core::Millis{5000});
    CHECK(k.state().screen == Screen::home);
}

TEST_CASE("touch works on a panel mounted rotated", "[ui][rotation]") {
    test::HeadlessKiosk k({480, 800}, 90);  // a landscape canvas on a portrait-mounted window
    REQUIRE(k.app->display().canvas_size() == ui::Size{800, 480});
    // The canvas's top-left Home-area maps to the window's top-right when turned 90 degrees.
    k.tap_window({240, 400});
    REQUIRE(k.state().screen == Screen::library);
    const ui::Hit* home = nullptr;
    for (const auto& hit : k.app->hits()) {
        if (core::action_is<core::act::GoHome>(hit.action))
            home = &hit;
    }
    REQUIRE(home != nullptr);
    const ui::Point c = home->rect.center();     // canvas coordinates
    const ui::Point window{480 - 1 - c.y, c.x};  // canvas turned 90 degrees clockwise
    k.tap_window(window);
    CHECK(k.state().screen == Screen::home);
}

TEST_CASE("an idle kiosk draws only when something changes", "[ui][frames]") {
    test::HeadlessKiosk k({800, 480});
    open_routine(k, "pre-workout-lower");
    const auto frames = k.app->frames();
    const auto rasterised = k.app->text_cache().rasterised();
    k.advance(core::Millis{30'000}, core::Millis{100});
    CHECK(k.app->frames() == frames);  // the detail screen has nothing to animate
    k.app->force_redraw();
    k.app->pump();
    CHECK(k.app->frames() == frames + 1);
    CHECK(k.app->text_cache().rasterised() == rasterised);  // same text: served from the cache
}
