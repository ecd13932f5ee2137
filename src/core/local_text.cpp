// The languages' codes and own names, and a text's fallback from one language to the next.
#include "rollstation/core/local_text.hpp"

#include <ostream>

#include "core/enum_names.hpp"

namespace rs::core {
namespace {

constexpr EnumName<Language> kCodes[]{
    {Language::en, "en"},
    {Language::de, "de"},
    {Language::es, "es"},
    {Language::fr, "fr"},
};
static_assert(lists_every_value(kCodes, Language::fr));

// Each language named in its own words, so a visitor finds theirs without reading another.
constexpr EnumName<Language> kOwnNames[]{
    {Language::en, "English"},
    {Language::de, "Deutsch"},
    {Language::es, "Español"},
    {Language::fr, "Français"},
};
static_assert(lists_every_value(kOwnNames, Language::fr));

constexpr Language kLanguages[]{Language::en, Language::de, Language::es, Language::fr};

}  // namespace

std::string_view code_of(Language language) {
    return name_in(kCodes, language, "en");
}

std::string_view own_name_of(Language language) {
    return name_in(kOwnNames, language, "English");
}

std::optional<Language> parse_language(std::string_view code) {
    return value_named(kCodes, code);
}

std::span<const Language> all_languages() {
    return kLanguages;
}

std::string language_codes() {
    std::string out;
    for (Language language : kLanguages)
        out += (out.empty() ? "" : ", ") + std::string(code_of(language));
    return out;
}

LocalText::LocalText(std::string text, Language language) : own_(language) {
    texts_[index(language)] = std::move(text);
}

void LocalText::set(Language language, std::string text) {
    texts_[index(language)] = std::move(text);
}

const std::string& LocalText::in(Language language) const {
    for (Language candidate : {language, own_, Language::en}) {
        if (has(candidate))
            return texts_[index(candidate)];
    }
    for (const std::string& text : texts_) {
        if (!text.empty())
            return text;
    }
    return texts_[index(own_)];
}

bool LocalText::empty() const {
    for (const std::string& text : texts_) {
        if (!text.empty())
            return false;
    }
    return true;
}

std::ostream& operator<<(std::ostream& out, const LocalText& text) {
    return out << text.own();
}

}  // namespace rs::core
