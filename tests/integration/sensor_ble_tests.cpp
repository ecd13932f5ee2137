// Bluetooth LE sensors through BlueZ: the kiosk's SensorHub against the fake BlueZ on a private
// bus, playing device traces. Connect and count, lose the device and find it again, an adapter
// switched off and on, bluetoothd late to start, and notifications meant to hurt.
#include <catch2/catch.hpp>

#include "integration/fake_bluez.hpp"

namespace rs::itest {
namespace {

const std::string kRoller = "AA:BB:CC:00:00:01";
const std::string kGauge = "AA:BB:CC:00:00:02";
const std::string kId = "ble";

FakeDevice witmotion(bool loop = false) {
    FakeDevice d{kRoller, "witmotion", "WT901BLE68", -58, ble_trace("witmotion-rolling"), loop};
    d.battery = 80;
    return d;
}
FakeDevice progressor() {
    return {kGauge, "progressor", "Progressor_7125", -71, ble_trace("progressor-pressing"), false};
}

void wait_for_link(SensorStation& station, bool up, int count, Millis limit = kDeadline) {
    require_eventually(
        std::string("SensorLink{up=") + (up ? "true" : "false") + "} number " +
            std::to_string(count),
        [&] {
            station.pump();
            return station.link_count(kId, up) >= count;
        },
        limit);
}

void wait_for_samples(SensorStation& station, std::size_t count, Millis limit = kDeadline) {
    require_eventually(
        std::to_string(count) + " samples",
        [&] {
            station.pump();
            return station.samples[kId].size() >= count;
        },
        limit);
}

// A private bus with the fake BlueZ playing the given devices and a kiosk's sensors bound to one
// `ble:` source. With `samples`, the link is up and that many samples have arrived on return.
struct BleRig {
    TempDir dir;
    PrivateBus bus{dir.path()};
    FakeBluez bluez;
    SensorStation station;

    BleRig(std::vector<FakeDevice> devices, const std::string& source, std::size_t samples)
        : bluez(dir.path(), std::move(devices)), station({{kId, spec(source)}}) {
        REQUIRE(station.errors().empty());
        if (samples > 0) {
            wait_for_link(station, true, 1);
            wait_for_samples(station, samples);
        }
    }
};

// The looping WitMotion roller, streaming.
struct StreamingRoller : BleRig {
    explicit StreamingRoller(const std::string& query = "?kind=witmotion", std::size_t samples = 20)
        : BleRig({witmotion(true)}, "ble:" + kRoller + query, samples) {}
};

}  // namespace

TEST_CASE("a WitMotion roller over BlueZ: found, connected, its passes counted from the trace",
          "[integration][ble]") {
    BleRig rig({witmotion()}, "ble:" + kRoller + "?kind=witmotion&axis=x", 0);
    SensorStation& station = rig.station;
    wait_for_link(station, true, 1);
    // The whole 10 s trace, every notification a sample.
    wait_for_samples(station, 1000, Millis{15000});
    station.pump();
    const core::SensorState& s = station.sensor(kId);
    CHECK(s.connected);
    REQUIRE(s.hello);
    CHECK(s.hello->measures_rotation);
    CHECK(s.counters.lines == 1000);
    CHECK(s.counters.bad_lines() == 0);
    // Timed on arrival here, not on the trace's clock: a pass every 2 s, give or take the bus.
    CHECK(s.motion.totals().passes == 4);
    REQUIRE(s.motion.recent_seconds_per_pass());
    CHECK(*s.motion.recent_seconds_per_pass() == Approx(2.0).margin(0.25));
    // Battery from the standard battery service, signal strength from the scan.
    CHECK(s.battery_pct == 80);
    CHECK(s.rssi_dbm == -58);
}

TEST_CASE("a Progressor over BlueZ: started by its command, force and battery from the trace",
          "[integration][ble]") {
    BleRig rig({progressor()}, "ble:any?kind=progressor", 0);
    SensorStation& station = rig.station;
    wait_for_link(station, true, 1);
    wait_for_samples(station, 480, Millis{10000});
    station.pump();
    const core::SensorState& s = station.sensor(kId);
    CHECK(s.counters.bad_lines() == 0);
    CHECK(s.counters.seq_restarts == 0);  // the gauge's clock wrapped and still ran forward
    CHECK(s.motion.totals().peak_force == Approx(30 * core::kStandardGravity).margin(3));
    CHECK(s.battery_pct == 67);
    // "Start weight measurement", then "battery voltage", written to the command characteristic.
    const std::string out = rig.bluez.output();
    CHECK(out.find("write " + kGauge + " 65\n") != std::string::npos);
    CHECK(out.find("write " + kGauge + " 6f\n") != std::string::npos);
}

TEST_CASE("the first device of a kind is taken, whatever else is near", "[integration][ble]") {
    FakeDevice other{"AA:BB:CC:00:00:09", "other", "Heart rate", -40, "", false};
    BleRig rig({other, witmotion(), progressor()}, "ble:any?kind=progressor", 10);
    CHECK(rig.station.sensor(kId).hello->measures_force);
}

TEST_CASE("a BLE sensor that walks away and comes back resumes within seconds",
          "[integration][ble]") {
    StreamingRoller rig("?kind=witmotion&axis=x", 50);
    SensorStation& station = rig.station;
    FakeBluez& bluez = rig.bluez;

    bluez.command("remove " + kRoller);
    wait_for_link(station, false, 1);
    station.pump();
    const std::size_t before = station.samples[kId].size();
    CHECK_FALSE(station.sensor(kId).connected);

    bluez.command("add " + kRoller);
    const auto back = std::chrono::steady_clock::now();
    wait_for_link(station, true, 2, Millis{3000});
    wait_for_samples(station, before + 50, Millis{3000});
    INFO("resumed after "
         << std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - back).count()
         << " ms");
    CHECK(station.sensor(kId).connected);
    CHECK(station.sensor(kId).counters.bad_lines() == 0);
}

