#include "ui/text_cache.hpp"

#include <stdexcept>

namespace rs::ui {

Fonts::Fonts(const std::filesystem::path& dir, double unit) {
    for (int i = 0; i < 7; ++i) {
        const Type type = static_cast<Type>(i);
        const auto file = dir / (is_bold(type) ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
        const int size = std::max(8, static_cast<int>(design_size(type) * unit + 0.5));
        fonts_[i].reset(TTF_OpenFont(file.c_str(), size));
        if (!fonts_[i]) {
            throw std::runtime_error("cannot open the font " + file.string() + ": " +
                                     TTF_GetError() +
                                     " (install fonts-dejavu-core or set display.font_dir)");
        }
        TTF_SetFontHinting(fonts_[i].get(), TTF_HINTING_LIGHT);
    }
}

std::string Fonts::measure_key(Type type, int width, std::string_view text) {
    std::string key;
    key.reserve(text.size() + 8);
    key += static_cast<char>('a' + static_cast<int>(type));
    key.append(reinterpret_cast<const char*>(&width), sizeof width);
    key += text;
    return key;
}

int Fonts::remembered(std::string key, const std::function<int()>& measure) const {
    if (const auto found = measured_.find(key); found != measured_.end())
        return found->second;
    // A screen measures a few hundred texts; a full table is emptied rather than aged.
    if (measured_.size() >= kMeasuredCapacity)
        measured_.clear();
    const int value = measure();
    measured_.emplace(std::move(key), value);
    return value;
}

int Fonts::width_of(Type type, std::string_view text) const {
    return remembered(measure_key(type, -1, text), [&] {
        int w = 0, h = 0;
        TTF_SizeUTF8(get(type), std::string(text).c_str(), &w, &h);
        return w;
    });
}

int Fonts::wrapped_height(Type type, std::string_view text, int width) const {
    return remembered(measure_key(type, width, text), [&] {
        // Wrapped by SDL_ttf as drawing wraps it; only the height is kept.
        SDL_Surface* surface = TTF_RenderUTF8_Blended_Wrapped(
            get(type), std::string(text).c_str(), SDL_Color{255, 255, 255, 255},
            static_cast<Uint32>(std::max(1, width)));
        if (!surface)
            return 0;
        const int h = surface->h;
        SDL_FreeSurface(surface);
        return h;
    });
}

TextImage TextCache::get(Type type, std::string_view text, SDL_Color c, int wrap_width,
                         bool centred) {
    if (text.empty())
        return {};
    std::string key;
    key.reserve(text.size() + 24);
    key += static_cast<char>('a' + static_cast<int>(type));
    key += static_cast<char>(c.r);
    key += static_cast<char>(c.g);
    key += static_cast<char>(c.b);
    key += static_cast<char>(c.a);
    key += std::to_string(wrap_width);
    key += centred ? 'c' : 'l';
    key += '|';
    key += text;

    if (auto found = index_.find(key); found != index_.end()) {
        ++hits_;
        entries_.splice(entries_.begin(), entries_, found->second);
        const Entry& e = entries_.front();
        return {e.texture.get(), e.w, e.h};
    }
    ++misses_;
    TTF_Font* font = fonts_.get(type);
    const std::string owned(text);
    SurfaceHandle surface;
    if (wrap_width > 0) {
        TTF_SetFontWrappedAlign(font, centred ? TTF_WRAPPED_ALIGN_CENTER : TTF_WRAPPED_ALIGN_LEFT);
        surface.reset(TTF_RenderUTF8_Blended_Wrapped(font, owned.c_str(), c,
                                                     static_cast<Uint32>(wrap_width)));
    } else {
        surface.reset(TTF_RenderUTF8_Blended(font, owned.c_str(), c));
    }
    if (!surface)
        return {};
    TextureHandle texture(SDL_CreateTextureFromSurface(renderer_, surface.get()));
    if (!texture)
        return {};
    entries_.push_front(Entry{key, std::move(texture), surface->w, surface->h});
    index_[key] = entries_.begin();
    while (entries_.size() > capacity_) {
        index_.erase(entries_.back().key);
        entries_.pop_back();
    }
    const Entry& e = entries_.front();
    return {e.texture.get(), e.w, e.h};
}

}  // namespace rs::ui
