// The kiosk under test: the station exactly as src/app/main.cpp puts it together (the station
// file, the I/O thread, the station link with its outbox, the kiosk app), on SDL's dummy video
// driver, with an athlete (TouchScript) tapping the screen through SDL touch events. It runs
// until SIGTERM, or until the supervisor kills it -9.
#pragma once

#include <cstdint>
#include <filesystem>

namespace rs::soak {

struct KioskRun {
    std::filesystem::path config;    // the station file
    std::filesystem::path produced;  // each usage event the kiosk makes: one line, appended
    std::uint32_t seed = 1;
    bool touch = true;  // false: nobody at the screen (the soak's last, draining run)
};

int run_kiosk(const KioskRun& run);

}  // namespace rs::soak
