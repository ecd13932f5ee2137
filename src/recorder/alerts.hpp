// Facility alerts from what stations publish: a station offline for longer than a set time
// while the facility is open, a sensor disconnected, an outbox backlog growing, a station whose
// clock disagrees with the recorder's. Pure: every input carries the time it was seen, and the
// changes (raised or cleared) come back as values for the shell to publish (retained).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "recorder/recorder_config.hpp"

namespace rs::recorder {

enum class AlertKind {
    offline,
    sensor_disconnected,
    outbox_backlog,
    clock_unsynchronised,
    sensor_bad_lines
};
inline constexpr AlertKind kAlertKinds[] = {
    AlertKind::offline, AlertKind::sensor_disconnected, AlertKind::outbox_backlog,
    AlertKind::clock_unsynchronised, AlertKind::sensor_bad_lines};
std::string name_of(AlertKind kind);

struct AlertChange {
    std::string facility, station;
    AlertKind kind{};
    bool active = false;
    std::int64_t since_ms = 0;  // when the condition began (raised) or ended (cleared)
    std::string detail;         // for a person: what is wrong, or what cleared it
    // The figures of a raised alert, for a reader to word in its own language: the sensors
    // concerned (disconnected, or the one sending the most bad lines) and the count (outbox
    // depth, bad lines in the last minute, clock skew in seconds, station ahead positive).
    std::vector<std::string> sensors;
    std::optional<std::int64_t> count;
};

class AlertEngine {
  public:
    AlertEngine(AlertRules rules, const RecorderConfig& config);

    std::vector<AlertChange> on_status(const std::string& facility, const std::string& station,
                                       bool online, std::int64_t now_ms);
    // The sensors of a state message (id, connected) and its updated_at (station clock).
    std::vector<AlertChange> on_state(const std::string& facility, const std::string& station,
                                      const std::vector<std::pair<std::string, bool>>& sensors,
                                      std::optional<std::int64_t> station_clock_ms,
                                      std::int64_t now_ms);
    // A sensor's bad-line counter (since the station started) from a state message.
    std::vector<AlertChange> on_bad_lines(const std::string& facility, const std::string& station,
                                          const std::string& sensor, std::int64_t bad_lines,
                                          std::int64_t now_ms);
    std::vector<AlertChange> on_stats(const std::string& facility, const std::string& station,
                                      std::int64_t outbox_depth,
                                      std::optional<std::int64_t> station_clock_ms,
                                      std::int64_t now_ms);
    // Conditions that become alerts with time alone (offline long enough, opening hours).
    std::vector<AlertChange> tick(std::int64_t now_ms);

  private:
    struct Station {
        std::string facility, station;
        std::optional<std::int64_t> offline_since;
        std::map<std::string, std::int64_t> sensors_lost_since;  // sensor id -> since
        std::int64_t outbox_depth = 0;
        std::int64_t backlog_since = 0;
        std::optional<std::int64_t> clock_skew_ms;
        std::int64_t skew_seen_ms = 0;
        std::map<AlertKind, bool> active;
        // Per sensor: (when, bad-line counter) as reported, the last minute's and one before.
        std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> bad_lines;
        std::int64_t bad_lines_since = 0;
    };
    // Bad lines per sensor over the last minute (the window), the worst first in `detail`.
    std::int64_t bad_lines_in_window(Station& s, std::int64_t now_ms, std::string& detail,
                                     std::string& worst_sensor) const;
    Station& station(const std::string& facility, const std::string& id);
    std::vector<AlertChange> evaluate(Station& s, std::int64_t now_ms);
    bool open_at(const std::string& facility, std::int64_t now_ms) const;
    void note_clock(Station& s, std::optional<std::int64_t> station_clock_ms, std::int64_t now_ms);

    AlertRules rules_;
    const RecorderConfig& config_;
    ZoneBook zones_;
    std::map<std::pair<std::string, std::string>, Station> stations_;
};

}  // namespace rs::recorder
