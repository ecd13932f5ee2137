// Reads demonstration files (YAML): a movement's keyframes, checked for the laws of a body on a
// floor, with a precise `file:line:col` message for every mistake.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rollstation/config/diagnostic.hpp"
#include "rollstation/core/demo.hpp"
#include "rollstation/core/library.hpp"

namespace YAML {
class Node;
}

namespace rs::config {

// `id` is the file's name without its extension. Returns nothing when any error was found.
std::optional<core::Demo> parse_demo(const YAML::Node& document, const std::string& source,
                                     const std::string& id, Diagnostics& errors);
std::optional<core::Demo> load_demo_file(const std::filesystem::path& file, Diagnostics& errors);

struct LoadedDemos {
    std::vector<core::DemoPtr> demos;
    std::vector<std::string> skipped_files;
    Diagnostics errors;
    std::map<std::string, std::string> files;  // each loaded demonstration's file, by id
};

// Every *.yaml file in the folders, in name order; a bad file is reported and skipped. A folder
// that does not exist holds no demonstrations (a station may ship none).
LoadedDemos load_demo_dirs(const std::vector<std::filesystem::path>& dirs);

// Where a station's demonstrations live: a `demos` folder beside each routine folder.
std::vector<std::filesystem::path> demo_dirs_for(
    const std::vector<std::filesystem::path>& routine_dirs);

// "routine pre-run step 2 (Calves, Foam roller) has no demonstration": one per step without.
std::vector<std::string> steps_without_demo(const core::Library& library,
                                            const core::DemoLibrary& demos);

}  // namespace rs::config
