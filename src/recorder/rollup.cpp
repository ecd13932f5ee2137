#include "recorder/rollup.hpp"

namespace rs::recorder {

void RollupCounts::add(const RollupCounts& o) {
    started += o.started;
    completed += o.completed;
    abandoned += o.abandoned;
    user_stopped += o.user_stopped;
    idle_timeout += o.idle_timeout;
    preempted += o.preempted;
    power_loss += o.power_loss;
    other += o.other;
    active_s += o.active_s;
    force_sum += o.force_sum;
    force_n += o.force_n;
    tempo_sum += o.tempo_sum;
    tempo_n += o.tempo_n;
    class_started += o.class_started;
    class_completed += o.class_completed;
    eased_steps += o.eased_steps;
}

const TimeZone& ZoneBook::zone_of(const std::string& facility) const {
    const auto it = zones_.find(facility);
    return it == zones_.end() ? fallback_ : it->second;
}

void add_to_rollup(Rollup& rollup, const RecordedEvent& e, const ZoneBook& zones) {
    const Outcome outcome = e.outcome();
    if (e.eased) {
        const LocalTime at = zones.zone_of(e.facility).local(e.ts_ms);
        ++rollup[RollupKey{e.facility, e.station, e.routine_id, e.source, format_date(at.date),
                           at.hour, at.weekday}]
              .eased_steps;
        return;
    }
    if (!e.starts_session() && outcome == Outcome::none)
        return;
    const LocalTime at = zones.zone_of(e.facility).local(e.session_start_ms());
    RollupCounts& c = rollup[RollupKey{e.facility, e.station, e.routine_id, e.source,
                                       format_date(at.date), at.hour, at.weekday}];
    const bool from_class = e.source == "class";
    if (e.starts_session()) {
        ++c.started;
        c.class_started += from_class ? 1 : 0;
        return;
    }
    c.active_s += e.active_s;
    if (e.mean_force_n) {
        c.force_sum += *e.mean_force_n;
        ++c.force_n;
    }
    if (e.seconds_per_pass) {
        c.tempo_sum += *e.seconds_per_pass;
        ++c.tempo_n;
    }
    if (outcome == Outcome::completed) {
        ++c.completed;
        c.class_completed += from_class ? 1 : 0;
        return;
    }
    ++c.abandoned;
    if (e.reason == "user_stopped")
        ++c.user_stopped;
    else if (e.reason == "idle_timeout")
        ++c.idle_timeout;
    else if (e.reason == "preempted")
        ++c.preempted;
    else if (e.reason == "power_loss")
        ++c.power_loss;
    else
        ++c.other;
}

StoredRollup stored_rollup(const Rollup& rollup) {
    StoredRollup out;
    for (const auto& [k, c] : rollup) {
        out.by_hour[HourKey{k.day, k.facility, k.station, k.hour, k.weekday}].add(c);
        out.by_day[DayKey{k.day, k.facility, k.station, k.routine}].add(c);
    }
    return out;
}

}  // namespace rs::recorder
