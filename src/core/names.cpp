// The words the core's enums stand for in payloads, logs and on screen, all in one place: the
// names the facility's systems parse are read and changed here, each beside its value.
#include "core/enum_names.hpp"
#include "rollstation/core/coaching.hpp"
#include "rollstation/core/commands.hpp"
#include "rollstation/core/events.hpp"
#include "rollstation/core/marked.hpp"
#include "rollstation/core/session.hpp"
#include "rollstation/core/source_spec.hpp"
#include "rollstation/core/verdict.hpp"

namespace rs::core {
namespace {

constexpr EnumName<EventType> kEventTypes[]{
    {EventType::session_started, "session_started"},
    {EventType::step_completed, "step_completed"},
    {EventType::session_completed, "session_completed"},
    {EventType::session_abandoned, "session_abandoned"},
    {EventType::sensor_connected, "sensor_connected"},
    {EventType::sensor_lost, "sensor_lost"},
};
static_assert(lists_every_value(kEventTypes, EventType::sensor_lost));

constexpr EnumName<AbandonReason> kAbandonReasons[]{
    {AbandonReason::user_stopped, "user_stopped"},
    {AbandonReason::idle_timeout, "idle_timeout"},
    {AbandonReason::preempted, "preempted"},
    {AbandonReason::power_loss, "power_loss"},
};
static_assert(lists_every_value(kAbandonReasons, AbandonReason::power_loss));

constexpr EnumName<CommandOutcome> kCommandOutcomes[]{
    {CommandOutcome::accepted, "accepted"},     {CommandOutcome::rejected, "rejected"},
    {CommandOutcome::started, "started"},       {CommandOutcome::completed, "completed"},
    {CommandOutcome::cancelled, "cancelled"},   {CommandOutcome::expired, "expired"},
    {CommandOutcome::not_joined, "not_joined"},
};
static_assert(lists_every_value(kCommandOutcomes, CommandOutcome::not_joined));

constexpr EnumName<Phase> kPhases[]{
    {Phase::get_ready, "get_ready"}, {Phase::active, "active"},
    {Phase::rest, "rest"},           {Phase::switch_side, "switch_side"},
    {Phase::next_step, "next_step"}, {Phase::completed, "completed"},
    {Phase::abandoned, "abandoned"},
};
static_assert(lists_every_value(kPhases, Phase::abandoned));

// On screen: what the summary says of the athlete's tempo and pressure.
constexpr EnumName<Verdict> kVerdictTexts[]{
    {Verdict::on_target, NC_("verdict", "on target")},
    {Verdict::too_fast, NC_("verdict", "too fast")},
    {Verdict::too_slow, NC_("verdict", "too slow")},
    {Verdict::too_light, NC_("verdict", "too light")},
    {Verdict::too_firm, NC_("verdict", "too firm")},
};
static_assert(lists_every_value(kVerdictTexts, Verdict::too_firm));

// On screen: the coach's nudge; no cue shows no text.
constexpr EnumName<CoachCue> kCoachCueTexts[]{
    {CoachCue::none, ""},
    {CoachCue::slower, NC_("cue", "Slower")},
    {CoachCue::ease_off, NC_("cue", "Ease off")},
    {CoachCue::keep_rolling, NC_("cue", "Keep rolling")},
};
static_assert(lists_every_value(kCoachCueTexts, CoachCue::keep_rolling));

// In station files ("sim:stop-and-go") and rollstation-sim's options.
constexpr EnumName<SimProfile> kSimProfiles[]{
    {SimProfile::steady, "steady"},
    {SimProfile::fast, "fast"},
    {SimProfile::stop_and_go, "stop-and-go"},
    {SimProfile::hold, "hold"},
    {SimProfile::heavy, "heavy"},
    {SimProfile::garbage, "garbage"},
    {SimProfile::unplug, "unplug"},
};
static_assert(lists_every_value(kSimProfiles, SimProfile::unplug));

}  // namespace

std::string_view name_of(EventType type) {
    return name_in(kEventTypes, type, "unknown");
}

std::string_view name_of(AbandonReason reason) {
    return name_in(kAbandonReasons, reason, "unknown");
}

std::string_view name_of(SessionSource source) {
    return source == SessionSource::athlete ? "athlete" : "class";
}

std::string_view name_of(CommandOutcome outcome) {
    return name_in(kCommandOutcomes, outcome, "unknown");
}

std::string_view name_of(Phase phase) {
    return name_in(kPhases, phase, "unknown");
}

std::string_view text_of(Verdict verdict) {
    return name_in(kVerdictTexts, verdict, {});
}

std::string_view text_of(CoachCue cue) {
    return name_in(kCoachCueTexts, cue, "");
}

std::string_view name_of(SimProfile profile) {
    return name_in(kSimProfiles, profile, "steady");
}

std::optional<SimProfile> parse_profile(std::string_view name) {
    return value_named(kSimProfiles, name);
}

std::string profile_names() {
    std::string out;
    for (const auto& profile : kSimProfiles)
        out += (out.empty() ? "" : ", ") + std::string(profile.name);
    return out;
}

}  // namespace rs::core
