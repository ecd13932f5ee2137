// Coach commands on their way in and the station's answers on their way out. Each command is
// checked here, on the I/O thread, before anything reaches the station's state; the answer goes
// to cmd/result and, for an MQTT 5 request, to its response topic. Commands and answers join
// the retained recent history as they happen.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mqtt/link_parts.hpp"
#include "mqtt/stats_publisher.hpp"
#include "rollstation/core/commands.hpp"

namespace rs::mqtt {

class CommandDesk {
  public:
    CommandDesk(LinkParts& parts, StatsPublisher& stats) : parts_(parts), stats_(stats) {}

    void on_command(const Incoming& in);
    void publish_result(const core::CommandResult& result);
    // Where checked commands go; those that arrived before it was set are handed over now.
    void attach(std::function<void(core::Command)> deliver);
    void detach() { deliver_ = nullptr; }

    static constexpr std::size_t kRequestsKept = 500;

  private:
    void answer(const Incoming& request, const core::CommandResult& r);
    void remember(const std::string& topic, const std::string& payload);

    LinkParts& parts_;
    StatsPublisher& stats_;
    std::function<void(core::Command)> deliver_;
    std::vector<core::Command> waiting_;
    std::map<std::string, Incoming> requests_;  // command_id -> how it came (for MQTT 5 replies)
};

}  // namespace rs::mqtt
