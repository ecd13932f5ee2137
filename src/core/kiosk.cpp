// The kiosk's update: the screens an athlete moves through and the session under way. Classes
// and sensors have files of their own (kiosk_parts.hpp); the admin layers too (admin.cpp).
#include "rollstation/core/kiosk.hpp"

#include <algorithm>
#include <array>
#include <concepts>
#include <type_traits>
#include <utility>

#include "core/admin_update.hpp"
#include "core/kiosk_parts.hpp"
#include "rollstation/core/overloaded.hpp"

namespace rs::core {
namespace detail {
namespace {

Millis idle_timeout(const KioskState& s) {
    return Millis{static_cast<Millis::rep>(s.settings.idle_timeout_s) * 1000};
}

// Nobody is at the screen while it waits for input; a running session waits for no one.
bool waits_for_input(const KioskState& s) {
    if (s.screen == Screen::home) {
        // The attract screen is at rest, unless someone opened the safety notice there: that
        // visit must end too, or the next athlete would inherit its acknowledgement. So must a
        // visit that only chose a language: the next athlete expects the house language.
        return s.safety_visible || s.safety_acknowledged || s.weigh_in.active || s.body_weight_n ||
               s.languages_visible || s.language != s.settings.house_language;
    }
    if (s.screen == Screen::class_countdown)
        return false;  // a class is coming: the countdown stays up without anyone touching it
    if (s.session_running())
        return s.session->paused;
    return true;
}

void start(KioskState& s, const std::string& session_id, Now now, KioskEffects& fx) {
    RoutinePtr routine = s.library->find(s.selected);
    if (!routine)
        return;
    SessionStart request;
    request.session_id = session_id;
    request.routine = std::move(routine);
    request.timing = s.settings.timing;
    request.language = s.language;
    s.screen = Screen::player;
    absorb(s, start_session(request, now), now, fx);
    feed_session(s, now, fx);  // the sensor's totals now are the session's starting point
}

Millis dim_after(const KioskState& s) {
    return Millis{static_cast<Millis::rep>(s.settings.dim_after_s) * 1000};
}

// Only the attract screen at rest dims: an athlete rolling does not touch the screen.
bool may_dim(const KioskState& s) {
    return s.settings.dim_after_s > 0 && s.screen == Screen::home && !waits_for_input(s) &&
           !s.admin.open() && !s.pending_class;
}

void on_tick(KioskState& s, Now now, KioskEffects& fx) {
    admin_tick(s, now);
    s.dimmed = may_dim(s) && now.mono - s.last_input >= dim_after(s);
    check_sensor_silence(s, now, fx);
    feed_session(s, now, fx);
    run_class_schedule(s, now, fx);
    if (!waits_for_input(s) || now.mono - s.last_input < idle_timeout(s))
        return;
    // Walked away: close the session honestly and make the kiosk ready for the next athlete.
    stop(s, AbandonReason::idle_timeout, now, fx);
    go_home(s);
}

void control(KioskState& s, SessionCommand command, Now now, KioskEffects& fx) {
    if (s.session_running())
        absorb(s, apply(*s.session, command, now), now, fx);
}

// "End this routine?" holds the clock; "Keep going" lets it run again if the dialog stopped it.
void request_stop(KioskState& s, Now now, KioskEffects& fx) {
    if (!s.session_running())
        return;
    s.confirm_stop = true;
    s.resume_after_stop_dialog = !s.session->paused;
    control(s, SessionCommand::pause, now, fx);
}

void cancel_stop(KioskState& s, Now now, KioskEffects& fx) {
    s.confirm_stop = false;
    if (std::exchange(s.resume_after_stop_dialog, false))
        control(s, SessionCommand::resume, now, fx);
}

void on_browse(KioskState& s, const BrowseAction& action, Now now, KioskEffects& fx) {
    std::visit(Overloaded{
                   [&](const act::OpenLibrary&) {
                       if (s.session_running() || s.screen == Screen::class_countdown)
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
                       control(s, SessionCommand::pause, now, fx);
                   },
                   [&](const act::AcknowledgeSafety&) {
                       s.safety_visible = false;
                       s.safety_acknowledged = true;
                       if (!s.session_after_safety.empty()) {
                           const std::string id = std::exchange(s.session_after_safety, {});
                           start(s, id, now, fx);
                       }
                       run_class_schedule(s, now, fx);  // a class may have been waiting for this
                   },
                   [&](const act::CloseSafety&) {
                       s.safety_visible = false;
                       s.session_after_safety.clear();
                   },
                   [&](const act::ChooseLanguage& a) {
                       if (s.settings.offers(a.language))
                           s.language = a.language;
                       s.languages_visible = false;
                   },
                   [&](const act::ShowLanguages& a) {
                       if (s.settings.offers_choice())
                           s.languages_visible = a.shown;
                   },
               },
               action);
}

void on_session(KioskState& s, const SessionAction& action, Now now, KioskEffects& fx) {
    std::visit(Overloaded{
                   [&](const act::Control& a) {
                       if (s.confirm_stop)
                           return;  // the dialog is on top: its buttons alone count
                       control(s, a.command, now, fx);
                   },
                   [&](const act::RequestStop&) { request_stop(s, now, fx); },
                   [&](const act::ConfirmStop&) {
                       s.confirm_stop = false;
                       s.resume_after_stop_dialog = false;
                       stop(s, AbandonReason::user_stopped, now, fx);
                   },
                   [&](const act::CancelStop&) { cancel_stop(s, now, fx); },
                   [&](const act::ShowDemo& a) { show_demo(s, a.shown); },
                   [&](const act::TooIntense&) { too_intense(s); },
               },
               action);
}

// Every action an athlete, the clock or the I/O thread sends, by domain; each domain's visit
// lists its actions one by one, so an action nobody handles does not compile.
void dispatch(KioskState& s, const Action& action, Now now, KioskEffects& fx) {
    std::visit(Overloaded{
                   [&](const act::Tick&) { on_tick(s, now, fx); },
                   [&](const BrowseAction& a) { on_browse(s, a, now, fx); },
                   [&](const SessionAction& a) { on_session(s, a, now, fx); },
                   [&](const ClassAction& a) { on_class_action(s, a, now, fx); },
                   [&](const SensorAction& a) { on_sensor_action(s, a, now, fx); },
                   [&](const AdminAction& a) { update_admin(s, a, now, fx); },
               },
               action);
}

}  // namespace

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
    s.resume_after_stop_dialog = false;
    s.coach = Coach{};
    s.cue = CoachCue::none;
    s.demo_hidden = false;
    s.weigh_in = {};
    s.body_weight_n.reset();
    s.use_house_language();
}

void absorb(KioskState& s, SessionUpdate&& u, Now now, KioskEffects& fx) {
    const bool was_running = s.session_running();
    s.session = std::move(u.session);
    fx.append(std::move(u.effects));
    if (was_running && s.session->finished()) {
        s.screen = Screen::summary;
        s.confirm_stop = false;
        s.resume_after_stop_dialog = false;
        if (s.session->source == SessionSource::class_command) {
            if (s.session->phase == Phase::completed) {
                fx.results.push_back({s.session->command_id, CommandOutcome::completed, {}});
            } else {
                fx.results.push_back({s.session->command_id, CommandOutcome::cancelled,
                                      "the class session ended early (" +
                                          std::string(name_of(s.session->end_reason.value_or(
                                              AbandonReason::user_stopped))) +
                                          ")"});
            }
        }
        // The summary waits for the athlete from now on, however long the routine ran untouched.
        s.last_input = now.mono;
    }
}

void stop(KioskState& s, AbandonReason reason, Now now, KioskEffects& fx) {
    if (s.session_running())
        absorb(s, abandon(*s.session, reason, now), now, fx);
}

void Deadlines::consider(Instant t) {
    if (t > spent && (!earliest || t < *earliest))
        earliest = t;
}

}  // namespace detail

