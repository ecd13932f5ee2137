#include "ui/layout.hpp"

namespace rs::ui {

namespace {

// A stretch of one axis of a Rect: its x and w, or its y and h.
struct Span {
    int start;
    int length;
};

enum class From { start, end };

// Cuts up to `amount` off one end of the axis held in `start` and `length` and returns the piece
// cut off; the four take_ functions differ only in the axis and the end.
Span cut(int& start, int& length, int amount, From from) {
    amount = std::clamp(amount, 0, length);
    length -= amount;
    if (from == From::end)
        return {start + length, amount};
    const Span taken{start, amount};
    start += amount;
    return taken;
}

}  // namespace

Rect Rect::take_top(int amount) {
    const Span rows = cut(y, h, amount, From::start);
    return {x, rows.start, w, rows.length};
}

Rect Rect::take_bottom(int amount) {
    const Span rows = cut(y, h, amount, From::end);
    return {x, rows.start, w, rows.length};
}

Rect Rect::take_left(int amount) {
    const Span columns = cut(x, w, amount, From::start);
    return {columns.start, y, columns.length, h};
}

Rect Rect::take_right(int amount) {
    const Span columns = cut(x, w, amount, From::end);
    return {columns.start, y, columns.length, h};
}

std::vector<Rect> split_columns(Rect area, int count, int gap) {
    std::vector<Rect> out;
    if (count <= 0)
        return out;
    const int usable = std::max(0, area.w - gap * (count - 1));
    int x = area.x;
    for (int i = 0; i < count; ++i) {
        // Spread the remainder so the last cell ends exactly at the area's edge.
        const int next_edge = area.x + (usable * (i + 1)) / count + gap * i;
        out.push_back({x, area.y, next_edge - x, area.h});
        x = next_edge + gap;
    }
    return out;
}

std::vector<Rect> split_rows(Rect area, int count, int gap) {
    std::vector<Rect> out;
    for (const Rect& r : split_columns({area.y, area.x, area.h, area.w}, count, gap)) {
        out.push_back({area.x, r.x, area.w, r.w});
    }
    return out;
}

std::vector<Rect> grid(Rect area, int columns, int rows, int gap) {
    std::vector<Rect> out;
    for (const Rect& row : split_rows(area, rows, gap)) {
        for (const Rect& cell : split_columns(row, columns, gap))
            out.push_back(cell);
    }
    return out;
}

Size card_grid_shape(Size canvas) {
    if (canvas.h > canvas.w)
        return {1, 3};
    // Width in design pixels: a 1080p screen is the 7" layout scaled up, so it keeps 2 columns;
    // only genuinely wider screens get a third.
    const double design_width = canvas.w / Scale(canvas).unit();
    return {design_width >= 1100 ? 3 : 2, 2};
}

Size canvas_size(Size window, int degrees) {
    return (degrees == 90 || degrees == 270) ? Size{window.h, window.w} : window;
}

Point window_to_canvas(Point p, Size window, int degrees) {
    switch (degrees) {
        case 90:
            return {p.y, window.w - 1 - p.x};
        case 180:
            return {window.w - 1 - p.x, window.h - 1 - p.y};
        case 270:
            return {window.h - 1 - p.y, p.x};
        default:
            return p;
    }
}

Point touch_to_window(double nx, double ny, Size window) {
    const auto to_pixel = [](double n, int extent) {
        const int v = static_cast<int>(std::floor(n * extent));
        return std::clamp(v, 0, std::max(0, extent - 1));
    };
    return {to_pixel(nx, window.w), to_pixel(ny, window.h)};
}

}  // namespace rs::ui
