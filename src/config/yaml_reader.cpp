#include "config/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "rollstation/core/duration.hpp"

namespace rs::config {
namespace {

std::string kind_of(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Null:
            return "nothing";
        case YAML::NodeType::Scalar:
            return "a single value";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Map:
            return "a mapping";
        case YAML::NodeType::Undefined:
            return "nothing";
    }
    return "something else";
}

std::string path_of(std::string_view what, std::string_view key) {
    return what.empty() ? std::string(key) : std::string(what) + "." + std::string(key);
}

}  // namespace

std::string Diagnostic::to_string() const {
    if (line <= 0)
        return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

void YamlReader::error(const YAML::Node& at, std::string message) {
    const YAML::Mark mark = at.Mark();
    if (mark.is_null()) {
        error_at_file(std::move(message));
        return;
    }
    errors_.push_back(Diagnostic{file_, mark.line + 1, mark.column + 1, std::move(message)});
}

void YamlReader::error_at_file(std::string message) {
    errors_.push_back(Diagnostic{file_, 0, 0, std::move(message)});
}

bool YamlReader::expect_map(const YAML::Node& node, std::string_view what) {
    if (node.IsMap())
        return true;
    error(node, std::string(what) + " must be a mapping of keys to values, not " + kind_of(node));
    return false;
}

void YamlReader::allow_only(const YAML::Node& map, std::string_view what,
                            std::initializer_list<std::string_view> allowed) {
    std::set<std::string> seen;
    for (const auto& entry : map) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            error(key, std::string(what) + ": a key must be a plain word");
            continue;
        }
        const std::string name = key.Scalar();
        if (!seen.insert(name).second) {
            error(key, "duplicate key '" + path_of(what, name) + "'");
            continue;
        }
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            std::string list;
            for (auto a : allowed)
                list += (list.empty() ? "" : ", ") + std::string(a);
            error(key, "unknown key '" + path_of(what, name) + "'; allowed keys: " + list);
        }
    }
}

std::optional<YAML::Node> YamlReader::field(const YAML::Node& map, std::string_view key, Need need,
                                            std::string_view what) {
    const YAML::Node node = map[std::string(key)];
    if (!node.IsDefined() || node.IsNull()) {
        if (need == Need::required)
            error(map, "missing required key '" + path_of(what, key) + "'");
        return std::nullopt;
    }
    return node;
}

