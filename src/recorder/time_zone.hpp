// A time zone read from a compiled tz database file (TZif, /usr/share/zoneinfo), so that one
// process can bucket events of facilities in different zones without touching TZ or localtime.
// Pure once loaded: offsets come from the file's transitions, nothing reads a clock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs::recorder {

// A civil date, proleptic Gregorian.
struct Date {
    int year = 1970;
    int month = 1;  // 1-12
    int day = 1;    // 1-31
    friend auto operator<=>(const Date&, const Date&) = default;
};

std::int64_t days_from_civil(Date d);  // days since 1970-01-01
Date civil_from_days(std::int64_t days);
int weekday_of(Date d);  // 0 Monday ... 6 Sunday (ISO order)
std::string format_date(Date d);
// "YYYY-MM-DD", checked (month 1-12, the day within its month); nothing otherwise.
std::optional<Date> parse_date(std::string_view text);

// What a wall clock in the zone shows at an instant.
struct LocalTime {
    Date date;
    int hour = 0;     // 0-23
    int minute = 0;   // 0-59
    int weekday = 0;  // 0 Monday ... 6 Sunday
};

class TimeZone {
  public:
    static TimeZone utc();
    // From the bytes of a TZif file (version 2 or later); nothing if they are not one.
    static std::optional<TimeZone> from_tzif(std::string name, std::string_view bytes);
    // From the system database; `name` as in "Europe/Berlin". Nothing if unknown.
    static std::optional<TimeZone> load(
        const std::string& name, const std::filesystem::path& zoneinfo = "/usr/share/zoneinfo");

    const std::string& name() const { return name_; }
    // Seconds east of UTC in force at `unix_s`.
    int offset_at(std::int64_t unix_s) const;
    LocalTime local(std::int64_t unix_ms) const;
    // The instant a local wall time happens. In a gap (spring forward) the instant the clock
    // jumps over it; when it happens twice (fall back), the first.
    std::int64_t to_unix_s(Date date, int hour, int minute) const;

  private:
    std::string name_;
    std::vector<std::int64_t> transitions_;  // unix seconds, ascending
    std::vector<int> offsets_after_;         // the offset from each transition on
    int initial_offset_ = 0;                 // before the first transition
};

}  // namespace rs::recorder
