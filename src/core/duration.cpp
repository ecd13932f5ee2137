#include "rollstation/core/duration.hpp"

#include <cctype>
#include <charconv>

namespace rs::core {
namespace {

constexpr long long kMaxSeconds = 24 * 3600;

bool all_digits(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

}  // namespace

DurationParse parse_duration(std::string_view text) {
    const auto fail = [&](std::string why) {
        return DurationParse{std::nullopt, "invalid duration '" + std::string(text) + "': " + why};
    };
    if (text.empty())
        return fail("it is empty");
    if (all_digits(text)) {
        if (text.size() > 6)
            return fail("it is longer than a day");
        int value = 0;
        std::from_chars(text.data(), text.data() + text.size(), value);
        if (value > kMaxSeconds)
            return fail("it is longer than a day");
        return DurationParse{value, {}};
    }
    long long total = 0;
    bool seen_minutes = false, seen_seconds = false;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            ++i;
        if (i == start)
            return fail("expected a number such as 45s, 1m30s or 90");
        if (i - start > 6)
            return fail("it is longer than a day");
        long long number = 0;
        std::from_chars(text.data() + start, text.data() + i, number);
        if (i == text.size())
            return fail("a unit (m or s) must follow every number after the first");
        char unit = text[i++];
        if (unit == 'm' && !seen_minutes && !seen_seconds) {
            seen_minutes = true;
            total += number * 60;
        } else if (unit == 's' && !seen_seconds) {
            seen_seconds = true;
            total += number;
        } else if (unit == 'm' || unit == 's') {
            return fail("write minutes before seconds, each once (1m30s)");
        } else {
            return fail(std::string("unknown unit '") + unit + "'; use m or s");
        }
    }
    if (total > kMaxSeconds)
        return fail("it is longer than a day");
    return DurationParse{static_cast<int>(total), {}};
}

std::string format_clock(int seconds) {
    if (seconds < 0)
        seconds = 0;
    const int minutes = seconds / 60, rest = seconds % 60;
    return std::to_string(minutes) + (rest < 10 ? ":0" : ":") + std::to_string(rest);
}

std::string format_minutes(int seconds) {
    if (seconds < 60)
        return std::to_string(seconds) + " s";
    const int minutes = seconds / 60, rest = seconds % 60;
    std::string out = std::to_string(minutes) + " min";
    if (rest != 0)
        out += " " + std::to_string(rest) + " s";
    return out;
}

}  // namespace rs::core
