#include "rollstation/config/station_config.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

#include "config/languages_section.hpp"
#include "config/mqtt_section.hpp"
#include "config/sensors_section.hpp"
#include "config/yaml_reader.hpp"
#include "rollstation/core/source_spec.hpp"

namespace rs::config {
namespace fs = std::filesystem;

namespace {

// Ids end up in MQTT topics and file names: keep them to a safe alphabet.
bool is_topic_safe(const std::string& text) {
    static const std::regex pattern("[A-Za-z0-9_-]{1,64}");
    return std::regex_match(text, pattern);
}

fs::path resolve(const fs::path& base_dir, const fs::path& share_dir, const fs::path& p) {
    if (p.is_absolute())
        return p;
    const fs::path local = base_dir / p;
    std::error_code ec;  // unreadable counts as absent: the caller then reports the path
    if (fs::exists(local, ec) || share_dir.empty())
        return local;
    const fs::path shared = share_dir / p;
    return fs::exists(shared, ec) ? shared : local;
}

void read_station(YamlReader& r, const YAML::Node& root, StationInfo& out) {
    auto node = r.field(root, "station", Need::required, "");
    if (!node || !r.expect_map(*node, "station"))
        return;
    r.allow_only(*node, "station", {"id", "name", "facility", "groups", "timezone", "language"});
    if (auto id = r.topic_name(*node, "id", Need::required, "station"))
        out.id = *id;
    if (auto name = r.text(*node, "name", Need::required, "station", 60))
        out.name = *name;
    if (auto facility = r.topic_name(*node, "facility", Need::required, "station"))
        out.facility = *facility;
    if (auto groups = r.text_list(*node, "groups", Need::optional, "station", 64)) {
        for (std::size_t i = 0; i < groups->size(); ++i) {
            if (!is_topic_safe((*groups)[i])) {
                r.error((*node)["groups"][i], "station.groups[" + std::to_string(i) + "] '" +
                                                  (*groups)[i] +
                                                  "' may use only letters, digits, - and _");
            }
        }
        out.groups = *groups;
    }
    if (auto tz = r.text(*node, "timezone", Need::optional, "station", 64)) {
        // A zone name such as Europe/Berlin: a file in the zone database, never a path of our own.
        std::error_code ec;
        static const std::regex zone_name("[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*");
        const bool known =
            *tz == "UTC" || (std::regex_match(*tz, zone_name) &&
                             fs::is_regular_file(fs::path("/usr/share/zoneinfo") / *tz, ec));
        if (known) {
            out.timezone = *tz;
        } else {
            r.error((*node)["timezone"], "station.timezone '" + *tz +
                                             "' is not a known time zone (such as Europe/Berlin)");
        }
    }
}

void read_display(YamlReader& r, const YAML::Node& root, const fs::path& base, DisplayConfig& out) {
    auto node = r.field(root, "display", Need::optional, "");
    if (!node || !r.expect_map(*node, "display"))
        return;
    r.allow_only(
        *node, "display",
        {"fullscreen", "width", "height", "rotation", "idle_timeout_s", "sound", "font_dir",
         "dim_after_s", "dim_brightness_pct", "backlight", "renderer", "languages"});
    if (auto v = r.boolean(*node, "fullscreen", Need::optional, "display"))
        out.fullscreen = *v;
    auto width = r.integer(*node, "width", Need::optional, "display", 320, 7680);
    auto height = r.integer(*node, "height", Need::optional, "display", 240, 4320);
    if (width.has_value() != height.has_value()) {
        r.error(*node, "display.width and display.height go together: give both or neither");
    } else if (width) {
        out.width = *width;
        out.height = *height;
    }
    if (auto rotation = r.integer(*node, "rotation", Need::optional, "display", 0, 270)) {
        if (*rotation % 90 == 0) {
            out.rotation = *rotation;
        } else {
            r.error((*node)["rotation"], "display.rotation must be 0, 90, 180 or 270");
        }
    }
    if (auto v = r.integer(*node, "idle_timeout_s", Need::optional, "display", 15, 3600))
        out.idle_timeout_s = *v;
    if (auto v = r.boolean(*node, "sound", Need::optional, "display"))
        out.sound = *v;
    if (auto v = r.text(*node, "font_dir", Need::optional, "display", 4096))
        out.font_dir = resolve(base, {}, *v);
    if (auto v = r.integer(*node, "dim_after_s", Need::optional, "display", 0, 86400))
        out.dim_after_s = *v;
    if (auto v = r.integer(*node, "dim_brightness_pct", Need::optional, "display", 1, 100))
        out.dim_brightness_pct = *v;
    if (auto v = r.text(*node, "backlight", Need::optional, "display", 4096))
        out.backlight = *v;
    if (auto v = r.text(*node, "renderer", Need::optional, "display", 64)) {
        if (*v == "auto" || *v == "software" || *v == "opengl" || *v == "opengles2")
            out.renderer = *v;
        else
            r.error((*node)["renderer"],
                    "display.renderer: unknown value '" + *v +
                        "'; expected one of auto, software, opengl, opengles2");
    }
}

void read_session(YamlReader& r, const YAML::Node& root, core::SessionTiming& out,
                  core::ClassPolicy& policy, bool& class_confirmation) {
    auto node = r.field(root, "session", Need::optional, "");
    if (!node || !r.expect_map(*node, "session"))
        return;
    r.allow_only(
        *node, "session",
        {"get_ready", "switch_side", "next_step", "timer", "class_policy", "class_confirmation"});
    if (auto v = r.boolean(*node, "class_confirmation", Need::optional, "session"))
        class_confirmation = *v;
    if (auto v = r.text(*node, "class_policy", Need::optional, "session", 32)) {
        if (*v == "offer") {
            policy = core::ClassPolicy::offer;
        } else if (*v == "take_over_after_step") {
            policy = core::ClassPolicy::take_over_after_step;
        } else {
            r.error((*node)["class_policy"],
                    "session.class_policy must be offer or take_over_after_step, not '" + *v + "'");
        }
    }
    if (auto v = r.word<core::Timer>(*node, "timer", Need::optional, "session"))
        out.timer = *v;
    if (auto v = r.duration(*node, "get_ready", Need::optional, "session", 1, 30))
        out.get_ready_s = *v;
    if (auto v = r.duration(*node, "switch_side", Need::optional, "session", 0, 30))
        out.switch_side_s = *v;
    if (auto v = r.duration(*node, "next_step", Need::optional, "session", 0, 30))
        out.next_step_s = *v;
}

// A force band written as [min, max] in newtons.
std::optional<core::ForceBand> read_band(YamlReader& r, const YAML::Node& map,
                                         std::string_view key) {
    auto node = r.field(map, key, Need::optional, "coaching");
    if (!node)
        return std::nullopt;
    const std::string name = "coaching." + std::string(key);
    const auto bad = [&] {
        r.error(*node, name + " must be [min, max] in newtons with 0 <= min < max <= 3000");
        return std::nullopt;
    };
    if (!node->IsSequence() || node->size() != 2 || !(*node)[0].IsScalar() ||
        !(*node)[1].IsScalar())
        return bad();
    // Every character must belong to the number: "60N" and "nan" are not forces.
    const auto newtons = [](const std::string& text) -> std::optional<double> {
        double v = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() ||
            !std::isfinite(v))
            return std::nullopt;
        return v;
    };
    const auto lo = newtons((*node)[0].Scalar()), hi = newtons((*node)[1].Scalar());
    if (!lo || !hi || *lo < 0 || *hi <= *lo || *hi > 3000)
        return bad();
    return core::ForceBand{*lo, *hi};
}

void read_coaching(YamlReader& r, const YAML::Node& root, CoachingConfig& out) {
    auto node = r.field(root, "coaching", Need::optional, "");
    if (!node || !r.expect_map(*node, "coaching"))
        return;
    r.allow_only(*node, "coaching", {"light_n", "moderate_n", "firm_n", "reversal_mrev", "load_n"});
    if (auto b = read_band(r, *node, "light_n"))
        out.zones.light = *b;
    if (auto b = read_band(r, *node, "moderate_n"))
        out.zones.moderate = *b;
    if (auto b = read_band(r, *node, "firm_n"))
        out.zones.firm = *b;
    if (auto v = r.integer(*node, "reversal_mrev", Need::optional, "coaching", 20, 2000))
        out.reversal_mrev = *v;
    if (auto v = r.integer(*node, "load_n", Need::optional, "coaching", 1, 1000))
        out.load_newtons = *v;
}

// A discovery prefix is one or more topic levels of safe characters ("homeassistant",
// "site/ha"): no wildcards, no empty level.
bool is_topic_prefix(const std::string& text) {
    static const std::regex pattern("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
    return text.size() <= 128 && std::regex_match(text, pattern);
}

void read_home_assistant(YamlReader& r, const YAML::Node& mqtt, HomeAssistantConfig& out) {
    auto node = r.field(mqtt, "home_assistant", Need::optional, "mqtt");
    if (!node || !r.expect_map(*node, "mqtt.home_assistant"))
        return;
    r.allow_only(*node, "mqtt.home_assistant", {"enabled", "prefix"});
    if (auto v = r.boolean(*node, "enabled", Need::required, "mqtt.home_assistant"))
        out.enabled = *v;
    if (auto v = r.text(*node, "prefix", Need::optional, "mqtt.home_assistant", 128)) {
        if (is_topic_prefix(*v)) {
            out.prefix = *v;
        } else {
            r.error((*node)["prefix"], "mqtt.home_assistant.prefix '" + *v +
                                           "' must be topic levels of letters, digits, - and _ "
                                           "joined by / (no wildcards, no empty level)");
        }
    }
}

void read_mqtt(YamlReader& r, const YAML::Node& root, const fs::path& base,
               std::optional<MqttConfig>& out) {
    auto node = r.field(root, "mqtt", Need::optional, "");
    if (!node || !r.expect_map(*node, "mqtt"))
        return;
    r.allow_only(*node, "mqtt",
                 {"host", "port", "root", "client_id", "username", "password_file", "tls",
                  "keepalive_s", "protocol", "home_assistant"});
    MqttConfig m;
    if (auto v = r.text(*node, "host", Need::required, "mqtt", 253))
        m.host = *v;
    if (auto v = r.integer(*node, "port", Need::optional, "mqtt", 1, 65535))
        m.port = *v;
    if (auto v = r.topic_name(*node, "root", Need::optional, "mqtt"))
        m.root = *v;
    if (auto v = r.text(*node, "client_id", Need::optional, "mqtt", 128))
        m.client_id = *v;
    if (auto v = r.text(*node, "username", Need::optional, "mqtt", 128))
        m.username = *v;
    if (auto v = r.text(*node, "password_file", Need::optional, "mqtt", 4096))
        m.password_file = resolve(base, {}, *v);
    if (auto v = r.integer(*node, "keepalive_s", Need::optional, "mqtt", 5, 3600))
        m.keepalive_s = *v;
    if (auto v = r.text(*node, "protocol", Need::optional, "mqtt", 8)) {
        if (*v == "5" || *v == "3.1.1") {
            m.protocol = *v;
        } else {
            r.error((*node)["protocol"], "mqtt.protocol must be 5 or 3.1.1, not '" + *v + "'");
        }
    }
    if (auto tls = r.field(*node, "tls", Need::optional, "mqtt");
        tls && r.expect_map(*tls, "mqtt.tls")) {
        r.allow_only(*tls, "mqtt.tls", {"ca_file", "cert_file", "key_file"});
        TlsConfig t;
        if (auto v = r.text(*tls, "ca_file", Need::required, "mqtt.tls", 4096))
            t.ca_file = resolve(base, {}, *v);
        auto cert = r.text(*tls, "cert_file", Need::optional, "mqtt.tls", 4096);
        auto key = r.text(*tls, "key_file", Need::optional, "mqtt.tls", 4096);
        if (cert.has_value() != key.has_value()) {
            r.error(*tls,
                    "mqtt.tls.cert_file and mqtt.tls.key_file go together: give both or neither");
        } else if (cert) {
            t.cert_file = resolve(base, {}, *cert);
            t.key_file = resolve(base, {}, *key);
        }
        m.tls = t;
    }
    read_home_assistant(r, *node, m.home_assistant);
    out = m;
}

}  // namespace

void read_mqtt_section(YamlReader& r, const YAML::Node& root, const fs::path& base,
                       std::optional<MqttConfig>& out) {
    read_mqtt(r, root, base, out);
}

std::optional<StationConfig> load_station_config(const fs::path& file, const fs::path& share_dir,
                                                 Diagnostics& errors, const fs::path& base_dir) {
    auto root = parse_yaml_file(file.string(), errors);
    if (!root)
        return std::nullopt;
    YamlReader r(file.string(), errors);
    if (!r.expect_map(*root, "the station file"))
        return std::nullopt;
    r.allow_only(*root, "",
                 {"station", "display", "routines", "safety_notice", "session", "coaching",
                  "sensors", "mqtt", "storage", "admin"});
    const fs::path base = !base_dir.empty()            ? base_dir
                          : file.parent_path().empty() ? fs::path(".")
                                                       : file.parent_path();

    StationConfig config;
    config.file = file;
    read_station(r, *root, config.station);
    read_display(r, *root, base, config.display);
    read_languages(r, *root, config.station, config.display);
    read_session(r, *root, config.timing, config.class_policy, config.class_confirmation);
    read_coaching(r, *root, config.coaching);
    read_sensors(r, *root, config.sensors);
    read_mqtt(r, *root, base, config.mqtt);

    if (auto node = r.field(*root, "routines", Need::required, "");
        node && r.expect_map(*node, "routines")) {
        r.allow_only(*node, "routines", {"dirs"});
        if (auto dirs = r.text_list(*node, "dirs", Need::required, "routines", 4096)) {
            for (std::size_t i = 0; i < dirs->size(); ++i) {
                const fs::path dir = resolve(base, share_dir, (*dirs)[i]);
                std::error_code dir_ec;
                if (!fs::is_directory(dir, dir_ec)) {
                    r.error((*node)["dirs"][i], "routines.dirs[" + std::to_string(i) + "] '" +
                                                    (*dirs)[i] + "' is not a folder (looked in " +
                                                    dir.string() + ")");
                    continue;
                }
                config.routine_dirs.push_back(dir);
            }
        }
    }
    const std::string safety =
        r.text(*root, "safety_notice", Need::optional, "", 4096).value_or("safety.yaml");
    config.safety_notice = resolve(base, share_dir, safety);

    if (auto node = r.field(*root, "storage", Need::optional, "");
        node && r.expect_map(*node, "storage")) {
        r.allow_only(*node, "storage", {"path"});
        if (auto v = r.text(*node, "path", Need::required, "storage", 4096))
            config.storage.path = resolve(base, {}, *v);
    }
    if (auto node = r.field(*root, "admin", Need::optional, "");
        node && r.expect_map(*node, "admin")) {
        r.allow_only(*node, "admin", {"pin_hash"});
        if (auto v = r.text(*node, "pin_hash", Need::optional, "admin", 512)) {
            // A crypt(3) string ("$y$...", "$6$..."): never the PIN itself.
            if (!v->empty() && v->front() != '$') {
                r.error((*node)["pin_hash"],
                        "admin.pin_hash is not a PIN hash; set the PIN with "
                        "`rollstation --config FILE --set-pin`");
            } else {
                config.admin.pin_hash = *v;
            }
        }
    }
    return config;
}

}  // namespace rs::config
