// Rasterised text kept as textures, so unchanged text is never drawn by FreeType twice.
#pragma once

#include <SDL.h>

#include <filesystem>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ui/sdl_handles.hpp"
#include "ui/theme.hpp"

namespace rs::ui {

struct TextImage {
    SDL_Texture* texture = nullptr;  // owned by the cache; valid until the next frame's evictions
    int w = 0, h = 0;
};

class Fonts {
  public:
    // Opens DejaVu Sans (regular and bold) from `dir` at every type size for this scale.
    Fonts(const std::filesystem::path& dir, double unit);
    TTF_Font* get(Type type) const { return fonts_[static_cast<int>(type)].get(); }
    int line_height(Type type) const { return TTF_FontLineSkip(get(type)); }
    // Measurements are remembered: every frame measures the same texts to lay a screen out, and
    // shaping them again cost more than drawing the frame.
    int width_of(Type type, std::string_view text) const;
    // The height of `text` wrapped at `width`, measured without a renderer.
    int wrapped_height(Type type, std::string_view text, int width) const;

  private:
    static std::string measure_key(Type type, int width, std::string_view text);
    int remembered(std::string key, const std::function<int()>& measure) const;

    static constexpr std::size_t kMeasuredCapacity = 4096;
    FontHandle fonts_[7];
    mutable std::unordered_map<std::string, int> measured_;
};

class TextCache {
  public:
    TextCache(SDL_Renderer* renderer, const Fonts& fonts, std::size_t capacity = 512)
        : renderer_(renderer), fonts_(fonts), capacity_(capacity) {}

    // `wrap_width` > 0 breaks lines at that width (centred when `centred`).
    TextImage get(Type type, std::string_view text, SDL_Color colour, int wrap_width = 0,
                  bool centred = false);

    std::size_t rasterised() const { return misses_; }
    std::size_t reused() const { return hits_; }
    std::size_t size() const { return entries_.size(); }

  private:
    struct Entry {
        std::string key;
        TextureHandle texture;
        int w = 0, h = 0;
    };
    SDL_Renderer* renderer_;
    const Fonts& fonts_;
    std::size_t capacity_;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t hits_ = 0, misses_ = 0;
};

}  // namespace rs::ui
