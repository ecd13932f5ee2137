#include "mqtt/usage_summary.hpp"

#include <ctime>

namespace rs::mqtt {
namespace {

std::int64_t seconds_to_ms(std::time_t t) {
    return static_cast<std::int64_t>(t) * 1000;
}

// Midnight starting the local day `offset` days after the one `local` lies in; mktime
// normalises the day of the month and finds the right daylight-saving offset (tm_isdst -1).
std::time_t local_midnight(const std::tm& local, int offset) {
    std::tm midnight = local;
    midnight.tm_hour = midnight.tm_min = midnight.tm_sec = 0;
    midnight.tm_mday += offset;
    midnight.tm_isdst = -1;
    return std::mktime(&midnight);
}

std::string date_of(std::time_t t) {
    std::tm local{};
    localtime_r(&t, &local);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    return date;
}

void add(storage::DayStats& into, const storage::DayStats& day) {
    into.sessions += day.sessions;
    into.completed += day.completed;
    into.abandoned += day.abandoned;
    into.active_ms += day.active_ms;
    for (const auto& [reason, n] : day.abandoned_by_reason)
        into.abandoned_by_reason[reason] += n;
    for (const auto& [id, r] : day.by_routine) {
        into.by_routine[id].sessions += r.sessions;
        into.by_routine[id].completed += r.completed;
        into.by_routine[id].abandoned += r.abandoned;
    }
    for (const auto& [hour, n] : day.sessions_by_hour)
        into.sessions_by_hour[hour] += n;
    for (const auto& [hour, o] : day.outcomes_by_hour) {
        into.outcomes_by_hour[hour].completed += o.completed;
        into.outcomes_by_hour[hour].abandoned += o.abandoned;
    }
}

}  // namespace

std::vector<LocalDay> local_days_ending(core::WallTime now, int count) {
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm local{};
    localtime_r(&t, &local);
    std::vector<LocalDay> days;
    for (int offset = 1 - count; offset <= 0; ++offset) {
        const std::time_t start = local_midnight(local, offset);
        const std::time_t end = local_midnight(local, offset + 1);
        days.push_back({date_of(start), seconds_to_ms(start), seconds_to_ms(end)});
    }
    return days;
}

int local_hour(std::int64_t unix_ms) {
    const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    return local.tm_hour;
}

UsageSummary summarize_usage(storage::Outbox& outbox, core::WallTime now, int days) {
    UsageSummary summary;
    for (const LocalDay& day : local_days_ending(now, days)) {
        DayUsage usage{day, outbox.stats(day.from_ms, day.to_ms, local_hour)};
        add(summary.total, usage.stats);
        summary.days.push_back(std::move(usage));
    }
    if (!summary.days.empty())
        summary.today = summary.days.back();
    return summary;
}

}  // namespace rs::mqtt
