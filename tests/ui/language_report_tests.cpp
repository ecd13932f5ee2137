// The translation report of --check-config: every offered language's share of the interface
// catalogue and of the routine library, each missing text named at file:line:col, and the exit
// code of the real program.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/language_report.hpp"
#include "kit/shell.hpp"
#include "kit/temp_dir.hpp"
#include "ui/harness.hpp"

using namespace rs;
namespace fs = std::filesystem;
using core::Language;

namespace {

const fs::path kSource = ROLLSTATION_SOURCE_DIR;
const fs::path kPot = kSource / "po/rollstation.pot";

// A facility's own routine, written in German only: it shows in German whatever the athlete
// chose, and the report says so for every other language.
constexpr const char* kGermanOnly = R"(id: haus-waden
language: de
title: Waden nach dem Lauf
purpose: recovery
level: beginner
tools: [foam-roller]
summary: Ruhig über die Waden rollen
when: after
steps:
  - area: calves
    tool: foam-roller
    side: left-then-right
    duration: 45s
    tempo: 3-5
    pressure: light
    cues:
      - Langsam vom Knöchel zum Knie
)";

// The shipped configuration copied, with the station offering `languages` and the German-only
// routine beside the shipped ones.
struct Station {
    kit::TempDir dir{"rollstation-languages"};
    fs::path file;
    explicit Station(const std::string& languages) {
        fs::copy(kSource / "config", dir.path() / "config", fs::copy_options::recursive);
        dir.write("config/routines/haus-waden.yaml", kGermanOnly);
        std::ifstream in(dir.path() / "config/station.yaml");
        std::string text{std::istreambuf_iterator<char>(in), {}};
        const std::string shipped = "  languages: [en]";
        REQUIRE(text.find(shipped) != std::string::npos);
        text.replace(text.find(shipped), shipped.size(), "  languages: " + languages);
        file = dir.write("config/station.yaml", text);
    }
};

kit::ShellResult check_config(const fs::path& station) {
    const kit::ShellResult result =
        kit::run_shell("env -u ROLLSTATION_SHARE_DIR " + kit::shell_quoted(ROLLSTATION_BINARY) +
                       " --check-config --config " + kit::shell_quoted(station.string()) + " 2>&1");
    REQUIRE(result.exit_code >= 0);
    return result;
}

}  // namespace

TEST_CASE("the shipped library and catalogues are complete in all four languages",
          "[languages][check-config]") {
    const test::BuildCatalogues shipped;
    const config::Setup setup =
        config::load_setup(kSource / "config/station.yaml", kSource / "config");
    REQUIRE(setup.valid());
    std::ostringstream out;
    const std::vector<Language> all{Language::en, Language::de, Language::es, Language::fr};
    CHECK(app::report_languages(setup, all, kPot, out) == 0);
    INFO(out.str());
    for (const char* line :
         {"language en (English): interface ", "language de (Deutsch): interface ",
          "language es (Español): interface ", "language fr (Français): interface "})
        CHECK_THAT(out.str(), Catch::Contains(line));
    CHECK_THAT(out.str(), !Catch::Contains("incomplete"));
}

TEST_CASE("a routine written in one language makes the others incomplete, naming each text",
          "[languages][check-config]") {
    const test::BuildCatalogues shipped;
    const Station station("[de, en]");
    const config::Setup setup = config::load_setup(station.file, {});
    REQUIRE(setup.valid());
    std::ostringstream out;
    CHECK(app::report_languages(setup, setup.station.display.languages, kPot, out) == 1);
    const std::string text = out.str();
    INFO(text);
    CHECK_THAT(text, Catch::Contains("language de (Deutsch): interface "));
    CHECK_THAT(text, Catch::Contains("language en (English): interface "));
    CHECK_THAT(text, Catch::Contains(": incomplete"));
    // Title, summary and cue, each where the file has it.
    const std::string file = (station.dir.path() / "config/routines/haus-waden.yaml").string();
    CHECK_THAT(text, Catch::Contains(file + ":3:8: en: no text in this language (shows \"Waden "
                                            "nach dem Lauf\")"));
    CHECK_THAT(text, Catch::Contains(file + ":7:10: en: "));
    CHECK_THAT(text, Catch::Contains(file + ":17:9: en: "));
    // German, the routine's own language, is whole.
    CHECK_THAT(text, Catch::Matches("(.|\n)*language de \\(Deutsch\\): interface [0-9]+/[0-9]+, "
                                    "routine library [0-9]+/[0-9]+: complete(.|\n)*"));
}

TEST_CASE("an interface text a catalogue lacks is named at its line in the template",
          "[languages][check-config]") {
    // A German catalogue that knows one text only.
    kit::TempDir dir("rollstation-partial");
    const auto po =
        dir.write("de.po",
                  "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                  "msgid \"Tap to start\"\nmsgstr \"Zum Starten tippen\"\n");
    fs::create_directories(dir.path() / "de/LC_MESSAGES");
    const std::string compile = "msgfmt -o '" +
                                (dir.path() / "de/LC_MESSAGES/rollstation.mo").string() + "' '" +
                                po.string() + "' 2>/dev/null";
    REQUIRE(std::system(compile.c_str()) == 0);
    ui::use_catalogues(dir.path().string());
    const config::Setup setup =
        config::load_setup(kSource / "config/station.yaml", kSource / "config");
    std::ostringstream out;
    const std::vector<Language> german{Language::de};
    const int incomplete = app::report_languages(setup, german, kPot, out);
    test::use_build_catalogues();
    CHECK(incomplete == 1);
    const std::string text = out.str();
    CHECK_THAT(text, Catch::Contains("language de (Deutsch): interface 1/"));
    CHECK_THAT(text, Catch::Contains(kPot.string() + ":"));
    CHECK_THAT(text, Catch::Contains(":1: de: no translation of \"Keep going\""));
    CHECK_THAT(text, !Catch::Contains("no translation of \"Tap to start\""));
}

TEST_CASE("the real check-config exits 1 while an offered language is incomplete",
          "[languages][check-config]") {
    const Station offered("[de, en]");
    const kit::ShellResult incomplete = check_config(offered.file);
    INFO(incomplete.output);
    CHECK(incomplete.exit_code == 1);
    CHECK_THAT(incomplete.output, Catch::Contains("language en (English)"));
    CHECK_THAT(incomplete.output, Catch::Contains("haus-waden.yaml:3:8: en: no text"));

    // Offered in German alone, the same library is complete.
    const Station german("[de]");
    std::ifstream in(german.file);
    std::string text{std::istreambuf_iterator<char>(in), {}};
    text.replace(text.find("language: en"), 12, "language: de");
    std::ofstream(german.file) << text;
    const kit::ShellResult whole = check_config(german.file);
    INFO(whole.output);
    CHECK(whole.exit_code == 0);
    CHECK_THAT(whole.output, Catch::Contains("language de (Deutsch): interface "));
    CHECK_THAT(whole.output, Catch::Contains(": complete"));
}
