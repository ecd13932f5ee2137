// The CPU-drawn picture behind the demonstration: shapes cover what they should, edges are
// antialiased over about a pixel, and colours composite as SDL's blend mode would show them.
#include <catch2/catch.hpp>

#include "ui/sprite.hpp"

using rs::ui::Sprite;

namespace {

int alpha(const Sprite& s, int x, int y) {
    return static_cast<int>(s.at(x, y) >> 24);
}
int red(const Sprite& s, int x, int y) {
    return static_cast<int>((s.at(x, y) >> 16) & 0xFF);
}
int blue(const Sprite& s, int x, int y) {
    return static_cast<int>(s.at(x, y) & 0xFF);
}

constexpr SDL_Color kRed{255, 0, 0, 255};
constexpr SDL_Color kBlue{0, 0, 255, 255};

}  // namespace

TEST_CASE("a capsule covers its inside whole, its rim in part and nothing beyond", "[ui][sprite]") {
    Sprite s;
    s.reset({40, 20});
    s.capsule({10, 9.5f}, {30, 9.5f}, 5, kRed);
    CHECK(alpha(s, 20, 9) == 255);  // on the axis
    CHECK(alpha(s, 6, 9) == 255);   // inside the left cap
    CHECK(alpha(s, 20, 3) == 0);    // above it, 6 px from the axis
    CHECK(alpha(s, 2, 9) == 0);     // left of the cap
    CHECK(alpha(s, 37, 9) == 0);    // right of the cap
    // The row whose centre lies on the radius is half covered.
    CHECK(alpha(s, 20, 14) == Approx(128).margin(2));
    CHECK(red(s, 20, 14) == 255);  // straight alpha: the colour stays the colour
}

TEST_CASE("a capsule with equal ends is a disc", "[ui][sprite]") {
    Sprite s;
    s.reset({21, 21});
    s.capsule({10.5f, 10.5f}, {10.5f, 10.5f}, 6, kBlue);
    int covered = 0;
    for (int y = 0; y < 21; ++y)
        for (int x = 0; x < 21; ++x)
            covered += alpha(s, x, y);
    // The area of a circle of radius 6, in whole pixels: pi * 36 = 113.1.
    CHECK(covered / 255.0 == Approx(113.1).margin(1.5));
    CHECK(alpha(s, 10, 10) == 255);
    CHECK(alpha(s, 10, 4) == Approx(128).margin(2));  // its centre on the circle
    CHECK(alpha(s, 10, 3) == 0);
}

TEST_CASE("shapes that reach past the picture are cut at its edges", "[ui][sprite]") {
    Sprite s;
    s.reset({10, 10});
    s.capsule({-20, 5}, {40, 5}, 3, kRed);
    s.bar(-5, -5, 50, 1, kBlue);
    s.triangle({-10, 20}, {5, -30}, {30, 20}, kBlue);
    CHECK(alpha(s, 0, 5) == 255);
    CHECK(alpha(s, 9, 0) == 255);
}

TEST_CASE("a bar between pixels covers each by its share", "[ui][sprite]") {
    Sprite s;
    s.reset({10, 10});
    s.bar(2.5f, 2, 6, 4.25f, kRed);
    CHECK(alpha(s, 1, 2) == 0);
    CHECK(alpha(s, 2, 2) == 128);  // half of its width
    CHECK(alpha(s, 3, 3) == 255);
    CHECK(alpha(s, 3, 4) == 64);  // a quarter of its height
    CHECK(alpha(s, 6, 3) == 0);
}

TEST_CASE("a triangle is filled inside and fades across its edges", "[ui][sprite]") {
    Sprite s;
    s.reset({20, 20});
    s.triangle({2, 2}, {18, 2}, {2, 18}, kRed);
    CHECK(alpha(s, 4, 4) == 255);
    CHECK(alpha(s, 15, 15) == 0);
    // A pixel whose centre lies on the long edge is half covered; one 0.7 px inside, whole.
    CHECK(alpha(s, 9, 10) == Approx(128).margin(2));
    CHECK(alpha(s, 9, 9) == 255);
    // Wound either way, the same triangle.
    Sprite t;
    t.reset({20, 20});
    t.triangle({2, 2}, {2, 18}, {18, 2}, kRed);
    CHECK(t.at(4, 4) == s.at(4, 4));
    CHECK(t.at(9, 10) == s.at(9, 10));
}

TEST_CASE("later shapes go over earlier ones, translucent ones mix", "[ui][sprite]") {
    Sprite s;
    s.reset({10, 10});
    s.bar(0, 0, 10, 10, kRed);
    s.bar(0, 0, 5, 10, {0, 0, 255, 128});
    CHECK(alpha(s, 2, 2) == 255);
    CHECK(red(s, 2, 2) == Approx(127).margin(1));
    CHECK(blue(s, 2, 2) == Approx(128).margin(1));
    CHECK(red(s, 7, 2) == 255);

    // Two translucent layers over nothing: 1 - (1 - 0.5)^2 of the way to opaque.
    Sprite t;
    t.reset({4, 4});
    t.bar(0, 0, 4, 4, {0, 0, 255, 128});
    t.bar(0, 0, 4, 4, {255, 0, 0, 128});
    CHECK(alpha(t, 1, 1) == Approx(192).margin(1));
    CHECK(red(t, 1, 1) == Approx(170).margin(2));  // the later one weighs double
    CHECK(blue(t, 1, 1) == Approx(85).margin(2));

    s.reset({10, 10});
    CHECK(alpha(s, 2, 2) == 0);  // a reset picture is transparent again
}

TEST_CASE("a faded layer is translucent as a whole, its overlaps no darker", "[ui][sprite]") {
    Sprite s;
    s.reset({10, 4});
    s.bar(0, 0, 6, 4, kBlue);
    s.bar(4, 0, 10, 4, kBlue);  // overlapping the first at x 4-5
    s.fade(70);
    CHECK(alpha(s, 1, 1) == 70);
    CHECK(alpha(s, 4, 1) == 70);  // the overlap, the same
    CHECK(blue(s, 4, 1) == 255);
    s.bar(0, 0, 2, 4, kRed);  // drawn after the fade: opaque over it
    CHECK(alpha(s, 1, 1) == 255);
    CHECK(red(s, 1, 1) == 255);
}
