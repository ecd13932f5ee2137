// Text an athlete reads, written in one or more languages, and the languages the kiosk speaks.
#pragma once

#include <array>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rs::core {

// The languages the kiosk can speak. English is first: it is the last fallback for every text.
enum class Language { en, de, es, fr };

std::string_view code_of(Language);      // "de": in files, payloads and catalogues
std::string_view own_name_of(Language);  // "Deutsch": how a speaker names their language
std::optional<Language> parse_language(std::string_view code);
std::span<const Language> all_languages();
std::string language_codes();  // "en, de, es, fr": for error messages

// One text in the languages it was written in. A routine file's plain string is its text in the
// file's own language; a map gives it in several. Asking for a language it lacks falls back to
// the file's language, then English, then whichever language it has.
class LocalText {
  public:
    LocalText() = default;
    // Implicit on purpose: a plain string is a text in one language, as in a routine file.
    LocalText(std::string text, Language language = Language::en);  // NOLINT
    LocalText(const char* text) : LocalText(std::string(text)) {}   // NOLINT

    void set(Language language, std::string text);
    // The file's language: the first fallback for a language the text lacks.
    void set_own_language(Language language) { own_ = language; }

    const std::string& in(Language language) const;
    const std::string& own() const { return in(own_); }
    Language own_language() const { return own_; }
    bool has(Language language) const { return !texts_[index(language)].empty(); }
    bool empty() const;

    // Where the text was written (1-based; 0 when it came from no file), so a translator's report
    // can point at it.
    int line = 0;
    int column = 0;

    // Two texts are equal when they say the same in every language; where they were written
    // does not matter.
    bool operator==(const LocalText& other) const {
        return own_ == other.own_ && texts_ == other.texts_;
    }
    // A text equals a plain string when it says that string in its own language.
    bool operator==(std::string_view text) const { return own() == text; }
    bool operator==(const char* text) const { return own() == text; }

  private:
    static std::size_t index(Language language) { return static_cast<std::size_t>(language); }
    Language own_ = Language::en;
    std::array<std::string, 4> texts_{};
};

// Prints the text in its own language (for logs and test messages).
std::ostream& operator<<(std::ostream& out, const LocalText& text);

}  // namespace rs::core
