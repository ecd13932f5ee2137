#include "ui/display.hpp"

#include <stdexcept>

namespace rs::ui {

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
    Uint32 renderer_flags = options.software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED;
    if (options.vsync && !options.software)
        renderer_flags |= SDL_RENDERER_PRESENTVSYNC;
    renderer_.reset(
        SDL_CreateRenderer(window_.get(), -1, renderer_flags | SDL_RENDERER_TARGETTEXTURE));
    if (!renderer_ && !options.software) {
        // No GPU driver: the software renderer still gives a working kiosk.
        renderer_.reset(SDL_CreateRenderer(window_.get(), -1,
                                           SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE));
    }
    if (!renderer_)
        throw std::runtime_error(std::string("cannot create a renderer: ") + SDL_GetError());
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
