#include <catch2/catch.hpp>

#include "ui/layout.hpp"

using namespace rs::ui;

TEST_CASE("the scale follows the short side from the 7-inch panel to 1080p", "[layout]") {
    CHECK(Scale({800, 480}).unit() == Approx(1.0));
    CHECK(Scale({480, 800}).unit() == Approx(1.0));
    CHECK(Scale({1920, 1080}).unit() == Approx(2.25));
    CHECK(Scale({1280, 720}).unit() == Approx(1.5));
    CHECK(Scale({1920, 1080}).px(80) == 180);
    CHECK(Scale({100, 100}).unit() == Approx(0.5));  // never collapses to nothing
    // At least ~15 mm on the 7" panel: 800 px over 154 mm is about 5.2 px/mm.
    CHECK(Scale({800, 480}).min_touch() >= static_cast<int>(15 * 800 / 154.0));
    CHECK(Scale({480, 800}).portrait());
    CHECK_FALSE(Scale({800, 480}).portrait());
}

TEST_CASE("rectangles slice off their edges", "[layout]") {
    Rect r{0, 0, 100, 50};
    CHECK(r.take_top(10) == Rect{0, 0, 100, 10});
    CHECK(r == Rect{0, 10, 100, 40});
    CHECK(r.take_bottom(5) == Rect{0, 45, 100, 5});
    CHECK(r.take_left(20) == Rect{0, 10, 20, 35});
    CHECK(r.take_right(30) == Rect{70, 10, 30, 35});
    CHECK(r == Rect{20, 10, 50, 35});
    CHECK(r.take_top(1000) == Rect{20, 10, 50, 35});  // clamped
    CHECK(r.h == 0);
    CHECK(Rect{10, 10, 20, 20}.contains({10, 10}));
    CHECK_FALSE(Rect{10, 10, 20, 20}.contains({30, 10}));
    CHECK(Rect{0, 0, 10, 10}.inset(20) == Rect{20, 20, 0, 0});
}

TEST_CASE("columns and grids fill their area exactly", "[layout]") {
    const auto cols = split_columns({0, 0, 100, 10}, 3, 5);
    REQUIRE(cols.size() == 3);
    CHECK(cols[0].x == 0);
    CHECK(cols.back().right() == 100);
    for (std::size_t i = 1; i < cols.size(); ++i)
        CHECK(cols[i].x == cols[i - 1].right() + 5);
    const int widest = std::max({cols[0].w, cols[1].w, cols[2].w});
    const int narrowest = std::min({cols[0].w, cols[1].w, cols[2].w});
    CHECK(widest - narrowest <= 1);

    const auto rows = split_rows({5, 0, 10, 100}, 2, 10);
    CHECK(rows[0] == Rect{5, 0, 10, 45});
    CHECK(rows[1] == Rect{5, 55, 10, 45});

    const auto cells = grid({0, 0, 200, 100}, 2, 2, 0);
    REQUIRE(cells.size() == 4);
    CHECK(cells[1] == Rect{100, 0, 100, 50});
    CHECK(cells[2] == Rect{0, 50, 100, 50});
    CHECK(split_columns({0, 0, 10, 10}, 0, 0).empty());
}

TEST_CASE("library cards: two columns on the 7-inch panel and 1080p, one in portrait", "[layout]") {
    CHECK(card_grid_shape({800, 480}) == Size{2, 2});
    CHECK(card_grid_shape({1920, 1080}) == Size{2, 2});
    CHECK(card_grid_shape({2560, 1080}) == Size{3, 2});  // ultra-wide
    CHECK(card_grid_shape({480, 800}) == Size{1, 3});
}

TEST_CASE("touch points map through a rotated panel", "[layout]") {
    const Size window{480, 800};
    CHECK(canvas_size(window, 0) == window);
    CHECK(canvas_size(window, 90) == Size{800, 480});
    CHECK(canvas_size(window, 180) == window);
    CHECK(canvas_size(window, 270) == Size{800, 480});

    CHECK(window_to_canvas({10, 20}, window, 0) == Point{10, 20});
    // 90 degrees clockwise: the canvas's top-left corner is drawn at the window's top-right.
    CHECK(window_to_canvas({479, 0}, window, 90) == Point{0, 0});
    CHECK(window_to_canvas({0, 799}, window, 90) == Point{799, 479});
    CHECK(window_to_canvas({0, 0}, window, 180) == Point{479, 799});
    // 270: the canvas's top-left is at the window's bottom-left.
    CHECK(window_to_canvas({0, 799}, window, 270) == Point{0, 0});
    CHECK(window_to_canvas({479, 0}, window, 270) == Point{799, 479});
}

TEST_CASE("normalised touch coordinates land inside the window", "[layout]") {
    CHECK(touch_to_window(0.0, 0.0, {800, 480}) == Point{0, 0});
    CHECK(touch_to_window(0.5, 0.5, {800, 480}) == Point{400, 240});
    CHECK(touch_to_window(1.0, 1.0, {800, 480}) == Point{799, 479});
    CHECK(touch_to_window(-0.2, 1.7, {800, 480}) == Point{0, 479});  // clamped
}
