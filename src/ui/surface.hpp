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

// What the last frame cost, from the canvases' own counts: the tests' window on redraw discipline.
struct FrameReport {
    bool retained = false;          // drawn as a retained still picture plus the moving parts
    bool still_redrawn = false;     // the still picture had to be drawn again (its content changed)
    bool partial = false;           // only the moving parts' areas were restored and shown
    int still_draw_calls = 0;       // primitives drawn into the still picture (0 when kept)
    int moving_draw_calls = 0;      // primitives drawn over it (everything, when not retained)
    std::int64_t shown_pixels = 0;  // the area restored and drawn again (all, when not partial)
};

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
    // The retained still picture is drawn again at the next frame (its texture's content was lost).
    void forget_still() {
        still_fingerprint_.reset();
        last_pieces_.reset();
    }
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
    const FrameReport& last_report() const { return report_; }

  private:
    void rebuild_fonts();
    void draw_layers(View& view, const core::KioskState& state, core::Instant now,
                     std::optional<Point> pressed);
    Canvas canvas(Layer layer, std::optional<Point> pressed);

    std::filesystem::path font_dir_;
    std::size_t text_cache_capacity_;
    std::unique_ptr<Display> display_;
    std::unique_ptr<Fonts> fonts_;
    std::unique_ptr<TextCache> text_;
    PictureScratch pictures_;  // the demonstration's pixels and texture, reused every frame
    // The still parts of the last retained frame and their fingerprint: kept until the state
    // changes what they show.
    TextureHandle still_;
    Size still_size_{};
    std::optional<std::uint64_t> still_fingerprint_;
    // The last frame's moving parts, while the canvas holds that frame: what the next one
    // compares its own with to find what to restore from the still picture. Empty: all of it.
    std::optional<std::vector<MovingPiece>> last_pieces_;
    std::vector<Rect> shown_areas_;  // this frame's, when it shows only some
    FrameReport report_;
    std::vector<Hit> hits_;
    std::vector<LayoutProblem> layout_problems_;
    core::Instant last_frame_;
    std::uint64_t frames_ = 0;
};

}  // namespace rs::ui
