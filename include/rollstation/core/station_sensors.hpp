// The sensors a station has, as the kiosk sees them: linked or silent, and what they measure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/motion.hpp"
#include "rollstation/core/routine.hpp"
#include "rollstation/core/wire.hpp"

namespace rs::core {

// A force sensor's correction: calibrated = (raw - zero_n) * scale.
struct Calibration {
    double zero_n = 0;
    double scale = 1;
    double apply(double raw_n) const { return (raw_n - zero_n) * scale; }
    double raw(double calibrated_n) const { return calibrated_n / scale + zero_n; }
    bool operator==(const Calibration&) const = default;
};

// Standard gravity: a calibration's known weight and a check-in's reading in kilograms.
inline constexpr double kStandardGravity = 9.80665;
inline constexpr double kilograms_of(double newtons) {
    return newtons / kStandardGravity;
}
inline constexpr double newtons_of(double kilograms) {
    return kilograms * kStandardGravity;
}

struct SensorSpec {
    std::string id;
    std::string kind = "roller";  // roller or pad
    int circumference_mm = 0;
    // The tools whose steps it measures (a roller's core does not feel a ball against the
    // wall); empty: the kind's own, see default_tools.
    std::vector<Tool> tools{};
    // A pad an athlete may stand on for a body-weight check-in; unset: every pad.
    std::optional<bool> weigh_in{};

    // A roller measures the foam roller it sits in; a pad whatever is pressed onto it.
    static std::vector<Tool> default_tools(const std::string& kind);
    bool takes_weigh_in() const { return weigh_in.value_or(kind == "pad"); }
    bool serves(Tool tool) const;
};

struct SensorState {
    SensorSpec spec;
    bool connected = false;  // data arrived within kSensorSilence
    std::optional<wire::Hello> hello;
    std::optional<int> battery_pct;
    std::optional<int> rssi_dbm;  // Bluetooth LE sensors: the signal strength BlueZ last saw
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

// The sensor whose figures lead the session: the first linked one serving `tool` that measures
// rotation, else the first such one that measures force. Without a tool: any linked sensor.
const SensorState* lead_sensor(const std::vector<SensorState>& sensors,
                               std::optional<Tool> tool = std::nullopt);
// The force for the gauge: the lead's, or any other linked sensor's serving `tool` that measures
// force.
std::optional<double> gauge_force(const std::vector<SensorState>& sensors,
                                  std::optional<Tool> tool = std::nullopt);
// The force of the first linked pad set up for check-ins.
std::optional<double> weigh_in_force(const std::vector<SensorState>& sensors);
bool has_weigh_in_pad(const std::vector<SensorState>& sensors);

SensorState* find_sensor(std::vector<SensorState>& sensors, const std::string& id);
const SensorState* find_sensor(const std::vector<SensorState>& sensors, const std::string& id);

}  // namespace rs::core
