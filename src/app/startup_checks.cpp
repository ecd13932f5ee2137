#include "app/startup_checks.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace rs::app {
namespace fs = std::filesystem;
namespace {

std::vector<fs::path> entries_starting(const fs::path& dir, const std::string& prefix) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().filename().string().rfind(prefix, 0) == 0)
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string add_to_group(const std::string& group, const std::string& user) {
    return "sudo usermod -aG " + group + " " + (user.empty() ? "rollstation" : user) +
           " (then restart the kiosk)";
}

}  // namespace

std::vector<StartupProblem> check_startup(const StartupEnvironment& env,
                                          const AccessCheck& can_open) {
    std::vector<StartupProblem> problems;
    for (const char* font : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}) {
        const fs::path file = env.font_dir / font;
        if (!can_open(file, false)) {
            problems.push_back({true, "no font " + file.string() +
                                          ": install fonts-dejavu-core or set display.font_dir"});
        }
    }
    if (!env.kmsdrm)
        return problems;  // a desktop session hands out the display and input itself

    const auto cards = entries_starting(env.dev_dir / "dri", "card");
    if (cards.empty()) {
        problems.push_back({true, "no DRM device in " + (env.dev_dir / "dri").string() +
                                      ": enable the KMS driver (dtoverlay=vc4-kms-v3d in "
                                      "/boot/firmware/config.txt) and reboot"});
    } else if (std::none_of(cards.begin(), cards.end(),
                            [&](const fs::path& c) { return can_open(c, true); })) {
        problems.push_back({true, "cannot open " + cards.front().string() +
                                      ": the kiosk's user needs the video group: " +
                                      add_to_group("video", env.user)});
    }
    const auto inputs = entries_starting(env.dev_dir / "input", "event");
    if (!inputs.empty() && std::none_of(inputs.begin(), inputs.end(),
                                        [&](const fs::path& e) { return can_open(e, false); })) {
        // Without input the screen shows but nothing answers a touch: say so loudly.
        problems.push_back({false, "cannot read " + inputs.front().string() +
                                       ": touches and keys will be ignored; the kiosk's user "
                                       "needs the input group: " +
                                       add_to_group("input", env.user)});
    }
    return problems;
}

StartupEnvironment startup_environment(const fs::path& font_dir) {
    StartupEnvironment env;
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    env.kmsdrm = driver && std::string(driver) == "kmsdrm";
    env.font_dir = font_dir;
    if (const passwd* pw = getpwuid(geteuid()))
        env.user = pw->pw_name;
    return env;
}

bool can_open_now(const fs::path& path, bool write) {
    return ::access(path.c_str(), write ? (R_OK | W_OK) : R_OK) == 0;
}

}  // namespace rs::app
