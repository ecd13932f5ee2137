#include "rollstation/core/session.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace rs::core {
namespace {

Millis seconds(int s) {
    return Millis{static_cast<Millis::rep>(s) * 1000};
}

UsageEvent base_event(const Session& s, EventType type, WallTime at) {
    UsageEvent e;
    e.type = type;
    e.ts = at;
    e.session_id = s.session_id;
    e.routine_id = s.routine->id;
    e.source = s.source;
    e.command_id = s.command_id;
    e.language = s.language;
    return e;
}

// Adds what the sensors measured (nothing when there was no sensor).
void add_motion(UsageEvent& e, const Session& s, const MotionTotals& d, double peak) {
    if (!s.motion)
        return;
    e.passes = d.passes;
    e.seconds_per_pass = d.seconds_per_pass();
    e.sensor_active = d.active();
    e.mean_force_n = d.mean_force();
    if (peak > 0)
        e.peak_force_n = peak;
}

UsageEvent closing_event(const Session& s, EventType type, Instant at_mono, WallTime at_wall) {
    UsageEvent e = base_event(s, type, at_wall);
    e.planned_s = s.planned_total_s();
    e.active = s.active_total;
    e.steps_completed = s.count(Session::Outcome::done);
    e.steps_skipped = s.count(Session::Outcome::skipped);
    e.steps_total = static_cast<int>(s.plan.size());
    e.elapsed = std::chrono::duration_cast<Millis>(at_mono - s.started_at);
    e.reason = s.end_reason;
    add_motion(e, s, s.session_motion(), s.session_peak_force);
    return e;
}

void enter(Session& s, Phase phase, Millis length, SessionEffects& fx) {
    s.phase = phase;
    s.phase_length = length;
    s.phase_elapsed = Millis{0};
    s.added = Millis{0};
    fx.cues.push_back(Cue::step_change);
}

void enter_active(Session& s, int segment, SessionEffects& fx) {
    s.segment = segment;
    if (s.motion)
        s.segment_motion_start = s.motion->totals;
    s.segment_motion_carry = {};
    s.segment_peak_force = 0;
    enter(s, Phase::active, seconds(s.current_segment().duration_s), fx);
}

int gap_seconds(const Session& s, Gap gap, const Segment& next) {
    switch (gap) {
        case Gap::rest:
            return s.routine->steps.at(static_cast<std::size_t>(next.step_index)).rest_s;
        case Gap::switch_side:
            return s.timing.switch_side_s;
        case Gap::next_step:
            return s.timing.next_step_s;
    }
    return 0;
}

Phase phase_of(Gap gap) {
    switch (gap) {
        case Gap::rest:
            return Phase::rest;
        case Gap::switch_side:
            return Phase::switch_side;
        case Gap::next_step:
            return Phase::next_step;
    }
    return Phase::next_step;
}

// The segment under way has ended (run out or skipped): record it and move on.
void finish_segment(Session& s, bool skipped, Instant at_mono, WallTime at_wall,
                    SessionEffects& fx) {
    const Segment& seg = s.current_segment();
    const Step& step = s.current_step();
    UsageEvent e = base_event(s, EventType::step_completed, at_wall);
    e.planned_s = seg.duration_s;
    e.active = s.phase_elapsed;
    e.step_index = seg.step_index;
    e.area = step.area;
    e.tool = step.tool;
    e.side = seg.side;
    e.set = seg.set;
    e.skipped = skipped;
    if (const Session::Eased* eased = s.eased_step(seg.step_index)) {
        e.eased_from_tool = eased->tool;
        e.eased_from_pressure = eased->pressure;
    }
    add_motion(e, s, s.segment_motion(), s.segment_peak_force);
    fx.events.push_back(std::move(e));
    s.outcomes.at(static_cast<std::size_t>(s.segment)) =
        skipped ? Session::Outcome::skipped : Session::Outcome::done;

    const int next = s.segment + 1;
    if (next == static_cast<int>(s.plan.size())) {
        s.phase = Phase::completed;
        s.phase_length = s.phase_elapsed = Millis{0};
        fx.events.push_back(closing_event(s, EventType::session_completed, at_mono, at_wall));
        fx.cues.push_back(Cue::finished);
        return;
    }
    const Segment& upcoming = s.plan.at(static_cast<std::size_t>(next));
    const Gap gap = gap_between(seg, upcoming);
    const int gap_s = gap_seconds(s, gap, upcoming);
    if (gap_s <= 0) {
        enter_active(s, next, fx);
    } else {
        s.segment = next;
        enter(s, phase_of(gap), seconds(gap_s), fx);
    }
}

void end_phase(Session& s, Instant at_mono, WallTime at_wall, SessionEffects& fx) {
    if (s.phase == Phase::active) {
        finish_segment(s, false, at_mono, at_wall, fx);
    } else {
        enter_active(s, s.segment, fx);
    }
}

// Brings the session up to `now`, crossing as many phase ends as the elapsed time covers.
void run_clock(Session& s, Now now, SessionEffects& fx) {
    // Whole milliseconds move on; the remainder stays behind in `last_advance` for the next
    // call, so a loop that wakes every few hundred microseconds loses no time.
    const auto elapsed = now.mono - s.last_advance;
    Millis dt = std::chrono::duration_cast<Millis>(elapsed);
    s.last_advance = elapsed < Instant::duration::zero() ? now.mono : s.last_advance + dt;
    if (s.finished() || s.paused || dt <= Millis{0})
        return;
    constexpr std::array<Millis, 3> kCountdownMarks{Millis{3000}, Millis{2000}, Millis{1000}};
    while (dt > Millis{0} && !s.finished()) {
        const Millis room = s.remaining();
        const Millis used = std::min(dt, room);
        // With an active-only timer, a step's clock stands still while the athlete is not working.
        if (s.phase == Phase::active && s.counts_active_only() && !s.motion->working)
            return;
        if (s.phase == Phase::active) {
            for (Millis mark : kCountdownMarks) {
                if (room > mark && room - used <= mark)
                    fx.cues.push_back(Cue::countdown);
            }
            s.active_total += used;
        }
        s.phase_elapsed += used;
        dt -= used;
        if (s.remaining() <= Millis{0}) {
            // Stamp events at the moment the phase really ended, not when we noticed.
            end_phase(s, now.mono - dt, now.wall - dt, fx);
        }
    }
}

}  // namespace

