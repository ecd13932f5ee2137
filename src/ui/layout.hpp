// Pure layout maths: scaling from the 7" panel to 1080p, grids, rotation of touch points.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace rs::ui {

struct Point {
    int x = 0, y = 0;
    bool operator==(const Point&) const = default;
};

struct Size {
    int w = 0, h = 0;
    bool operator==(const Size&) const = default;
};

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
    bool operator==(const Rect&) const = default;
    bool contains(Point p) const { return p.x >= x && p.y >= y && p.x < x + w && p.y < y + h; }
    int right() const { return x + w; }
    int bottom() const { return y + h; }
    Point center() const { return {x + w / 2, y + h / 2}; }
    Rect inset(int d) const {
        return {x + d, y + d, std::max(0, w - 2 * d), std::max(0, h - 2 * d)};
    }
    Rect inset(int dx, int dy) const {
        return {x + dx, y + dy, std::max(0, w - 2 * dx), std::max(0, h - 2 * dy)};
    }
    // Slices off the top/bottom/left/right `amount` pixels and returns them; the rest stays in
    // *this.
    Rect take_top(int amount);
    Rect take_bottom(int amount);
    Rect take_left(int amount);
    Rect take_right(int amount);
};

// The design grid is the official 7" Pi panel, 800x480. Everything scales with the short side so
// that a landscape and a portrait screen of the same panel use the same type sizes.
class Scale {
  public:
    explicit Scale(Size canvas) : canvas_(canvas) {
        const int short_side = std::min(canvas.w, canvas.h);
        unit_ = std::max(0.5, short_side / 480.0);
    }
    double unit() const { return unit_; }
    int px(double design_px) const { return static_cast<int>(std::lround(design_px * unit_)); }
    Size canvas() const { return canvas_; }
    bool portrait() const { return canvas_.h > canvas_.w; }
    // At least ~15 mm on the 7" panel (about 5.2 px/mm at 800x480), scaled with the screen.
    int min_touch() const { return px(80); }

  private:
    Size canvas_;
    double unit_;
};

// Splits `area` into `count` equal cells side by side (or stacked), separated by `gap`.
std::vector<Rect> split_columns(Rect area, int count, int gap);
std::vector<Rect> split_rows(Rect area, int count, int gap);

// A grid of `columns` x `rows` cells filled row by row.
std::vector<Rect> grid(Rect area, int columns, int rows, int gap);

// How many library cards fit: wider screens show more columns, taller ones more rows.
Size card_grid_shape(Size canvas);

// The panel is mounted rotated by `degrees` (clockwise) and we draw on a canvas of the rotated
// size. These map between window pixels and canvas pixels.
Size canvas_size(Size window, int degrees);
Point window_to_canvas(Point window_point, Size window, int degrees);

// A normalised touch coordinate (0..1) to a window pixel, clamped to the window.
Point touch_to_window(double nx, double ny, Size window);

}  // namespace rs::ui
