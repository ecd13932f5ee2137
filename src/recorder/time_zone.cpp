#include "recorder/time_zone.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <regex>

namespace rs::recorder {

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(Date d) {
    const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (d.month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day};
}

int weekday_of(Date d) {
    const std::int64_t days = days_from_civil(d);  // 1970-01-01 was a Thursday (3)
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

std::string format_date(Date d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buffer;
}

std::optional<Date> parse_date(std::string_view text) {
    static const std::regex shape(R"(\d{4}-\d{2}-\d{2})");
    const std::string s(text);
    if (!std::regex_match(s, shape))
        return std::nullopt;
    Date d{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
    if (d.month < 1 || d.month > 12 || d.day < 1)
        return std::nullopt;
    if (civil_from_days(days_from_civil(d)) != d)  // 31 April, 29 February 2025
        return std::nullopt;
    return d;
}

TimeZone TimeZone::utc() {
    TimeZone z;
    z.name_ = "UTC";
    return z;
}

namespace {

std::int64_t big_endian(std::string_view bytes, std::size_t at, std::size_t width) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i)
        v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    if (width == 4)
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
}

struct Header {
    std::int64_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
    std::size_t body_size(std::size_t time_width) const {
        return static_cast<std::size_t>(timecnt) * time_width + static_cast<std::size_t>(timecnt) +
               static_cast<std::size_t>(typecnt) * 6 + static_cast<std::size_t>(charcnt) +
               static_cast<std::size_t>(leapcnt) * (time_width + 4) +
               static_cast<std::size_t>(isstdcnt) + static_cast<std::size_t>(isutcnt);
    }
};

std::optional<Header> header_at(std::string_view bytes, std::size_t at) {
    if (bytes.size() < at + 44 || bytes.substr(at, 4) != "TZif")
        return std::nullopt;
    Header h{big_endian(bytes, at + 20, 4), big_endian(bytes, at + 24, 4),
             big_endian(bytes, at + 28, 4), big_endian(bytes, at + 32, 4),
             big_endian(bytes, at + 36, 4), big_endian(bytes, at + 40, 4)};
    if (h.typecnt <= 0 || h.timecnt < 0 || h.isutcnt < 0 || h.isstdcnt < 0 || h.leapcnt < 0 ||
        h.charcnt < 0)
        return std::nullopt;
    return h;
}

}  // namespace

std::optional<TimeZone> TimeZone::from_tzif(std::string name, std::string_view bytes) {
    const auto v1 = header_at(bytes, 0);
    if (!v1 || bytes[4] < '2')
        return std::nullopt;
    // Skip the 32-bit block; the second header and its 64-bit times follow.
    const std::size_t second = 44 + v1->body_size(4);
    const auto h = header_at(bytes, second);
    if (!h || bytes.size() < second + 44 + h->body_size(8))
        return std::nullopt;
    const std::size_t times = second + 44;
    const std::size_t indices = times + static_cast<std::size_t>(h->timecnt) * 8;
    const std::size_t types = indices + static_cast<std::size_t>(h->timecnt);
    const auto utoff = [&](std::int64_t type) {
        return static_cast<int>(big_endian(bytes, types + static_cast<std::size_t>(type) * 6, 4));
    };
    TimeZone z;
    z.name_ = std::move(name);
    z.initial_offset_ = utoff(0);
    for (std::int64_t i = 0; i < h->timecnt; ++i) {
        const auto type = static_cast<unsigned char>(bytes[indices + static_cast<std::size_t>(i)]);
        if (type >= h->typecnt)
            return std::nullopt;
        z.transitions_.push_back(big_endian(bytes, times + static_cast<std::size_t>(i) * 8, 8));
        z.offsets_after_.push_back(utoff(type));
    }
    if (!std::is_sorted(z.transitions_.begin(), z.transitions_.end()))
        return std::nullopt;
    return z;
}

std::optional<TimeZone> TimeZone::load(const std::string& name,
                                       const std::filesystem::path& zoneinfo) {
    if (name == "UTC")
        return utc();
    static const std::regex zone_name(R"([A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*)");
    if (!std::regex_match(name, zone_name))
        return std::nullopt;
    std::ifstream in(zoneinfo / name, std::ios::binary);
    if (!in)
        return std::nullopt;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return from_tzif(name, bytes);
}

int TimeZone::offset_at(std::int64_t unix_s) const {
    // Debian's files are "fat": transitions are listed up to 2037, beyond which the last
    // offset holds (the footer's rule is not read).
    const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), unix_s);
    if (after == transitions_.begin())
        return initial_offset_;
    return offsets_after_[static_cast<std::size_t>(after - transitions_.begin() - 1)];
}

LocalTime TimeZone::local(std::int64_t unix_ms) const {
    const std::int64_t s = (unix_ms >= 0 ? unix_ms : unix_ms - 999) / 1000;
    const std::int64_t local_s = s + offset_at(s);
    const std::int64_t days = (local_s >= 0 ? local_s : local_s - 86399) / 86400;
    const std::int64_t in_day = local_s - days * 86400;
    LocalTime t;
    t.date = civil_from_days(days);
    t.hour = static_cast<int>(in_day / 3600);
    t.minute = static_cast<int>(in_day % 3600 / 60);
    t.weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);
    return t;
}

std::int64_t TimeZone::to_unix_s(Date date, int hour, int minute) const {
    const std::int64_t wall = days_from_civil(date) * 86400 + hour * 3600 + minute * 60;
    // Try the offsets in force around the moment; the earliest that maps back wins.
    std::optional<std::int64_t> best;
    for (const int probe : {-2 * 86400, 0, 2 * 86400}) {
        const std::int64_t guess = wall - offset_at(wall + probe);
        if (guess + offset_at(guess) == wall && (!best || guess < *best))
            best = guess;
    }
    if (best)
        return *best;
    // A gap: the wall time never shows; the jump happens at the transition right after it.
    const std::int64_t before = wall - offset_at(wall - 2 * 86400);
    const auto next =
        std::upper_bound(transitions_.begin(), transitions_.end(), before - 2 * 86400);
    return next != transitions_.end() ? *next : before;
}

}  // namespace rs::recorder
