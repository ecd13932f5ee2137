// The `sensors:` section of a station file: each sensor's id, kind, source, circumference, tools
// and weigh-in, with one located error per mistake and no two sensors on one device.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "config/yaml_reader.hpp"
#include "rollstation/config/station_config.hpp"

namespace rs::config {

// Reads `root.sensors` (optional) into `out`; a sensor with a mistake is left out.
void read_sensors(YamlReader& r, const YAML::Node& root, std::vector<SensorConfig>& out);

}  // namespace rs::config
