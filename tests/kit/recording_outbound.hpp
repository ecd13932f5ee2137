// The kiosk's outbound door as a test sees it: every usage event, command result, state and
// telemetry payload kept in order, with no broker behind it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/outbound.hpp"

namespace rs::kit {

class RecordingOutbound final : public app::Outbound {
  public:
    void event(const core::UsageEvent& e) override { events.push_back(e); }
    void result(const core::CommandResult& r) override { results.push_back(r); }
    void state(std::string payload) override { state_payloads.push_back(std::move(payload)); }
    void telemetry(std::string payload) override {
        telemetry_payloads.push_back(std::move(payload));
    }
    std::optional<mqtt::LinkStatus> status() override { return std::nullopt; }

    std::vector<core::UsageEvent> events;
    std::vector<core::CommandResult> results;
    std::vector<std::string> state_payloads;
    std::vector<std::string> telemetry_payloads;
};

}  // namespace rs::kit
