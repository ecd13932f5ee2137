// The demonstration figure: a 2D skeleton posed by joint angles, with the tool it rolls on.
// Units are metres in a side view: x forward, y up, the floor at y = 0.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "rollstation/core/routine.hpp"

namespace rs::core::pose {

struct Vec2 {
    double x = 0;
    double y = 0;
    bool operator==(const Vec2&) const = default;
};

// The body's parts, each drawn as a capsule (a segment with a radius; the head is a circle).
enum class Part { torso, neck, head, upper_arm, forearm, hand, thigh, shin, foot };
// Near limbs face the viewer and are drawn in front; far ones are behind the body.
enum class Limb { near, far };

struct PartRef {
    Part part = Part::torso;
    Limb limb = Limb::near;  // ignored for the torso, neck and head
    bool operator==(const PartRef&) const = default;
};

inline constexpr std::size_t kPartCount = 15;
// The slot of a part in `Body::parts`, back to front (far limbs first, then the trunk, then
// near limbs): the order a picture is painted in.
std::size_t index_of(PartRef ref);
PartRef part_at(std::size_t index);
bool has_limb(Part part);

// An adult of 1.75 m. Lengths run joint to joint; radii are half a part's thickness.
struct Skeleton {
    double torso = 0.50, neck = 0.09, head_radius = 0.11;
    double upper_arm = 0.29, forearm = 0.26, hand = 0.08;
    double thigh = 0.44, shin = 0.42, foot = 0.17;
    double torso_radius = 0.11, neck_radius = 0.045;
    double upper_arm_radius = 0.045, forearm_radius = 0.037, hand_radius = 0.03;
    double thigh_radius = 0.075, shin_radius = 0.055, foot_radius = 0.035;
    double length_of(Part part) const;
    double radius_of(Part part) const;
};

// Angles in degrees, anticlockwise. The torso's is absolute (90: upright, hips below the
// shoulders; 0: lying with the head forward); every other is relative to its parent, so 0 leaves
// a limb hanging straight down the trunk's line; a wrist at 0 holds the hand in the forearm's line,
// an ankle at 90 holds the foot square to the shin.
struct LimbAngles {
    double root = 0;    // shoulder or hip
    double middle = 0;  // elbow or knee
    double end = 0;     // wrist or ankle
    bool operator==(const LimbAngles&) const = default;
};

struct Pose {
    Vec2 hip;  // the hip joint (pelvis)
    double torso = 90;
    double neck = 0;
    std::array<LimbAngles, 2> arms{};  // [near, far]
    std::array<LimbAngles, 2> legs{};
    Vec2 tool;                 // the tool's centre
    double torso_swell = 1.0;  // breathing: the chest's thickness as a share of its rest
    bool operator==(const Pose&) const = default;
};

struct Capsule {
    Vec2 from;
    Vec2 to;
    double radius = 0;
};

// Where every part is: forward kinematics of a pose.
struct Body {
    std::array<Capsule, kPartCount> parts{};
    const Capsule& at(PartRef ref) const { return parts[index_of(ref)]; }
};

Body solve(const Skeleton& skeleton, const Pose& pose);

// Blends two poses: `f` 0 gives `a`, 1 gives `b`. Angles take the short way round.
Pose blend(const Pose& a, const Pose& b, double f);

// Ease in and out (smoothstep): keyframes start and end a move gently.
double ease(double f);

// Mirrors a pose about x = 0 (the other side of the body): x flips, angles turn the other way.
Pose mirror(const Pose& pose);
Vec2 mirror(Vec2 v);

// The shortest distance from `p` to the segment of `capsule` between fractions `from` and `to`
// of its length (its surface: minus the radius).
double distance_to(const Capsule& capsule, Vec2 p, double from = 0, double to = 1);
Vec2 lerp(Vec2 a, Vec2 b, double f);
double length(Vec2 v);

// The tools' sizes in the side view: a foam roller's radius, a ball's.
double tool_radius(Tool tool);

std::string_view name_of(Part part);
std::string_view name_of(Limb limb);
std::optional<Part> parse_part(std::string_view name);

}  // namespace rs::core::pose
