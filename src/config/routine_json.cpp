// A routine given as JSON (an inline routine in a coach command), checked by the routine loader.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "rollstation/config/routine_loader.hpp"

namespace rs::config {
namespace {

using nlohmann::json;

// JSON to YAML, so an inline routine is checked by exactly the code that checks routine files.
YAML::Node to_yaml(const json& j) {
    switch (j.type()) {
        case json::value_t::object: {
            YAML::Node node(YAML::NodeType::Map);
            for (const auto& [key, value] : j.items())
                node[key] = to_yaml(value);
            return node;
        }
        case json::value_t::array: {
            YAML::Node node(YAML::NodeType::Sequence);
            for (const auto& value : j)
                node.push_back(to_yaml(value));
            return node;
        }
        case json::value_t::string:
            return YAML::Node(j.get<std::string>());
        case json::value_t::null:
            return YAML::Node(YAML::NodeType::Null);
        default:
            return YAML::Node(j.dump());  // numbers and booleans as the scalars a file would have
    }
}

}  // namespace

std::optional<core::Routine> routine_from_json(const nlohmann::json& routine,
                                               const std::string& source, Diagnostics& errors) {
    return parse_routine(to_yaml(routine), source, errors);
}

}  // namespace rs::config
