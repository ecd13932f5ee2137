#include <catch2/catch.hpp>

#include "recorder/sample_events.hpp"
#include "recorder/time_zone.hpp"

using namespace rs::recorder;
using rs::rtest::utc_ms;

TEST_CASE("civil dates round-trip and weekdays are ISO", "[recorder][tz]") {
    for (std::int64_t d = -800'000; d < 800'000; d += 997)
        CHECK(days_from_civil(civil_from_days(d)) == d);
    CHECK(weekday_of({2026, 3, 30}) == 0);  // a Monday
    CHECK(weekday_of({2026, 3, 29}) == 6);  // a Sunday
    CHECK(format_date({2026, 1, 5}) == "2026-01-05");
}

TEST_CASE("dates are parsed strictly", "[recorder][tz]") {
    CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
    CHECK_FALSE(parse_date("2025-02-29"));
    CHECK_FALSE(parse_date("2025-04-31"));
    CHECK_FALSE(parse_date("2025-13-01"));
    CHECK_FALSE(parse_date("2025-1-01"));
    CHECK_FALSE(parse_date("yesterday"));
    CHECK_FALSE(parse_date(""));
}

TEST_CASE("Berlin's hours across the spring and autumn changes", "[recorder][tz][dst]") {
    const auto berlin = TimeZone::load("Europe/Berlin");
    REQUIRE(berlin);
    // 00:30 UTC on 29 March 2026 is 01:30 CET; 01:30 UTC is 03:30 CEST (02:xx never shows).
    auto t = berlin->local(utc_ms(2026, 3, 29, 0, 30));
    CHECK((t.hour == 1 && t.minute == 30 && t.weekday == 6));
    t = berlin->local(utc_ms(2026, 3, 29, 1, 30));
    CHECK(t.hour == 3);
    // 23:30 UTC on 28 March is already the 29th in Berlin: the day bucket follows local time.
    CHECK(format_date(berlin->local(utc_ms(2026, 3, 28, 23, 30)).date) == "2026-03-29");
    // 25 October 2026: 02:00-03:00 happens twice; 00:30 and 01:30 UTC are both 02:30 local.
    CHECK(berlin->local(utc_ms(2026, 10, 25, 0, 30)).hour == 2);
    CHECK(berlin->local(utc_ms(2026, 10, 25, 1, 30)).hour == 2);
    CHECK(berlin->local(utc_ms(2026, 10, 25, 2, 30)).hour == 3);
    // And back: local wall times to instants.
    CHECK(berlin->to_unix_s({2026, 3, 29}, 3, 0) * 1000 == utc_ms(2026, 3, 29, 1, 0));
    CHECK(berlin->to_unix_s({2026, 3, 29}, 2, 30) * 1000 == utc_ms(2026, 3, 29, 1, 0));  // gap
    CHECK(berlin->to_unix_s({2026, 10, 25}, 2, 30) * 1000 == utc_ms(2026, 10, 25, 0, 30));
    CHECK(berlin->to_unix_s({2026, 7, 1}, 6, 0) * 1000 == utc_ms(2026, 7, 1, 4, 0));
}

TEST_CASE("New York, and zones that do not exist", "[recorder][tz]") {
    const auto ny = TimeZone::load("America/New_York");
    REQUIRE(ny);
    CHECK(ny->local(utc_ms(2026, 1, 15, 12, 0)).hour == 7);
    CHECK(ny->local(utc_ms(2026, 7, 15, 12, 0)).hour == 8);
    CHECK(TimeZone::load("UTC")->local(utc_ms(2026, 7, 15, 12, 0)).hour == 12);
    CHECK_FALSE(TimeZone::load("Mars/Olympus_Mons"));
    CHECK_FALSE(TimeZone::load("../../etc/passwd"));
    CHECK_FALSE(TimeZone::from_tzif("x", "TZif2 but far too short"));
    CHECK_FALSE(TimeZone::from_tzif("x", ""));
}
