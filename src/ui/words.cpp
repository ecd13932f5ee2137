#include "ui/words.hpp"

#include <libintl.h>

#include <charconv>
#include <clocale>
#include <cstdio>
#include <cstdlib>

// glibc caches each lookup; bumping this counter (as GNU programs do after changing LANGUAGE)
// makes the next lookup read the new language's catalogue.
extern "C" int _nl_msg_cat_cntr;  // NOLINT(bugprone-reserved-identifier)

namespace rs::ui {
namespace {

constexpr const char* kDomain = "rollstation";

// Only the UI thread draws, so the language spoken now is one value, not one per thread.
core::Language spoken = core::Language::en;
// The language gettext was last pointed at, so a frame in the same language changes nothing.
core::Language catalogue = core::Language::en;

void point_gettext_at(core::Language language) {
    if (language == catalogue)
        return;
    // LANGUAGE already exists (use_catalogues sets it before any thread starts), so setenv only
    // swaps one pointer in the environment rather than growing it under other threads' feet.
    setenv("LANGUAGE", std::string(core::code_of(language)).c_str(), 1);
    ++_nl_msg_cat_cntr;
    catalogue = language;
}

// The catalogue's text for a key, or null when it has none (gettext then returns the key itself).
const char* lookup(const char* key) {
    const char* found = dgettext(kDomain, key);
    return found == key ? nullptr : found;
}

std::string with_context(const char* context, const char* text) {
    std::string key = context;
    key += '\004';  // how gettext joins msgctxt and msgid
    key += text;
    return key;
}

}  // namespace

void use_catalogues(const std::string& dir) {
    // gettext ignores LANGUAGE under the "C" locale; C.UTF-8 is always there and changes only
    // which messages are read, not how numbers are printed.
    std::setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", "en", 1);
    catalogue = core::Language::en;
    bindtextdomain(kDomain, dir.c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
}

Speaking::Speaking(core::Language language) : before_(spoken) {
    spoken = language;
}
Speaking::~Speaking() {
    spoken = before_;
}
core::Language speaking() {
    return spoken;
}

std::string tr(const char* text) {
    if (spoken == core::Language::en)
        return text;
    point_gettext_at(spoken);
    const char* found = lookup(text);
    return found ? found : text;
}

std::string tr_c(const char* context, const char* text) {
    if (spoken == core::Language::en)
        return text;
    point_gettext_at(spoken);
    const std::string key = with_context(context, text);
    const char* found = lookup(key.c_str());
    return found ? found : text;
}

std::string tr_n(const char* one, const char* many, long n) {
    std::string pattern;
    if (spoken == core::Language::en) {
        pattern = n == 1 ? one : many;
    } else {
        point_gettext_at(spoken);
        pattern = dngettext(kDomain, one, many, static_cast<unsigned long>(n < 0 ? -n : n));
    }
    const std::string number = std::to_string(n);
    for (auto at = pattern.find("{n}"); at != std::string::npos; at = pattern.find("{n}", at))
        pattern.replace(at, 3, number), at += number.size();
    return pattern;
}

bool translated(const char* context, const char* text, core::Language language) {
    if (language == core::Language::en)
        return true;
    const core::Language before = catalogue;
    point_gettext_at(language);
    const std::string key = context ? with_context(context, text) : std::string(text);
    const bool found = lookup(key.c_str()) != nullptr;
    point_gettext_at(before);
    return found;
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> arguments) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const bool hole = pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
                          pattern[i + 1] >= '0' && pattern[i + 1] <= '9';
        const auto number = hole ? static_cast<std::size_t>(pattern[i + 1] - '0') : 0;
        if (hole && number < arguments.size()) {
            out += *(arguments.begin() + number);
            i += 2;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::string decimal(double value, int digits) {
    // to_chars rounds as printf does, without its locale and rounding-mode bookkeeping: this
    // runs for every figure on every frame.
    char buffer[64];
    const auto written =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, digits);
    std::string out(buffer, written.ec == std::errc{} ? written.ptr : buffer);
    if (spoken != core::Language::en)
        for (char& c : out)
            if (c == '.')
                c = ',';
    return out;
}

std::string minutes_text(int seconds) {
    if (seconds < 0)
        seconds = 0;
    const std::string minutes = std::to_string(seconds / 60), rest = std::to_string(seconds % 60);
    if (seconds < 60)
        return fill(tr_c("duration", "{0} s"), {rest});
    if (seconds % 60 == 0)
        return fill(tr_c("duration", "{0} min"), {minutes});
    return fill(tr_c("duration", "{0} min {1} s"), {minutes, rest});
}

const std::string& local(const core::LocalText& text) {
    return text.in(spoken);
}

// label_of gives the English word (a string literal, so its data ends in a NUL); the catalogue
// keeps each vocabulary under its own context, as marked in core/routine.cpp.
std::string label(core::Purpose v) {
    return tr_c("purpose", core::label_of(v).data());
}
std::string label(core::Level v) {
    return tr_c("level", core::label_of(v).data());
}
std::string label(core::When v) {
    return tr_c("when", core::label_of(v).data());
}
std::string label(core::Tool v) {
    return tr_c("tool", core::label_of(v).data());
}
std::string label(core::Side v) {
    return tr_c("side", core::label_of(v).data());
}
std::string label(core::Pressure v) {
    return tr_c("pressure", core::label_of(v).data());
}
std::string label(core::Timer v) {
    return tr_c("timer", core::label_of(v).data());
}
std::string label(core::Area v) {
    return tr_c("area", core::label_of(v).data());
}

std::string tools_text(const core::Routine& routine) {
    std::string out;
    for (core::Tool tool : routine.tools)
        out += (out.empty() ? "" : ", ") + label(tool);
    return out;
}

}  // namespace rs::ui
