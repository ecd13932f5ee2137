#include <algorithm>
#include <cmath>
#include <utility>

#include "core/admin_update.hpp"
#include "rollstation/core/overloaded.hpp"

namespace rs::core {

Millis lockout_after(int failures) {
    if (failures < kFreePinAttempts)
        return Millis{0};
    // 30 s, 60 s, 2 min, ... : guessing a 4-digit PIN takes days, a forgetful installer waits
    // half a minute.
    const int doublings = std::min(failures - kFreePinAttempts, 10);
    return std::min(Millis{kFirstLockout.count() << doublings}, kLongestLockout);
}

namespace detail {
namespace {

// A known weight must move the reading by at least this much to give a usable scale.
constexpr double kCalibrationMinChangeN = 5.0;

// Closing forgets everything but the back-off: closing the pad must not reset the count.
void close_admin(AdminState& a) {
    AdminState closed;
    closed.failures = a.failures;
    closed.locked_until = a.locked_until;
    a = std::move(closed);
}

bool locked(const AdminState& a, Now now) {
    return a.locked_until && now.mono < *a.locked_until;
}

// The sensor's present reading as it came from the device, before calibration.
std::optional<double> raw_force(const SensorState& sensor) {
    if (!sensor.connected || !sensor.motion.force())
        return std::nullopt;
    return sensor.calibration.raw(*sensor.motion.force());
}

void enter_pin(KioskState& s, Now now) {
    AdminState& a = s.admin;
    if (static_cast<int>(a.digits.size()) < kPinMinDigits || locked(a, now))
        return;
    const bool right = s.settings.admin.pin_matches && s.settings.admin.pin_matches(a.digits);
    a.digits.clear();
    if (right) {
        a.view = AdminView::panel;
        a.failures = 0;
        a.locked_until.reset();
        a.last_wrong = false;
        return;
    }
    ++a.failures;
    a.last_wrong = true;
    if (const Millis wait = lockout_after(a.failures); wait > Millis{0})
        a.locked_until = now.mono + wait;
}

// The sensor being calibrated and its raw reading, or nothing (and the reason on the screen).
std::optional<std::pair<SensorState*, double>> calibration_reading(KioskState& s) {
    SensorState* sensor = find_sensor(s.sensors, s.admin.calibrating);
    const auto raw = sensor ? raw_force(*sensor) : std::nullopt;
    if (!raw) {
        s.admin.calibration_error = "No force reading: is the sensor linked?";
        return std::nullopt;
    }
    return std::pair{sensor, *raw};
}

void zero(KioskState& s) {
    const auto reading = calibration_reading(s);
    if (!reading)
        return;
    s.admin.zero_raw_n = reading->second;
    s.admin.calibration_error.clear();
    s.admin.step = AdminState::Step::weight;
}

void measure(KioskState& s, KioskEffects& fx) {
    const auto reading = calibration_reading(s);
    if (!reading)
        return;
    auto [sensor, raw] = *reading;
    AdminState& a = s.admin;
    const double change = raw - a.zero_raw_n;
    if (change < kCalibrationMinChangeN) {
        a.calibration_error = "The reading hardly changed: is the weight resting on the sensor?";
        return;
    }
    const Calibration c{a.zero_raw_n, a.known_kg * kStandardGravity / change};
    sensor->calibration = c;
    fx.calibrations.emplace_back(sensor->spec.id, c);
    a.calibration_error.clear();
    a.step = AdminState::Step::done;
}

}  // namespace

void update_admin(KioskState& s, const AdminAction& action, Now now, KioskEffects& fx) {
    AdminState& a = s.admin;
    const auto in = [&](AdminView v) { return a.view == v; };
    std::visit(Overloaded{
                   [&](const act::AdminCorner& c) {
                       if (c.down && !a.open())
                           a.hold_since = now.mono;
                       else
                           a.hold_since.reset();
                   },
                   [&](const act::PinDigit& d) {
                       if (in(AdminView::pin) && !locked(a, now) && d.digit >= 0 && d.digit <= 9 &&
                           static_cast<int>(a.digits.size()) < kPinMaxDigits) {
                           a.digits.push_back(static_cast<char>('0' + d.digit));
                           a.last_wrong = false;
                       }
                   },
                   [&](const act::PinErase&) {
                       if (in(AdminView::pin) && !a.digits.empty())
                           a.digits.pop_back();
                   },
                   [&](const act::PinEnter&) {
                       if (in(AdminView::pin))
                           enter_pin(s, now);
                   },
                   [&](const act::CloseAdmin&) {
                       if (in(AdminView::calibrate)) {
                           a.view = AdminView::panel;  // back from the wizard to the panel
                           a.calibrating.clear();
                       } else {
                           close_admin(a);
                       }
                   },
                   [&](const act::RunAdminTask& t) {
                       if (in(AdminView::panel))
                           fx.admin_tasks.push_back(t.task);
                   },
                   [&](const act::StartCalibration& c) {
                       const SensorState* sensor = find_sensor(s.sensors, c.sensor_id);
                       if (in(AdminView::panel) && sensor && sensor->measures_force()) {
                           a.view = AdminView::calibrate;
                           a.calibrating = c.sensor_id;
                           a.step = AdminState::Step::zero;
                           a.calibration_error.clear();
                       }
                   },
                   [&](const act::CalibrationZero&) {
                       if (in(AdminView::calibrate) && a.step == AdminState::Step::zero)
                           zero(s);
                   },
                   [&](const act::CalibrationWeight& w) {
                       a.known_kg = std::clamp(a.known_kg + w.delta_kg, kCalibrationMinKg,
                                               kCalibrationMaxKg);
                   },
                   [&](const act::CalibrationMeasure&) {
                       if (in(AdminView::calibrate) && a.step == AdminState::Step::weight)
                           measure(s, fx);
                   },
                   [&](const act::ResetCalibration& r) {
                       if (SensorState* sensor = find_sensor(s.sensors, r.sensor_id);
                           sensor && in(AdminView::panel)) {
                           sensor->calibration = {};
                           fx.calibrations.emplace_back(sensor->spec.id, Calibration{});
                       }
                   },
                   [&](const act::Wake&) { s.dimmed = false; },
               },
               action);
    if (a.open())
        a.last_touch = now.mono;
}

void admin_tick(KioskState& s, Now now) {
    AdminState& a = s.admin;
    if (a.hold_since && now.mono - *a.hold_since >= kAdminHold) {
        a.hold_since.reset();
        a.view = AdminView::pin;
        a.digits.clear();
        a.last_wrong = false;
        a.last_touch = now.mono;
    }
    if (a.open() && now.mono - a.last_touch >= kAdminIdle)
        close_admin(a);
    if (a.locked_until && now.mono >= *a.locked_until)
        a.locked_until.reset();  // the count of failures stays: the next wrong PIN waits longer
}

std::optional<Instant> admin_deadline(const KioskState& s) {
    const AdminState& a = s.admin;
    std::optional<Instant> best;
    const auto consider = [&](Instant t) {
        if (!best || t < *best)
            best = t;
    };
    if (a.hold_since)
        consider(*a.hold_since + kAdminHold);
    if (a.open())
        consider(a.last_touch + kAdminIdle);
    if (a.locked_until)
        consider(*a.locked_until);
    return best;
}

}  // namespace detail
}  // namespace rs::core