void KioskEffects::append(SessionEffects&& session) {
    for (auto& e : session.events)
        events.push_back(std::move(e));
    cues.insert(cues.end(), session.cues.begin(), session.cues.end());
}

KioskUpdate update(KioskState state, const Action& action, Now now) {
    KioskUpdate out{std::move(state), {}};
    KioskState& s = out.state;
    if (is_from_athlete(action))
        s.last_input = now.mono;
    s.updated_at = now.mono;
    detail::dispatch(s, action, now, out.effects);
    return out;
}

bool is_from_athlete(const Action& action) {
    return !action_is<act::Tick>(action) && !action_is<act::SensorBatch>(action) &&
           !action_is<act::SensorLink>(action);
}

bool same_target(const Action& a, const Action& b) {
    return visit_leaf(
        [&](const auto& leaf) {
            using Leaf = std::decay_t<decltype(leaf)>;
            const Leaf* other = action_as<Leaf>(b);
            if constexpr (std::is_empty_v<Leaf>)
                return other != nullptr;
            else if constexpr (std::equality_comparable<Leaf>)
                return other != nullptr && *other == leaf;
            else
                return false;  // not a tap target (a sensor batch, a coach command)
        },
        a);
}

bool KioskSettings::offers(Language language) const {
    return std::find(languages.begin(), languages.end(), language) != languages.end();
}

void KioskState::use_house_language() {
    language = settings.house_language;
    languages_visible = false;
}

bool KioskState::class_offer_visible() const {
    return pending_class && session_running() && session->source == SessionSource::athlete;
}

ForceZones KioskState::zones() const {
    return body_weight_n ? ForceZones::from_body_weight(*body_weight_n) : settings.zones;
}

bool KioskState::can_weigh_in() const {
    return has_weigh_in_pad(sensors);
}

std::optional<Tool> KioskState::tool_in_use() const {
    if (!session_running())
        return std::nullopt;
    return session->current_step().tool;
}

std::optional<Instant> next_deadline(const KioskState& s) {
    // A moment the latest update already saw is spent: handing it back would wake the shell at
    // once, again and again (a wait that only a tap can end must not spin the loop).
    detail::Deadlines d{s.updated_at, std::nullopt};
    if (detail::waits_for_input(s))
        d.consider(s.last_input + detail::idle_timeout(s));
    if (detail::may_dim(s) && !s.dimmed)
        d.consider(s.last_input + detail::dim_after(s));
    if (const auto admin = detail::admin_deadline(s))
        d.consider(*admin);
    detail::sensor_deadlines(s, d);
    detail::class_deadlines(s, d);
    if (s.session_running() && !s.session->paused) {
        const Session& session = *s.session;
        const Millis left = session.remaining();
        d.consider(session.last_advance + left);
        if (session.phase == Phase::active) {
            for (Millis mark : std::array{Millis{3000}, Millis{2000}, Millis{1000}}) {
                if (left > mark)
                    d.consider(session.last_advance + (left - mark));
            }
        }
    }
    return d.earliest;
}

}  // namespace rs::core
