// Random (version 4) UUIDs for sessions and events.
#pragma once

#include <string>

namespace rs::app {

std::string make_uuid();

}  // namespace rs::app
