// Reads routine files (YAML) into the core model, with a precise message for every mistake.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "rollstation/config/diagnostic.hpp"
#include "rollstation/core/library.hpp"
#include "rollstation/core/routine.hpp"

namespace YAML {
class Node;
}

namespace rs::config {

// Checks one routine document (from a file or an inline coach command). `source` names it in
// diagnostics. Returns nothing when any error was found; every error is appended.
std::optional<core::Routine> parse_routine(const YAML::Node& document, const std::string& source,
                                           Diagnostics& errors);

// Checks a routine given as JSON (an inline routine in a coach command) by the same rules, with
// the same diagnostics, as a routine file. Without a file its diagnostics carry no line.
std::optional<core::Routine> routine_from_json(const nlohmann::json& routine,
                                               const std::string& source, Diagnostics& errors);

// Parses text (YAML or JSON) as one routine.
std::optional<core::Routine> parse_routine_text(const std::string& text, const std::string& source,
                                                Diagnostics& errors);

std::optional<core::Routine> load_routine_file(const std::filesystem::path& file,
                                               Diagnostics& errors);

struct LoadedRoutines {
    std::vector<core::RoutinePtr> routines;
    std::vector<std::string> skipped_files;  // files with at least one error
    Diagnostics errors;
    std::map<std::string, std::string> files;  // each loaded routine's file, by id
};

// Loads every *.yaml / *.yml file in the directories, in name order. A bad file is skipped and
// reported; a later file repeating an earlier id is an error.
LoadedRoutines load_routine_dirs(const std::vector<std::filesystem::path>& dirs);

}  // namespace rs::config
