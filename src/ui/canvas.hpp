// Drawing primitives for screens, plus the touch targets each frame registers as it draws.
#pragma once

#include <SDL.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout.hpp"
#include "rollstation/core/kiosk.hpp"
#include "text_cache.hpp"
#include "theme.hpp"

namespace rs::ui {

struct Hit {
    Rect rect;
    core::Action action;
};

enum class Align { left, centre, right };
enum class ButtonStyle { primary, secondary, danger, chip, chip_selected, ghost };

class Canvas {
  public:
    Canvas(SDL_Renderer* renderer, TextCache& text, const Fonts& fonts, Scale scale)
        : renderer_(renderer), text_(text), fonts_(fonts), scale_(scale) {}

    const Scale& scale() const { return scale_; }
    int px(double design) const { return scale_.px(design); }
    Rect bounds() const { return {0, 0, scale_.canvas().w, scale_.canvas().h}; }
    const Fonts& fonts() const { return fonts_; }

    void clear(SDL_Color colour);
    void fill(Rect r, SDL_Color colour);
    void rounded(Rect r, int radius, SDL_Color colour);
    // An arc of a ring from `from` to `to` (fractions of a turn, clockwise from 12 o'clock).
    void ring(Point centre, int outer_radius, int thickness, double from, double to,
              SDL_Color colour);
    void shade(SDL_Color colour);  // blends over the whole canvas

    // Single-line text anchored at `at` (top edge), trimmed with an ellipsis to `max_width`.
    Rect text(Type type, std::string_view text, SDL_Color colour, Point at,
              Align align = Align::left, int max_width = 0);
    // Single-line text centred vertically in `box`.
    Rect label(Rect box, Type type, std::string_view text, SDL_Color colour,
               Align align = Align::left);
    // Wrapped text inside `box`, starting at its top; returns the height used.
    int paragraph(Rect box, Type type, std::string_view text, SDL_Color colour,
                  bool centred = false);

    void button(Rect r, std::string_view label, core::Action action, ButtonStyle style,
                Type type = Type::button);
    void add_hit(Rect r, core::Action action) { hits_.push_back({r, std::move(action)}); }
    // A modal layer: nothing drawn before it can be touched.
    void clear_hits() { hits_.clear(); }
    const std::vector<Hit>& hits() const { return hits_; }

    void set_pressed_point(std::optional<Point> p) { pressed_ = p; }

    std::string fit(Type type, std::string_view text, int max_width) const;

  private:
    SDL_Renderer* renderer_;
    TextCache& text_;
    const Fonts& fonts_;
    Scale scale_;
    std::vector<Hit> hits_;
    std::optional<Point> pressed_;
    std::vector<SDL_Vertex> vertices_;  // reused between shapes
};

}  // namespace rs::ui
