// JSON payloads the station publishes: status, state, usage events, telemetry and statistics.
// Every payload carries "v": 1; timestamps are ISO-8601 UTC with milliseconds.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "mqtt/usage_summary.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/commands.hpp"
#include "rollstation/core/events.hpp"
#include "rollstation/core/kiosk.hpp"
#include "rollstation/core/library.hpp"

namespace rs::mqtt {

std::string iso8601(core::WallTime t);
std::string iso8601_ms(std::int64_t unix_ms);

// The fields of a usage event (without the delivery fields event_id, station and seq).
nlohmann::json event_fields(const core::UsageEvent& e);
// When an event was recorded, as journald orders its entries: the kernel boot, the monotonic
// offset since it, and whether the wall clock (`ts`) was synchronised at the time.
struct EventClock {
    std::string boot_id;
    std::int64_t mono_ms = 0;
    bool synced = true;
};
// The published event: the fields plus what makes it deliverable and de-duplicable.
std::string event_payload(const core::UsageEvent& e, const std::string& station, std::int64_t seq,
                          const std::string& event_id, const EventClock& clock);
// A stored payload stamped afresh once the clock is synchronised: `ts` from its monotonic
// offset, `clock_synced` true and the stamp it was recorded with kept as `recorded_ts`.
std::string restamped_payload(const std::string& payload, std::int64_t ts_ms);
// The follow-up for events already delivered with an unsynchronised stamp: every earlier event
// of this station with the same boot_id and clock_synced false is re-stamped by its consumer as
// ts = this.ts - (this.mono_ms - event.mono_ms).
std::string clock_corrected_payload(const std::string& station, std::int64_t seq,
                                    const std::string& event_id, const EventClock& clock,
                                    core::WallTime now, std::int64_t corrects);

// What the outbox keeps of a session while it is open, so that a session a power cut left open
// can be closed honestly on the next start: written with its session_started event, read back
// by power_loss_closing (a damaged snapshot still closes the session, with what it has).
std::string session_snapshot(const core::UsageEvent& started);
core::UsageEvent power_loss_closing(const std::string& session_id, const std::string& snapshot,
                                    core::WallTime now);

// How far a session left open had come, from its stored events (type, payload as published).
struct SessionProgress {
    bool ended = false;  // its session_completed or session_abandoned is stored: nothing to close
    int steps_completed = 0;
    int steps_skipped = 0;
    core::Millis active{0};
};
SessionProgress session_progress(const std::vector<std::pair<std::string, std::string>>& events);
// The closing of a session found open at start: session_abandoned, reason power_loss, with the
// steps and active time its stored step events show; or session_completed when every step of
// its plan was stored (the summary was reached, only its own event was lost).
core::UsageEvent cut_short_closing(const std::string& session_id, const std::string& snapshot,
                                   const SessionProgress& progress, core::WallTime now);

// Who says hello: what a dashboard needs to name a station and address its groups.
struct OnlineStatus {
    std::string boot_id;
    std::string version;
    core::WallTime started_at{};
    std::string name;  // the station's display name
    std::vector<std::string> groups;
    bool clock_synced = true;
};
std::string status_online(const OnlineStatus& status);
std::string status_offline(const std::string& boot_id);

// What the station is doing now (retained). Kept free of anything that ticks every second, so
// it changes only when the station's mode, step or sensors do.
nlohmann::json state_fields(const core::KioskState& state);
std::string state_payload(const core::KioskState& state, core::WallTime now);

// Live rolling figures during a session, once a second.
std::string telemetry_payload(const core::KioskState& state, core::WallTime now);

struct StatsContext {
    std::string timezone;  // as configured
    std::int64_t outbox_depth = 0;
    std::int64_t dropped = 0;
    bool clock_synced = true;
    std::int64_t quarantined = 0;  // of `dropped`: stored payloads that failed their checksum
};
// The answer to a coach command on cmd/result.
std::string result_payload(const core::CommandResult& result, const std::string& station,
                           core::WallTime now);

// The day so far, plus the last seven days (today included) for a dashboard's charts.
std::string stats_payload(const UsageSummary& usage, const StatsContext& context,
                          core::WallTime now);

// The routines a station offers (retained), for a coach's routine picker; titles in the
// station's house language.
std::string routines_payload(const core::Library& library,
                             core::Language language = core::Language::en);

}  // namespace rs::mqtt
