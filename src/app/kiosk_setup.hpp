// What a station's setup means for the kiosk's parts: the core's settings and sensors, and
// the effect runner's options. Used at start and again on an admin reload.
#pragma once

#include <vector>

#include "app/effect_runner.hpp"
#include "app/kiosk_options.hpp"
#include "app/outbound.hpp"
#include "rollstation/config/setup.hpp"
#include "rollstation/core/kiosk.hpp"

namespace rs::app {

EffectRunnerOptions effect_options(const config::Setup& setup, const KioskOptions& options,
                                   Outbound* outbound);

// Every configured sensor is shown (linked or not); only those with a source get one.
std::vector<core::SensorState> configured_sensors(const config::StationConfig& station);

// The library, safety notice, demonstrations and settings the setup gives the core.
void apply_to_state(const config::Setup& setup, core::KioskState& state);

}  // namespace rs::app
