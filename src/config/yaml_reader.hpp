// Typed, located access to YAML mappings: every wrong type, range or key becomes a Diagnostic.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollstation/config/diagnostic.hpp"
#include "rollstation/core/local_text.hpp"
#include "rollstation/core/routine.hpp"

namespace rs::config {

enum class Need { required, optional };

class YamlReader {
  public:
    YamlReader(std::string file, Diagnostics& errors) : file_(std::move(file)), errors_(errors) {}

    void error(const YAML::Node& at, std::string message);
    void error_at_file(std::string message);
    std::size_t error_count() const { return errors_.size(); }
    const std::string& file() const { return file_; }

    // The mapping's keys must come from `allowed`, each once.
    bool expect_map(const YAML::Node& node, std::string_view what);
    void allow_only(const YAML::Node& map, std::string_view what,
                    std::initializer_list<std::string_view> allowed);

    std::optional<YAML::Node> field(const YAML::Node& map, std::string_view key, Need need,
                                    std::string_view what);
    std::optional<std::string> text(const YAML::Node& map, std::string_view key, Need need,
                                    std::string_view what, std::size_t max_length = 200);
    std::optional<int> integer(const YAML::Node& map, std::string_view key, Need need,
                               std::string_view what, int min, int max);
    std::optional<bool> boolean(const YAML::Node& map, std::string_view key, Need need,
                                std::string_view what);
    std::optional<int> duration(const YAML::Node& map, std::string_view key, Need need,
                                std::string_view what, int min_s, int max_s);
    // Text a person reads: a plain string in the file's language, or a map from language code to
    // string ({en: "...", de: "..."}). Each language's text obeys `max_length`.
    std::optional<core::LocalText> local_text(const YAML::Node& map, std::string_view key,
                                              Need need, std::string_view what,
                                              std::size_t max_length = 200);
    std::optional<core::LocalText> local_text_at(const YAML::Node& node, const std::string& name,
                                                 std::size_t max_length);
    std::optional<std::vector<core::LocalText>> local_text_list(const YAML::Node& map,
                                                                std::string_view key, Need need,
                                                                std::string_view what,
                                                                std::size_t max_length = 200);
    // A top-level `language: de` names the language of the file's plain strings (default en).
    void read_file_language(const YAML::Node& document);
    core::Language file_language() const { return language_; }

    std::optional<std::vector<std::string>> text_list(const YAML::Node& map, std::string_view key,
                                                      Need need, std::string_view what,
                                                      std::size_t max_length = 200);
    // A name that ends up in MQTT topics and file names: up to 64 letters, digits, - and _.
    std::optional<std::string> topic_name(const YAML::Node& map, std::string_view key, Need need,
                                          std::string_view what);

    // A scalar that must be one of an enum's names.
    template <typename Enum>
    std::optional<Enum> word(const YAML::Node& node, std::string_view what) {
        auto value = scalar(node, what);
        if (!value)
            return std::nullopt;
        if (auto parsed = core::parse_name<Enum>(*value))
            return parsed;
        error(node, std::string(what) + ": unknown value '" + *value + "'; expected one of " +
                        core::allowed_names<Enum>());
        return std::nullopt;
    }
    template <typename Enum>
    std::optional<Enum> word(const YAML::Node& map, std::string_view key, Need need,
                             std::string_view what) {
        auto node = field(map, key, need, what);
        if (!node)
            return std::nullopt;
        return word<Enum>(
            *node, what.empty() ? std::string(key) : std::string(what) + "." + std::string(key));
    }

    std::optional<std::string> scalar(const YAML::Node& node, std::string_view what);

  private:
    // Gives `read_item` each item of a list and its name (what.key[i]): false when the field is
    // absent or not a list, or when any item was wrong (each one reported).
    bool each_item(
        const YAML::Node& map, std::string_view key, Need need, std::string_view what,
        const std::function<bool(const YAML::Node& item, const std::string& name)>& read_item);

    // A field that must hold a single value: where it is, its dotted name and the value.
    struct ScalarField {
        YAML::Node node;
        std::string name;
        std::string value;
    };
    std::optional<ScalarField> scalar_field(const YAML::Node& map, std::string_view key, Need need,
                                            std::string_view what);

    std::string file_;
    Diagnostics& errors_;
    core::Language language_ = core::Language::en;
};

// Parses a file or text, turning yaml-cpp's syntax errors into located diagnostics.
std::optional<YAML::Node> parse_yaml_file(const std::string& path, Diagnostics& errors);
// Sets `field` to what was read, if anything was: a field left out keeps its default.
template <typename Field, typename Value>
void set_if(Field& field, const std::optional<Value>& value) {
    if (value)
        field = *value;
}

std::optional<YAML::Node> parse_yaml_text(const std::string& text, const std::string& source,
                                          Diagnostics& errors);

}  // namespace rs::config
