// Usage events: what happened at the station, in the shape the facility receives them.
#pragma once

#include <optional>
#include <string>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/routine.hpp"

namespace rs::core {

enum class EventType {
    session_started,
    step_completed,
    session_completed,
    session_abandoned,
    sensor_connected,
    sensor_lost,
};
enum class AbandonReason { user_stopped, idle_timeout, preempted, power_loss };
enum class SessionSource { athlete, class_command };

std::string_view name_of(EventType);
std::string_view name_of(AbandonReason);
std::string_view name_of(SessionSource);

// One flat record per event; fields that do not apply to a type stay empty.
struct UsageEvent {
    EventType type{};
    WallTime ts{};
    std::string session_id;
    std::string routine_id;
    SessionSource source = SessionSource::athlete;
    std::string command_id;  // set when source is a class command
    int planned_s = 0;       // the whole routine, or the step for step_completed
    Millis active{0};        // time actually spent rolling (pauses excluded)
    // The language the session was shown in (session events only).
    Language language = Language::en;
    // step_completed only
    std::optional<int> step_index;
    std::optional<Area> area;
    std::optional<Tool> tool;
    std::optional<Side> side;
    std::optional<int> set;
    bool skipped = false;
    // "Too intense": the tool and pressure band the routine asked for before the athlete eased
    // off (the step's `tool` is then the softer one they used).
    std::optional<Tool> eased_from_tool;
    std::optional<Pressure> eased_from_pressure;
    // session_completed / session_abandoned
    std::optional<int> steps_completed;
    std::optional<int> steps_skipped;
    std::optional<int> steps_total;
    std::optional<Millis> elapsed;  // wall-clock length of the session, pauses included
    std::optional<AbandonReason> reason;
    // What a sensor measured over the step or session (absent without a sensor)
    std::optional<int> passes;
    std::optional<double> seconds_per_pass;
    std::optional<Millis> sensor_active;  // rolling plus holding under load
    std::optional<double> mean_force_n;
    std::optional<double> peak_force_n;
    // sensor_connected / sensor_lost
    std::string sensor_id;
    bool operator==(const UsageEvent&) const = default;
};

}  // namespace rs::core
