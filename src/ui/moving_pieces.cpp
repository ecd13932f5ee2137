#include "ui/moving_pieces.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace rs::ui {
namespace {

// Sums values a word at a time (a frame seals a hundred ring cells; byte-wise FNV showed).
class Fnv {
  public:
    template <typename T>
    Fnv& add(const T& value) {
        static_assert(sizeof(T) <= sizeof(std::uint64_t));
        std::uint64_t word = 0;
        std::memcpy(&word, &value, sizeof value);
        sum_ = (sum_ ^ word) * 1099511628211ull;
        sum_ ^= sum_ >> 29;
        return *this;
    }
    Fnv& add(const Rect& r) { return add(r.x).add(r.y).add(r.w).add(r.h); }
    Fnv& add(const Point& p) { return add(p.x).add(p.y); }
    Fnv& add(const SDL_Color& c) {
        return add(std::uint32_t{c.r} | std::uint32_t{c.g} << 8 | std::uint32_t{c.b} << 16 |
                   std::uint32_t{c.a} << 24);
    }
    std::uint64_t sum() const { return sum_; }

  private:
    std::uint64_t sum_ = 14695981039346656037ull;
};

Rect bounding(const Rect& a, const Rect& b) {
    const int x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
    return {x0, y0, std::max(a.right(), b.right()) - x0, std::max(a.bottom(), b.bottom()) - y0};
}

constexpr std::size_t kMostAreas = 48;

}  // namespace

MovingPiece MovingPiece::filled(Rect r, SDL_Color c) {
    MovingPiece p;
    p.kind = Kind::fill;
    p.area = p.rect = r;
    p.colour = c;
    return p;
}

MovingPiece MovingPiece::rounded_box(Rect r, int radius, SDL_Color c) {
    MovingPiece p = filled(r, c);
    p.kind = Kind::rounded;
    p.radius = radius;
    return p;
}

MovingPiece MovingPiece::arc(Rect area, Point centre, int outer, int thickness, double from,
                             double to, SDL_Color c) {
    MovingPiece p;
    p.kind = Kind::ring;
    p.area = area;
    p.colour = c;
    p.centre = centre;
    p.outer = outer;
    p.thickness = thickness;
    p.from = from;
    p.to = to;
    return p;
}

MovingPiece MovingPiece::shown_picture(Rect at, int index) {
    MovingPiece p;
    p.kind = Kind::picture;
    p.area = at;
    p.picture = index;
    return p;
}

MovingPiece& MovingPiece::seal(std::uint64_t picture_serial) {
    Fnv f;
    f.add(static_cast<std::uint8_t>(kind)).add(area).add(colour);
    switch (kind) {
        case Kind::fill:
            f.add(rect);
            break;
        case Kind::rounded:
            f.add(rect).add(radius);
            break;
        case Kind::ring:
            f.add(centre).add(outer).add(thickness).add(from).add(to);
            break;
        case Kind::picture:
            f.add(picture_serial);
            break;
    }
    sum = f.sum();
    return *this;
}

bool overlaps(const Rect& a, const Rect& b) {
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

Rect intersection(const Rect& a, const Rect& b) {
    const int x0 = std::max(a.x, b.x), y0 = std::max(a.y, b.y);
    const int x1 = std::min(a.right(), b.right()), y1 = std::min(a.bottom(), b.bottom());
    return {x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

std::vector<Rect> disjoint(std::vector<Rect> areas, Rect bounds) {
    std::vector<Rect> kept;
    for (const Rect& a : areas) {
        const Rect r = intersection(a, bounds);
        if (r.w > 0 && r.h > 0)
            kept.push_back(r);
    }
    if (kept.size() > kMostAreas) {
        Rect all = kept.front();
        for (const Rect& r : kept)
            all = bounding(all, r);
        return {all};
    }
    // Two overlapping areas become their bounding box, which may meet a third: until none do.
    for (bool merged = true; merged;) {
        merged = false;
        for (std::size_t i = 0; i < kept.size() && !merged; ++i) {
            for (std::size_t j = i + 1; j < kept.size(); ++j) {
                if (overlaps(kept[i], kept[j])) {
                    kept[i] = bounding(kept[i], kept[j]);
                    kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(j));
                    merged = true;
                    break;
                }
            }
        }
    }
    return kept;
}

std::vector<Rect> changed_areas(const std::vector<MovingPiece>& before,
                                const std::vector<MovingPiece>& after, Rect bounds) {
    // The same piece in both frames (same sum) is where it was and looks the same: only the
    // pieces left over on either side mark what must be restored and drawn again.
    std::unordered_map<std::uint64_t, int> waiting;
    for (const MovingPiece& p : before)
        ++waiting[p.sum];
    std::vector<Rect> areas;
    std::unordered_map<std::uint64_t, int> matched;
    for (const MovingPiece& p : after) {
        auto found = waiting.find(p.sum);
        if (found != waiting.end() && found->second > 0) {
            --found->second;
            ++matched[p.sum];
        } else {
            areas.push_back(p.area);
        }
    }
    for (const MovingPiece& p : before) {
        auto m = matched.find(p.sum);
        if (m != matched.end() && m->second > 0)
            --m->second;
        else
            areas.push_back(p.area);
    }
    return disjoint(std::move(areas), bounds);
}

}  // namespace rs::ui
