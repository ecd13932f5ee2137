#include "recorder/recorder_config.hpp"

#include <fstream>
#include <regex>

#include "config/mqtt_section.hpp"
#include "config/yaml_reader.hpp"
#include "recorder/time_zone.hpp"

namespace rs::recorder {
namespace fs = std::filesystem;
using config::Need;
using config::YamlReader;

namespace {

constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<OpeningHours::Interval> parse_interval(const std::string& text) {
    static const std::regex shape(R"((\d{2}):(\d{2})-(\d{2}):(\d{2}))");
    std::smatch m;
    if (!std::regex_match(text, m, shape))
        return std::nullopt;
    const int oh = std::stoi(m[1]), om = std::stoi(m[2]), ch = std::stoi(m[3]),
              cm = std::stoi(m[4]);
    if (oh > 23 || om > 59 || ch > 24 || cm > 59 || (ch == 24 && cm != 0))
        return std::nullopt;
    OpeningHours::Interval i{oh * 60 + om, ch * 60 + cm};
    if (i.close_min <= i.open_min)
        return std::nullopt;
    return i;
}

void read_hours(YamlReader& r, const YAML::Node& node, const std::string& what, OpeningHours& out) {
    if (!r.expect_map(node, what))
        return;
    r.allow_only(node, what, {"daily", "mon", "tue", "wed", "thu", "fri", "sat", "sun"});
    const auto one = [&](const char* key) -> std::optional<std::optional<OpeningHours::Interval>> {
        const auto text = r.text(node, key, Need::optional, what, 16);
        if (!text)
            return std::nullopt;
        if (*text == "closed")
            return std::optional<OpeningHours::Interval>{};
        if (auto i = parse_interval(*text))
            return i;
        r.error(node[key], what + "." + key + " '" + *text +
                               "' must be HH:MM-HH:MM (closing after opening, 24:00 at the "
                               "latest) or closed");
        return std::nullopt;
    };
    if (const auto daily = one("daily"))
        out.by_weekday.fill(*daily);
    for (std::size_t d = 0; d < kDays.size(); ++d)
        if (const auto day = one(kDays[d]))
            out.by_weekday[d] = *day;
}

bool known_zone(const std::string& name) {
    return TimeZone::load(name).has_value();
}

}  // namespace

OpeningHours OpeningHours::always() {
    OpeningHours h;
    h.by_weekday.fill(Interval{});
    return h;
}

std::optional<RecorderConfig> load_recorder_config(const fs::path& file,
                                                   config::Diagnostics& errors) {
    auto root = config::parse_yaml_file(file.string(), errors);
    if (!root)
        return std::nullopt;
    YamlReader r(file.string(), errors);
    if (!r.expect_map(*root, "the recorder file"))
        return std::nullopt;
    r.allow_only(*root, "", {"recorder", "facilities", "alerts", "mqtt"});
    const fs::path base = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    RecorderConfig c;
    c.file = file;
    if (auto node = r.field(*root, "recorder", Need::required, "");
        node && r.expect_map(*node, "recorder")) {
        r.allow_only(*node, "recorder",
                     {"store", "client_id", "share_group", "session_expiry_s", "timezone",
                      "backfill_page", "backfill_retry_s"});
        if (auto v = r.text(*node, "store", Need::required, "recorder", 4096)) {
            const bool pg = v->rfind("postgresql://", 0) == 0 || v->rfind("postgres://", 0) == 0;
            if (pg) {
                c.store = *v;
            } else if (v->rfind("sqlite:", 0) == 0 && v->size() > 7) {
                const fs::path path = v->substr(7);
                c.store = "sqlite:" + (path.is_absolute() ? path : base / path).string();
            } else {
                r.error((*node)["store"],
                        "recorder.store '" + *v + "' must be sqlite:PATH or postgresql://…");
            }
        }
        if (auto v = r.text(*node, "client_id", Need::optional, "recorder", 128))
            c.client_id = *v;
        if (auto v = r.topic_name(*node, "share_group", Need::optional, "recorder"))
            c.share_group = *v;
        if (auto v =
                r.integer(*node, "session_expiry_s", Need::optional, "recorder", 60, 90 * 86400))
            c.session_expiry_s = *v;
        if (auto v = r.integer(*node, "backfill_page", Need::optional, "recorder", 0, 500))
            c.backfill_page = static_cast<int>(*v);
        if (auto v = r.integer(*node, "backfill_retry_s", Need::optional, "recorder", 1, 86400))
            c.backfill_retry_s = static_cast<int>(*v);
        if (auto v = r.text(*node, "timezone", Need::optional, "recorder", 64)) {
            if (known_zone(*v))
                c.timezone = *v;
            else
                r.error((*node)["timezone"],
                        "recorder.timezone '" + *v + "' is not a time zone in /usr/share/zoneinfo");
        }
    }
    if (auto node = r.field(*root, "facilities", Need::optional, "");
        node && r.expect_map(*node, "facilities")) {
        for (const auto& entry : *node) {
            const std::string id = entry.first.as<std::string>();
            const std::string what = "facilities." + id;
            FacilityConfig f;
            if (!r.expect_map(entry.second, what))
                continue;
            r.allow_only(entry.second, what, {"timezone", "opening_hours"});
            if (auto v = r.text(entry.second, "timezone", Need::optional, what, 64)) {
                if (known_zone(*v))
                    f.timezone = *v;
                else
                    r.error(entry.second["timezone"], what + ".timezone '" + *v +
                                                          "' is not a time zone in "
                                                          "/usr/share/zoneinfo");
            }
            if (auto hours = r.field(entry.second, "opening_hours", Need::optional, what))
                read_hours(r, *hours, what + ".opening_hours", f.hours);
            c.facilities[id] = f;
        }
    }
    if (auto node = r.field(*root, "alerts", Need::optional, "");
        node && r.expect_map(*node, "alerts")) {
        r.allow_only(*node, "alerts",
                     {"enabled", "offline_after_s", "sensor_after_s", "backlog_events",
                      "clock_skew_s", "bad_lines_per_minute"});
        AlertRules& a = c.alerts;
        config::set_if(a.enabled, r.boolean(*node, "enabled", Need::optional, "alerts"));
        const auto count = [&](std::string_view key, int max) {
            return r.integer(*node, key, Need::optional, "alerts", 1, max);
        };
        config::set_if(a.offline_after_s, count("offline_after_s", 86400));
        config::set_if(a.sensor_after_s, count("sensor_after_s", 86400));
        config::set_if(a.backlog_events, count("backlog_events", 1'000'000));
        config::set_if(a.clock_skew_s, count("clock_skew_s", 86400));
        config::set_if(a.bad_lines_per_minute, count("bad_lines_per_minute", 1'000'000));
    }
    std::optional<config::MqttConfig> mqtt;
    config::read_mqtt_section(r, *root, base, mqtt);
    if (mqtt)
        c.mqtt = *mqtt;
    if (r.error_count() > 0)
        return std::nullopt;
    return c;
}

ZoneBook zones_of(const RecorderConfig& c) {
    ZoneBook zones(TimeZone::load(c.timezone).value_or(TimeZone::utc()));
    for (const auto& [id, f] : c.facilities)
        if (!f.timezone.empty())
            if (auto z = TimeZone::load(f.timezone))
                zones.set(id, *z);
    return zones;
}

const OpeningHours& hours_of(const RecorderConfig& c, const std::string& facility) {
    static const OpeningHours always = OpeningHours::always();
    const auto it = c.facilities.find(facility);
    return it == c.facilities.end() ? always : it->second.hours;
}

mqtt::ClientSettings client_settings_of(const RecorderConfig& c,
                                        std::vector<std::string>& problems) {
    mqtt::ClientSettings s;
    s.host = c.mqtt.host;
    s.port = c.mqtt.port;
    s.client_id = c.mqtt.client_id.empty() ? c.client_id : c.mqtt.client_id;
    s.username = c.mqtt.username;
    s.keepalive_s = c.mqtt.keepalive_s;
    s.v5 = c.mqtt.protocol == "5";
    s.session_expiry_s = static_cast<std::uint32_t>(c.session_expiry_s);
    if (!c.mqtt.password_file.empty()) {
        std::ifstream in(c.mqtt.password_file);
        if (!in || !std::getline(in, s.password))
            problems.push_back("mqtt: cannot read the password file " +
                               c.mqtt.password_file.string() + "; connecting without a password");
    }
    if (c.mqtt.tls) {
        s.ca_file = c.mqtt.tls->ca_file.string();
        s.cert_file = c.mqtt.tls->cert_file.string();
        s.key_file = c.mqtt.tls->key_file.string();
    }
    return s;
}

}  // namespace rs::recorder
