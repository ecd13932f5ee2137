#include "recorder/alert_watch.hpp"

#include <nlohmann/json.hpp>

#include "mqtt/payloads.hpp"

namespace rs::recorder {
namespace {

using nlohmann::json;

// `<root>/<facility>/station/<id>/<leaf>` split, or nothing.
struct StationTopic {
    std::string facility, station, leaf;
};
std::optional<StationTopic> split(const std::string& topic, const std::string& root) {
    std::vector<std::string> levels;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= topic.size(); ++i)
        if (i == topic.size() || topic[i] == '/') {
            levels.push_back(topic.substr(start, i - start));
            start = i + 1;
        }
    if (levels.size() != 5 || levels[0] != root || levels[2] != "station" || levels[1].empty() ||
        levels[3].empty())
        return std::nullopt;
    return StationTopic{levels[1], levels[3], levels[4]};
}

std::optional<std::int64_t> clock_of(const json& j) {
    const auto it = j.find("updated_at");
    if (it == j.end() || !it->is_string())
        return std::nullopt;
    return parse_timestamp(it->get<std::string>());
}

std::string label(AlertKind kind) {
    switch (kind) {
        case AlertKind::offline:
            return "offline";
        case AlertKind::sensor_disconnected:
            return "sensor disconnected";
        case AlertKind::outbox_backlog:
            return "event backlog";
        case AlertKind::clock_unsynchronised:
            return "clock not synchronised";
        case AlertKind::sensor_bad_lines:
            return "sensor sending bad lines";
    }
    return "?";
}

}  // namespace

AlertWatch::AlertWatch(const RecorderConfig& config, Publish publish)
    : config_(config), publish_(std::move(publish)), engine_(config.alerts, config) {}

std::vector<std::string> AlertWatch::subscriptions() const {
    const std::string& root = config_.mqtt.root;
    std::vector<std::string> topics{root + "/+/station/+/status", root + "/+/station/+/state",
                                    root + "/+/station/+/stats"};
    if (config_.mqtt.home_assistant.enabled)
        topics.push_back(config_.mqtt.home_assistant.prefix + "/status");
    return topics;
}

std::string AlertWatch::alert_topic(const std::string& root, const AlertChange& c) {
    return root + "/" + c.facility + "/alert/" + c.station + "/" + name_of(c.kind);
}

std::string AlertWatch::alert_payload(const AlertChange& c, std::int64_t now_ms) {
    json j{{"v", 1},
           {"facility", c.facility},
           {"station", c.station},
           {"kind", name_of(c.kind)},
           {"active", c.active},
           {c.active ? "since" : "cleared_at", mqtt::iso8601_ms(c.since_ms)},
           {"detail", c.detail},
           {"updated_at", mqtt::iso8601_ms(now_ms)}};
    // The figures behind `detail`, named per kind, so a dashboard words them in its language.
    switch (c.kind) {
        case AlertKind::sensor_disconnected:
            if (!c.sensors.empty())
                j["sensors"] = c.sensors;
            break;
        case AlertKind::sensor_bad_lines:
            if (!c.sensors.empty())
                j["sensor"] = c.sensors.front();
            if (c.count)
                j["bad_lines"] = *c.count;
            break;
        case AlertKind::outbox_backlog:
            if (c.count)
                j["outbox_depth"] = *c.count;
            break;
        case AlertKind::clock_unsynchronised:
            if (c.count)
                j["clock_skew_s"] = *c.count;
            break;
        case AlertKind::offline:
            break;
    }
    return j.dump();
}

bool AlertWatch::handle(const mqtt::Incoming& m, std::int64_t now_ms) {
    const auto& ha = config_.mqtt.home_assistant;
    if (ha.enabled && m.topic == ha.prefix + "/status") {
        if (m.payload == "online") {
            const auto again = announced_;
            announced_.clear();
            for (const auto& [facility, station] : again)
                announce(facility, station);
        }
        return true;
    }
    const auto t = split(m.topic, config_.mqtt.root);
    if (!t || (t->leaf != "status" && t->leaf != "state" && t->leaf != "stats"))
        return false;
    const json j = json::parse(m.payload, nullptr, false);
    if (!j.is_object())
        return true;  // an empty retained message clears a topic; nothing to judge
    announce(t->facility, t->station);
    if (t->leaf == "status" && j.contains("online") && j["online"].is_boolean()) {
        publish_changes(engine_.on_status(t->facility, t->station, j["online"].get<bool>(), now_ms),
                        now_ms);
    } else if (t->leaf == "state" && j.contains("sensors") && j["sensors"].is_array()) {
        std::vector<std::pair<std::string, bool>> sensors;
        for (const auto& s : j["sensors"])
            if (s.is_object() && s.contains("id") && s["id"].is_string() &&
                s.contains("connected") && s["connected"].is_boolean())
                sensors.emplace_back(s["id"].get<std::string>(), s["connected"].get<bool>());
        // A retained state may be old (the station offline since): its clock says nothing then.
        publish_changes(engine_.on_state(t->facility, t->station, sensors,
                                         m.retained ? std::nullopt : clock_of(j), now_ms),
                        now_ms);
        for (const auto& s : j["sensors"])
            if (s.is_object() && s.contains("id") && s["id"].is_string() &&
                s.contains("bad_lines") && s["bad_lines"].is_number_integer() &&
                s["bad_lines"].get<std::int64_t>() >= 0)
                publish_changes(
                    engine_.on_bad_lines(t->facility, t->station, s["id"].get<std::string>(),
                                         s["bad_lines"].get<std::int64_t>(), now_ms),
                    now_ms);
    } else if (t->leaf == "stats" && j.contains("outbox_depth") &&
               j["outbox_depth"].is_number_integer()) {
        publish_changes(
            engine_.on_stats(t->facility, t->station, j["outbox_depth"].get<std::int64_t>(),
                             m.retained ? std::nullopt : clock_of(j), now_ms),
            now_ms);
    }
    return true;
}

void AlertWatch::tick(std::int64_t now_ms) {
    publish_changes(engine_.tick(now_ms), now_ms);
}

void AlertWatch::publish_changes(const std::vector<AlertChange>& changes, std::int64_t now_ms) {
    for (const auto& c : changes)
        publish_(alert_topic(config_.mqtt.root, c), alert_payload(c, now_ms));
}

void AlertWatch::announce(const std::string& facility, const std::string& station) {
    const auto& ha = config_.mqtt.home_assistant;
    if (!ha.enabled || !announced_.insert({facility, station}).second)
        return;
    const std::string device = "rollstation_" + facility + "_" + station;
    for (const AlertKind kind : kAlertKinds) {
        const AlertChange probe{facility, station, kind, false, 0, "", {}, std::nullopt};
        const std::string topic = alert_topic(config_.mqtt.root, probe);
        const json config = {
            {"name", station + " " + label(kind)},
            {"unique_id", device + "_" + name_of(kind)},
            {"object_id", device + "_" + name_of(kind)},
            {"device_class", "problem"},
            {"state_topic", topic},
            {"value_template", "{{ 'ON' if value_json.active else 'OFF' }}"},
            {"json_attributes_topic", topic},
            {"device", {{"identifiers", json::array({device})}, {"name", station}}},
            {"origin", {{"name", "rollstation-recorder"}}}};
        publish_(ha.prefix + "/binary_sensor/" + device + "_" + name_of(kind) + "/config",
                 config.dump());
    }
}

}  // namespace rs::recorder
