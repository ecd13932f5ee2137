#include "recorder/recorded_event.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <regex>

#include "recorder/time_zone.hpp"

namespace rs::recorder {
namespace {

using nlohmann::json;

constexpr std::array kTypes = {"session_started",   "step_completed",   "session_completed",
                               "session_abandoned", "sensor_connected", "sensor_lost",
                               "clock_corrected"};
constexpr std::array kReasons = {"user_stopped", "idle_timeout", "preempted", "power_loss"};

// Identifiers are what stations write: letters, digits and a few separators, bounded.
bool is_identifier(const std::string& s, std::size_t max) {
    static const std::regex shape(R"([A-Za-z0-9][A-Za-z0-9_.:-]*)");
    return !s.empty() && s.size() <= max && std::regex_match(s, shape);
}

template <std::size_t N>
bool one_of(const std::string& s, const std::array<const char*, N>& names) {
    for (const char* n : names)
        if (s == n)
            return true;
    return false;
}

struct Fields {
    const json& j;
    std::string problem;

    std::optional<std::string> text(const char* key, bool required, std::size_t max = 128) {
        const auto it = j.find(key);
        if (!problem.empty())
            return std::nullopt;  // the first problem is the one reported
        if (it == j.end()) {
            if (required)
                problem = std::string("missing \"") + key + "\"";
            return std::nullopt;
        }
        if (!it->is_string() || !is_identifier(it->get<std::string>(), max)) {
            problem = std::string("\"") + key + "\" must be an identifier of at most " +
                      std::to_string(max) + " letters, digits, '_', '.', ':' or '-'";
            return std::nullopt;
        }
        return it->get<std::string>();
    }
    std::optional<double> number(const char* key, double max) {
        const auto it = j.find(key);
        if (it == j.end() || !problem.empty())
            return std::nullopt;
        if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0 ||
            it->get<double>() > max) {
            problem = std::string("\"") + key + "\" must be a number from 0 to " +
                      std::to_string(static_cast<long long>(max));
            return std::nullopt;
        }
        return it->get<double>();
    }
};

}  // namespace

Outcome RecordedEvent::outcome() const {
    if (type == "session_completed")
        return Outcome::completed;
    if (type == "session_abandoned")
        return Outcome::abandoned;
    return Outcome::none;
}

std::int64_t RecordedEvent::session_start_ms() const {
    if (outcome() == Outcome::none)
        return ts_ms;
    return ts_ms - static_cast<std::int64_t>(std::llround(elapsed_s * 1000.0));
}

