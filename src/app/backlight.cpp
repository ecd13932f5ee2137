#include "app/backlight.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace rs::app {
namespace fs = std::filesystem;
namespace {

std::optional<int> read_number(const fs::path& file) {
    std::ifstream in(file);
    int value = 0;
    if (in >> value)
        return value;
    return std::nullopt;
}

}  // namespace

std::optional<Backlight> Backlight::find(const fs::path& device, const fs::path& class_dir,
                                         std::string& problem) {
    fs::path chosen = device;
    if (chosen.empty()) {
        std::error_code ec;
        std::vector<fs::path> found;
        for (const auto& entry : fs::directory_iterator(class_dir, ec))
            found.push_back(entry.path());
        if (found.empty())
            return std::nullopt;  // no backlight to drive: the picture itself is dimmed
        std::sort(found.begin(), found.end());
        chosen = found.front();
    }
    const auto max = read_number(chosen / "max_brightness");
    const auto now = read_number(chosen / "brightness");
    if (!max || !now || *max <= 0) {
        problem = "backlight " + chosen.string() +
                  " has no readable brightness; dimming the "
                  "picture instead";
        return std::nullopt;
    }
    // A panel left dark by an earlier crash comes back at full brightness.
    return Backlight(chosen, *max, *now > 0 ? *now : *max);
}

bool Backlight::write(int value, std::string& problem) {
    const fs::path file = device_ / "brightness";
    std::ofstream out(file);
    if (out << value << "\n" && out.flush())
        return true;
    problem = "cannot write " + file.string() + " (" + std::strerror(errno) +
              "): let the video group write it with the udev rule in docs/raspberry-pi.md";
    return false;
}

bool Backlight::dim(int percent, std::string& problem) {
    return write(std::max(1, normal_ * std::clamp(percent, 1, 100) / 100), problem);
}

bool Backlight::restore(std::string& problem) {
    return write(normal_, problem);
}

}  // namespace rs::app
