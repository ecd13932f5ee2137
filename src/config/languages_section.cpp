#include "config/languages_section.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace rs::config {
namespace {

// One code, with the same message wherever a code is written, so the known ones are named.
std::optional<core::Language> read_code(YamlReader& r, const YAML::Node& node,
                                        const std::string& what) {
    const auto code = r.scalar(node, what);
    if (!code)
        return std::nullopt;
    if (auto language = core::parse_language(*code))
        return language;
    r.error(node, what + ": unknown language code '" + *code + "'; expected one of " +
                      core::language_codes());
    return std::nullopt;
}

// The section's mapping, or nothing when it is absent or not a mapping (its own reader reports
// that once; saying it again here would double the error).
std::optional<YAML::Node> section(const YAML::Node& root, const char* key) {
    const YAML::Node node = root[key];
    if (!node.IsDefined() || !node.IsMap())
        return std::nullopt;
    return node;
}

// The offered list, whole or not at all: half a list would offer what nobody meant.
std::optional<std::vector<core::Language>> read_offered(YamlReader& r, const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0) {
        r.error(node,
                "display.languages must be a non-empty list of language codes such as [en, de]");
        return std::nullopt;
    }
    std::vector<core::Language> offered;
    bool ok = true;
    for (std::size_t i = 0; i < node.size(); ++i) {
        const auto language = read_code(r, node[i], "display.languages[" + std::to_string(i) + "]");
        if (!language) {
            ok = false;
            continue;
        }
        if (std::find(offered.begin(), offered.end(), *language) != offered.end()) {
            r.error(node[i], "display.languages lists '" + std::string(core::code_of(*language)) +
                                 "' twice");
            ok = false;
            continue;
        }
        offered.push_back(*language);
    }
    if (!ok)
        return std::nullopt;
    return offered;
}

}  // namespace

void read_languages(YamlReader& r, const YAML::Node& root, StationInfo& station,
                    DisplayConfig& display) {
    bool house_ok = true;
    if (const auto node = section(root, "station")) {
        if (auto field = r.field(*node, "language", Need::optional, "station")) {
            if (auto language = read_code(r, *field, "station.language"))
                station.language = *language;
            else
                house_ok = false;
        }
    }
    display.languages = {station.language};
    const auto node = section(root, "display");
    if (!node)
        return;
    const auto field = r.field(*node, "languages", Need::optional, "display");
    if (!field)
        return;
    auto offered = read_offered(r, *field);
    if (!offered)
        return;
    // The kiosk returns to the house language after every visit: it must be one it can show.
    // A house language that was itself mistaken has been reported already.
    if (house_ok &&
        std::find(offered->begin(), offered->end(), station.language) == offered->end()) {
        r.error(*field, "display.languages must include the house language '" +
                            std::string(core::code_of(station.language)) + "' (station.language)");
        return;
    }
    if (house_ok)
        display.languages = std::move(*offered);
}

}  // namespace rs::config
