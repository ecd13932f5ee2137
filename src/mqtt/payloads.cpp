#include "mqtt/payloads.hpp"

#include <cstdio>
#include <ctime>
#include <map>

namespace rs::mqtt {
namespace {

double seconds(core::Millis ms) {
    return static_cast<double>(ms.count()) / 1000.0;
}

const char* mode_of(const core::KioskState& s) {
    if (s.session_running())
        return "session";
    if (s.screen == core::Screen::class_countdown)
        return "class_countdown";
    if (s.screen == core::Screen::home && !s.safety_visible)
        return "idle";
    return "browsing";
}

}  // namespace

std::string iso8601_ms(std::int64_t ms) {
    const auto secs = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    std::tm utc{};
    gmtime_r(&secs, &utc);
    char out[64];
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(((ms % 1000) + 1000) % 1000));
    return out;
}

std::string iso8601(core::WallTime t) {
    return iso8601_ms(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

nlohmann::json event_fields(const core::UsageEvent& e) {
    nlohmann::json j;
    j["v"] = 1;
    j["type"] = core::name_of(e.type);
    j["ts"] = iso8601(e.ts);
    if (!e.sensor_id.empty())
        j["sensor_id"] = e.sensor_id;
    if (!e.session_id.empty()) {
        j["session_id"] = e.session_id;
        j["routine_id"] = e.routine_id;
        j["source"] = core::name_of(e.source);
        if (!e.command_id.empty())
            j["command_id"] = e.command_id;
        j["language"] = core::code_of(e.language);
        j["planned_s"] = e.planned_s;
        j["active_s"] = seconds(e.active);
    }
    if (e.step_index) {
        j["step_index"] = *e.step_index;
        j["area"] = core::name_of(*e.area);
        j["tool"] = core::name_of(*e.tool);
        j["side"] = core::name_of(*e.side);
        j["set"] = *e.set;
        j["skipped"] = e.skipped;
        if (e.eased_from_tool || e.eased_from_pressure) {
            // "Too intense": what the routine asked for before the athlete eased off.
            nlohmann::json eased;
            if (e.eased_from_tool)
                eased["tool"] = core::name_of(*e.eased_from_tool);
            if (e.eased_from_pressure)
                eased["pressure"] = core::name_of(*e.eased_from_pressure);
            j["eased_from"] = eased;
        }
    }
    if (e.steps_total) {
        j["steps_completed"] = e.steps_completed.value_or(0);
        j["steps_skipped"] = e.steps_skipped.value_or(0);
        j["steps_total"] = *e.steps_total;
    }
    if (e.elapsed)
        j["elapsed_s"] = seconds(*e.elapsed);
    if (e.reason)
        j["reason"] = core::name_of(*e.reason);
    if (e.passes)
        j["passes"] = *e.passes;
    if (e.seconds_per_pass)
        j["seconds_per_pass"] = *e.seconds_per_pass;
    if (e.sensor_active)
        j["sensor_active_s"] = seconds(*e.sensor_active);
    if (e.mean_force_n)
        j["mean_force_n"] = *e.mean_force_n;
    if (e.peak_force_n)
        j["peak_force_n"] = *e.peak_force_n;
    return j;
}

std::string event_payload(const core::UsageEvent& e, const std::string& station, std::int64_t seq,
                          const std::string& event_id, const EventClock& clock) {
    nlohmann::json j = event_fields(e);
    j["event_id"] = event_id;
    j["station"] = station;
    j["seq"] = seq;
    j["boot_id"] = clock.boot_id;
    j["mono_ms"] = clock.mono_ms;
    j["clock_synced"] = clock.synced;
    return j.dump();
}

std::string restamped_payload(const std::string& payload, std::int64_t ts_ms) {
    nlohmann::json j = nlohmann::json::parse(payload, nullptr, false);
    if (!j.is_object())
        return payload;  // not ours to mend: it goes as it was stored
    if (!j.contains("recorded_ts") && j.contains("ts"))
        j["recorded_ts"] = j["ts"];
    j["ts"] = iso8601_ms(ts_ms);
    j["clock_synced"] = true;
    return j.dump();
}

std::string clock_corrected_payload(const std::string& station, std::int64_t seq,
                                    const std::string& event_id, const EventClock& clock,
                                    core::WallTime now, std::int64_t corrects) {
    return nlohmann::json{{"v", 1},
                          {"type", "clock_corrected"},
                          {"ts", iso8601(now)},
                          {"event_id", event_id},
                          {"station", station},
                          {"seq", seq},
                          {"boot_id", clock.boot_id},
                          {"mono_ms", clock.mono_ms},
                          {"clock_synced", true},
                          {"corrects", corrects}}
        .dump();
}

std::string session_snapshot(const core::UsageEvent& started) {
    return nlohmann::json{
        {"routine_id", started.routine_id}, {"source", core::name_of(started.source)},
        {"command_id", started.command_id}, {"language", core::code_of(started.language)},
        {"planned_s", started.planned_s},   {"steps_total", started.steps_total.value_or(0)}}
        .dump();
}

core::UsageEvent power_loss_closing(const std::string& session_id, const std::string& snapshot,
                                    core::WallTime now) {
    core::UsageEvent e;
    e.type = core::EventType::session_abandoned;
    e.ts = now;
    e.session_id = session_id;
    e.reason = core::AbandonReason::power_loss;
    const nlohmann::json snap = nlohmann::json::parse(snapshot, nullptr, false);
    if (!snap.is_object())
        return e;
    const auto text = [&](const char* key, const char* fallback) {
        const auto it = snap.find(key);
        return it != snap.end() && it->is_string() ? it->get<std::string>() : fallback;
    };
    const auto number = [&](const char* key) {
        const auto it = snap.find(key);
        return it != snap.end() && it->is_number_integer() ? it->get<int>() : 0;
    };
    e.routine_id = text("routine_id", "");
    e.source = text("source", "athlete") == core::name_of(core::SessionSource::class_command)
                   ? core::SessionSource::class_command
                   : core::SessionSource::athlete;
    e.command_id = text("command_id", "");
    // Snapshots written before sessions had a language read as English, the old kiosk's only one.
    e.language = core::parse_language(text("language", "en")).value_or(core::Language::en);
    e.planned_s = number("planned_s");
    e.steps_total = number("steps_total");
    return e;
}

SessionProgress session_progress(const std::vector<std::pair<std::string, std::string>>& events) {
    SessionProgress p;
    // The last outcome of each step counts (going back replays a step).
    std::map<int, std::pair<bool, double>> steps;  // step_index -> (skipped, active_s)
    for (const auto& [type, payload] : events) {
        if (type == "session_completed" || type == "session_abandoned")
            p.ended = true;
        if (type != "step_completed")
            continue;
        const nlohmann::json j = nlohmann::json::parse(payload, nullptr, false);
        if (!j.is_object() || !j.contains("step_index") || !j["step_index"].is_number_integer())
            continue;
        const bool skipped = j.value("skipped", false);
        const double active =
            j.contains("active_s") && j["active_s"].is_number() ? j["active_s"].get<double>() : 0.0;
        steps[j["step_index"].get<int>()] = {skipped, active};
    }
    double active_s = 0;
    for (const auto& [index, outcome] : steps) {
        ++(outcome.first ? p.steps_skipped : p.steps_completed);
        active_s += outcome.second;
    }
    p.active = core::Millis{static_cast<std::int64_t>(active_s * 1000.0 + 0.5)};
    return p;
}

core::UsageEvent cut_short_closing(const std::string& session_id, const std::string& snapshot,
                                   const SessionProgress& progress, core::WallTime now) {
    core::UsageEvent e = power_loss_closing(session_id, snapshot, now);
    e.steps_completed = progress.steps_completed;
    e.steps_skipped = progress.steps_skipped;
    e.active = progress.active;
    const int total = e.steps_total.value_or(0);
    if (total > 0 && progress.steps_completed + progress.steps_skipped >= total) {
        e.type = core::EventType::session_completed;
        e.reason.reset();
    }
    return e;
}

std::string status_online(const OnlineStatus& status) {
    return nlohmann::json{{"v", 1},
                          {"online", true},
                          {"boot_id", status.boot_id},
                          {"version", status.version},
                          {"started_at", iso8601(status.started_at)},
                          {"name", status.name},
                          {"groups", status.groups},
                          {"clock_synced", status.clock_synced}}
        .dump();
}

std::string status_offline(const std::string& boot_id) {
    return nlohmann::json{{"v", 1}, {"online", false}, {"boot_id", boot_id}}.dump();
}

nlohmann::json state_fields(const core::KioskState& s) {
    nlohmann::json j;
    j["v"] = 1;
    j["mode"] = mode_of(s);
    nlohmann::json sensors = nlohmann::json::array();
    for (const auto& sensor : s.sensors)
        // bad_lines: the parser's count since the station started (bad checksums, over-long
        // and malformed lines), for the recorder's alert; it changes only when one arrives.
        sensors.push_back({{"id", sensor.spec.id},
                           {"connected", sensor.connected},
                           {"bad_lines", sensor.counters.bad_lines()}});
    j["sensors"] = sensors;
    if (s.session_running()) {
        const core::Session& session = *s.session;
        const core::Segment& seg = session.current_segment();
        const core::Step& step = session.current_step();
        j["session_id"] = session.session_id;
        j["routine_id"] = session.routine->id;
        // In the house language, as the dashboard's staff read it, whatever the athlete chose.
        j["routine_title"] = session.routine->title.in(s.settings.house_language);
        j["source"] = core::name_of(session.source);
        j["step"] = {{"index", session.segment + 1},          {"count", session.plan.size()},
                     {"area", core::name_of(step.area)},      {"tool", core::name_of(step.tool)},
                     {"side", core::name_of(seg.side)},       {"set", seg.set},
                     {"phase", core::name_of(session.phase)}, {"paused", session.paused}};
        j["planned_s"] = session.planned_total_s();
    }
    return j;
}

std::string state_payload(const core::KioskState& s, core::WallTime now) {
    nlohmann::json j = state_fields(s);
    if (s.session_running()) {
        const core::Session& session = *s.session;
        j["elapsed_s"] =
            std::chrono::duration<double>(session.last_advance - session.started_at).count();
        j["remaining_s"] = seconds(session.remaining());
    }
    j["updated_at"] = iso8601(now);
    return j.dump();
}

std::string telemetry_payload(const core::KioskState& s, core::WallTime now) {
    nlohmann::json j;
    j["v"] = 1;
    j["ts"] = iso8601(now);
    if (s.session) {
        const core::Session& session = *s.session;
        j["session_id"] = session.session_id;
        j["phase"] = core::name_of(session.phase);
        j["step_index"] = session.segment + 1;
        j["remaining_s"] = seconds(session.remaining());
        const core::MotionTotals m = session.segment_motion();
        j["passes"] = m.passes;
        j["working_s"] = seconds(m.active());
        if (const auto spp = m.seconds_per_pass())
            j["seconds_per_pass"] = *spp;
    }
    if (const core::SensorState* lead = core::lead_sensor(s.sensors)) {
        j["sensor_id"] = lead->spec.id;
        j["speed_cm_s"] = lead->motion.speed_cm_s();
    }
    if (const auto force = core::gauge_force(s.sensors))
        j["force_n"] = *force;
    if (s.cue != core::CoachCue::none)
        j["cue"] = core::text_of(s.cue);
    return j.dump();
}

std::string result_payload(const core::CommandResult& r, const std::string& station,
                           core::WallTime now) {
    nlohmann::json j{
        {"v", 1}, {"station", station}, {"result", core::name_of(r.outcome)}, {"ts", iso8601(now)}};
    if (!r.command_id.empty())
        j["command_id"] = r.command_id;
    if (!r.reason.empty())
        j["reason"] = r.reason;
    return j.dump();
}

namespace {

double minutes(std::int64_t ms) {
    return static_cast<double>(ms) / 60000.0;
}

// The counts of one day or several: what every entry of the stats has in common. `sessions`
// counts sessions started; completed and abandoned those that ended, abandoned by reason.
nlohmann::json usage_fields(const storage::DayStats& d) {
    nlohmann::json reasons = nlohmann::json::object();
    for (const auto& [reason, n] : d.abandoned_by_reason)
        reasons[reason] = n;
    return {{"sessions", d.sessions},
            {"completed", d.completed},
            {"abandoned", d.abandoned},
            {"abandoned_by_reason", std::move(reasons)},
            {"active_minutes", minutes(d.active_ms)}};
}

// Sessions per routine and per local hour of the day.
void add_breakdowns(nlohmann::json& j, const storage::DayStats& d) {
    nlohmann::json routines = nlohmann::json::object();
    for (const auto& [id, r] : d.by_routine)
        routines[id] = {
            {"sessions", r.sessions}, {"completed", r.completed}, {"abandoned", r.abandoned}};
    nlohmann::json hours = nlohmann::json::object();
    for (const auto& [hour, n] : d.sessions_by_hour)
        hours[std::to_string(hour)] = n;
    nlohmann::json completed = nlohmann::json::object();
    nlohmann::json abandoned = nlohmann::json::object();
    for (const auto& [hour, o] : d.outcomes_by_hour) {
        if (o.completed > 0)
            completed[std::to_string(hour)] = o.completed;
        if (o.abandoned > 0)
            abandoned[std::to_string(hour)] = o.abandoned;
    }
    j["by_routine"] = routines;
    j["sessions_by_hour"] = hours;
    j["completed_by_hour"] = completed;
    j["abandoned_by_hour"] = abandoned;
}

}  // namespace

std::string stats_payload(const UsageSummary& u, const StatsContext& c, core::WallTime now) {
    nlohmann::json j = usage_fields(u.today.stats);
    j["v"] = 1;
    j["date"] = u.today.day.date;
    j["timezone"] = c.timezone;
    add_breakdowns(j, u.today.stats);

    nlohmann::json week = usage_fields(u.total);
    week["from"] = u.days.empty() ? u.today.day.date : u.days.front().day.date;
    week["to"] = u.today.day.date;
    add_breakdowns(week, u.total);
    nlohmann::json days = nlohmann::json::array();
    for (const DayUsage& day : u.days) {
        nlohmann::json entry = usage_fields(day.stats);
        entry["date"] = day.day.date;
        days.push_back(std::move(entry));
    }
    week["days"] = std::move(days);
    j["last_7_days"] = std::move(week);

    j["outbox_depth"] = c.outbox_depth;
    j["dropped_events"] = c.dropped;
    j["quarantined_events"] = c.quarantined;
    j["clock_synced"] = c.clock_synced;
    j["updated_at"] = iso8601(now);
    return j.dump();
}

std::string routines_payload(const core::Library& library, core::Language language) {
    nlohmann::json routines = nlohmann::json::array();
    for (const core::RoutinePtr& r : library.routines()) {
        nlohmann::json tools = nlohmann::json::array();
        for (const core::Tool tool : r->tools)
            tools.push_back(core::name_of(tool));
        routines.push_back({{"id", r->id},
                            {"title", r->title.in(language)},
                            {"purpose", core::name_of(r->purpose)},
                            {"level", core::name_of(r->level)},
                            {"tools", std::move(tools)},
                            {"planned_s", core::planned_seconds(*r)}});
    }
    return nlohmann::json{{"v", 1}, {"routines", std::move(routines)}}.dump();
}

}  // namespace rs::mqtt
