// Unit tests for rs::core::parse_duration, format_clock and format_minutes.
#include <catch2/catch.hpp>

#include <string>

#include "rollstation/core/duration.hpp"

using rs::core::format_clock;
using rs::core::format_minutes;
using rs::core::parse_duration;

namespace {

// Checks that `text` is accepted and gives `seconds`, with no error text.
void check_accepts(const std::string& text, int seconds) {
    INFO("input: '" << text << "'");
    const auto parsed = parse_duration(text);
    INFO("error: " << parsed.error);
    REQUIRE(parsed.seconds.has_value());
    CHECK(*parsed.seconds == seconds);
    CHECK(parsed.error.empty());
}

// Checks that `text` is refused with a human message naming the input and the reason.
void check_rejects(const std::string& text, const std::string& reason) {
    INFO("input: '" << text << "'");
    const auto parsed = parse_duration(text);
    CHECK_FALSE(parsed.seconds.has_value());
    CHECK(parsed.error == "invalid duration '" + text + "': " + reason);
}

}  // namespace

TEST_CASE("parse_duration accepts seconds, minutes and minutes-with-seconds", "[duration]") {
    check_accepts("45s", 45);
    check_accepts("1m30s", 90);
    check_accepts("2m", 120);
    check_accepts("1m", 60);
    check_accepts("0s", 0);
    check_accepts("5m0s", 300);
    check_accepts("0m45s", 45);
    check_accepts("90s", 90);
}

TEST_CASE("parse_duration accepts a bare count of seconds", "[duration]") {
    check_accepts("90", 90);
    check_accepts("0", 0);
    check_accepts("300", 300);
    check_accepts("007", 7);
}

TEST_CASE("parse_duration accepts exactly one day and nothing more when units are used",
          "[duration]") {
    check_accepts("1440m", 86400);
    check_accepts("1439m60s", 86400);
    check_rejects("1440m1s", "it is longer than a day");
    check_rejects("1441m", "it is longer than a day");
    check_rejects("86401s", "it is longer than a day");
}

TEST_CASE("parse_duration rejects malformed text with a human reason", "[duration]") {
    check_rejects("", "it is empty");
    check_rejects("-5", "expected a number such as 45s, 1m30s or 90");
    check_rejects("1.5", "unknown unit '.'; use m or s");
    check_rejects("1h", "unknown unit 'h'; use m or s");
    check_rejects("30s1m", "write minutes before seconds, each once (1m30s)");
    check_rejects("1m1m", "write minutes before seconds, each once (1m30s)");
    check_rejects("1s1s", "write minutes before seconds, each once (1m30s)");
    check_rejects("abc", "expected a number such as 45s, 1m30s or 90");
    check_rejects("s", "expected a number such as 45s, 1m30s or 90");
    check_rejects("1m30", "a unit (m or s) must follow every number after the first");
    check_rejects("99999999", "it is longer than a day");
    check_rejects("9999999s", "it is longer than a day");
}

TEST_CASE("parse_duration error strings are readable sentences", "[duration]") {
    for (const char* text : {"", "-5", "1.5", "1h", "30s1m", "1m1m", "abc", "99999999"}) {
        INFO("input: '" << text << "'");
        const auto parsed = parse_duration(text);
        REQUIRE_FALSE(parsed.seconds.has_value());
        CHECK_THAT(parsed.error, Catch::StartsWith("invalid duration '"));
        // The reason after the quoted input is plain words, not a code.
        const auto colon = parsed.error.find("': ");
        REQUIRE(colon != std::string::npos);
        CHECK(parsed.error.size() > colon + 10);
    }
}

// BUG: a bare number of seconds is only limited to six digits, never compared with a day,
// although duration.hpp promises to reject "values over a day" (and "1441m" is rejected).
TEST_CASE("parse_duration rejects a bare number of seconds longer than a day", "[duration]") {
    check_accepts("86400", 86400);
    check_rejects("86401", "it is longer than a day");
    check_rejects("90000", "it is longer than a day");
    check_rejects("999999", "it is longer than a day");
}

TEST_CASE("format_clock shows minutes and two-digit seconds", "[duration]") {
    CHECK(format_clock(0) == "0:00");
    CHECK(format_clock(9) == "0:09");
    CHECK(format_clock(59) == "0:59");
    CHECK(format_clock(60) == "1:00");
    CHECK(format_clock(65) == "1:05");
    CHECK(format_clock(600) == "10:00");
    CHECK(format_clock(3599) == "59:59");
    CHECK(format_clock(3600) == "60:00");
}

TEST_CASE("format_clock never shows a negative time", "[duration]") {
    CHECK(format_clock(-1) == "0:00");
    CHECK(format_clock(-65) == "0:00");
}

TEST_CASE("format_minutes writes card totals in minutes and seconds", "[duration]") {
    CHECK(format_minutes(0) == "0 s");
    CHECK(format_minutes(45) == "45 s");
    CHECK(format_minutes(59) == "59 s");
    CHECK(format_minutes(60) == "1 min");
    CHECK(format_minutes(90) == "1 min 30 s");
    CHECK(format_minutes(300) == "5 min");
    CHECK(format_minutes(750) == "12 min 30 s");
    CHECK(format_minutes(961) == "16 min 1 s");
}
