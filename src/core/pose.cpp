#include "rollstation/core/pose.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rs::core::pose {
namespace {

constexpr double kDegree = std::numbers::pi / 180.0;

Vec2 along(Vec2 from, double angle_deg, double distance) {
    return {from.x + std::cos(angle_deg * kDegree) * distance,
            from.y + std::sin(angle_deg * kDegree) * distance};
}

// Painting order: what is furthest from the viewer first.
constexpr std::array<PartRef, kPartCount> kOrder{{
    {Part::upper_arm, Limb::far},
    {Part::forearm, Limb::far},
    {Part::hand, Limb::far},
    {Part::thigh, Limb::far},
    {Part::shin, Limb::far},
    {Part::foot, Limb::far},
    {Part::torso, Limb::near},
    {Part::neck, Limb::near},
    {Part::head, Limb::near},
    {Part::thigh, Limb::near},
    {Part::shin, Limb::near},
    {Part::foot, Limb::near},
    {Part::upper_arm, Limb::near},
    {Part::forearm, Limb::near},
    {Part::hand, Limb::near},
}};

constexpr std::array<std::string_view, 9> kPartNames{
    "torso", "neck", "head", "upper-arm", "forearm", "hand", "thigh", "shin", "foot"};

// Where each part's length and radius live in a Skeleton, in the order of Part. The head is a
// ball on top of the neck: a radius and no length.
struct PartMeasures {
    Part part;
    double Skeleton::*length;
    double Skeleton::*radius;
};
constexpr std::array<PartMeasures, 9> kPartMeasures{{
    {Part::torso, &Skeleton::torso, &Skeleton::torso_radius},
    {Part::neck, &Skeleton::neck, &Skeleton::neck_radius},
    {Part::head, nullptr, &Skeleton::head_radius},
    {Part::upper_arm, &Skeleton::upper_arm, &Skeleton::upper_arm_radius},
    {Part::forearm, &Skeleton::forearm, &Skeleton::forearm_radius},
    {Part::hand, &Skeleton::hand, &Skeleton::hand_radius},
    {Part::thigh, &Skeleton::thigh, &Skeleton::thigh_radius},
    {Part::shin, &Skeleton::shin, &Skeleton::shin_radius},
    {Part::foot, &Skeleton::foot, &Skeleton::foot_radius},
}};
static_assert([] {
    for (std::size_t i = 0; i < kPartMeasures.size(); ++i) {
        if (static_cast<std::size_t>(kPartMeasures[i].part) != i)
            return false;
    }
    return kPartMeasures.size() == static_cast<std::size_t>(Part::foot) + 1;
}());

// None for a value cast in from outside the enum.
const PartMeasures* measures_of(Part part) {
    const auto index = static_cast<std::size_t>(part);
    return index < kPartMeasures.size() ? &kPartMeasures[index] : nullptr;
}

// The short way from `a` to `b`, in degrees.
double angle_step(double a, double b) {
    double d = std::fmod(b - a, 360.0);
    if (d > 180)
        d -= 360;
    if (d < -180)
        d += 360;
    return d;
}

LimbAngles blend(const LimbAngles& a, const LimbAngles& b, double f) {
    return {a.root + angle_step(a.root, b.root) * f, a.middle + angle_step(a.middle, b.middle) * f,
            a.end + angle_step(a.end, b.end) * f};
}

LimbAngles mirror(const LimbAngles& a) {
    return {-a.root, -a.middle, -a.end};
}

}  // namespace

bool has_limb(Part part) {
    return part != Part::torso && part != Part::neck && part != Part::head;
}

std::size_t index_of(PartRef ref) {
    for (std::size_t i = 0; i < kOrder.size(); ++i) {
        if (kOrder[i].part == ref.part && (!has_limb(ref.part) || kOrder[i].limb == ref.limb))
            return i;
    }
    return 0;
}

PartRef part_at(std::size_t index) {
    return kOrder.at(index);
}

double Skeleton::length_of(Part part) const {
    const PartMeasures* measures = measures_of(part);
    return measures && measures->length ? this->*measures->length : 0;
}

double Skeleton::radius_of(Part part) const {
    const PartMeasures* measures = measures_of(part);
    return measures ? this->*measures->radius : 0;
}

