#include "ui/sprite.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace rs::ui {
namespace {

struct Interval {
    float lo = 0, hi = 0;
};

// A capsule's axis, with what every row and rim pixel needs worked out once.
struct Segment {
    SDL_FPoint a, b;
    float dx, dy, length2, length, nx, ny;
    // Divisions done once: every row and rim pixel multiplies instead.
    float inv_length2, inv_dx, inv_nx;

    Segment(SDL_FPoint from, SDL_FPoint to)
        : a(from),
          b(to),
          dx(to.x - from.x),
          dy(to.y - from.y),
          length2(dx * dx + dy * dy),
          length(std::sqrt(length2)),
          nx(length > 0 ? -dy / length : 0),
          ny(length > 0 ? dx / length : 0),
          inv_length2(length2 > 0 ? 1 / length2 : 0),
          inv_dx(std::abs(dx) < 1e-6f ? 0 : 1 / dx),
          inv_nx(std::abs(nx) < 1e-6f ? 0 : 1 / nx) {}

    // Where the row through y = `py` lies within `reach` of the segment: one interval, since a
    // capsule is convex. It is the union of what the two end discs and the band between them
    // give.
    std::optional<Interval> row_within(float reach, float py) const {
        if (reach <= 0)
            return std::nullopt;
        float lo = INFINITY, hi = -INFINITY;
        for (const SDL_FPoint end : {a, b}) {
            const float ey = py - end.y;
            if (ey * ey <= reach * reach) {
                const float half = std::sqrt(reach * reach - ey * ey);
                lo = std::min(lo, end.x - half);
                hi = std::max(hi, end.x + half);
            }
        }
        if (length > 0) {
            // Two constraints linear in x: along the segment, 0 <= (p - a).d <= |d|^2, and
            // across it, |(p - a).n| <= reach.
            float band_lo = -INFINITY, band_hi = INFINITY;
            const auto keep = [&](float inv_slope, float offset, float min, float max) {
                // min <= slope * x + offset <= max; a flat slope keeps all or nothing.
                if (inv_slope == 0) {
                    if (offset < min || offset > max)
                        band_lo = INFINITY;
                    return;
                }
                float x0 = (min - offset) * inv_slope, x1 = (max - offset) * inv_slope;
                if (x0 > x1)
                    std::swap(x0, x1);
                band_lo = std::max(band_lo, x0);
                band_hi = std::min(band_hi, x1);
            };
            keep(inv_dx, -a.x * dx + (py - a.y) * dy, 0, length2);
            keep(inv_nx, -a.x * nx + (py - a.y) * ny, -reach, reach);
            if (band_lo <= band_hi) {
                lo = std::min(lo, band_lo);
                hi = std::max(hi, band_hi);
            }
        }
        if (lo > hi)
            return std::nullopt;
        return Interval{lo, hi};
    }

    float distance(float px, float py) const {
        float t = ((px - a.x) * dx + (py - a.y) * dy) * inv_length2;
        t = std::clamp(t, 0.f, 1.f);
        const float ex = px - (a.x + dx * t), ey = py - (a.y + dy * t);
        return std::sqrt(ex * ex + ey * ey);
    }
};

}  // namespace

void Sprite::reset(Size size) {
    size_ = {std::max(0, size.w), std::max(0, size.h)};
    pixels_.assign(static_cast<std::size_t>(size_.w) * static_cast<std::size_t>(size_.h), 0u);
    drawn_ = {};
}

void Sprite::touch(int x0, int y0, int x1, int y1) {
    if (x1 <= x0 || y1 <= y0)
        return;
    if (drawn_.w <= 0 || drawn_.h <= 0) {
        drawn_ = {x0, y0, x1 - x0, y1 - y0};
        return;
    }
    const int left = std::min(drawn_.x, x0), top = std::min(drawn_.y, y0);
    const int right = std::max(drawn_.right(), x1), bottom = std::max(drawn_.bottom(), y1);
    drawn_ = {left, top, right - left, bottom - top};
}

