// Per-hour rollups: what the reports add up, so a report reads a few thousand rows rather
// than every event. Keys are in the facility's local time (day, hour, weekday), fixed when an
// event is stored. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "recorder/recorded_event.hpp"
#include "recorder/time_zone.hpp"

namespace rs::recorder {

struct RollupKey {
    std::string facility, station, routine, source;
    std::string day;  // local date, YYYY-MM-DD
    int hour = 0;     // local hour the session started, 0-23
    int weekday = 0;  // 0 Monday ... 6 Sunday
    friend auto operator<=>(const RollupKey&, const RollupKey&) = default;
};

struct RollupCounts {
    std::int64_t started = 0, completed = 0, abandoned = 0;
    // abandoned by reason
    std::int64_t user_stopped = 0, idle_timeout = 0, preempted = 0, power_loss = 0, other = 0;
    double active_s = 0;  // timed seconds of sessions that ended
    double force_sum = 0;
    std::int64_t force_n = 0;  // sessions with a mean force
    double tempo_sum = 0;
    std::int64_t tempo_n = 0;                             // sessions with seconds per pass
    std::int64_t class_started = 0, class_completed = 0;  // of the above, started by a class
    // Steps the athlete eased off ("Too intense"), counted in the hour and day they ended.
    std::int64_t eased_steps = 0;

    void add(const RollupCounts& o);
    bool empty() const {
        return started == 0 && completed == 0 && abandoned == 0 && eased_steps == 0;
    }
};

// Which facility's clock buckets an event.
class ZoneBook {
  public:
    explicit ZoneBook(TimeZone fallback = TimeZone::utc()) : fallback_(std::move(fallback)) {}
    void set(const std::string& facility, TimeZone zone) {
        zones_.insert_or_assign(facility, zone);
    }
    const TimeZone& zone_of(const std::string& facility) const;

  private:
    TimeZone fallback_;
    std::map<std::string, TimeZone> zones_;
};

using Rollup = std::map<RollupKey, RollupCounts>;

// What one stored event adds (sensor events and steps add nothing).
void add_to_rollup(Rollup& rollup, const RecordedEvent& event, const ZoneBook& zones);

// What the stores keep: by local hour without the routine (hour buckets, the heatmap), and by
// local day with it (stations, routines, days). Two small tables rather than one with every
// key: a month of a gym is a few thousand rows in each.
struct HourKey {
    std::string day, facility, station;
    int hour = 0, weekday = 0;
    friend auto operator<=>(const HourKey&, const HourKey&) = default;
};
struct DayKey {
    std::string day, facility, station, routine;
    friend auto operator<=>(const DayKey&, const DayKey&) = default;
};
struct StoredRollup {
    // In key order, the order every store writes them, so that two recorders updating the same
    // rows never wait on each other in a cycle.
    std::map<HourKey, RollupCounts> by_hour;
    std::map<DayKey, RollupCounts> by_day;
};
StoredRollup stored_rollup(const Rollup& rollup);

}  // namespace rs::recorder
