// Text an athlete reads, in several languages: plain strings in the file's language, maps from
// language code to string, the fallback for a missing language and the errors for bad ones.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "rollstation/config/demo_loader.hpp"
#include "rollstation/config/routine_loader.hpp"
#include "rollstation/config/setup.hpp"
#include "rollstation/core/local_text.hpp"
#include "unit/support.hpp"

namespace fs = std::filesystem;
using rs::config::Diagnostics;
using namespace rs::core;
using namespace rs::test;

namespace {

// A routine with every kind of athlete-facing text. Line numbers:
const TextLines kMultilingual{
    "id: vor-dem-lauf",                                                         // 1
    "title: {en: \"Pre-run\", de: \"Vor dem Lauf\", fr: \"Avant la course\"}",  // 2
    "purpose: warm-up",                                                         // 3
    "level: beginner",                                                          // 4
    "tools: [foam-roller]",                                                     // 5
    "summary:",                                                                 // 6
    "  en: \"Calves before you run\"",                                          // 7
    "  es: \"Gemelos antes de correr\"",                                        // 8
    "when: before",                                                             // 9
    "steps:",                                                                   // 10
    "  - area: calves",                                                         // 11
    "    tool: foam-roller",                                                    // 12
    "    side: left-then-right",                                                // 13
    "    duration: 45s",                                                        // 14
    "    pressure: moderate",                                                   // 15
    "    cues:",                                                                // 16
    "      - {en: \"Ankle to knee\", de: \"Vom Knöchel zum Knie\"}",            // 17
    "      - \"Breathe out\"",                                                  // 18
    "    safety:",                                                              // 19
    "      - {en: \"Not on the knee\", fr: \"Pas sur le genou\"}",              // 20
};

struct Loaded {
    std::optional<Routine> routine;
    Diagnostics errors;
    std::string file;
};

Loaded load(const std::string& text, const std::string& stem = "vor-dem-lauf") {
    TempDir dir;
    Loaded out;
    const fs::path file = dir.write(stem + ".yaml", text);
    out.file = file.string();
    out.routine = rs::config::load_routine_file(file, out.errors);
    return out;
}

void check_one_error(const Loaded& loaded, int line, int column, const std::string& message) {
    INFO("errors:" << listing(loaded.errors));
    CHECK_FALSE(loaded.routine.has_value());
    REQUIRE(loaded.errors.size() == 1);
    CHECK(loaded.errors[0].file == loaded.file);
    CHECK(loaded.errors[0].line == line);
    CHECK(loaded.errors[0].column == column);
    CHECK(loaded.errors[0].message == message);
}

}  // namespace

TEST_CASE("a text asked for in a language it lacks falls back to its own, then English",
          "[local-text]") {
    LocalText text("Waden", Language::de);
    text.set(Language::en, "Calves");
    CHECK(text.in(Language::de) == "Waden");
    CHECK(text.in(Language::en) == "Calves");
    CHECK(text.in(Language::fr) == "Waden");  // the file's own language first
    LocalText english_only("Calves");
    CHECK(english_only.in(Language::es) == "Calves");
    // Neither the own language nor English: whichever it has.
    LocalText french;
    french.set_own_language(Language::de);
    french.set(Language::fr, "Mollets");
    CHECK(french.in(Language::es) == "Mollets");
    CHECK(french.has(Language::fr));
    CHECK_FALSE(french.has(Language::de));
}

TEST_CASE("language codes and own names", "[local-text]") {
    CHECK(parse_language("de") == Language::de);
    CHECK_FALSE(parse_language("DE").has_value());
    CHECK_FALSE(parse_language("pt").has_value());
    CHECK(own_name_of(Language::es) == "Español");
    CHECK(own_name_of(Language::fr) == "Français");
    CHECK(language_codes() == "en, de, es, fr");
}

TEST_CASE("routine texts may be maps from language to text, mixed with plain strings",
          "[local-text][loader]") {
    const Loaded loaded = load(kMultilingual.text());
    INFO("errors:" << listing(loaded.errors));
    REQUIRE(loaded.routine.has_value());
    const Routine& r = *loaded.routine;
    CHECK(r.title.in(Language::de) == "Vor dem Lauf");
    CHECK(r.title.in(Language::fr) == "Avant la course");
    CHECK(r.title.in(Language::es) == "Pre-run");
    CHECK(r.summary.in(Language::es) == "Gemelos antes de correr");
    CHECK(r.summary.in(Language::de) == "Calves before you run");
    const Step& step = r.steps.at(0);
    CHECK(step.cues.at(0).in(Language::de) == "Vom Knöchel zum Knie");
    CHECK(step.cues.at(1).in(Language::de) == "Breathe out");
    CHECK(step.safety.at(0).in(Language::fr) == "Pas sur le genou");
    // Where each text was written, for a translator's report.
    CHECK(r.title.line == 2);
    CHECK(r.title.column == 8);
    CHECK(r.summary.line == 7);
    CHECK(step.cues.at(1).line == 18);
    CHECK(step.cues.at(1).column == 9);
}

TEST_CASE("a file's language names the language of its plain strings", "[local-text][loader]") {
    const Loaded loaded = load("language: de\n" + kMultilingual.text());
    INFO("errors:" << listing(loaded.errors));
    REQUIRE(loaded.routine.has_value());
    const Step& step = loaded.routine->steps.at(0);
    CHECK(step.cues.at(1).own_language() == Language::de);
    CHECK(step.cues.at(1).has(Language::de));
    CHECK_FALSE(step.cues.at(1).has(Language::en));
    CHECK(step.cues.at(1).in(Language::en) == "Breathe out");
    // A map lacking the file's language still falls back to English before anything else.
    CHECK(loaded.routine->summary.in(Language::fr) == "Calves before you run");
}