std::optional<std::string> YamlReader::scalar(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
        error(node, std::string(what) + " must be a single value, not " + kind_of(node));
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<YamlReader::ScalarField> YamlReader::scalar_field(const YAML::Node& map,
                                                                std::string_view key, Need need,
                                                                std::string_view what) {
    auto node = field(map, key, need, what);
    if (!node)
        return std::nullopt;
    std::string name = path_of(what, key);
    auto value = scalar(*node, name);
    if (!value)
        return std::nullopt;
    return ScalarField{*node, std::move(name), std::move(*value)};
}

std::optional<std::string> YamlReader::text(const YAML::Node& map, std::string_view key, Need need,
                                            std::string_view what, std::size_t max_length) {
    auto f = scalar_field(map, key, need, what);
    if (!f)
        return std::nullopt;
    if (f->value.empty()) {
        error(f->node, f->name + " must not be empty");
        return std::nullopt;
    }
    if (f->value.size() > max_length) {
        error(f->node, f->name + " is " + std::to_string(f->value.size()) +
                           " characters long; the limit is " + std::to_string(max_length));
        return std::nullopt;
    }
    return std::move(f->value);
}

std::optional<int> YamlReader::integer(const YAML::Node& map, std::string_view key, Need need,
                                       std::string_view what, int min, int max) {
    const auto f = scalar_field(map, key, need, what);
    if (!f)
        return std::nullopt;
    int number = 0;
    const char* begin = f->value.data();
    const char* end = begin + f->value.size();
    auto [ptr, ec] = std::from_chars(begin, end, number);
    if (f->value.empty() || ec != std::errc{} || ptr != end) {
        error(f->node, f->name + " must be a whole number, not '" + f->value + "'");
        return std::nullopt;
    }
    if (number < min || number > max) {
        error(f->node, f->name + " is " + std::to_string(number) + "; it must be between " +
                           std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return number;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, std::string_view key, Need need,
                                        std::string_view what) {
    const auto f = scalar_field(map, key, need, what);
    if (!f)
        return std::nullopt;
    if (f->value == "true")
        return true;
    if (f->value == "false")
        return false;
    error(f->node, f->name + " must be true or false, not '" + f->value + "'");
    return std::nullopt;
}

std::optional<int> YamlReader::duration(const YAML::Node& map, std::string_view key, Need need,
                                        std::string_view what, int min_s, int max_s) {
    const auto f = scalar_field(map, key, need, what);
    if (!f)
        return std::nullopt;
    const core::DurationParse parsed = core::parse_duration(f->value);
    if (!parsed.seconds) {
        error(f->node, f->name + ": " + parsed.error);
        return std::nullopt;
    }
    if (*parsed.seconds < min_s || *parsed.seconds > max_s) {
        error(f->node, f->name + " is " + std::to_string(*parsed.seconds) +
                           " s; it must be between " + std::to_string(min_s) + " s and " +
                           std::to_string(max_s) + " s");
        return std::nullopt;
    }
    return parsed.seconds;
}

bool YamlReader::each_item(
    const YAML::Node& map, std::string_view key, Need need, std::string_view what,
    const std::function<bool(const YAML::Node& item, const std::string& name)>& read_item) {
    auto node = field(map, key, need, what);
    if (!node)
        return false;
    const std::string name = path_of(what, key);
    if (!node->IsSequence()) {
        error(*node, name + " must be a list, not " + kind_of(*node));
        return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < node->size(); ++i) {
        // Every item is read, so one run of the loader reports all the wrong ones.
        if (!read_item((*node)[i], name + "[" + std::to_string(i) + "]"))
            ok = false;
    }
    return ok;
}

std::optional<std::vector<std::string>> YamlReader::text_list(const YAML::Node& map,
                                                              std::string_view key, Need need,
                                                              std::string_view what,
                                                              std::size_t max_length) {
    std::vector<std::string> out;
    const bool whole =
        each_item(map, key, need, what, [&](const YAML::Node& item, const std::string& item_name) {
            auto value = scalar(item, item_name);
            if (!value)
                return false;
            if (value->empty() || value->size() > max_length) {
                error(item, item_name + " must have 1 to " + std::to_string(max_length) +
                                " characters, not " + std::to_string(value->size()));
                return false;
            }
            out.push_back(*value);
            return true;
        });
    if (!whole)
        return std::nullopt;
    return out;
}

void YamlReader::read_file_language(const YAML::Node& document) {
    auto node = field(document, "language", Need::optional, "");
    if (!node)
        return;
    auto code = scalar(*node, "language");
    if (!code)
        return;
    if (auto language = core::parse_language(*code)) {
        language_ = *language;
        return;
    }
    error(*node, "language: unknown language code '" + *code + "'; expected one of " +
                     core::language_codes());
}

std::optional<core::LocalText> YamlReader::local_text_at(const YAML::Node& node,
                                                         const std::string& name,
                                                         std::size_t max_length) {
    const auto checked = [&](const YAML::Node& at, const std::string& label,
                             const std::string& value) {
        if (value.empty()) {
            error(at, label + " must not be empty");
            return false;
        }
        if (value.size() > max_length) {
            error(at, label + " is " + std::to_string(value.size()) +
                          " characters long; the limit is " + std::to_string(max_length));
            return false;
        }
        return true;
    };
    core::LocalText out;
    out.set_own_language(language_);
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null()) {
        out.line = mark.line + 1;
        out.column = mark.column + 1;
    }
    if (node.IsScalar()) {
        if (!checked(node, name, node.Scalar()))
            return std::nullopt;
        out.set(language_, node.Scalar());
        return out;
    }
    if (!node.IsMap()) {
        error(node, name + " must be a text or a map from language code to text, such as {en: " +
                        "\"Calves\", de: \"Waden\"}, not " + kind_of(node));
        return std::nullopt;
    }
    if (node.size() == 0) {
        error(node, name + " must give the text in at least one language");
        return std::nullopt;
    }
    bool ok = true;
    std::set<std::string> seen;
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        const std::string code = key.IsScalar() ? key.Scalar() : std::string();
        const auto language = core::parse_language(code);
        if (!language) {
            error(key, name + ": unknown language code '" + code + "'; expected one of " +
                           core::language_codes());
            ok = false;
            continue;
        }
        const std::string label = name + "." + code;
        if (!seen.insert(code).second) {
            error(key, "duplicate language '" + label + "'");
            ok = false;
            continue;
        }
        if (!entry.second.IsScalar()) {
            error(entry.second, label + " must be a single value, not " + kind_of(entry.second));
            ok = false;
        } else if (!checked(entry.second, label, entry.second.Scalar())) {
            ok = false;
        } else {
            out.set(*language, entry.second.Scalar());
        }
    }
    if (!ok)
        return std::nullopt;
    return out;
}

std::optional<core::LocalText> YamlReader::local_text(const YAML::Node& map, std::string_view key,
                                                      Need need, std::string_view what,
                                                      std::size_t max_length) {
    auto node = field(map, key, need, what);
    if (!node)
        return std::nullopt;
    return local_text_at(*node, path_of(what, key), max_length);
}

std::optional<std::vector<core::LocalText>> YamlReader::local_text_list(const YAML::Node& map,
                                                                        std::string_view key,
                                                                        Need need,
                                                                        std::string_view what,
                                                                        std::size_t max_length) {
    std::vector<core::LocalText> out;
    const bool whole =
        each_item(map, key, need, what, [&](const YAML::Node& item, const std::string& item_name) {
            auto text = local_text_at(item, item_name, max_length);
            if (text)
                out.push_back(std::move(*text));
            return text.has_value();
        });
    if (!whole)
        return std::nullopt;
    return out;
}

std::optional<std::string> YamlReader::topic_name(const YAML::Node& map, std::string_view key,
                                                  Need need, std::string_view what) {
    auto value = text(map, key, need, what, 64);
    if (!value)
        return std::nullopt;
    static const std::regex safe("[A-Za-z0-9_-]+");
    if (!std::regex_match(*value, safe)) {
        error(map[std::string(key)],
              path_of(what, key) + " '" + *value + "' may use only letters, digits, - and _");
        return std::nullopt;
    }
    return value;
}

std::optional<YAML::Node> parse_yaml_text(const std::string& text, const std::string& source,
                                          Diagnostics& errors) {
    try {
        YAML::Node root = YAML::Load(text);
        if (!root.IsDefined() || root.IsNull()) {
            errors.push_back(Diagnostic{source, 0, 0, "the document is empty"});
            return std::nullopt;
        }
        return root;
    } catch (const YAML::Exception& e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
        errors.push_back(Diagnostic{source, line, column, "YAML syntax error: " + e.msg});
        return std::nullopt;
    }
}

std::optional<YAML::Node> parse_yaml_file(const std::string& path, Diagnostics& errors) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back(Diagnostic{path, 0, 0, "cannot read the file"});
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse_yaml_text(buffer.str(), path, errors);
}

}  // namespace rs::config
