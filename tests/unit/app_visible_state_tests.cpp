// What the loop reads off the state to decide whether a frame is due and how soon samples must
// reach the core.
#include <catch2/catch.hpp>

#include "app/visible_state.hpp"

using namespace rs;

TEST_CASE("sensor figures are shown on the player and during a weigh-in only", "[visible]") {
    core::KioskState s;
    for (const auto screen : {core::Screen::home, core::Screen::library, core::Screen::detail,
                              core::Screen::summary, core::Screen::class_countdown}) {
        s.screen = screen;
        CHECK_FALSE(app::shows_sensor_figures(s));
    }
    s.weigh_in.active = true;
    CHECK(app::shows_sensor_figures(s));
    s.weigh_in.active = false;
    s.screen = core::Screen::player;
    CHECK(app::shows_sensor_figures(s));
}

TEST_CASE("a screen change or a linked roller is a visible change", "[visible]") {
    core::KioskState s;
    const app::Visible home = app::visible(s);
    core::KioskState library = s;
    library.screen = core::Screen::library;
    CHECK_FALSE(app::visible(library) == home);
    core::KioskState linked = s;
    linked.sensors.emplace_back(core::SensorSpec{}, core::MotionSettings{});
    const app::Visible unlinked = app::visible(linked);
    linked.sensors[0].connected = true;
    CHECK_FALSE(app::visible(linked) == unlinked);
}
