// The moving parts of a frame as a list of pieces: what each draws and where, so that the next
// frame can tell which areas changed (the old and new places of what moved) and draw only there.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <vector>

#include "ui/layout.hpp"

namespace rs::ui {

// One primitive drawn inside a Canvas::MovingPart, as the planning pass records it: enough to
// draw it again, and a sum of all of it (two pieces with equal sums look the same).
struct MovingPiece {
    enum class Kind : std::uint8_t { fill, rounded, ring, picture };
    Kind kind{};
    Rect area;  // every pixel it may touch
    SDL_Color colour{};
    Rect rect;       // fill and rounded: the shape
    int radius = 0;  // rounded
    Point centre;    // ring
    int outer = 0, thickness = 0;
    double from = 0, to = 0;  // ring: the arc, in turns
    int picture = -1;         // picture: which of the frame's pictures
    std::uint64_t sum = 0;    // set by seal()

    static MovingPiece filled(Rect r, SDL_Color c);
    static MovingPiece rounded_box(Rect r, int radius, SDL_Color c);
    static MovingPiece arc(Rect area, Point centre, int outer, int thickness, double from,
                           double to, SDL_Color c);
    static MovingPiece shown_picture(Rect at, int index);

    // Sums the piece up; a picture is drawn afresh every frame, so it never equals another.
    MovingPiece& seal(std::uint64_t picture_serial);
};

// Where `after` differs from `before`: the areas of pieces that appeared, went or changed,
// merged so that no two overlap (each pixel is restored and drawn once) and cut to `bounds`.
std::vector<Rect> changed_areas(const std::vector<MovingPiece>& before,
                                const std::vector<MovingPiece>& after, Rect bounds);

// Merges overlapping areas until none overlap; more than a few dozen become their bounding box.
std::vector<Rect> disjoint(std::vector<Rect> areas, Rect bounds);

bool overlaps(const Rect& a, const Rect& b);
Rect intersection(const Rect& a, const Rect& b);

}  // namespace rs::ui
