// The station-file lines the integration tests' headless kiosks share, beside each test's own
// `station` section (and whatever else it needs).
#pragma once

#include <filesystem>
#include <string>

namespace rs::itest {

// The station-file lines every headless test kiosk shares: a small silent window, and the
// repository's routines and safety notice by absolute path.
inline std::string headless_kiosk_lines() {
    const std::filesystem::path source = ROLLSTATION_SOURCE_DIR;
    return "display: {fullscreen: false, width: 800, height: 480, sound: false}\n"
           "routines: {dirs: [" +
           (source / "config/routines").string() +
           "]}\n"
           "safety_notice: " +
           (source / "config/safety.yaml").string() + "\n";
}

// The station-file lines of a kiosk on the test broker at loopback `port`, without signing in,
// keeping its events in `database`.
inline std::string loopback_kiosk_lines(int port, const std::filesystem::path& database) {
    return "mqtt: {host: 127.0.0.1, port: " + std::to_string(port) +
           "}\n"
           "storage: {path: " +
           database.string() + "}\n";
}

}  // namespace rs::itest
