// `rollstation --render-demo`: a routine author's look at every step's demonstration, as PNG
// frames through one loop, drawn by the kiosk's own code without a window.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "rollstation/config/setup.hpp"

namespace rs::app {

inline constexpr int kFramesPerLoop = 8;

// Writes `DIR/step-NN-DEMO-FF.png` (frame 00 the starting position, then the loop). Returns the
// exit code: 0 done, 1 an unknown routine or a folder or file that cannot be written.
int render_demo(const config::Setup& setup, const std::string& routine_id,
                const std::filesystem::path& out_dir, int width, int height,
                const std::filesystem::path& font_dir, std::ostream& out, std::ostream& err);

}  // namespace rs::app
