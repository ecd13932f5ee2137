// Coach classes in the kiosk state: acceptance, the synchronized start, the safety confirmation
// on the countdown, joining from the banner, declining and lapsing.
#include <utility>

#include "core/kiosk_parts.hpp"
#include "rollstation/core/overloaded.hpp"

namespace rs::core::detail {
namespace {

// The waiting class begins now, on every station at once (they share the wall clock).
void start_class(KioskState& s, Now now, KioskEffects& fx) {
    const ClassWarmup w = std::move(*s.pending_class);
    s.pending_class.reset();
    SessionStart request;
    request.session_id = "class-" + w.command_id;
    request.routine = w.routine;
    request.source = SessionSource::class_command;
    request.command_id = w.command_id;
    request.timing = s.settings.timing;
    request.language = s.language;
    s.class_command = w.command_id;
    s.safety_visible = false;
    s.session_after_safety.clear();
    s.confirm_stop = false;
    s.screen = Screen::player;
    absorb(s, start_session(request, now), now, fx);
    fx.results.push_back({w.command_id, CommandOutcome::started, {}});
    feed_session(s, now, fx);
}

// Nobody joined: the class is answered as such and never starts here by itself.
void lapse(KioskState& s, std::string reason, KioskEffects& fx) {
    fx.results.push_back(
        {s.pending_class->command_id, CommandOutcome::not_joined, std::move(reason)});
    s.pending_class.reset();
    if (s.screen == Screen::class_countdown)
        go_home(s);
}

Instant lapses_at(const KioskState& s) {
    return s.class_start_mono + s.settings.class_join_window;
}

}  // namespace

void run_class_schedule(KioskState& s, Now now, KioskEffects& fx) {
    if (!s.pending_class)
        return;
    // Taken afresh from the wall clock at every update, so a clock stepped by NTP moves the start
    // with it instead of leaving a monotonic deadline that is already past.
    s.class_start_mono =
        now.mono + std::chrono::duration_cast<Millis>(s.pending_class->start_at - now.wall);
    if (now.wall < s.pending_class->start_at)
        return;
    if (now.mono >= lapses_at(s)) {
        lapse(s, "lapsed", fx);
        return;
    }
    if (!s.session_running()) {
        const bool taken_over = s.settings.class_policy == ClassPolicy::take_over_after_step;
        if (s.screen != Screen::class_countdown && !taken_over) {
            // The athlete's own routine ended while the class waited: the station is not theirs
            // to hand over, and perhaps nobody is here any more.
            lapse(s, "lapsed", fx);
        } else if (!s.class_needs_confirmation()) {
            start_class(s, now, fx);
        }
        // Otherwise the countdown asks for the notice to be confirmed until the class lapses.
        return;
    }
    const bool athlete = s.session->source == SessionSource::athlete;
    if (athlete && s.settings.class_policy == ClassPolicy::take_over_after_step &&
        s.session->phase != Phase::active) {
        stop(s, AbandonReason::preempted, now, fx);
        start_class(s, now, fx);
    }
}

void on_class_command(KioskState& s, const Command& command, Now now, KioskEffects& fx) {
    const std::string& id = command_id_of(command);
    if (s.commands.seen(id))
        return;  // a repeat (at-least-once delivery): acted on once already
    s.commands.remember(id);
    if (const auto* w = std::get_if<ClassWarmup>(&command)) {
        if (auto late = check_start(*w, now.wall, s.settings.command_timing)) {
            fx.results.push_back({id, CommandOutcome::rejected, *late});
            return;
        }
        if (s.pending_class) {
            fx.results.push_back(
                {id, CommandOutcome::rejected,
                 "class " + s.pending_class->command_id + " is already waiting here"});
            return;
        }
        s.pending_class = *w;
        s.class_start_mono = now.mono + std::chrono::duration_cast<Millis>(w->start_at - now.wall);
        fx.results.push_back({id, CommandOutcome::accepted, {}});
        if (!s.session_running()) {
            s.screen = Screen::class_countdown;
            s.safety_visible = false;
            s.weigh_in = {};
        }
        return;
    }
    const auto& cancel = std::get<CancelClass>(command);
    if (s.pending_class && s.pending_class->command_id == cancel.target) {
        s.pending_class.reset();
        fx.results.push_back({cancel.target, CommandOutcome::cancelled, "cancelled by the coach"});
        fx.results.push_back({id, CommandOutcome::accepted, {}});
        if (s.screen == Screen::class_countdown)
            go_home(s);
        return;
    }
    if (s.session_running() && s.session->source == SessionSource::class_command &&
        s.session->command_id == cancel.target) {
        stop(s, AbandonReason::preempted, now, fx);  // reports the class as cancelled
        fx.results.push_back({id, CommandOutcome::accepted, {}});
        return;
    }
    fx.results.push_back({id, CommandOutcome::rejected,
                          "no class " + cancel.target + " is waiting or running here"});
}

void join_class(KioskState& s, Now now, KioskEffects& fx) {
    if (!s.class_offer_visible())
        return;
    stop(s, AbandonReason::preempted, now, fx);
    // The athlete read the notice before their own routine: the class may begin at once.
    s.screen = Screen::class_countdown;
    run_class_schedule(s, now, fx);
}

void decline_class(KioskState& s, KioskEffects& fx) {
    if (s.class_offer_visible())
        lapse(s, "declined", fx);
}

void class_deadlines(const KioskState& s, Deadlines& d) {
    if (!s.pending_class)
        return;
    d.consider(s.class_start_mono);
    d.consider(lapses_at(s));
}

void on_class_action(KioskState& s, const ClassAction& action, Now now, KioskEffects& fx) {
    std::visit(Overloaded{
                   [&](const act::ClassCommand& a) {
                       on_class_command(s, a.command, now, fx);
                       run_class_schedule(s, now, fx);
                   },
                   [&](const act::JoinClass&) { join_class(s, now, fx); },
                   [&](const act::DeclineClass&) { decline_class(s, fx); },
               },
               action);
}

}  // namespace rs::core::detail
