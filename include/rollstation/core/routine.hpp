// The routine model: what a guided foam-rolling routine is made of, and its vocabulary.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rollstation/core/local_text.hpp"

namespace rs::core {

enum class Purpose { warm_up, recovery, mobility, targeted };
enum class Level { beginner, intermediate, advanced };
enum class When { before, after, any };
enum class Tool { foam_roller, tennis_ball, lacrosse_ball, peanut_ball };
enum class Side { both, left, right, left_then_right };
enum class Pressure { light, moderate, firm };
// What a step's countdown counts: every second, or only seconds a sensor sees the athlete working.
enum class Timer { clock, active };
enum class Area {
    calves,
    shins,
    hamstrings,
    quadriceps,
    adductors,
    lateral_thigh,
    glutes,
    hip_flexors,
    thoracic_spine,
    lats,
    pecs,
    upper_traps,
    rhomboids,
    posterior_shoulder,
    triceps,
    forearms,
    feet,
};

// Seconds per one-direction pass.
struct Tempo {
    int min_s = 2;
    int max_s = 4;
    bool operator==(const Tempo&) const = default;
};

struct Step {
    Area area{};
    Tool tool{};
    Side side{};
    int duration_s = 0;
    int sets = 1;
    int rest_s = 0;  // between sets
    Tempo tempo{};
    Pressure pressure = Pressure::moderate;
    std::vector<LocalText> cues;
    // What to keep away from (bones, joints, nerves): shown for the whole step, never cycled away.
    std::vector<LocalText> safety;
    std::optional<int> hold_s;  // pause on a tender spot this long
    std::string demo;           // a demonstration by id; empty: the one for the area and tool
    bool operator==(const Step&) const = default;
};

struct Routine {
    std::string id;
    LocalText title;
    Purpose purpose{};
    Level level{};
    std::vector<Tool> tools;
    LocalText summary;
    When when{};
    std::vector<Step> steps;
    std::optional<Timer> timer;  // unset: the station's choice
    std::string progression;     // the routine id to offer next ("Ready for more"), if any
    bool operator==(const Routine&) const = default;
};

// The rules a routine must obey, shared by every loader (YAML files, inline coach routines).
namespace limits {
inline constexpr std::size_t id_min = 3, id_max = 40;
inline constexpr std::size_t title_max = 40;
inline constexpr std::size_t summary_max = 90;
inline constexpr std::size_t steps_min = 1, steps_max = 20;
inline constexpr int duration_min_s = 10, duration_max_s = 300;
inline constexpr int sets_min = 1, sets_max = 5;
inline constexpr int rest_min_s = 0, rest_max_s = 120;
inline constexpr int tempo_min_s = 1, tempo_max_s = 10;
inline constexpr std::size_t cues_min = 1, cues_max = 3, cue_length_max = 60;
inline constexpr std::size_t safety_max = 2;
inline constexpr int hold_min_s = 5, hold_max_s = 60;
}  // namespace limits

// Vocabulary: the kebab-case names used in files and payloads, and the words shown on screen.
std::string_view name_of(Purpose);
std::string_view name_of(Level);
std::string_view name_of(When);
std::string_view name_of(Tool);
std::string_view name_of(Side);
std::string_view name_of(Pressure);
std::string_view name_of(Timer);
std::string_view name_of(Area);

std::string_view label_of(Purpose);
std::string_view label_of(Level);
std::string_view label_of(When);
std::string_view label_of(Tool);
std::string_view label_of(Side);
std::string_view label_of(Pressure);
std::string_view label_of(Timer);
std::string_view label_of(Area);

template <typename Enum>
std::optional<Enum> parse_name(std::string_view name);

// Every value of an enum, in declaration order (for menus, validation messages and tests).
template <typename Enum>
std::span<const Enum> all_values();

// "foam-roller, tennis-ball": for error messages listing the allowed words.
template <typename Enum>
std::string allowed_names();

bool is_valid_routine_id(std::string_view id);

// Total planned time including sides, sets and rests between sets (not transitions).
int planned_seconds(const Routine&);

// "Foam roller, Tennis ball": the tools to grab, as shown on screen.
std::string tools_label(const Routine&);

using RoutinePtr = std::shared_ptr<const Routine>;

}  // namespace rs::core
