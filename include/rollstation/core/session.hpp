// The session engine: a pure state machine that leads one athlete through one routine.
#pragma once

#include <string>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/events.hpp"
#include "rollstation/core/motion.hpp"
#include "rollstation/core/plan.hpp"
#include "rollstation/core/routine.hpp"

namespace rs::core {

enum class Phase {
    get_ready,    // countdown before the first segment
    active,       // rolling a segment
    rest,         // between two sets of a step
    switch_side,  // between the left and the right side of a step
    next_step,    // between two steps: "up next"
    completed,
    abandoned,
};

// Short sounds and flashes the shell plays; the core only says when.
enum class Cue {
    countdown,    // each of the last three seconds of a segment
    step_change,  // a new phase begins
    finished,     // the routine is done
};

struct SessionTiming {
    int get_ready_s = 5;
    int switch_side_s = 5;
    int next_step_s = 6;
    int add_time_s = 15;
    int add_time_max_s = 120;       // at most this much extra per segment
    int back_restarts_after_s = 5;  // "back" restarts the current segment past this point
    Timer timer = Timer::clock;     // the station's default; a routine may choose its own
};

// What the lead sensor says, handed to the session as it arrives.
struct MotionReading {
    std::string source;  // which sensor: a change of lead sensor starts new baselines
    bool live = true;    // false once the sensor went silent: the session runs on the clock alone
    MotionTotals totals;
    bool working = false;  // rolling, or holding a spot under load
    std::optional<double> force_n;
};

struct SessionStart {
    std::string session_id;
    RoutinePtr routine;
    SessionSource source = SessionSource::athlete;
    std::string command_id;
    SessionTiming timing{};
    Language language = Language::en;  // what the screens speak for it, recorded in its events
};

struct Session {
    std::string session_id;
    RoutinePtr routine;
    SessionSource source = SessionSource::athlete;
    std::string command_id;
    SessionTiming timing{};
    Language language = Language::en;  // the athlete's language, carried by every event
    std::vector<Segment> plan;

    Phase phase = Phase::get_ready;
    int segment = 0;          // during gaps and get_ready: the segment that comes next
    Millis phase_length{0};   // includes added time
    Millis phase_elapsed{0};  // time spent in this phase while running
    Millis added{0};          // extra time added to the current segment
    bool paused = false;
    Instant last_advance{};  // the instant phase_elapsed was last brought up to date

    Instant started_at{};  // monotonic, for elapsed time
    WallTime started_wall{};
    Millis active_total{0};  // rolling time over the whole session
    // How each segment of the plan ended; a segment redone after "back" is counted once.
    enum class Outcome { pending, done, skipped };
    std::vector<Outcome> outcomes;
    std::optional<AbandonReason> end_reason;
    // Steps the athlete found too intense: what the routine first asked for, by step index.
    struct Eased {
        int step_index = 0;
        Tool tool{};
        Pressure pressure{};
    };
    std::vector<Eased> eased;
    const Eased* eased_step(int step_index) const;

    // Sensor figures: the latest reading and the totals when the segment and session began.
    std::optional<MotionReading> motion;
    MotionTotals segment_motion_start;
    MotionTotals session_motion_start;
    // What earlier lead sensors measured in this segment and session, before the lead changed.
    MotionTotals segment_motion_carry;
    MotionTotals session_motion_carry;
    MotionTotals segment_motion() const;
    MotionTotals session_motion() const;
    double segment_peak_force = 0;
    double session_peak_force = 0;
    bool counts_active_only() const;

    bool finished() const { return phase == Phase::completed || phase == Phase::abandoned; }
    Millis remaining() const { return phase_length - phase_elapsed; }
    // The segment shown as "current" (for gaps, the upcoming one).
    const Segment& current_segment() const { return plan.at(static_cast<std::size_t>(segment)); }
    const Step& current_step() const;
    int planned_total_s() const;
    int count(Outcome outcome) const;
};

// What a session asks of the world: usage events to keep and cues to play.
struct SessionEffects {
    std::vector<UsageEvent> events;
    std::vector<Cue> cues;
};

struct SessionUpdate {
    Session session;
    SessionEffects effects;
};

enum class SessionCommand { pause, resume, skip, back, add_time, stop };

// Every function takes the session by value and returns the next one: no I/O, no hidden clock.
SessionUpdate start_session(const SessionStart& start, Now now);
SessionUpdate advance(Session session, Now now);
SessionUpdate apply(Session session, SessionCommand command, Now now);
SessionUpdate abandon(Session session, AbandonReason reason, Now now);
// A new sensor reading: time up to now runs under the previous reading, then this one applies.
SessionUpdate observe(Session session, const MotionReading& reading, Now now);

std::string_view name_of(Phase);

}  // namespace rs::core
