// The station file: who this station is, how it displays, and where everything else lives.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rollstation/config/diagnostic.hpp"
#include "rollstation/core/coaching.hpp"
#include "rollstation/core/commands.hpp"
#include "rollstation/core/local_text.hpp"
#include "rollstation/core/session.hpp"
#include "rollstation/core/station_sensors.hpp"

namespace rs::config {

struct StationInfo {
    std::string id;
    std::string name;
    std::string facility;
    std::vector<std::string> groups;
    std::string timezone = "UTC";
    // The house language: what the kiosk speaks at rest and returns to after every visit.
    core::Language language = core::Language::en;
};

struct DisplayConfig {
    bool fullscreen = true;
    int width = 0;  // 0: the display's native size (fullscreen) or 800x480 (windowed)
    int height = 0;
    int rotation = 0;  // degrees clockwise: 0, 90, 180, 270
    int idle_timeout_s = 90;
    bool sound = true;
    std::filesystem::path font_dir;  // empty: the system DejaVu fonts
    int dim_after_s = 300;           // the idle attract screen dims (0: never)
    int dim_brightness_pct = 20;     // of the full backlight (or of the picture without one)
    // A /sys/class/backlight device; empty: the first one found, if any.
    std::filesystem::path backlight;
    // SDL's renderer: auto (the one measured best for the video driver), software, opengl or
    // opengles2.
    std::string renderer = "auto";
    // The languages an athlete may choose, in the order offered; always holds the house language.
    std::vector<core::Language> languages{core::Language::en};
};

struct SensorConfig {
    std::string id;
    std::string kind = "roller";  // roller or pad
    std::string source;           // serial:/dev/ttyACM0@115200, udp:0.0.0.0:5005, sim:steady
    int circumference_mm = 0;     // rollers only
    // The tools whose steps it measures; a roller defaults to the foam roller, a pad to all.
    std::vector<core::Tool> tools = core::SensorSpec::default_tools("roller");
    bool weigh_in = false;  // a pad an athlete may stand on for a check-in (pads: true)
};

struct TlsConfig {
    std::filesystem::path ca_file;
    std::filesystem::path cert_file;
    std::filesystem::path key_file;
};

// Home Assistant MQTT discovery: the station announces itself as a device with sensors.
struct HomeAssistantConfig {
    bool enabled = false;
    std::string prefix = "homeassistant";  // Home Assistant's discovery prefix
};

struct MqttConfig {
    std::string host = "127.0.0.1";
    int port = 1883;
    std::string root = "rollstation";
    std::string client_id;  // empty: derived from the station id
    std::string username;
    std::filesystem::path password_file;
    std::optional<TlsConfig> tls;
    int keepalive_s = 30;
    std::string protocol = "5";  // "5" or "3.1.1"
    HomeAssistantConfig home_assistant;
};

struct StorageConfig {
    std::filesystem::path path;
};

struct AdminConfig {
    std::string pin_hash;
};

struct CoachingConfig {
    core::ForceZones zones;
    int reversal_mrev = 150;   // travel back that counts as a turn (0.15 rev)
    double load_newtons = 40;  // still but pressing at least this hard: holding a spot
};

struct StationConfig {
    std::filesystem::path file;
    StationInfo station;
    DisplayConfig display;
    std::vector<std::filesystem::path> routine_dirs;
    std::filesystem::path safety_notice;
    core::SessionTiming timing;
    core::ClassPolicy class_policy = core::ClassPolicy::offer;  // a class arriving mid-session
    // A class waits for "I'm ready" on a station where nobody has confirmed the safety notice in
    // this visit (off: the coach briefs the room and every station starts on its own).
    bool class_confirmation = true;
    CoachingConfig coaching;
    std::vector<SensorConfig> sensors;
    std::optional<MqttConfig> mqtt;
    StorageConfig storage;
    AdminConfig admin;
};

// Reads and checks the station file. Relative paths are resolved against `base_dir` (default:
// the file's folder), then against `share_dir` (the installed data) when they do not exist
// there. Returns nothing when the file cannot be used at all; smaller mistakes are reported and
// their defaults kept.
std::optional<StationConfig> load_station_config(const std::filesystem::path& file,
                                                 const std::filesystem::path& share_dir,
                                                 Diagnostics& errors,
                                                 const std::filesystem::path& base_dir = {});

}  // namespace rs::config
