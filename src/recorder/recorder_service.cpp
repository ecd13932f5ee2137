#include "recorder/recorder_service.hpp"

#include <variant>

#include "recorder/report_requests.hpp"

namespace rs::recorder {

RecorderService::RecorderService(boost::asio::io_context& io, const RecorderConfig& config,
                                 EventStore& store, Log log)
    : io_(io),
      config_(config),
      store_(store),
      log_(std::move(log)),
      retry_(io),
      alerts_(config,
              [this](const std::string& topic, const std::string& payload) {
                  if (client_)
                      client_->publish(topic, payload, 1, true);
              }),
      backfill_(config.mqtt.root,
                config.mqtt.client_id.empty() ? config.client_id : config.mqtt.client_id,
                config.backfill_page, std::int64_t{config.backfill_retry_s} * 1000),
      alert_timer_(io),
      backfill_timer_(io) {}

void RecorderService::tick_alerts() {
    alerts_.tick(now_ms<std::chrono::system_clock>());
    alert_timer_.expires_after(std::chrono::seconds(1));
    alert_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec)
            tick_alerts();
    });
}

RecorderService::~RecorderService() = default;

std::string RecorderService::subscription(const RecorderConfig& config) {
    const std::string topic = config.mqtt.root + "/+/station/+/event";
    return config.share_group.empty() ? topic : "$share/" + config.share_group + "/" + topic;
}

void RecorderService::start() {
    std::vector<std::string> problems;
    auto settings = client_settings_of(config_, problems);
    for (const auto& p : problems)
        log_(p);
    mqtt::ClientHandlers handlers;
    handlers.message = [this](const mqtt::Incoming& m) { on_message(m); };
    handlers.connected = [this] {
        log_("connected to the broker; subscribed to " + subscription(config_));
        // A persistent session keeps the subscription; asking again costs nothing.
        client_->subscribe(subscription(config_), 1);
        client_->subscribe(report_request_subscription(config_), 1);
        if (config_.alerts.enabled)
            for (const auto& topic : alerts_.subscriptions())
                client_->subscribe(topic, 1);
        if (config_.backfill_page > 0) {
            // Answers first: a retained status may make us ask at once.
            client_->subscribe(backfill_.response_subscription(), 1);
            client_->subscribe(config_.mqtt.root + "/+/station/+/status", 1);
        }
    };
    handlers.problem = [this](const std::string& p) { log_(p); };
    client_ = mqtt::MqttClient::create(io_, std::move(settings), std::move(handlers));
    client_->start();
    if (config_.alerts.enabled)
        tick_alerts();
    if (config_.backfill_page > 0)
        tick_backfill();
}

void RecorderService::on_message(const mqtt::Incoming& m) {
    if (is_report_request(config_, m.topic)) {
        answer(m);
        return;
    }
    if (config_.backfill_page > 0 && on_backfill_message(m))
        return;
    if (config_.alerts.enabled && alerts_.handle(m, now_ms<std::chrono::system_clock>()))
        return;
    ++counters_.received;
    const auto from = parse_event_topic(m.topic, config_.mqtt.root);
    std::variant<RecordedEvent, std::string> decoded =
        from ? decode_event(*from, m.payload)
             : std::variant<RecordedEvent, std::string>(std::string("not an event topic"));
    if (auto* problem = std::get_if<std::string>(&decoded)) {
        ++counters_.rejected;
        // One line per bad message, but not the same line a thousand times in a row.
        const std::string line = "skipped a message on " + m.topic + ": " + *problem;
        if (line != last_rejection_)
            log_(line + " (skipped so far: " + std::to_string(counters_.rejected.load()) + ")");
        last_rejection_ = line;
        return;
    }
    take(std::move(std::get<RecordedEvent>(decoded)));
}

void RecorderService::take(RecordedEvent event) {
    if (pending_.size() >= kMaxPending) {
        ++counters_.dropped;
        if (counters_.dropped == 1 || counters_.dropped % 10'000 == 0)
            log_("the database has been away too long: dropped " +
                 std::to_string(counters_.dropped.load()) +
                 " events held in memory (backfill from the stations recovers them)");
        return;
    }
    pending_.push_back(std::move(event));
    if (!store_away_ && pending_.size() >= kBatch)
        commit();
    else
        schedule_commit();
}

void RecorderService::answer(const mqtt::Incoming& request) {
    if (!response_topic_allowed(config_, request)) {
        log_("refused a report request on " + request.topic + ": its response topic '" +
             request.response_topic + "' is not under " + config_.mqtt.root +
             "/<facility>/report/response/");
        return;
    }
    commit();  // what has arrived counts in the answer
    client_->respond(request, answer_report_request(store_, config_, request));
}

void RecorderService::schedule_commit() {
    if (commit_posted_ || store_away_)
        return;
    commit_posted_ = true;
    // After the messages already read: one transaction for the whole burst.
    boost::asio::post(io_, [this] {
        commit_posted_ = false;
        commit();
    });
}

void RecorderService::commit() {
    if (pending_.empty() && pending_marks_.empty())
        return;
    try {
        const auto outcome = store_.store(pending_, pending_marks_);
        counters_.stored += static_cast<std::int64_t>(outcome.stored);
        counters_.duplicates += static_cast<std::int64_t>(outcome.duplicates);
        pending_.clear();
        pending_marks_.clear();
        if (outcome.duplicates > 0)
            log_("skipped " + std::to_string(outcome.duplicates) +
                 " events stored before (redelivered)");
        if (outcome.restamped > 0)
            log_("moved " + std::to_string(outcome.restamped) +
                 " events a station stamped before its clock was synchronised to their time "
                 "(clock_corrected)");
        for (const auto& problem : outcome.problems)
            log_(problem);
        if (store_away_)
            log_("the database is back: stored " + std::to_string(outcome.stored) +
                 " events held meanwhile");
        store_away_ = false;
        backoff_ = std::chrono::milliseconds(250);
    } catch (const StoreUnavailable& e) {
        if (!store_away_)
            log_(std::string("cannot store events: ") + e.what() + "; holding " +
                 std::to_string(pending_.size()) + " in memory and retrying");
        store_away_ = true;
        retry_.expires_after(backoff_);
        backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(5000));
        retry_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec)
                commit();
        });
    }
}

void RecorderService::stop(std::function<void()> done) {
    retry_.cancel();
    alert_timer_.cancel();
    backfill_timer_.cancel();
    commit();
    if (!client_) {
        done();
        return;
    }
    client_->shutdown("", "", std::chrono::milliseconds(0), [this, done = std::move(done)] {
        commit();  // whatever arrived while leaving
        done();
    });
}

}  // namespace rs::recorder
