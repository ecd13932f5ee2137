// Golden screenshots: every screen at the 7" panel size and at 1080p, compared with references
// kept in tests/golden. Set ROLLSTATION_UPDATE_GOLDEN=1 to rewrite the references after an
// intended change; a mismatch writes the actual picture and a diff next to the build.
#include <functional>

#include "app/admin_pin.hpp"
#include "sensors/simulator.hpp"
#include "ui/harness.hpp"
#include "ui/image.hpp"

using namespace rs;
namespace fs = std::filesystem;

namespace {

// Text antialiasing may shift by a shade between FreeType builds; layout changes move far more.
constexpr int kChannelTolerance = 40;
constexpr double kMaxDifferingFraction = 0.002;

void check_golden(test::HeadlessKiosk& k, const std::string& name) {
    const ui::Image actual = k.app->render_and_capture();
    const ui::Size size = k.app->display().canvas_size();
    const std::string file =
        name + "-" + std::to_string(size.w) + "x" + std::to_string(size.h) + ".png";
    const fs::path reference_path = fs::path(ROLLSTATION_GOLDEN_DIR) / file;
    if (const char* update = std::getenv("ROLLSTATION_UPDATE_GOLDEN");
        update && std::string(update) == "1") {
        REQUIRE(ui::write_png(reference_path, actual));
        return;
    }
    const auto reference = ui::read_png(reference_path);
    INFO("reference " << reference_path << " (ROLLSTATION_UPDATE_GOLDEN=1 writes it)");
    REQUIRE(reference.has_value());
    const ui::ImageDiff diff = ui::compare(actual, *reference, kChannelTolerance);
    REQUIRE(diff.same_size);
    if (diff.differing_fraction > kMaxDifferingFraction) {
        const fs::path out = fs::path(ROLLSTATION_ARTIFACT_DIR);
        fs::create_directories(out);
        ui::write_png(out / ("actual-" + file), actual);
        ui::write_png(out / ("diff-" + file), diff.diff);
        INFO("differing pixels: " << diff.differing_pixels << "; see " << out.string());
        CHECK(diff.differing_fraction <= kMaxDifferingFraction);
    }
}

// The demo station as shipped for English; else speaking `language` as its house language and
// offering the others after it.
config::Setup speaking(config::Setup setup, core::Language language) {
    if (language == core::Language::en)
        return setup;
    setup.station.station.language = language;
    setup.station.display.languages = {language};
    for (const core::Language other : core::all_languages()) {
        if (other != language)
            setup.station.display.languages.push_back(other);
    }
    return setup;
}

std::string suffix_of(core::Language language) {
    return language == core::Language::en ? "" : "-" + std::string(core::code_of(language));
}

void to_detail(test::HeadlessKiosk& k, const std::string& id) {
    k.app->dispatch(core::act::OpenLibrary{});
    k.app->dispatch(core::act::OpenRoutine{id});
    k.app->pump();
}

void start(test::HeadlessKiosk& k, const std::string& id) {
    to_detail(k, id);
    k.app->dispatch(core::act::StartRoutine{"golden"});
    k.app->dispatch(core::act::AcknowledgeSafety{});
    k.app->pump();
}

void roll(test::HeadlessKiosk& k, sensors::Simulator& sim, double& t, double seconds) {
    test::play_roller(k, sim, t, seconds);
}

// Someone standing on a force sensor (the check-in pad, unless told): 75 kg, steady.
void stand(test::HeadlessKiosk& k, std::uint16_t& seq, core::Millis length, double newtons = 736,
           const std::string& sensor = "demo-pad") {
    for (core::Millis t{0}; t < length; t += core::Millis{50}) {
        core::act::SensorBatch batch;
        batch.sensor_id = sensor;
        core::wire::Sample s;
        s.seq = seq++;
        s.t_ms = seq * 50u;
        s.rotation_mrev = 0;
        s.force_dn = static_cast<std::int32_t>(newtons * 10);
        if (s.seq == 0) {  // the device introduces itself: what it measures
            core::wire::Hello hello;
            hello.device_id = sensor;
            hello.firmware = "1.0";
            hello.measures_rotation = sensor == "demo-roller";
            hello.measures_force = true;
            hello.circumference_mm = 471;
            batch.messages.emplace_back(std::in_place_type<core::wire::Hello>, std::move(hello));
        }
        batch.messages.push_back(s);
        k.app->dispatch(batch);
        k.advance(core::Millis{50}, core::Millis{50});
    }
}

// The demo station with a force pad beside its roller, for the check-in.
config::Setup setup_with_pad() {
    config::Setup setup = test::demo_setup_with_sensor();
    config::SensorConfig pad;
    pad.id = "demo-pad";
    pad.kind = "pad";
    pad.source = "sim:steady";
    pad.tools = core::SensorSpec::default_tools("pad");
    pad.weigh_in = true;
    setup.station.sensors.push_back(pad);
    return setup;
}

void run_live_screens(ui::Size size, core::Language language = core::Language::en) {
    test::HeadlessKiosk k(size, 0, speaking(setup_with_pad(), language));
    const std::string in = suffix_of(language);
    to_detail(k, "post-workout-full-body");
    std::uint16_t seq = 0;
    stand(k, seq, core::Millis{200});
    REQUIRE(k.on_screen<core::act::StartWeighIn>());
    k.tap<core::act::StartWeighIn>();
    stand(k, seq, core::Millis{2000});
    check_golden(k, "weigh-in" + in);
    stand(k, seq, core::Millis{2000});
    REQUIRE(k.state().body_weight_n.has_value());
    CHECK(*k.state().body_weight_n == Approx(736).margin(5));
    check_golden(k, "detail-weighed" + in);
    k.app->dispatch(core::act::StartRoutine{"golden"});
    k.app->dispatch(core::act::AcknowledgeSafety{});
    k.app->pump();
    sensors::Simulator sim(
        sensors::SimSettings{core::SimProfile::steady, 50, "demo-roller", "1.0", 471, 7});
    double t = 0;
    roll(k, sim, t, 5.0);   // get ready
    roll(k, sim, t, 14.0);  // rolling
    check_golden(k, "player-live" + in);

    sensors::Simulator heavy(
        sensors::SimSettings{core::SimProfile::heavy, 50, "demo-roller", "1.0", 471, 7});
    heavy.emit_until(t);  // the same device pressing harder from now on: its clock carries on
    roll(k, heavy, t, 4.0);
    REQUIRE(k.state().cue == core::CoachCue::ease_off);
    check_golden(k, "player-live-ease-off" + in);

    k.app->dispatch(core::act::RequestStop{});
    k.app->dispatch(core::act::ConfirmStop{});
    check_golden(k, "summary-live" + in);
}

// The PIN pad after a wrong PIN and the calibration wizard at its weight step. The panel itself
// shows the machine's own network addresses, so it has no reference picture.
void run_admin_screens(ui::Size size) {
    config::Setup setup = test::demo_setup_with_sensor();
    setup.station.admin.pin_hash = app::hash_pin("2468");
    test::HeadlessKiosk k(size, 0, setup);
    test::enter_pin(k, {1, 2, 3, 4});
    k.app->dispatch(core::act::PinDigit{2});
    k.app->dispatch(core::act::PinDigit{4});
    check_golden(k, "admin-pin");
    for (int d : {6, 8})
        k.app->dispatch(core::act::PinDigit{d});
    k.app->dispatch(core::act::PinEnter{});
    REQUIRE(k.state().admin.view == core::AdminView::panel);
    std::uint16_t seq = 0;
    stand(k, seq, core::Millis{1000}, 30, "demo-roller");
    k.app->dispatch(core::act::StartCalibration{"demo-roller"});
    k.app->dispatch(core::act::CalibrationZero{});
    stand(k, seq, core::Millis{1000}, 120, "demo-roller");
    REQUIRE(k.state().admin.step == core::AdminState::Step::weight);
    check_golden(k, "admin-calibrate");
}

// `language`: the house language; the reference pictures of another than English are named
// with its code ("home-de-800x480.png").
void run_all_screens(ui::Size size, core::Language language = core::Language::en) {
    test::HeadlessKiosk k(size, 0, speaking(test::demo_setup(), language));
    const std::string in = suffix_of(language);
    check_golden(k, "home" + in);

    k.app->dispatch(core::act::OpenLibrary{});
    check_golden(k, "library" + in);
    k.app->dispatch(core::act::SetPurpose{core::Purpose::targeted});
    k.app->dispatch(core::act::SetLevel{core::Level::advanced});
    check_golden(k, "library-filtered" + in);

    to_detail(k, "post-workout-full-body");
    check_golden(k, "detail" + in);
    k.app->dispatch(core::act::StartRoutine{"golden"});
    check_golden(k, "safety" + in);
    k.app->dispatch(core::act::AcknowledgeSafety{});
    check_golden(k, "get-ready" + in);

    k.advance(core::Millis{5000});
    k.advance(core::Millis{12'500});
    check_golden(k, "player" + in);
    k.app->dispatch(core::act::Control{core::SessionCommand::pause});
    check_golden(k, "player-paused" + in);
    k.app->dispatch(core::act::Control{core::SessionCommand::resume});
    k.app->dispatch(core::act::Control{core::SessionCommand::skip});
    k.advance(core::Millis{400});  // past the flash
    check_golden(k, "switch-side" + in);
    k.app->dispatch(core::act::RequestStop{});
    check_golden(k, "confirm-stop" + in);
    k.app->dispatch(core::act::ConfirmStop{});
    check_golden(k, "summary" + in);
}

}  // namespace

TEST_CASE("golden screens on the 7-inch panel (800x480)", "[ui][golden]") {
    run_all_screens({800, 480});
}

TEST_CASE("golden screens at 1080p (1920x1080)", "[ui][golden]") {
    run_all_screens({1920, 1080});
}

void run_class_screens(ui::Size size) {
    test::HeadlessKiosk k(size);
    core::ClassWarmup w;
    w.command_id = "golden-class";
    w.routine = k.state().library->find("pre-workout-lower");
    w.start_at = k.clock.now().wall + std::chrono::seconds(45);
    w.coach = "Sam";
    w.message = "Team A warm-up";
    k.app->dispatch(core::act::ClassCommand{w});
    REQUIRE(k.state().screen == core::Screen::class_countdown);
    REQUIRE(k.state().class_needs_confirmation());
    check_golden(k, "class-countdown");
    k.tap<core::act::AcknowledgeSafety>();
    CHECK_FALSE(k.state().class_needs_confirmation());
    check_golden(k, "class-countdown-ready");

    // An athlete rolling on their own when a class arrives: the offer to join.
    test::HeadlessKiosk own(size);
    start(own, "post-workout-full-body");
    own.advance(core::Millis{6000});
    core::ClassWarmup later = w;
    later.command_id = "golden-class-2";
    later.start_at = own.clock.now().wall + std::chrono::seconds(90);
    own.app->dispatch(core::act::ClassCommand{later});
    own.advance(core::Millis{400});
    REQUIRE(own.state().class_offer_visible());
    check_golden(own, "player-class-offer");
    own.tap<core::act::JoinClass>();
    CHECK(own.state().screen == core::Screen::class_countdown);
}

TEST_CASE("golden class screens on the 7-inch panel", "[ui][golden][class]") {
    run_class_screens({800, 480});
}

TEST_CASE("golden class screens at 1080p", "[ui][golden][class]") {
    run_class_screens({1920, 1080});
}

TEST_CASE("golden live-sensor screens on the 7-inch panel", "[ui][golden][sensor]") {
    run_live_screens({800, 480});
}

TEST_CASE("golden live-sensor screens at 1080p", "[ui][golden][sensor]") {
    run_live_screens({1920, 1080});
}

TEST_CASE("golden admin screens on the 7-inch panel", "[ui][golden][admin]") {
    run_admin_screens({800, 480});
}

TEST_CASE("golden admin screens at 1080p", "[ui][golden][admin]") {
    run_admin_screens({1920, 1080});
}

TEST_CASE("golden screens in portrait (480x800)", "[ui][golden]") {
    test::HeadlessKiosk k({480, 800});
    k.app->dispatch(core::act::OpenLibrary{});
    check_golden(k, "library");
    start(k, "desk-posture");
    k.advance(core::Millis{1000});
    check_golden(k, "get-ready");  // the starting position, large
    k.advance(core::Millis{7000});
    check_golden(k, "player");
}

// The demonstration's controls: a lacrosse-ball step eased to the tennis ball, its figure and
// cues with it; then the figure hidden.
void run_demo_controls(ui::Size size) {
    test::HeadlessKiosk k(size);
    start(k, "lacrosse-ball-hips");
    k.advance(core::Millis{5000});
    k.advance(core::Millis{1500});
    REQUIRE(k.state().session->current_step().tool == core::Tool::lacrosse_ball);
    k.app->render_and_capture();
    k.tap<core::act::TooIntense>();  // a finger on the button, as an athlete would
    REQUIRE(k.state().session->current_step().tool == core::Tool::tennis_ball);
    check_golden(k, "player-too-intense");
    k.tap<core::act::ShowDemo>([](const core::act::ShowDemo& a) { return !a.shown; });
    REQUIRE(k.state().demo_hidden);
    check_golden(k, "player-demo-hidden");
}

TEST_CASE("golden demonstration controls on the 7-inch panel", "[ui][golden]") {
    run_demo_controls({800, 480});
}

TEST_CASE("golden demonstration controls in portrait", "[ui][golden]") {
    run_demo_controls({480, 800});
}

// A ball step on a station whose roller lies idle: no roller figures, the safety line marked, the
// cues taking turns with the hold hint.
void run_ball_screens(ui::Size size) {
    test::HeadlessKiosk k(size, 0, test::demo_setup_with_sensor());
    start(k, "lacrosse-ball-shoulders");
    k.advance(core::Millis{5000});
    k.advance(core::Millis{7000});
    check_golden(k, "player-ball");
}

TEST_CASE("golden ball step on the 7-inch panel", "[ui][golden]") {
    run_ball_screens({800, 480});
}

TEST_CASE("golden ball step at 1080p", "[ui][golden]") {
    run_ball_screens({1920, 1080});
}

// The main screens in German, which runs longest: the words of the interface and of the routine
// both in German, nothing cut.
TEST_CASE("golden screens in German on the 7-inch panel", "[ui][golden][language]") {
    run_all_screens({800, 480}, core::Language::de);
}

TEST_CASE("golden live-sensor screens in German on the 7-inch panel",
          "[ui][golden][sensor][language]") {
    run_live_screens({800, 480}, core::Language::de);
}
