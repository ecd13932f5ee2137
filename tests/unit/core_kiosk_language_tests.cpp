// Unit tests for the kiosk's language: the athlete's choice on the home and library screens,
// the picker, the return to the house language when a visit ends, and the session's events
// (and their payloads) recording the language they were shown in.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "mqtt/payloads.hpp"
#include "rollstation/core/clock.hpp"
#include "rollstation/core/kiosk.hpp"
#include "unit/sensor_station.hpp"
#include "unit/support.hpp"

using namespace rs::core;
using namespace rs::test;

namespace {

// "short-one": get ready 5 s, then one 20 s segment: completes 25 s after the start.
std::shared_ptr<const Library> language_library() {
    return std::make_shared<const Library>(std::vector<RoutinePtr>{
        make_routine_ptr("short-one", "Short one", Purpose::recovery, Level::beginner,
                         {make_step(Area::thoracic_spine, Side::both, 20)}),
    });
}

// A German station that also offers Spanish and English (not French), without sensors, idle
// timeout 90 s, as the shell sets it up at start.
struct Kiosk : sensors::Station {
    explicit Kiosk(std::vector<Language> offered = {Language::de, Language::es, Language::en},
                   Language house = Language::de)
        : Station(std::vector<SensorSpec>{}) {
        state.library = language_library();
        state.settings.house_language = house;
        state.settings.languages = std::move(offered);
        state.use_house_language();
    }
};

}  // namespace

TEST_CASE("the settings say which languages are offered", "[kiosk][language]") {
    KioskSettings settings;
    CHECK(settings.house_language == Language::en);
    CHECK(settings.languages == std::vector<Language>{Language::en});
    CHECK_FALSE(settings.offers_choice());
    CHECK(settings.offers(Language::en));
    CHECK_FALSE(settings.offers(Language::de));
    settings.languages = {Language::fr, Language::en};
    CHECK(settings.offers_choice());
    CHECK(settings.offers(Language::fr));
    CHECK_FALSE(settings.offers(Language::es));
}

TEST_CASE("the kiosk speaks the house language once the settings are applied",
          "[kiosk][language]") {
    Kiosk k;
    CHECK(k.state.language == Language::de);
    CHECK_FALSE(k.state.languages_visible);
    // A reload with another house language: spoken from then on, the picker closed.
    k.act(act::ShowLanguages{true}, sec(1));
    k.act(act::ChooseLanguage{Language::es}, sec(2));
    k.state.settings.house_language = Language::en;
    k.state.use_house_language();
    CHECK(k.state.language == Language::en);
    CHECK_FALSE(k.state.languages_visible);
}

TEST_CASE("an athlete chooses a language on the home screen", "[kiosk][language]") {
    Kiosk k;
    k.act(act::ShowLanguages{true}, sec(1));
    CHECK(k.state.languages_visible);
    k.act(act::ChooseLanguage{Language::es}, sec(2));
    CHECK(k.state.language == Language::es);
    CHECK_FALSE(k.state.languages_visible);
    CHECK(k.state.screen == Screen::home);
    CHECK(k.state.last_input == mono_at(sec(2)));  // a choice is someone at the screen
    CHECK(k.last.events.empty());
}

TEST_CASE("an athlete chooses a language on the library screen", "[kiosk][language]") {
    Kiosk k;
    k.act(act::OpenLibrary{}, sec(1));
    k.act(act::SetPurpose{Purpose::recovery}, sec(2));
    k.act(act::ShowLanguages{true}, sec(3));
    k.act(act::ChooseLanguage{Language::en}, sec(4));
    CHECK(k.state.language == Language::en);
    CHECK_FALSE(k.state.languages_visible);
    // The choice changes nothing else the athlete was doing.
    CHECK(k.state.screen == Screen::library);
    CHECK(k.state.filter.purpose == Purpose::recovery);
}

