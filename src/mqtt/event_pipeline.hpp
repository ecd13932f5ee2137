// Usage events on their way out: into the durable outbox first (batched, one disk sync for all
// that arrived together), then to the broker at QoS 1 within a window of unacknowledged
// messages, each removed from the outbox only once the broker has it. On start it closes the
// sessions a power cut left open. An event that cannot be written (a full disk, a database that
// would not open) is held in memory and written again with back-off until it is stored; only
// beyond LinkSettings::max_held_events are the oldest given up, and those are counted as dropped.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "mqtt/link_parts.hpp"
#include "mqtt/payloads.hpp"
#include "mqtt/stats_publisher.hpp"
#include "rollstation/core/events.hpp"

namespace rs::mqtt {

class EventPipeline {
  public:
    EventPipeline(LinkParts& parts, StatsPublisher& stats)
        : parts_(parts), stats_(stats), resend_check_(parts.io), retry_(parts.io) {}

    // Opens the outbox, trying again with back-off while it cannot be opened; once open, closes
    // the sessions a power cut left open and stores what was held meanwhile.
    void open_outbox();
    // A session still open in the outbox was cut short (power loss, crash): it is closed as
    // session_abandoned, reason power_loss, at the parts' wall clock time, under an event id
    // that stays the same however often the station crashes at this point.
    void close_sessions_cut_short();
    // From the I/O thread: queued, and written with whatever else arrives in this turn. `clock`
    // says when it was recorded (its boot_id is filled in here); without it, now.
    void record(const core::UsageEvent& event, const std::string& event_id, EventClock clock);
    void record(const core::UsageEvent& event, const std::string& event_id);
    // Once the wall clock is synchronised: events of this boot stored with an unsynchronised
    // stamp are stamped afresh from their monotonic offset; a clock_corrected event follows
    // those already sent with the old stamp.
    void restamp();
    // Writes what is queued now (record posts this itself).
    void flush();
    // Sends what the outbox holds, as far as the window allows.
    void pump();
    void on_connected();
    void on_published(int message_id, bool accepted);
    void stop();

    // Why events are not being stored right now (empty: they are), and how many wait in memory.
    const std::string& storage_problem() const { return storage_problem_; }
    std::size_t held() const { return held_.size(); }

    static constexpr std::chrono::seconds kResendAfter{15};
    static constexpr std::chrono::milliseconds kFirstRetry{1000};
    static constexpr std::chrono::milliseconds kLongestRetry{30'000};

  private:
    struct Held {
        core::UsageEvent event;
        std::string id;
        EventClock clock;
    };
    storage::Outbox::NewEvent stored_form(const Held& held);
    // Writes the held events; true when all of them are stored.
    bool store_held();
    // Removes from the outbox what the broker has; true when nothing is left to remove.
    bool forget_delivered();
    void storage_failed(const std::string& problem);
    void storage_works();
    void retry_later(std::function<void()> again);

    LinkParts& parts_;
    StatsPublisher& stats_;
    boost::asio::steady_timer resend_check_;
    std::map<int, std::int64_t> in_flight_;  // message id -> seq
    std::int64_t last_sent_ = 0;
    bool refused_reported_ = false;
    std::vector<Held> queued_;
    bool flush_posted_ = false;
    std::deque<Held> held_;  // arrived, not yet stored, oldest first
    // Acknowledged by the broker but not yet deleted (the database was locked or full): never
    // sent again, deleted with the next write that works.
    std::set<std::int64_t> delivered_;
    std::int64_t given_up_ = 0;  // dropped from held_, not yet counted in the outbox
    bool giving_up_reported_ = false;
    std::string storage_problem_;
    boost::asio::steady_timer retry_;
    std::chrono::milliseconds backoff_ = kFirstRetry;
    // Rows stamped by an unsynchronised clock may be stored (true at start: an earlier run in
    // this boot may have left some).
    bool unsynced_stored_ = true;
};

}  // namespace rs::mqtt
