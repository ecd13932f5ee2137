// From the station file to the settings of the station's link (outbox and broker).
#pragma once

#include <string>
#include <vector>

#include "mqtt/station_link.hpp"
#include "rollstation/config/station_config.hpp"

namespace rs::app {

// `problems` collects what is wrong but not fatal (an unreadable password file, say).
mqtt::LinkSettings link_settings_from(const config::StationConfig& station,
                                      std::shared_ptr<const core::Library> library,
                                      const std::string& version, const std::string& boot_id,
                                      core::WallTime started_at,
                                      std::vector<std::string>& problems);

}  // namespace rs::app