TEST_CASE("a language the station does not offer is ignored", "[kiosk][language]") {
    Kiosk k;
    k.act(act::ChooseLanguage{Language::es}, sec(1));
    k.act(act::ShowLanguages{true}, sec(2));
    k.act(act::ChooseLanguage{Language::fr}, sec(3));
    CHECK(k.state.language == Language::es);
    CHECK_FALSE(k.state.languages_visible);  // the picker closes all the same
}

TEST_CASE("the picker opens and closes", "[kiosk][language]") {
    Kiosk k;
    k.act(act::ShowLanguages{true}, sec(1));
    CHECK(k.state.languages_visible);
    k.act(act::ShowLanguages{false}, sec(2));
    CHECK_FALSE(k.state.languages_visible);
    CHECK(k.state.language == Language::de);
}

TEST_CASE("a station with one language has no picker and no choice", "[kiosk][language]") {
    Kiosk k({Language::fr}, Language::fr);
    CHECK_FALSE(k.state.settings.offers_choice());
    k.act(act::ShowLanguages{true}, sec(1));
    CHECK_FALSE(k.state.languages_visible);
    k.act(act::ChooseLanguage{Language::en}, sec(2));
    CHECK(k.state.language == Language::fr);
    // Nothing changed on the home screen: it stays at rest and never times out.
    CHECK_FALSE(next_deadline(k.state).has_value());
}

TEST_CASE(
    "another language on the home screen returns to the house language after the idle "
    "timeout",
    "[kiosk][language][idle]") {
    Kiosk k;
    CHECK_FALSE(next_deadline(k.state).has_value());  // at rest in the house language
    k.act(act::ChooseLanguage{Language::es}, sec(10));
    REQUIRE(next_deadline(k.state) == mono_at(sec(100)));
    k.tick(ms(99999));
    CHECK(k.state.language == Language::es);
    k.tick(sec(100));
    CHECK(k.state.language == Language::de);
    CHECK(k.state.screen == Screen::home);
    CHECK_FALSE(next_deadline(k.state).has_value());  // at rest again
    CHECK(k.last.events.empty());
}

TEST_CASE("a picker left open on the home screen closes after the idle timeout",
          "[kiosk][language][idle]") {
    Kiosk k;
    k.act(act::ShowLanguages{true}, sec(10));
    REQUIRE(next_deadline(k.state) == mono_at(sec(100)));
    k.tick(sec(100));
    CHECK_FALSE(k.state.languages_visible);
    CHECK(k.state.language == Language::de);
}

TEST_CASE("the library returns home in the house language after the idle timeout",
          "[kiosk][language][idle]") {
    Kiosk k;
    k.act(act::OpenLibrary{}, sec(10));
    k.act(act::ChooseLanguage{Language::en}, sec(20));
    k.act(act::ShowLanguages{true}, sec(30));
    k.tick(sec(120));
    CHECK(k.state.screen == Screen::home);
    CHECK(k.state.language == Language::de);
    CHECK_FALSE(k.state.languages_visible);
}

TEST_CASE("a finished session keeps the athlete's language until the summary is done",
          "[kiosk][language]") {
    Kiosk k;
    k.act(act::ChooseLanguage{Language::es}, sec(0));
    k.start("short-one", sec(1));
    k.tick(sec(26));
    REQUIRE(k.state.screen == Screen::summary);
    CHECK(k.state.language == Language::es);

    SECTION("done") {
        k.act(act::GoHome{}, sec(30));
        CHECK(k.state.screen == Screen::home);
        CHECK(k.state.language == Language::de);
    }
    SECTION("left alone") {
        k.tick(ms(115999));
        CHECK(k.state.language == Language::es);
        k.tick(sec(116));
        CHECK(k.state.screen == Screen::home);
        CHECK(k.state.language == Language::de);
    }
}

