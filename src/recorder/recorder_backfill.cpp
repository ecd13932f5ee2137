// The service's side of backfill: when a station comes online under a new boot it is asked for
// its history from its backfill mark (what is known stored), page by page; the pages' events
// go the way live ones go (pending, then one transaction, with the mark each page moves on), so
// an event_id is stored once whichever way it came. A request left unanswered is sent again.
#include <nlohmann/json.hpp>

#include "mqtt/payloads.hpp"
#include "recorder/recorder_service.hpp"

namespace rs::recorder {
namespace {
// For the request timing only: steady, so a wall clock set back does not hold requests up.
std::int64_t steady_ms() {
    return now_ms<std::chrono::steady_clock>();
}
}  // namespace

void RecorderService::tick_backfill() {
    // A station that never answers (an older version, one behind a bridge that carries nothing
    // back) is asked on and on: a line for the first few times, not one an hour for ever.
    constexpr int kLoggedAttempts = 3;
    for (const BackfillAsk& ask : backfill_.overdue(steady_ms())) {
        const std::string who = "backfill " + ask.correlation.substr(0, ask.correlation.rfind('/'));
        if (ask.attempt <= kLoggedAttempts)
            log_(who + ": no answer yet; asking again");
        else if (ask.attempt == kLoggedAttempts + 1)
            log_(who +
                 ": no answer yet; asking again, up to once an hour, without a line each "
                 "time");
        client_->request(ask.topic, ask.payload, ask.response_topic, ask.correlation);
    }
    backfill_timer_.expires_after(std::chrono::seconds(1));
    backfill_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec)
            tick_backfill();
    });
}

bool RecorderService::on_backfill_message(const mqtt::Incoming& m) {
    if (auto page = backfill_.on_response(m, steady_ms())) {
        on_history_page(std::move(*page));
        return true;
    }
    const std::string& root = config_.mqtt.root;
    const std::string suffix = "/status";
    if (m.topic.rfind(root + "/", 0) != 0 || m.topic.size() <= suffix.size() ||
        m.topic.compare(m.topic.size() - suffix.size(), suffix.size(), suffix) != 0)
        return m.topic.find("/history/response/") != std::string::npos;  // stale answers
    on_station_status(m);
    return !config_.alerts.enabled;  // the alerts follow statuses too
}

void RecorderService::on_station_status(const mqtt::Incoming& m) {
    // <root>/<facility>/station/<id>/status
    const auto from =
        parse_event_topic(m.topic.substr(0, m.topic.size() - 7) + "/event", config_.mqtt.root);
    const auto j = nlohmann::json::parse(m.payload, nullptr, false);
    if (!from || !j.is_object() || !j.contains("online"))
        return;
    if (j["online"] != true) {
        backfill_.offline(from->facility, from->station);
        return;
    }
    const auto boot = j.find("boot_id");
    const std::string boot_id =
        boot != j.end() && boot->is_string() ? boot->get<std::string>() : "";
    if (!backfill_.wants(from->facility, from->station, boot_id))
        return;
    // From the station's backfill mark, not its newest event: a live event stored while a
    // backfill was cut short is newer than the pages it did not fetch.
    BackfillMark mark{from->facility, from->station, 0, 0, ""};
    try {
        commit();  // what has arrived moves the mark on
        if (auto stored = store_.backfill_mark(from->facility, from->station))
            mark = *stored;
    } catch (const StoreUnavailable& e) {
        log_("backfill " + from->facility + "/" + from->station +
             ": not asked, the database is away (" + e.what() + ")");
        backfill_.wants(from->facility, from->station, "");  // ask at its next status
        return;
    }
    const BackfillAsk ask = backfill_.ask(from->facility, from->station, mark, steady_ms());
    const std::string since = mark.since_ms > 0 ? " since " + mqtt::iso8601_ms(mark.since_ms) : "";
    const std::string what =
        mark.after_seq > 0 && mark.boot == boot_id
            ? "the rest of its history" + since + " (after seq " + std::to_string(mark.after_seq) +
                  ")"
            : "its history" + (since.empty() ? std::string(" (all of it)") : since);
    log_("backfill " + from->facility + "/" + from->station + ": asking for " + what);
    client_->request(ask.topic, ask.payload, ask.response_topic, ask.correlation);
}

void RecorderService::on_history_page(BackfillPage page) {
    const std::string who = "backfill " + page.from.facility + "/" + page.from.station + ": ";
    if (!page.refusal.empty()) {
        log_(who + "the station refused: " + page.refusal);
        return;
    }
    for (const auto& p : page.problems) {
        ++counters_.rejected;
        log_(who + "skipped an event of its history: " + p);
    }
    counters_.backfilled += static_cast<std::int64_t>(page.events.size());
    for (auto& e : page.events)
        take(std::move(e));
    if (page.mark) {
        pending_marks_.push_back(*page.mark);
        schedule_commit();
    }
    if (page.next) {
        client_->request(page.next->topic, page.next->payload, page.next->response_topic,
                         page.next->correlation);
        return;
    }
    commit();
    log_(who + "done, " + std::to_string(page.received) + " events in " +
         std::to_string(page.pages) + " pages");
}

}  // namespace rs::recorder
