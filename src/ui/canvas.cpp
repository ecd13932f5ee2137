#include "ui/canvas.hpp"

#include <cmath>
#include <type_traits>

namespace rs::ui {
namespace {

// Drops whole UTF-8 characters from the end.
void pop_utf8(std::string& s) {
    while (!s.empty()) {
        const unsigned char c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80)
            break;
    }
}

struct ButtonColours {
    SDL_Color background;
    SDL_Color text;
};

// A button's colours when it is not pressed.
ButtonColours resting_colours(ButtonStyle style) {
    switch (style) {
        case ButtonStyle::primary:
            return {colour::accent, colour::on_accent};
        case ButtonStyle::danger:
            return {colour::danger, colour::on_accent};
        case ButtonStyle::chip_selected:
            return {colour::text, colour::background};
        case ButtonStyle::ghost:
            return {colour::background, colour::muted};
        case ButtonStyle::secondary:
        case ButtonStyle::chip:
            break;
    }
    return {colour::surface, colour::text};
}

template <typename T>
constexpr bool summable = std::is_trivially_copyable_v<T> && !std::is_pointer_v<T>;

}  // namespace

void Canvas::sum(const void* bytes, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(bytes);
    for (std::size_t i = 0; i < size; ++i) {
        fingerprint_ ^= p[i];
        fingerprint_ *= 1099511628211ull;
    }
}

template <typename... Args>
bool Canvas::draws(char kind, const Args&... args) {
    switch (layer_) {
        case Layer::all:
            break;
        case Layer::still:
            if (in_moving_)
                return false;
            break;
        case Layer::fingerprint:
            if (!in_moving_) {
                sum(&kind, 1);
                [[maybe_unused]] const auto one = [this](const auto& arg) {
                    using T = std::decay_t<decltype(arg)>;
                    if constexpr (std::is_convertible_v<const T&, std::string_view>) {
                        sum(std::string_view(arg));
                    } else {
                        static_assert(summable<T>);
                        sum(&arg, sizeof arg);
                    }
                };
                (one(args), ...);
            }
            return false;
    }
    ++draw_calls_;
    return true;
}

void Canvas::clear(SDL_Color c) {
    if (!draws('c', c))
        return;
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
    SDL_RenderClear(renderer_);
}

void Canvas::fill(Rect r, SDL_Color c) {
    if (in_moving_) {
        if (moving(MovingPiece::filled(r, c)))
            fill_now(r, c);
        return;
    }
    if (draws('f', r, c))
        fill_now(r, c);
}

