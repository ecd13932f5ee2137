// The `mqtt:` section of a station file, for other programs that take the same keys (the
// recorder's file has one too).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>

#include "config/yaml_reader.hpp"
#include "rollstation/config/station_config.hpp"

namespace rs::config {

// Reads `root.mqtt` (optional); relative files are resolved against `base`.
void read_mqtt_section(YamlReader& r, const YAML::Node& root, const std::filesystem::path& base,
                       std::optional<MqttConfig>& out);

}  // namespace rs::config
