#include "rollstation/core/kiosk.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace rs::core {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

Millis idle_timeout(const KioskState& s) {
    return Millis{static_cast<Millis::rep>(s.settings.idle_timeout_s) * 1000};
}

// Nobody is at the screen while it waits for input; a running session waits for no one.
bool waits_for_input(const KioskState& s) {
    if (s.screen == Screen::home)
        return false;
    if (s.session_running())
        return s.session->paused;
    return true;
}

void go_home(KioskState& s) {
    s.screen = Screen::home;
    s.filter = {};
    s.page = 0;
    s.selected.clear();
    s.session.reset();
    s.safety_visible = false;
    s.safety_acknowledged = false;
    s.session_after_safety.clear();
    s.confirm_stop = false;
}

void absorb(KioskState& s, SessionUpdate&& u, Now now, SessionEffects& fx) {
    const bool was_running = s.session_running();
    s.session = std::move(u.session);
    fx.append(std::move(u.effects));
    if (was_running && s.session->finished()) {
        s.screen = Screen::summary;
        s.confirm_stop = false;
        // The summary waits for the athlete from now on, however long the routine ran untouched.
        s.last_input = now.mono;
    }
}

void start(KioskState& s, const std::string& session_id, Now now, SessionEffects& fx) {
    RoutinePtr routine = s.library->find(s.selected);
    if (!routine)
        return;
    SessionStart request;
    request.session_id = session_id;
    request.routine = std::move(routine);
    request.timing = s.settings.timing;
    s.screen = Screen::player;
    absorb(s, start_session(request, now), now, fx);
}

void stop(KioskState& s, AbandonReason reason, Now now, SessionEffects& fx) {
    if (s.session_running())
        absorb(s, abandon(*s.session, reason, now), now, fx);
}

void on_tick(KioskState& s, Now now, SessionEffects& fx) {
    if (s.session_running())
        absorb(s, advance(*s.session, now), now, fx);
    if (!waits_for_input(s) || now.mono - s.last_input < idle_timeout(s))
        return;
    // Walked away: close the session honestly and make the kiosk ready for the next athlete.
    stop(s, AbandonReason::idle_timeout, now, fx);
    go_home(s);
}

}  // namespace

KioskUpdate update(KioskState state, const Action& action, Now now) {
    KioskUpdate out{std::move(state), {}};
    KioskState& s = out.state;
    SessionEffects& fx = out.effects;
    if (!std::holds_alternative<act::Tick>(action))
        s.last_input = now.mono;

    std::visit(Overloaded{
                   [&](const act::Tick&) { on_tick(s, now, fx); },
                   [&](const act::OpenLibrary&) {
                       if (s.session_running())
                           return;
                       s.screen = Screen::library;
                   },
                   [&](const act::GoHome&) {
                       stop(s, AbandonReason::user_stopped, now, fx);
                       go_home(s);
                   },
                   [&](const act::SetPurpose& a) {
                       s.filter.purpose = a.purpose;
                       s.page = 0;
                   },
                   [&](const act::SetLevel& a) {
                       s.filter.level = a.level;
                       s.page = 0;
                   },
                   [&](const act::ShowPage& a) { s.page = std::max(0, a.page); },
                   [&](const act::OpenRoutine& a) {
                       if (s.session_running() || !s.library->find(a.id))
                           return;
                       s.selected = a.id;
                       s.screen = Screen::detail;
                   },
                   [&](const act::StartRoutine& a) {
                       if (s.session_running() || s.screen != Screen::detail)
                           return;
                       if (!s.safety_acknowledged) {
                           s.safety_visible = true;
                           s.session_after_safety = a.session_id;
                           return;
                       }
                       start(s, a.session_id, now, fx);
                   },
                   [&](const act::ShowSafety&) {
                       s.safety_visible = true;
                       // Reading is not rolling: hold the clock until the athlete resumes.
                       if (s.session_running()) {
                           absorb(s, apply(*s.session, SessionCommand::pause, now), now, fx);
                       }
                   },
                   [&](const act::AcknowledgeSafety&) {
                       s.safety_visible = false;
                       s.safety_acknowledged = true;
                       if (!s.session_after_safety.empty()) {
                           const std::string id = std::exchange(s.session_after_safety, {});
                           start(s, id, now, fx);
                       }
                   },
                   [&](const act::CloseSafety&) {
                       s.safety_visible = false;
                       s.session_after_safety.clear();
                   },
                   [&](const act::Control& a) {
                       if (s.session_running())
                           absorb(s, apply(*s.session, a.command, now), now, fx);
                   },
                   [&](const act::RequestStop&) { s.confirm_stop = s.session_running(); },
                   [&](const act::ConfirmStop&) {
                       s.confirm_stop = false;
                       stop(s, AbandonReason::user_stopped, now, fx);
                   },
                   [&](const act::CancelStop&) { s.confirm_stop = false; },
               },
               action);
    return out;
}

std::optional<Instant> next_deadline(const KioskState& s) {
    std::optional<Instant> best;
    const auto consider = [&](Instant t) {
        if (!best || t < *best)
            best = t;
    };
    if (waits_for_input(s))
        consider(s.last_input + idle_timeout(s));
    if (s.session_running() && !s.session->paused) {
        const Session& session = *s.session;
        const Millis left = session.remaining();
        consider(session.last_advance + left);
        if (session.phase == Phase::active) {
            for (Millis mark : std::array{Millis{3000}, Millis{2000}, Millis{1000}}) {
                if (left > mark)
                    consider(session.last_advance + (left - mark));
            }
        }
    }
    return best;
}

}  // namespace rs::core
