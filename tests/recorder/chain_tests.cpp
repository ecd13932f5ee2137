// A chain: two facilities' brokers bridge their `rollstation/<facility>/#` to a central broker
// over TLS (QoS 1, the certificates made by scripts/broker-certificates, the bridge lines of
// config/mosquitto/bridge-to-central.conf), the central broker as config/mosquitto/central.conf
// and central.acl ship it, where one recorder stores both facilities' events in PostgreSQL,
// each once; a bridge cannot write another facility's tree.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "integration/shipped_broker.hpp"
#include "kit/ports.hpp"
#include "recorder/event_store.hpp"
#include "recorder/postgres_server.hpp"

using namespace rs::rtest;

namespace {

std::filesystem::path make_certificates(const TempDir& dir) {
    const auto out = dir / "tls";
    ChildProcess make(
        {"/bin/bash",
         (std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "scripts/broker-certificates").string(),
         out.string(), "localhost", "127.0.0.1"},
        dir.path(), "broker-certificates");
    INFO(make.describe());
    REQUIRE(make.wait_for_exit(std::chrono::milliseconds(30'000)) == 0);
    return out;
}

// The shipped central ACL with this test's facilities (the link driver's is "itest").
std::filesystem::path central_acl(const TempDir& dir) {
    std::ifstream in(kShippedConfigs / "central.acl");
    std::stringstream text;
    text << in.rdbuf();
    std::string acl = std::regex_replace(text.str(), std::regex("northside"), "itest");
    acl = std::regex_replace(acl, std::regex("southside"), "south");
    const auto file = dir / "central.acl";
    std::ofstream(file) << acl;
    return file;
}

// The shipped bridge file's lines (config/mosquitto/bridge-to-central.conf), on loopback.
BrokerOptions bridged_to(int central_tls_port, const std::string& facility,
                         const std::filesystem::path& tls) {
    BrokerOptions o = persistent_broker();
    o.extra.push_back("connection " + facility + "-to-central");
    o.extra.push_back("address 127.0.0.1:" + std::to_string(central_tls_port));
    o.extra.push_back("bridge_protocol_version mqttv50");
    o.extra.push_back("cleansession false");
    o.extra.push_back("remote_clientid bridge-" + facility);
    o.extra.push_back("remote_username bridge-" + facility);
    o.extra.push_back("remote_password pw-bridge-" + facility);
    o.extra.push_back("bridge_cafile " + (tls / "ca.crt").string());
    o.extra.push_back("bridge_tls_version tlsv1.2");
    o.extra.push_back("topic rollstation/" + facility + "/# out 1");
    return o;
}

std::string event(const std::string& station, int seq) {
    return R"({"v":1,"event_id":"south-)" + std::to_string(seq) + R"(","station":")" + station +
           R"(","seq":)" + std::to_string(seq) +
           R"(,"type":"session_started","ts":"2026-06-10T08:00:00.000Z","session_id":"s)" +
           std::to_string(seq) + R"(","routine_id":"pre-run"})";
}

}  // namespace

TEST_CASE("two facilities bridged over TLS reach one PostgreSQL exactly once",
          "[recorder][chain][tls]") {
    TempDir dir;
    PostgresServer pg(dir / "pg");
    pg.start();
    const auto tls = make_certificates(dir);
    ShippedBroker central(
        dir, "central.conf", central_acl(dir).string(),
        {{"bridge-itest", "pw-bridge-itest"},
         {"bridge-south", "pw-bridge-south"},
         {"recorder", "pw-recorder"}},
        {"cafile=" + (tls / "ca.crt").string(), "certfile=" + (tls / "broker.crt").string(),
         "keyfile=" + (tls / "broker.key").string()});
    const int central_tls = central.ports().at(1);
    Broker north(dir, bridged_to(central_tls, "itest", tls), "north");
    north.start();
    Broker south(dir, bridged_to(central_tls, "south", tls), "south");
    south.start();
    const std::string uri = pg.fresh_database();
    std::ofstream(dir / "central.yaml")
        << "recorder:\n  store: " << uri << "\n"
        << "  client_id: central-recorder\n  backfill_page: 0\n"
        << "mqtt:\n  host: 127.0.0.1\n  port: " << central.port()
        << "\n  username: recorder\n  password_file: " << (dir / "recorder.password").string()
        << "\n";
    std::ofstream(dir / "recorder.password") << "pw-recorder\n";
    ChildProcess recorder(
        {ROLLSTATION_RECORDER_BINARY, "--config", (dir / "central.yaml").string()}, dir.path(),
        "central-recorder");
    require_eventually("the central recorder subscribed",
                       [&] { return recorder.err().find("subscribed") != std::string::npos; });

    // North: a station's real link. South: events published as a station would.
    ChildProcess north_station(
        {ROLLSTATION_LINK_DRIVER, (dir / "north.db").string(), std::to_string(north.port()), "30"},
        dir.path(), "north-station");
    // South's bridge account may not speak for north: the central ACL drops what it writes
    // there (the counts below would show it).
    {
        ChildProcess pub({"/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p",
                          std::to_string(central_tls), "--cafile", (tls / "ca.crt").string(), "-u",
                          "bridge-south", "-P", "pw-bridge-south", "-V", "5", "-q", "1", "-t",
                          "rollstation/itest/station/s-1/event", "-m", event("s-1", 99)},
                         dir.path(), "south-as-north");
        CHECK(pub.wait_for_exit(kDeadline).has_value());
    }
    for (int i = 0; i < 10; ++i) {
        const std::string payload = event("s-1", i);
        ChildProcess pub(
            {"/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", std::to_string(south.port()), "-V",
             "5", "-q", "1", "-t", "rollstation/south/station/s-1/event", "-m", payload},
            dir.path(), "south-pub");
        REQUIRE(pub.wait_for_exit(kDeadline) == 0);
    }
    const auto stored = [&] {
        const rs::recorder::ZoneBook zones;
        auto store = rs::recorder::open_store(uri, zones);
        return store->stations("");
    };
    require_eventually(
        "both facilities stored",
        [&] {
            const auto s = stored();
            return s.size() == 2 && s[0].events == 30 && s[1].events == 10;
        },
        std::chrono::seconds(15));
    const auto stations = stored();
    INFO(recorder.describe() << central.log());
    REQUIRE(stations.size() == 2);
    CHECK(stations[0].facility == "itest");
    CHECK(stations[0].events == 30);
    CHECK(stations[1].facility == "south");
    CHECK(stations[1].events == 10);
    const rs::recorder::ZoneBook zones;
    CHECK(rs::recorder::open_store(uri, zones)->event_count() == 40);
    // Both bridges came in over the TLS listener (mosquitto names the port of each connection).
    const std::string log = central.log();
    CHECK(log.find("on port " + std::to_string(central_tls)) != std::string::npos);
}
