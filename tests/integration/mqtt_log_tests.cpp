// What the station's log says of a broker that goes wrong, on a real mosquitto: a broker that
// stops answering is named as a keepalive timeout, and a broker restarted again and again is one
// line, not a line per disconnect. Every line is one line.
#include <catch2/catch.hpp>

#include <csignal>

#include "integration/broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {

TEST_CASE("mqtt log: a broker that stops answering is named as a keepalive timeout",
          "[integration][mqtt][log]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    mqtt::LinkSettings settings = link_settings(broker.port(), dir / "station.db");
    settings.broker->keepalive_s = 5;  // libmosquitto's least
    LogCapture log;
    io::IoThread io;
    mqtt::StationLink link(io, settings, log.sink());
    require_eventually("the link to connect", [&] { return link.status().connected; });

    ::kill(broker.pid(), SIGSTOP);  // up, holding its sockets, answering nothing
    require_eventually(
        "the keepalive to run out",
        [&] { return !log.containing("within the keepalive of 5 s").empty(); }, Millis{15'000});
    ::kill(broker.pid(), SIGCONT);
    INFO(log.joined());
    CHECK(log.containing("Unknown error").empty());
    require_eventually(
        "the link to connect again", [&] { return link.status().connected; }, Millis{15'000});
}

TEST_CASE("mqtt log: a broker restarted again and again is told once, not once a disconnect",
          "[integration][mqtt][log]") {
    TempDir dir;
    Broker broker(dir);
    broker.start();
    LogCapture log;
    io::IoThread io;
    mqtt::StationLink link(io, link_settings(broker.port(), dir / "station.db"), log.sink());
    for (int restart = 0; restart < 4; ++restart) {
        require_eventually(
            "the link to connect", [&] { return link.status().connected; }, Millis{10'000});
        broker.stop();
        require_eventually("the link to see it", [&] { return !link.status().connected; });
        broker.start();
    }
    require_eventually(
        "the link to connect", [&] { return link.status().connected; }, Millis{10'000});
    INFO(log.joined());
    CHECK(log.containing("lost the broker").size() == 1);
    CHECK(log.containing("cannot reach the broker").size() <= 1);
    for (const auto& line : log.lines())
        CHECK(line.find('\n') == std::string::npos);
}

}  // namespace rs::itest
