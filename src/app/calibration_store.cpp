#include "app/calibration_store.hpp"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/atomic_file.hpp"

namespace rs::app {

Calibrations CalibrationStore::load(std::string& problem) const {
    Calibrations out;
    std::ifstream in(file_, std::ios::binary);
    if (!in)
        return out;
    std::ostringstream text;
    text << in.rdbuf();
    const auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (!json.is_object() || !json.contains("sensors") || !json["sensors"].is_object()) {
        problem = file_.string() + ": not a calibration file; the sensors read uncalibrated";
        return out;
    }
    for (const auto& [id, entry] : json["sensors"].items()) {
        const bool good =
            entry.is_object() && entry.contains("zero_n") && entry.contains("scale") &&
            entry["zero_n"].is_number() && entry["scale"].is_number() &&
            std::isfinite(entry["scale"].get<double>()) && entry["scale"].get<double>() > 0;
        if (!good) {
            problem = file_.string() + ": sensor " + id +
                      " has no usable zero_n and scale; it reads uncalibrated";
            continue;
        }
        out[id] = {entry["zero_n"].get<double>(), entry["scale"].get<double>()};
    }
    return out;
}

void CalibrationStore::save(const std::string& sensor_id, const core::Calibration& calibration) {
    std::string ignored;
    Calibrations all = load(ignored);
    if (calibration == core::Calibration{})
        all.erase(sensor_id);
    else
        all[sensor_id] = calibration;
    nlohmann::json json{{"version", 1}, {"sensors", nlohmann::json::object()}};
    for (const auto& [id, c] : all)
        json["sensors"][id] = {{"zero_n", c.zero_n}, {"scale", c.scale}};
    storage::write_file_atomically(file_, json.dump(2) + "\n");
}

}  // namespace rs::app
