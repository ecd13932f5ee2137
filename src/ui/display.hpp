// The window and renderer: native fullscreen or a development window, rotation for panels
// mounted sideways, presenting frames and reading them back for tests and benchmarks.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/image.hpp"
#include "ui/layout.hpp"
#include "ui/sdl_handles.hpp"

namespace rs::ui {

struct DisplayOptions {
    bool fullscreen = true;
    Size size{};  // window size; zero: native (fullscreen) or 800x480
    int rotation = 0;
    bool software = false;  // force SDL's software renderer (tests, benchmarks)
    // SDL's renderer by name (software, opengl, opengles2); "auto": the one that measured best
    // for the video driver (preferred_renderer).
    std::string renderer = "auto";
    bool vsync = true;
    bool escape_quits = false;  // a windowed kiosk closes on Escape; a fullscreen one never
};

// The renderer a kiosk uses on a video driver when the station does not name one, from
// measurements of each (docs/performance.md).
std::string_view preferred_renderer(std::string_view video_driver);

class Display {
  public:
    explicit Display(const DisplayOptions& options);

    SDL_Renderer* renderer() const { return renderer_.get(); }
    Size window_size() const { return window_size_; }
    Size canvas_size() const { return ui::canvas_size(window_size_, rotation_); }
    int rotation() const { return rotation_; }
    // One refresh of the display the window is on (60 Hz when the driver does not say).
    std::chrono::nanoseconds refresh_period() const;
    // Whether presenting waits for the display's refresh (then frames are paced by it).
    bool vsync() const;
    std::string renderer_name() const;
    std::string video_driver() const;
    bool escape_quits() const { return escape_quits_; }

    // Call when the window changed size; returns true when the canvas size changed.
    bool refresh_size();
    void begin_frame();  // directs drawing at the canvas
    void present();      // shows the canvas, rotated as mounted
    // Shows only `areas` of the canvas, where the renderer allows it (else all of it).
    void present(const std::vector<Rect>& areas);
    // Whether the canvas keeps its pixels from one frame to the next, so a frame need only
    // restore and draw what changed: the software renderer's window surface and the rotation
    // target do; a GPU's back buffer does not.
    bool keeps_canvas() const { return target_ || software_; }
    Image capture() const;  // the canvas as drawn so far in this frame (call before present)

    Point to_canvas(Point window_point) const {
        return window_to_canvas(window_point, window_size_, rotation_);
    }

  private:
    void make_target();
    WindowHandle window_;
    RendererHandle renderer_;
    TextureHandle target_;  // only when rotated
    Size window_size_{};
    int rotation_ = 0;
    bool escape_quits_ = false;
    bool software_ = false;
};

}  // namespace rs::ui
