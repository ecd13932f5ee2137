// Presses and releases into taps: a tap counts only on the very target the finger went down
// on, however the screen was redrawn in between; a dimmed screen's touch only wakes it; the
// admin corner is reported down and up.
#include <catch2/catch.hpp>

#include "ui/tap_recognizer.hpp"

namespace rs::ui {
namespace {

using core::act::AdminCorner;
using core::act::OpenRoutine;
using core::act::ShowPage;

Pointer down(Point p) {
    return {Pointer::Kind::down, p};
}
Pointer up(Point p) {
    return {Pointer::Kind::up, p};
}

const TapRecognizer::Context kAwake{false, false, 80};

}  // namespace

TEST_CASE("taps: down and up on one target is that target's action", "[ui][taps]") {
    TapRecognizer taps;
    const std::vector<Hit> hits{{{100, 100, 200, 80}, OpenRoutine{"calves"}}};
    const TouchMeaning pressed = taps.on_pointer(down({150, 140}), hits, kAwake);
    CHECK(pressed.actions.empty());
    CHECK(pressed.redraw);
    REQUIRE(taps.pressed_point());
    const TouchMeaning released = taps.on_pointer(up({250, 120}), hits, kAwake);
    REQUIRE(released.actions.size() == 1);
    const auto* open = core::action_as<OpenRoutine>(released.actions.front());
    REQUIRE(open);
    CHECK(open->id == "calves");
    CHECK_FALSE(taps.pressed_point());
}

TEST_CASE("taps: a screen that changed under the finger fires nothing the finger did not press",
          "[ui][taps]") {
    TapRecognizer taps;
    const Rect where{100, 100, 200, 80};
    taps.on_pointer(down({150, 140}), {{where, OpenRoutine{"calves"}}}, kAwake);
    // Redrawn while the finger is down: another card now sits in the same place.
    const TouchMeaning released =
        taps.on_pointer(up({150, 140}), {{where, OpenRoutine{"shoulders"}}}, kAwake);
    CHECK(released.actions.empty());
}

TEST_CASE("taps: the pressed target still counts when a redraw moved it under the finger",
          "[ui][taps]") {
    TapRecognizer taps;
    taps.on_pointer(down({150, 140}), {{{100, 100, 200, 80}, ShowPage{2}}}, kAwake);
    const TouchMeaning released =
        taps.on_pointer(up({150, 140}), {{{120, 110, 200, 80}, ShowPage{2}}}, kAwake);
    REQUIRE(released.actions.size() == 1);
    CHECK(core::action_as<ShowPage>(released.actions.front())->page == 2);
}

TEST_CASE("taps: a press on empty space is no tap, even if a target is drawn there by the release",
          "[ui][taps]") {
    TapRecognizer taps;
    taps.on_pointer(down({150, 140}), {}, kAwake);
    CHECK(taps.on_pointer(up({150, 140}), {{{100, 100, 200, 80}, ShowPage{1}}}, kAwake)
              .actions.empty());
}

TEST_CASE("taps: the touch that wakes a dimmed screen does nothing else, its release included",
          "[ui][taps]") {
    TapRecognizer taps;
    const std::vector<Hit> hits{{{0, 0, 800, 480}, core::act::OpenLibrary{}}};
    const TouchMeaning woke = taps.on_pointer(down({400, 240}), hits, {true, false, 80});
    REQUIRE(woke.actions.size() == 1);
    CHECK(core::action_is<core::act::Wake>(woke.actions.front()));
    CHECK(taps.on_pointer(up({400, 240}), hits, kAwake).actions.empty());
    // The next touch is an ordinary tap again.
    taps.on_pointer(down({400, 240}), hits, kAwake);
    CHECK(taps.on_pointer(up({400, 240}), hits, kAwake).actions.size() == 1);
}

TEST_CASE("taps: the admin corner is reported held and let go", "[ui][taps]") {
    TapRecognizer taps;
    const TouchMeaning held = taps.on_pointer(down({10, 10}), {}, kAwake);
    REQUIRE(held.actions.size() == 1);
    CHECK(core::action_as<AdminCorner>(held.actions.front())->down);
    const TouchMeaning let_go = taps.on_pointer(up({10, 10}), {}, {false, true, 80});
    REQUIRE(let_go.actions.size() == 1);
    CHECK_FALSE(core::action_as<AdminCorner>(let_go.actions.front())->down);
    // Outside the corner with no hold under way, nothing is said about it.
    CHECK(taps.on_pointer(down({300, 300}), {}, kAwake).actions.empty());
}

}  // namespace rs::ui
