// The whole station as one value: which screen is up, the session under way, and the pure
// update that turns an athlete's taps and the passing of time into the next state.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "rollstation/core/actions.hpp"
#include "rollstation/core/admin.hpp"
#include "rollstation/core/coaching.hpp"
#include "rollstation/core/commands.hpp"
#include "rollstation/core/demo.hpp"
#include "rollstation/core/library.hpp"
#include "rollstation/core/local_text.hpp"
#include "rollstation/core/session.hpp"
#include "rollstation/core/station_sensors.hpp"
#include "rollstation/core/wire.hpp"

namespace rs::core {

enum class Screen { home, library, detail, player, summary, class_countdown };

// Why a check-in is not counting: nobody on the pad, a reading no body weighs, or a sway.
enum class WeighInProblem { none, no_reading, out_of_range, unsteady };

struct KioskSettings {
    int idle_timeout_s = 90;
    SessionTiming timing{};
    ForceZones zones{};
    ClassPolicy class_policy = ClassPolicy::offer;
    bool class_confirmation = true;  // an unconfirmed station asks "I'm ready" before a class
    CommandTiming command_timing{};
    // How long after its start a class may still be joined (from the banner, or by confirming
    // the safety notice on the countdown); after that it lapses and never starts by itself.
    Millis class_join_window{2 * 60'000};
    int dim_after_s = 0;  // the idle home screen dims after this (0: never)
    AdminSettings admin{};
    // The station's own language, spoken at rest and again once a visit ends.
    Language house_language = Language::en;
    // What an athlete may choose from, in the order shown; holds the house language.
    std::vector<Language> languages{Language::en};
    bool offers_choice() const { return languages.size() > 1; }
    bool offers(Language language) const;
};

struct KioskState {
    std::shared_ptr<const Library> library = std::make_shared<Library>();
    std::shared_ptr<const SafetyNotice> safety = std::make_shared<SafetyNotice>();
    std::shared_ptr<const DemoLibrary> demos = std::make_shared<DemoLibrary>();
    KioskSettings settings{};

    Screen screen = Screen::home;
    LibraryFilter filter{};
    int page = 0;
    std::string selected;            // routine on the detail screen
    std::optional<Session> session;  // under way, or just finished (for the summary)

    Instant updated_at{};  // the moment of the latest update: deadlines before it are spent

    bool safety_visible = false;
    bool safety_acknowledged = false;  // this visit; forgotten when the kiosk returns home
    std::string session_after_safety;  // a start waiting for the notice to be read
    bool confirm_stop = false;
    bool resume_after_stop_dialog = false;  // the dialog paused a running clock
    Instant last_input{};

    std::vector<SensorState> sensors;  // as configured, in order
    Coach coach;
    CoachCue cue = CoachCue::none;  // the live cue on the player
    // "Hide demonstration": for athletes who know the moves; kept until the kiosk goes home.
    bool demo_hidden = false;

    // The language the screens speak now: an athlete's choice for their visit, else the house's.
    Language language = Language::en;
    bool languages_visible = false;  // the language picker is open
    // Back to the house language with the picker closed: when a visit ends and when the
    // settings change (at start and on a reload).
    void use_house_language();

    // Body-weight check-in on a force pad: pressure bands then follow the athlete's weight.
    struct WeighIn {
        bool active = false;
        std::optional<Instant> steady_since;  // the reading has been steady since then
        double reference_n = 0;               // the reading that started the steady spell
        double sum_n = 0;
        int readings = 0;
        WeighInProblem problem = WeighInProblem::none;  // why nothing is counting yet
    } weigh_in;
    std::optional<double> body_weight_n;  // this visit's check-in

    // Coach commands: a class waiting for its start, and the class session under way.
    std::optional<ClassWarmup> pending_class;
    Instant class_start_mono{};  // when its start falls on the monotonic clock (for waking up)
    std::string class_command;   // the command_id of the running (or just finished) class session
    CommandMemory commands;
    bool class_offer_visible() const;  // an athlete is rolling on their own while a class waits
    // The countdown asks for the safety notice to be confirmed before the class may begin.
    bool class_needs_confirmation() const {
        return pending_class && settings.class_confirmation && !safety_acknowledged;
    }

    // The pressure bands in force: from the check-in when there was one, else the station's.
    ForceZones zones() const;
    bool can_weigh_in() const;  // a linked force pad is set up for check-ins
    // The tool in the athlete's hands now: the running step's, else none.
    std::optional<Tool> tool_in_use() const;

    AdminState admin;
    bool dimmed = false;  // the idle attract screen, dimmed; the next touch only wakes it

    bool session_running() const { return session && !session->finished(); }
    // "Too intense" has somewhere to go: a softer tool with a demonstration, or a lighter band.
    bool can_ease_off() const;
};

// What an update asks the shell to do: the session's events and cues, answers to coach
// commands, and the admin panel's tasks and new calibrations.
struct KioskEffects {
    std::vector<UsageEvent> events;
    std::vector<Cue> cues;
    std::vector<CommandResult> results;
    std::vector<AdminTask> admin_tasks;
    // New force calibrations (sensor id, calibration) for the shell to keep.
    std::vector<std::pair<std::string, Calibration>> calibrations;
    void append(SessionEffects&& session);
};

struct KioskUpdate {
    KioskState state;
    KioskEffects effects;
};

KioskUpdate update(KioskState state, const Action& action, Now now);

// When the kiosk next needs a Tick even if nobody touches it (idle timeout, session timer).
std::optional<Instant> next_deadline(const KioskState& state);

// A check-in needs this long standing still on the pad, within a body's range of weights.
inline constexpr Millis kWeighInHold{3000};
inline constexpr double kWeighInMinimumKg = 30.0;
inline constexpr double kWeighInMaximumKg = 250.0;
inline constexpr double kWeighInSteadiness = 0.05;  // within 5 % of where the spell began
// Below this the pad is taken as empty (a bag, a foot resting on it), not a reading to judge.
inline constexpr double kWeighInPresenceN = 50.0;

}  // namespace rs::core
