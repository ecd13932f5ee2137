// The whole kiosk with a live roller: the real KioskApp (SDL's dummy video driver, software
// renderer, the system clock) reading a pseudo-terminal through its own SensorHub while an
// athlete's routine runs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "app/kiosk_app.hpp"
#include "integration/support.hpp"
#include "kit/recording_outbound.hpp"
#include "rollstation/config/setup.hpp"

namespace rs::itest {
namespace {

using core::CoachCue;
using core::EventType;
using Profile = core::SimProfile;

const std::string kSensor = "demo-roller";  // the one sensor config/demo.yaml declares

config::Setup demo_setup() {
    config::Setup setup =
        config::load_setup(std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config/demo.yaml", {});
    REQUIRE(setup.valid());
    REQUIRE(setup.station.sensors.size() == 1);
    REQUIRE(setup.station.sensors.front().id == kSensor);
    return setup;
}

// A roller that speaks in real time from `head_start` seconds of its own clock on: each call
// sends what it has said since the last one. Moving the head start on sends a backlog at once
// (the samples carry their own time, so the kiosk sees ordinary rolling).
class PacedRoller {
  public:
    PacedRoller(Profile profile, tools::PseudoTerminal& pty) : device_(profile), pty_(&pty) {}
    void operator()() {
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        pty_->write(device_.until(head_start_ + wall));
    }
    void jump(double seconds) { head_start_ += seconds; }

  private:
    Device device_;
    tools::PseudoTerminal* pty_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    double head_start_ = 0;
};

// The kiosk in an 800x480 window on the dummy driver, its demo sensor on a pseudo-terminal.
class LiveKiosk {
  public:
    explicit LiveKiosk(const std::filesystem::path& link)
        : link_(link), pty(std::make_unique<tools::PseudoTerminal>(link)) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        app::KioskOptions options;
        options.display.fullscreen = false;
        options.display.size = {800, 480};
        options.display.software = true;
        options.sound = false;
        options.sensors = {{kSensor, spec(serial_source(link))}};
        app = std::make_unique<app::KioskApp>(demo_setup(), options, clock, &outbound);
        app->pump();
    }

    const core::KioskState& state() const { return app->state(); }
    const core::SensorState& sensor() const { return state().sensors.front(); }
    int event_count(EventType type) const {
        int n = 0;
        for (const auto& e : events)
            n += e.type == type;
        return n;
    }

    // An athlete starts the lower-body warm-up and skips the 5 s get-ready countdown.
    void start_routine() {
        app->dispatch(core::act::OpenLibrary{});
        app->dispatch(core::act::OpenRoutine{"pre-workout-lower"});
        app->dispatch(core::act::StartRoutine{});
        REQUIRE(state().safety_visible);
        app->dispatch(core::act::AcknowledgeSafety{});
        REQUIRE(state().session_running());
        REQUIRE(state().screen == core::Screen::player);
        REQUIRE(state().session->phase == core::Phase::get_ready);
        app->dispatch(core::act::Control{core::SessionCommand::skip});
        REQUIRE(state().session->phase == core::Phase::active);
        REQUIRE(event_count(EventType::session_started) == 1);
    }

    // Keeps the roller talking and the kiosk pumping until `condition` holds.
    template <typename Condition>
    void roll_until(const std::string& what, PacedRoller& roller, Condition&& condition) {
        require_eventually(what, [&] {
            roller();
            app->pump();
            return condition();
        });
    }

    void unplug() { pty.reset(); }
    void replug() { pty = std::make_unique<tools::PseudoTerminal>(link_); }

    std::filesystem::path link_;
    std::unique_ptr<tools::PseudoTerminal> pty;  // before the app: it outlives the app's reader
    core::SystemClock clock;
    kit::RecordingOutbound outbound;
    std::vector<core::UsageEvent>& events = outbound.events;
    std::unique_ptr<app::KioskApp> app;
};

// The session has taken its first reading from the sensor (its baselines are set).
bool linked_to_session(const LiveKiosk& k) {
    return k.sensor().connected && k.state().session && k.state().session->motion &&
           k.state().session->motion->live;
}

}  // namespace

TEST_CASE("a live roller's passes reach the running session and the screen draws them",
          "[integration][kiosk]") {
    TempDir dir;
    LiveKiosk k(dir / "roller");
    REQUIRE(k.app->start_errors().empty());
    CHECK_FALSE(k.sensor().connected);
    k.start_routine();

    PacedRoller roller(Profile::steady, *k.pty);
    k.roll_until("the sensor to link and feed the session", roller,
                 [&] { return linked_to_session(k); });
    CHECK(k.event_count(EventType::sensor_connected) == 1);
    CHECK(k.state().session->segment_motion().passes == 0);

    // A few seconds of rolling arrive (3 s a pass): the first pass is the segment's.
    roller.jump(3.5);
    k.roll_until("a pass counted in the segment", roller,
                 [&] { return k.state().session->segment_motion().passes > 0; });
    const core::KioskState& s = k.state();
    CHECK(k.sensor().connected);
    CHECK(s.session_running());
    CHECK(s.session->phase == core::Phase::active);
    CHECK(s.session->segment_motion().passes == 1);
    REQUIRE(s.session->segment_motion().seconds_per_pass());
    CHECK(*s.session->segment_motion().seconds_per_pass() == Approx(3.0).margin(0.2));
    CHECK(k.sensor().counters.bad_lines() == 0);
    REQUIRE(k.sensor().hello);
    CHECK(k.sensor().hello->device_id == "sim-roller");
    // Three seconds a pass is inside the step's 2-4 s tempo: nothing to say.
    CHECK(s.cue == CoachCue::none);

    const ui::Image image = k.app->render_and_capture();
    CHECK(image.w == 800);
    CHECK(image.h == 480);
    REQUIRE(image.rgba.size() == 800u * 480u * 4u);
    const bool varied = std::any_of(image.rgba.begin(), image.rgba.end(),
                                    [&](std::uint8_t b) { return b != image.rgba.front(); });
    CHECK(varied);
}

TEST_CASE("rolling too fast brings up the live cue to slow down", "[integration][kiosk]") {
    TempDir dir;
    LiveKiosk k(dir / "roller");
    k.start_routine();

    PacedRoller roller(Profile::fast, *k.pty);
    k.roll_until("the sensor to link and feed the session", roller,
                 [&] { return linked_to_session(k); });
    // A second a pass against the step's 2-4 s: once that has lasted the coach's confirmation
    // time (0.8 s of the kiosk's own clock) the cue shows.
    roller.jump(3.0);
    k.roll_until("the cue 'slower'", roller, [&] { return k.state().cue == CoachCue::slower; });
    CHECK(k.sensor().connected);
    REQUIRE(k.sensor().motion.recent_seconds_per_pass());
    CHECK(*k.sensor().motion.recent_seconds_per_pass() == Approx(1.0).margin(0.1));
    CHECK(k.state().session->segment_motion().passes >= 2);

    const ui::Image image = k.app->render_and_capture();
    CHECK(image.w == 800);
    CHECK(image.h == 480);
}

TEST_CASE("unplugged mid-session the kiosk shows the sensor lost, and takes it back replugged",
          "[integration][kiosk]") {
    TempDir dir;
    LiveKiosk k(dir / "roller");
    k.start_routine();

    PacedRoller roller(Profile::steady, *k.pty);
    k.roll_until("the sensor to link and feed the session", roller,
                 [&] { return linked_to_session(k); });
    roller.jump(3.5);
    k.roll_until("a pass counted in the segment", roller,
                 [&] { return k.state().session->segment_motion().passes > 0; });

    k.unplug();
    require_eventually("the kiosk to see the sensor gone", [&] {
        k.app->pump();
        return !k.sensor().connected;
    });
    CHECK(k.event_count(EventType::sensor_lost) == 1);
    // The session carries on by the clock, keeping what the sensor measured.
    CHECK(k.state().session_running());
    REQUIRE(k.state().session->motion);
    CHECK_FALSE(k.state().session->motion->live);
    CHECK(k.state().session->segment_motion().passes == 1);

    k.replug();
    PacedRoller rebooted(Profile::steady, *k.pty);
    k.roll_until("the sensor back after the replug", rebooted,
                 [&] { return linked_to_session(k); });
    CHECK(k.event_count(EventType::sensor_connected) == 2);
    CHECK(k.event_count(EventType::sensor_lost) == 1);
    rebooted.jump(3.5);
    k.roll_until("a pass from the replugged sensor", rebooted,
                 [&] { return k.state().session->segment_motion().passes > 1; });
    CHECK(k.state().session->segment_motion().passes == 2);
    CHECK(k.sensor().counters.bad_lines() == 0);
}

}  // namespace rs::itest
