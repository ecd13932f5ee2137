// Usage events as one readable log line each (until they are published).
#pragma once

#include <string>

#include "rollstation/core/events.hpp"

namespace rs::app {

std::string describe_event(const core::UsageEvent& event);

}  // namespace rs::app
