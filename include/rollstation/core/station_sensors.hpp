// The sensors a station has, as the kiosk sees them: linked or silent, and what they measure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rollstation/core/admin.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/motion.hpp"
#include "rollstation/core/wire.hpp"

namespace rs::core {

struct SensorSpec {
    std::string id;
    std::string kind = "roller";  // roller or pad
    int circumference_mm = 0;
};

struct SensorState {
    SensorSpec spec;
    bool connected = false;  // data arrived within kSensorSilence
    std::optional<wire::Hello> hello;
    std::optional<int> battery_pct;
    wire::Counters counters;
    MotionTracker motion;  // fed calibrated force
    Calibration calibration;
    Instant last_data{};

    explicit SensorState(SensorSpec s, MotionSettings settings = {});
    bool measures_rotation() const {
        return hello ? hello->measures_rotation : spec.kind == "roller";
    }
    bool measures_force() const { return hello ? hello->measures_force : spec.kind == "pad"; }
};

// A sensor that has said nothing for this long is shown as disconnected.
inline constexpr Millis kSensorSilence{1000};

// The sensor whose figures lead the session: the first linked one that measures rotation,
// else the first linked one that measures force.
const SensorState* lead_sensor(const std::vector<SensorState>& sensors);
// The force for the gauge: the lead's, or any other linked sensor's that measures force.
std::optional<double> gauge_force(const std::vector<SensorState>& sensors);

}  // namespace rs::core
