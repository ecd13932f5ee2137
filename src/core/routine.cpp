#include "rollstation/core/routine.hpp"

#include <array>
#include <cctype>

#include "rollstation/core/marked.hpp"

namespace rs::core {
namespace {

template <typename Enum>
struct Word {
    Enum value;
    std::string_view name;   // in files and payloads
    std::string_view label;  // on screen
};

constexpr std::array<Word<Purpose>, 4> kPurposes{{
    {Purpose::warm_up, "warm-up", NC_("purpose", "Warm-up")},
    {Purpose::recovery, "recovery", NC_("purpose", "Recovery")},
    {Purpose::mobility, "mobility", NC_("purpose", "Mobility")},
    {Purpose::targeted, "targeted", NC_("purpose", "Targeted")},
}};
constexpr std::array<Word<Level>, 3> kLevels{{
    {Level::beginner, "beginner", NC_("level", "Beginner")},
    {Level::intermediate, "intermediate", NC_("level", "Intermediate")},
    {Level::advanced, "advanced", NC_("level", "Advanced")},
}};
constexpr std::array<Word<When>, 3> kWhens{{
    {When::before, "before", NC_("when", "Before training")},
    {When::after, "after", NC_("when", "After training")},
    {When::any, "any", NC_("when", "Any time")},
}};
constexpr std::array<Word<Tool>, 4> kTools{{
    {Tool::foam_roller, "foam-roller", NC_("tool", "Foam roller")},
    {Tool::tennis_ball, "tennis-ball", NC_("tool", "Tennis ball")},
    {Tool::lacrosse_ball, "lacrosse-ball", NC_("tool", "Lacrosse ball")},
    {Tool::peanut_ball, "peanut-ball", NC_("tool", "Peanut ball")},
}};
constexpr std::array<Word<Side>, 4> kSides{{
    {Side::both, "both", NC_("side", "Both sides")},
    {Side::left, "left", NC_("side", "Left side")},
    {Side::right, "right", NC_("side", "Right side")},
    {Side::left_then_right, "left-then-right", NC_("side", "Left, then right")},
}};
constexpr std::array<Word<Pressure>, 3> kPressures{{
    {Pressure::light, "light", NC_("pressure", "Light pressure")},
    {Pressure::moderate, "moderate", NC_("pressure", "Moderate pressure")},
    {Pressure::firm, "firm", NC_("pressure", "Firm pressure")},
}};
constexpr std::array<Word<Timer>, 2> kTimers{{
    {Timer::clock, "clock", NC_("timer", "Every second counts")},
    {Timer::active, "active", NC_("timer", "Only working time counts")},
}};
constexpr std::array<Word<Area>, 17> kAreas{{
    {Area::calves, "calves", NC_("area", "Calves")},
    {Area::shins, "shins", NC_("area", "Shins")},
    {Area::hamstrings, "hamstrings", NC_("area", "Hamstrings")},
    {Area::quadriceps, "quadriceps", NC_("area", "Quadriceps")},
    {Area::adductors, "adductors", NC_("area", "Inner thighs")},
    {Area::lateral_thigh, "lateral-thigh", NC_("area", "Outer thigh")},
    {Area::glutes, "glutes", NC_("area", "Glutes")},
    {Area::hip_flexors, "hip-flexors", NC_("area", "Hip flexors")},
    {Area::thoracic_spine, "thoracic-spine", NC_("area", "Upper back")},
    {Area::lats, "lats", NC_("area", "Lats")},
    {Area::pecs, "pecs", NC_("area", "Chest")},
    {Area::upper_traps, "upper-traps", NC_("area", "Upper traps")},
    {Area::rhomboids, "rhomboids", NC_("area", "Between the shoulder blades")},
    {Area::posterior_shoulder, "posterior-shoulder", NC_("area", "Back of the shoulder")},
    {Area::triceps, "triceps", NC_("area", "Triceps")},
    {Area::forearms, "forearms", NC_("area", "Forearms")},
    {Area::feet, "feet", NC_("area", "Soles of the feet")},
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
