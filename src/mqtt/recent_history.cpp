#include "mqtt/recent_history.hpp"

#include "mqtt/payloads.hpp"

namespace rs::mqtt {

std::string recent_payload(const std::vector<storage::RecentEntry>& entries,
                           const std::string& station, core::WallTime now, std::size_t max_bytes) {
    nlohmann::json list = nlohmann::json::array();
    std::size_t bytes = 0;
    // Newest first while counting, so what goes when it is too big is the oldest.
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        nlohmann::json payload = nlohmann::json::parse(it->payload, nullptr, false);
        if (!payload.is_object())
            continue;  // written by the station itself, so never expected; skipped all the same
        nlohmann::json entry{{"topic", it->topic}, {"payload", std::move(payload)}};
        bytes += entry.dump().size() + 1;
        if (bytes > max_bytes)
            break;
        list.insert(list.begin(), std::move(entry));
    }
    return nlohmann::json{
        {"v", 1}, {"station", station}, {"updated_at", iso8601(now)}, {"entries", std::move(list)}}
        .dump();
}

namespace {

nlohmann::json summary_of(const core::ClassWarmup& w) {
    nlohmann::json j{{"v", 1},
                     {"command_id", w.command_id},
                     {"type", "class_warmup"},
                     {"start_at", iso8601(w.start_at)}};
    if (w.inline_routine && w.routine)
        j["routine"] = {{"id", w.routine->id}, {"title", w.routine->title.own()}};
    else if (w.routine)
        j["routine_id"] = w.routine->id;
    if (!w.coach.empty())
        j["coach"] = w.coach;
    if (!w.message.empty())
        j["message"] = w.message;
    return j;
}

nlohmann::json summary_of(const core::CancelClass& c) {
    return {{"v", 1}, {"command_id", c.command_id}, {"type", "cancel"}, {"target", c.target}};
}

}  // namespace

std::string command_summary(const core::Command& command, core::WallTime received) {
    nlohmann::json j = std::visit([](const auto& c) { return summary_of(c); }, command);
    j["received_at"] = iso8601(received);
    return j.dump();
}

}  // namespace rs::mqtt
