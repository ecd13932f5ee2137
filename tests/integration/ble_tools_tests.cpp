// The installer's Bluetooth tools as an installer runs them: `rollstation --scan-sensors` and
// `--probe-sensor ble:…` against the fake BlueZ on a private bus, and the whole kiosk started
// from a station file with a ble: roller, its passes reaching a running routine.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "app/kiosk_app.hpp"
#include "app/kiosk_options.hpp"
#include "integration/fake_bluez.hpp"
#include "rollstation/config/setup.hpp"

namespace rs::itest {
namespace {

const std::string kKiosk = ROLLSTATION_BINARY;
const std::string kRoller = "AA:BB:CC:00:00:01";
const std::string kGauge = "AA:BB:CC:00:00:02";

std::vector<FakeDevice> gym() {
    FakeDevice roller{kRoller, "witmotion", "WT901BLE68", -58, ble_trace("witmotion-rolling"),
                      true};
    roller.battery = 80;
    return {roller,
            {kGauge, "progressor", "Progressor_7125", -71, ble_trace("progressor-pressing"), true},
            {"AA:BB:CC:00:00:09", "other", "Heart rate", -40, "", false}};
}

}  // namespace

TEST_CASE("rollstation --scan-sensors lists the supported devices with their station-file lines",
          "[integration][ble][tools]") {
    TempDir dir;
    PrivateBus bus(dir.path());
    FakeBluez bluez(dir.path(), gym());
    ChildProcess scan({kKiosk, "--scan-sensors", "--seconds", "1"}, dir.path(), "scan");
    const auto code = scan.wait_for_exit(Millis{8000});
    INFO(scan.describe());
    REQUIRE(code);
    CHECK(*code == 0);
    const std::string out = scan.out();
    CHECK_THAT(out, Catch::Contains("found 2 supported sensors (3 Bluetooth LE devices in all)"));
    CHECK_THAT(out, Catch::Contains("WT901BLE68           " + kRoller + "  witmotion  -58 dBm"));
    CHECK_THAT(out, Catch::Contains("source: \"ble:" + kRoller + "?kind=witmotion&axis=x\""));
    CHECK_THAT(out, Catch::Contains("source: \"ble:" + kGauge + "?kind=progressor\""));
    CHECK_THAT(out, Catch::Contains("kind: pad"));
    CHECK(out.find("Heart rate") == std::string::npos);
    // The strongest first.
    CHECK(out.find(kRoller) < out.find(kGauge));
}

TEST_CASE("rollstation --scan-sensors without BlueZ says so and exits 1",
          "[integration][ble][tools]") {
    TempDir dir;
    PrivateBus bus(dir.path());
    ChildProcess scan({kKiosk, "--scan-sensors", "--seconds", "1"}, dir.path(), "scan");
    const auto code = scan.wait_for_exit(Millis{8000});
    INFO(scan.describe());
    REQUIRE(code);
    CHECK(*code == 1);
    CHECK_THAT(scan.out(),
               Catch::Contains("error: BlueZ does not answer (is bluetoothd running?)"));
}

TEST_CASE("rollstation --probe-sensor ble: reads a Progressor: force, battery and signal",
          "[integration][ble][tools]") {
    TempDir dir;
    PrivateBus bus(dir.path());
    FakeBluez bluez(dir.path(), gym());
    ChildProcess probe(
        {kKiosk, "--probe-sensor", "ble:" + kGauge + "?kind=progressor", "--seconds", "3"},
        dir.path(), "probe");
    const auto code = probe.wait_for_exit(Millis{8000});
    INFO(probe.describe());
    REQUIRE(code);
    CHECK(*code == 0);
    const std::string out = probe.out();
    CHECK_THAT(out,
               Catch::Contains("device: progressor, firmware Tindeq Progressor, measures force"));
    CHECK_THAT(out, Catch::Contains("radio: signal -71 dBm, battery 67 %"));
    CHECK_THAT(out, Catch::Contains("0 malformed, 0 garbage bytes"));
    CHECK_THAT(out, Catch::Contains("peak 294 N"));
}

TEST_CASE("the kiosk from a station file with a ble: roller counts passes in a routine",
          "[integration][ble][kiosk]") {
    TempDir dir;
    PrivateBus bus(dir.path());
    FakeBluez bluez(dir.path(), gym());
    // The demo station with its simulated roller swapped for the WitMotion one.
    std::string station =
        read_text(std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config/demo.yaml");
    const std::string sim = "source: \"sim:steady\"";
    REQUIRE(station.find(sim) != std::string::npos);
    station.replace(station.find(sim), sim.size(),
                    "source: \"ble:" + kRoller + "?kind=witmotion&axis=x\"");
    const auto file = dir / "ble-station.yaml";
    std::ofstream(file) << station;
    for (const auto& entry : std::filesystem::directory_iterator(
             std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config")) {
        if (entry.path().filename() != "demo.yaml")
            std::filesystem::create_symlink(entry.path(), dir / entry.path().filename());
    }
    config::Setup setup = config::load_setup(file, {});
    INFO(setup.errors.size());
    REQUIRE(setup.valid());
    std::vector<std::string> errors;
    app::KioskOptions options = app::options_from(setup.station, true, errors);
    REQUIRE(errors.empty());
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    options.display.software = true;
    options.sound = false;
    core::SystemClock clock;
    app::KioskApp kiosk(setup, options, clock, nullptr);
    kiosk.pump();

    kiosk.dispatch(core::act::OpenLibrary{});
    kiosk.dispatch(core::act::OpenRoutine{"pre-workout-lower"});
    kiosk.dispatch(core::act::StartRoutine{});
    kiosk.dispatch(core::act::AcknowledgeSafety{});
    kiosk.dispatch(core::act::Control{core::SessionCommand::skip});
    REQUIRE(kiosk.state().session->phase == core::Phase::active);
    require_eventually(
        "passes from the Bluetooth roller in the running step",
        [&] {
            kiosk.wait_and_pump(core::Millis{20});
            return kiosk.state().session->segment_motion().passes >= 2;
        },
        Millis{8000});
    const core::SensorState& s = kiosk.state().sensors.front();
    CHECK(s.connected);
    CHECK(s.rssi_dbm == -58);
    CHECK(s.battery_pct == 80);
    REQUIRE(s.motion.recent_seconds_per_pass());
    CHECK(*s.motion.recent_seconds_per_pass() == Approx(2.0).margin(0.3));
}

}  // namespace rs::itest
