// What the retained stats report: the facility-local day so far and the seven days that end
// with it, read from the usage history. Days follow the process's TZ (the facility's, see main).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "storage/outbox.hpp"

namespace rs::mqtt {

// One facility-local calendar day as a half-open range of wall-clock instants (a day across a
// daylight-saving change is 23 or 25 hours long).
struct LocalDay {
    std::string date;  // YYYY-MM-DD
    std::int64_t from_ms = 0;
    std::int64_t to_ms = 0;
};

// The local day around `now` and the `count - 1` days before it, oldest first.
std::vector<LocalDay> local_days_ending(core::WallTime now, int count);

// The local hour (0-23) of a wall-clock instant.
int local_hour(std::int64_t unix_ms);

struct DayUsage {
    LocalDay day;
    storage::DayStats stats;
};

struct UsageSummary {
    DayUsage today;
    std::vector<DayUsage> days;  // the last `days` local days, oldest first, today last
    storage::DayStats total;     // the same days added together
};

inline constexpr int kSummaryDays = 7;

UsageSummary summarize_usage(storage::Outbox& outbox, core::WallTime now, int days = kSummaryDays);

}  // namespace rs::mqtt
