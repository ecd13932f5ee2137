// The idle attract screen dims: through the panel's backlight where there is one, else by
// shading the picture. The backlight is given back its brightness on wake and at exit.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/backlight.hpp"
#include "ui/view.hpp"

namespace rs::app {

class Dimmer {
  public:
    // Looks for a backlight only when the station dims at all; a problem goes to `problems`.
    Dimmer(bool dims, const std::filesystem::path& device, const std::filesystem::path& class_dir,
           std::vector<std::string>& problems);
    ~Dimmer();
    Dimmer(const Dimmer&) = delete;
    Dimmer& operator=(const Dimmer&) = delete;

    void set_level(int percent) { percent_ = percent; }  // display.dim_brightness_pct
    // How the view draws a dimmed screen, given how the screen is dimmed.
    void prepare(ui::View& view) const { view.set_dimmed_picture(backlight_ ? 100 : percent_); }
    // The state's dimmed flag went from `was` to `now`.
    void follow(bool was, bool now, ui::View& view);

  private:
    std::optional<Backlight> backlight_;
    int percent_ = 20;
    bool dimmed_ = false;
};

}  // namespace rs::app
