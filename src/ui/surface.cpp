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
        moved_areas_.reset();
        report_ = {false, false, false, 0, whole.draw_calls()};
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

// The still parts are summed up without drawing; only when the sum differs from the retained
// picture's is that picture drawn again. The moving parts go over a copy of it every frame.
void Surface::draw_layers(View& view, const core::KioskState& state, core::Instant now,
                          std::optional<Point> pressed) {
    report_ = {true, false, false, 0, 0};
    Canvas probe = canvas(Layer::fingerprint, pressed);
    view.draw(probe, state, now);
    hits_ = probe.hits();
    layout_problems_ = probe.layout_problems();
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
    if (still_fingerprint_ != probe.fingerprint()) {
        SDL_SetRenderTarget(renderer, still_.get());
        Canvas still = canvas(Layer::still, pressed);
        view.draw(still, state, now);
        still_fingerprint_ = probe.fingerprint();
        report_.still_redrawn = true;
        report_.still_draw_calls = still.draw_calls();
        display_->begin_frame();
        moved_areas_.reset();
    }
    if (moved_areas_ && display_->keeps_canvas()) {
        // The canvas still holds the last frame: put back the still picture where the moving
        // parts were and are about to be, and show just those areas.
        shown_areas_ = *moved_areas_;
        shown_areas_.insert(shown_areas_.end(), probe.moving_areas().begin(),
                            probe.moving_areas().end());
        for (const Rect& a : shown_areas_) {
            const SDL_Rect r{a.x, a.y, a.w, a.h};
            SDL_RenderCopy(renderer, still_.get(), &r, &r);
        }
        report_.partial = true;
    } else {
        SDL_RenderCopy(renderer, still_.get(), nullptr, nullptr);
    }
    moved_areas_ = probe.moving_areas();
    Canvas moving = canvas(Layer::moving, pressed);
    view.draw(moving, state, now);
    report_.moving_draw_calls = moving.draw_calls();
}

}  // namespace rs::ui
