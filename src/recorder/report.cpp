#include "recorder/report.hpp"

#include <map>

namespace rs::recorder {

double opening_minutes(const OpeningHours& hours, const TimeZone& zone, Date from, Date to) {
    double minutes = 0;
    for (std::int64_t d = days_from_civil(from); d <= days_from_civil(to); ++d) {
        const Date date = civil_from_days(d);
        const auto& open = hours.by_weekday[static_cast<std::size_t>(weekday_of(date))];
        if (!open)
            continue;
        // Through the zone, so a day that loses or gains an hour is open for as long as the
        // clock on the wall says.
        const auto at = [&](int minute) {
            return minute >= 24 * 60 ? zone.to_unix_s(civil_from_days(d + 1), 0, 0)
                                     : zone.to_unix_s(date, minute / 60, minute % 60);
        };
        minutes += static_cast<double>(at(open->close_min) - at(open->open_min)) / 60.0;
    }
    return minutes;
}

std::optional<Grouping> parse_grouping(const std::string& text) {
    for (const Grouping g : {Grouping::station, Grouping::routine, Grouping::day, Grouping::hour})
        if (text == name_of(g))
            return g;
    return std::nullopt;
}

std::string name_of(Grouping by) {
    switch (by) {
        case Grouping::total:
            return "total";
        case Grouping::station:
            return "station";
        case Grouping::routine:
            return "routine";
        case Grouping::day:
            return "day";
        case Grouping::hour:
            return "hour";
        case Grouping::hour_of_week:
            return "hour_of_week";
    }
    return "?";
}

Report build_report(EventStore& store, const RecorderConfig& config, const ReportRequest& request) {
    Report report;
    report.request = request;
    const RollupQuery query{request.facility, request.from, request.to};
    const ZoneBook zones = zones_of(config);

    // Opening minutes per facility, and how many stations each has.
    std::map<std::string, double> open_by_facility;
    std::map<std::string, int> stations_by_facility;
    for (const auto& s : store.stations(request.facility))
        ++stations_by_facility[s.facility];
    double open_total = 0;
    for (const auto& [facility, count] : stations_by_facility) {
        const double open = opening_minutes(hours_of(config, facility), zones.zone_of(facility),
                                            request.from, request.to);
        open_by_facility[facility] = open;
        open_total += open * count;
        report.opening_minutes += open;
        report.stations += count;
    }
    const auto share = [](double active_s, double open_min) -> std::optional<double> {
        if (open_min <= 0)
            return std::nullopt;
        return active_s / 60.0 / open_min;
    };

    const auto totals = store.grouped(query, Grouping::total);
    if (!totals.empty())
        report.total = totals.front().counts;
    report.utilisation = share(report.total.active_s, open_total);

    const bool one_facility = !request.facility.empty() || stations_by_facility.size() <= 1;
    for (auto& row : store.grouped(query, request.by)) {
        ReportGroup g;
        g.counts = row.counts;
        switch (request.by) {
            case Grouping::station:
                g.id = one_facility ? row.key[1] : row.key[0] + "/" + row.key[1];
                g.utilisation = share(row.counts.active_s, open_by_facility[row.key[0]]);
                break;
            case Grouping::day: {
                g.id = row.key[0];
                double open_that_day = 0;
                if (const auto day = parse_date(g.id))
                    for (const auto& [facility, count] : stations_by_facility)
                        open_that_day +=
                            count * opening_minutes(hours_of(config, facility),
                                                    zones.zone_of(facility), *day, *day);
                g.utilisation = share(row.counts.active_s, open_that_day);
                break;
            }
            default:
                g.id = row.key.empty() ? "" : row.key[0];
        }
        report.groups.push_back(std::move(g));
    }
    for (const auto& row : store.grouped(query, Grouping::hour_of_week)) {
        const int weekday = std::stoi(row.key[0]), hour = std::stoi(row.key[1]);
        if (weekday >= 0 && weekday < 7 && hour >= 0 && hour < 24)
            report.heatmap[static_cast<std::size_t>(weekday)][static_cast<std::size_t>(hour)] =
                row.counts.started;
    }
    return report;
}

}  // namespace rs::recorder
