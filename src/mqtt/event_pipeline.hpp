// Usage events on their way out: into the durable outbox first (batched, one disk sync for all
// that arrived together), then to the broker at QoS 1 within a window of unacknowledged
// messages, each removed from the outbox only once the broker has it. On start it closes the
// sessions a power cut left open.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "link_parts.hpp"
#include "rollstation/core/events.hpp"
#include "stats_publisher.hpp"

namespace rs::mqtt {

class EventPipeline {
  public:
    EventPipeline(LinkParts& parts, StatsPublisher& stats)
        : parts_(parts), stats_(stats), resend_check_(parts.io) {}

    // A session still open in the outbox was cut short (power loss, crash): it is closed as
    // session_abandoned, reason power_loss, at the parts' wall clock time, under an event id
    // that stays the same however often the station crashes at this point.
    void close_sessions_cut_short();
    // From the I/O thread: queued, and written with whatever else arrives in this turn.
    void record(const core::UsageEvent& event, const std::string& event_id);
    // Writes what is queued now (record posts this itself).
    void flush();
    // Sends what the outbox holds, as far as the window allows.
    void pump();
    void on_connected();
    void on_published(int message_id, bool accepted);
    void stop() { resend_check_.cancel(); }

    static constexpr std::chrono::seconds kResendAfter{15};

  private:
    storage::Outbox::NewEvent stored_form(const core::UsageEvent& e, const std::string& event_id);

    LinkParts& parts_;
    StatsPublisher& stats_;
    boost::asio::steady_timer resend_check_;
    std::map<int, std::int64_t> in_flight_;  // message id -> seq
    std::int64_t last_sent_ = 0;
    bool refused_reported_ = false;
    std::vector<std::pair<core::UsageEvent, std::string>> queued_;
    bool flush_posted_ = false;
};

}  // namespace rs::mqtt
