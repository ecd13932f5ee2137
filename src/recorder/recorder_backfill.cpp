// The service's side of backfill: when a station comes online under a new boot it is asked for
// its history since the newest event stored from it, page by page; the pages' events go the
// way live ones go (pending, then one transaction), so an event_id is stored once whichever way
// it came.
#include <nlohmann/json.hpp>

#include "recorder/recorder_service.hpp"

namespace rs::recorder {

bool RecorderService::on_backfill_message(const mqtt::Incoming& m) {
    if (auto page = backfill_.on_response(m)) {
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
    if (!from || !j.is_object() || !j.contains("online") || j["online"] != true)
        return;
    const auto boot = j.find("boot_id");
    if (!backfill_.wants(from->facility, from->station,
                         boot != j.end() && boot->is_string() ? boot->get<std::string>() : ""))
        return;
    std::int64_t since_ms = 0;
    try {
        commit();  // what has arrived moves the mark on
        for (const auto& seen : store_.stations(from->facility))
            if (seen.station == from->station)
                since_ms = seen.last_ts_ms;
    } catch (const StoreUnavailable& e) {
        log_("backfill " + from->facility + "/" + from->station +
             ": not asked, the database is away (" + e.what() + ")");
        backfill_.wants(from->facility, from->station, "");  // ask at its next status
        return;
    }
    const BackfillAsk ask = backfill_.ask(from->facility, from->station, since_ms);
    log_("backfill " + from->facility + "/" + from->station + ": asking for its history " +
         (since_ms > 0 ? "since " + ask.payload : std::string("(all of it)")));
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
