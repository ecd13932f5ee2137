// Reports from the rollups: sessions, completed and abandoned (by reason), active minutes,
// utilisation over opening hours, class vs self-started, mean pressure and tempo, and the
// hour-of-week heatmap. The maths is pure; the store only adds up rows.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "recorder/event_store.hpp"
#include "recorder/recorder_config.hpp"

namespace rs::recorder {

struct ReportRequest {
    std::string facility;  // empty: every facility
    Date from, to;         // local dates, both included
    Grouping by = Grouping::station;
};

struct ReportGroup {
    std::string id;  // the station ("facility/station" across facilities), routine, day or hour
    RollupCounts counts;
    std::optional<double> utilisation;  // 0-1, where opening hours give it a meaning
};

struct Report {
    ReportRequest request;
    RollupCounts total;
    std::optional<double> utilisation;
    double opening_minutes = 0;  // per station, summed over facilities
    int stations = 0;
    std::vector<ReportGroup> groups;
    std::array<std::array<std::int64_t, 24>, 7> heatmap{};  // sessions by weekday, local hour
};

// Minutes open between two local dates (both included), across DST changes.
double opening_minutes(const OpeningHours& hours, const TimeZone& zone, Date from, Date to);

Report build_report(EventStore& store, const RecorderConfig& config, const ReportRequest& request);

std::optional<Grouping> parse_grouping(const std::string& text);
std::string name_of(Grouping by);

std::string report_csv(const Report& report);
std::string report_json(const Report& report);
nlohmann::json report_to_json(const Report& report);
std::string report_table(const Report& report);

}  // namespace rs::recorder
