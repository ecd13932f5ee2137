// Force-sensor calibrations, kept in the state directory (the station file stays read-only to
// the kiosk) as a small JSON file, so a calibration survives restarts and power cuts.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "rollstation/core/station_sensors.hpp"

namespace rs::app {

using Calibrations = std::map<std::string, core::Calibration>;  // by sensor id

class CalibrationStore {
  public:
    explicit CalibrationStore(std::filesystem::path file) : file_(std::move(file)) {}

    // What the file holds; a missing file is no calibration, a damaged one is reported in
    // `problem` and ignored (the next save replaces it).
    Calibrations load(std::string& problem) const;
    // Sets one sensor's calibration (the identity removes it) and writes the file. Throws.
    void save(const std::string& sensor_id, const core::Calibration& calibration);

    const std::filesystem::path& file() const { return file_; }

  private:
    std::filesystem::path file_;
};

}  // namespace rs::app
