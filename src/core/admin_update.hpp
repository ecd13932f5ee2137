// The admin part of the kiosk's update, kept apart from the athlete's screens.
#pragma once

#include <optional>

#include "rollstation/core/kiosk.hpp"

namespace rs::core::detail {

void update_admin(KioskState& s, const AdminAction& action, Now now, KioskEffects& fx);
// The passing of time: the corner long-press opens the pad, an idle panel closes.
void admin_tick(KioskState& s, Now now);
// The earliest moment admin_tick has something to do.
std::optional<Instant> admin_deadline(const KioskState& s);

}  // namespace rs::core::detail
