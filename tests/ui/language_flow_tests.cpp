// An athlete's language on the real kiosk: chosen on the home screen or from the library's
// language button, spoken by every screen and recorded in the session's events, and the house
// language again once the visit ends.
#include "ui/harness.hpp"
#include "ui/image.hpp"

using namespace rs;
using core::Language;

namespace {

// A German station offering all four languages.
config::Setup german_station() {
    config::Setup setup = test::demo_setup();
    setup.station.station.language = Language::de;
    setup.station.display.languages = {Language::de, Language::en, Language::es, Language::fr};
    return setup;
}

void choose(test::HeadlessKiosk& k, Language language) {
    k.tap<core::act::ChooseLanguage>(
        [language](const core::act::ChooseLanguage& a) { return a.language == language; });
}

double differing(const ui::Image& a, const ui::Image& b) {
    return ui::compare(a, b, 0).differing_fraction;
}

}  // namespace

TEST_CASE("a language chosen for a visit is spoken until the visit ends", "[ui][languages]") {
    test::HeadlessKiosk k({800, 480}, 0, german_station());
    REQUIRE(k.state().language == Language::de);
    k.tap<core::act::OpenLibrary>();
    const ui::Image german = k.app->render_and_capture();
    k.tap<core::act::GoHome>();

    // On the home screen, each language is offered in its own words: Español.
    choose(k, Language::es);
    CHECK(k.state().language == Language::es);
    k.tap<core::act::OpenLibrary>();
    const ui::Image spanish = k.app->render_and_capture();
    CHECK(differing(german, spanish) > 0.01);

    // The library's language button opens the choice; a choice closes it.
    k.tap<core::act::ShowLanguages>();
    CHECK(k.state().languages_visible);
    CHECK_FALSE(k.on_screen<core::act::OpenRoutine>());  // the picker covers the library
    choose(k, Language::fr);
    CHECK_FALSE(k.state().languages_visible);
    CHECK(k.state().language == Language::fr);

    // Left alone, the kiosk goes home and speaks German again.
    k.advance(core::Millis{(k.state().settings.idle_timeout_s + 1) * 1000}, core::Millis{5000});
    CHECK(k.state().screen == core::Screen::home);
    CHECK(k.state().language == Language::de);
    k.tap<core::act::OpenLibrary>();
    CHECK(differing(german, k.app->render_and_capture()) == 0);
}

TEST_CASE("a session records its language and the summary's Done returns to the house language",
          "[ui][languages]") {
    test::HeadlessKiosk k({800, 480}, 0, german_station());
    choose(k, Language::es);
    k.app->dispatch(core::act::OpenLibrary{});
    k.app->dispatch(core::act::OpenRoutine{"pre-workout-lower"});
    k.app->pump();
    k.tap<core::act::StartRoutine>();
    k.tap<core::act::AcknowledgeSafety>();
    k.advance(core::Millis{6000});
    k.tap<core::act::RequestStop>();
    k.tap<core::act::ConfirmStop>();
    REQUIRE(k.state().screen == core::Screen::summary);
    CHECK(k.state().language == Language::es);
    k.tap<core::act::GoHome>();
    CHECK(k.state().language == Language::de);

    REQUIRE(k.outbound.events.size() >= 2);
    for (const core::UsageEvent& e : k.outbound.events)
        CHECK(e.language == Language::es);
}

TEST_CASE("a station that offers one language shows no choice", "[ui][languages]") {
    config::Setup setup = german_station();
    setup.station.display.languages = {Language::de};
    test::HeadlessKiosk k({800, 480}, 0, setup);
    CHECK_FALSE(k.on_screen<core::act::ChooseLanguage>());
    k.tap<core::act::OpenLibrary>();
    CHECK_FALSE(k.on_screen<core::act::ShowLanguages>());
}
