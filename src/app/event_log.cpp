#include "event_log.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>

namespace rs::app {
namespace {

std::string iso8601(core::WallTime t) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char out[64];  // room for any int the format could be handed
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(ms % 1000));
    return out;
}

double seconds(core::Millis ms) {
    return static_cast<double>(ms.count()) / 1000.0;
}

}  // namespace

std::string describe_event(const core::UsageEvent& e) {
    // Every field that is set, under the names the facility's payloads use.
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
    return "event " + j.dump();
}

}  // namespace rs::app
