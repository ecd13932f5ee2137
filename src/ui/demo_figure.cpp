#include "ui/demo_figure.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rs::ui {
namespace {

using core::pose::Capsule;
using core::pose::Vec2;

constexpr SDL_Color kBody{196, 206, 222, 255};
constexpr SDL_Color kBodyFar{118, 128, 146, 255};
constexpr SDL_Color kGhost{88, 166, 255, 255};  // faded to kGhostAlpha as a whole
constexpr Uint8 kGhostAlpha = 70;
constexpr SDL_Color kTarget{255, 184, 77, 255};
constexpr SDL_Color kFloor{62, 72, 90, 255};
constexpr SDL_Color kArrow{46, 204, 143, 255};

// World (metres, y up) to screen pixels, fitted to the box around everything the loop shows.
struct View {
    double scale = 1;
    double x0 = 0, y0 = 0;  // the screen point of world (0, 0)
    SDL_FPoint at(Vec2 p) const {
        return {static_cast<float>(x0 + p.x * scale), static_cast<float>(y0 - p.y * scale)};
    }
};

struct Bounds {
    double left = 1e9, right = -1e9, top = -1e9;
    void take(double x, double y, double r) {
        left = std::min(left, x - r);
        right = std::max(right, x + r);
        top = std::max(top, y + r);
    }
};

View fit_view(Rect box, const core::Demo& demo, core::Side side) {
    Bounds b;
    b.take(0, 0, 0);
    // The whole loop, so the camera holds still while the figure moves.
    for (int s = 0; s < 16; ++s) {
        const auto p = core::for_side(core::pose_at(demo, s / 8.0), side);
        for (const Capsule& c : core::pose::solve(demo.skeleton, p).parts) {
            b.take(c.from.x, c.from.y, c.radius * 1.3);
            b.take(c.to.x, c.to.y, c.radius * 1.3);
        }
        b.take(p.tool.x, p.tool.y, core::pose::tool_radius(demo.tool));
    }
    if (demo.support.kind == core::Support::Kind::wall) {
        const double wall = side == core::Side::right ? -demo.support.wall_x : demo.support.wall_x;
        b.take(wall, 0, 0.06);
    }
    const double floor_room = 0.08;  // the floor's thickness below y = 0
    const double w = std::max(0.5, b.right - b.left), h = std::max(0.5, b.top + floor_room);
    View v;
    v.scale = std::min(box.w * 0.92 / w, box.h * 0.9 / h);
    v.x0 = box.x + box.w / 2.0 - (b.left + w / 2) * v.scale;
    v.y0 = box.y + box.h / 2.0 + (h / 2 - floor_room) * v.scale;
    return v;
}

// The soft edge the figure was designed with: coverage falls to half 0.6 px outside the radius
// and is gone 1.1 px out.
constexpr float kSoftEdge = 0.6f;

// The figure's shapes, kept until all are known, so the picture is only as large as what they
// cover at this moment (the box holds the whole loop): less to clear, copy and blend each frame.
class Shapes {
  public:
    void capsule(SDL_FPoint a, SDL_FPoint b, float radius, SDL_Color colour) {
        shapes_.push_back({false, a, b, {}, radius, colour});
    }
    void triangle(SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color colour) {
        shapes_.push_back({true, a, b, c, 0, colour});
    }
    // Makes everything drawn so far translucent, as one layer: the ghost is drawn opaque and
    // then faded, so it reads as one silhouette (its overlapping parts do not darken each other)
    // and costs plain fills instead of a blend at every pixel.
    void fade_so_far(Uint8 alpha) { fades_.push_back({shapes_.size(), alpha}); }
    // Every pixel the shapes may touch, within `size`.
    Rect bounds(Size size) const {
        float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
        for (const Shape& s : shapes_) {
            const float reach = s.radius + 1;
            for (const SDL_FPoint p : {s.a, s.b, s.triangle ? s.c : s.a}) {
                x0 = std::min(x0, p.x - reach);
                y0 = std::min(y0, p.y - reach);
                x1 = std::max(x1, p.x + reach);
                y1 = std::max(y1, p.y + reach);
            }
        }
        const int left = std::max(0, static_cast<int>(std::floor(x0)));
        const int top = std::max(0, static_cast<int>(std::floor(y0)));
        const int right = std::min(size.w, static_cast<int>(std::ceil(x1)));
        const int bottom = std::min(size.h, static_cast<int>(std::ceil(y1)));
        return {left, top, std::max(0, right - left), std::max(0, bottom - top)};
    }
    // Draws them, in order, into `out`, whose corner is at `origin`.
    void draw(Sprite& out, SDL_FPoint origin) const {
        const auto local = [&](SDL_FPoint p) { return SDL_FPoint{p.x - origin.x, p.y - origin.y}; };
        std::size_t next_fade = 0;
        for (std::size_t i = 0; i <= shapes_.size(); ++i) {
            for (; next_fade < fades_.size() && fades_[next_fade].after == i; ++next_fade)
                out.fade(fades_[next_fade].alpha);
            if (i == shapes_.size())
                break;
            const Shape& s = shapes_[i];
            if (s.triangle)
                out.triangle(local(s.a), local(s.b), local(s.c), s.colour);
            else
                out.capsule(local(s.a), local(s.b), s.radius, s.colour);
        }
    }

