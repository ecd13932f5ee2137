// Demonstrations: a movement as keyframed poses, played at a step's tempo, mirrored for its
// side, held with a breath, or following the athlete's own roller.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollstation/core/clock.hpp"
#include "rollstation/core/local_text.hpp"
#include "rollstation/core/pose.hpp"
#include "rollstation/core/routine.hpp"
#include "rollstation/core/session.hpp"

namespace rs::core {

// A pass is one direction of rolling; a loop of the animation is a pass out and a pass back.
enum class PassPhase { out, back };

struct Keyframe {
    PassPhase phase = PassPhase::out;
    double at = 0;  // 0..1 through its pass
    pose::Pose pose;
    // Where the whole loop sits, 0..2: out passes cover 0..1, back passes 1..2.
    double loop_position() const { return (phase == PassPhase::out ? 0.0 : 1.0) + at; }
};

// What the tool rests on: the floor (y = 0), or a wall standing at x = `wall_x`.
struct Support {
    enum class Kind { floor, wall } kind = Kind::floor;
    double wall_x = 0;
};

// The highlighted stretch of one part, where the tool works.
struct Target {
    pose::PartRef part;
    double from = 0;  // fractions of the part's length from its root joint
    double to = 1;
};

struct Demo {
    std::string id;  // the file name without .yaml
    Area area{};
    Tool tool{};
    Target target;
    Support support;
    // How far the tool's surface turns from one end of the movement to the other, in mm: with a
    // live roller, this much rotation carries the figure through a whole pass.
    double range_mm = 300;
    double hold_at = 0.5;             // where on the out pass a hold rests
    std::vector<Keyframe> keyframes;  // in loop order; the last blends back into the first
    std::vector<LocalText> cues;      // how to do it, for a step that switched to this tool
    pose::Skeleton skeleton{};
};
using DemoPtr = std::shared_ptr<const Demo>;

// The pose `u` (0..2) of the way through a loop, eased between the keyframes either side.
pose::Pose pose_at(const Demo& demo, double u);

// The pose that shows a hold: still at `hold_at` (or at `u`), the chest rising and falling
// with a slow breath.
pose::Pose held_pose(const Demo& demo, Millis since);
pose::Pose held_pose(const Demo& demo, Millis since, double u);
inline constexpr Millis kBreath{4000};

// A pass at the middle of the step's tempo band; a loop is two of them.
Millis pass_length(const Tempo& tempo);
// Where the target tempo is `elapsed` into the movement (0..2).
double paced_position(const Tempo& tempo, Millis elapsed);
// Where a roller that has turned `travel_mm` (signed, integrated) puts the figure (0..2): the
// travel folds back and forth over the movement's range.
double followed_position(const Demo& demo, double travel_mm);

// The left side as authored; the right mirrored.
pose::Pose for_side(const pose::Pose& pose, Side side);

// What the demonstration shows at one moment of a step.
struct DemoMoment {
    Phase phase = Phase::get_ready;
    bool paused = false;
    Millis elapsed{0};  // in this phase
    Tempo tempo{};
    Side side = Side::left;
    std::optional<double> travel_mm;  // a live roller's integrated rotation
    bool holding = false;             // the sensor sees the athlete holding still under load
};
struct DemoFrame {
    pose::Pose figure;
    std::optional<pose::Pose> ghost;  // the target tempo, beside a figure that follows the roller
    int direction = 0;                // the pass under way: +1 out, -1 back, 0 still
};
// Before and between segments, and when paused: the starting position, breathing. Rolling: the
// roller's position if there is one (with the pace as a ghost), else the pace itself.
DemoFrame demo_frame(const Demo& demo, const DemoMoment& moment);

// A way the demonstration breaks the laws of a body on a floor, found by `check_plausible`.
struct Implausibility {
    std::size_t keyframe = 0;  // the keyframe at or before the moment
    double u = 0;              // where in the loop (0..2)
    std::string message;
};
// Samples the whole loop (and the hold): no part below the floor or through the wall, the tool
// resting on its support and touching the target, every limb at its length.
std::vector<Implausibility> check_plausible(const Demo& demo);
// How close counts as touching, and how deep a part may sink into the floor's drawing (a pixel).
inline constexpr double kTouchTolerance = 0.02;
inline constexpr double kFloorTolerance = 0.005;

class DemoLibrary {
  public:
    DemoLibrary() = default;
    explicit DemoLibrary(std::vector<DemoPtr> demos) : demos_(std::move(demos)) {}
    const std::vector<DemoPtr>& demos() const { return demos_; }
    DemoPtr find(std::string_view id) const;
    DemoPtr find(Area area, Tool tool) const;
    // A step's own: the one it names, else the first for its area and tool.
    DemoPtr for_step(const Step& step) const;

  private:
    std::vector<DemoPtr> demos_;
};

// "Too intense": the next softer tool for the area that has a demonstration (lacrosse ball,
// then tennis ball, then foam roller), if any.
std::optional<Tool> softer_tool(const DemoLibrary& demos, Area area, Tool tool);
// The band below, if any.
std::optional<Pressure> lighter_pressure(Pressure pressure);

}  // namespace rs::core
