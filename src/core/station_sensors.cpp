#include "rollstation/core/station_sensors.hpp"

namespace rs::core {

SensorState::SensorState(SensorSpec s, MotionSettings settings)
    : spec(std::move(s)), motion([&] {
          settings.circumference_mm = spec.circumference_mm;
          return settings;
      }()) {}

const SensorState* lead_sensor(const std::vector<SensorState>& sensors) {
    for (const auto& s : sensors) {
        if (s.connected && s.measures_rotation())
            return &s;
    }
    for (const auto& s : sensors) {
        if (s.connected && s.measures_force())
            return &s;
    }
    return nullptr;
}

std::optional<double> gauge_force(const std::vector<SensorState>& sensors) {
    const SensorState* lead = lead_sensor(sensors);
    if (lead && lead->measures_force() && lead->motion.force())
        return lead->motion.force();
    for (const auto& s : sensors) {
        if (s.connected && s.measures_force() && s.motion.force())
            return s.motion.force();
    }
    return std::nullopt;
}

}  // namespace rs::core
