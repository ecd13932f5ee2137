// The words the screens show, in the language the athlete chose: interface texts from the gettext
// catalogues (po/), routine texts from their own translations, and numbers and durations written
// the way each language writes them. English is the source and the fallback for every text.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "rollstation/core/local_text.hpp"
#include "rollstation/core/routine.hpp"

namespace rs::ui {

// Where the compiled catalogues are (DIR/<code>/LC_MESSAGES/rollstation.mo). Call once at start,
// before other threads run: it sets the process's message locale and environment.
void use_catalogues(const std::string& dir);

// The language the screens speak while this lives; the previous one again afterwards. The view
// draws each frame inside one of these, so a screen never passes a language around.
class Speaking {
  public:
    explicit Speaking(core::Language language);
    ~Speaking();
    Speaking(const Speaking&) = delete;
    Speaking& operator=(const Speaking&) = delete;

  private:
    core::Language before_;
};
core::Language speaking();

// An interface text in the language spoken now; the English text when the catalogue lacks it.
std::string tr(const char* text);
// The same with a context (msgctxt), for a word with two meanings or a short form.
std::string tr_c(const char* context, const char* text);
// A count: the plural form the language uses for n, with "{n}" replaced by n ("{n} passes").
std::string tr_n(const char* one, const char* many, long n);
// Whether the catalogue of `language` has this text (with context, or none when null).
bool translated(const char* context, const char* text, core::Language language);

// A pattern with its holes filled: "{0} of {1}" with the arguments in order. Translators may
// move the holes, so each argument goes where its number stands.
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> arguments);

// A decimal number with the language's separator: "3.0" in English, "3,0" in German.
std::string decimal(double value, int digits);
// A duration as a person says it: "45 s", "5 min", "1 min 30 s".
std::string minutes_text(int seconds);

// A routine's text in the language spoken now (its own translation, or its fallback).
const std::string& local(const core::LocalText& text);

// The vocabulary's words on screen.
std::string label(core::Purpose);
std::string label(core::Level);
std::string label(core::When);
std::string label(core::Tool);
std::string label(core::Side);
std::string label(core::Pressure);
std::string label(core::Timer);
std::string label(core::Area);
std::string tools_text(const core::Routine& routine);  // "Foam roller, Tennis ball"

}  // namespace rs::ui
