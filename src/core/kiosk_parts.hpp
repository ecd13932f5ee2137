// The pieces the kiosk's update is made of, one domain a file: the screens and the session
// (kiosk.cpp), coach classes (kiosk_class.cpp) and sensors with the check-in
// (kiosk_sensors.cpp). Every function changes the state in place and appends its effects.
#pragma once

#include <optional>
#include <string>

#include "rollstation/core/kiosk.hpp"

namespace rs::core::detail {

// kiosk.cpp
void go_home(KioskState& s);
// Takes the session's next value and its effects; a session that just ended opens the summary.
void absorb(KioskState& s, SessionUpdate&& u, Now now, KioskEffects& fx);
void stop(KioskState& s, AbandonReason reason, Now now, KioskEffects& fx);
// The earliest moment after `spent` at which something is due.
struct Deadlines {
    Instant spent;
    std::optional<Instant> earliest;
    void consider(Instant t);
};

// kiosk_class.cpp
void on_class_action(KioskState& s, const ClassAction& action, Now now, KioskEffects& fx);
void on_class_command(KioskState& s, const Command& command, Now now, KioskEffects& fx);
// Starts, or lets lapse, the waiting class when its time has come.
void run_class_schedule(KioskState& s, Now now, KioskEffects& fx);
void join_class(KioskState& s, Now now, KioskEffects& fx);
void decline_class(KioskState& s, KioskEffects& fx);
void class_deadlines(const KioskState& s, Deadlines& d);

// kiosk_sensors.cpp
void on_sensor_action(KioskState& s, const SensorAction& action, Now now, KioskEffects& fx);
void on_sensor_batch(KioskState& s, const act::SensorBatch& batch, Now now, KioskEffects& fx);
void on_sensor_link(KioskState& s, const act::SensorLink& link, Now now, KioskEffects& fx);
// Sensors silent too long are marked lost.
void check_sensor_silence(KioskState& s, Now now, KioskEffects& fx);
// Hands the lead sensor's figures to the running session (or tells it the sensor is gone).
void feed_session(KioskState& s, Now now, KioskEffects& fx);
void start_weigh_in(KioskState& s);
void sensor_deadlines(const KioskState& s, Deadlines& d);

}  // namespace rs::core::detail
