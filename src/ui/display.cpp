#include "ui/display.hpp"

#include <stdexcept>

namespace rs::ui {
namespace {

int render_driver_index(std::string_view name) {
    for (int i = 0; i < SDL_GetNumRenderDrivers(); ++i) {
        SDL_RendererInfo info{};
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && name == info.name)
            return i;
    }
    return -1;
}

}  // namespace

std::string_view preferred_renderer(std::string_view video_driver) {
    // The Pi's panel: its GPU through GLES2 (the software renderer would fill every pixel on the
    // CPU).
    if (video_driver == "kmsdrm")
        return "opengles2";
    // Under X11 and Wayland the software renderer measured cheaper than OpenGL: the retained
    // picture leaves little to draw, and no GL stack is loaded (tens of MB less PSS).
    return "software";
}

std::string Display::renderer_name() const {
    SDL_RendererInfo info{};
    return SDL_GetRendererInfo(renderer_.get(), &info) == 0 ? info.name : "unknown";
}

std::string Display::video_driver() const {
    const char* name = SDL_GetCurrentVideoDriver();
    return name ? name : "none";
}

Display::Display(const DisplayOptions& options)
    : rotation_(options.rotation), escape_quits_(options.escape_quits) {
    Uint32 flags = SDL_WINDOW_SHOWN;
    Size size = options.size;
    if (options.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    } else if (size.w == 0 || size.h == 0) {
        size =
            ui::canvas_size({800, 480}, rotation_);  // a rotated panel gets a window of its shape
    }
    window_.reset(SDL_CreateWindow("Rollstation", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                   std::max(1, size.w), std::max(1, size.h), flags));
    if (!window_)
        throw std::runtime_error(std::string("cannot open a window: ") + SDL_GetError());
    const std::string_view name =
        options.software ? "software"
        : options.renderer.empty() || options.renderer == "auto"
            ? preferred_renderer(SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "")
            : std::string_view(options.renderer);
    const bool software = name == "software";
    if (software) {
        // Else SDL may put the software renderer's picture on the screen through OpenGL (it does
        // on X11 when GLX is direct, llvmpipe under Xvfb): a second renderer and the whole GL
        // stack for a copy the X server's shared memory does itself.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    Uint32 renderer_flags = software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED;
    if (options.vsync && !software)
        renderer_flags |= SDL_RENDERER_PRESENTVSYNC;
    // SDL_RENDER_DRIVER in the environment still wins, as SDL documents.
    const int index = SDL_GetHint(SDL_HINT_RENDER_DRIVER) ? -1 : render_driver_index(name);
    renderer_.reset(
        SDL_CreateRenderer(window_.get(), index, renderer_flags | SDL_RENDERER_TARGETTEXTURE));
    if (!renderer_ && index >= 0) {
        // The named renderer is not available here: SDL's own first choice.
        renderer_.reset(SDL_CreateRenderer(window_.get(), -1,
                                           SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE));
    }
    if (!renderer_ && !software) {
        // No GPU driver: the software renderer still gives a working kiosk.
        renderer_.reset(SDL_CreateRenderer(window_.get(), -1,
                                           SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE));
    }
    if (!renderer_)
        throw std::runtime_error(std::string("cannot create a renderer: ") + SDL_GetError());
    software_ = renderer_name() == "software";
    if (software_) {
        // SDL would imitate vsync with whole-millisecond sleeps in SDL_RenderPresent, which
        // measured 50 fps on a 60 Hz display: the loop's own deadlines pace frames instead.
        SDL_RenderSetVSync(renderer_.get(), 0);
    }
    if (options.fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    refresh_size();
}

bool Display::refresh_size() {
    const Size before = canvas_size();
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_.get(), &w, &h);
    window_size_ = {w, h};
    if (rotation_ != 0 && (!target_ || before != canvas_size()))
        make_target();
    return before != canvas_size();
}

std::chrono::nanoseconds Display::refresh_period() const {
    SDL_DisplayMode mode{};
    const int index = SDL_GetWindowDisplayIndex(window_.get());
    int hz = 60;
    if (index >= 0 && SDL_GetCurrentDisplayMode(index, &mode) == 0 && mode.refresh_rate > 0)
        hz = mode.refresh_rate;
    return std::chrono::nanoseconds{1'000'000'000 / hz};
}

bool Display::vsync() const {
    SDL_RendererInfo info{};
    return SDL_GetRendererInfo(renderer_.get(), &info) == 0 &&
           (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
}

void Display::make_target() {
    const Size c = canvas_size();
    target_.reset(SDL_CreateTexture(renderer_.get(), SDL_PIXELFORMAT_ARGB8888,
                                    SDL_TEXTUREACCESS_TARGET, c.w, c.h));
    if (!target_)
        throw std::runtime_error(std::string("cannot create the rotation target: ") +
                                 SDL_GetError());
}

void Display::begin_frame() {
    SDL_SetRenderTarget(renderer_.get(), target_.get());
}

void Display::present() {
    if (target_) {
        // KMSDRM ignores the panel's rotation, so we turn the finished canvas ourselves.
        SDL_SetRenderTarget(renderer_.get(), nullptr);
        const Size c = canvas_size();
        const SDL_Rect dst{(window_size_.w - c.w) / 2, (window_size_.h - c.h) / 2, c.w, c.h};
        SDL_RenderCopyEx(renderer_.get(), target_.get(), nullptr, &dst, rotation_, nullptr,
                         SDL_FLIP_NONE);
    }
    SDL_RenderPresent(renderer_.get());
}

void Display::present(const std::vector<Rect>& areas) {
    if (target_ || !software_) {
        present();
        return;
    }
    // The software renderer draws into the window's surface: only the changed parts go to the
    // screen (for X11, a shared-memory copy of each).
    std::vector<SDL_Rect> rects;
    const Size c = canvas_size();
    for (const Rect& a : areas) {
        const int x0 = std::max(0, a.x), y0 = std::max(0, a.y);
        const int x1 = std::min(c.w, a.right()), y1 = std::min(c.h, a.bottom());
        if (x1 > x0 && y1 > y0)
            rects.push_back({x0, y0, x1 - x0, y1 - y0});
    }
    SDL_RenderFlush(renderer_.get());
    if (rects.empty())
        return;  // nothing changed on the screen
    if (SDL_UpdateWindowSurfaceRects(window_.get(), rects.data(), static_cast<int>(rects.size())) !=
        0)
        SDL_RenderPresent(renderer_.get());
}

Image Display::capture() const {
    const Size c = canvas_size();
    Image image{c.w, c.h, std::vector<std::uint8_t>(static_cast<std::size_t>(c.w) * c.h * 4)};
    SDL_RenderReadPixels(renderer_.get(), nullptr, SDL_PIXELFORMAT_ABGR8888, image.rgba.data(),
                         c.w * 4);
    for (std::size_t i = 3; i < image.rgba.size(); i += 4)
        image.rgba[i] = 255;
    return image;
}

}  // namespace rs::ui
