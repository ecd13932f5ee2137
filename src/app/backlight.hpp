// The panel's backlight through /sys/class/backlight: dimmed while the attract screen idles
// (less light, less wear, less power) and restored at the next touch.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace rs::app {

class Backlight {
  public:
    // `device`: a backlight directory, or empty for the first one under `class_dir`. Nothing
    // when there is none (an HDMI screen); `problem` says why when one exists but is unusable.
    static std::optional<Backlight> find(const std::filesystem::path& device,
                                         const std::filesystem::path& class_dir,
                                         std::string& problem);

    // To `percent` of the brightness it had at start (at least 1 step, never off).
    bool dim(int percent, std::string& problem);
    bool restore(std::string& problem);

    const std::filesystem::path& device() const { return device_; }
    int normal() const { return normal_; }

  private:
    Backlight(std::filesystem::path device, int max, int normal)
        : device_(std::move(device)), max_(max), normal_(normal) {}
    bool write(int value, std::string& problem);

    std::filesystem::path device_;
    int max_ = 0;
    int normal_ = 0;  // the brightness found at start, restored on wake
};

}  // namespace rs::app