  private:
    struct Shape {
        bool triangle;
        SDL_FPoint a, b, c;
        float radius;
        SDL_Color colour;
    };
    struct Fade {
        std::size_t after;  // shapes drawn before it
        Uint8 alpha;
    };
    std::vector<Shape> shapes_;
    std::vector<Fade> fades_;
};

void capsule(Shapes& out, const View& v, Vec2 a, Vec2 b, double radius, SDL_Color colour) {
    out.capsule(v.at(a), v.at(b), static_cast<float>(radius * v.scale) + kSoftEdge, colour);
}

void body(Shapes& out, const View& v, const core::Demo& demo, const core::pose::Pose& pose,
          std::optional<SDL_Color> only) {
    const core::pose::Body parts = core::pose::solve(demo.skeleton, pose);
    for (std::size_t i = 0; i < core::pose::kPartCount; ++i) {
        const auto ref = core::pose::part_at(i);
        const bool far = core::pose::has_limb(ref.part) && ref.limb == core::pose::Limb::far;
        const Capsule& c = parts.parts[i];
        capsule(out, v, c.from, c.to, c.radius, only.value_or(far ? kBodyFar : kBody));
    }
    if (only)
        return;
    // The area being worked, over its part.
    const Capsule& t = parts.at(demo.target.part);
    capsule(out, v, core::pose::lerp(t.from, t.to, demo.target.from),
            core::pose::lerp(t.from, t.to, demo.target.to), t.radius * 0.82, kTarget);
}

void tool(Shapes& out, const View& v, core::Tool kind, Vec2 at) {
    const double r = core::pose::tool_radius(kind);
    const SDL_Color outer = kind == core::Tool::foam_roller ? SDL_Color{46, 160, 120, 255}
                                                            : SDL_Color{230, 200, 60, 255};
    capsule(out, v, at, at, r, outer);
    if (kind == core::Tool::foam_roller)
        capsule(out, v, at, at, r * 0.35, {24, 90, 70, 255});  // the roller's core, end on
    if (kind == core::Tool::peanut_ball)
        capsule(out, v, {at.x, at.y - r * 0.8}, {at.x, at.y + r * 0.8}, r * 0.08,
                {150, 120, 30, 255});
}

void arrow(Shapes& out, const View& v, Vec2 from, Vec2 to, double width) {
    const SDL_FPoint a = v.at(from), b = v.at(to);
    const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
    if (len < 4)
        return;
    const double ux = dx / len, uy = dy / len;
    const double head = std::min(len * 0.45, width * 2.6);
    const SDL_FPoint base{static_cast<float>(b.x - ux * head), static_cast<float>(b.y - uy * head)};
    capsule(out, v, from,
            {to.x - (to.x - from.x) * head / len, to.y - (to.y - from.y) * head / len},
            width / 2 / v.scale, kArrow);
    const float nx = static_cast<float>(-uy * width * 1.4),
                ny = static_cast<float>(ux * width * 1.4);
    out.triangle(b, {base.x + nx, base.y + ny}, {base.x - nx, base.y - ny}, kArrow);
}

}  // namespace

void draw_demo(Canvas& canvas, Rect box, const core::Demo& demo, const core::DemoFrame& frame,
               core::Side side) {
    canvas.occupy(box, "the demonstration");
    // Drawn in the box's own coordinates, which start at its corner.
    const View v = fit_view({0, 0, box.w, box.h}, demo, side);
    // The floor stands still: it goes with the still parts, the rest is one moving picture.
    const double floor_y = v.at({0, 0}).y;
    const int thick = static_cast<int>(std::lround(std::max(2.0, 0.02 * v.scale)));
    canvas.fill({box.x, box.y + static_cast<int>(std::lround(floor_y)), box.w, thick}, kFloor);
    if (!canvas.draws_pictures())
        return;
    Shapes out;
    if (demo.support.kind == core::Support::Kind::wall) {
        const double wall = side == core::Side::right ? -demo.support.wall_x : demo.support.wall_x;
        const double outside = wall + (frame.figure.hip.x < wall ? 0.02 : -0.02);
        // Up to the top of the box, not past it.
        const double top = v.y0 / v.scale - 0.03;
        capsule(out, v, {outside, 0}, {outside, top}, 0.02, kFloor);
    }
    if (frame.ghost) {
        body(out, v, demo, *frame.ghost, kGhost);
        out.fade_so_far(kGhostAlpha);
    }
    tool(out, v, demo.tool, frame.figure.tool);
    body(out, v, demo, frame.figure, std::nullopt);
    if (frame.direction != 0) {
        // Along the way the hips travel in this pass, above the worked area.
        const auto a = core::for_side(core::pose_at(demo, 0.0), side).hip;
        const auto b = core::for_side(core::pose_at(demo, 1.0), side).hip;
        Vec2 d{(b.x - a.x) * frame.direction, (b.y - a.y) * frame.direction};
        const double len = std::max(1e-6, core::pose::length(d));
        d = {d.x / len * 0.3, d.y / len * 0.3};
        const core::pose::Body parts = core::pose::solve(demo.skeleton, frame.figure);
        const Capsule& t = parts.at(demo.target.part);
        const Vec2 mid = core::pose::lerp(t.from, t.to, (demo.target.from + demo.target.to) / 2);
        // On the side of the worked area away from the tool: above a body on the floor, in
        // front of one against a wall.
        Vec2 away{mid.x - frame.figure.tool.x, mid.y - frame.figure.tool.y};
        const double away_len = std::max(1e-6, core::pose::length(away));
        away = {away.x / away_len, away.y / away_len};
        const Vec2 up{mid.x + away.x * (t.radius + 0.2), mid.y + away.y * (t.radius + 0.2)};
        arrow(out, v, {up.x - d.x / 2, up.y - d.y / 2}, {up.x + d.x / 2, up.y + d.y / 2},
              std::max(3.0, 0.03 * v.scale));
    }
    const Rect covered = out.bounds({box.w, box.h});
    out.draw(canvas.sprite({covered.w, covered.h}),
             {static_cast<float>(covered.x), static_cast<float>(covered.y)});
    canvas.picture({box.x + covered.x, box.y + covered.y, covered.w, covered.h});
}

}  // namespace rs::ui
