// A session engine driven by hand for the session tests: a sample routine with sets and sides, a
// run that keeps every event and cue emitted so far, and counts over them.
#pragma once

#include <algorithm>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/session.hpp"
#include "unit/support.hpp"

namespace rs::test::session_run {

using namespace rs::core;

// Plan (default timing: get ready 5 s, switch side 5 s, next step 6 s):
//   0-5 get ready | 5-25 calves L1 | 25-35 rest | 35-55 calves L2 | 55-60 switch side
//   60-80 calves R1 | 80-90 rest | 90-110 calves R2 | 110-116 next step | 116-146 upper back
// Planned total: 2 x (2 x 20 + 10) + 30 = 130 s; rolling time 110 s.
inline RoutinePtr sample_routine() {
    Routine r = make_routine("sample-routine", "Sample routine", Purpose::recovery, Level::beginner,
                             {make_step(Area::calves, Side::left_then_right, 20, 2, 10),
                              make_step(Area::thoracic_spine, Side::both, 30)});
    r.summary = "Calves with sets, then the upper back";
    r.when = When::after;
    return std::make_shared<const Routine>(std::move(r));
}

// A session plus everything it has emitted so far.
struct Run {
    Session session;
    std::vector<UsageEvent> events;  // all events so far
    std::vector<Cue> cues;           // all cues so far
    SessionEffects last;             // effects of the most recent call

    explicit Run(RoutinePtr routine = sample_routine(), SessionTiming timing = {},
                 Millis start = Millis{0}) {
        SessionStart request;
        request.session_id = "session-1";
        request.routine = std::move(routine);
        request.timing = timing;
        take(start_session(request, at(start)));
    }
    void take(SessionUpdate update) {
        session = std::move(update.session);
        last = std::move(update.effects);
        events.insert(events.end(), last.events.begin(), last.events.end());
        cues.insert(cues.end(), last.cues.begin(), last.cues.end());
    }
    void to(Millis t) { take(advance(session, at(t))); }
    void cmd(SessionCommand command, Millis t) { take(apply(session, command, at(t))); }
    // Ticks every `step` from `from` (exclusive) up to and including `until`.
    void tick(Millis from, Millis until, Millis step) {
        for (Millis t = from + step; t <= until; t += step)
            to(t);
        to(until);
    }
};

inline std::vector<UsageEvent> of_type(const std::vector<UsageEvent>& events, EventType type) {
    std::vector<UsageEvent> out;
    std::copy_if(events.begin(), events.end(), std::back_inserter(out),
                 [&](const UsageEvent& e) { return e.type == type; });
    return out;
}

inline long count_cue(const std::vector<Cue>& cues, Cue cue) {
    return std::count(cues.begin(), cues.end(), cue);
}

}  // namespace rs::test::session_run
