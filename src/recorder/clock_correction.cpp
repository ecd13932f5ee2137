#include "recorder/clock_correction.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <variant>

namespace rs::recorder {
namespace {

RollupCounts negated(const RollupCounts& c) {
    RollupCounts n;
    n.started = -c.started;
    n.completed = -c.completed;
    n.abandoned = -c.abandoned;
    n.user_stopped = -c.user_stopped;
    n.idle_timeout = -c.idle_timeout;
    n.preempted = -c.preempted;
    n.power_loss = -c.power_loss;
    n.other = -c.other;
    n.active_s = -c.active_s;
    n.force_sum = -c.force_sum;
    n.force_n = -c.force_n;
    n.tempo_sum = -c.tempo_sum;
    n.tempo_n = -c.tempo_n;
    n.class_started = -c.class_started;
    n.class_completed = -c.class_completed;
    n.eased_steps = -c.eased_steps;
    return n;
}

}  // namespace

std::string format_timestamp(std::int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000 - (unix_ms % 1000 < 0));
    const auto millis = static_cast<int>(((unix_ms % 1000) + 1000) % 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[96];  // room for any int, though a year has four digits
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
    return text;
}

ClockCorrection correct_clock(const RecordedEvent& correction,
                              const std::vector<StampedEvent>& stamped, const ZoneBook& zones) {
    ClockCorrection out;
    const EventTopic from{correction.facility, correction.station};
    Rollup removed;
    for (const StampedEvent& s : stamped) {
        auto old_event = decode_event(from, s.payload);
        auto j = nlohmann::json::parse(s.payload, nullptr, false);
        if (!std::holds_alternative<RecordedEvent>(old_event) || !j.is_object()) {
            out.skipped.push_back("stored event " + s.event_id + " could not be read again");
            continue;
        }
        const RecordedEvent& old = std::get<RecordedEvent>(old_event);
        if (!old.mono_ms || old.boot_id != correction.boot_id || old.clock_synced)
            continue;
        const std::int64_t ts = correction.ts_ms - (*correction.mono_ms - *old.mono_ms);
        if (!j.contains("recorded_ts"))
            j["recorded_ts"] = j["ts"];
        j["ts"] = format_timestamp(ts);
        j["clock_synced"] = true;
        RestampedEvent moved{s.event_id, ts, j.dump()};
        auto new_event = decode_event(from, moved.payload);
        if (!std::holds_alternative<RecordedEvent>(new_event)) {
            out.skipped.push_back("stored event " + s.event_id + " could not be re-stamped");
            continue;
        }
        add_to_rollup(removed, old, zones);
        add_to_rollup(out.delta, std::get<RecordedEvent>(new_event), zones);
        out.events.push_back(std::move(moved));
    }
    for (const auto& [key, counts] : removed)
        out.delta[key].add(negated(counts));
    return out;
}

}  // namespace rs::recorder