const Step& Session::current_step() const {
    return routine->steps.at(static_cast<std::size_t>(current_segment().step_index));
}

namespace {
// What a sensor measured since `start`, on top of `carry` (what earlier sensors measured).
MotionTotals motion_since(const std::optional<MotionReading>& motion, MotionTotals carry,
                          const MotionTotals& start, double peak_force) {
    if (motion)
        carry += motion->totals.since(start);
    carry.peak_force = peak_force;
    return carry;
}
}  // namespace

MotionTotals Session::segment_motion() const {
    return motion_since(motion, segment_motion_carry, segment_motion_start, segment_peak_force);
}

MotionTotals Session::session_motion() const {
    return motion_since(motion, session_motion_carry, session_motion_start, session_peak_force);
}

bool Session::counts_active_only() const {
    // Without a sensor there is nothing to tell work from rest: every second counts.
    return motion.has_value() && motion->live &&
           routine->timer.value_or(timing.timer) == Timer::active;
}

int Session::planned_total_s() const {
    return planned_seconds(*routine);
}

int Session::count(Outcome outcome) const {
    return static_cast<int>(std::count(outcomes.begin(), outcomes.end(), outcome));
}

SessionUpdate start_session(const SessionStart& start, Now now) {
    if (!start.routine || start.routine->steps.empty()) {
        throw std::invalid_argument("a session needs a routine with at least one step");
    }
    SessionUpdate out;
    Session& s = out.session;
    s.session_id = start.session_id;
    s.routine = start.routine;
    s.source = start.source;
    s.command_id = start.command_id;
    s.timing = start.timing;
    s.language = start.language;
    s.plan = expand(*start.routine);
    s.outcomes.assign(s.plan.size(), Session::Outcome::pending);
    s.started_at = s.last_advance = now.mono;
    s.started_wall = now.wall;
    enter(s, Phase::get_ready, seconds(std::max(1, s.timing.get_ready_s)), out.effects);
    UsageEvent e = base_event(s, EventType::session_started, now.wall);
    e.planned_s = s.planned_total_s();
    e.steps_total = static_cast<int>(s.plan.size());
    out.effects.events.push_back(std::move(e));
    return out;
}

