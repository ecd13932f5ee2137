#include "rollstation/core/routine.hpp"

#include <array>
#include <cctype>

namespace rs::core {
namespace {

template <typename Enum>
struct Word {
    Enum value;
    std::string_view name;   // in files and payloads
    std::string_view label;  // on screen
};

constexpr std::array<Word<Purpose>, 4> kPurposes{{
    {Purpose::warm_up, "warm-up", "Warm-up"},
    {Purpose::recovery, "recovery", "Recovery"},
    {Purpose::mobility, "mobility", "Mobility"},
    {Purpose::targeted, "targeted", "Targeted"},
}};
constexpr std::array<Word<Level>, 3> kLevels{{
    {Level::beginner, "beginner", "Beginner"},
    {Level::intermediate, "intermediate", "Intermediate"},
    {Level::advanced, "advanced", "Advanced"},
}};
constexpr std::array<Word<When>, 3> kWhens{{
    {When::before, "before", "Before training"},
    {When::after, "after", "After training"},
    {When::any, "any", "Any time"},
}};
constexpr std::array<Word<Tool>, 4> kTools{{
    {Tool::foam_roller, "foam-roller", "Foam roller"},
    {Tool::tennis_ball, "tennis-ball", "Tennis ball"},
    {Tool::lacrosse_ball, "lacrosse-ball", "Lacrosse ball"},
    {Tool::peanut_ball, "peanut-ball", "Peanut ball"},
}};
constexpr std::array<Word<Side>, 4> kSides{{
    {Side::both, "both", "Both sides"},
    {Side::left, "left", "Left side"},
    {Side::right, "right", "Right side"},
    {Side::left_then_right, "left-then-right", "Left, then right"},
}};
constexpr std::array<Word<Pressure>, 3> kPressures{{
    {Pressure::light, "light", "Light pressure"},
    {Pressure::moderate, "moderate", "Moderate pressure"},
    {Pressure::firm, "firm", "Firm pressure"},
}};
constexpr std::array<Word<Timer>, 2> kTimers{{
    {Timer::clock, "clock", "Every second counts"},
    {Timer::active, "active", "Only working time counts"},
}};
constexpr std::array<Word<Area>, 17> kAreas{{
    {Area::calves, "calves", "Calves"},
    {Area::shins, "shins", "Shins"},
    {Area::hamstrings, "hamstrings", "Hamstrings"},
    {Area::quadriceps, "quadriceps", "Quadriceps"},
    {Area::adductors, "adductors", "Inner thighs"},
    {Area::lateral_thigh, "lateral-thigh", "Outer thigh"},
    {Area::glutes, "glutes", "Glutes"},
    {Area::hip_flexors, "hip-flexors", "Hip flexors"},
    {Area::thoracic_spine, "thoracic-spine", "Upper back"},
    {Area::lats, "lats", "Lats"},
    {Area::pecs, "pecs", "Chest"},
    {Area::upper_traps, "upper-traps", "Upper traps"},
    {Area::rhomboids, "rhomboids", "Between the shoulder blades"},
    {Area::posterior_shoulder, "posterior-shoulder", "Back of the shoulder"},
    {Area::triceps, "triceps", "Triceps"},
    {Area::forearms, "forearms", "Forearms"},
    {Area::feet, "feet", "Soles of the feet"},
}};

template <typename Enum>
constexpr const auto& table();
template <>
constexpr const auto& table<Purpose>() {
    return kPurposes;
}
template <>
constexpr const auto& table<Level>() {
    return kLevels;
}
template <>
constexpr const auto& table<When>() {
    return kWhens;
}
template <>
constexpr const auto& table<Tool>() {
    return kTools;
}
template <>
constexpr const auto& table<Side>() {
    return kSides;
}
template <>
constexpr const auto& table<Pressure>() {
    return kPressures;
}
template <>
constexpr const auto& table<Timer>() {
    return kTimers;
}
template <>
constexpr const auto& table<Area>() {
    return kAreas;
}

template <typename Enum>
const Word<Enum>& word(Enum value) {
    return table<Enum>().at(static_cast<std::size_t>(value));
}

template <typename Enum>
struct ValueList {
    static constexpr auto values = [] {
        std::array<Enum, std::tuple_size_v<std::remove_cvref_t<decltype(table<Enum>())>>> out{};
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = table<Enum>()[i].value;
        return out;
    }();
};

}  // namespace

#define RS_VOCABULARY(Enum)                                       \
    std::string_view name_of(Enum v) {                            \
        return word(v).name;                                      \
    }                                                             \
    std::string_view label_of(Enum v) {                           \
        return word(v).label;                                     \
    }                                                             \
    template <>                                                   \
    std::optional<Enum> parse_name<Enum>(std::string_view name) { \
        for (const auto& w : table<Enum>())                       \
            if (w.name == name)                                   \
                return w.value;                                   \
        return std::nullopt;                                      \
    }                                                             \
    template <>                                                   \
    std::span<const Enum> all_values<Enum>() {                    \
        return ValueList<Enum>::values;                           \
    }                                                             \
    template <>                                                   \
    std::string allowed_names<Enum>() {                           \
        std::string out;                                          \
        for (const auto& w : table<Enum>()) {                     \
            if (!out.empty())                                     \
                out += ", ";                                      \
            out += w.name;                                        \
        }                                                         \
        return out;                                               \
    }

RS_VOCABULARY(Purpose)
RS_VOCABULARY(Level)
RS_VOCABULARY(When)
RS_VOCABULARY(Tool)
RS_VOCABULARY(Side)
RS_VOCABULARY(Pressure)
RS_VOCABULARY(Timer)
RS_VOCABULARY(Area)
#undef RS_VOCABULARY

bool is_valid_routine_id(std::string_view id) {
    if (id.size() < limits::id_min || id.size() > limits::id_max)
        return false;
    if (id.front() == '-' || id.back() == '-')
        return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

std::string tools_label(const Routine& routine) {
    std::string out;
    for (Tool t : routine.tools)
        out += (out.empty() ? "" : ", ") + std::string(label_of(t));
    return out;
}

int planned_seconds(const Routine& routine) {
    int total = 0;
    for (const Step& step : routine.steps) {
        const int sides = step.side == Side::left_then_right ? 2 : 1;
        total += sides * (step.sets * step.duration_s + (step.sets - 1) * step.rest_s);
    }
    return total;
}

}  // namespace rs::core
