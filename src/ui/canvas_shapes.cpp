// The canvas's shapes that may move: rounded boxes, rings and pictures drawn on the CPU, and how
// a moving part is recorded and drawn again (canvas.cpp has the still primitives and text).
#include <cmath>
#include <numbers>

#include "ui/canvas.hpp"

namespace rs::ui {
namespace {

SDL_Vertex vertex(float x, float y, SDL_Color c) {
    return SDL_Vertex{{x, y}, c, {0.f, 0.f}};
}

}  // namespace

bool Canvas::moving(MovingPiece piece) {
    switch (layer_) {
        case Layer::all:
            ++draw_calls_;
            return true;
        case Layer::still:
            return false;
        case Layer::fingerprint:
            moving_pieces_.push_back(piece.seal(scratch().serial++));
            return false;
    }
    return false;
}

void Canvas::replay(const MovingPiece& piece) {
    ++draw_calls_;
    switch (piece.kind) {
        case MovingPiece::Kind::fill:
            fill_now(piece.rect, piece.colour);
            break;
        case MovingPiece::Kind::rounded:
            rounded_now(piece.rect, piece.radius, piece.colour);
            break;
        case MovingPiece::Kind::ring:
            ring_now(piece.centre, piece.outer, piece.thickness, piece.from, piece.to,
                     piece.colour);
            break;
        case MovingPiece::Kind::picture:
            picture_now(piece);
            break;
    }
}

void Canvas::rounded(Rect r, int radius, SDL_Color c) {
    if (in_moving_) {
        if (moving(MovingPiece::rounded_box(r, radius, c)))
            rounded_now(r, radius, c);
        return;
    }
    if (draws('r', r, radius, c))
        rounded_now(r, radius, c);
}

void Canvas::rounded_now(Rect r, int radius, SDL_Color c) {
    radius = std::clamp(radius, 0, std::min(r.w, r.h) / 2);
    if (radius < 2) {
        fill_now(r, c);
        return;
    }
    // The straight parts as rectangles, the corners as small triangle fans.
    fill_now({r.x + radius, r.y, r.w - 2 * radius, r.h}, c);
    fill_now({r.x, r.y + radius, radius, r.h - 2 * radius}, c);
    fill_now({r.right() - radius, r.y + radius, radius, r.h - 2 * radius}, c);
    constexpr int kSegments = 8;
    vertices_.clear();
    const float cx[4] = {float(r.x + radius), float(r.right() - radius), float(r.right() - radius),
                         float(r.x + radius)};
    const float cy[4] = {float(r.y + radius), float(r.y + radius), float(r.bottom() - radius),
                         float(r.bottom() - radius)};
    for (int corner = 0; corner < 4; ++corner) {
        const double start = std::numbers::pi * (1.0 + 0.5 * corner);
        for (int i = 0; i < kSegments; ++i) {
            const double a0 = start + (std::numbers::pi / 2) * i / kSegments;
            const double a1 = start + (std::numbers::pi / 2) * (i + 1) / kSegments;
            vertices_.push_back(vertex(cx[corner], cy[corner], c));
            vertices_.push_back(vertex(cx[corner] + radius * float(std::cos(a0)),
                                       cy[corner] + radius * float(std::sin(a0)), c));
            vertices_.push_back(vertex(cx[corner] + radius * float(std::cos(a1)),
                                       cy[corner] + radius * float(std::sin(a1)), c));
        }
    }
    SDL_RenderGeometry(renderer_, nullptr, vertices_.data(), int(vertices_.size()), nullptr, 0);
}

// Rings are drawn in cells of a fixed grid (a 120th of a turn), so an arc drawn whole and one
// drawn cell by cell are the same triangles, and a moving arc changes only at its ends.
constexpr int kRingCells = 120;

void Canvas::ring(Point centre, int outer, int thickness, double from, double to, SDL_Color c) {
    from = std::clamp(from, 0.0, 1.0);
    to = std::clamp(to, 0.0, 1.0);
    if (to <= from)
        return;
    if (!in_moving_) {
        if (draws('o', centre, outer, thickness, from, to, c))
            ring_now(centre, outer, thickness, from, to, c);
        return;
    }
    const std::vector<Rect>& areas = ring_cells(centre, outer, thickness);
    const int first = static_cast<int>(std::floor(from * kRingCells));
    const int last = std::min(kRingCells, static_cast<int>(std::ceil(to * kRingCells)));
    for (int cell = first; cell < last; ++cell) {
        const double t0 = std::max(from, double(cell) / kRingCells);
        const double t1 = std::min(to, double(cell + 1) / kRingCells);
        if (t1 <= t0)
            continue;
        const Rect area = areas[static_cast<std::size_t>(cell)];
        if (moving(MovingPiece::arc(area, centre, outer, thickness, t0, t1, c)))
            ring_now(centre, outer, thickness, t0, t1, c);
    }
}

// Each cell's area holds the whole cell (a part of one lies within it too). The cell's corners
// bound it: no cell spans a quarter turn's extreme.
const std::vector<Rect>& Canvas::ring_cells(Point centre, int outer, int thickness) {
    auto& rings = scratch().rings;
    for (const auto& ring : rings) {
        if (ring.centre == centre && ring.outer == outer && ring.thickness == thickness)
            return ring.areas;
    }
    if (rings.size() >= 4)  // a screen shows one or two rings; a resize brings new ones
        rings.erase(rings.begin());
    PictureScratch::RingCells& ring = rings.emplace_back();
    ring.centre = centre;
    ring.outer = outer;
    ring.thickness = thickness;
    const double inner = std::max(0, outer - thickness);
    for (int cell = 0; cell < kRingCells; ++cell) {
        double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
        for (const double t : {double(cell) / kRingCells, double(cell + 1) / kRingCells}) {
            const double a = 2 * std::numbers::pi * t - std::numbers::pi / 2;
            for (const double r : {inner, double(outer)}) {
                x0 = std::min(x0, centre.x + r * std::cos(a));
                x1 = std::max(x1, centre.x + r * std::cos(a));
                y0 = std::min(y0, centre.y + r * std::sin(a));
                y1 = std::max(y1, centre.y + r * std::sin(a));
            }
        }
        ring.areas.push_back({int(std::floor(x0)) - 2, int(std::floor(y0)) - 2,
                              int(std::ceil(x1)) - int(std::floor(x0)) + 4,
                              int(std::ceil(y1)) - int(std::floor(y0)) + 4});
    }
    return ring.areas;
}

void Canvas::ring_now(Point centre, int outer, int thickness, double from, double to, SDL_Color c) {
    const float inner = float(std::max(0, outer - thickness));
    vertices_.clear();
    // Segments end on the grid and at the arc's own ends.
    double start = from;
    for (int cell = static_cast<int>(std::floor(from * kRingCells)) + 1; start < to; ++cell) {
        const double end = std::min(to, double(cell) / kRingCells);
        if (end <= start)
            continue;
        const double a0 = 2 * std::numbers::pi * start - std::numbers::pi / 2;
        const double a1 = 2 * std::numbers::pi * end - std::numbers::pi / 2;
        start = end;
        const float c0 = float(std::cos(a0)), s0 = float(std::sin(a0));
        const float c1 = float(std::cos(a1)), s1 = float(std::sin(a1));
        const SDL_Vertex o0 = vertex(centre.x + outer * c0, centre.y + outer * s0, c);
        const SDL_Vertex o1 = vertex(centre.x + outer * c1, centre.y + outer * s1, c);
        const SDL_Vertex i0 = vertex(centre.x + inner * c0, centre.y + inner * s0, c);
        const SDL_Vertex i1 = vertex(centre.x + inner * c1, centre.y + inner * s1, c);
        vertices_.insert(vertices_.end(), {o0, o1, i1, o0, i1, i0});
    }
    // Opaque rings need no blending: SDL's software renderer blends a triangle through a
    // temporary surface of its own.
    SDL_SetRenderDrawBlendMode(renderer_, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(renderer_, nullptr, vertices_.data(), int(vertices_.size()), nullptr, 0);
}

bool Canvas::draws_pictures() const {
    return layer_ == Layer::all || layer_ == Layer::fingerprint;
}

PictureScratch& Canvas::scratch() {
    if (scratch_)
        return *scratch_;
    if (!own_scratch_)
        own_scratch_ = std::make_unique<PictureScratch>();
    return *own_scratch_;
}

Sprite& Canvas::sprite(Size size) {
    std::vector<Sprite>& sprites = scratch().sprites;
    if (sprites.size() <= static_cast<std::size_t>(pictures_))
        sprites.resize(static_cast<std::size_t>(pictures_) + 1);
    Sprite& sprite = sprites[static_cast<std::size_t>(pictures_++)];
    sprite.reset(size);
    return sprite;
}

void Canvas::picture(Rect at) {
    const MovingPart always_moving(*this);
    const MovingPiece piece = MovingPiece::shown_picture(at, pictures_ - 1);
    if (moving(piece))
        picture_now(piece);
}

void Canvas::picture_now(const MovingPiece& piece) {
    PictureScratch& s = scratch();
    if (piece.picture < 0 || static_cast<std::size_t>(piece.picture) >= s.sprites.size())
        return;
    const Sprite& sprite = s.sprites[static_cast<std::size_t>(piece.picture)];
    const Size size = sprite.size();
    if (size.w <= 0 || size.h <= 0)
        return;
    if (!s.texture || s.texture_size != size) {
        s.texture.reset(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888,
                                          SDL_TEXTUREACCESS_STREAMING, size.w, size.h));
        if (!s.texture)
            return;
        SDL_SetTextureBlendMode(s.texture.get(), SDL_BLENDMODE_BLEND);
        s.texture_size = size;
    }
    SDL_UpdateTexture(s.texture.get(), nullptr, sprite.pixels(),
                      size.w * static_cast<int>(sizeof(std::uint32_t)));
    // The picture's own size, not stretched to its area.
    const SDL_Rect dst{piece.area.x, piece.area.y, size.w, size.h};
    SDL_RenderCopy(renderer_, s.texture.get(), nullptr, &dst);
}

}  // namespace rs::ui
