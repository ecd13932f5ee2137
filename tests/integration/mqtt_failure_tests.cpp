// A broker the station cannot use: wrong credentials, TLS against a plain listener, a CA file
// that is not there, a host name that does not resolve. In each case the link keeps running,
// keeps every event, and says what is wrong in one log line however often it retries.
#include <catch2/catch.hpp>

#include "integration/broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {
namespace {

// One station link that cannot get through, on an I/O thread of its own.
struct FailingLink {
    FailingLink(std::string name, mqtt::LinkSettings settings) : name(std::move(name)) {
        link = std::make_unique<mqtt::StationLink>(*io, std::move(settings), log.sink());
        for (int k = 0; k < 2; ++k) {
            for (const auto& [event, id] : synthetic_session(k, this->name))
                link->record(event, id);
        }
    }
    std::string name;
    LogCapture log;  // outlives the link, which logs into it
    std::unique_ptr<io::IoThread> io = std::make_unique<io::IoThread>();
    std::unique_ptr<mqtt::StationLink> link;
};

mqtt::LinkSettings settings_for(const TempDir& dir, int port, const std::string& station) {
    return link_settings(port, dir / (station + ".db"), station);
}

// A self-signed certificate: a CA file that exists and holds a certificate.
std::filesystem::path make_ca_file(const TempDir& dir) {
    const auto cert = dir / "ca.pem";
    ChildProcess openssl(
        {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", (dir / "ca.key").string(), "-out",
         cert.string(), "-days", "1", "-subj", "/CN=rollstation-itest"},
        dir.path(), "openssl");
    const auto code = openssl.wait_for_exit(kDeadline);
    INFO(openssl.describe());
    REQUIRE(code == 0);
    return cert;
}

}  // namespace

TEST_CASE(
    "mqtt: a broker the station cannot use: the link runs on, keeps its events and logs "
    "each reason once",
    "[integration][mqtt]") {
    TempDir dir;
    Broker secured(
        dir,
        [&] {
            BrokerOptions o;
            o.password_file = make_password_file(dir, "station", "right-password");
            return o;
        }(),
        "secured");
    secured.start();
    Broker plain(dir, {}, "plain");
    plain.start();
    const auto ca_file = make_ca_file(dir);

    // All at once: they retry on the same schedule, so the slowest decides how long this takes.
    std::vector<std::unique_ptr<FailingLink>> links;
    const auto add = [&](const std::string& station, auto&& adjust) {
        mqtt::LinkSettings s = settings_for(dir, 0, station);
        adjust(s, *s.broker);
        links.push_back(std::make_unique<FailingLink>(station, std::move(s)));
        return links.back().get();
    };
    FailingLink* password5 = add("password-v5", [&](mqtt::LinkSettings&, mqtt::ClientSettings& c) {
        c.port = secured.port();
        c.username = "station";
        c.password = "wrong-password";
    });
    FailingLink* password3 =
        add("password-v311", [&](mqtt::LinkSettings&, mqtt::ClientSettings& c) {
            c.port = secured.port();
            c.username = "station";
            c.password = "wrong-password";
            c.v5 = false;
        });
    FailingLink* tls_plain = add("tls-to-plain", [&](mqtt::LinkSettings&, mqtt::ClientSettings& c) {
        c.port = plain.port();
        c.ca_file = ca_file.string();
    });
    FailingLink* tls_no_ca = add("tls-no-ca", [&](mqtt::LinkSettings&, mqtt::ClientSettings& c) {
        c.port = plain.port();
        c.ca_file = (dir / "no-such-ca.pem").string();
    });
    FailingLink* unresolved = add("unresolved", [&](mqtt::LinkSettings&, mqtt::ClientSettings& c) {
        c.host = "no-such-host.invalid";
        c.port = plain.port();
    });

    // Several retries each: at least four refusals per credentials link, at least four TLS
    // handshakes on the plain listener (the links share one backoff schedule, so the
    // unresolvable one has retried about as often by then).
    // (The first connection to each broker is the test's own, made to see that it is up.)
    require_eventually(
        "four attempts by each link the brokers can see",
        [&] {
            return secured.log_lines_matching("not authorised") >= 2 * 4 &&
                   plain.log_lines_matching("New connection from") >= 1 + 4;
        },
        Millis{15'000});
    INFO("secured broker:\n" << secured.log() << "plain broker:\n" << plain.log());

    for (const auto& failing : links) {
        INFO(failing->name << " logged:\n" << failing->log.joined());
        require_eventually(failing->name + " to store its 6 events",
                           [&] { return failing->link->status().outbox_depth == 6; });
        const mqtt::LinkStatus status = failing->link->status();
        CHECK_FALSE(status.connected);
        CHECK(status.outbox_depth == 6);
        CHECK(status.dropped == 0);
        // One line, however many retries.
        CHECK(failing->log.lines().size() == 1);
    }
    const auto one_line = [](const FailingLink* failing) {
        const auto lines = failing->log.lines();
        return lines.empty() ? std::string{} : lines.front();
    };
    // The refusal names the credentials (the settings to check), over MQTT 5 and 3.1.1 alike.
    for (const FailingLink* refused : {password5, password3}) {
        CHECK_THAT(one_line(refused), Catch::Contains("refused"));
        CHECK_THAT(one_line(refused), Catch::Contains("password"));
    }
    CHECK_THAT(one_line(password5), Catch::Contains("Not authorized"));
    CHECK_THAT(one_line(tls_plain), Catch::Contains("TLS"));
    CHECK_THAT(one_line(tls_no_ca), Catch::Contains("TLS"));
    CHECK_THAT(one_line(unresolved), Catch::Contains("cannot resolve no-such-host.invalid"));
}

// Over 3.1.1 libmosquitto hands on_connect the 3.1.1 return code (5: not authorised), which
// only mosquitto_connack_string() can put in words.
TEST_CASE("mqtt: over MQTT 3.1.1 the refusal says the broker's reason", "[integration][mqtt]") {
    TempDir dir;
    BrokerOptions options;
    options.password_file = make_password_file(dir, "station", "right-password");
    Broker secured(dir, options, "secured");
    secured.start();
    LogCapture log;
    io::IoThread io;
    mqtt::LinkSettings settings = settings_for(dir, secured.port(), "password-v311");
    settings.broker->username = "station";
    settings.broker->password = "wrong-password";
    settings.broker->v5 = false;
    mqtt::StationLink link(io, settings, log.sink());
    require_eventually("the refusal in the log", [&] { return !log.lines().empty(); });
    const std::string line = log.lines().front();
    INFO(line);
    CHECK_THAT(line, Catch::Contains("refused"));
    CHECK_THAT(line, !Catch::Contains("Unknown reason"));
    CHECK_THAT(line, Catch::Contains("not authorised"));
}

}  // namespace rs::itest
