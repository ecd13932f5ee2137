// Checks made before the window opens, each naming its fix: the usual ways a freshly installed
// station fails (no touch input because a group is missing, no DRM device, no fonts).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace rs::app {

struct StartupProblem {
    bool fatal = false;  // the kiosk cannot show anything without it
    std::string message;
};

struct StartupEnvironment {
    bool kmsdrm = false;  // drawing straight to the display (no X or Wayland)
    std::filesystem::path dev_dir = "/dev";
    std::filesystem::path font_dir;
    std::string user;  // who the kiosk runs as, for the fix
};

// `can_open(path, write)`: whether this process may open `path` for reading (and writing).
using AccessCheck = std::function<bool(const std::filesystem::path&, bool write)>;

std::vector<StartupProblem> check_startup(const StartupEnvironment& env,
                                          const AccessCheck& can_open);

// The checks as the running process sees them: access(2) and the real environment.
StartupEnvironment startup_environment(const std::filesystem::path& font_dir);
bool can_open_now(const std::filesystem::path& path, bool write);

}  // namespace rs::app
