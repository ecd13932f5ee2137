#include "rollstation/core/kiosk.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "admin_update.hpp"

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
    if (s.screen == Screen::home) {
        // The attract screen is at rest, unless someone opened the safety notice there: that
        // visit must end too, or the next athlete would inherit its acknowledgement.
        return s.safety_visible || s.safety_acknowledged || s.weigh_in.active || s.body_weight_n;
    }
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
    s.coach = Coach{};
    s.cue = CoachCue::none;
    s.weigh_in = {};
    s.body_weight_n.reset();
}

void absorb(KioskState& s, SessionUpdate&& u, Now now, SessionEffects& fx) {
    const bool was_running = s.session_running();
    s.session = std::move(u.session);
    fx.append(std::move(u.effects));
    if (was_running && s.session->finished()) {
        s.screen = Screen::summary;
        s.confirm_stop = false;
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

void feed_session(KioskState& s, Now now, SessionEffects& fx);

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
    feed_session(s, now, fx);  // the sensor's totals now are the session's starting point
}

// The waiting class begins now, on every station at once (they share the wall clock).
void start_class(KioskState& s, Now now, SessionEffects& fx) {
    const ClassWarmup w = std::move(*s.pending_class);
    s.pending_class.reset();
    SessionStart request;
    request.session_id = "class-" + w.command_id;
    request.routine = w.routine;
    request.source = SessionSource::class_command;
    request.command_id = w.command_id;
    request.timing = s.settings.timing;
    s.class_command = w.command_id;
    // A class is the coach's: the notice was theirs to give, and the start cannot wait for taps.
    s.safety_visible = false;
    s.session_after_safety.clear();
    s.confirm_stop = false;
    s.screen = Screen::player;
    absorb(s, start_session(request, now), now, fx);
    fx.results.push_back({w.command_id, CommandOutcome::started, {}});
    feed_session(s, now, fx);
}

void stop(KioskState& s, AbandonReason reason, Now now, SessionEffects& fx);

// Starts the waiting class when its time has come and the station is free for it.
void run_class_schedule(KioskState& s, Now now, SessionEffects& fx) {
    if (!s.pending_class || now.wall < s.pending_class->start_at)
        return;
    if (!s.session_running()) {
        start_class(s, now, fx);
        return;
    }
    const bool athlete = s.session->source == SessionSource::athlete;
    if (athlete && s.settings.class_policy == ClassPolicy::take_over_after_step &&
        s.session->phase != Phase::active) {
        stop(s, AbandonReason::preempted, now, fx);
        start_class(s, now, fx);
        return;
    }
    if (now.wall - s.pending_class->start_at > s.settings.class_join_window) {
        fx.results.push_back({s.pending_class->command_id, CommandOutcome::expired,
                              "the station was in use and nobody joined the class"});
        s.pending_class.reset();
    }
}

void on_class_command(KioskState& s, const Command& command, Now now, SessionEffects& fx) {
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

void stop(KioskState& s, AbandonReason reason, Now now, SessionEffects& fx) {
    if (s.session_running())
        absorb(s, abandon(*s.session, reason, now), now, fx);
}

UsageEvent sensor_event(EventType type, const SensorState& sensor, Now now) {
    UsageEvent e;
    e.type = type;
    e.ts = now.wall;
    e.sensor_id = sensor.spec.id;
    return e;
}

void update_coach(KioskState& s, Now now) {
    CoachInput in;
    const SensorState* lead = lead_sensor(s.sensors);
    if (lead && s.session_running() && !s.session->paused && s.session->phase == Phase::active) {
        const Step& step = s.session->current_step();
        in.rolling_expected = true;
        in.tempo = step.tempo;
        in.force_n = gauge_force(s.sensors);
        if (in.force_n)
            in.band = s.zones().band(step.pressure);
        if (lead->measures_rotation()) {
            in.seconds_per_pass = lead->motion.recent_seconds_per_pass();
            in.still_for = lead->motion.still_for();
        }
        in.holding = lead->motion.activity() == Activity::holding;
    }
    s.cue = s.coach.update(in, now.mono);
}

// Hands the lead sensor's figures to the running session (or tells it the sensor is gone).
void feed_session(KioskState& s, Now now, SessionEffects& fx) {
    if (!s.session_running()) {
        // Nothing to coach: a cue must not linger on the summary.
        s.coach = Coach{};
        s.cue = CoachCue::none;
        return;
    }
    if (const SensorState* lead = lead_sensor(s.sensors)) {
        MotionReading r;
        r.source = lead->spec.id;
        r.totals = lead->motion.totals();
        r.working = lead->motion.activity() != Activity::idle;
        r.force_n = gauge_force(s.sensors);
        absorb(s, observe(*s.session, r, now), now, fx);
    } else if (s.session->motion && s.session->motion->live) {
        MotionReading r = *s.session->motion;
        r.live = false;
        r.working = false;
        absorb(s, observe(*s.session, r, now), now, fx);
    } else {
        absorb(s, advance(*s.session, now), now, fx);
    }
    update_coach(s, now);
}

void mark_lost(SensorState& sensor, Now now, SessionEffects& fx) {
    sensor.motion.reset_stream();
    if (!sensor.connected)
        return;
    sensor.connected = false;
    fx.events.push_back(sensor_event(EventType::sensor_lost, sensor, now));
}

SensorState* find_sensor(KioskState& s, const std::string& id) {
    for (auto& sensor : s.sensors) {
        if (sensor.spec.id == id)
            return &sensor;
    }
    return nullptr;
}

void weigh(KioskState& s, Now now);

void on_sensor_batch(KioskState& s, const act::SensorBatch& batch, Now now, SessionEffects& fx) {
    SensorState* sensor = find_sensor(s, batch.sensor_id);
    if (!sensor)
        return;
    for (const wire::Message& m : batch.messages) {
        if (const auto* sample = std::get_if<wire::Sample>(&m)) {
            wire::Sample calibrated = *sample;
            if (calibrated.force_dn && !(sensor->calibration == Calibration{})) {
                const double n = sensor->calibration.apply(*calibrated.force_dn / 10.0);
                calibrated.force_dn = static_cast<std::int32_t>(std::lround(n * 10));
            }
            sensor->motion.add(calibrated);
        } else if (const auto* hello = std::get_if<wire::Hello>(&m)) {
            sensor->hello = *hello;
            // The station file's circumference wins; the device's own is the fallback.
            if (sensor->spec.circumference_mm == 0 && hello->circumference_mm)
                sensor->motion.set_circumference(*hello->circumference_mm);
        } else if (const auto* status = std::get_if<wire::Status>(&m)) {
            sensor->battery_pct = status->battery_pct;
        }
    }
    sensor->counters = batch.counters;
    weigh(s, now);
    if (!batch.messages.empty()) {
        sensor->last_data = now.mono;
        if (!sensor->connected) {
            sensor->connected = true;
            fx.events.push_back(sensor_event(EventType::sensor_connected, *sensor, now));
        }
    }
    feed_session(s, now, fx);
}

// The check-in: the reading must stay within a few percent for kWeighInHold.
void weigh(KioskState& s, Now now) {
    auto& w = s.weigh_in;
    if (!w.active)
        return;
    const std::optional<double> force = gauge_force(s.sensors);
    if (!force || *force < kWeighInMinimum) {
        w.steady_since.reset();
        return;
    }
    if (!w.steady_since || std::abs(*force - w.reference_n) > w.reference_n * kWeighInSteadiness) {
        w.steady_since = now.mono;
        w.reference_n = *force;
        w.sum_n = 0;
        w.readings = 0;
    }
    w.sum_n += *force;
    ++w.readings;
    if (now.mono - *w.steady_since >= kWeighInHold) {
        s.body_weight_n = w.sum_n / w.readings;
        w = {};
    }
}

Millis dim_after(const KioskState& s) {
    return Millis{static_cast<Millis::rep>(s.settings.dim_after_s) * 1000};
}

// Only the attract screen at rest dims: an athlete rolling does not touch the screen.
bool may_dim(const KioskState& s) {
    return s.settings.dim_after_s > 0 && s.screen == Screen::home && !waits_for_input(s) &&
           !s.admin.open() && !s.pending_class;
}

void on_tick(KioskState& s, Now now, SessionEffects& fx) {
    detail::admin_tick(s, now);
    s.dimmed = may_dim(s) && now.mono - s.last_input >= dim_after(s);
    for (auto& sensor : s.sensors) {
        if (sensor.connected && now.mono - sensor.last_data > kSensorSilence)
            mark_lost(sensor, now, fx);
    }
    feed_session(s, now, fx);
    run_class_schedule(s, now, fx);
    if (s.screen == Screen::class_countdown)
        return;  // a class is coming: the countdown stays up without anyone touching it
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
    const bool from_athlete = !std::holds_alternative<act::Tick>(action) &&
                              !std::holds_alternative<act::SensorBatch>(action) &&
                              !std::holds_alternative<act::SensorLink>(action);
    if (from_athlete)
        s.last_input = now.mono;
    if (detail::update_admin(s, action, now, fx))
        return out;

    std::visit(Overloaded{
                   [&](const act::Tick&) { on_tick(s, now, fx); },
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
                   [&](const act::StartWeighIn&) {
                       if (s.can_weigh_in() && !s.session_running())
                           s.weigh_in = KioskState::WeighIn{true, std::nullopt, 0, 0, 0};
                   },
                   [&](const act::CancelWeighIn&) { s.weigh_in = {}; },
                   [&](const act::ClassCommand& a) {
                       on_class_command(s, a.command, now, fx);
                       run_class_schedule(s, now, fx);
                   },
                   [&](const act::JoinClass&) {
                       if (!s.class_offer_visible())
                           return;
                       stop(s, AbandonReason::preempted, now, fx);
                       if (now.wall >= s.pending_class->start_at) {
                           start_class(s, now, fx);
                       } else {
                           s.screen = Screen::class_countdown;
                       }
                   },
                   [&](const act::SensorBatch& a) { on_sensor_batch(s, a, now, fx); },
                   [&](const act::SensorLink& a) {
                       SensorState* sensor = find_sensor(s, a.sensor_id);
                       if (sensor && !a.up) {
                           mark_lost(*sensor, now, fx);
                           feed_session(s, now, fx);
                       }
                   },
                   [](const auto&) {},  // admin actions: handled above
               },
               action);
    return out;
}

bool KioskState::class_offer_visible() const {
    return pending_class && session_running() && session->source == SessionSource::athlete;
}

ForceZones KioskState::zones() const {
    return body_weight_n ? ForceZones::from_body_weight(*body_weight_n) : settings.zones;
}

bool KioskState::can_weigh_in() const {
    for (const auto& sensor : sensors) {
        if (sensor.connected && sensor.measures_force())
            return true;
    }
    return false;
}

std::optional<Instant> next_deadline(const KioskState& s) {
    std::optional<Instant> best;
    const auto consider = [&](Instant t) {
        if (!best || t < *best)
            best = t;
    };
    if (waits_for_input(s))
        consider(s.last_input + idle_timeout(s));
    if (may_dim(s) && !s.dimmed)
        consider(s.last_input + dim_after(s));
    if (const auto admin = detail::admin_deadline(s))
        consider(*admin);
    for (const auto& sensor : s.sensors) {
        if (sensor.connected)
            consider(sensor.last_data + kSensorSilence + Millis{1});
    }
    if (s.pending_class)
        consider(s.class_start_mono);  // the start (on the wall clock) as seen from the last action
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
