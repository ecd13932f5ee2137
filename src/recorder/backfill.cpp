#include "recorder/backfill.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <variant>

#include "mqtt/payloads.hpp"

namespace rs::recorder {
namespace {

using nlohmann::json;

// A page is at most 500 events of at most 64 KiB each in principle; stations bound theirs to
// 128 KiB. Far beyond that is not a station's answer.
constexpr std::size_t kMaxAnswerBytes = 4 * 1024 * 1024;

// `<root>/<facility>/station/<id>/history/response/<level>` split, or nothing.
std::optional<EventTopic> response_station(const std::string& topic, const std::string& root,
                                           const std::string& level) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= topic.size() && parts.size() <= 7; ++i)
        if (i == topic.size() || topic[i] == '/') {
            parts.push_back(topic.substr(start, i - start));
            start = i + 1;
        }
    if (parts.size() != 7 || parts[0] != root || parts[2] != "station" || parts[4] != "history" ||
        parts[5] != "response" || parts[6] != level || parts[1].empty() || parts[3].empty())
        return std::nullopt;
    return EventTopic{parts[1], parts[3]};
}

}  // namespace

Backfill::Backfill(std::string root, const std::string& client_id, int page_size,
                   std::int64_t retry_ms)
    : root_(std::move(root)),
      page_size_(page_size),
      retry_ms_(std::max<std::int64_t>(1, retry_ms)) {
    for (const char c : client_id)
        level_ += (c == '/' || c == '+' || c == '#') ? '_' : c;
    if (level_.empty())
        level_ = "recorder";
}

std::string Backfill::response_subscription() const {
    return root_ + "/+/station/+/history/response/" + level_;
}

bool Backfill::wants(const std::string& facility, const std::string& station,
                     const std::string& boot) {
    Progress& p = stations_[{facility, station}];
    if (p.boot == boot && !boot.empty()) {
        if (!p.online && !p.correlation.empty())
            p.asked_at_ms = 0;  // back: ask again now, not after the wait
        p.online = true;
        return false;
    }
    p.boot = boot.empty() ? "?" : boot;
    p.online = true;
    return true;
}

void Backfill::offline(const std::string& facility, const std::string& station) {
    const auto it = stations_.find({facility, station});
    if (it != stations_.end())
        it->second.online = false;
}

BackfillAsk Backfill::ask(const std::string& facility, const std::string& station,
                          const BackfillMark& from, std::int64_t now_ms) {
    Progress& p = stations_[{facility, station}];
    p.since_ms = from.since_ms;
    p.newest_ms = from.since_ms;
    p.pages = p.received = 0;
    p.attempts = 0;
    return request({facility, station}, p, from.boot == p.boot ? from.after_seq : 0, now_ms);
}

std::vector<BackfillAsk> Backfill::overdue(std::int64_t now_ms) {
    constexpr std::int64_t kLongestWaitMs = 3'600'000;
    std::vector<BackfillAsk> out;
    for (auto& [key, p] : stations_) {
        if (p.correlation.empty() || !p.online)
            continue;
        const std::int64_t wait = std::min(kLongestWaitMs, retry_ms_ << std::min(p.attempts, 12));
        if (p.asked_at_ms != 0 && now_ms - p.asked_at_ms < wait)
            continue;
        ++p.attempts;
        out.push_back(request({key.first, key.second}, p, p.cursor, now_ms));
        out.back().attempt = p.attempts;
    }
    return out;
}

BackfillAsk Backfill::request(const EventTopic& station, Progress& p, std::int64_t cursor,
                              std::int64_t now_ms) {
    p.correlation = station.facility + "/" + station.station + "/" + std::to_string(++asked_);
    p.cursor = cursor;
    p.asked_at_ms = now_ms == 0 ? 1 : now_ms;
    json body{{"v", 1}, {"cursor", cursor}, {"limit", page_size_}};
    if (p.since_ms > 0)
        body["since"] = mqtt::iso8601_ms(p.since_ms);
    const std::string base = root_ + "/" + station.facility + "/station/" + station.station;
    return {base + "/history/request", body.dump(), base + "/history/response/" + level_,
            p.correlation};
}

std::optional<BackfillPage> Backfill::on_response(const mqtt::Incoming& message,
                                                  std::int64_t now_ms) {
    const auto from = response_station(message.topic, root_, level_);
    if (!from)
        return std::nullopt;
    const auto it = stations_.find({from->facility, from->station});
    if (it == stations_.end() || it->second.correlation.empty() ||
        it->second.correlation != message.correlation_data)
        return std::nullopt;  // an answer to an earlier request, or to none of ours
    Progress& p = it->second;
    p.correlation.clear();
    p.attempts = 0;
    BackfillPage page;
    page.from = *from;
    const json j = message.payload.size() > kMaxAnswerBytes
                       ? json(nullptr)
                       : json::parse(message.payload, nullptr, false);
    if (!j.is_object() || !j.contains("ok") || !j["ok"].is_boolean()) {
        page.refusal = "the answer is not a history page";
        return page;
    }
    if (!j["ok"].get<bool>()) {
        const auto error = j.find("error");
        page.refusal = error != j.end() && error->is_string() ? error->get<std::string>()
                                                              : "refused without a reason";
        return page;
    }
    const auto events = j.find("events");
    const auto cursor = j.find("next_cursor");
    const auto more = j.find("more");
    if (events == j.end() || !events->is_array() || cursor == j.end() ||
        !cursor->is_number_integer() || more == j.end() || !more->is_boolean()) {
        page.refusal = "the page lacks events, next_cursor or more";
        return page;
    }
    for (const auto& e : *events) {
        auto decoded = decode_event(*from, e.is_object() ? e.dump() : std::string("null"));
        if (auto* event = std::get_if<RecordedEvent>(&decoded)) {
            p.newest_ms = std::max(p.newest_ms, event->ts_ms);
            page.events.push_back(std::move(*event));
        } else {
            page.problems.push_back(std::get<std::string>(decoded));
        }
    }
    ++p.pages;
    p.received += static_cast<std::int64_t>(events->size());
    page.pages = p.pages;
    page.received = p.received;
    // A page that moved nothing on would be asked for again and again: stop there instead.
    if (more->get<bool>() && !events->empty()) {
        const std::int64_t next = cursor->get<std::int64_t>();
        page.next = request(*from, p, next, now_ms);
        // Pages come by seq: with this one stored, all from since_ms up to `next` is.
        page.mark = BackfillMark{from->facility, from->station, p.since_ms, next, p.boot};
    } else if (!more->get<bool>()) {
        // The whole history the station had from since_ms on, stored: up to its newest stamp
        // (an event stamped later that the station records meanwhile comes live, or in the next
        // backfill, which asks from here).
        page.mark = BackfillMark{from->facility, from->station, p.newest_ms, 0, p.boot};
    }
    return page;
}

}  // namespace rs::recorder