std::optional<EventTopic> parse_event_topic(std::string_view topic, std::string_view root) {
    // root / facility / "station" / id / "event"
    std::array<std::string_view, 5> levels;
    std::size_t count = 0, start = 0;
    for (std::size_t i = 0; i <= topic.size(); ++i) {
        if (i == topic.size() || topic[i] == '/') {
            if (count == levels.size())
                return std::nullopt;
            levels[count++] = topic.substr(start, i - start);
            start = i + 1;
        }
    }
    if (count != 5 || levels[0] != root || levels[2] != "station" || levels[4] != "event" ||
        levels[1].empty() || levels[3].empty())
        return std::nullopt;
    return EventTopic{std::string(levels[1]), std::string(levels[3])};
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
    static const std::regex shape(
        R"((\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z)");
    std::cmatch m;
    if (!std::regex_match(text.begin(), text.end(), m, shape))
        return std::nullopt;
    const auto date = parse_date(m[1].str());
    const int h = std::stoi(m[2].str()), mi = std::stoi(m[3].str()), s = std::stoi(m[4].str());
    if (!date || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    std::int64_t ms = 0;
    if (m[5].matched) {
        std::string frac = m[5].str();
        frac.resize(3, '0');
        ms = std::stoi(frac);
    }
    return (days_from_civil(*date) * 86400 + h * 3600 + mi * 60 + s) * 1000 + ms;
}

std::variant<RecordedEvent, std::string> decode_event(const EventTopic& from,
                                                      std::string_view payload) {
    if (payload.size() > kMaxPayloadBytes)
        return "payload of " + std::to_string(payload.size()) + " bytes is over the " +
               std::to_string(kMaxPayloadBytes) + "-byte limit";
    const json j = json::parse(payload.begin(), payload.end(), nullptr, false);
    if (j.is_discarded())
        return std::string("payload is not JSON");
    if (!j.is_object())
        return std::string("payload is not a JSON object");
    if (!j.contains("v") || j["v"] != 1)
        return std::string("\"v\" must be 1");
    Fields f{j, {}};
    RecordedEvent e;
    e.facility = from.facility;
    e.station = from.station;
    e.payload = std::string(payload);
    const auto id = f.text("event_id", true, 64);
    const auto station = f.text("station", true);
    if (!f.problem.empty())
        return f.problem;
    e.event_id = *id;
    if (*station != from.station)
        return "\"station\" is '" + *station + "' but the topic is station '" + from.station + "'";
    const auto seq = j.find("seq");
    if (seq == j.end() || !seq->is_number_integer() || seq->get<std::int64_t>() < 0)
        return std::string("\"seq\" must be a whole number from 0");
    e.seq = seq->get<std::int64_t>();
    const auto type = j.find("type");
    if (type == j.end() || !type->is_string() || !one_of(type->get<std::string>(), kTypes))
        return std::string(
            "\"type\" must be one of session_started, step_completed, "
            "session_completed, session_abandoned, sensor_connected, sensor_lost, "
            "clock_corrected");
    e.type = type->get<std::string>();
    const auto ts = j.find("ts");
    const auto when =
        ts != j.end() && ts->is_string() ? parse_timestamp(ts->get<std::string>()) : std::nullopt;
    if (!when)
        return std::string("\"ts\" must be an ISO-8601 UTC time such as 2026-11-21T17:03:04.123Z");
    e.ts_ms = *when;
    const bool session = e.type.rfind("session_", 0) == 0 || e.type == "step_completed";
    if (session) {
        const auto sid = f.text("session_id", true);
        const auto routine = f.text("routine_id", true);
        const auto source = f.text("source", false, 16);
        if (!f.problem.empty())
            return f.problem;
        e.session_id = *sid;
        e.routine_id = *routine;
        e.source = source.value_or("athlete");
        if (e.source != "athlete" && e.source != "class")
            return "\"source\" must be athlete or class, not '" + e.source + "'";
    }
    constexpr double kDay = 86400;
    e.planned_s = f.number("planned_s", kDay).value_or(0);
    e.active_s = f.number("active_s", kDay).value_or(0);
    e.elapsed_s = f.number("elapsed_s", kDay).value_or(e.active_s);
    e.mean_force_n = f.number("mean_force_n", 10000);
    e.seconds_per_pass = f.number("seconds_per_pass", 600);
    if (!f.problem.empty())
        return f.problem;
    // The clock fields (docs/mqtt.md, "the event's clock"); events from before them have none.
    if (const auto boot = j.find("boot_id"); boot != j.end()) {
        if (!boot->is_string() ||
            (!boot->get<std::string>().empty() && !is_identifier(boot->get<std::string>(), 64)))
            return std::string("\"boot_id\" must be an identifier of at most 64 characters");
        e.boot_id = boot->get<std::string>();
    }
    if (const auto mono = j.find("mono_ms"); mono != j.end()) {
        if (!mono->is_number_integer() || mono->get<std::int64_t>() < 0)
            return std::string("\"mono_ms\" must be a whole number from 0");
        e.mono_ms = mono->get<std::int64_t>();
    }
    if (const auto synced = j.find("clock_synced"); synced != j.end()) {
        if (!synced->is_boolean())
            return std::string("\"clock_synced\" must be true or false");
        e.clock_synced = synced->get<bool>();
    }
    if (e.corrects_clock()) {
        const auto corrects = j.find("corrects");
        if (e.boot_id.empty() || !e.mono_ms || !e.clock_synced || corrects == j.end() ||
            !corrects->is_number_integer() || corrects->get<std::int64_t>() < 0)
            return std::string(
                "a clock_corrected event needs \"boot_id\", \"mono_ms\", \"clock_synced\": "
                "true and \"corrects\"");
        e.corrects = corrects->get<std::int64_t>();
    }
    if (e.type == "step_completed") {
        const auto eased = j.find("eased_from");
        e.eased = eased != j.end() && eased->is_object();
    }
    if (e.type == "session_abandoned") {
        const auto reason = f.text("reason", false, 32);
        if (!f.problem.empty())
            return f.problem;
        e.reason = reason.value_or("unknown");
        if (!one_of(e.reason, kReasons))
            e.reason = "other";  // a reason newer than this recorder: counted, not refused
    }
    return e;
}

}  // namespace rs::recorder
