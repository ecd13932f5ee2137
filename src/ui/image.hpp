// An RGBA picture in memory, with PNG reading/writing and a tolerant comparison for golden tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace rs::ui {

struct Image {
    int w = 0, h = 0;
    std::vector<std::uint8_t> rgba;  // w*h*4 bytes, row by row
};

bool write_png(const std::filesystem::path& file, const Image& image);
std::optional<Image> read_png(const std::filesystem::path& file);

struct ImageDiff {
    bool same_size = false;
    std::size_t differing_pixels = 0;
    double differing_fraction = 0.0;
    Image diff;  // differing pixels in red over a faded copy of the reference
};

// A pixel differs when any channel differs by more than `channel_tolerance`.
ImageDiff compare(const Image& actual, const Image& reference, int channel_tolerance);

}  // namespace rs::ui
