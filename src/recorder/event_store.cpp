#include "recorder/event_store.hpp"

#include <unordered_set>

#include "recorder/postgres_store.hpp"
#include "recorder/sqlite_store.hpp"

namespace rs::recorder {

std::unique_ptr<EventStore> open_store(const std::string& uri, const ZoneBook& zones) {
    if (uri.rfind("postgresql://", 0) == 0 || uri.rfind("postgres://", 0) == 0)
        return std::make_unique<PostgresStore>(uri, zones);
    const std::string path = uri.rfind("sqlite:", 0) == 0 ? uri.substr(7) : uri;
    if (path.empty())
        throw StoreUnavailable("the store '" + uri + "' names no file");
    return std::make_unique<SqliteStore>(path, zones);
}

std::vector<const RecordedEvent*> distinct_events(const std::vector<RecordedEvent>& batch) {
    std::unordered_set<std::string_view> seen;
    std::vector<const RecordedEvent*> out;
    out.reserve(batch.size());
    for (const auto& e : batch)
        if (seen.insert(e.event_id).second)
            out.push_back(&e);
    return out;
}

std::size_t key_columns(Grouping by) {
    switch (by) {
        case Grouping::total:
            return 0;
        case Grouping::station:
        case Grouping::hour_of_week:
            return 2;
        default:
            return 1;
    }
}

std::string grouped_sql(Grouping by, bool one_facility, std::string (*placeholder)(int)) {
    std::string keys;
    switch (by) {
        case Grouping::total:
            break;
        case Grouping::station:
            keys = "facility, station";
            break;
        case Grouping::routine:
            keys = "routine";
            break;
        case Grouping::day:
            keys = "day";
            break;
        case Grouping::hour:
            keys = "hour";
            break;
        case Grouping::hour_of_week:
            keys = "weekday, hour";
            break;
    }
    // The hour table for hours, the day table (which has the routine) for the rest.
    const bool hourly = by == Grouping::hour || by == Grouping::hour_of_week;
    std::string sql = "SELECT ";
    if (!keys.empty())
        sql += keys + ", ";
    sql += by == Grouping::hour_of_week
               ? "SUM(started)"
               : "SUM(started), SUM(completed), SUM(abandoned), SUM(user_stopped), "
                 "SUM(idle_timeout), SUM(preempted), SUM(power_loss), SUM(other), SUM(active_s), "
                 "SUM(force_sum), SUM(force_n), SUM(tempo_sum), SUM(tempo_n), "
                 "SUM(class_started), SUM(class_completed), SUM(eased_steps)";
    sql += std::string(" FROM ") + (hourly ? "rollup_hour" : "rollup_day") +
           " WHERE day >= " + placeholder(1) + " AND day <= " + placeholder(2);
    if (one_facility)
        sql += " AND facility = " + placeholder(3);
    if (!keys.empty())
        sql += " GROUP BY " + keys + " ORDER BY " + keys;
    return sql;
}

}  // namespace rs::recorder
