// A report as CSV (one row per group, for a spreadsheet), JSON (everything, for programs and
// the dashboard) and a table (for a person at a terminal).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

#include "recorder/report.hpp"

namespace rs::recorder {
namespace {

constexpr std::array<const char*, 7> kWeekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string fixed(double v, int decimals) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

std::optional<double> mean(double sum, std::int64_t n) {
    if (n == 0)
        return std::nullopt;
    return sum / static_cast<double>(n);
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (const char ch : s)
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

nlohmann::json counts_json(const RollupCounts& c) {
    nlohmann::json j = {{"sessions", c.started},
                        {"completed", c.completed},
                        {"abandoned", c.abandoned},
                        {"abandoned_by_reason",
                         {{"user_stopped", c.user_stopped},
                          {"idle_timeout", c.idle_timeout},
                          {"preempted", c.preempted},
                          {"power_loss", c.power_loss},
                          {"other", c.other}}},
                        {"active_minutes", c.active_s / 60.0},
                        {"class_sessions", c.class_started},
                        {"class_completed", c.class_completed},
                        {"self_started_sessions", c.started - c.class_started},
                        {"eased_steps", c.eased_steps}};
    if (const auto f = mean(c.force_sum, c.force_n))
        j["mean_force_n"] = *f;
    if (const auto t = mean(c.tempo_sum, c.tempo_n))
        j["mean_seconds_per_pass"] = *t;
    return j;
}

}  // namespace

std::string report_csv(const Report& r) {
    std::ostringstream out;
    out << name_of(r.request.by)
        << ",sessions,completed,abandoned,user_stopped,idle_timeout,preempted,power_loss,other,"
           "active_minutes,utilisation_pct,class_sessions,class_completed,mean_force_n,"
           "mean_seconds_per_pass,eased_steps\n";
    for (const auto& g : r.groups) {
        const auto& c = g.counts;
        const auto f = mean(c.force_sum, c.force_n);
        const auto t = mean(c.tempo_sum, c.tempo_n);
        out << csv_field(g.id) << ',' << c.started << ',' << c.completed << ',' << c.abandoned
            << ',' << c.user_stopped << ',' << c.idle_timeout << ',' << c.preempted << ','
            << c.power_loss << ',' << c.other << ',' << fixed(c.active_s / 60.0, 1) << ','
            << (g.utilisation ? fixed(*g.utilisation * 100.0, 1) : "") << ',' << c.class_started
            << ',' << c.class_completed << ',' << (f ? fixed(*f, 1) : "") << ','
            << (t ? fixed(*t, 2) : "") << ',' << c.eased_steps << '\n';
    }
    return out.str();
}

std::string report_json(const Report& r) {
    return report_to_json(r).dump();
}

nlohmann::json report_to_json(const Report& r) {
    nlohmann::json j = {{"v", 1},
                        {"from", format_date(r.request.from)},
                        {"to", format_date(r.request.to)},
                        {"by", name_of(r.request.by)},
                        {"stations", r.stations},
                        {"opening_minutes", r.opening_minutes},
                        {"total", counts_json(r.total)}};
    if (!r.request.facility.empty())
        j["facility"] = r.request.facility;
    if (r.utilisation)
        j["total"]["utilisation"] = *r.utilisation;
    j["groups"] = nlohmann::json::array();
    for (const auto& g : r.groups) {
        auto row = counts_json(g.counts);
        row["id"] = g.id;
        if (g.utilisation)
            row["utilisation"] = *g.utilisation;
        j["groups"].push_back(row);
    }
    j["heatmap"] = r.heatmap;  // [weekday Monday first][local hour]: sessions started
    return j;
}

std::string report_table(const Report& r) {
    std::ostringstream out;
    out << "Report " << format_date(r.request.from) << " to " << format_date(r.request.to)
        << (r.request.facility.empty() ? " (every facility)" : " for " + r.request.facility)
        << ", by " << name_of(r.request.by) << "\n\n";
    char line[256];
    std::snprintf(line, sizeof line, "%-28s %9s %9s %9s %10s %7s %7s\n",
                  name_of(r.request.by).c_str(), "sessions", "completed", "abandoned", "active min",
                  "use %", "class");
    out << line;
    const auto row = [&](const std::string& id, const RollupCounts& c, std::optional<double> use) {
        std::snprintf(line, sizeof line, "%-28.28s %9lld %9lld %9lld %10.1f %7s %7lld\n",
                      id.c_str(), static_cast<long long>(c.started),
                      static_cast<long long>(c.completed), static_cast<long long>(c.abandoned),
                      c.active_s / 60.0, use ? fixed(*use * 100.0, 1).c_str() : "-",
                      static_cast<long long>(c.class_started));
        out << line;
    };
    for (const auto& g : r.groups)
        row(g.id, g.counts, g.utilisation);
    row("total", r.total, r.utilisation);
    const auto& t = r.total;
    out << "\nabandoned: user stopped " << t.user_stopped << ", idle timeout " << t.idle_timeout
        << ", preempted " << t.preempted << ", power loss " << t.power_loss << ", other " << t.other
        << "\n";
    out << "class sessions " << t.class_started << " (" << t.class_completed
        << " completed), self-started " << t.started - t.class_started << "\n";
    out << "steps eased off (\"Too intense\"): " << t.eased_steps << "\n";
    if (const auto f = mean(t.force_sum, t.force_n))
        out << "mean pressure " << fixed(*f, 1) << " N over " << t.force_n << " sessions\n";
    if (const auto s = mean(t.tempo_sum, t.tempo_n))
        out << "mean tempo " << fixed(*s, 2) << " s a pass over " << t.tempo_n << " sessions\n";
    out << "\nsessions by hour of week (local time)\n     ";
    for (int h = 0; h < 24; ++h)
        out << (h < 10 ? "  " : " ") << h;
    out << "\n";
    for (std::size_t d = 0; d < 7; ++d) {
        out << kWeekdays[d] << "  ";
        for (const auto n : r.heatmap[d]) {
            std::snprintf(line, sizeof line, "%3lld", static_cast<long long>(n));
            out << (n == 0 ? "  ." : line);
        }
        out << "\n";
    }
    return out.str();
}

}  // namespace rs::recorder
