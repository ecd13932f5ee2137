// The soak: one kiosk (a separate process, restarted by this supervisor as systemd would), a
// real broker, a simulated roller on a pseudo-terminal and a persistent collector, for a given
// time, with faults: broker restarts, sensor unplugs, hostile commands, coach pushes, kill -9.
// At the end it checks delivery, memory, file descriptors and the outbox, and prints a table.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

namespace rs::soak {

struct SoakOptions {
    std::chrono::seconds duration{30 * 60};
    std::filesystem::path dir;                // work folder: logs, database, samples (kept)
    std::filesystem::path sanitizer_reports;  // set: a sanitized build; reports land here
    std::uint32_t seed = 1;
    std::int64_t rss_bound_kib = 4096;  // allowed RSS growth after warm-up, per kiosk run
    int fd_bound = 2;                   // allowed growth in open descriptors after warm-up
};

// 0 when every check passed, 1 otherwise.
int run_soak(const SoakOptions& options);

}  // namespace rs::soak
