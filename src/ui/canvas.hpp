// Drawing primitives for screens, plus the touch targets each frame registers as it draws.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollstation/core/kiosk.hpp"
#include "ui/layout.hpp"
#include "ui/moving_pieces.hpp"
#include "ui/sprite.hpp"
#include "ui/text_cache.hpp"
#include "ui/theme.hpp"

namespace rs::ui {

struct Hit {
    Rect rect;
    core::Action action;
};

enum class Align { left, centre, right };

// Text that does not fit, found while drawing: what the layout report lists and tests assert on.
struct LayoutProblem {
    enum class Kind { ellipsized, clipped, overlap, off_screen };
    Kind kind{};
    std::string text;
    Rect where;
    std::string other;  // for an overlap: what it ran into
};
std::string describe(const LayoutProblem& problem);

// Whether a text may end in "…" when it is too long (a list of log lines may; an area name not).
enum class Overflow { report, ellipsis_ok };

// Which part of a frame a canvas puts on its target. A screen is drawn in layers so that what
// stands still is rasterised once into a retained picture and only the moving parts each frame:
// `still` draws everything outside a `MovingPart`; `fingerprint` draws nothing, summing up the
// still parts (so a changed picture can be told from an unchanged one without drawing it) and
// recording the moving parts as pieces (moving_pieces()) to draw over the retained picture with
// replay(). `all` draws everything, in order (tests, overlays).
enum class Layer { all, still, fingerprint };
enum class ButtonStyle { primary, secondary, danger, chip, chip_selected, ghost };

class Canvas {
  public:
    Canvas(SDL_Renderer* renderer, TextCache& text, const Fonts& fonts, Scale scale,
           Layer layer = Layer::all)
        : renderer_(renderer), text_(text), fonts_(fonts), scale_(scale), layer_(layer) {}

    // What a screen draws while one of these lives moves on its own between state changes (the
    // ring's arc, the pacing dot, the gauge's marker, the demonstration, the flash).
    class MovingPart {
      public:
        explicit MovingPart(Canvas& canvas) : canvas_(canvas), outer_(canvas.in_moving_) {
            canvas_.in_moving_ = true;
        }
        ~MovingPart() { canvas_.in_moving_ = outer_; }
        MovingPart(const MovingPart&) = delete;
        MovingPart& operator=(const MovingPart&) = delete;

      private:
        Canvas& canvas_;
        bool outer_;
    };

    Layer layer() const { return layer_; }
    // The still parts' sum so far (FNV-1a over every primitive and its arguments).
    std::uint64_t fingerprint() const { return fingerprint_; }
    // Primitives this canvas put on its target: the view's own count of what a frame cost.
    int draw_calls() const { return draw_calls_; }
    // The moving parts, recorded on the fingerprint layer: what replay() draws.
    const std::vector<MovingPiece>& moving_pieces() const { return moving_pieces_; }
    // Draws one recorded piece (within the renderer's clip rectangle, if one is set).
    void replay(const MovingPiece& piece);

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
    // A picture drawn on the CPU is always a moving part (the demonstration's figure): this
    // says whether this canvas shows or records them, so a layer that does not need not draw one.
    bool draws_pictures() const;
    // A picture to draw on the CPU, `size` and transparent; its memory is reused between frames.
    Sprite& sprite(Size size);
    // Shows the picture last made with sprite() at `at` (its top-left corner; `at` is also the
    // area it moves in), blended. Without a sprite() call first, only marks where it moves.
    void picture(Rect at);
    // Where pictures are kept between frames (else each canvas makes its own).
    void set_scratch(PictureScratch* scratch) { scratch_ = scratch; }

    // Single-line text anchored at `at` (top edge), trimmed with an ellipsis to `max_width`
    // (reported unless `overflow` allows it).
    Rect text(Type type, std::string_view text, SDL_Color colour, Point at,
              Align align = Align::left, int max_width = 0, Overflow overflow = Overflow::report);
    // Single-line text centred vertically in `box`.
    Rect label(Rect box, Type type, std::string_view text, SDL_Color colour,
               Align align = Align::left, Overflow overflow = Overflow::report);
    // Wrapped text inside `box`, starting at its top; returns the height used. Lines below the
    // box are cut off and reported.
    int paragraph(Rect box, Type type, std::string_view text, SDL_Color colour,
                  bool centred = false);
    // The height `text` takes wrapped at `width`, without drawing it.
    int paragraph_height(Type type, std::string_view text, int width);
    // The largest of `types` (largest first) at which `text` fits on one line of `width`.
    Type fitting(std::string_view text, int width, std::initializer_list<Type> types) const;

    // A shape text must not run into (a bar, a gauge, the ring), for the layout report.
    void occupy(Rect r, std::string_view what);
    const std::vector<LayoutProblem>& layout_problems() const { return problems_; }

    void button(Rect r, std::string_view label, core::Action action, ButtonStyle style,
                Type type = Type::button);
    void add_hit(Rect r, core::Action action) { hits_.push_back({r, std::move(action)}); }
    // A modal layer: nothing drawn before it can be touched, or overlapped.
    void clear_hits() {
        hits_.clear();
        placed_.clear();
    }
    const std::vector<Hit>& hits() const { return hits_; }

    void set_pressed_point(std::optional<Point> p) { pressed_ = p; }

    std::string fit(Type type, std::string_view text, int max_width) const;

  private:
    // Whether a primitive with these arguments is drawn on this layer; on the fingerprint layer a
    // still one is summed up instead.
    template <typename... Args>
    bool draws(char kind, const Args&... args);
    void sum(const void* bytes, std::size_t size);
    void sum(std::string_view text) { sum(text.data(), text.size()); }
    void fill_now(Rect r, SDL_Color colour);
    void rounded_now(Rect r, int radius, SDL_Color colour);
    void ring_now(Point centre, int outer, int thickness, double from, double to, SDL_Color c);
    const std::vector<Rect>& ring_cells(Point centre, int outer, int thickness);
    void picture_now(const MovingPiece& piece);
    // A primitive of a moving part: recorded on the fingerprint layer, skipped on the still one.
    // True when it is to be drawn now (the `all` layer).
    bool moving(MovingPiece piece);

    SDL_Renderer* renderer_;
    TextCache& text_;
    const Fonts& fonts_;
    Scale scale_;
    Layer layer_;
    bool in_moving_ = false;
    std::uint64_t fingerprint_ = 14695981039346656037ull;
    int draw_calls_ = 0;
    std::vector<MovingPiece> moving_pieces_;
    int pictures_ = 0;  // made with sprite() this frame
    std::vector<Hit> hits_;
    std::optional<Point> pressed_;
    std::vector<SDL_Vertex> vertices_;  // reused between shapes
    PictureScratch& scratch();
    PictureScratch* scratch_ = nullptr;
    std::unique_ptr<PictureScratch> own_scratch_;

    struct Placed {
        Rect rect;
        std::string what;
    };
    void place(Rect r, std::string_view what);
    std::vector<Placed> placed_;  // text and shapes on the top layer so far
    std::vector<LayoutProblem> problems_;
};

}  // namespace rs::ui
