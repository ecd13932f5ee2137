// Rollers on the network: datagrams on a loopback socket reach the sensor they belong to, a
// line never continues across datagrams, and a socket that cannot be had is reported, not fatal.
#include <catch2/catch.hpp>

#include "integration/support.hpp"

namespace rs::itest {
namespace {

using core::EventType;
using Profile = core::SimProfile;

std::string udp_source(const std::string& host, int port) {
    const bool v6 = host.find(':') != std::string::npos;
    return "udp:" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

TEST_CASE("datagrams of one or more lines reach the one sensor on a UDP port",
          "[integration][udp]") {
    const int port = free_udp_port();
    SensorStation station({{"roller", spec(udp_source("127.0.0.1", port))}});
    REQUIRE(station.errors().empty());
    UdpSender device_socket("127.0.0.1", port);

    Device device(Profile::steady, "net-roller-7");
    SECTION("many lines to a datagram") {
        station.feed("roller", device, 20.0,
                     [&](std::string_view bytes) { device_socket.send_lines(bytes, 25); });
    }
    SECTION("one line to a datagram") {
        station.feed("roller", device, 20.0,
                     [&](std::string_view bytes) { device_socket.send_lines(bytes, 1); });
    }
    SECTION("one line to a datagram, without its line end (a common firmware habit)") {
        station.feed("roller", device, 20.0, [&](std::string_view bytes) {
            while (!bytes.empty()) {
                const auto nl = bytes.find('\n');
                const std::string_view line = bytes.substr(0, nl);
                device_socket.send(line);
                bytes.remove_prefix(nl == std::string_view::npos ? bytes.size() : nl + 1);
            }
        });
    }

    const core::SensorState& s = station.sensor("roller");
    CHECK(s.connected);
    REQUIRE(s.hello);
    // With a single sensor on the port, any device is taken as it, whatever its id.
    CHECK(s.hello->device_id == "net-roller-7");
    CHECK(station.samples["roller"].size() == device.sim.samples_sent());
    CHECK(s.counters.lines == device.sim.samples_sent() + station.hellos["roller"].size());
    CHECK(s.counters.bad_lines() == 0);
    CHECK(s.counters.garbage_bytes == 0);
    CHECK(s.counters.lost_samples == 0);
    CHECK(s.motion.totals().passes >= 5);
    CHECK(s.motion.totals().passes <= 7);
    REQUIRE(s.motion.totals().seconds_per_pass());
    CHECK(*s.motion.totals().seconds_per_pass() == Approx(3.0).margin(0.2));
    CHECK(station.event_count(EventType::sensor_connected, "roller") == 1);
    CHECK(station.links.empty());  // UDP has no link to go up or down
}

TEST_CASE("two sensors on one UDP port are told apart by the device_id of each sender's hello",
          "[integration][udp]") {
    const int port = free_udp_port();
    const core::SourceSpec shared = spec(udp_source("127.0.0.1", port));
    SensorStation station({{"left-roller", shared}, {"right-roller", shared}});
    REQUIRE(station.errors().empty());

    // Right first in the datagrams' order of arrival, left first in the configuration.
    UdpSender right_socket("127.0.0.1", port);
    UdpSender left_socket("127.0.0.1", port);
    Device right(Profile::fast, "right-roller", 2);
    Device left(Profile::steady, "left-roller", 3);

    // A sender that never says hello, and one whose hello names no configured sensor: neither
    // may be taken for one of them.
    UdpSender stranger_socket("127.0.0.1", port);
    UdpSender unknown_socket("127.0.0.1", port);
    Device unknown(Profile::heavy, "kitchen-scale", 4);
    const std::string stranger_bytes =
        core::wire::frame("RSDAT,0,0,0,9999") + core::wire::frame("RSDAT,1,10,5000,9999");

    for (int second = 1; second <= 12; ++second) {
        stranger_socket.send(stranger_bytes);
        unknown_socket.send_lines(unknown.until(second), 10);
        station.feed("right-roller", right, second,
                     [&](std::string_view bytes) { right_socket.send_lines(bytes, 10); });
        station.feed("left-roller", left, second,
                     [&](std::string_view bytes) { left_socket.send_lines(bytes, 10); });
    }

    const core::SensorState& l = station.sensor("left-roller");
    const core::SensorState& r = station.sensor("right-roller");
    REQUIRE(l.hello);
    REQUIRE(r.hello);
    CHECK(l.hello->device_id == "left-roller");
    CHECK(r.hello->device_id == "right-roller");
    CHECK(l.connected);
    CHECK(r.connected);
    // Each sensor has exactly its own device's samples: nothing from the other, nor strangers.
    CHECK(station.samples["left-roller"].size() == left.sim.samples_sent());
    CHECK(station.samples["right-roller"].size() == right.sim.samples_sent());
    for (const auto& sensor : {"left-roller", "right-roller"}) {
        for (const auto& sample : station.samples[sensor]) {
            REQUIRE(sample.force_dn);
            // About 220 N: neither the stranger's 999.9 N nor the heavy scale's 480 N.
            CHECK(*sample.force_dn < 3000);
        }
    }
    CHECK(l.counters.bad_lines() == 0);
    CHECK(r.counters.bad_lines() == 0);
    CHECK(l.counters.lost_samples == 0);
    CHECK(r.counters.lost_samples == 0);
    // Steady on the left: 3 s a pass; fast on the right: 1 s a pass.
    REQUIRE(l.motion.totals().seconds_per_pass());
    REQUIRE(r.motion.totals().seconds_per_pass());
    CHECK(*l.motion.totals().seconds_per_pass() == Approx(3.0).margin(0.2));
    CHECK(*r.motion.totals().seconds_per_pass() == Approx(1.0).margin(0.1));
    CHECK(l.motion.totals().passes == 3);
    CHECK(r.motion.totals().passes >= 10);
    CHECK(station.event_count(EventType::sensor_connected, "left-roller") == 1);
    CHECK(station.event_count(EventType::sensor_connected, "right-roller") == 1);
}

TEST_CASE("a line split across two datagrams is not glued together", "[integration][udp]") {
    const int port = free_udp_port();
    SensorStation station({{"roller", spec(udp_source("127.0.0.1", port))}});
    UdpSender device_socket("127.0.0.1", port);
    const auto c = [&]() -> const core::wire::Counters& {
        return station.sensor("roller").counters;
    };

    device_socket.send(core::wire::frame("RSHEL,split-roller,fw-2,RF,471"));
    station.wait_for_frames("roller", 0, 1);
    REQUIRE(c().lines == 1);

    const std::string line = core::wire::frame("RSDAT,0,0,0,2200");
    const std::string head = line.substr(0, 10);  // "$RSDAT,0,0"
    const std::string tail = line.substr(10);     // ",0,2200*HH\n"
    device_socket.send(head);
    require_eventually("the half line to be counted bad", [&] {
        station.pump();
        return c().bad_lines() == 1;
    });
    CHECK(c().malformed == 1);
    device_socket.send(tail);
    require_eventually("the other half to be counted as garbage", [&] {
        station.pump();
        return c().garbage_bytes == tail.size() - 1;  // all but its line end
    });
    CHECK(c().lines == 1);  // had the halves been glued, this would be a good line

    device_socket.send(core::wire::frame("RSDAT,1,10,0,2200"));
    station.wait_for_frames("roller", 1, 1);
    CHECK(c().lines == 2);
    CHECK(c().bad_lines() == 1);
    CHECK(c().lost_samples == 0);
    REQUIRE(station.samples["roller"].size() == 1);
    CHECK(station.samples["roller"].front().seq == 1);
    CHECK(station.sensor("roller").connected);
}

TEST_CASE("a UDP source that cannot start is reported, and the others still run",
          "[integration][udp]") {
    const int working_port = free_udp_port();
    std::vector<sensors::SensorBinding> bindings{
        {"working", spec(udp_source("127.0.0.1", working_port))}};
    std::string expected;

    SECTION("the port is held by a socket without SO_REUSEADDR") {
        boost::asio::ip::udp::socket holder(
            test_io(),
            boost::asio::ip::udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
        const int held = holder.local_endpoint().port();
        bindings.push_back({"blocked", spec(udp_source("127.0.0.1", held))});
        expected = "in use";

        SensorStation station(bindings);
        REQUIRE(station.errors().size() == 1);
        CHECK_THAT(station.errors().front(),
                   Catch::Contains("could not start") &&
                       Catch::Contains(expected, Catch::CaseSensitive::No));
        UdpSender device_socket("127.0.0.1", working_port);
        Device device(Profile::steady);
        station.feed("working", device, 2.0,
                     [&](std::string_view bytes) { device_socket.send_lines(bytes, 10); });
        CHECK(station.sensor("working").connected);
        CHECK_FALSE(station.sensor("blocked").connected);
    }

    SECTION("the address is not an address: refused before anything starts") {
        const std::string text = GENERATE(as<std::string>{}, "udp:256.1.1.1:5005",
                                          "udp:localhost:5005", "udp:not-an-address:5005");
        INFO(text);
        const core::SpecParse parsed = core::parse_source(text);
        CHECK_FALSE(parsed.spec.has_value());
        CHECK_THAT(parsed.error, Catch::Contains("listen on an IP address"));
    }
}

TEST_CASE("a UDP sensor can listen on the IPv6 loopback", "[integration][udp]") {
    int port = 0;
    try {
        port = free_udp_port("::1");
    } catch (const std::exception& e) {
        WARN("no IPv6 loopback here (" << e.what() << "); nothing to test");
        return;
    }
    SensorStation station({{"roller", spec(udp_source("::1", port))}});
    REQUIRE(station.errors().empty());
    UdpSender device_socket("::1", port);
    Device device(Profile::fast);
    station.feed("roller", device, 4.0,
                 [&](std::string_view bytes) { device_socket.send_lines(bytes, 10); });
    const core::SensorState& s = station.sensor("roller");
    CHECK(s.connected);
    CHECK(s.counters.bad_lines() == 0);
    REQUIRE(s.motion.totals().seconds_per_pass());
    CHECK(*s.motion.totals().seconds_per_pass() == Approx(1.0).margin(0.1));
}

}  // namespace rs::itest