void Canvas::fill_now(Rect r, SDL_Color c) {
    SDL_SetRenderDrawBlendMode(renderer_, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
    const SDL_Rect sr{r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(renderer_, &sr);
}

void Canvas::shade(SDL_Color c) {
    fill(bounds(), c);
}

std::string Canvas::fit(Type type, std::string_view text, int max_width) const {
    std::string s(text);
    if (max_width <= 0 || fonts_.width_of(type, s) <= max_width)
        return s;
    static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
    while (!s.empty() && fonts_.width_of(type, s + std::string(kEllipsis)) > max_width)
        pop_utf8(s);
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    return s + std::string(kEllipsis);
}

Rect Canvas::text(Type type, std::string_view str, SDL_Color colour, Point at, Align align,
                  int max_width, Overflow overflow) {
    const std::string shown = max_width > 0 ? fit(type, str, max_width) : std::string(str);
    if (shown != str && overflow == Overflow::report)
        problems_.push_back({LayoutProblem::Kind::ellipsized, std::string(str), {}, {}});
    const TextImage image = text_.get(type, shown, colour);
    if (!image.texture)
        return {at.x, at.y, 0, 0};
    int x = at.x;
    if (align == Align::centre)
        x -= image.w / 2;
    if (align == Align::right)
        x -= image.w;
    const SDL_Rect dst{x, at.y, image.w, image.h};
    if (draws('x', type, colour, dst, shown))
        SDL_RenderCopy(renderer_, image.texture, nullptr, &dst);
    const Rect drawn{dst.x, dst.y, dst.w, dst.h};
    place(drawn, shown);
    return drawn;
}

Rect Canvas::label(Rect box, Type type, std::string_view str, SDL_Color colour, Align align,
                   Overflow overflow) {
    const int h = fonts_.line_height(type);
    const int y = box.y + (box.h - h) / 2;
    int x = box.x;
    if (align == Align::centre)
        x = box.x + box.w / 2;
    if (align == Align::right)
        x = box.right();
    return text(type, str, colour, {x, y}, align, box.w, overflow);
}

int Canvas::paragraph(Rect box, Type type, std::string_view str, SDL_Color colour, bool centred) {
    const TextImage image = text_.get(type, str, colour, box.w, centred);
    if (!image.texture)
        return 0;
    const int h = std::min(image.h, box.h);
    if (image.h > box.h)
        problems_.push_back({LayoutProblem::Kind::clipped, std::string(str), box, {}});
    const int x = centred ? box.x + (box.w - image.w) / 2 : box.x;
    const SDL_Rect src{0, 0, image.w, h};
    const SDL_Rect dst{x, box.y, image.w, h};
    if (draws('p', type, colour, src, dst, centred, str))
        SDL_RenderCopy(renderer_, image.texture, &src, &dst);
    place({dst.x, dst.y, dst.w, dst.h}, str);
    return h;
}

int Canvas::paragraph_height(Type type, std::string_view str, int width) {
    // Measured by the wrapper that will draw it (the texture is kept for the drawing).
    return text_.get(type, str, colour::text, width).h;
}

Type Canvas::fitting(std::string_view str, int width, std::initializer_list<Type> types) const {
    Type last = Type::caption;
    for (Type t : types) {
        last = t;
        if (fonts_.width_of(t, str) <= width)
            return t;
    }
    return last;
}

void Canvas::occupy(Rect r, std::string_view what) {
    place(r, what);
}

// Records what now covers `r` and reports it running into anything already there (text boxes
// include the font's leading, so a line may touch the next by a few pixels without harm).
void Canvas::place(Rect r, std::string_view what) {
    if (r.w <= 0 || r.h <= 0)
        return;
    const Rect screen = bounds();
    if (r.x < screen.x || r.y < screen.y || r.right() > screen.right() ||
        r.bottom() > screen.bottom())
        problems_.push_back({LayoutProblem::Kind::off_screen, std::string(what), r, {}});
    const int slack = std::max(1, r.h / 6);
    const Rect core{r.x, r.y + slack, r.w, std::max(1, r.h - 2 * slack)};
    for (const Placed& p : placed_) {
        const int pslack = std::max(1, p.rect.h / 6);
        const Rect other{p.rect.x, p.rect.y + pslack, p.rect.w, std::max(1, p.rect.h - 2 * pslack)};
        const bool apart = core.right() <= other.x || other.right() <= core.x ||
                           core.bottom() <= other.y || other.bottom() <= core.y;
        if (!apart)
            problems_.push_back({LayoutProblem::Kind::overlap, std::string(what), r, p.what});
    }
    placed_.push_back({r, std::string(what)});
}

std::string describe(const LayoutProblem& p) {
    const auto at = [&] {
        return " at " + std::to_string(p.where.x) + "," + std::to_string(p.where.y) + " " +
               std::to_string(p.where.w) + "x" + std::to_string(p.where.h);
    };
    switch (p.kind) {
        case LayoutProblem::Kind::ellipsized:
            return "cut short with an ellipsis: \"" + p.text + "\"";
        case LayoutProblem::Kind::clipped:
            return "lines cut off below its box: \"" + p.text + "\"" + at();
        case LayoutProblem::Kind::overlap:
            return "\"" + p.text + "\" overlaps \"" + p.other + "\"" + at();
        case LayoutProblem::Kind::off_screen:
            return "off the screen: \"" + p.text + "\"" + at();
    }
    return p.text;
}

void Canvas::button(Rect r, std::string_view text, core::Action action, ButtonStyle style,
                    Type type) {
    const bool pressed = pressed_ && r.contains(*pressed_);
    auto [bg, fg] = resting_colours(style);
    if (pressed)
        bg = style == ButtonStyle::secondary || style == ButtonStyle::chip ||
                     style == ButtonStyle::ghost
                 ? colour::surface_pressed
                 : SDL_Color{Uint8(bg.r * 3 / 4), Uint8(bg.g * 3 / 4), Uint8(bg.b * 3 / 4), 255};
    const int radius =
        px(style == ButtonStyle::chip || style == ButtonStyle::chip_selected ? 32 : 14);
    if (style == ButtonStyle::ghost && !pressed) {
        rounded(r, radius, colour::outline);
        rounded(r.inset(std::max(1, px(2))), radius, colour::background);
    } else {
        rounded(r, radius, bg);
    }
    // A label too long for its button steps down a size or two rather than losing its end.
    const Rect inside = r.inset(px(10), 0);
    if (!text.empty()) {
        const Type fitted = fonts_.width_of(type, text) <= inside.w
                                ? type
                                : fitting(text, inside.w, {Type::body, Type::caption});
        label(inside, fitted, text, fg, Align::centre);
    }
    add_hit(r, std::move(action));
}

// The shapes in canvas_shapes.cpp sum up their arguments through the same template.
template bool Canvas::draws(char, const Rect&, const int&, const SDL_Color&);
template bool Canvas::draws(char, const Point&, const int&, const int&, const double&,
                            const double&, const SDL_Color&);

}  // namespace rs::ui
