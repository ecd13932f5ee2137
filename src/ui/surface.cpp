#include "ui/surface.hpp"

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
    text_.reset();
    fonts_.reset();
    display_.reset();
}

void Surface::rebuild_fonts() {
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

void Surface::draw(View& view, const core::KioskState& state, core::Instant now,
                   std::optional<Point> pressed, Image* capture) {
    display_->begin_frame();
    Canvas canvas(display_->renderer(), *text_, *fonts_, scale());
    canvas.set_pressed_point(pressed);
    view.draw(canvas, state, now);
    hits_ = canvas.hits();
    layout_problems_ = canvas.layout_problems();
    if (capture)
        *capture = display_->capture();
    display_->present();
    last_frame_ = now;
    ++frames_;
}

}  // namespace rs::ui
