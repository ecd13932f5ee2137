// The words on screen: gettext lookups with context and plurals, the fallback to English, local
// number formats, and the shipped catalogues' completeness.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "kit/temp_dir.hpp"
#include "ui/catalogue.hpp"
#include "ui/harness.hpp"
#include "ui/words.hpp"

namespace {

using rs::core::Language;
namespace ui = rs::ui;

// A German catalogue of our own, compiled with the real msgfmt, so the lookups are tested
// apart from what the shipped catalogues happen to say.
constexpr const char* kGerman = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Start"
msgstr "Los"

msgctxt "area"
msgid "Calves"
msgstr "Waden"

msgid "{n} pass"
msgid_plural "{n} passes"
msgstr[0] "{n} Durchgang"
msgstr[1] "{n} Durchgänge"

msgid "{0} of {1}"
msgstr "{1}: {0}"
)";

constexpr const char* kFrench = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "{n} pass"
msgid_plural "{n} passes"
msgstr[0] "{n} passage"
msgstr[1] "{n} passages"
)";

// Points gettext at a folder of our own catalogues while it lives, and back at the build
// tree's afterwards, so the other tests keep the shipped ones.
class OwnCatalogues {
  public:
    OwnCatalogues() {
        compile("de", kGerman);
        compile("fr", kFrench);
        ui::use_catalogues(dir_.path().string());
    }
    ~OwnCatalogues() { rs::test::use_build_catalogues(); }
    OwnCatalogues(const OwnCatalogues&) = delete;
    OwnCatalogues& operator=(const OwnCatalogues&) = delete;

  private:
    void compile(const std::string& code, const char* po) {
        const auto source = dir_.write(code + ".po", po);
        const auto mo = dir_.path() / code / "LC_MESSAGES" / "rollstation.mo";
        std::filesystem::create_directories(mo.parent_path());
        const std::string command =
            "msgfmt --check -o '" + mo.string() + "' '" + source.string() + "' 2>/dev/null";
        REQUIRE(std::system(command.c_str()) == 0);
    }
    rs::kit::TempDir dir_{"rollstation-words"};
};

}  // namespace

TEST_CASE("a text is looked up in the language spoken, with its context", "[words]") {
    const OwnCatalogues catalogues;
    CHECK(ui::tr("Start") == "Start");  // English: the source text itself
    const ui::Speaking german(Language::de);
    CHECK(ui::speaking() == Language::de);
    CHECK(ui::tr("Start") == "Los");
    CHECK(ui::tr_c("area", "Calves") == "Waden");
    // The same English word without the context is another text, which this catalogue lacks.
    CHECK(ui::tr("Calves") == "Calves");
}

TEST_CASE("a text the catalogue lacks falls back to English", "[words]") {
    const OwnCatalogues catalogues;
    const ui::Speaking german(Language::de);
    CHECK(ui::tr("Keep going") == "Keep going");
    CHECK(ui::tr_c("tool", "Foam roller") == "Foam roller");
    CHECK_FALSE(ui::translated(nullptr, "Keep going", Language::de));
    CHECK(ui::translated(nullptr, "Start", Language::de));
    CHECK(ui::translated("area", "Calves", Language::de));
    // A language with no catalogue at all speaks English.
    const ui::Speaking spanish(Language::es);
    CHECK(ui::tr("Start") == "Start");
    CHECK(ui::tr_n("{n} pass", "{n} passes", 3) == "3 passes");
}

TEST_CASE("counts take the language's plural form", "[words]") {
    const OwnCatalogues catalogues;
    CHECK(ui::tr_n("{n} pass", "{n} passes", 1) == "1 pass");
    CHECK(ui::tr_n("{n} pass", "{n} passes", 0) == "0 passes");
    {
        const ui::Speaking german(Language::de);
        CHECK(ui::tr_n("{n} pass", "{n} passes", 1) == "1 Durchgang");
        CHECK(ui::tr_n("{n} pass", "{n} passes", 2) == "2 Durchgänge");
        CHECK(ui::tr_n("{n} pass", "{n} passes", 0) == "0 Durchgänge");
    }
    // French counts zero as one.
    const ui::Speaking french(Language::fr);
    CHECK(ui::tr_n("{n} pass", "{n} passes", 0) == "0 passage");
    CHECK(ui::tr_n("{n} pass", "{n} passes", 1) == "1 passage");
    CHECK(ui::tr_n("{n} pass", "{n} passes", 12) == "12 passages");
}

