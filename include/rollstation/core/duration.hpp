// Parsing of human-written durations such as "45s", "1m30s", "2m" or "90".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rs::core {

struct DurationParse {
    std::optional<int> seconds;  // set on success
    std::string error;           // a human reason on failure
};

// Accepts a bare count of seconds ("90"), or minutes and/or seconds with units ("1m30s", "45s",
// "2m"). Rejects empty strings, negative numbers, fractions, unknown units and values over a day.
DurationParse parse_duration(std::string_view text);

// "1:05", "0:09": the countdown format used on screen.
std::string format_clock(int seconds);

// "5 min", "45 s", "1 min 30 s": the total-time format used on cards.
std::string format_minutes(int seconds);

}  // namespace rs::core
