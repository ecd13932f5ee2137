// Sensors in the kiosk state: batches from the I/O thread, links lost and found, live coaching,
// the figures handed to the session, and the body-weight check-in on a force pad.
#include <cmath>

#include "core/kiosk_parts.hpp"
#include "rollstation/core/overloaded.hpp"

namespace rs::core::detail {
namespace {

UsageEvent sensor_event(EventType type, const SensorState& sensor, Now now) {
    UsageEvent e;
    e.type = type;
    e.ts = now.wall;
    e.sensor_id = sensor.spec.id;
    return e;
}

void update_coach(KioskState& s, Now now) {
    CoachInput in;
    const std::optional<Tool> tool = s.tool_in_use();
    const SensorState* lead = lead_sensor(s.sensors, tool);
    if (lead && s.session_running() && !s.session->paused && s.session->phase == Phase::active) {
        const Step& step = s.session->current_step();
        in.rolling_expected = true;
        in.tempo = step.tempo;
        in.force_n = gauge_force(s.sensors, tool);
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

void mark_lost(SensorState& sensor, Now now, KioskEffects& fx) {
    sensor.motion.reset_stream();
    if (!sensor.connected)
        return;
    sensor.connected = false;
    fx.events.push_back(sensor_event(EventType::sensor_lost, sensor, now));
}

// The check-in: a reading a body can weigh, steady within a few percent for kWeighInHold.
void weigh(KioskState& s, Now now) {
    auto& w = s.weigh_in;
    if (!w.active)
        return;
    const std::optional<double> force = weigh_in_force(s.sensors);
    if (!force || *force < kWeighInPresenceN) {
        w.steady_since.reset();
        w.problem = WeighInProblem::no_reading;
        return;
    }
    const double kg = kilograms_of(*force);
    if (kg < kWeighInMinimumKg || kg > kWeighInMaximumKg) {
        w.steady_since.reset();
        w.problem = WeighInProblem::out_of_range;
        return;
    }
    if (!w.steady_since || std::abs(*force - w.reference_n) > w.reference_n * kWeighInSteadiness) {
        // A sway after a steady start is worth saying; stepping on is not.
        w.problem = w.steady_since ? WeighInProblem::unsteady : WeighInProblem::none;
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

}  // namespace

void feed_session(KioskState& s, Now now, KioskEffects& fx) {
    if (!s.session_running()) {
        // Nothing to coach: a cue must not linger on the summary.
        s.coach = Coach{};
        s.cue = CoachCue::none;
        return;
    }
    // Only a sensor that serves the step's tool speaks for it: a roller's core does not feel a
    // lacrosse ball against the wall.
    if (const SensorState* lead = lead_sensor(s.sensors, s.tool_in_use())) {
        MotionReading r;
        r.source = lead->spec.id;
        r.totals = lead->motion.totals();
        r.working = lead->motion.activity() != Activity::idle;
        r.force_n = gauge_force(s.sensors, s.tool_in_use());
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

void on_sensor_batch(KioskState& s, const act::SensorBatch& batch, Now now, KioskEffects& fx) {
    SensorState* sensor = find_sensor(s.sensors, batch.sensor_id);
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
            // A Bluetooth source's signal strength comes on its own, without a battery.
            if (status->battery_pct || !status->rssi_dbm)
                sensor->battery_pct = status->battery_pct;
            if (status->rssi_dbm)
                sensor->rssi_dbm = status->rssi_dbm;
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

void on_sensor_link(KioskState& s, const act::SensorLink& link, Now now, KioskEffects& fx) {
    SensorState* sensor = find_sensor(s.sensors, link.sensor_id);
    if (sensor && !link.up) {
        mark_lost(*sensor, now, fx);
        feed_session(s, now, fx);
    }
}

void check_sensor_silence(KioskState& s, Now now, KioskEffects& fx) {
    for (auto& sensor : s.sensors) {
        if (sensor.connected && now.mono - sensor.last_data > kSensorSilence)
            mark_lost(sensor, now, fx);
    }
}

void start_weigh_in(KioskState& s) {
    // Also a redo: the earlier check-in stays in force until a new one completes.
    if (s.can_weigh_in() && !s.session_running()) {
        s.weigh_in = {};
        s.weigh_in.active = true;
        s.weigh_in.problem = WeighInProblem::no_reading;
    }
}

void sensor_deadlines(const KioskState& s, Deadlines& d) {
    for (const auto& sensor : s.sensors) {
        if (sensor.connected)
            d.consider(sensor.last_data + kSensorSilence + Millis{1});
    }
}

void on_sensor_action(KioskState& s, const SensorAction& action, Now now, KioskEffects& fx) {
    std::visit(Overloaded{
                   [&](const act::StartWeighIn&) { start_weigh_in(s); },
                   [&](const act::CancelWeighIn&) { s.weigh_in = {}; },
                   [&](const act::ClearWeighIn&) {
                       s.weigh_in = {};
                       s.body_weight_n.reset();
                   },
                   [&](const act::SensorBatch& a) { on_sensor_batch(s, a, now, fx); },
                   [&](const act::SensorLink& a) { on_sensor_link(s, a, now, fx); },
               },
               action);
}

}  // namespace rs::core::detail
