// Unit tests for the station's languages: `station.language` (the house language) and
// `display.languages` (what the kiosk offers), with every mistake located.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "rollstation/config/station_config.hpp"
#include "unit/station_file.hpp"
#include "unit/station_text.hpp"
#include "unit/support.hpp"

using rs::core::Language;
using rs::test::station_text::kHead;
using namespace rs::test;

namespace {

// What the kiosk offers when the file names a single language, or none.
const std::vector<Language> kEnglishOnly{Language::en};
const std::vector<Language> kGermanOnly{Language::de};

// A valid station file; tests change one line. Line numbers:
const TextLines kBase = kHead.followed_by({
    "  language: de",             // 5
    "display:",                   // 6
    "  fullscreen: false",        // 7
    "  languages: [de, en, fr]",  // 8
    "routines:",                  // 9
    "  dirs: [routines]",         // 10
});

// The same station saying nothing of languages.
const TextLines kSilent = kHead.followed_by({
    "display:",             // 5
    "  fullscreen: false",  // 6
    "routines:",            // 7
    "  dirs: [routines]",   // 8
});

rs::config::StationConfig loaded_cleanly(const std::string& text) {
    LoadedStation l;
    load_station(l, text);
    INFO("errors:" << listing(l.errors));
    REQUIRE(l.errors.empty());
    REQUIRE(l.config.has_value());
    return *l.config;
}

}  // namespace

TEST_CASE("a station speaks English alone unless its file says otherwise", "[station][languages]") {
    const auto c = loaded_cleanly(kSilent.text());
    CHECK(c.station.language == Language::en);
    CHECK(c.display.languages == kEnglishOnly);
    CHECK(c.station.id == "test-1");  // the rest of the file is read as before
}

TEST_CASE("the house language alone is offered when no list is given", "[station][languages]") {
    const auto c = loaded_cleanly(kBase.replace_line(8, ""));
    CHECK(c.station.language == Language::de);
    CHECK(c.display.languages == kGermanOnly);
}

TEST_CASE("the offered languages keep the order they are written in", "[station][languages]") {
    const auto flow = loaded_cleanly(kBase.text());
    CHECK(flow.station.language == Language::de);
    CHECK(flow.display.languages ==
          std::vector<Language>{Language::de, Language::en, Language::fr});

    const auto block = loaded_cleanly(
        kBase.replace_line(8, "  languages:\n    - es\n    - de\n    - en\n    - fr"));
    CHECK(block.display.languages ==
          std::vector<Language>{Language::es, Language::de, Language::en, Language::fr});
}

TEST_CASE("an unknown house language is located and English kept", "[station][languages]") {
    const auto c = despite_error(
        kBase.replace_line(5, "  language: it"), 5, 13,
        "station.language: unknown language code 'it'; expected one of en, de, es, fr");
    CHECK(c.station.language == Language::en);
    // The list names a house language that is not there: saying so again would be noise, and
    // the kiosk falls back to what it can show.
    CHECK(c.display.languages == kEnglishOnly);
}

TEST_CASE("a house language that is not a single code is refused", "[station][languages]") {
    const auto c = despite_error(kBase.replace_line(5, "  language: [de]"), 5, 13,
                                 "station.language must be a single value, not a list");
    CHECK(c.station.language == Language::en);
}

TEST_CASE("an unknown offered language is located at its place in the list",
          "[station][languages]") {
    const auto flow = despite_error(
        kBase.replace_line(8, "  languages: [de, it]"), 8, 19,
        "display.languages[1]: unknown language code 'it'; expected one of en, de, es, fr");
    CHECK(flow.station.language == Language::de);
    CHECK(flow.display.languages == kGermanOnly);  // the whole list is refused, not half used

    despite_error(kBase.replace_line(8, "  languages:\n    - de\n    - it"), 10, 7,
                  "display.languages[1]: unknown language code 'it'; expected one of en, de, "
                  "es, fr");
}

TEST_CASE("an offered language listed twice is located at the second", "[station][languages]") {
    const auto c = despite_error(kBase.replace_line(8, "  languages: [de, fr, de]"), 8, 23,
                                 "display.languages lists 'de' twice");
    CHECK(c.display.languages == kGermanOnly);
}

TEST_CASE("the offered languages must include the house language", "[station][languages]") {
    const auto c =
        despite_error(kBase.replace_line(8, "  languages: [en, fr]"), 8, 14,
                      "display.languages must include the house language 'de' (station.language)");
    CHECK(c.station.language == Language::de);
    CHECK(c.display.languages == kGermanOnly);

    // Without station.language the house language is English, and the list must hold it.
    const auto english =
        despite_error(kSilent.insert_after(6, "  languages: [de, fr]"), 7, 14,
                      "display.languages must include the house language 'en' (station.language)");
    CHECK(english.display.languages == kEnglishOnly);
}

TEST_CASE("offered languages that are not a list are refused", "[station][languages]") {
    const std::string message =
        "display.languages must be a non-empty list of language codes such as [en, de]";
    for (const std::string value : {"de", "[]", "{de: yes}"}) {
        INFO(value);
        const auto c =
            despite_error(kBase.replace_line(8, "  languages: " + value), 8, 14, message);
        CHECK(c.display.languages == kGermanOnly);
    }
    despite_error(kBase.replace_line(8, "  languages: [de, [en]]"), 8, 19,
                  "display.languages[1] must be a single value, not a list");
}

TEST_CASE("the sections list their language keys among the allowed ones",
          "[station][languages][errors]") {
    despite_error(kBase.replace_line(5, "  lang: de"), 5, 3,
                  "unknown key 'station.lang'; allowed keys: id, name, facility, groups, "
                  "timezone, language");
    // Offered languages without a house language of their own read against English.
    const auto c = loaded_cleanly(kSilent.insert_after(6, "  languages: [en, es]"));
    CHECK(c.display.languages == std::vector<Language>{Language::en, Language::es});
}