Body solve(const Skeleton& sk, const Pose& pose) {
    Body body;
    auto set = [&](PartRef ref, Vec2 from, Vec2 to) {
        body.parts[index_of(ref)] = {from, to, sk.radius_of(ref.part)};
    };
    const Vec2 hip = pose.hip;
    const Vec2 shoulder = along(hip, pose.torso, sk.torso);
    set({Part::torso}, hip, shoulder);
    body.parts[index_of({Part::torso})].radius *= pose.torso_swell;
    const double neck_angle = pose.torso + pose.neck;
    const Vec2 neck_top = along(shoulder, neck_angle, sk.neck);
    set({Part::neck}, shoulder, neck_top);
    const Vec2 head = along(neck_top, neck_angle, sk.head_radius * 0.8);
    set({Part::head}, head, head);

    // Limbs hang from the trunk's line: 0 at the root points them from the shoulder (or hip) back
    // down the torso.
    const double down = pose.torso + 180;
    // An arm or a leg from its root joint: three parts, each bent from the line of the one before.
    auto chain = [&](Limb limb, Vec2 root, const LimbAngles& bends, std::array<Part, 3> parts) {
        const std::array<double, 3> bend{bends.root, bends.middle, bends.end};
        double angle = down;
        Vec2 from = root;
        for (std::size_t k = 0; k < parts.size(); ++k) {
            angle += bend[k];
            const Vec2 to = along(from, angle, sk.length_of(parts[k]));
            set({parts[k], limb}, from, to);
            from = to;
        }
    };
    for (Limb limb : {Limb::near, Limb::far}) {
        const auto i = static_cast<std::size_t>(limb);
        chain(limb, shoulder, pose.arms[i], {Part::upper_arm, Part::forearm, Part::hand});
        chain(limb, hip, pose.legs[i], {Part::thigh, Part::shin, Part::foot});
    }
    return body;
}

double ease(double f) {
    f = std::clamp(f, 0.0, 1.0);
    return f * f * (3 - 2 * f);
}

Vec2 lerp(Vec2 a, Vec2 b, double f) {
    return {a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f};
}

double length(Vec2 v) {
    return std::hypot(v.x, v.y);
}

Pose blend(const Pose& a, const Pose& b, double f) {
    Pose out;
    out.hip = lerp(a.hip, b.hip, f);
    out.torso = a.torso + angle_step(a.torso, b.torso) * f;
    out.neck = a.neck + angle_step(a.neck, b.neck) * f;
    for (std::size_t i = 0; i < 2; ++i) {
        out.arms[i] = blend(a.arms[i], b.arms[i], f);
        out.legs[i] = blend(a.legs[i], b.legs[i], f);
    }
    out.tool = lerp(a.tool, b.tool, f);
    out.torso_swell = a.torso_swell + (b.torso_swell - a.torso_swell) * f;
    return out;
}

Vec2 mirror(Vec2 v) {
    return {-v.x, v.y};
}

Pose mirror(const Pose& pose) {
    Pose out = pose;
    out.hip = mirror(pose.hip);
    out.torso = 180 - pose.torso;
    out.neck = -pose.neck;
    for (std::size_t i = 0; i < 2; ++i) {
        out.arms[i] = mirror(pose.arms[i]);
        out.legs[i] = mirror(pose.legs[i]);
    }
    out.tool = mirror(pose.tool);
    return out;
}

double distance_to(const Capsule& c, Vec2 p, double from, double to) {
    const Vec2 a = lerp(c.from, c.to, from), b = lerp(c.from, c.to, to);
    const Vec2 ab{b.x - a.x, b.y - a.y};
    const double len2 = ab.x * ab.x + ab.y * ab.y;
    double f = 0;
    if (len2 > 0)
        f = std::clamp(((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / len2, 0.0, 1.0);
    const Vec2 q = lerp(a, b, f);
    return length({p.x - q.x, p.y - q.y}) - c.radius;
}

double tool_radius(Tool tool) {
    switch (tool) {
        case Tool::foam_roller:
            return 0.075;  // a 15 cm roller
        case Tool::tennis_ball:
            return 0.033;
        case Tool::lacrosse_ball:
            return 0.032;
        case Tool::peanut_ball:
            return 0.04;
    }
    return 0.05;
}

std::string_view name_of(Part part) {
    return kPartNames.at(static_cast<std::size_t>(part));
}

std::string_view name_of(Limb limb) {
    return limb == Limb::near ? "near" : "far";
}

std::optional<Part> parse_part(std::string_view name) {
    for (std::size_t i = 0; i < kPartNames.size(); ++i) {
        if (kPartNames[i] == name)
            return static_cast<Part>(i);
    }
    return std::nullopt;
}

}  // namespace rs::core::pose