SessionUpdate advance(Session session, Now now) {
    SessionUpdate out{std::move(session), {}};
    run_clock(out.session, now, out.effects);
    return out;
}

SessionUpdate abandon(Session session, AbandonReason reason, Now now) {
    SessionUpdate out = advance(std::move(session), now);
    Session& s = out.session;
    if (s.finished())
        return out;
    s.phase = Phase::abandoned;
    s.end_reason = reason;
    s.paused = false;
    out.effects.events.push_back(
        closing_event(s, EventType::session_abandoned, now.mono, now.wall));
    return out;
}

SessionUpdate observe(Session session, const MotionReading& reading, Now now) {
    SessionUpdate out = advance(std::move(session), now);
    Session& s = out.session;
    if (s.finished())
        return out;
    if (!s.motion || s.motion->source != reading.source) {
        // A first reading (the sensor linked mid-session) or another sensor taking the lead:
        // keep what came before, and count this sensor from here, not from its own history.
        if (s.motion) {
            s.session_motion_carry += s.motion->totals.since(s.session_motion_start);
            s.segment_motion_carry += s.motion->totals.since(s.segment_motion_start);
        }
        s.session_motion_start = reading.totals;
        s.segment_motion_start = reading.totals;
    } else if (s.paused) {
        // Nothing counts while paused: the baselines move with the sensor, so passes and
        // working time made meanwhile never reach the step's figures.
        const MotionTotals during = reading.totals.since(s.motion->totals);
        s.segment_motion_start += during;
        s.session_motion_start += during;
    }
    s.motion = reading;
    if (reading.force_n && s.phase == Phase::active && !s.paused) {
        s.segment_peak_force = std::max(s.segment_peak_force, *reading.force_n);
        s.session_peak_force = std::max(s.session_peak_force, *reading.force_n);
    }
    return out;
}

SessionUpdate apply(Session session, SessionCommand command, Now now) {
    if (command == SessionCommand::stop) {
        return abandon(std::move(session), AbandonReason::user_stopped, now);
    }
    SessionUpdate out = advance(std::move(session), now);
    Session& s = out.session;
    SessionEffects& fx = out.effects;
    if (s.finished())
        return out;
    switch (command) {
        case SessionCommand::pause:
            s.paused = true;
            break;
        case SessionCommand::resume:
            s.paused = false;
            break;
        case SessionCommand::skip:
            if (s.phase == Phase::active) {
                finish_segment(s, true, now.mono, now.wall, fx);
            } else {
                enter_active(s, s.segment, fx);
            }
            break;
        case SessionCommand::back:
            if (s.phase == Phase::active) {
                const bool well_under_way =
                    s.phase_elapsed >= seconds(s.timing.back_restarts_after_s);
                enter_active(s, well_under_way ? s.segment : std::max(0, s.segment - 1), fx);
            } else if (s.phase != Phase::get_ready) {
                // In a gap the segment just finished is the one before the upcoming one.
                enter_active(s, std::max(0, s.segment - 1), fx);
            }
            break;
        case SessionCommand::add_time: {
            const Millis extra = seconds(s.timing.add_time_s);
            if (s.added + extra <= seconds(s.timing.add_time_max_s)) {
                s.phase_length += extra;
                s.added += extra;
            }
            break;
        }
        case SessionCommand::stop:
            break;  // handled above
    }
    return out;
}

}  // namespace rs::core

namespace rs::core {

const Session::Eased* Session::eased_step(int step_index) const {
    for (const Eased& e : eased) {
        if (e.step_index == step_index)
            return &e;
    }
    return nullptr;
}

}  // namespace rs::core