TEST_CASE("Speaking restores the language before it", "[words]") {
    CHECK(ui::speaking() == Language::en);
    {
        const ui::Speaking german(Language::de);
        {
            const ui::Speaking french(Language::fr);
            CHECK(ui::speaking() == Language::fr);
        }
        CHECK(ui::speaking() == Language::de);
    }
    CHECK(ui::speaking() == Language::en);
}

TEST_CASE("a pattern's holes are filled in the order the translation puts them", "[words]") {
    const OwnCatalogues catalogues;
    CHECK(ui::fill("{0} of {1}", {"3", "9"}) == "3 of 9");
    CHECK(ui::fill("{1}, then {0}", {"left", "right"}) == "right, then left");
    CHECK(ui::fill("{0} and {0}", {"x"}) == "x and x");
    CHECK(ui::fill("{5} stays, {x} too", {"a"}) == "{5} stays, {x} too");
    const ui::Speaking german(Language::de);
    CHECK(ui::fill(ui::tr("{0} of {1}"), {"3", "9"}) == "9: 3");
}

TEST_CASE("numbers and durations are written the language's way", "[words]") {
    const rs::test::BuildCatalogues shipped;
    CHECK(ui::decimal(3.0, 1) == "3.0");
    CHECK(ui::decimal(72.46, 0) == "72");
    CHECK(ui::minutes_text(45) == "45 s");
    CHECK(ui::minutes_text(300) == "5 min");
    CHECK(ui::minutes_text(90) == "1 min 30 s");
    for (const Language language : {Language::de, Language::es, Language::fr}) {
        const ui::Speaking speaking(language);
        CAPTURE(rs::core::code_of(language));
        CHECK(ui::decimal(3.0, 1) == "3,0");
        CHECK(ui::decimal(0.25, 2) == "0,25");
        CHECK(ui::minutes_text(45) == "45 s");
        CHECK(ui::minutes_text(300) == "5 min");
        CHECK(ui::minutes_text(90) == "1 min 30 s");
    }
}

TEST_CASE("the routine texts follow the language spoken", "[words]") {
    rs::core::LocalText title("Calf release");
    title.set(Language::de, "Waden lösen");
    CHECK(ui::local(title) == "Calf release");
    const ui::Speaking german(Language::de);
    CHECK(ui::local(title) == "Waden lösen");
    const ui::Speaking french(Language::fr);  // no French: the text's own language
    CHECK(ui::local(title) == "Calf release");
}

TEST_CASE("the shipped catalogues translate every interface text", "[words][catalogues]") {
    const rs::test::BuildCatalogues shipped;
    const auto texts = ui::read_catalogue_template(std::filesystem::path(ROLLSTATION_SOURCE_DIR) /
                                                   "po/rollstation.pot");
    REQUIRE(texts.size() > 150);
    for (const Language language : {Language::de, Language::es, Language::fr}) {
        CAPTURE(rs::core::code_of(language));
        const auto missing = ui::untranslated(texts, language);
        for (const auto& m : missing)
            UNSCOPED_INFO("po/rollstation.pot:" << m.line << ": " << m.text);
        CHECK(missing.empty());
    }
    // And they are used: a German vocabulary word and a plural come out in German.
    const ui::Speaking german(Language::de);
    CHECK(ui::tr("Tap to start") != "Tap to start");
    CHECK(ui::tr_n("{n} pass", "{n} passes", 2).find("2") != std::string::npos);
    CHECK(ui::label(rs::core::Tool::foam_roller) != "Foam roller");
}

TEST_CASE("decimals round as printf rounds, halves and negatives included", "[words]") {
    for (const double value :
         {0.05, 0.15, 0.25, 2.5, 3.5, -0.05, -1.25, 1e-9, 99.95, 1234.5678, -0.0, 71.449999}) {
        for (const int digits : {0, 1, 2}) {
            char expected[64];
            std::snprintf(expected, sizeof expected, "%.*f", digits, value);
            CAPTURE(value, digits);
            CHECK(ui::decimal(value, digits) == expected);
        }
    }
}
