// The recorder's file: where to store, which broker (the same `mqtt:` keys as a station's),
// and each facility's time zone and opening hours. Every mistake is a file:line:col message.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mqtt/mqtt_client.hpp"
#include "recorder/rollup.hpp"
#include "rollstation/config/diagnostic.hpp"
#include "rollstation/config/station_config.hpp"

namespace rs::recorder {

// One opening interval a day, as minutes of the local day [open, close); none: closed.
struct OpeningHours {
    struct Interval {
        int open_min = 0, close_min = 24 * 60;
    };
    std::array<std::optional<Interval>, 7> by_weekday;  // 0 Monday ... 6 Sunday
    static OpeningHours always();
};

struct FacilityConfig {
    std::string timezone;  // empty: recorder.timezone
    OpeningHours hours = OpeningHours::always();
};

// When what stations publish becomes an alert.
struct AlertRules {
    bool enabled = true;
    int offline_after_s = 300;      // offline this long during opening hours
    int sensor_after_s = 60;        // a sensor disconnected this long
    int backlog_events = 200;       // an outbox at least this deep and growing
    int clock_skew_s = 120;         // a station's clock this far from the recorder's
    int bad_lines_per_minute = 30;  // a sensor's bad lines (checksum, malformed) in a minute
};

struct RecorderConfig {
    std::filesystem::path file;
    std::string store;  // sqlite:PATH or postgresql://…
    std::string client_id = "rollstation-recorder";
    std::string share_group;  // set: a shared subscription $share/<group>/…
    int session_expiry_s = 7 * 86400;
    std::string timezone = "UTC";  // of facilities not listed
    // Events a station sends in one page of backfill; 0: never ask stations for their history.
    int backfill_page = 100;
    // A history request a station has not answered is sent again after this, then after twice
    // as long each time, up to an hour.
    int backfill_retry_s = 60;
    std::map<std::string, FacilityConfig> facilities;
    config::MqttConfig mqtt;
    AlertRules alerts;
};

std::optional<RecorderConfig> load_recorder_config(const std::filesystem::path& file,
                                                   config::Diagnostics& errors);

ZoneBook zones_of(const RecorderConfig& config);
const OpeningHours& hours_of(const RecorderConfig& config, const std::string& facility);
// The broker settings; `problems` gets what is wrong but not fatal (a password file unread).
mqtt::ClientSettings client_settings_of(const RecorderConfig& config,
                                        std::vector<std::string>& problems);

}  // namespace rs::recorder
