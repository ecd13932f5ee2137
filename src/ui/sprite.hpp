// A small picture drawn on the CPU: antialiased capsules, triangles and bars composited into
// straight-alpha ARGB pixels, then shown in one copy. SDL's software renderer draws a blended
// triangle through a temporary surface of its own (an allocation, a fill and a blit each), which
// made the demonstration's thousand soft-edged triangles most of a player frame; here a shape
// costs its area once, and only its rim is shaded by distance.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <vector>

#include "ui/layout.hpp"
#include "ui/sdl_handles.hpp"

namespace rs::ui {

class Sprite {
  public:
    // Makes the picture `size` and fully transparent, keeping its memory between frames.
    void reset(Size size);

    // The segment from `a` to `b` thickened to `radius` (a disc when a == b); the edge is
    // antialiased over one pixel.
    void capsule(SDL_FPoint a, SDL_FPoint b, float radius, SDL_Color colour);
    // A filled triangle, antialiased along its edges.
    void triangle(SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color colour);
    // An axis-aligned bar whose edges may fall between pixels.
    void bar(float left, float top, float right, float bottom, SDL_Color colour);
    // Scales the opacity of everything drawn so far by alpha / 255.
    void fade(Uint8 alpha);

    Size size() const { return size_; }
    // Row-major 0xAARRGGBB, size().w pixels a row (SDL_PIXELFORMAT_ARGB8888).
    const std::uint32_t* pixels() const { return pixels_.data(); }
    std::uint32_t at(int x, int y) const {
        return pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(size_.w) +
                       static_cast<std::size_t>(x)];
    }

  private:
    // Puts `colour` over the pixel, weighted by `coverage` (0..1): the "over" operator.
    void blend(int x, int y, SDL_Color colour, float coverage);
    // A run of fully covered pixels on row `y`, from x0 up to (not including) x1.
    void span(int y, int x0, int x1, SDL_Color colour);
    // Widens what has been drawn since reset() to the pixels [x0, x1) x [y0, y1).
    void touch(int x0, int y0, int x1, int y1);

    Size size_{};
    std::vector<std::uint32_t> pixels_;
    Rect drawn_;  // every pixel drawn since reset() lies within
};

// What a canvas keeps between frames to show pictures drawn on the CPU: the pixels and the
// streaming texture they go through, both reused.
struct PictureScratch {
    std::vector<Sprite> sprites;  // this frame's pictures, in the order they were made
    TextureHandle texture;
    Size texture_size{};
    std::uint64_t serial = 0;  // pictures shown so far: each is new

    // Where each cell of a ring lies: worked out once per ring, not on every frame it glides.
    struct RingCells {
        Point centre;
        int outer = -1, thickness = -1;
        std::vector<Rect> areas;  // one per cell, in turn order
    };
    std::vector<RingCells> rings;
};

}  // namespace rs::ui
