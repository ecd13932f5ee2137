#include "rollstation/core/demo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

namespace rs::core {
using pose::Pose;

namespace {

constexpr double kLoop = 2.0;  // a pass out and a pass back

double wrap_loop(double u) {
    u = std::fmod(u, kLoop);
    return u < 0 ? u + kLoop : u;
}

}  // namespace

Pose pose_at(const Demo& demo, double u) {
    const auto& keys = demo.keyframes;
    if (keys.empty())
        return {};
    if (keys.size() == 1)
        return keys.front().pose;
    u = wrap_loop(u);
    // The keyframe at or before u; before the first, the span from the last (wrapping).
    std::size_t i = keys.size() - 1;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (keys[k].loop_position() <= u)
            i = k;
    }
    const std::size_t j = (i + 1) % keys.size();
    double start = keys[i].loop_position();
    double end = keys[j].loop_position();
    if (end <= start)
        end += kLoop;
    double at = u;
    if (at < start)
        at += kLoop;
    const double f = end > start ? (at - start) / (end - start) : 0.0;
    return pose::blend(keys[i].pose, keys[j].pose, pose::ease(f));
}

Pose held_pose(const Demo& demo, Millis since) {
    return held_pose(demo, since, demo.hold_at);
}

Pose held_pose(const Demo& demo, Millis since, double u) {
    Pose p = pose_at(demo, u);
    const double phase = 2 * std::numbers::pi *
                         static_cast<double>(since.count() % kBreath.count()) /
                         static_cast<double>(kBreath.count());
    // In through the chest, a slight lift of the head: alive, but clearly still.
    const double breath = (1 - std::cos(phase)) / 2;
    p.torso_swell = 1.0 + 0.06 * breath;
    p.neck += 2.0 * breath;
    return p;
}

Millis pass_length(const Tempo& tempo) {
    return Millis{(tempo.min_s + tempo.max_s) * 500};
}

double paced_position(const Tempo& tempo, Millis elapsed) {
    const auto pass = std::max<std::int64_t>(1, pass_length(tempo).count());
    const auto loop = 2 * pass;
    const auto t = ((elapsed.count() % loop) + loop) % loop;
    return static_cast<double>(t) / static_cast<double>(pass);
}

double followed_position(const Demo& demo, double travel_mm) {
    const double range = std::max(1.0, demo.range_mm);
    return wrap_loop(travel_mm / range);
}

DemoFrame demo_frame(const Demo& demo, const DemoMoment& m) {
    DemoFrame out;
    if (m.phase != Phase::active || m.paused) {
        out.figure = for_side(held_pose(demo, m.elapsed, 0.0), m.side);
        return out;
    }
    const double paced = paced_position(m.tempo, m.elapsed);
    if (m.travel_mm) {
        const double followed = followed_position(demo, *m.travel_mm);
        out.figure = for_side(
            m.holding ? held_pose(demo, m.elapsed, followed) : pose_at(demo, followed), m.side);
        out.ghost = for_side(pose_at(demo, paced), m.side);
    } else {
        out.figure = for_side(pose_at(demo, paced), m.side);
    }
    out.direction = m.holding ? 0 : (paced < 1.0 ? 1 : -1);
    return out;
}

Pose for_side(const Pose& pose, Side side) {
    return side == Side::right ? pose::mirror(pose) : pose;
}

namespace {

std::string percent(double u) {
    std::ostringstream out;
    const bool back = u >= 1.0;
    out << static_cast<int>(std::lround((back ? u - 1.0 : u) * 100)) << " % through the "
        << (back ? "pass back" : "pass out");
    return out.str();
}

std::string centimetres(double metres) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << metres * 100 << " cm";
    return out.str();
}

std::string part_label(const pose::PartRef& ref) {
    std::string out;
    if (pose::has_limb(ref.part))
        out = std::string(pose::name_of(ref.limb)) + " ";
    return out + std::string(pose::name_of(ref.part));
}

std::size_t keyframe_before(const Demo& demo, double u) {
    std::size_t i = demo.keyframes.empty() ? 0 : demo.keyframes.size() - 1;
    for (std::size_t k = 0; k < demo.keyframes.size(); ++k) {
        if (demo.keyframes[k].loop_position() <= u)
            i = k;
    }
    return i;
}

