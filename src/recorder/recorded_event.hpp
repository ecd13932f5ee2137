// A station's usage event as the recorder keeps it: decoded from the published JSON (the
// payload codec's counterpart, docs/mqtt.md "event"), checked field by field, with the raw
// payload kept beside it. Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace rs::recorder {

enum class Outcome { none, completed, abandoned };

struct RecordedEvent {
    std::string event_id;
    std::string facility;
    std::string station;
    std::int64_t seq = 0;
    std::string type;  // session_started, step_completed, ...
    std::int64_t ts_ms = 0;
    std::string session_id;
    std::string routine_id;
    std::string source;  // athlete or class; empty for sensor events
    double planned_s = 0;
    double active_s = 0;
    double elapsed_s = 0;
    std::string reason;  // session_abandoned only
    std::optional<double> mean_force_n;
    std::optional<double> seconds_per_pass;
    bool eased = false;   // step_completed: the athlete tapped "Too intense" and eased off
    std::string payload;  // as received
    // The station's clock when it recorded the event: its kernel boot, the monotonic offset
    // since then, and whether the wall clock (so `ts`) was synchronised. An event stamped
    // unsynchronised is corrected by a later clock_corrected event of the same boot.
    std::string boot_id;
    std::optional<std::int64_t> mono_ms;
    bool clock_synced = true;
    std::int64_t corrects = 0;  // clock_corrected only: how many events it corrects

    bool starts_session() const { return type == "session_started"; }
    bool corrects_clock() const { return type == "clock_corrected"; }
    Outcome outcome() const;
    // When the session began: its start for session events, `ts` for anything else. A closing
    // event counts in the hour its session started, as the stations' own stats do.
    std::int64_t session_start_ms() const;
};

// Where an event came from: `<root>/<facility>/station/<id>/event`.
struct EventTopic {
    std::string facility;
    std::string station;
};
std::optional<EventTopic> parse_event_topic(std::string_view topic, std::string_view root);

// The event, or a one-line reason naming the field that is wrong.
std::variant<RecordedEvent, std::string> decode_event(const EventTopic& from,
                                                      std::string_view payload);

// "2026-11-21T17:03:04.123Z" (milliseconds optional) as unix milliseconds.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

inline constexpr std::size_t kMaxPayloadBytes = 64 * 1024;

}  // namespace rs::recorder