namespace {

// v / 255, rounded, for v in 0..255 * 255: without a division.
constexpr std::uint32_t div255(std::uint32_t v) {
    v += 128;
    return (v + (v >> 8)) >> 8;
}

// Puts `rgb` at alpha `a` (1..255) over `pixel`, in straight alpha as SDL's blend mode expects.
void over(std::uint32_t& pixel, std::uint32_t rgb, std::uint32_t a) {
    const std::uint32_t under_a = pixel >> 24;
    if (a >= 255 || under_a == 0) {
        pixel = (std::min(a, 255u) << 24) | rgb;
        return;
    }
    if (under_a == 255) {
        // Over an opaque pixel (most of the figure's rims): a plain weighted mean.
        const auto mix = [&](int shift) {
            const std::uint32_t top = (rgb >> shift) & 0xFFu, under = (pixel >> shift) & 0xFFu;
            return div255(top * a + under * (255 - a)) << shift;
        };
        pixel = 0xFF000000u | mix(16) | mix(8) | mix(0);
        return;
    }
    // Both partly transparent (the ghost's overlaps): each colour weighted by its own alpha.
    const float sa = static_cast<float>(a) / 255.f, da = static_cast<float>(under_a) / 255.f;
    const float out_a = sa + da * (1 - sa);
    const float keep = da * (1 - sa) / out_a, put = sa / out_a;
    const auto channel = [&](int shift) {
        const float top = static_cast<float>((rgb >> shift) & 0xFFu);
        const float under = static_cast<float>((pixel >> shift) & 0xFFu);
        return static_cast<std::uint32_t>(top * put + under * keep + 0.5f) << shift;
    };
    pixel = (static_cast<std::uint32_t>(out_a * 255.f + 0.5f) << 24) | channel(16) | channel(8) |
            channel(0);
}

std::uint32_t rgb_of(SDL_Color c) {
    return (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
}

}  // namespace

void Sprite::blend(int x, int y, SDL_Color c, float coverage) {
    const auto a = static_cast<std::uint32_t>(static_cast<float>(c.a) * coverage + 0.5f);
    if (a == 0)
        return;
    over(pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(size_.w) +
                 static_cast<std::size_t>(x)],
         rgb_of(c), a);
}

void Sprite::span(int y, int x0, int x1, SDL_Color c) {
    x0 = std::max(0, x0);
    x1 = std::min(size_.w, x1);
    if (x1 <= x0 || c.a == 0)
        return;
    auto row = pixels_.begin() + static_cast<std::ptrdiff_t>(y) * size_.w;
    if (c.a == 255) {
        std::fill(row + x0, row + x1, 0xFF000000u | rgb_of(c));
        return;
    }
    const std::uint32_t rgb = rgb_of(c);
    for (auto p = row + x0; p != row + x1; ++p)
        over(*p, rgb, c.a);
}

void Sprite::capsule(SDL_FPoint a, SDL_FPoint b, float radius, SDL_Color c) {
    const Segment axis(a, b);
    const int top = std::max(0, static_cast<int>(std::floor(std::min(a.y, b.y) - radius - 1)));
    const int bottom =
        std::min(size_.h, static_cast<int>(std::ceil(std::max(a.y, b.y) + radius + 1)));
    for (int y = top; y < bottom; ++y) {
        const float py = static_cast<float>(y) + 0.5f;
        // Pixel centres within radius - 0.5 are covered whole; out to radius + 0.5 in part.
        const auto outer = axis.row_within(radius + 0.5f, py);
        if (!outer)
            continue;
        const int x_begin = std::max(0, static_cast<int>(std::ceil(outer->lo - 0.5f)));
        const int x_end = std::min(size_.w, static_cast<int>(std::floor(outer->hi - 0.5f)) + 1);
        if (x_end <= x_begin)
            continue;
        int solid_begin = x_end, solid_end = x_end;
        if (const auto inner = axis.row_within(radius - 0.5f, py)) {
            solid_begin = std::clamp(static_cast<int>(std::ceil(inner->lo - 0.5f)), x_begin, x_end);
            solid_end =
                std::clamp(static_cast<int>(std::floor(inner->hi - 0.5f)) + 1, solid_begin, x_end);
        }
        const auto rim = [&](int from, int to) {
            for (int x = from; x < to; ++x) {
                const float d = axis.distance(static_cast<float>(x) + 0.5f, py);
                blend(x, y, c, std::clamp(radius + 0.5f - d, 0.f, 1.f));
            }
        };
        touch(x_begin, y, x_end, y + 1);
        rim(x_begin, solid_begin);
        span(y, solid_begin, solid_end, c);
        rim(solid_end, x_end);
    }
}