TEST_CASE("bad languages and empty texts are located errors", "[local-text][loader][errors]") {
    check_one_error(
        load(kMultilingual.replace_line(2, "title: {en: \"Pre-run\", pt: \"Corrida\"}")), 2, 24,
        "title: unknown language code 'pt'; expected one of en, de, es, fr");
    check_one_error(load(kMultilingual.replace_line(2, "title: {en: \"Pre-run\", de: \"\"}")), 2,
                    28, "title.de must not be empty");
    check_one_error(load(kMultilingual.replace_line(17, "      - {}")), 17, 9,
                    "steps[0].cues[0] must give the text in at least one language");
    check_one_error(load(kMultilingual.replace_line(17, "      - {de: [a, b]}")), 17, 14,
                    "steps[0].cues[0].de must be a single value, not a list");
    check_one_error(load(kMultilingual.replace_line(7, "  en: \"" + std::string(91, 's') + "\"")),
                    7, 7, "summary.en is 91 characters long; the limit is 90");
    check_one_error(load("language: klingon\n" + kMultilingual.text()), 1, 11,
                    "language: unknown language code 'klingon'; expected one of en, de, es, fr");
    check_one_error(load(kMultilingual.replace_line(2, "title: [Pre-run]")), 2, 8,
                    "title must be a text or a map from language code to text, such as {en: "
                    "\"Calves\", de: \"Waden\"}, not a list");
}

TEST_CASE("an inline JSON routine may carry texts in several languages", "[local-text][loader]") {
    Diagnostics errors;
    const auto routine = rs::config::parse_routine_text(
        R"({"id": "inline-one", "title": {"en": "Quick", "de": "Kurz"}, "purpose": "warm-up",)"
        R"( "level": "beginner", "tools": ["foam-roller"], "summary": "s", "when": "before",)"
        R"( "steps": [{"area": "calves", "tool": "foam-roller", "side": "both",)"
        R"( "duration": "30s", "pressure": "light", "cues": [{"en": "Roll", "fr": "Roulez"}]}]})",
        "class command 1", errors);
    INFO("errors:" << listing(errors));
    REQUIRE(routine.has_value());
    CHECK(routine->title.in(Language::de) == "Kurz");
    CHECK(routine->steps.at(0).cues.at(0).in(Language::fr) == "Roulez");
}

TEST_CASE("the safety notice's title and points may be given per language",
          "[local-text][safety]") {
    TempDir dir;
    Diagnostics errors;
    const auto notice = rs::config::load_safety_notice(
        dir.write("safety.yaml",
                  "language: fr\n"
                  "title: {fr: \"Avant de rouler\", de: \"Bevor du rollst\"}\n"
                  "points:\n"
                  "  - \"Ce n'est pas un soin médical.\"\n"
                  "  - {fr: \"Écoutez votre corps.\", es: \"Escucha a tu cuerpo.\"}\n"
                  "  - \"Arrêtez si ça fait mal.\"\n"),
        errors);
    INFO("errors:" << listing(errors));
    REQUIRE(notice.has_value());
    CHECK(notice->title.in(Language::de) == "Bevor du rollst");
    CHECK(notice->title.in(Language::en) == "Avant de rouler");
    CHECK(notice->points.at(1).in(Language::es) == "Escucha a tu cuerpo.");
    CHECK(notice->points.at(0).in(Language::es) == "Ce n'est pas un soin médical.");

    Diagnostics bad;
    CHECK_FALSE(
        rs::config::load_safety_notice(
            dir.write("bad.yaml", "title: {en: \"Before\", xx: \"?\"}\npoints: [a, b, c]\n"), bad)
            .has_value());
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].to_string() == (dir.path() / "bad.yaml").string() +
                                    ":1:23: title: unknown language code 'xx'; expected one of "
                                    "en, de, es, fr");
}

TEST_CASE("a demonstration's cues may be given per language", "[local-text][demo]") {
    std::ifstream in(fs::path(ROLLSTATION_SOURCE_DIR) / "config" / "demos" /
                     "calves-foam-roller.yaml");
    std::string text{std::istreambuf_iterator<char>(in), {}};
    // The shipped file gives each cue in four languages; one cut back to a plain German string
    // in a German file is German everywhere.
    const auto from = text.find("  - en: \"Hands behind you");
    const auto to = text.find("  - en: \"Roll from the ankle");
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    text.replace(from, to - from, "  - \"Hüfte anheben\"\n");
    text = "language: de\n" + text;
    TempDir dir;
    Diagnostics errors;
    const auto demo =
        rs::config::load_demo_file(dir.write("calves-foam-roller.yaml", text), errors);
    INFO("errors:" << listing(errors));
    REQUIRE(demo.has_value());
    REQUIRE(demo->cues.size() == 2);
    CHECK(demo->cues[0].in(Language::de) == "Hüfte anheben");
    CHECK(demo->cues[0].in(Language::fr) == "Hüfte anheben");
    CHECK(demo->cues[1].in(Language::de) == "Vom Knöchel bis unters Knie rollen");
    CHECK(demo->cues[1].in(Language::es) == "Rueda del tobillo hasta debajo de la rodilla");
}