// The first thing wrong with one pose, if anything.
std::optional<std::string> first_problem(const Demo& demo, const Pose& p) {
    const pose::Body body = pose::solve(demo.skeleton, p);
    const double tool_r = pose::tool_radius(demo.tool);
    for (std::size_t i = 0; i < pose::kPartCount; ++i) {
        const pose::Capsule& c = body.parts[i];
        const pose::PartRef ref = pose::part_at(i);
        const double lowest = std::min(c.from.y, c.to.y) - c.radius;
        if (lowest < -kFloorTolerance)
            return "the " + part_label(ref) + " is " + centimetres(-lowest) + " below the floor";
        const double len = pose::length({c.to.x - c.from.x, c.to.y - c.from.y});
        const double want =
            demo.skeleton.length_of(ref.part) * (ref.part == pose::Part::head ? 0 : 1);
        if (std::abs(len - want) > 1e-6)
            return "the " + part_label(ref) + " is " + centimetres(len) + " long, not " +
                   centimetres(want);
        if (demo.support.kind == Support::Kind::wall) {
            // The body stands on the side of the wall its hips are on.
            const double side = p.hip.x < demo.support.wall_x ? 1.0 : -1.0;
            if (std::max(side * c.from.x, side * c.to.x) + c.radius >
                side * demo.support.wall_x + kFloorTolerance)
                return "the " + part_label(ref) + " goes through the wall";
        }
    }
    if (p.tool.y - tool_r < -kFloorTolerance)
        return "the tool is " + centimetres(tool_r - p.tool.y) + " below the floor";
    const double gap = demo.support.kind == Support::Kind::floor
                           ? p.tool.y - tool_r
                           : std::abs(demo.support.wall_x - p.tool.x) - tool_r;
    if (std::abs(gap) > kTouchTolerance) {
        return std::string("the tool is ") + centimetres(gap) +
               (demo.support.kind == Support::Kind::floor ? " off the floor" : " off the wall");
    }
    const double to_target =
        pose::distance_to(body.at(demo.target.part), p.tool, demo.target.from, demo.target.to) -
        tool_r;
    if (std::abs(to_target) > kTouchTolerance) {
        return "the tool is " + centimetres(to_target) +
               (to_target > 0 ? " away from" : " inside") + " the " + part_label(demo.target.part) +
               " it should work on";
    }
    return std::nullopt;
}

}  // namespace

std::vector<Implausibility> check_plausible(const Demo& demo) {
    std::vector<Implausibility> out;
    if (demo.keyframes.empty())
        return out;
    // Fine enough to catch a limb dipping between two keyframes: 400 moments a loop.
    constexpr int kSamples = 400;
    std::optional<std::size_t> reported;
    for (int s = 0; s < kSamples; ++s) {
        const double u = kLoop * s / kSamples;
        const std::size_t key = keyframe_before(demo, u);
        if (reported == key)
            continue;  // one message per stretch between keyframes is enough to act on
        if (auto problem = first_problem(demo, pose_at(demo, u))) {
            out.push_back({key, u, *problem + " at " + percent(u)});
            reported = key;
        }
    }
    for (int s = 0; s < 8; ++s) {
        const Millis t{kBreath.count() * s / 8};
        if (auto problem = first_problem(demo, held_pose(demo, t))) {
            out.push_back(
                {keyframe_before(demo, demo.hold_at), demo.hold_at, *problem + " while holding"});
            break;
        }
    }
    return out;
}

DemoPtr DemoLibrary::find(std::string_view id) const {
    for (const auto& d : demos_) {
        if (d->id == id)
            return d;
    }
    return nullptr;
}

DemoPtr DemoLibrary::find(Area area, Tool tool) const {
    for (const auto& d : demos_) {
        if (d->area == area && d->tool == tool)
            return d;
    }
    return nullptr;
}

DemoPtr DemoLibrary::for_step(const Step& step) const {
    if (!step.demo.empty())
        return find(step.demo);
    return find(step.area, step.tool);
}

std::optional<Tool> softer_tool(const DemoLibrary& demos, Area area, Tool tool) {
    // Firmest first: a small hard ball presses deepest, a wide roller spreads the load.
    constexpr std::array<Tool, 3> kSofter{Tool::lacrosse_ball, Tool::tennis_ball,
                                          Tool::foam_roller};
    const auto* at = std::find(kSofter.begin(), kSofter.end(), tool);
    if (at == kSofter.end())
        return std::nullopt;
    for (auto* next = at + 1; next != kSofter.end(); ++next) {
        if (demos.find(area, *next))
            return *next;
    }
    return std::nullopt;
}

std::optional<Pressure> lighter_pressure(Pressure pressure) {
    // Firmest first, as the tools above.
    constexpr std::array<Pressure, 3> kLighter{Pressure::firm, Pressure::moderate, Pressure::light};
    const auto* at = std::find(kLighter.begin(), kLighter.end(), pressure);
    if (at == kLighter.end() || at + 1 == kLighter.end())
        return std::nullopt;
    return *(at + 1);
}

}  // namespace rs::core
