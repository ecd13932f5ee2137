#include "rollstation/config/demo_loader.hpp"

#include <algorithm>
#include <cmath>

#include "config/yaml_reader.hpp"

namespace rs::config {
namespace fs = std::filesystem;
using core::Demo;
using core::Keyframe;

namespace {

std::optional<double> number(YamlReader& r, const YAML::Node& node, const std::string& what,
                             double min, double max) {
    auto text = r.scalar(node, what);
    if (!text)
        return std::nullopt;
    double value = 0;
    try {
        std::size_t used = 0;
        value = std::stod(*text, &used);
        if (used != text->size() || !std::isfinite(value))
            throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
        r.error(node, what + " must be a number, not '" + *text + "'");
        return std::nullopt;
    }
    if (value < min || value > max) {
        r.error(node, what + " " + *text + " is out of range: use " + std::to_string(min) + " to " +
                          std::to_string(max));
        return std::nullopt;
    }
    return value;
}

std::optional<double> number_field(YamlReader& r, const YAML::Node& map, std::string_view key,
                                   Need need, const std::string& what, double min, double max) {
    auto node = r.field(map, key, need, what);
    if (!node)
        return std::nullopt;
    return number(r, *node, what.empty() ? std::string(key) : what + "." + std::string(key), min,
                  max);
}

// A list of exactly `n` numbers, such as a point [x, y] or a limb's three angles.
std::optional<std::vector<double>> numbers(YamlReader& r, const YAML::Node& node,
                                           const std::string& what, std::size_t n, double min,
                                           double max, const char* example) {
    if (!node.IsSequence() || node.size() != n) {
        r.error(node,
                what + " must be a list of " + std::to_string(n) + " numbers such as " + example);
        return std::nullopt;
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < n; ++i) {
        auto v = number(r, node[i], what + "[" + std::to_string(i) + "]", min, max);
        if (!v)
            return std::nullopt;
        out.push_back(*v);
    }
    return out;
}

std::optional<core::pose::Vec2> point(YamlReader& r, const YAML::Node& map, std::string_view key,
                                      const std::string& what) {
    auto node = r.field(map, key, Need::required, what);
    if (!node)
        return std::nullopt;
    auto v = numbers(r, *node, what + "." + std::string(key), 2, -5, 5, "[0.2, 0.45] (metres)");
    if (!v)
        return std::nullopt;
    return core::pose::Vec2{(*v)[0], (*v)[1]};
}

// `arms: {near: [shoulder, elbow, wrist], far: [...]}`, likewise `legs` with hip, knee, ankle.
bool limbs(YamlReader& r, const YAML::Node& map, std::string_view key, const std::string& what,
           std::array<core::pose::LimbAngles, 2>& out) {
    auto node = r.field(map, key, Need::required, what);
    if (!node)
        return false;
    const std::string here = what + "." + std::string(key);
    if (!r.expect_map(*node, here))
        return false;
    r.allow_only(*node, here, {"near", "far"});
    bool ok = true;
    for (auto limb : {core::pose::Limb::near, core::pose::Limb::far}) {
        const std::string name(core::pose::name_of(limb));
        auto angles = r.field(*node, name, Need::required, here);
        if (!angles) {
            ok = false;
            continue;
        }
        auto v = numbers(r, *angles, here + "." + name, 3, -360, 360, "[-40, 20, 90] (degrees)");
        if (!v) {
            ok = false;
            continue;
        }
        out[static_cast<std::size_t>(limb)] = {(*v)[0], (*v)[1], (*v)[2]};
    }
    return ok;
}

std::optional<Keyframe> read_keyframe(YamlReader& r, const YAML::Node& node,
                                      const std::string& what) {
    if (!r.expect_map(node, what))
        return std::nullopt;
    const std::size_t before = r.error_count();
    r.allow_only(node, what, {"pass", "at", "hip", "torso", "neck", "arms", "legs", "tool"});
    Keyframe key;
    if (auto pass = r.text(node, "pass", Need::required, what)) {
        if (*pass == "out" || *pass == "back")
            key.phase = *pass == "out" ? core::PassPhase::out : core::PassPhase::back;
        else
            r.error(node["pass"], what + ".pass must be out or back, not '" + *pass + "'");
    }
    if (auto at = number_field(r, node, "at", Need::required, what, 0, 0.999))
        key.at = *at;
    if (auto hip = point(r, node, "hip", what))
        key.pose.hip = *hip;
    if (auto torso = number_field(r, node, "torso", Need::required, what, -360, 360))
        key.pose.torso = *torso;
    if (auto neck = number_field(r, node, "neck", Need::optional, what, -90, 90))
        key.pose.neck = *neck;
    limbs(r, node, "arms", what, key.pose.arms);
    limbs(r, node, "legs", what, key.pose.legs);
    if (auto tool = point(r, node, "tool", what))
        key.pose.tool = *tool;
    if (r.error_count() != before)
        return std::nullopt;
    return key;
}

std::optional<core::Target> read_target(YamlReader& r, const YAML::Node& map) {
    auto node = r.field(map, "target", Need::required, "");
    if (!node || !r.expect_map(*node, "target"))
        return std::nullopt;
    r.allow_only(*node, "target", {"part", "limb", "from", "to"});
    core::Target target;
    const std::size_t before = r.error_count();
    if (auto part = r.text(*node, "part", Need::required, "target")) {
        if (auto parsed = core::pose::parse_part(*part))
            target.part.part = *parsed;
        else
            r.error((*node)["part"], "target.part: unknown part '" + *part +
                                         "'; expected one of torso, neck, head, upper-arm, "
                                         "forearm, hand, thigh, shin, foot");
    }
    if (auto limb = r.text(*node, "limb", Need::optional, "target")) {
        if (*limb == "near" || *limb == "far")
            target.part.limb = *limb == "near" ? core::pose::Limb::near : core::pose::Limb::far;
        else
            r.error((*node)["limb"], "target.limb must be near or far, not '" + *limb + "'");
    }
    if (auto from = number_field(r, *node, "from", Need::optional, "target", 0, 1))
        target.from = *from;
    if (auto to = number_field(r, *node, "to", Need::optional, "target", 0, 1))
        target.to = *to;
    if (target.from > target.to)
        r.error(*node, "target.from must not be past target.to");
    if (r.error_count() != before)
        return std::nullopt;
    return target;
}

std::optional<core::Support> read_support(YamlReader& r, const YAML::Node& map) {
    auto node = r.field(map, "support", Need::optional, "");
    if (!node)
        return core::Support{};
    if (node->IsScalar() && node->Scalar() == "floor")
        return core::Support{};
    if (node->IsMap() && node->size() == 1 && (*node)["wall"]) {
        if (auto x = number(r, (*node)["wall"], "support.wall", -5, 5))
            return core::Support{core::Support::Kind::wall, *x};
        return std::nullopt;
    }
    r.error(*node, "support must be floor, or {wall: X} with the wall's x in metres");
    return std::nullopt;
}

std::optional<double> read_range(YamlReader& r, const YAML::Node& map) {
    auto node = r.field(map, "range", Need::required, "");
    if (!node)
        return std::nullopt;
    auto text = r.scalar(*node, "range");
    if (!text)
        return std::nullopt;
    std::string digits = *text;
    if (digits.size() > 2 && digits.ends_with("mm"))
        digits.resize(digits.size() - 2);
    else {
        r.error(*node,
                "range must be millimetres of roller travel over one pass, such as 300mm, "
                "not '" +
                    *text + "'");
        return std::nullopt;
    }
    try {
        std::size_t used = 0;
        const int mm = std::stoi(digits, &used);
        if (used == digits.size() && mm >= 20 && mm <= 2000)
            return mm;
    } catch (const std::exception&) {
    }
    r.error(*node, "range " + *text + " must be 20mm to 2000mm");
    return std::nullopt;
}

}  // namespace

std::optional<Demo> parse_demo(const YAML::Node& document, const std::string& source,
                               const std::string& id, Diagnostics& errors) {
    YamlReader r(source, errors);
    const std::size_t before = r.error_count();
    if (!r.expect_map(document, "a demonstration"))
        return std::nullopt;
    r.allow_only(
        document, "",
        {"area", "tool", "target", "support", "range", "hold_at", "cues", "keyframes", "language"});
    r.read_file_language(document);
    Demo demo;
    demo.id = id;
    auto area = r.word<core::Area>(document, "area", Need::required, "");
    auto tool = r.word<core::Tool>(document, "tool", Need::required, "");
    auto target = read_target(r, document);
    auto support = read_support(r, document);
    auto range = read_range(r, document);
    auto hold_at = number_field(r, document, "hold_at", Need::optional, "", 0, 1.999);
    auto cues =
        r.local_text_list(document, "cues", Need::optional, "", core::limits::cue_length_max);
    if (cues && (cues->empty() || cues->size() > core::limits::cues_max))
        r.error(document["cues"], "cues holds 1 to 3 short lines");
    std::vector<YAML::Node> key_nodes;
    if (auto keys = r.field(document, "keyframes", Need::required, "")) {
        if (!keys->IsSequence() || keys->size() < 1 || keys->size() > 16) {
            r.error(*keys, "keyframes must be a list of 1 to 16 poses");
        } else {
            double last = -1;
            for (std::size_t i = 0; i < keys->size(); ++i) {
                const std::string what = "keyframes[" + std::to_string(i) + "]";
                auto key = read_keyframe(r, (*keys)[i], what);
                if (!key)
                    continue;
                if (key->loop_position() <= last) {
                    r.error((*keys)[i], what +
                                            " comes before the keyframe above it: list the pass "
                                            "out first, then the pass back, each by `at`");
                }
                last = key->loop_position();
                key_nodes.push_back((*keys)[i]);
                demo.keyframes.push_back(*key);
            }
        }
    }
    if (r.error_count() != before)
        return std::nullopt;
    demo.area = *area;
    demo.tool = *tool;
    demo.target = *target;
    demo.support = *support;
    demo.range_mm = *range;
    if (hold_at)
        demo.hold_at = *hold_at;
    if (cues)
        demo.cues = *cues;
    // The laws of a body on a floor, at the keyframe each lapse follows.
    for (const core::Implausibility& problem : core::check_plausible(demo)) {
        r.error(key_nodes.at(problem.keyframe),
                "keyframes[" + std::to_string(problem.keyframe) + "]: " + problem.message);
    }
    if (r.error_count() != before)
        return std::nullopt;
    return demo;
}

std::optional<Demo> load_demo_file(const fs::path& file, Diagnostics& errors) {
    auto document = parse_yaml_file(file.string(), errors);
    if (!document)
        return std::nullopt;
    return parse_demo(*document, file.string(), file.stem().string(), errors);
}

LoadedDemos load_demo_dirs(const std::vector<fs::path>& dirs) {
    LoadedDemos out;
    for (const fs::path& dir : dirs) {
        std::error_code ec;
        if (!fs::exists(dir, ec))
            continue;
        std::vector<fs::path> files;
        fs::directory_iterator it(dir, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code type_ec;
            if (it->is_regular_file(type_ec) && it->path().extension() == ".yaml")
                files.push_back(it->path());
        }
        if (ec) {
            out.errors.push_back(Diagnostic{
                dir.string(), 0, 0, "cannot read the demonstration folder: " + ec.message()});
            continue;
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& file : files) {
            auto demo = load_demo_file(file, out.errors);
            if (!demo) {
                out.skipped_files.push_back(file.string());
                continue;
            }
            out.files[demo->id] = file.string();
            out.demos.push_back(std::make_shared<const Demo>(std::move(*demo)));
        }
    }
    return out;
}

std::vector<fs::path> demo_dirs_for(const std::vector<fs::path>& routine_dirs) {
    std::vector<fs::path> out;
    for (const fs::path& dir : routine_dirs) {
        fs::path beside = dir.lexically_normal();
        if (!beside.has_filename())
            beside = beside.parent_path();
        beside = beside.parent_path() / "demos";
        if (std::find(out.begin(), out.end(), beside) == out.end())
            out.push_back(beside);
    }
    return out;
}

std::vector<std::string> steps_without_demo(const core::Library& library,
                                            const core::DemoLibrary& demos) {
    std::vector<std::string> out;
    for (const auto& routine : library.routines()) {
        for (std::size_t i = 0; i < routine->steps.size(); ++i) {
            const core::Step& step = routine->steps[i];
            if (demos.for_step(step))
                continue;
            std::string line = "routine " + routine->id + " step " + std::to_string(i + 1) + " (" +
                               std::string(core::name_of(step.area)) + ", " +
                               std::string(core::name_of(step.tool)) + ") has no demonstration";
            if (!step.demo.empty())
                line += ": it names '" + step.demo + "', which is not loaded";
            out.push_back(std::move(line));
        }
    }
    return out;
}

}  // namespace rs::config
