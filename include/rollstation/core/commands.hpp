// Coach commands as the station understands them, once decoded: a class warm-up to start at a
// given time, or the cancelling of one. Plus the rules that need the clock and the history.
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/routine.hpp"

namespace rs::core {

struct ClassWarmup {
    std::string command_id;
    RoutinePtr routine;
    bool inline_routine = false;  // sent in the command rather than named from the library
    WallTime start_at{};
    std::string coach;
    std::string message;
};

struct CancelClass {
    std::string command_id;
    std::string target;  // the command_id of the class to cancel
};

using Command = std::variant<ClassWarmup, CancelClass>;
const std::string& command_id_of(const Command& command);

enum class CommandOutcome {
    accepted,
    rejected,
    started,
    completed,
    cancelled,
    expired,
    not_joined
};
std::string_view name_of(CommandOutcome outcome);

// What the station answers on cmd/result.
struct CommandResult {
    std::string command_id;
    CommandOutcome outcome{};
    std::string reason;  // for rejected, cancelled and expired
    bool operator==(const CommandResult&) const = default;
};

// When a class arrives while an athlete rolls on their own.
enum class ClassPolicy {
    offer,                 // a banner offers to join; nothing is thrown away without a tap
    take_over_after_step,  // the athlete finishes the current step, then the class begins
};

struct CommandTiming {
    Millis past_grace{2000};               // a start this far in the past is still on time
    Millis furthest_ahead{24 * 3600'000};  // and no further ahead than this
};

// Why a class cannot be scheduled at `now`, or nothing when it can.
std::optional<std::string> check_start(const ClassWarmup& warmup, WallTime now,
                                       CommandTiming timing = {});

// Remembers recent command ids so a repeat is acted on once. Bounded: the oldest are forgotten.
class CommandMemory {
  public:
    explicit CommandMemory(std::size_t capacity = 1000) : capacity_(capacity) {}
    bool seen(const std::string& id) const { return ids_.count(id) != 0; }
    void remember(const std::string& id);

  private:
    std::size_t capacity_;
    std::set<std::string> ids_;
    std::deque<std::string> order_;
};

}  // namespace rs::core
