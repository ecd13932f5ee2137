#include "recorder/alerts.hpp"

#include <cstdlib>

namespace rs::recorder {

std::string name_of(AlertKind kind) {
    switch (kind) {
        case AlertKind::offline:
            return "offline";
        case AlertKind::sensor_disconnected:
            return "sensor_disconnected";
        case AlertKind::outbox_backlog:
            return "outbox_backlog";
        case AlertKind::sensor_bad_lines:
            return "sensor_bad_lines";
        case AlertKind::clock_unsynchronised:
            return "clock_unsynchronised";
    }
    return "?";
}

AlertEngine::AlertEngine(AlertRules rules, const RecorderConfig& config)
    : rules_(rules), config_(config), zones_(zones_of(config)) {}

AlertEngine::Station& AlertEngine::station(const std::string& facility, const std::string& id) {
    auto [it, fresh] = stations_.try_emplace({facility, id});
    if (fresh) {
        it->second.facility = facility;
        it->second.station = id;
    }
    return it->second;
}

bool AlertEngine::open_at(const std::string& facility, std::int64_t now_ms) const {
    const LocalTime t = zones_.zone_of(facility).local(now_ms);
    const auto& day = hours_of(config_, facility).by_weekday[static_cast<std::size_t>(t.weekday)];
    const int minute = t.hour * 60 + t.minute;
    return day && minute >= day->open_min && minute < day->close_min;
}

void AlertEngine::note_clock(Station& s, std::optional<std::int64_t> station_clock_ms,
                             std::int64_t now_ms) {
    if (!station_clock_ms)
        return;
    s.clock_skew_ms = *station_clock_ms - now_ms;
    s.skew_seen_ms = now_ms;
}

std::vector<AlertChange> AlertEngine::on_status(const std::string& facility, const std::string& id,
                                                bool online, std::int64_t now_ms) {
    Station& s = station(facility, id);
    if (online)
        s.offline_since.reset();
    else if (!s.offline_since)
        s.offline_since = now_ms;
    return evaluate(s, now_ms);
}

std::vector<AlertChange> AlertEngine::on_state(
    const std::string& facility, const std::string& id,
    const std::vector<std::pair<std::string, bool>>& sensors,
    std::optional<std::int64_t> station_clock_ms, std::int64_t now_ms) {
    Station& s = station(facility, id);
    std::map<std::string, std::int64_t> lost;
    for (const auto& [sensor, connected] : sensors) {
        if (connected)
            continue;
        const auto before = s.sensors_lost_since.find(sensor);
        lost[sensor] = before == s.sensors_lost_since.end() ? now_ms : before->second;
    }
    s.sensors_lost_since = std::move(lost);
    note_clock(s, station_clock_ms, now_ms);
    return evaluate(s, now_ms);
}

std::vector<AlertChange> AlertEngine::on_stats(const std::string& facility, const std::string& id,
                                               std::int64_t outbox_depth,
                                               std::optional<std::int64_t> station_clock_ms,
                                               std::int64_t now_ms) {
    Station& s = station(facility, id);
    // Growing: above the threshold and higher than the last report. It stays raised until the
    // backlog falls back under the threshold.
    if (outbox_depth >= rules_.backlog_events && outbox_depth > s.outbox_depth &&
        s.backlog_since == 0)
        s.backlog_since = now_ms;
    if (outbox_depth < rules_.backlog_events)
        s.backlog_since = 0;
    s.outbox_depth = outbox_depth;
    note_clock(s, station_clock_ms, now_ms);
    return evaluate(s, now_ms);
}

std::vector<AlertChange> AlertEngine::tick(std::int64_t now_ms) {
    std::vector<AlertChange> out;
    for (auto& [key, s] : stations_) {
        auto changes = evaluate(s, now_ms);
        out.insert(out.end(), changes.begin(), changes.end());
    }
    return out;
}

std::vector<AlertChange> AlertEngine::on_bad_lines(const std::string& facility,
                                                   const std::string& id, const std::string& sensor,
                                                   std::int64_t bad_lines, std::int64_t now_ms) {
    Station& s = station(facility, id);
    auto& samples = s.bad_lines[sensor];
    // A counter that went down started again (the station restarted): a new baseline.
    if (!samples.empty() && bad_lines < samples.back().second)
        samples.clear();
    samples.emplace_back(now_ms, bad_lines);
    return evaluate(s, now_ms);
}

std::int64_t AlertEngine::bad_lines_in_window(Station& s, std::int64_t now_ms, std::string& detail,
                                              std::string& worst_sensor) const {
    constexpr std::int64_t kWindowMs = 60'000;
    std::int64_t worst = 0;
    for (auto& [sensor, samples] : s.bad_lines) {
        // Keep the newest sample at or before the window's start: it is the baseline.
        std::size_t first = 0;
        while (first + 1 < samples.size() && samples[first + 1].first <= now_ms - kWindowMs)
            ++first;
        samples.erase(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(first));
        const std::int64_t added = samples.back().second - samples.front().second;
        if (added > worst) {
            worst = added;
            worst_sensor = sensor;
            detail = std::to_string(added) + " bad lines in the last minute from " + sensor;
        }
    }
    return worst;
}

std::vector<AlertChange> AlertEngine::evaluate(Station& s, std::int64_t now_ms) {
    std::vector<AlertChange> out;
    const auto set = [&](AlertKind kind, bool condition, std::int64_t since, std::string detail,
                         std::vector<std::string> sensors = {},
                         std::optional<std::int64_t> count = std::nullopt) {
        bool& active = s.active[kind];
        if (condition == active)
            return;
        active = condition;
        out.push_back({s.facility, s.station, kind, condition, condition ? since : now_ms,
                       std::move(detail),
                       condition ? std::move(sensors) : std::vector<std::string>{},
                       condition ? count : std::nullopt});
    };
    const std::int64_t offline_limit = std::int64_t{rules_.offline_after_s} * 1000;
    const bool offline_long = s.offline_since && now_ms - *s.offline_since >= offline_limit;
    // Raised only while the facility is open; once raised it waits for the station to return.
    const bool offline = s.offline_since && (s.active[AlertKind::offline] ||
                                             (offline_long && open_at(s.facility, now_ms)));
    set(AlertKind::offline, offline, s.offline_since.value_or(now_ms),
        offline ? "offline for more than " + std::to_string(rules_.offline_after_s) +
                      " s during opening hours"
                : "back online");

    std::string lost_names;
    std::vector<std::string> lost;
    std::int64_t lost_since = now_ms;
    for (const auto& [sensor, since] : s.sensors_lost_since) {
        if (now_ms - since < std::int64_t{rules_.sensor_after_s} * 1000)
            continue;
        lost_names += (lost_names.empty() ? "" : ", ") + sensor;
        lost.push_back(sensor);
        lost_since = std::min(lost_since, since);
    }
    set(AlertKind::sensor_disconnected, !lost_names.empty(), lost_since,
        lost_names.empty() ? "every sensor connected" : "disconnected: " + lost_names,
        std::move(lost));

    set(AlertKind::outbox_backlog, s.backlog_since != 0, s.backlog_since,
        s.backlog_since != 0 ? std::to_string(s.outbox_depth) + " events waiting and growing"
                             : "backlog under " + std::to_string(rules_.backlog_events),
        {}, s.outbox_depth);

    std::string bad_detail, worst_sensor;
    const std::int64_t bad = bad_lines_in_window(s, now_ms, bad_detail, worst_sensor);
    const bool noisy = bad >= std::int64_t{rules_.bad_lines_per_minute};
    if (noisy && !s.active[AlertKind::sensor_bad_lines])
        s.bad_lines_since = now_ms;
    set(AlertKind::sensor_bad_lines, noisy, s.bad_lines_since,
        noisy ? bad_detail
              : "under " + std::to_string(rules_.bad_lines_per_minute) + " bad lines a minute",
        {worst_sensor}, bad);

    const bool skewed =
        s.clock_skew_ms && std::llabs(*s.clock_skew_ms) > std::int64_t{rules_.clock_skew_s} * 1000;
    set(AlertKind::clock_unsynchronised, skewed, s.skew_seen_ms,
        skewed ? "clock off by " + std::to_string(*s.clock_skew_ms / 1000) + " s" : "clock agrees",
        {}, s.clock_skew_ms.value_or(0) / 1000);
    return out;
}

}  // namespace rs::recorder
