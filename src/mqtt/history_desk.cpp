#include "mqtt/history_desk.hpp"

#include <variant>

#include "mqtt/history_codec.hpp"
#include "mqtt/station_link.hpp"

namespace rs::mqtt {

bool HistoryDesk::handles(const Incoming& in) const {
    return in.topic == parts_.settings.topics.history_request();
}

void HistoryDesk::on_request(const Incoming& in) {
    const Topics& topics = parts_.settings.topics;
    const std::string& prefix = topics.history_responses();
    if (in.response_topic.size() <= prefix.size() || in.response_topic.rfind(prefix, 0) != 0 ||
        in.response_topic.find_first_of("+#") != std::string::npos) {
        parts_.log("mqtt: refused a history request: its response topic '" + in.response_topic +
                   "' is not under " + prefix);
        return;
    }
    if (!parts_.client)
        return;
    const auto decoded = decode_history_request(in.payload, in.retained);
    if (const auto* problem = std::get_if<std::string>(&decoded)) {
        parts_.log("mqtt: refused a history request: " + *problem);
        parts_.client->respond(in, history_refusal(topics.station, *problem));
        return;
    }
    const auto& request = std::get<HistoryRequest>(decoded);
    if (!parts_.outbox) {
        parts_.client->respond(
            in, history_refusal(topics.station, "the station's history database is not open"));
        return;
    }
    try {
        // One row more than asked says whether another page follows.
        const auto rows =
            parts_.outbox->history_page(request.since_ms, request.cursor, request.limit + 1);
        parts_.client->respond(in, history_page(rows, request, topics.station).payload);
    } catch (const storage::SqliteError& e) {
        parts_.client->respond(
            in, history_refusal(topics.station,
                                std::string("the history cannot be read: ") + e.what()));
    }
}

}  // namespace rs::mqtt
