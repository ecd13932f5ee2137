// The window and what draws on it: the display, the fonts sized for its canvas and the cache of
// rasterised text, rebuilt together when the canvas changes size; and what the last frame left
// behind: its touch targets, its layout report and when it was drawn.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "ui/canvas.hpp"
#include "ui/display.hpp"
#include "ui/image.hpp"
#include "ui/text_cache.hpp"
#include "ui/view.hpp"

namespace rs::ui {

class Surface {
  public:
    // An empty `font_dir` means the fonts the build found.
    Surface(const DisplayOptions& options, std::filesystem::path font_dir,
            std::size_t text_cache_capacity, core::Instant started);
    ~Surface();  // textures and fonts go before the renderer they were made for
    Surface(const Surface&) = delete;
    Surface& operator=(const Surface&) = delete;

    // The window changed size: fonts follow a new canvas size. True when they had to.
    bool follow_resize();
    // Draws `state` and shows it; with `capture`, also returns the picture as a person sees it.
    void draw(View& view, const core::KioskState& state, core::Instant now,
              std::optional<Point> pressed, Image* capture = nullptr);

    Display& display() { return *display_; }
    const TextCache& text_cache() const { return *text_; }
    Scale scale() const { return Scale(display_->canvas_size()); }
    const std::vector<Hit>& hits() const { return hits_; }
    const std::vector<LayoutProblem>& layout_problems() const { return layout_problems_; }
    core::Instant last_frame() const { return last_frame_; }
    std::uint64_t frames() const { return frames_; }

  private:
    void rebuild_fonts();

    std::filesystem::path font_dir_;
    std::size_t text_cache_capacity_;
    std::unique_ptr<Display> display_;
    std::unique_ptr<Fonts> fonts_;
    std::unique_ptr<TextCache> text_;
    std::vector<Hit> hits_;
    std::vector<LayoutProblem> layout_problems_;
    core::Instant last_frame_;
    std::uint64_t frames_ = 0;
};

}  // namespace rs::ui
