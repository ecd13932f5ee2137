#include "mqtt/history_codec.hpp"

#include <nlohmann/json.hpp>

#include "mqtt/command_codec.hpp"
#include "mqtt/payloads.hpp"

namespace rs::mqtt {
namespace {

using nlohmann::json;

// The event as published, or rebuilt from the row when the history kept no payload for it (or
// a payload that no longer parses, which only a damaged file could hold).
json event_of(const storage::HistoryEntry& e, const std::string& station) {
    if (!e.payload.empty()) {
        json published = json::parse(e.payload, nullptr, false);
        if (published.is_object())
            return published;
    }
    json j{{"v", 1},
           {"event_id", "h." + station + "." + std::to_string(e.seq)},
           {"station", station},
           {"seq", e.seq},
           {"type", e.row.type},
           {"ts", iso8601_ms(e.row.ts_ms)},
           {"rebuilt", true}};
    if (!e.row.session_id.empty())
        j["session_id"] = e.row.session_id;
    if (!e.row.routine_id.empty())
        j["routine_id"] = e.row.routine_id;
    if (!e.row.source.empty())
        j["source"] = e.row.source;
    if (e.row.type == "session_completed" || e.row.type == "session_abandoned" ||
        e.row.type == "step_completed")
        j["active_s"] = static_cast<double>(e.row.active_ms) / 1000.0;
    if (!e.row.reason.empty())
        j["reason"] = e.row.reason;
    return j;
}

}  // namespace

std::variant<HistoryRequest, std::string> decode_history_request(std::string_view payload,
                                                                 bool retained) {
    if (retained)
        return std::string("a history request must not be retained");
    if (payload.size() > kHistoryRequestMaxBytes)
        return "a history request of " + std::to_string(payload.size()) + " bytes is over the " +
               std::to_string(kHistoryRequestMaxBytes) + "-byte limit";
    // Nesting is bounded by the size limit above, so parsing cannot recurse deeply.
    const json j = json::parse(payload.begin(), payload.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::string("a history request must be a JSON object");
    if (!j.contains("v") || j["v"] != 1)
        return std::string("\"v\" must be 1");
    for (const auto& [key, value] : j.items())
        if (key != "v" && key != "since" && key != "cursor" && key != "limit")
            return "unknown field \"" + key + "\" (known: v, since, cursor, limit)";
    HistoryRequest r;
    if (const auto since = j.find("since"); since != j.end()) {
        const auto at = since->is_string() ? parse_utc(since->get<std::string>()) : std::nullopt;
        if (!at)
            return std::string("\"since\" must be UTC like 2026-11-21T17:03:04.123Z");
        r.since_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(at->time_since_epoch()).count();
    }
    if (const auto cursor = j.find("cursor"); cursor != j.end()) {
        if (!cursor->is_number_integer() || cursor->get<std::int64_t>() < 0)
            return std::string("\"cursor\" must be a whole number from 0 (a page's next_cursor)");
        r.cursor = cursor->get<std::int64_t>();
    }
    if (const auto limit = j.find("limit"); limit != j.end()) {
        if (!limit->is_number_integer() || limit->get<std::int64_t>() < 1 ||
            limit->get<std::int64_t>() > static_cast<std::int64_t>(kHistoryPageMax))
            return "\"limit\" must be a whole number from 1 to " + std::to_string(kHistoryPageMax);
        r.limit = static_cast<std::size_t>(limit->get<std::int64_t>());
    }
    return r;
}

HistoryPage history_page(const std::vector<storage::HistoryEntry>& rows,
                         const HistoryRequest& request, const std::string& station) {
    json events = json::array();
    std::size_t bytes = 0;
    std::int64_t next_cursor = request.cursor;
    std::size_t taken = 0;
    for (const auto& row : rows) {
        if (taken == request.limit)
            break;
        json event = event_of(row, station);
        const std::size_t size = event.dump().size() + 1;
        // Always at least one event, so that every page moves the cursor on.
        if (taken > 0 && bytes + size > kHistoryPageMaxBytes)
            break;
        bytes += size;
        events.push_back(std::move(event));
        next_cursor = row.seq;
        ++taken;
    }
    HistoryPage page;
    page.events = taken;
    page.more = taken < rows.size();
    page.payload = json{
        {"v", 1},
        {"ok", true},
        {"station", station},
        {"events", std::move(events)},
        {"next_cursor", next_cursor},
        {"more",
         page.more}}.dump();
    return page;
}

std::string history_refusal(const std::string& station, const std::string& error) {
    return json{{"v", 1}, {"ok", false}, {"station", station}, {"error", error}}.dump();
}

}  // namespace rs::mqtt
