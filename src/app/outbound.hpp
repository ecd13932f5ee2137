// The one door through which the kiosk speaks to the facility: usage events, answers to coach
// commands, its retained state and live telemetry, and what it can say of the link itself.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "mqtt/station_link.hpp"
#include "rollstation/core/commands.hpp"
#include "rollstation/core/events.hpp"

namespace rs::app {

class Outbound {
  public:
    virtual ~Outbound() = default;
    virtual void event(const core::UsageEvent& event) = 0;
    virtual void result(const core::CommandResult& result) = 0;
    virtual void state(std::string payload) = 0;
    virtual void telemetry(std::string payload) = 0;
    // The link's health for the admin panel; none when nothing links the kiosk to a broker.
    virtual std::optional<mqtt::LinkStatus> status() = 0;
};

// Through the station's link: each usage event is logged, given its id and kept in the outbox.
class LinkOutbound final : public Outbound {
  public:
    // `on_recorded` (optional) hears each event with the id it was recorded under.
    using Recorded = std::function<void(const std::string& event_id, const core::UsageEvent&)>;
    explicit LinkOutbound(mqtt::StationLink& link, Recorded on_recorded = {})
        : link_(link), on_recorded_(std::move(on_recorded)) {}

    void event(const core::UsageEvent& event) override;
    void result(const core::CommandResult& result) override { link_.publish_result(result); }
    void state(std::string payload) override { link_.publish_state(std::move(payload)); }
    void telemetry(std::string payload) override { link_.publish_telemetry(std::move(payload)); }
    std::optional<mqtt::LinkStatus> status() override { return link_.status(); }

  private:
    mqtt::StationLink& link_;
    Recorded on_recorded_;
};

}  // namespace rs::app
