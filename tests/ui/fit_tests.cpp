// Text that fits: every screen, at the 7" panel, 1080p and portrait, in every language, in the
// states that change its layout (class banner, live sensor, paused, dialogs, every routine's
// names), is drawn and the layout report must be empty: nothing cut short, clipped, overlapping
// or off the screen.
#include <functional>
#include <sstream>

#include "app/admin_pin.hpp"
#include "sensors/simulator.hpp"
#include "ui/harness.hpp"

using namespace rs;

namespace {

// The demo station speaking `language` as its house language, offering all four.
config::Setup speaking(config::Setup setup, core::Language language) {
    setup.station.station.language = language;
    setup.station.display.languages = {core::Language::en, core::Language::de, core::Language::es,
                                       core::Language::fr};
    return setup;
}

struct Report {
    std::vector<std::string> lines;
    int frames = 0;
    void look(test::HeadlessKiosk& k, const std::string& where) {
        k.app->render_and_capture();
        ++frames;
        for (const auto& p : k.app->layout_problems())
            lines.push_back(where + ": " + ui::describe(p));
    }
    std::string text() const {
        std::ostringstream out;
        for (const auto& l : lines)
            out << "\n  " << l;
        return out.str();
    }
};

core::ClassWarmup class_for(test::HeadlessKiosk& k, const std::string& id, int start_in_s) {
    core::ClassWarmup w;
    w.command_id = id;
    w.routine = k.state().library->find("pre-workout-lower");
    w.start_at = k.clock.now().wall + std::chrono::seconds(start_in_s);
    w.coach = "Alexandra";
    w.message = "Team A warm-up before the 5 km";
    return w;
}

// Every phase of one routine, first step to summary, with and without the live roller.
void play_through(Report& r, ui::Size size, core::Language language, const std::string& id,
                  bool live) {
    test::HeadlessKiosk k(
        size, 0, speaking(live ? test::demo_setup_with_sensor() : test::demo_setup(), language));
    const std::string where = std::string(core::code_of(language)) + " " + std::to_string(size.w) +
                              "x" + std::to_string(size.h) + " " + id + (live ? " (live)" : "");
    k.app->dispatch(core::act::OpenLibrary{});
    k.app->dispatch(core::act::OpenRoutine{id});
    r.look(k, where + " detail");
    k.app->dispatch(core::act::StartRoutine{"fit"});
    r.look(k, where + " safety");
    k.app->dispatch(core::act::AcknowledgeSafety{});
    sensors::Simulator sim(
        sensors::SimSettings{core::SimProfile::steady, 50, "demo-roller", "1.0", 471, 7});
    double t = 0;
    int seen_segment = -1;
    for (int guard = 0; guard < 400 && k.state().session_running(); ++guard) {
        const core::Session& s = *k.state().session;
        if (s.segment != seen_segment || s.phase != core::Phase::active) {
            r.look(k, where + " step " + std::to_string(s.segment + 1) + " " +
                          std::string(core::name_of(s.phase)));
            seen_segment = s.segment;
        }
        if (!live && s.phase == core::Phase::active && k.state().can_ease_off()) {
            // "Too intense": the softer tool's name, figure and cues must fit as well.
            k.app->dispatch(core::act::TooIntense{});
            r.look(k, where + " step " + std::to_string(s.segment + 1) + " eased off");
        }
        if (live)
            test::play_roller(k, sim, t, 1.0);
        k.app->dispatch(core::act::Control{core::SessionCommand::skip});
        k.advance(core::Millis{500});
    }
    r.look(k, where + " summary");
}

void dialogs_and_classes(Report& r, ui::Size size, core::Language language) {
    const std::string where = std::string(core::code_of(language)) + " " + std::to_string(size.w) +
                              "x" + std::to_string(size.h);
    test::HeadlessKiosk k(size, 0, speaking(test::demo_setup_with_sensor(), language));
    r.look(k, where + " home");
    k.app->dispatch(core::act::OpenLibrary{});
    r.look(k, where + " library");
    k.app->dispatch(core::act::ShowLanguages{true});
    r.look(k, where + " language picker");
    k.app->dispatch(core::act::ShowLanguages{false});
    for (int page = 1; page < 6; ++page) {
        k.app->dispatch(core::act::ShowPage{page});
        r.look(k, where + " library page " + std::to_string(page + 1));
    }
    k.app->dispatch(core::act::SetPurpose{core::Purpose::targeted});
    k.app->dispatch(core::act::SetLevel{core::Level::advanced});
    r.look(k, where + " library filtered");
    k.app->dispatch(core::act::OpenRoutine{"post-workout-full-body"});
    k.app->dispatch(core::act::StartRoutine{"fit"});
    k.app->dispatch(core::act::AcknowledgeSafety{});
    k.advance(core::Millis{7000});
    r.look(k, where + " player");
    k.app->dispatch(core::act::Control{core::SessionCommand::pause});
    r.look(k, where + " player paused");
    k.app->dispatch(core::act::Control{core::SessionCommand::resume});
    k.app->dispatch(core::act::ClassCommand{class_for(k, "fit-1", 90)});
    k.advance(core::Millis{400});
    r.look(k, where + " player with class banner");
    sensors::Simulator sim(
        sensors::SimSettings{core::SimProfile::steady, 50, "demo-roller", "1.0", 471, 7});
    double t = 0;
    test::play_roller(k, sim, t, 6.0);
    r.look(k, where + " player live with class banner");
    k.app->dispatch(core::act::RequestStop{});
    r.look(k, where + " stop dialog");
    k.app->dispatch(core::act::CancelStop{});
    k.app->dispatch(core::act::ShowSafety{});
    r.look(k, where + " safety over the player");
    k.app->dispatch(core::act::AcknowledgeSafety{});
    k.app->dispatch(core::act::JoinClass{});
    r.look(k, where + " class countdown (confirmed)");

    test::HeadlessKiosk fresh(size, 0, speaking(test::demo_setup(), language));
    fresh.app->dispatch(core::act::ClassCommand{class_for(fresh, "fit-2", 45)});
    r.look(fresh, where + " class countdown (asks for confirmation)");
    fresh.advance(core::Millis{46'000}, core::Millis{1000});
    r.look(fresh, where + " class started, waiting for confirmation");
}

// The admin layers: the PIN pad, the panel with the station's sensors, the calibration wizard.
void admin_screens(Report& r, ui::Size size, core::Language language) {
    const std::string where = std::string(core::code_of(language)) + " " + std::to_string(size.w) +
                              "x" + std::to_string(size.h);
    config::Setup setup = speaking(test::demo_setup_with_sensor(), language);
    setup.station.admin.pin_hash = app::hash_pin("2468");
    test::HeadlessKiosk k(size, 0, setup);
    test::enter_pin(k, {1, 2, 3, 4});
    r.look(k, where + " PIN pad after a wrong PIN");
    test::enter_pin(k, {2, 4, 6, 8});
    REQUIRE(k.state().admin.view == core::AdminView::panel);
    r.look(k, where + " admin panel");
    // A Bluetooth sensor's line is the longest: signal strength and battery as well.
    core::wire::Status radio;
    radio.battery_pct = 100;
    radio.rssi_dbm = -100;
    k.app->dispatch(core::act::SensorBatch{"demo-roller", {radio}, {}});
    r.look(k, where + " admin panel, Bluetooth signal and battery");
    k.app->dispatch(core::act::StartCalibration{"demo-roller"});
    r.look(k, where + " calibration, zero step");
}

void check(const Report& r) {
    INFO(r.lines.size() << " problems in " << r.frames << " frames:" << r.text());
    CHECK(r.lines.empty());
}

}  // namespace

TEST_CASE("every routine's screens fit, on every screen size, in every language", "[ui][fit]") {
    const core::Language language =
        GENERATE(core::Language::en, core::Language::de, core::Language::es, core::Language::fr);
    for (const ui::Size size : {ui::Size{800, 480}, ui::Size{1920, 1080}, ui::Size{480, 800}}) {
        Report r;
        test::HeadlessKiosk k(size);
        for (const auto& routine : k.state().library->routines())
            play_through(r, size, language, routine->id, false);
        play_through(r, size, language, "post-workout-full-body", true);
        play_through(r, size, language, "lacrosse-ball-shoulders", true);
        check(r);
    }
}

TEST_CASE("dialogs, the class banner and countdowns fit, on every screen size, in every language",
          "[ui][fit]") {
    const core::Language language =
        GENERATE(core::Language::en, core::Language::de, core::Language::es, core::Language::fr);
    for (const ui::Size size : {ui::Size{800, 480}, ui::Size{1920, 1080}, ui::Size{480, 800}}) {
        Report r;
        dialogs_and_classes(r, size, language);
        admin_screens(r, size, language);
        check(r);
    }
}