TEST_CASE("an adapter powered off and on again: the link goes down and comes back",
          "[integration][ble]") {
    StreamingRoller rig;
    SensorStation& station = rig.station;
    FakeBluez& bluez = rig.bluez;

    bluez.command("power off");
    wait_for_link(station, false, 1);
    require_eventually("the powered-off problem", [&] {
        for (const auto& p : station.problems()) {
            if (p.find("powered off") != std::string::npos)
                return true;
        }
        return false;
    });
    bluez.command("power on");
    wait_for_link(station, true, 2, Millis{3000});
    const std::size_t before = station.samples[kId].size();
    wait_for_samples(station, before + 20, Millis{3000});
}

TEST_CASE("bluetoothd started after the kiosk is found when it comes", "[integration][ble]") {
    TempDir dir;
    PrivateBus bus(dir.path());
    SensorStation station({{kId, spec("ble:" + kRoller + "?kind=witmotion")}});
    require_eventually("a problem saying BlueZ is missing",
                       [&] { return !station.problems().empty(); });
    CHECK(station.problems().front().find("BlueZ") != std::string::npos);
    FakeBluez bluez(dir.path(), {witmotion(true)});
    wait_for_link(station, true, 1, Millis{12000});
    wait_for_samples(station, 20);
}

TEST_CASE("hostile notifications are counted and dropped, the stream carries on",
          "[integration][ble]") {
    StreamingRoller rig;
    SensorStation& station = rig.station;
    FakeBluez& bluez = rig.bluez;
    bluez.command("hostile " + kRoller);
    const std::size_t before = station.samples[kId].size();
    wait_for_samples(station, before + 50);
    const core::SensorState& s = station.sensor(kId);
    CHECK(s.counters.bad_lines() + s.counters.garbage_bytes > 0);
    CHECK(s.connected);
    CHECK(station.link_count(kId, false) == 0);
}

}  // namespace rs::itest
