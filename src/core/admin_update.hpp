// The admin part of the kiosk's update, kept apart from the athlete's screens.
#pragma once

#include <optional>
#include <type_traits>

#include "rollstation/core/kiosk.hpp"

namespace rs::core::detail {

template <class A>
concept AdminAction = std::is_same_v<A, act::AdminCorner> || std::is_same_v<A, act::PinDigit> ||
    std::is_same_v<A, act::PinErase> || std::is_same_v<A, act::PinEnter> ||
    std::is_same_v<A, act::CloseAdmin> || std::is_same_v<A, act::RunAdminTask> ||
    std::is_same_v<A, act::StartCalibration> || std::is_same_v<A, act::CalibrationZero> ||
    std::is_same_v<A, act::CalibrationWeight> || std::is_same_v<A, act::CalibrationMeasure> ||
    std::is_same_v<A, act::ResetCalibration> || std::is_same_v<A, act::Wake>;

// Handles the admin actions (true), leaving every other action alone (false).
bool update_admin(KioskState& s, const Action& action, Now now, KioskEffects& fx);
// The passing of time: the corner long-press opens the pad, an idle panel closes.
void admin_tick(KioskState& s, Now now);
// The earliest moment admin_tick has something to do.
std::optional<Instant> admin_deadline(const KioskState& s);

}  // namespace rs::core::detail
