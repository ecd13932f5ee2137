// The commands a station link hands on, kept for the test that checks them.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "mqtt/station_link.hpp"
#include "rollstation/core/commands.hpp"

namespace rs::itest {

// Listens to the link's commands from the moment it is made. The link calls from its I/O
// thread, so what it keeps is read under a lock.
class ReceivedCommands {
  public:
    explicit ReceivedCommands(mqtt::StationLink& link) {
        link.on_commands([this](core::Command c) {
            std::lock_guard lock(mutex_);
            commands_.push_back(std::move(c));
        });
    }
    ReceivedCommands(const ReceivedCommands&) = delete;
    ReceivedCommands& operator=(const ReceivedCommands&) = delete;

    // The ids of the commands so far, in the order they came.
    std::vector<std::string> ids() const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const auto& c : commands_)
            out.push_back(core::command_id_of(c));
        return out;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<core::Command> commands_;
};

}  // namespace rs::itest
