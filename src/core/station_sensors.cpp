#include "rollstation/core/station_sensors.hpp"

#include <algorithm>

namespace rs::core {

SensorState::SensorState(SensorSpec s, MotionSettings settings)
    : spec(std::move(s)), motion([&] {
          settings.circumference_mm = spec.circumference_mm;
          return settings;
      }()) {}

std::vector<Tool> SensorSpec::default_tools(const std::string& kind) {
    if (kind == "pad")
        return {Tool::foam_roller, Tool::tennis_ball, Tool::lacrosse_ball, Tool::peanut_ball};
    return {Tool::foam_roller};
}

bool SensorSpec::serves(Tool tool) const {
    if (tools.empty())  // the kind's own, as default_tools says, without building the list
        return kind == "pad" || tool == Tool::foam_roller;
    return std::find(tools.begin(), tools.end(), tool) != tools.end();
}

namespace {
bool usable(const SensorState& s, std::optional<Tool> tool) {
    return s.connected && (!tool || s.spec.serves(*tool));
}
}  // namespace

const SensorState* lead_sensor(const std::vector<SensorState>& sensors, std::optional<Tool> tool) {
    for (const auto& s : sensors) {
        if (usable(s, tool) && s.measures_rotation())
            return &s;
    }
    for (const auto& s : sensors) {
        if (usable(s, tool) && s.measures_force())
            return &s;
    }
    return nullptr;
}

std::optional<double> gauge_force(const std::vector<SensorState>& sensors,
                                  std::optional<Tool> tool) {
    const SensorState* lead = lead_sensor(sensors, tool);
    if (lead && lead->measures_force() && lead->motion.force())
        return lead->motion.force();
    for (const auto& s : sensors) {
        if (usable(s, tool) && s.measures_force() && s.motion.force())
            return s.motion.force();
    }
    return std::nullopt;
}

std::optional<double> weigh_in_force(const std::vector<SensorState>& sensors) {
    for (const auto& s : sensors) {
        if (s.connected && s.spec.takes_weigh_in() && s.measures_force())
            return s.motion.force();
    }
    return std::nullopt;
}

bool has_weigh_in_pad(const std::vector<SensorState>& sensors) {
    return std::any_of(sensors.begin(), sensors.end(), [](const SensorState& s) {
        return s.connected && s.spec.takes_weigh_in() && s.measures_force();
    });
}

const SensorState* find_sensor(const std::vector<SensorState>& sensors, const std::string& id) {
    const auto it = std::find_if(sensors.begin(), sensors.end(),
                                 [&](const SensorState& s) { return s.spec.id == id; });
    return it == sensors.end() ? nullptr : &*it;
}

SensorState* find_sensor(std::vector<SensorState>& sensors, const std::string& id) {
    const auto it = std::find_if(sensors.begin(), sensors.end(),
                                 [&](const SensorState& s) { return s.spec.id == id; });
    return it == sensors.end() ? nullptr : &*it;
}

}  // namespace rs::core
