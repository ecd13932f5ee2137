#include "app/link_setup.hpp"

#include <fstream>

namespace rs::app {

mqtt::LinkSettings link_settings_from(const config::StationConfig& station,
                                      std::shared_ptr<const core::Library> library,
                                      const std::string& version, const std::string& boot_id,
                                      core::WallTime started_at,
                                      std::vector<std::string>& problems) {
    mqtt::LinkSettings s;
    s.topics.facility = station.station.facility;
    s.topics.station = station.station.id;
    s.station_name = station.station.name;
    s.groups = station.station.groups;
    s.library = std::move(library);
    s.language = station.station.language;
    s.database =
        station.storage.path.empty() ? "/var/lib/rollstation/station.db" : station.storage.path;
    s.version = version;
    s.boot_id = boot_id;
    s.started_at = started_at;
    s.timezone = station.station.timezone;
    if (!station.mqtt)
        return s;
    const config::MqttConfig& m = *station.mqtt;
    s.topics.root = m.root;
    mqtt::ClientSettings c;
    c.host = m.host;
    c.port = m.port;
    c.client_id = m.client_id.empty() ? "rollstation-" + station.station.id : m.client_id;
    c.username = m.username;
    c.keepalive_s = m.keepalive_s;
    c.v5 = m.protocol == "5";
    if (!m.password_file.empty()) {
        std::ifstream in(m.password_file);
        if (!in || !std::getline(in, c.password))
            problems.push_back("mqtt: cannot read the password file " + m.password_file.string() +
                               "; connecting without a password");
    }
    if (m.tls) {
        c.ca_file = m.tls->ca_file.string();
        c.cert_file = m.tls->cert_file.string();
        c.key_file = m.tls->key_file.string();
    }
    s.broker = c;
    if (m.home_assistant.enabled)
        s.home_assistant_prefix = m.home_assistant.prefix;
    return s;
}

}  // namespace rs::app
