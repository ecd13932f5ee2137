// The worked TLS example (docs/dashboard.md): certificates from scripts/broker-certificates,
// the broker on config/mosquitto/rollstation-tls.conf. A station that trusts the facility's
// authority signs in over TLS and delivers its events; one that trusts nothing in particular
// is turned away at the handshake; the dashboard's page is served on its own listener.
#include <catch2/catch.hpp>

#include "integration/shipped_broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

std::filesystem::path make_certificates(const TempDir& dir,
                                        const std::vector<std::string>& names = {"localhost",
                                                                                 "127.0.0.1"}) {
    const auto out = dir / "tls";
    std::vector<std::string> argv{
        "/bin/bash",
        (std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "scripts/broker-certificates").string(),
        out.string()};
    argv.insert(argv.end(), names.begin(), names.end());
    ChildProcess make(argv, dir.path(), "broker-certificates");
    INFO(make.describe());
    REQUIRE(make.wait_for_exit(Millis{30'000}) == 0);
    return out;
}

mqtt::LinkSettings roller_1(int port, const TempDir& dir, const std::string& ca_file) {
    mqtt::LinkSettings s = link_settings(port, dir / "roller-1.db", "roller-1");
    s.topics.facility = "northside";
    s.broker->username = "roller-1";
    s.broker->password = "pw-r1";
    s.broker->ca_file = ca_file;
    return s;
}

}  // namespace

TEST_CASE("the TLS example: stations sign in over TLS with the facility's certificate authority",
          "[integration][acl][tls]") {
    TempDir dir;
    const auto tls = make_certificates(dir);
    std::ofstream(dir / "index.html") << "<!doctype html><title>dashboard</title>\n";
    ShippedBroker broker(
        dir, "rollstation-tls.conf", "acl", {{"roller-1", "pw-r1"}},
        {"cafile=" + (tls / "ca.crt").string(), "certfile=" + (tls / "broker.crt").string(),
         "keyfile=" + (tls / "broker.key").string()});
    REQUIRE(broker.ports().size() == 3);

    SECTION("trusting the facility's authority, the station's events are delivered") {
        LogCapture log;
        io::IoThread io;
        mqtt::StationLink link(io, roller_1(broker.port(), dir, (tls / "ca.crt").string()),
                               log.sink());
        for (const auto& [event, id] : synthetic_session(1))
            link.record(event, id);
        require_eventually("the events acknowledged over TLS", [&] {
            const auto s = link.status();
            return s.connected && s.outbox_depth == 0;
        });
        CHECK(log.containing("refused").empty());
    }
    SECTION("reached by its name, the certificate is checked against that name") {
        // The station connects to the address it looked up, and still checks the name.
        LogCapture log;
        io::IoThread io;
        mqtt::LinkSettings settings = roller_1(broker.port(), dir, (tls / "ca.crt").string());
        settings.broker->host = "localhost";
        mqtt::StationLink link(io, settings, log.sink());
        for (const auto& [event, id] : synthetic_session(1))
            link.record(event, id);
        require_eventually("the events acknowledged over TLS, by name", [&] {
            const auto s = link.status();
            return s.connected && s.outbox_depth == 0;
        });
    }
    SECTION("trusting another authority, the station is turned away and says why") {
        TempDir other;
        const auto stranger = make_certificates(other);
        LogCapture log;
        io::IoThread io;
        mqtt::StationLink link(io, roller_1(broker.port(), dir, (stranger / "ca.crt").string()),
                               log.sink());
        require_eventually("the TLS failure in the log",
                           [&] { return !log.containing("TLS").empty(); });
        CHECK_FALSE(link.status().connected);
    }
    SECTION("the secure WebSockets and the page listeners are up") {
        CHECK(tcp_accepts(broker.ports()[1]));
        CHECK(tcp_accepts(broker.ports()[2]));
    }
}

TEST_CASE("TLS by name: a certificate for another name is refused, even from the right address",
          "[integration][acl][tls]") {
    TempDir dir;
    // Signed by the authority the station trusts, for the broker's address but not its name.
    const auto tls = make_certificates(dir, {"elsewhere.test", "127.0.0.1"});
    ShippedBroker broker(
        dir, "rollstation-tls.conf", "acl", {{"roller-1", "pw-r1"}},
        {"cafile=" + (tls / "ca.crt").string(), "certfile=" + (tls / "broker.crt").string(),
         "keyfile=" + (tls / "broker.key").string()});
    LogCapture log;
    io::IoThread io;
    mqtt::LinkSettings settings = roller_1(broker.port(), dir, (tls / "ca.crt").string());
    settings.broker->host = "localhost";
    mqtt::StationLink link(io, settings, log.sink());
    require_eventually("the TLS failure in the log",
                       [&] { return !log.containing("TLS").empty(); });
    CHECK_FALSE(link.status().connected);
}

}  // namespace rs::itest
