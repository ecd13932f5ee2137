// The station's short retained history (<station>/recent): the last session and sensor events,
// the commands it was sent and its answers, so a dashboard opened or reloaded later can rebuild
// its feed and a coach's list of classes from the broker alone (docs/mqtt.md, "recent").
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/commands.hpp"
#include "storage/outbox.hpp"

namespace rs::mqtt {

// Bigger than this, the oldest entries are left out: a retained message every client receives
// on subscribing should stay small.
inline constexpr std::size_t kRecentMaxBytes = 48 * 1024;

// {"v":1,"station","updated_at","entries":[{"topic","payload":{…}}, …]}, oldest first.
std::string recent_payload(const std::vector<storage::RecentEntry>& entries,
                           const std::string& station, core::WallTime now,
                           std::size_t max_bytes = kRecentMaxBytes);

// What the history keeps of a checked command: its fields without an inline routine's steps,
// and when the station received it (received_at), since a command carries no time of its own.
std::string command_summary(const core::Command& command, core::WallTime received);

}  // namespace rs::mqtt
