// The installer's way into a locked-down kiosk: a hidden long-press on a corner, a PIN pad
// that backs off after wrong PINs, the admin panel, and the force-sensor calibration it runs.
// Pure: the PIN check itself (a salted hash) is injected by the shell.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "rollstation/core/clock.hpp"

namespace rs::core {

enum class AdminView { closed, pin, panel, calibrate };
// Work the admin panel asks the shell to do.
enum class AdminTask { reload, test_sound, restart };

struct AdminState {
    AdminView view = AdminView::closed;
    std::optional<Instant> hold_since;  // a finger is down on the admin corner
    std::string digits;                 // typed on the PIN pad so far
    int failures = 0;                   // wrong PINs in a row
    std::optional<Instant> locked_until;
    bool last_wrong = false;  // the pad says the last PIN was wrong
    Instant last_touch{};     // the panel closes itself after kAdminIdle

    // The calibration wizard: zero with nothing on the sensor, then a known weight.
    enum class Step { zero, weight, done };
    std::string calibrating;  // sensor id
    Step step = Step::zero;
    double zero_raw_n = 0;
    int known_kg = 20;
    std::string calibration_error;

    bool open() const { return view != AdminView::closed; }
};

struct AdminSettings {
    // True when `pin` is the station's admin PIN; empty when no PIN is set (the pad says how).
    std::function<bool(const std::string& pin)> pin_matches;
};

inline constexpr Millis kAdminHold{5000};     // the corner long-press
inline constexpr Millis kAdminIdle{120'000};  // the panel closes itself
inline constexpr int kPinMinDigits = 4;
inline constexpr int kPinMaxDigits = 8;
inline constexpr int kFreePinAttempts = 3;      // then the pad locks
inline constexpr Millis kFirstLockout{30'000};  // doubling with each further wrong PIN
inline constexpr Millis kLongestLockout{15 * 60'000};
inline constexpr int kCalibrationMinKg = 1;
inline constexpr int kCalibrationMaxKg = 150;

// How long the pad stays locked after `failures` wrong PINs in a row (zero below the limit).
Millis lockout_after(int failures);

}  // namespace rs::core
