// The usage the retained stats report: facility-local days (across daylight-saving changes) and
// the seven-day summary read from a real outbox, at fixed instants, never the real time.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <chrono>
#include <ctime>
#include <optional>
#include <string>

#include "mqtt/payloads.hpp"
#include "mqtt/usage_summary.hpp"
#include "unit/outbox_file.hpp"

using rs::mqtt::local_days_ending;
using rs::mqtt::summarize_usage;
using namespace rs::test::outbox_file;

namespace {

constexpr std::int64_t kDayMs = 24 * kHourMs;

// The process's TZ for the length of a test (the kiosk sets it to the facility's at start).
class ScopedTimezone {
  public:
    explicit ScopedTimezone(const char* tz) {
        if (const char* old = ::getenv("TZ"))
            previous_ = old;
        ::setenv("TZ", tz, 1);
        ::tzset();
    }
    ~ScopedTimezone() {
        if (previous_) {
            ::setenv("TZ", previous_->c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }
    ScopedTimezone(const ScopedTimezone&) = delete;
    ScopedTimezone& operator=(const ScopedTimezone&) = delete;

  private:
    std::optional<std::string> previous_;
};

rs::core::WallTime at_ms(std::int64_t unix_ms) {
    return rs::core::WallTime{std::chrono::milliseconds(unix_ms)};
}

// 2026-11-21T12:00:00Z, a Saturday.
constexpr std::int64_t kNoonNov21 = 1'795'262'400'000;

void put(Outbox& outbox, const std::string& type, std::int64_t ts_ms, const std::string& routine,
         std::int64_t active_ms = 0, const std::string& reason = {}) {
    static int n = 0;
    const std::string id = "ev-" + std::to_string(++n);
    HistoryRow row{type,    ts_ms,     "s-" + std::to_string(ts_ms),
                   routine, "athlete", active_ms,
                   reason,  {},        std::nullopt,
                   true};
    outbox.append(
        id, row, [&](std::int64_t) { return std::string("{}"); }, ts_ms);
}

}  // namespace

TEST_CASE("local days end with today, oldest first, each from midnight to midnight", "[stats]") {
    ScopedTimezone utc("UTC");
    const auto days = local_days_ending(at_ms(kNoonNov21), 7);
    REQUIRE(days.size() == 7);
    CHECK(days.front().date == "2026-11-15");
    CHECK(days.back().date == "2026-11-21");
    CHECK(days.back().from_ms == kNoonNov21 - 12 * kHourMs);
    for (std::size_t i = 0; i < days.size(); ++i) {
        CHECK(days[i].to_ms - days[i].from_ms == kDayMs);
        if (i > 0)
            CHECK(days[i].from_ms == days[i - 1].to_ms);
    }
    // Exactly at midnight the new day has begun.
    CHECK(local_days_ending(at_ms(kNoonNov21 - 12 * kHourMs), 1).front().date == "2026-11-21");
    CHECK(local_days_ending(at_ms(kNoonNov21 - 12 * kHourMs - 1), 1).front().date == "2026-11-20");
}

TEST_CASE("a week across the end of summer time has one 25-hour day", "[stats]") {
    ScopedTimezone berlin("Europe/Berlin");
    // 2026-10-25 is the last Sunday of October: clocks go back at 03:00 local time.
    // 2026-10-28T12:00:00Z is a Wednesday.
    const std::int64_t noon_oct28 = 1'793'188'800'000;
    const auto days = local_days_ending(at_ms(noon_oct28), 7);
    REQUIRE(days.size() == 7);
    CHECK(days.front().date == "2026-10-22");
    CHECK(days.back().date == "2026-10-28");
    for (const auto& day : days) {
        INFO(day.date);
        CHECK(day.to_ms - day.from_ms == (day.date == "2026-10-25" ? 25 : 24) * kHourMs);
    }
    // Local midnight in winter time is 23:00 UTC the day before.
    CHECK(days.back().from_ms == noon_oct28 - 13 * kHourMs);
}

TEST_CASE("the seven-day summary adds up each day's sessions in the facility's time", "[stats]") {
    ScopedTimezone tz("Etc/GMT-2");  // a facility at UTC+2, all year
    TempDir dir;
    auto outbox = Outbox::open(dir.path() / "events.db").outbox;
    REQUIRE(outbox);
    const std::int64_t local_midnight_today = kNoonNov21 - 14 * kHourMs;  // 22:00Z on the 20th

    // Today: two sessions at 07:xx local, one completed, one abandoned.
    put(*outbox, "session_started", local_midnight_today + 7 * kHourMs, "pre-run");
    put(*outbox, "session_completed", local_midnight_today + 7 * kHourMs + 300'000, "pre-run",
        240'000);
    put(*outbox, "session_started", local_midnight_today + 7 * kHourMs + 600'000, "calves");
    put(*outbox, "session_abandoned", local_midnight_today + 7 * kHourMs + 700'000, "calves",
        60'000, "idle_timeout");
    // Three days ago, at 18:xx local.
    const std::int64_t three_days_ago = local_midnight_today - 3 * kDayMs;
    put(*outbox, "session_started", three_days_ago + 18 * kHourMs, "pre-run");
    put(*outbox, "session_completed", three_days_ago + 18 * kHourMs + 300'000, "pre-run", 300'000);
    // Seven days ago: outside the window.
    put(*outbox, "session_started", local_midnight_today - 6 * kDayMs - 1, "old");

    const auto usage = summarize_usage(*outbox, at_ms(kNoonNov21));
    CHECK(usage.today.day.date == "2026-11-21");
    CHECK(usage.today.stats.sessions == 2);
    CHECK(usage.today.stats.sessions_by_hour == std::map<int, int>{{7, 2}});
    REQUIRE(usage.days.size() == 7);
    CHECK(usage.days.front().day.date == "2026-11-15");
    CHECK(usage.days[3].day.date == "2026-11-18");
    CHECK(usage.days[3].stats.sessions == 1);
    CHECK(usage.days[3].stats.active_ms == 300'000);
    CHECK(usage.total.sessions == 3);
    CHECK(usage.total.completed == 2);
    CHECK(usage.total.abandoned == 1);
    CHECK(usage.total.active_ms == 600'000);
    CHECK(usage.total.by_routine.count("old") == 0);
    CHECK(usage.total.by_routine.at("pre-run").sessions == 2);
    CHECK(usage.total.by_routine.at("pre-run").completed == 2);
    CHECK(usage.total.sessions_by_hour == std::map<int, int>{{7, 2}, {18, 1}});
    CHECK(usage.total.abandoned_by_reason == std::map<std::string, int>{{"idle_timeout", 1}});
    CHECK(usage.total.by_routine.at("calves").abandoned == 1);

    SECTION("the stats payload carries today and the last seven days") {
        const auto j = nlohmann::json::parse(
            rs::mqtt::stats_payload(usage, {"Etc/GMT-2", 0, 0, true}, at_ms(kNoonNov21)));
        CHECK(j["v"] == 1);
        CHECK(j["date"] == "2026-11-21");
        CHECK(j["sessions"] == 2);
        CHECK(j["active_minutes"] == Approx(5.0));
        CHECK(j["sessions_by_hour"] == nlohmann::json{{"7", 2}});
        const auto& week = j["last_7_days"];
        CHECK(week["from"] == "2026-11-15");
        CHECK(week["to"] == "2026-11-21");
        CHECK(week["sessions"] == 3);
        CHECK(week["completed"] == 2);
        CHECK(week["active_minutes"] == Approx(10.0));
        CHECK(week["by_routine"]["pre-run"] ==
              nlohmann::json{{"sessions", 2}, {"completed", 2}, {"abandoned", 0}});
        CHECK(week["by_routine"]["calves"] ==
              nlohmann::json{{"sessions", 1}, {"completed", 0}, {"abandoned", 1}});
        CHECK(j["abandoned"] == 1);
        CHECK(j["abandoned_by_reason"] == nlohmann::json{{"idle_timeout", 1}});
        CHECK(week["abandoned_by_reason"] == nlohmann::json{{"idle_timeout", 1}});
        // Each end by the hour it happened (these test sessions have no start of their own).
        CHECK(j["completed_by_hour"] == nlohmann::json{{"7", 1}});
        CHECK(j["abandoned_by_hour"] == nlohmann::json{{"7", 1}});
        CHECK(week["sessions_by_hour"] == nlohmann::json{{"7", 2}, {"18", 1}});
        REQUIRE(week["days"].size() == 7);
        CHECK(week["days"][3] == nlohmann::json{{"date", "2026-11-18"},
                                                {"sessions", 1},
                                                {"completed", 1},
                                                {"abandoned", 0},
                                                {"abandoned_by_reason", nlohmann::json::object()},
                                                {"active_minutes", 5.0}});
        CHECK(week["days"][0]["sessions"] == 0);
    }
}