void Sprite::triangle(SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color colour) {
    const float area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (std::abs(area) < 1e-6f)
        return;
    const SDL_FPoint v[3] = {a, b, c};
    // Each edge's inward unit normal: the signed distance inside is the least of the three.
    float nx[3], ny[3], off[3];
    for (int i = 0; i < 3; ++i) {
        const SDL_FPoint p = v[i], q = v[(i + 1) % 3];
        const float ex = q.x - p.x, ey = q.y - p.y, len = std::max(1e-6f, std::hypot(ex, ey));
        const float sign = area > 0 ? 1.f : -1.f;
        nx[i] = -ey / len * sign;
        ny[i] = ex / len * sign;
        off[i] = -(nx[i] * p.x + ny[i] * p.y);
    }
    const int left = std::max(0, static_cast<int>(std::floor(std::min({a.x, b.x, c.x}) - 1)));
    const int right = std::min(size_.w, static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}) + 1)));
    const int top = std::max(0, static_cast<int>(std::floor(std::min({a.y, b.y, c.y}) - 1)));
    const int bottom =
        std::min(size_.h, static_cast<int>(std::ceil(std::max({a.y, b.y, c.y}) + 1)));
    touch(left, top, right, bottom);
    for (int y = top; y < bottom; ++y) {
        for (int x = left; x < right; ++x) {
            const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
            float inside = INFINITY;
            for (int i = 0; i < 3; ++i)
                inside = std::min(inside, nx[i] * px + ny[i] * py + off[i]);
            blend(x, y, colour, std::clamp(inside + 0.5f, 0.f, 1.f));
        }
    }
}

void Sprite::bar(float left, float top, float right, float bottom, SDL_Color colour) {
    const int y0 = std::max(0, static_cast<int>(std::floor(top)));
    const int y1 = std::min(size_.h, static_cast<int>(std::ceil(bottom)));
    const int x0 = std::max(0, static_cast<int>(std::floor(left)));
    const int x1 = std::min(size_.w, static_cast<int>(std::ceil(right)));
    // Each pixel covered by the share of its square inside the bar.
    const auto share = [](int i, float from, float to) {
        const float lo = std::max(static_cast<float>(i), from);
        const float hi = std::min(static_cast<float>(i + 1), to);
        return std::max(0.f, hi - lo);
    };
    touch(x0, y0, x1, y1);
    for (int y = y0; y < y1; ++y) {
        const float row = share(y, top, bottom);
        for (int x = x0; x < x1; ++x)
            blend(x, y, colour, row * share(x, left, right));
    }
}

void Sprite::fade(Uint8 alpha) {
    // Only where something was drawn: the rest is transparent already.
    for (int y = drawn_.y; y < drawn_.bottom(); ++y) {
        auto row = pixels_.begin() + static_cast<std::ptrdiff_t>(y) * size_.w;
        for (auto p = row + drawn_.x; p != row + drawn_.right(); ++p) {
            const std::uint32_t a = *p >> 24;
            if (a != 0)
                *p = (div255(a * alpha) << 24) | (*p & 0xFFFFFFu);
        }
    }
}

}  // namespace rs::ui
