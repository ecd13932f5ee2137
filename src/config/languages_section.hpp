// The languages a station speaks: `station.language`, the house language the kiosk returns to
// after every visit, and `display.languages`, the ones an athlete may choose from.
#pragma once

#include <yaml-cpp/yaml.h>

#include "config/yaml_reader.hpp"
#include "rollstation/config/station_config.hpp"

namespace rs::config {

// Reads both keys (optional: English alone by default; the offered list defaults to the house
// language alone). A mistake is reported where it was written and its default kept. The
// sections' own readers check which keys they may hold; this reads only these two.
void read_languages(YamlReader& r, const YAML::Node& root, StationInfo& station,
                    DisplayConfig& display);

}  // namespace rs::config