TEST_CASE("a session stopped by the idle timeout goes home in the house language",
          "[kiosk][language][idle]") {
    Kiosk k;
    k.act(act::ChooseLanguage{Language::en}, sec(0));
    k.start("short-one", sec(1));
    k.act(act::Control{SessionCommand::pause}, sec(3));
    k.tick(sec(93));
    CHECK(k.state.screen == Screen::home);
    CHECK(k.state.language == Language::de);
    const auto abandoned = k.of_type(EventType::session_abandoned);
    REQUIRE(abandoned.size() == 1);
    CHECK(abandoned[0].language == Language::en);  // the visit's language, not the house's
}

TEST_CASE("every event of a session carries the language it was shown in", "[kiosk][language]") {
    Kiosk k;
    k.act(act::ChooseLanguage{Language::es}, sec(0));
    k.start("short-one", sec(1));
    k.tick(sec(26));
    REQUIRE(k.events.size() == 3);
    CHECK(k.events[0].type == EventType::session_started);
    CHECK(k.events[1].type == EventType::step_completed);
    CHECK(k.events[2].type == EventType::session_completed);
    for (const auto& e : k.events)
        CHECK(e.language == Language::es);

    // The next visit, untouched, speaks and records the house language.
    k.act(act::GoHome{}, sec(30));
    k.start("short-one", sec(40), "sess-2");
    REQUIRE(k.of_type(EventType::session_started).size() == 2);
    CHECK(k.of_type(EventType::session_started)[1].language == Language::de);
}

TEST_CASE("a session's payloads and snapshot carry its language", "[kiosk][language][mqtt]") {
    Kiosk k;
    k.act(act::ChooseLanguage{Language::es}, sec(0));
    k.start("short-one", sec(1));
    k.tick(sec(26));
    for (const auto& e : k.events) {
        const nlohmann::json j = rs::mqtt::event_fields(e);
        CHECK(j["language"] == "es");
        const nlohmann::json published = nlohmann::json::parse(
            rs::mqtt::event_payload(e, "roller-3", 7, "id-1", rs::mqtt::EventClock{}));
        CHECK(published["language"] == "es");
    }

    // A session a power cut left open is closed in the language it began in.
    const std::string snapshot = rs::mqtt::session_snapshot(k.events.front());
    CHECK(nlohmann::json::parse(snapshot)["language"] == "es");
    const UsageEvent closed = rs::mqtt::power_loss_closing("sess-1", snapshot, wall_at(sec(60)));
    CHECK(closed.language == Language::es);
    CHECK(rs::mqtt::event_fields(closed)["language"] == "es");
    // A snapshot from before sessions had a language reads as English.
    const UsageEvent old = rs::mqtt::power_loss_closing(
        "sess-0", R"({"routine_id":"short-one","planned_s":25})", wall_at(sec(60)));
    CHECK(old.language == Language::en);
}

TEST_CASE("an event outside a session has no language", "[kiosk][language][mqtt]") {
    UsageEvent e;
    e.type = EventType::sensor_connected;
    e.sensor_id = "roller-1";
    CHECK_FALSE(rs::mqtt::event_fields(e).contains("language"));
}

TEST_CASE("the station publishes routine titles in its house language", "[kiosk][language][mqtt]") {
    RoutinePtr routine =
        make_routine_ptr("short-one", "Short one", Purpose::recovery, Level::beginner,
                         {make_step(Area::calves, Side::both, 20)});
    auto german = std::make_shared<Routine>(*routine);
    german->title.set(Language::de, "Kurz");
    const Library library({german});
    const auto list = nlohmann::json::parse(rs::mqtt::routines_payload(library, Language::de));
    CHECK(list["routines"][0]["title"] == "Kurz");
    CHECK(nlohmann::json::parse(rs::mqtt::routines_payload(library))["routines"][0]["title"] ==
          "Short one");

    // The state the dashboard shows: the house language's title, whichever the athlete chose.
    Kiosk k;
    k.state.library = std::make_shared<const Library>(std::vector<RoutinePtr>{german});
    k.act(act::ChooseLanguage{Language::es}, sec(0));
    k.start("short-one", sec(1));
    CHECK(rs::mqtt::state_fields(k.state)["routine_title"] == "Kurz");
}
