// Applying a station's clock_corrected event: the events it sent while its wall clock was not
// synchronised (a Pi before NTP) get the time their monotonic offset gives, and the rollups move
// with them, from the day and hour they were counted in to the right ones. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "recorder/recorded_event.hpp"
#include "recorder/rollup.hpp"

namespace rs::recorder {

// An event as stored, stamped by an unsynchronised clock.
struct StampedEvent {
    std::string event_id;
    std::string payload;
};

struct RestampedEvent {
    std::string event_id;
    std::int64_t ts_ms = 0;
    std::string payload;  // with the new ts, the old one as recorded_ts, clock_synced true
};

struct ClockCorrection {
    std::vector<RestampedEvent> events;
    Rollup delta;  // what each moved event took from its old buckets and adds to its new ones
    std::vector<std::string> skipped;  // one line for each stored event that could not be read
};

// `correction` is a clock_corrected event; `stamped` the stored events of its station and boot
// that were stamped unsynchronised. Each gets ts = correction.ts - (correction.mono - its mono).
ClockCorrection correct_clock(const RecordedEvent& correction,
                              const std::vector<StampedEvent>& stamped, const ZoneBook& zones);

// "2026-11-21T17:03:04.123Z" for unix milliseconds.
std::string format_timestamp(std::int64_t unix_ms);

}  // namespace rs::recorder
