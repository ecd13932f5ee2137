#include "recorder/report_requests.hpp"

#include <nlohmann/json.hpp>

#include "recorder/report.hpp"

namespace rs::recorder {
namespace {

using nlohmann::json;

std::string facility_of(const RecorderConfig& config, const std::string& topic) {
    // <root>/<facility>/report/request
    const std::string prefix = config.mqtt.root + "/";
    const std::string suffix = "/report/request";
    if (topic.size() <= prefix.size() + suffix.size() || topic.rfind(prefix, 0) != 0 ||
        topic.compare(topic.size() - suffix.size(), suffix.size(), suffix) != 0)
        return "";
    return topic.substr(prefix.size(), topic.size() - prefix.size() - suffix.size());
}

// `code` names the reason for a dashboard to put in its own language; `why` says it in English
// for anyone reading the answer as it is.
std::string refusal(const char* code, const std::string& why) {
    return json{{"v", 1}, {"ok", false}, {"code", code}, {"error", why}}.dump();
}

}  // namespace

std::string report_request_subscription(const RecorderConfig& config) {
    const std::string topic = config.mqtt.root + "/+/report/request";
    // Shared too: one recorder of the group answers each request.
    return config.share_group.empty() ? topic : "$share/" + config.share_group + "/" + topic;
}

bool is_report_request(const RecorderConfig& config, const std::string& topic) {
    const std::string f = facility_of(config, topic);
    return !f.empty() && f.find('/') == std::string::npos;
}

bool response_topic_allowed(const RecorderConfig& config, const mqtt::Incoming& request) {
    const std::string f = facility_of(config, request.topic);
    const std::string allowed = config.mqtt.root + "/" + f + "/report/response/";
    const std::string& t = request.response_topic;
    return !f.empty() && t.size() > allowed.size() && t.rfind(allowed, 0) == 0 &&
           t.find_first_of("+#") == std::string::npos;
}

std::string answer_report_request(EventStore& store, const RecorderConfig& config,
                                  const mqtt::Incoming& request) {
    const json j = json::parse(request.payload, nullptr, false);
    if (!j.is_object() || !j.contains("v") || j["v"] != 1)
        return refusal("bad_request", "the request must be a JSON object with \"v\": 1");
    const auto date = [&](const char* key) -> std::optional<Date> {
        if (!j.contains(key) || !j[key].is_string())
            return std::nullopt;
        return parse_date(j[key].get<std::string>());
    };
    const auto from = date("from"), to = date("to");
    if (!from || !to)
        return refusal("bad_dates", "\"from\" and \"to\" must be dates (YYYY-MM-DD)");
    if (*to < *from)
        return refusal("dates_reversed", "\"to\" is before \"from\"");
    if (days_from_civil(*to) - days_from_civil(*from) >= kMaxReportDays)
        return refusal("too_long",
                       "a report covers at most " + std::to_string(kMaxReportDays) + " days");
    const std::string facility = facility_of(config, request.topic);
    ReportRequest base;
    base.facility = facility == "all" ? "" : facility;
    base.from = *from;
    base.to = *to;
    try {
        json answer;
        for (const Grouping by : {Grouping::day, Grouping::station, Grouping::routine}) {
            ReportRequest r = base;
            r.by = by;
            const json part = report_to_json(build_report(store, config, r));
            if (answer.is_null()) {
                answer = part;
                answer.erase("groups");
                answer.erase("by");
            }
            answer["by_" + name_of(by)] = part["groups"];
        }
        answer["ok"] = true;
        answer["facility"] = facility;
        const auto& zone = config.facilities.contains(facility)
                               ? config.facilities.at(facility).timezone
                               : std::string();
        answer["timezone"] = zone.empty() ? config.timezone : zone;
        return answer.dump();
    } catch (const StoreUnavailable& e) {
        return refusal("database_away",
                       std::string("the recorder's database is away: ") + e.what());
    }
}

}  // namespace rs::recorder
