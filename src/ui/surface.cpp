#include "ui/surface.hpp"

#include <stdexcept>
#include <string>

namespace rs::ui {

Surface::Surface(const DisplayOptions& options, std::filesystem::path font_dir,
                 std::size_t text_cache_capacity, core::Instant started)
    : font_dir_(font_dir.empty() ? std::filesystem::path(ROLLSTATION_FONT_DIR)
                                 : std::move(font_dir)),
      text_cache_capacity_(text_cache_capacity),
      display_(std::make_unique<Display>(options)),
      last_frame_(started) {
    rebuild_fonts();
}

Surface::~Surface() {
    still_.reset();
    pictures_.texture.reset();
    text_.reset();
    fonts_.reset();
    display_.reset();
}

void Surface::rebuild_fonts() {
    still_fingerprint_.reset();
    text_.reset();
    fonts_ = std::make_unique<Fonts>(font_dir_, scale().unit());
    text_ = std::make_unique<TextCache>(display_->renderer(), *fonts_, text_cache_capacity_);
}

bool Surface::follow_resize() {
    if (!display_->refresh_size())
        return false;
    rebuild_fonts();
    return true;
}

Canvas Surface::canvas(Layer layer, std::optional<Point> pressed) {
    Canvas canvas(display_->renderer(), *text_, *fonts_, scale(), layer);
    canvas.set_pressed_point(pressed);
    canvas.set_scratch(&pictures_);
    return canvas;
}

void Surface::draw(View& view, const core::KioskState& state, core::Instant now,
                   std::optional<Point> pressed, Image* capture) {
    display_->begin_frame();
    if (view.layers_apart(state)) {
        draw_layers(view, state, now, pressed);
    } else {
        Canvas whole = canvas(Layer::all, pressed);
        view.draw(whole, state, now);
        hits_ = whole.hits();
        layout_problems_ = whole.layout_problems();
        still_fingerprint_.reset();  // the retained picture no longer matches the screen
        last_pieces_.reset();
        const Size size = display_->canvas_size();
        report_ = {
            false, false, false, 0, whole.draw_calls(), static_cast<std::int64_t>(size.w) * size.h};
    }
    if (capture)
        *capture = display_->capture();
    if (report_.partial)
        display_->present(shown_areas_);
    else
        display_->present();
    last_frame_ = now;
    ++frames_;
}

// The still parts are summed up without drawing, and the moving parts recorded; only when the
// sum differs from the retained picture's is that picture drawn again. Where the canvas keeps its
// pixels, only the areas where moving pieces appeared, went or changed are restored and drawn.
void Surface::draw_layers(View& view, const core::KioskState& state, core::Instant now,
                          std::optional<Point> pressed) {
    report_ = {true, false, false, 0, 0, 0};
    Canvas plan = canvas(Layer::fingerprint, pressed);
    view.draw(plan, state, now);
    hits_ = plan.hits();
    layout_problems_ = plan.layout_problems();
    SDL_Renderer* renderer = display_->renderer();
    const Size size = display_->canvas_size();
    if (!still_ || still_size_ != size) {
        still_.reset(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                       size.w, size.h));
        if (!still_)
            throw std::runtime_error(std::string("cannot create the still picture: ") +
                                     SDL_GetError());
        // Copied over the whole frame as it is: the still picture is opaque.
        SDL_SetTextureBlendMode(still_.get(), SDL_BLENDMODE_NONE);
        still_size_ = size;
        still_fingerprint_.reset();
    }
    if (still_fingerprint_ != plan.fingerprint()) {
        SDL_SetRenderTarget(renderer, still_.get());
        Canvas still = canvas(Layer::still, pressed);
        view.draw(still, state, now);
        still_fingerprint_ = plan.fingerprint();
        report_.still_redrawn = true;
        report_.still_draw_calls = still.draw_calls();
        display_->begin_frame();
        last_pieces_.reset();
    }
    const std::vector<MovingPiece>& pieces = plan.moving_pieces();
    if (last_pieces_ && display_->keeps_canvas()) {
        // The canvas still holds the last frame: put back the still picture where something
        // moved, and draw there what is there now.
        shown_areas_ = changed_areas(*last_pieces_, pieces, {0, 0, size.w, size.h});
        for (const Rect& a : shown_areas_) {
            const SDL_Rect r{a.x, a.y, a.w, a.h};
            SDL_RenderCopy(renderer, still_.get(), &r, &r);
            report_.shown_pixels += static_cast<std::int64_t>(a.w) * a.h;
        }
        for (const MovingPiece& piece : pieces) {
            for (const Rect& a : shown_areas_) {
                if (!overlaps(piece.area, a))
                    continue;
                const SDL_Rect clip{a.x, a.y, a.w, a.h};
                SDL_RenderSetClipRect(renderer, &clip);
                plan.replay(piece);
            }
        }
        SDL_RenderSetClipRect(renderer, nullptr);
        report_.partial = true;
    } else {
        SDL_RenderCopy(renderer, still_.get(), nullptr, nullptr);
        for (const MovingPiece& piece : pieces)
            plan.replay(piece);
        report_.shown_pixels = static_cast<std::int64_t>(size.w) * size.h;
    }
    report_.moving_draw_calls = plan.draw_calls();
    last_pieces_ = pieces;
}

}  // namespace rs::ui
