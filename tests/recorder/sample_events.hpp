// Usage events as stations publish them, for the recorder's tests: the real payload codec
// (mqtt::event_payload) turned back into RecordedEvent by the recorder's decoder.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <variant>

#include "mqtt/payloads.hpp"
#include "recorder/recorded_event.hpp"
#include "recorder/time_zone.hpp"

namespace rs::rtest {

struct SessionSpec {
    std::string facility = "northside";
    std::string station = "roller-1";
    std::string routine = "pre-run";
    std::int64_t start_ms = 0;  // unix ms
    double active_s = 300;
    bool completed = true;
    core::AbandonReason reason = core::AbandonReason::user_stopped;
    bool from_class = false;
    std::optional<double> mean_force_n;
};

inline recorder::RecordedEvent decoded(const std::string& facility, const std::string& station,
                                       const std::string& payload) {
    auto result = recorder::decode_event({facility, station}, payload);
    if (auto* problem = std::get_if<std::string>(&result))
        FAIL("decode failed: " << *problem << " in " << payload);
    return std::get<recorder::RecordedEvent>(result);
}

// session_started then session_completed (or _abandoned), encoded by the station's codec.
inline std::vector<recorder::RecordedEvent> session_events(const SessionSpec& s, std::int64_t seq,
                                                           const std::string& id) {
    core::UsageEvent start;
    start.type = core::EventType::session_started;
    start.ts = core::WallTime{std::chrono::milliseconds(s.start_ms)};
    start.session_id = id;
    start.routine_id = s.routine;
    start.source = s.from_class ? core::SessionSource::class_command : core::SessionSource::athlete;
    start.planned_s = 300;
    start.steps_total = 4;
    core::UsageEvent end = start;
    end.type =
        s.completed ? core::EventType::session_completed : core::EventType::session_abandoned;
    const auto active = core::Millis{static_cast<std::int64_t>(s.active_s * 1000)};
    end.ts = start.ts + active + core::Millis{10'000};
    end.active = active;
    end.elapsed = active + core::Millis{10'000};
    end.steps_completed = s.completed ? 4 : 1;
    end.steps_skipped = 0;
    if (!s.completed)
        end.reason = s.reason;
    if (s.mean_force_n)
        end.mean_force_n = *s.mean_force_n;
    return {
        decoded(s.facility, s.station, mqtt::event_payload(start, s.station, seq, id + "-a", {})),
        decoded(s.facility, s.station,
                mqtt::event_payload(end, s.station, seq + 1, id + "-b", {}))};
}

// 2026-03-29 is the day Central Europe moves its clocks forward (02:00 becomes 03:00).
inline std::int64_t utc_ms(int y, int mo, int d, int h, int mi) {
    return (recorder::days_from_civil({y, mo, d}) * 86400 + h * 3600 + mi * 60) * 1000;
}

}  // namespace rs::rtest
