// The recorder on the I/O thread: a persistent MQTT 5 session subscribed to every station's
// events (QoS 1, optionally a $share group), each message decoded and stored in batches, one
// durable transaction per read burst. A database that is away keeps the batch in memory and is
// retried with a backoff; the broker keeps queueing for the session meanwhile.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mqtt/mqtt_client.hpp"
#include "recorder/alert_watch.hpp"
#include "recorder/backfill.hpp"
#include "recorder/event_store.hpp"
#include "recorder/recorder_config.hpp"

namespace rs::recorder {

// Milliseconds since `Clock`'s epoch, now: the service's timers count in these.
template <typename Clock>
std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
        .count();
}

struct RecorderCounters {
    std::atomic<std::int64_t> received{0}, stored{0}, duplicates{0}, rejected{0}, dropped{0};
    std::atomic<std::int64_t> backfilled{0};  // events received in stations' history pages
};

class RecorderService {
  public:
    using Log = std::function<void(const std::string&)>;
    RecorderService(boost::asio::io_context& io, const RecorderConfig& config, EventStore& store,
                    Log log);
    ~RecorderService();

    void start();
    // Stores what is pending, leaves the broker cleanly (the session stays), then `done`.
    void stop(std::function<void()> done);
    const RecorderCounters& counters() const { return counters_; }

    // The subscription: `<root>/+/station/+/event`, inside `$share/<group>/` when shared.
    static std::string subscription(const RecorderConfig& config);
    // Events held in memory while the database is away; beyond it they are dropped and counted.
    static constexpr std::size_t kMaxPending = 500'000;
    static constexpr std::size_t kBatch = 2'000;

  private:
    void on_message(const mqtt::Incoming& message);
    void take(RecordedEvent event);
    // Backfill (recorder_backfill.cpp): true when the message was a status or a history page.
    bool on_backfill_message(const mqtt::Incoming& message);
    void on_station_status(const mqtt::Incoming& message);
    void on_history_page(BackfillPage page);
    void answer(const mqtt::Incoming& request);
    void schedule_commit();
    void commit();
    void tick_alerts();
    void tick_backfill();  // history requests unanswered for too long, sent again

    boost::asio::io_context& io_;
    const RecorderConfig& config_;
    EventStore& store_;
    Log log_;
    std::shared_ptr<mqtt::MqttClient> client_;
    std::vector<RecordedEvent> pending_;
    std::vector<BackfillMark> pending_marks_;  // stored with pending_, in its transaction
    bool commit_posted_ = false;
    bool store_away_ = false;
    boost::asio::steady_timer retry_;
    std::chrono::milliseconds backoff_{250};
    RecorderCounters counters_;
    std::string last_rejection_;
    AlertWatch alerts_;
    Backfill backfill_;
    boost::asio::steady_timer alert_timer_;
    boost::asio::steady_timer backfill_timer_;
};

}  // namespace rs::recorder
