#include "rollstation/config/routine_loader.hpp"

#include <algorithm>
#include <map>

#include "config/yaml_reader.hpp"

namespace rs::config {
namespace fs = std::filesystem;
namespace lim = core::limits;
using core::Routine;
using core::Step;

namespace {

std::optional<core::Tempo> read_tempo(YamlReader& r, const YAML::Node& node,
                                      const std::string& what) {
    auto text = r.scalar(node, what);
    if (!text)
        return std::nullopt;
    const auto dash = text->find('-');
    const auto bad = [&] {
        r.error(node,
                what + " must be seconds per pass as min-max, such as 2-4, not '" + *text + "'");
        return std::nullopt;
    };
    if (dash == std::string::npos)
        return bad();
    int min = 0, max = 0;
    try {
        std::size_t used_min = 0, used_max = 0;
        const std::string a = text->substr(0, dash), b = text->substr(dash + 1);
        min = std::stoi(a, &used_min);
        max = std::stoi(b, &used_max);
        if (used_min != a.size() || used_max != b.size() || a.empty() || b.empty())
            return bad();
    } catch (const std::exception&) {
        return bad();
    }
    if (min < lim::tempo_min_s || max > lim::tempo_max_s || min > max) {
        r.error(node,
                what + " " + *text + " is out of range: use " + std::to_string(lim::tempo_min_s) +
                    " <= min <= max <= " + std::to_string(lim::tempo_max_s) + " seconds per pass");
        return std::nullopt;
    }
    return core::Tempo{min, max};
}

std::optional<Step> read_step(YamlReader& r, const YAML::Node& node, const std::string& what) {
    if (!r.expect_map(node, what))
        return std::nullopt;
    const std::size_t before = r.error_count();
    r.allow_only(node, what,
                 {"area", "tool", "side", "duration", "sets", "rest", "tempo", "pressure", "cues",
                  "safety", "hold", "demo"});
    Step step;
    auto area = r.word<core::Area>(node, "area", Need::required, what);
    auto tool = r.word<core::Tool>(node, "tool", Need::required, what);
    auto side = r.word<core::Side>(node, "side", Need::required, what);
    auto duration = r.duration(node, "duration", Need::required, what, lim::duration_min_s,
                               lim::duration_max_s);
    auto sets = r.integer(node, "sets", Need::optional, what, lim::sets_min, lim::sets_max);
    auto rest = r.duration(node, "rest", Need::optional, what, lim::rest_min_s, lim::rest_max_s);
    auto pressure = r.word<core::Pressure>(node, "pressure", Need::required, what);
    auto cues = r.local_text_list(node, "cues", Need::required, what, lim::cue_length_max);
    auto safety = r.local_text_list(node, "safety", Need::optional, what, lim::cue_length_max);
    auto hold = r.duration(node, "hold", Need::optional, what, lim::hold_min_s, lim::hold_max_s);
    auto demo = r.text(node, "demo", Need::optional, what, lim::id_max);
    if (auto tempo_node = r.field(node, "tempo", Need::optional, what)) {
        if (auto tempo = read_tempo(r, *tempo_node, what + ".tempo"))
            step.tempo = *tempo;
    }
    if (cues && (cues->size() < lim::cues_min || cues->size() > lim::cues_max)) {
        r.error(node["cues"], what + ".cues has " + std::to_string(cues->size()) +
                                  " cues; give between 1 and 3 short ones");
    }
    if (safety && (safety->empty() || safety->size() > lim::safety_max)) {
        r.error(node["safety"], what + ".safety has " + std::to_string(safety->size()) +
                                    " lines; give 1 or 2 (or leave it out)");
    }
    if (hold && duration && *hold >= *duration) {
        r.error(node["hold"], what + ".hold (" + std::to_string(*hold) +
                                  " s) must be shorter than the step's duration (" +
                                  std::to_string(*duration) + " s)");
    }
    if (r.error_count() != before)
        return std::nullopt;
    step.area = *area;
    step.tool = *tool;
    step.side = *side;
    step.duration_s = *duration;
    step.sets = sets.value_or(1);
    step.rest_s = rest.value_or(0);
    step.pressure = *pressure;
    step.cues = std::move(*cues);
    if (safety)
        step.safety = std::move(*safety);
    step.hold_s = hold;
    if (demo)
        step.demo = *demo;
    return step;
}

std::optional<std::vector<core::Tool>> read_tools(YamlReader& r, const YAML::Node& map) {
    auto node = r.field(map, "tools", Need::required, "");
    if (!node)
        return std::nullopt;
    if (!node->IsSequence() || node->size() == 0) {
        r.error(*node, "tools must be a non-empty list such as [foam-roller]");
        return std::nullopt;
    }
    std::vector<core::Tool> tools;
    bool ok = true;
    for (std::size_t i = 0; i < node->size(); ++i) {
        const YAML::Node item = (*node)[i];
        auto tool = r.word<core::Tool>(item, "tools[" + std::to_string(i) + "]");
        if (!tool) {
            ok = false;
        } else if (std::find(tools.begin(), tools.end(), *tool) != tools.end()) {
            r.error(item, "tools lists '" + std::string(core::name_of(*tool)) + "' twice");
            ok = false;
        } else {
            tools.push_back(*tool);
        }
    }
    if (!ok)
        return std::nullopt;
    return tools;
}

}  // namespace

std::optional<Routine> parse_routine(const YAML::Node& document, const std::string& source,
                                     Diagnostics& errors) {
    YamlReader r(source, errors);
    const std::size_t before = r.error_count();
    if (!r.expect_map(document, "a routine"))
        return std::nullopt;
    r.allow_only(document, "",
                 {"id", "language", "title", "purpose", "level", "tools", "summary", "when",
                  "timer", "steps", "progression"});
    r.read_file_language(document);

    Routine routine;
    auto id = r.text(document, "id", Need::required, "", lim::id_max);
    if (id && !core::is_valid_routine_id(*id)) {
        r.error(document["id"],
                "id '" + *id + "' must be 3 to 40 lowercase letters, digits and dashes");
    }
    auto title = r.local_text(document, "title", Need::required, "", lim::title_max);
    auto purpose = r.word<core::Purpose>(document, "purpose", Need::required, "");
    auto level = r.word<core::Level>(document, "level", Need::required, "");
    auto tools = read_tools(r, document);
    auto summary = r.local_text(document, "summary", Need::required, "", lim::summary_max);
    auto when = r.word<core::When>(document, "when", Need::required, "");
    auto timer = r.word<core::Timer>(document, "timer", Need::optional, "");
    auto progression = r.text(document, "progression", Need::optional, "", lim::id_max);
    if (progression && !core::is_valid_routine_id(*progression)) {
        r.error(document["progression"], "progression '" + *progression +
                                             "' must be a routine id: 3 to 40 lowercase letters, "
                                             "digits and dashes");
    }

    if (auto steps = r.field(document, "steps", Need::required, "")) {
        if (!steps->IsSequence() || steps->size() < lim::steps_min ||
            steps->size() > lim::steps_max) {
            r.error(*steps, "steps must be a list of 1 to 20 steps");
        } else {
            for (std::size_t i = 0; i < steps->size(); ++i) {
                const YAML::Node node = (*steps)[i];
                auto step = read_step(r, node, "steps[" + std::to_string(i) + "]");
                if (!step)
                    continue;
                if (tools && std::find(tools->begin(), tools->end(), step->tool) == tools->end()) {
                    r.error(node["tool"], "steps[" + std::to_string(i) + "].tool '" +
                                              std::string(core::name_of(step->tool)) +
                                              "' is not listed in the routine's tools");
                }
                routine.steps.push_back(std::move(*step));
            }
        }
    }
    if (tools && r.error_count() == before) {
        for (core::Tool tool : *tools) {
            const bool used = std::any_of(routine.steps.begin(), routine.steps.end(),
                                          [&](const Step& s) { return s.tool == tool; });
            if (!used) {
                r.error(document["tools"], "tools lists '" + std::string(core::name_of(tool)) +
                                               "' but no step uses it");
            }
        }
    }
    if (r.error_count() != before)
        return std::nullopt;
    routine.id = *id;
    routine.title = *title;
    routine.purpose = *purpose;
    routine.level = *level;
    routine.tools = std::move(*tools);
    routine.summary = *summary;
    routine.when = *when;
    routine.timer = timer;
    if (progression)
        routine.progression = *progression;
    return routine;
}

std::optional<Routine> parse_routine_text(const std::string& text, const std::string& source,
                                          Diagnostics& errors) {
    auto document = parse_yaml_text(text, source, errors);
    if (!document)
        return std::nullopt;
    return parse_routine(*document, source, errors);
}

std::optional<Routine> load_routine_file(const fs::path& file, Diagnostics& errors) {
    auto document = parse_yaml_file(file.string(), errors);
    if (!document)
        return std::nullopt;
    const std::size_t before = errors.size();
    auto routine = parse_routine(*document, file.string(), errors);
    if (routine && routine->id != file.stem().string()) {
        YamlReader r(file.string(), errors);
        r.error((*document)["id"],
                "id '" + routine->id + "' must match the file name '" + file.stem().string() + "'");
    }
    if (errors.size() != before)
        return std::nullopt;
    return routine;
}

LoadedRoutines load_routine_dirs(const std::vector<fs::path>& dirs) {
    LoadedRoutines out;
    std::map<std::string, std::string> first_file_of_id;
    for (const fs::path& dir : dirs) {
        // error_code forms throughout: an unreadable folder is a diagnostic, never an abort.
        std::error_code ec;
        std::vector<fs::path> files;
        fs::directory_iterator it(dir, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            const auto ext = it->path().extension();
            std::error_code type_ec;
            if (it->is_regular_file(type_ec) && (ext == ".yaml" || ext == ".yml"))
                files.push_back(it->path());
        }
        if (ec) {
            out.errors.push_back(
                Diagnostic{dir.string(), 0, 0, "cannot read the routine folder: " + ec.message()});
            continue;
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& file : files) {
            auto routine = load_routine_file(file, out.errors);
            if (!routine) {
                out.skipped_files.push_back(file.string());
                continue;
            }
            auto [it, fresh] = first_file_of_id.emplace(routine->id, file.string());
            if (!fresh) {
                // Rare path: read the file again to point at the id itself.
                YamlReader r(file.string(), out.errors);
                Diagnostics ignored;
                const auto document = parse_yaml_file(file.string(), ignored);
                r.error(
                    document ? (*document)["id"] : YAML::Node(),
                    "duplicate routine id '" + routine->id + "', already defined in " + it->second);
                out.skipped_files.push_back(file.string());
                continue;
            }
            out.files[routine->id] = file.string();
            out.routines.push_back(std::make_shared<const Routine>(std::move(*routine)));
        }
    }
    return out;
}

}  // namespace rs::config
