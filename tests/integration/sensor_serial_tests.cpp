// A roller on a serial port, played by a real pseudo-terminal: the SensorHub opens it through a
// symlink, parses what arrives, notices the unplug and finds the device again by itself.
#include <catch2/catch.hpp>

#include "integration/support.hpp"

namespace rs::itest {
namespace {

using core::EventType;
using Profile = core::SimProfile;

const std::string kId = "roller";

SensorStation serial_station(const std::filesystem::path& link) {
    return SensorStation({{kId, spec(serial_source(link))}});
}

void wait_for_link(SensorStation& station, bool up, int count) {
    require_eventually(std::string("SensorLink{up=") + (up ? "true" : "false") + "} number " +
                           std::to_string(count),
                       [&] {
                           station.pump();
                           return station.link_count(kId, up) >= count;
                       });
}

// A roller plugged in on a pseudo-terminal behind the symlink the station opens, its link up.
struct PluggedRoller {
    PluggedRoller() { wait_for_link(station, true, 1); }
    TempDir dir;
    const std::filesystem::path link = dir / "roller";
    tools::PseudoTerminal pty{link};
    SensorStation station = serial_station(link);
};

}  // namespace

TEST_CASE_METHOD(PluggedRoller,
                 "a serial roller's steady rolling arrives whole: passes, tempo, no bad lines",
                 "[integration][serial]") {
    REQUIRE(station.errors().empty());

    Device device(Profile::steady);
    station.feed(kId, device, 20.0, into(pty));

    const core::SensorState& s = station.sensor(kId);
    CHECK(s.connected);
    REQUIRE(s.hello);
    CHECK(s.hello->device_id == "sim-roller");
    CHECK(s.hello->firmware == "sim-1.0");
    CHECK(s.hello->circumference_mm == 471);
    // Samples every 10 ms for 20 s, a hello every 5 s: every one of them taken.
    CHECK(station.hellos[kId].size() >= 4);
    CHECK(station.samples[kId].size() == device.sim.samples_sent());
    CHECK(s.counters.lines == device.sim.samples_sent() + station.hellos[kId].size());
    CHECK(s.counters.bad_lines() == 0);
    CHECK(s.counters.garbage_bytes == 0);
    CHECK(s.counters.lost_samples == 0);
    // A pass every 3 s: the sixth ends at 18 s and is seen turning back by 18.3 s.
    const core::MotionTotals& t = s.motion.totals();
    CHECK(t.passes >= 5);
    CHECK(t.passes <= 7);
    REQUIRE(t.seconds_per_pass());
    CHECK(*t.seconds_per_pass() == Approx(3.0).margin(0.2));
    REQUIRE(s.motion.recent_seconds_per_pass());
    CHECK(*s.motion.recent_seconds_per_pass() == Approx(3.0).margin(0.2));
    CHECK(station.event_count(EventType::sensor_connected, kId) == 1);
    CHECK(station.event_count(EventType::sensor_lost, kId) == 0);
    CHECK(station.link_count(kId, false) == 0);
}

TEST_CASE_METHOD(
    PluggedRoller,
    "a serial roller sending garbage: the passes still come out right, bad lines counted",
    "[integration][serial]") {
    Device device(Profile::garbage);
    station.feed(kId, device, 20.0, into(pty));

    const core::SensorState& s = station.sensor(kId);
    CHECK(s.connected);
    REQUIRE(device.sim.corrupted_lines() > 0);
    // Every corrupted checksum is caught, and every other frame is taken.
    CHECK(s.counters.bad_checksum == device.sim.corrupted_lines());
    CHECK(station.samples[kId].size() == device.sim.samples_sent() - device.sim.corrupted_lines());
    CHECK(s.counters.bad_lines() > 0);
    CHECK(s.counters.garbage_bytes > 0);
    const core::MotionTotals& t = s.motion.totals();
    CHECK(t.passes >= 5);
    CHECK(t.passes <= 7);
    REQUIRE(t.seconds_per_pass());
    CHECK(*t.seconds_per_pass() == Approx(3.0).margin(0.2));
}

TEST_CASE("unplugging a serial roller is noticed, and plugging it back in is found by itself",
          "[integration][serial]") {
    TempDir dir;
    const auto link = dir / "roller";
    auto pty = std::make_unique<tools::PseudoTerminal>(link);
    SensorStation station = serial_station(link);
    wait_for_link(station, true, 1);

    Device first(Profile::steady);
    station.feed(kId, first, 5.0, into(*pty));
    REQUIRE(station.sensor(kId).connected);
    REQUIRE(station.event_count(EventType::sensor_connected, kId) == 1);

    SECTION("pulled out: the link goes down and the kiosk shows the sensor lost") {
        pty.reset();  // the symlink goes, then both ends close: a reader gets EIO
        REQUIRE_FALSE(std::filesystem::exists(std::filesystem::symlink_status(link)));
        wait_for_link(station, false, 1);
        CHECK_FALSE(station.sensor(kId).connected);
        CHECK(station.event_count(EventType::sensor_lost, kId) == 1);

        // Plugged back in at the same place: the source retries on its own (from 100 ms).
        pty = std::make_unique<tools::PseudoTerminal>(link);
        wait_for_link(station, true, 2);
        CHECK_FALSE(station.sensor(kId).connected);  // linked, but nothing said yet

        // The device rebooted: its clock, position and sequence start afresh.
        Device second(Profile::steady);
        const std::uint64_t lines_before = station.sensor(kId).counters.lines;
        const std::size_t hellos_before = station.hellos[kId].size();
        station.feed(kId, second, 7.0, into(*pty));
        const core::SensorState& s = station.sensor(kId);
        CHECK(s.connected);
        CHECK(station.event_count(EventType::sensor_connected, kId) == 2);
        CHECK(station.event_count(EventType::sensor_lost, kId) == 1);
        CHECK(station.hellos[kId].size() == hellos_before + 2);  // at 0 s and 5 s
        CHECK(s.counters.lines == lines_before + second.sim.samples_sent() + 2);
        CHECK(s.counters.bad_lines() == 0);
        CHECK(s.counters.lost_samples == 0);
        // One pass before the unplug (3 s) and two after (3 s, 6 s); the reconnect is no pass.
        CHECK(s.motion.totals().passes == 3);
        REQUIRE(s.motion.totals().seconds_per_pass());
        CHECK(*s.motion.totals().seconds_per_pass() == Approx(3.0).margin(0.2));
        CHECK(station.link_count(kId, false) == 1);
    }

    SECTION("unplugged and replugged twice: each time down, then up again") {
        for (int round = 1; round <= 2; ++round) {
            pty.reset();
            wait_for_link(station, false, round);
            pty = std::make_unique<tools::PseudoTerminal>(link);
            wait_for_link(station, true, round + 1);
            Device again(Profile::steady);
            station.feed(kId, again, 1.0, into(*pty));
            CHECK(station.sensor(kId).connected);
        }
        CHECK(station.event_count(EventType::sensor_connected, kId) == 3);
        CHECK(station.event_count(EventType::sensor_lost, kId) == 2);
    }
}

TEST_CASE("a serial device that does not exist yet is picked up when it appears",
          "[integration][serial]") {
    TempDir dir;
    const auto link = dir / "later";
    SensorStation station = serial_station(link);
    // A missing device is not a start error: the source keeps looking.
    CHECK(station.errors().empty());
    station.pump();
    CHECK(station.links.empty());
    CHECK_FALSE(station.sensor(kId).connected);

    tools::PseudoTerminal pty(link);
    wait_for_link(station, true, 1);
    Device device(Profile::steady);
    station.feed(kId, device, 4.0, into(pty));
    const core::SensorState& s = station.sensor(kId);
    CHECK(s.connected);
    CHECK(s.counters.bad_lines() == 0);
    CHECK(s.motion.totals().passes == 1);
    CHECK(station.event_count(EventType::sensor_connected, kId) == 1);
}

}  // namespace rs::itest
