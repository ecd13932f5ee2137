#include "ui/image.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <cstdlib>

namespace rs::ui {

bool write_png(const std::filesystem::path& file, const Image& image) {
    return stbi_write_png(file.c_str(), image.w, image.h, 4, image.rgba.data(), image.w * 4) != 0;
}

std::optional<Image> read_png(const std::filesystem::path& file) {
    int w = 0, h = 0, channels = 0;
    stbi_uc* pixels = stbi_load(file.c_str(), &w, &h, &channels, 4);
    if (!pixels)
        return std::nullopt;
    Image image{w, h,
                std::vector<std::uint8_t>(pixels, pixels + static_cast<std::size_t>(w) * h * 4)};
    stbi_image_free(pixels);
    return image;
}

ImageDiff compare(const Image& actual, const Image& reference, int tolerance) {
    ImageDiff out;
    out.same_size = actual.w == reference.w && actual.h == reference.h;
    if (!out.same_size)
        return out;
    out.diff = reference;
    const std::size_t pixels = static_cast<std::size_t>(actual.w) * actual.h;
    for (std::size_t i = 0; i < pixels; ++i) {
        const std::uint8_t* a = &actual.rgba[i * 4];
        const std::uint8_t* r = &reference.rgba[i * 4];
        std::uint8_t* d = &out.diff.rgba[i * 4];
        bool differs = false;
        for (int c = 0; c < 3; ++c)
            differs = differs || std::abs(int(a[c]) - int(r[c])) > tolerance;
        if (differs) {
            ++out.differing_pixels;
            d[0] = 255, d[1] = 0, d[2] = 0, d[3] = 255;
        } else {
            for (int c = 0; c < 3; ++c)
                d[c] = static_cast<std::uint8_t>(r[c] / 3);
        }
    }
    out.differing_fraction = pixels ? static_cast<double>(out.differing_pixels) / pixels : 0.0;
    return out;
}

}  // namespace rs::ui
