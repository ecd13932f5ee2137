// A session engine fed sensor readings by hand, for the session motion tests: one- and two-step
// routines, readings as a tracker would report them, and a run that keeps every event emitted.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/motion.hpp"
#include "rollstation/core/session.hpp"
#include "unit/support.hpp"

namespace rs::test::session_motion {

using namespace rs::core;

// One 20 s step: 0-5 get ready | 5-25 calves. Completes 25 s after the start.
inline RoutinePtr one_step(std::optional<Timer> timer = std::nullopt) {
    Routine r = make_routine("one-step", "One step", Purpose::recovery, Level::beginner,
                             {make_step(Area::calves, Side::both, 20)});
    r.timer = timer;
    return std::make_shared<const Routine>(std::move(r));
}

// Two 20 s steps: 0-5 get ready | 5-25 calves | 25-31 next step | 31-51 quadriceps.
inline RoutinePtr two_steps(std::optional<Timer> timer = std::nullopt) {
    Routine r = make_routine(
        "two-steps", "Two steps", Purpose::recovery, Level::beginner,
        {make_step(Area::calves, Side::both, 20), make_step(Area::quadriceps, Side::both, 20)});
    r.timer = timer;
    return std::make_shared<const Routine>(std::move(r));
}

// Running totals as a tracker would report them (idle time does not matter to the session).
inline MotionTotals totals(int passes, long long pass_ms, long long rolling_ms,
                           long long holding_ms, double force_sum, std::uint64_t force_samples,
                           double peak = 0) {
    MotionTotals t;
    t.passes = passes;
    t.pass_time = Millis{pass_ms};
    t.rolling = Millis{rolling_ms};
    t.holding = Millis{holding_ms};
    t.force_sum = force_sum;
    t.force_samples = force_samples;
    t.peak_force = peak;
    return t;
}

inline MotionReading reading(const MotionTotals& t, bool working,
                             std::optional<double> force = std::nullopt) {
    MotionReading r;
    r.live = true;
    r.totals = t;
    r.working = working;
    r.force_n = force;
    return r;
}

inline MotionReading working_reading(bool working) {
    return reading(MotionTotals{}, working);
}

inline MotionReading lost_reading() {
    MotionReading r;
    r.live = false;
    r.working = false;
    return r;
}

// A session plus everything it has emitted so far.
struct Run {
    Session session;
    std::vector<UsageEvent> events;
    SessionEffects last;

    explicit Run(RoutinePtr routine, SessionTiming timing = {}) {
        SessionStart request;
        request.session_id = "session-1";
        request.routine = std::move(routine);
        request.timing = timing;
        take(start_session(request, at(Millis{0})));
    }
    void take(SessionUpdate update) {
        session = std::move(update.session);
        last = std::move(update.effects);
        events.insert(events.end(), last.events.begin(), last.events.end());
    }
    void to(Millis t) { take(advance(session, at(t))); }
    void see(const MotionReading& r, Millis t) { take(observe(session, r, at(t))); }
    void cmd(SessionCommand command, Millis t) { take(apply(session, command, at(t))); }
    std::vector<UsageEvent> of_type(EventType type) const {
        std::vector<UsageEvent> out;
        std::copy_if(events.begin(), events.end(), std::back_inserter(out),
                     [&](const UsageEvent& e) { return e.type == type; });
        return out;
    }
};

}  // namespace rs::test::session_motion
