// Everything that can happen to the kiosk, one variant per domain: the screens an athlete moves
// through, the session's controls, coach classes, sensors and the check-in, and the admin
// layers. Each domain's handler visits its own variant with no catch-all, so an action nobody
// handles does not compile.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "rollstation/core/admin.hpp"
#include "rollstation/core/commands.hpp"
#include "rollstation/core/local_text.hpp"
#include "rollstation/core/routine.hpp"
#include "rollstation/core/session.hpp"
#include "rollstation/core/wire.hpp"

namespace rs::core {

namespace act {
// The passing of time: deadlines, sensor silence, the class schedule.
struct Tick {};

// Browsing and starting (kiosk.cpp).
struct OpenLibrary {};
struct GoHome {};
struct SetPurpose {
    std::optional<Purpose> purpose;
    bool operator==(const SetPurpose&) const = default;
};
struct SetLevel {
    std::optional<Level> level;
    bool operator==(const SetLevel&) const = default;
};
struct ShowPage {
    int page = 0;
    bool operator==(const ShowPage&) const = default;
};
struct OpenRoutine {
    std::string id;
    bool operator==(const OpenRoutine&) const = default;
};
struct StartRoutine {
    std::string session_id;  // the shell fills in a fresh id
    bool operator==(const StartRoutine&) const = default;
};
struct ShowSafety {};
struct AcknowledgeSafety {};
struct CloseSafety {};
// The athlete's language for this visit (ignored unless the station offers it); closes the
// picker. The kiosk returns to the house language when the visit ends.
struct ChooseLanguage {
    Language language = Language::en;
    bool operator==(const ChooseLanguage&) const = default;
};
// The language picker opened or closed (only where the station offers a choice).
struct ShowLanguages {
    bool shown = true;
    bool operator==(const ShowLanguages&) const = default;
};

// The running session's controls (kiosk.cpp).
struct Control {
    SessionCommand command;  // pause, resume, skip, back, add time
    bool operator==(const Control&) const = default;
};
struct RequestStop {};
struct ConfirmStop {};
struct CancelStop {};
// The demonstration beside the countdown, shown or hidden (remembered for the visit).
struct ShowDemo {
    bool shown = true;
    bool operator==(const ShowDemo&) const = default;
};
// The step under way is too much: a softer tool for the area, else a lighter pressure band.
struct TooIntense {};

// Coach classes (kiosk_class.cpp).
// A decoded, checked coach command from the I/O thread.
struct ClassCommand {
    Command command;
};
// The athlete at the station joins the waiting class (their own session ends as preempted).
struct JoinClass {};
// "Not now": the athlete keeps their own routine; the class is answered as not joined.
struct DeclineClass {};

// Sensors and the body-weight check-in (kiosk_sensors.cpp).
struct StartWeighIn {};
struct CancelWeighIn {};
// Forgets this visit's check-in: pressure bands go back to the station's.
struct ClearWeighIn {};
// From the I/O thread: what one sensor sent since the last batch (coalesced, never per sample).
struct SensorBatch {
    std::string sensor_id;
    std::vector<wire::Message> messages;
    wire::Counters counters;  // the source's running totals
};
// The sensor's link opened or closed (a serial device unplugged, say).
struct SensorLink {
    std::string sensor_id;
    bool up = false;
    bool operator==(const SensorLink&) const = default;
};

// The admin layers (admin.cpp).
// A finger went down on (true) or left (false) the admin corner.
struct AdminCorner {
    bool down = false;
    bool operator==(const AdminCorner&) const = default;
};
struct PinDigit {
    int digit = 0;
    bool operator==(const PinDigit&) const = default;
};
struct PinErase {};
struct PinEnter {};
struct CloseAdmin {};
struct RunAdminTask {
    AdminTask task;
    bool operator==(const RunAdminTask&) const = default;
};
struct StartCalibration {
    std::string sensor_id;
    bool operator==(const StartCalibration&) const = default;
};
struct CalibrationZero {};
struct CalibrationWeight {
    int delta_kg = 0;
    bool operator==(const CalibrationWeight&) const = default;
};
struct CalibrationMeasure {};
struct ResetCalibration {
    std::string sensor_id;
    bool operator==(const ResetCalibration&) const = default;
};
// The screen was dimmed: the touch that wakes it does nothing else.
struct Wake {};
}  // namespace act

using BrowseAction =
    std::variant<act::OpenLibrary, act::GoHome, act::SetPurpose, act::SetLevel, act::ShowPage,
                 act::OpenRoutine, act::StartRoutine, act::ShowSafety, act::AcknowledgeSafety,
                 act::CloseSafety, act::ChooseLanguage, act::ShowLanguages>;
using SessionAction = std::variant<act::Control, act::RequestStop, act::ConfirmStop,
                                   act::CancelStop, act::ShowDemo, act::TooIntense>;
using ClassAction = std::variant<act::ClassCommand, act::JoinClass, act::DeclineClass>;
using SensorAction = std::variant<act::StartWeighIn, act::CancelWeighIn, act::ClearWeighIn,
                                  act::SensorBatch, act::SensorLink>;
using AdminAction =
    std::variant<act::AdminCorner, act::PinDigit, act::PinErase, act::PinEnter, act::CloseAdmin,
                 act::RunAdminTask, act::StartCalibration, act::CalibrationZero,
                 act::CalibrationWeight, act::CalibrationMeasure, act::ResetCalibration, act::Wake>;

// An action converts from any of its leaves (`Action a = act::OpenLibrary{};`): exactly one
// domain holds each of them.
using Action =
    std::variant<act::Tick, BrowseAction, SessionAction, ClassAction, SensorAction, AdminAction>;

namespace detail {
template <class A, class Variant>
struct holds_leaf : std::false_type {};
template <class A, class... Leaves>
struct holds_leaf<A, std::variant<Leaves...>> : std::disjunction<std::is_same<A, Leaves>...> {};
}  // namespace detail

// The leaf `A` the action carries, or null: what std::get_if is for a flat variant.
template <class A>
const A* action_as(const Action& action) {
    return std::visit(
        [](const auto& held) -> const A* {
            using Held = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<Held, A>)
                return &held;
            else if constexpr (detail::holds_leaf<A, Held>::value)
                return std::get_if<A>(&held);
            else
                return nullptr;
        },
        action);
}
template <class A>
A* action_as(Action& action) {
    return const_cast<A*>(action_as<A>(std::as_const(action)));
}
template <class A>
bool action_is(const Action& action) {
    return action_as<A>(action) != nullptr;
}

// Calls `f` with the leaf the action carries, whatever its domain (for code that treats every
// action alike, such as a weighting of taps; handlers visit their own domain instead).
template <class F>
decltype(auto) visit_leaf(F&& f, const Action& action) {
    return std::visit(
        [&](const auto& held) -> decltype(auto) {
            if constexpr (std::is_same_v<std::decay_t<decltype(held)>, act::Tick>)
                return f(held);
            else
                return std::visit(f, held);
        },
        action);
}

// Whether two actions are the same target on the screen: the same leaf with the same fields.
// A tap counts only where the finger went down and came up on the same target.
bool same_target(const Action& a, const Action& b);

// A tap (or a coach's command), as opposed to the clock or a sensor: it resets the idle timer.
bool is_from_athlete(const Action& action);

}  // namespace rs::core
