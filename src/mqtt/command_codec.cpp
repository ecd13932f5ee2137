#include "mqtt/command_codec.hpp"

#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>

#include "rollstation/config/routine_loader.hpp"

namespace rs::mqtt {
namespace {

using nlohmann::json;

// Deepest nesting of arrays and objects, counted without parsing (strings skipped), so that a
// hostile payload is refused before a recursive structure is built from it.
int nesting_depth(std::string_view text) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

bool is_command_id(std::string_view id) {
    if (id.empty() || id.size() > 64)
        return false;
    for (char c : id) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                        c == '.' || c == ':';
        if (!ok)
            return false;
    }
    return true;
}

struct Failure {
    std::string why;
};

const json& require(const json& object, const char* key, json::value_t type,
                    const char* type_name) {
    const auto it = object.find(key);
    if (it == object.end())
        throw Failure{std::string("missing field '") + key + "'"};
    if (it->type() != type && !(type == json::value_t::number_unsigned && it->is_number_integer()))
        throw Failure{std::string("'") + key + "' must be " + type_name};
    return *it;
}

std::string text(const json& object, const char* key, std::size_t max, bool required) {
    if (!required && !object.contains(key))
        return {};
    const std::string value =
        require(object, key, json::value_t::string, "a string").get<std::string>();
    if (value.size() > max)
        throw Failure{std::string("'") + key + "' is " + std::to_string(value.size()) +
                      " characters; the limit is " + std::to_string(max)};
    return value;
}

void only(const json& object, std::initializer_list<const char*> allowed) {
    for (const auto& [key, value] : object.items()) {
        bool known = false;
        for (const char* a : allowed)
            known = known || key == a;
        if (!known)
            throw Failure{"unknown field '" + key + "'"};
    }
}

core::ClassWarmup warmup(const json& j, const std::string& id, const core::Library& library) {
    only(j, {"v", "command_id", "type", "routine_id", "routine", "start_at", "coach", "message"});
    core::ClassWarmup w;
    w.command_id = id;
    const bool named = j.contains("routine_id"), inline_ = j.contains("routine");
    if (named == inline_)
        throw Failure{"give either 'routine_id' or an inline 'routine', not both or neither"};
    if (named) {
        const std::string routine_id = text(j, "routine_id", 40, true);
        w.routine = library.find(routine_id);
        if (!w.routine)
            throw Failure{"unknown routine '" + routine_id + "'"};
    } else {
        const json& routine = require(j, "routine", json::value_t::object, "an object");
        config::Diagnostics errors;
        auto parsed = config::routine_from_json(routine, "routine", errors);
        if (!parsed) {
            // The same rule a routine file would break; the first says enough.
            std::string message =
                errors.empty() ? "the inline routine is not valid" : errors.front().message;
            throw Failure{"routine: " + message};
        }
        w.routine = std::make_shared<const core::Routine>(std::move(*parsed));
        w.inline_routine = true;
    }
    const std::string start = text(j, "start_at", 40, true);
    const auto at = parse_utc(start);
    if (!at)
        throw Failure{"'start_at' must be UTC like 2026-11-21T18:30:00Z, not '" + start + "'"};
    w.start_at = *at;
    // Optional: a class without a coach's display name is shown as a class, unnamed.
    w.coach = text(j, "coach", 40, false);
    w.message = text(j, "message", 120, false);
    return w;
}

}  // namespace

std::optional<core::WallTime> parse_utc(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.mmm]Z
    const auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
        if (at + n > s.size())
            return std::nullopt;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i])))
                return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || s.back() != 'Z')
        return std::nullopt;
    const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2), hour = digits(11, 2),
               minute = digits(14, 2), second = digits(17, 2);
    // The system clock counts nanoseconds in 64 bits: years far from ours would overflow it
    // (found by fuzzing: year 3428). No class is scheduled outside these.
    if (!year || *year < 1970 || *year > 2200)
        return std::nullopt;
    if (!month || !day || !hour || !minute || !second || *month < 1 || *month > 12 || *day < 1 ||
        *day > 31 || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    int millis = 0;
    if (s.size() != 20) {
        if (s[19] != '.' || s.size() != 24)
            return std::nullopt;
        const auto ms = digits(20, 3);
        if (!ms)
            return std::nullopt;
        millis = *ms;
    }
    std::tm tm{};
    tm.tm_year = *year - 1900;
    tm.tm_mon = *month - 1;
    tm.tm_mday = *day;
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
    const std::time_t t = timegm(&tm);
    if (tm.tm_mday != *day)
        return std::nullopt;  // 31 February and friends
    return core::WallTime{std::chrono::seconds(t) + std::chrono::milliseconds(millis)};
}

DecodedCommand decode_command(std::string_view payload, bool retained,
                              const core::Library& library) {
    DecodedCommand out;
    if (payload.size() > kMaxCommandBytes) {
        out.error = "the payload is " + std::to_string(payload.size()) + " bytes; the limit is " +
                    std::to_string(kMaxCommandBytes);
        return out;
    }
    if (nesting_depth(payload) > kMaxCommandDepth) {
        out.error = "the payload nests deeper than " + std::to_string(kMaxCommandDepth) + " levels";
        return out;
    }
    const json j = json::parse(payload.begin(), payload.end(), nullptr, false);
    if (j.is_discarded()) {
        out.error = "the payload is not valid JSON (UTF-8)";
        return out;
    }
    try {
        if (!j.is_object())
            throw Failure{"the payload must be a JSON object"};
        if (j.contains("command_id") && j["command_id"].is_string() &&
            is_command_id(j["command_id"].get<std::string>()))
            out.command_id = j["command_id"].get<std::string>();
        if (retained)
            throw Failure{"commands are never retained; a retained command is ignored"};
        if (!j.contains("v") || j["v"] != 1)
            throw Failure{"'v' must be 1"};
        if (out.command_id.empty())
            throw Failure{"'command_id' must be 1 to 64 letters, digits, '-', '_', '.' or ':'"};
        const std::string type = text(j, "type", 32, true);
        if (type == "class_warmup") {
            out.command = warmup(j, out.command_id, library);
        } else if (type == "cancel") {
            only(j, {"v", "command_id", "type", "target"});
            const std::string target = text(j, "target", 64, true);
            out.command = core::CancelClass{out.command_id, target};
        } else {
            throw Failure{"unknown command type '" + type + "'; expected class_warmup or cancel"};
        }
    } catch (const Failure& f) {
        out.error = f.why;
    } catch (const std::exception& e) {
        out.error = std::string("the command could not be read: ") + e.what();
    }
    return out;
}

}  // namespace rs::mqtt
