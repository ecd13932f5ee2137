// Everything the kiosk reads at start: the station file, the routine library, the safety notice.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "rollstation/config/demo_loader.hpp"
#include "rollstation/config/routine_loader.hpp"
#include "rollstation/config/station_config.hpp"
#include "rollstation/core/library.hpp"

namespace rs::config {

struct Setup {
    StationConfig station;
    std::shared_ptr<const core::Library> library;
    std::shared_ptr<const core::SafetyNotice> safety;
    std::shared_ptr<const core::DemoLibrary> demos;
    std::vector<std::string> steps_without_demo;  // each step shows its text alone
    std::vector<std::string> skipped_files;
    std::vector<std::string> skipped_demo_files;  // reported; their steps show text alone
    // Where each routine and demonstration came from, by id: a translator's report names them.
    std::map<std::string, std::string> routine_files;
    std::map<std::string, std::string> demo_files;
    Diagnostics errors;
    bool station_ok = false;  // false: the station file was missing or unusable (defaults in use)
    bool valid() const { return station_ok && errors.empty(); }
};

// Relative paths in the station file are looked up in `base_dir` (default: the file's own
// folder), then in `share_dir`.
Setup load_setup(const std::filesystem::path& station_file, const std::filesystem::path& share_dir,
                 const std::filesystem::path& base_dir = {});

std::optional<core::SafetyNotice> load_safety_notice(const std::filesystem::path& file,
                                                     Diagnostics& errors);

// The lines `rollstation --check-config` prints: station, counts per purpose and level, errors.
std::string describe(const Setup& setup);

}  // namespace rs::config
